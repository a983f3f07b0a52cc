"""tools/audit_dependencies.py against a local stand-in for PyPI's JSON API: no network, no dependence on the venv."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import io
import json
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest

TOOL = Path(__file__).resolve().parents[2] / "tools" / "audit_dependencies.py"


@pytest.fixture(scope="module")
def tool():
    """The tool as a module (tools/ is no package); registered so its dataclass resolves its own module."""
    spec = importlib.util.spec_from_file_location("audit_dependencies", TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def vuln(ident, fixed_in, withdrawn=None):
    return {
        "id": ident,
        "aliases": [f"CVE-{ident}"],
        "summary": "",
        "details": "",
        "fixed_in": fixed_in,
        "link": "",
        "withdrawn": withdrawn,
    }


def project(latest, vulnerabilities=(), yanked=()):
    """Project JSON: vulnerabilities are the latest release's, as PyPI documents them."""
    versions = {"0.9", "1.0", latest}
    releases = {
        v: [{"yanked": v in yanked, "yanked_reason": "broken wheel" if v in yanked else None}] for v in versions
    }
    return {"info": {"version": latest}, "vulnerabilities": list(vulnerabilities), "releases": releases}


def release(vulnerabilities=(), yanked=False):
    return {
        "info": {"yanked": yanked, "yanked_reason": "bad" if yanked else None},
        "vulnerabilities": list(vulnerabilities),
    }


