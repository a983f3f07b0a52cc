"""Audit the installed runtime dependency closure of rakor-dashboard against PyPI's vulnerability data.

Why not pip-audit: it asks PyPI's per-version endpoint (/pypi/NAME/VERSION/json) or api.osv.dev; where this was
measured the first answers 404 and the second is unreachable, so pip-audit "audits" nothing and still passes. The
project endpoint (/pypi/NAME/json) does answer and lists the vulnerabilities of the latest release, each with its
fixed_in versions, plus every release's yanked flag. This tool asks the per-version endpoint first (an exact audit
wherever it works) and falls back to the project endpoint.

Exit status: 0 clean, 1 a vulnerability affects an installed version or an installed version is yanked, 2 PyPI
could not be asked about some package (the audit is incomplete, so it never passes as clean).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import re
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

try:
    from packaging.markers import default_environment
    from packaging.requirements import Requirement
    from packaging.version import InvalidVersion, Version

    HAVE_PACKAGING = True
except ImportError:  # stdlib only: markers are not evaluated, versions are compared by their numeric release
    HAVE_PACKAGING = False

ROOT = "rakor-dashboard"
INDEX_URL = "https://pypi.org/pypi"
TIMEOUT = 10
WORKERS = 8
BEHIND = "behind latest; older advisories cannot be checked from this index"


def normalize(name: str) -> str:
    """PEP 503 name, so 'Jinja2' from a Requires-Dist and 'jinja2' from metadata are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def version_key(text: str):
    """Sortable version: packaging's Version when installed, else the numeric release with pre-releases first.

    A legacy version packaging rejects (old releases have some) is ordered by its numeric release.
    """
    match = re.match(r"v?(\d+(?:\.\d+)*)(.*)", text.strip().lower())
    numbers, suffix = (match.group(1), match.group(2)) if match else ("0", "")
    if HAVE_PACKAGING:
        try:
            return Version(text)
        except InvalidVersion:
            return Version(numbers)
    release = tuple(int(part) for part in numbers.split("."))
    while release and release[-1] == 0:
        release = release[:-1]
    return release, (1 if not suffix or suffix.lstrip(".-_").startswith("post") else 0)


def _wanted(requirement: str) -> str | None:
    """The name a runtime Requires-Dist line needs here, or None when it belongs to an extra or its marker is false.

    Without packaging the markers cannot be evaluated: every non-extra requirement is kept (audit more, not less).
    """
    if HAVE_PACKAGING:
        parsed = Requirement(requirement)
        if parsed.marker is not None and not parsed.marker.evaluate({**default_environment(), "extra": ""}):
            return None
        return parsed.name
    if re.search(r"\bextra\s*==", requirement):
        return None
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return match.group(1) if match else None


def resolve_closure(root: str = ROOT, distribution: Callable = importlib.metadata.distribution) -> dict[str, str]:
    """Installed name -> version for everything root needs at run time, root itself left out (it is not on PyPI).

    A requirement that is not installed is skipped: its marker excluded it, or the install is broken and
    importing would fail long before a vulnerability mattered.
    """
    closure: dict[str, str] = {}
    pending = [root]
    seen = {normalize(root)}
    while pending:
        try:
            dist = distribution(pending.pop())
        except importlib.metadata.PackageNotFoundError:
            continue
        if normalize(dist.metadata["Name"]) != normalize(root):
            closure[normalize(dist.metadata["Name"])] = dist.version
        for name in filter(None, map(_wanted, dist.requires or [])):
            if normalize(name) not in seen:
                seen.add(normalize(name))
                pending.append(name)
    return dict(sorted(closure.items()))


class Unreachable(Exception):
    """PyPI gave no answer (network error, timeout, server error): the package was not checked."""


def fetch(url: str) -> dict | None:
    """The JSON at url, None on 404; one retry so a single dropped connection does not fail CI."""
    problem = ""
    for _ in range(2):
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            problem = f"HTTP {error.code}"
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            problem = str(getattr(error, "reason", error))
    raise Unreachable(f"{url}: {problem}")


@dataclass
class Result:
    """One package's findings; yanked holds PyPI's reason ('' when none given) and stays None when not yanked."""

    name: str
    version: str
    source: str = "-"
    vulnerabilities: list[str] = field(default_factory=list)
    yanked: str | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    def verdict(self) -> str:
        parts = [f"VULNERABLE: {', '.join(self.vulnerabilities)}"] if self.vulnerabilities else []
        if self.yanked is not None:
            parts.append(f"YANKED: {self.yanked or 'no reason given'}")
        if self.error:
            parts.append(f"NOT CHECKED: {self.error}")
        parts += [f"warning: {text}" for text in self.warnings]
        return "; ".join(parts) or "ok"


def _label(vulnerability: dict) -> str:
    """The advisory id with its CVE alias, e.g. 'PYSEC-2024-1 (CVE-2024-1)'."""
    cves = [alias for alias in vulnerability.get("aliases") or [] if alias.startswith("CVE-")]
    return f"{vulnerability['id']} ({', '.join(cves)})" if cves else vulnerability["id"]


def _live(vulnerabilities: Iterable[dict]) -> list[dict]:
    return [v for v in vulnerabilities or [] if not v.get("withdrawn")]


def _from_release_json(result: Result, data: dict) -> None:
    """Per-version JSON: its vulnerabilities and yanked flag are exactly the installed version's."""
    result.source = "version-json"
    result.vulnerabilities = [_label(v) for v in _live(data.get("vulnerabilities"))]
    if data["info"].get("yanked"):
        result.yanked = data["info"].get("yanked_reason") or ""


def _release_files(data: dict, version: str) -> list[dict] | None:
    """The installed version's files in the project JSON, matching '2.0' to '2.0.0' as pip would."""
    key = version_key(version)
    for listed, files in data.get("releases", {}).items():
        if listed == version or version_key(listed) == key:
            return files
    return None


def _from_project_json(result: Result, data: dict) -> None:
    """Project JSON: latest's vulnerabilities, applied to an older install through each one's fixed_in."""
    latest = data["info"]["version"]
    installed = version_key(result.version)
    exact = installed == version_key(latest)
    result.source = "project-json (latest)" if exact else "project-json (not latest)"
    for vulnerability in _live(data.get("vulnerabilities")):
        fixes = [version_key(v) for v in vulnerability.get("fixed_in") or []]
        if exact or all(fix > installed for fix in fixes):
            result.vulnerabilities.append(_label(vulnerability))
        elif any(fix > installed for fix in fixes):
            result.warnings.append(
                f"{_label(vulnerability)} fixed in {', '.join(vulnerability['fixed_in'])}: "
                "cannot tell whether the installed branch has the fix"
            )
    if installed < version_key(latest):
        result.warnings.append(f"latest is {latest}, {BEHIND}")
    files = _release_files(data, result.version)
    if files is None:
        result.warnings.append("installed version is not among PyPI's releases")
    elif files and all(f.get("yanked") for f in files):
        result.yanked = files[0].get("yanked_reason") or ""


def audit_package(name: str, version: str, index_url: str = INDEX_URL) -> Result:
    """One package's verdict: per-version JSON when the index has it, else the project JSON."""
    result = Result(name, version)
    base = index_url.rstrip("/")
    try:
        data = fetch(f"{base}/{name}/{version}/json")
        if data is not None:
            _from_release_json(result, data)
            return result
        data = fetch(f"{base}/{name}/json")
    except Unreachable as error:
        result.error = str(error)
        return result
    if data is None:
        result.source = "none"
        result.warnings.append("not on this index: not audited")
    else:
        _from_project_json(result, data)
    return result


def audit(closure: dict[str, str], index_url: str = INDEX_URL) -> list[Result]:
    """Every package of the closure, a few at a time (about 60 packages, two requests each)."""
    with ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(lambda item: audit_package(*item, index_url), sorted(closure.items())))


def report(results: list[Result], seconds: float, out=sys.stdout) -> int:
    """One line per package, a summary, and the exit status."""
    name_width = max((len(r.name) for r in results), default=0)
    version_width = max((len(r.version) for r in results), default=0)
    for r in results:
        print(f"{r.name:<{name_width}}  {r.version:<{version_width}}  {r.source:<25}  {r.verdict()}", file=out)
    unchecked = sum(r.error is not None for r in results)
    vulnerable = sum(bool(r.vulnerabilities) for r in results)
    yanked = sum(r.yanked is not None for r in results)
    warned = sum(bool(r.warnings) for r in results)
    sources = ", ".join(f"{s}: {n}" for s, n in sorted(Counter(r.source for r in results if r.error is None).items()))
    print(
        f"\n{len(results)} packages, {len(results) - unchecked} checked in {seconds:.1f} s ({sources or 'none'}); "
        f"{vulnerable} vulnerable, {yanked} yanked, {warned} with warnings, {unchecked} not checked",
        file=out,
    )
    if vulnerable or yanked:
        print("FAILED: an installed version is vulnerable or yanked", file=out)
        return 1
    if unchecked:
        what = "at all" if unchecked == len(results) else f"for {unchecked} packages"
        print(f"INCOMPLETE: PyPI could not be reached {what}; nothing is known about those packages", file=out)
        return 2
    return 0


def main(argv: list[str] | None = None, closure: dict[str, str] | None = None, out=sys.stdout) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-url", default=INDEX_URL, help=f"JSON API base (default {INDEX_URL})")
    args = parser.parse_args(argv)
    start = time.monotonic()
    if closure is None:
        closure = resolve_closure()
    if not closure:
        print(f"no installed dependencies of {ROOT} found: is it installed in this environment?", file=out)
        return 2
    return report(audit(closure, args.index_url), time.monotonic() - start, out)


if __name__ == "__main__":
    sys.exit(main())