PAGES = {
    "/clean/json": project("1.0"),
    "/vulnlatest/json": project("1.0", [vuln("A-1", []), vuln("A-2", ["1.1"], withdrawn="2024-01-01T00:00:00")]),
    "/oldfixed/json": project("2.0", [vuln("B-1", ["1.5"]), vuln("B-2", ["0.9"]), vuln("B-3", ["0.9.5", "1.2"])]),
    "/oldsafe/json": project("1.1", [vuln("C-1", ["0.5"])]),
    "/yanked/json": project("1.1", yanked={"1.0"}),
    # the per-version answer wins over the project JSON, which here says nothing about 1.0
    "/exact/1.0/json": release([vuln("D-1", ["1.1"])]),
    "/exact/json": project("2.0"),
    "/exactyanked/1.0/json": release(yanked=True),
    "/exactclean/1.0/json": release([vuln("E-1", ["0.8"], withdrawn="2024-01-01T00:00:00")]),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/broken/"):
            self.send_error(503)
        elif self.path in PAGES:
            body = json.dumps(PAGES[self.path]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def index():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def run(tool, index, closure):
    out = io.StringIO()
    code = tool.main(["--index-url", index], closure=closure, out=out)
    return code, out.getvalue()


def test_the_latest_release_takes_the_listed_vulnerabilities_except_withdrawn_ones(tool, index):
    result = tool.audit_package("vulnlatest", "1.0", index)
    assert (result.source, result.vulnerabilities, result.warnings) == ("project-json (latest)", ["A-1 (CVE-A-1)"], [])


def test_an_older_version_is_affected_by_fixes_above_it_and_warned_as_behind(tool, index):
    result = tool.audit_package("oldfixed", "1.0", index)
    assert result.source == "project-json (not latest)"
    assert result.vulnerabilities == ["B-1 (CVE-B-1)"]
    assert "B-3 (CVE-B-3) fixed in 0.9.5, 1.2" in result.warnings[0]
    assert result.warnings[1] == f"latest is 2.0, {tool.BEHIND}"


def test_an_older_version_past_every_fix_only_warns(tool, index):
    code, out = run(tool, index, {"oldsafe": "1.0", "clean": "1.0"})
    assert code == 0
    assert "0 vulnerable, 0 yanked, 1 with warnings, 0 not checked" in out


def test_a_yanked_installed_version_fails(tool, index):
    assert tool.audit_package("yanked", "1.0", index).yanked == "broken wheel"
    assert tool.audit_package("yanked", "1.1", index).yanked is None
    code, out = run(tool, index, {"yanked": "1.0", "clean": "1.0"})
    assert code == 1 and "YANKED: broken wheel" in out


def test_the_per_version_endpoint_is_used_when_it_answers(tool, index):
    exact = tool.audit_package("exact", "1.0", index)
    assert (exact.source, exact.vulnerabilities) == ("version-json", ["D-1 (CVE-D-1)"])
    assert tool.audit_package("exactyanked", "1.0", index).yanked == "bad"
    clean = tool.audit_package("exactclean", "1.0", index)
    assert (clean.source, clean.vulnerabilities, clean.yanked) == ("version-json", [], None)


def test_a_clean_closure_passes_and_names_its_sources(tool, index):
    code, out = run(tool, index, {"clean": "1.0", "exactclean": "1.0"})
    assert code == 0
    assert "2 checked" in out and "project-json (latest): 1, version-json: 1" in out


def test_any_vulnerability_fails_the_run(tool, index):
    code, out = run(tool, index, {"clean": "1.0", "oldfixed": "1.0"})
    assert code == 1 and "VULNERABLE: B-1 (CVE-B-1)" in out and "FAILED" in out


def test_a_package_the_index_does_not_know_is_warned_not_passed_silently(tool, index):
    result = tool.audit_package("private-thing", "1.0", index)
    assert (result.source, result.warnings) == ("none", ["not on this index: not audited"])


def test_an_unreachable_index_exits_2_and_never_claims_clean(tool, monkeypatch):
    monkeypatch.setattr(tool, "TIMEOUT", 2)
    with socket.socket() as probe:  # a port that was free a moment ago: connections are refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, out = run(tool, f"http://127.0.0.1:{port}", {"clean": "1.0", "oldfixed": "1.0"})
    assert code == 2
    assert "0 checked" in out and "could not be reached at all" in out and "0 vulnerable" in out


def test_a_server_error_for_one_package_makes_the_audit_incomplete(tool, index):
    code, out = run(tool, index, {"clean": "1.0", "broken": "1.0"})
    assert code == 2 and "could not be reached for 1 packages" in out and "NOT CHECKED" in out


def fake_distributions(table):
    def distribution(name):
        key = name.lower().replace("_", "-")
        if key not in table:
            raise importlib.metadata.PackageNotFoundError(name)
        version, requires = table[key]
        return SimpleNamespace(metadata={"Name": name}, version=version, requires=requires)

    return distribution


CLOSURE = {
    "rakor-dashboard": (
        "0.1.0",
        ["Alpha~=1.0", "beta>=2", 'pytest~=9.2; extra == "test"', 'winonly>=1; sys_platform == "nonexistent-os"'],
    ),
    "alpha": ("1.0", ["Typing_Extensions", "beta"]),
    "beta": ("2.1", ['gamma[fast]>=1; python_version >= "3"', "absent>=1"]),
    "gamma": ("3.0", None),
    "typing-extensions": ("4.0", []),
    "pytest": ("9.2", []),
    "winonly": ("1.0", []),
}


def test_the_closure_follows_runtime_requirements_only(tool):
    closure = tool.resolve_closure("rakor-dashboard", fake_distributions(CLOSURE))
    assert closure == {"alpha": "1.0", "beta": "2.1", "gamma": "3.0", "typing-extensions": "4.0"}


def test_without_packaging_markers_are_kept_and_extras_dropped(tool, monkeypatch):
    monkeypatch.setattr(tool, "HAVE_PACKAGING", False)
    closure = tool.resolve_closure("rakor-dashboard", fake_distributions(CLOSURE))
    assert closure == {"alpha": "1.0", "beta": "2.1", "gamma": "3.0", "typing-extensions": "4.0", "winonly": "1.0"}


def test_without_packaging_versions_still_order(tool, monkeypatch):
    monkeypatch.setattr(tool, "HAVE_PACKAGING", False)
    key = tool.version_key
    assert key("1.0rc1") < key("1.0") == key("1.0.0") < key("1.0.1") < key("1.10")
