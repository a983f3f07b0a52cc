"""Viewers keep loading pages through a real ``rakor serve`` while imports swap the database underneath.

A small demo database (``--scale``, built once under ``bench/out/``) is copied to a work folder and served by
``rakor serve`` on a free loopback port. One headless chromium opens ``--viewers`` tabs, each in its own browser
context (its own Streamlit session), cycling through the six pages; a page counts as loaded when its own content
is drawn (a title, a table or a map) and the app's spinner is gone, and fails when it shows Streamlit's exception
box or does not load within the timeout. Meanwhile ``--imports`` runs of ``rakor import dtks`` swap the database,
alternating between two DTKS files of the same period (each replaces the other, so every run writes). A watcher
opens the live file read-only every few tenths of a second: each state it sees must be one of the states the
database had between imports (no half-imported state).

Usage: ``.venv/bin/python bench/load_viewers.py --viewers 10 --imports 3`` (prints a Markdown table for
docs/RELIABILITY.md). Only 127.0.0.1 is contacted; the run is bounded by ``--seconds``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# page path -> what shows that its own content is drawn
PAGES = {
    "": "text=Individu DTKS",
    "cakupan": "text=Cakupan program",
    "capaian": "text=Capaian target per kecamatan",
    "anggaran": "text=Anggaran per bidang",
    "peta": ".js-plotly-plot",
    "data": "text=Data yang dimuat",
}
RUNNING = "[data-testid='stStatusWidget']"


@dataclass
class Loads:
    times: dict[str, list[float]] = field(default_factory=lambda: {p: [] for p in PAGES})
    errors: list[str] = field(default_factory=list)
    during_import: int = 0


async def viewer(browser, url: str, index: int, deadline: float, loads: Loads, importing: asyncio.Event,
                 timeout_s: float, store: Path) -> None:
    from dashboard.access.roles import OPERATOR
    from tests.support.accounts import session_cookie
    from tests.support.browser import EXCEPTION_BOX

    context = await browser.new_context(viewport={"width": 1366, "height": 768})
    await context.add_cookies([session_cookie(store, OPERATOR)])  # each viewer signed in, a session of its own
    page = await context.new_page()
    page.set_default_timeout(timeout_s * 1000)
    paths = list(PAGES)
    step = index
    try:
        while time.monotonic() < deadline:
            path = paths[step % len(paths)]
            step += 1
            during = importing.is_set()
            start = time.monotonic()
            try:
                await page.goto(f"{url}/{path}", wait_until="domcontentloaded")
                await page.locator(PAGES[path]).first.wait_for(state="visible")
                await page.locator(RUNNING).wait_for(state="hidden")
                seconds = time.monotonic() - start
                if await page.locator(EXCEPTION_BOX).count():
                    text = await page.locator(EXCEPTION_BOX).first.inner_text()
                    loads.errors.append(f"viewer {index} /{path}: exception {text[:300]}")
                    continue
            except Exception as exc:  # a timeout or a broken page: an error of the run, not of the bench
                loads.errors.append(f"viewer {index} /{path}: {type(exc).__name__}: {str(exc)[:300]}")
                continue
            loads.times[path].append(seconds)
            loads.during_import += during or importing.is_set()
    finally:
        await context.close()


async def importer(database: Path, files: list[Path], n: int, env: dict[str, str], start_at: float,
                   deadline: float, importing: asyncio.Event, results: list[tuple[int, float]], known: list[tuple]
                   ) -> None:
    """``n`` imports spread over the run, alternating the files; each must exit 0. Only they write, one after the
    other, so the state after each is one the viewers may see (``known``)."""
    from bench.crash_imports import fingerprint

    spacing = (deadline - start_at) / (n + 1)
    for i in range(n):
        await asyncio.sleep(max(0.0, start_at + spacing * (i + 1) - time.monotonic() - 2))
        importing.set()
        began = time.monotonic()
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "dashboard", "--db", str(database), "import", "dtks", str(files[i % len(files)]),
            env=env, cwd=ROOT, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        _, err = await process.communicate()
        importing.clear()
        results.append((process.returncode, time.monotonic() - began))
        known.append(await asyncio.to_thread(fingerprint, database))
        if process.returncode != 0:
            print(err.decode(errors="replace")[-2000:], file=sys.stderr)


class Watcher:
    """Reads the live database's fingerprint over and over from its own thread."""

    def __init__(self, database: Path):
        self.database, self.seen, self.failures = database, [], []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        from bench.crash_imports import fingerprint

        while not self.stop.is_set():
            try:
                self.seen.append(fingerprint(self.database))
            except Exception as exc:  # the live path must always open
                self.failures.append(f"{type(exc).__name__}: {exc}")
            self.stop.wait(0.3)


def dtks_files(scale: int, out: Path) -> list[Path]:
    """Two DTKS files of the demo's period from other seeds: importing one replaces the other."""
    from dashboard.demo.generate import generate_demo_files

    files = []
    for seed in (7, 8):
        folder = out / f"files_{scale}_{seed}"
        found = sorted(folder.glob("dtks_*.csv"))
        if not found:
            found = [p for p in generate_demo_files(folder, scale, seed=seed) if p.name.startswith("dtks_")]
        files.append(found[0])
    return files


def serve(database: Path, port: int, env: dict[str, str]) -> subprocess.Popen:
    from tests.support.demo import _wait_healthy

    command = [sys.executable, "-m", "dashboard", "--db", str(database), "serve", "--port", str(port)]
    env = dict(env, STREAMLIT_SERVER_ADDRESS="127.0.0.1", STREAMLIT_SERVER_HEADLESS="true",
               STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    process = subprocess.Popen(command, env=env, cwd=database.parent, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    _wait_healthy(f"http://127.0.0.1:{port}", process, timeout_s=120)
    return process


async def run_load(url: str, args: argparse.Namespace, database: Path, files: list[Path], env: dict[str, str],
                   known: list[tuple]) -> tuple[Loads, list[tuple[int, float]]]:
    from playwright.async_api import async_playwright

    from dashboard.config import Settings
    from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

    loads, imports, importing = Loads(), [], asyncio.Event()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        start = time.monotonic()
        deadline = start + args.seconds
        store = Settings(database=database).access_store
        await asyncio.gather(
            *(viewer(browser, url, i, deadline, loads, importing, args.timeout, store) for i in range(args.viewers)),
            importer(database, files, args.imports, env, start, deadline, importing, imports, known))
        await browser.close()
    return loads, imports


def report(args: argparse.Namespace, loads: Loads, imports: list[tuple[int, float]], watcher: Watcher,
           known: list[tuple]) -> bool:
    every = [s for times in loads.times.values() for s in times]
    half = [s for s in watcher.seen if s not in known]
    print("| viewers | imports (all exit 0) | page loads | during an import | errors | median page | worst page | "
          "database states read / not old or new |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| {args.viewers} | {len(imports)} ({sum(code == 0 for code, _ in imports)}, "
          f"{max((s for _, s in imports), default=0):.1f} s at most) | {len(every)} | {loads.during_import} | "
          f"{len(loads.errors)} | {statistics.median(every) if every else 0:.1f} s | {max(every, default=0):.1f} s | "
          f"{len(watcher.seen)} / {len(half) + len(watcher.failures)} |")
    print()
    print("| page | loads | median | worst |")
    print("|---|---|---|---|")
    for path, times in loads.times.items():
        if times:
            print(f"| /{path} | {len(times)} | {statistics.median(times):.1f} s | {max(times):.1f} s |")
    for line in loads.errors[:20] + watcher.failures[:5]:
        print(f"- {line}")
    return (not loads.errors and not half and not watcher.failures and len(imports) == args.imports
            and all(code == 0 for code, _ in imports) and bool(every))


def main() -> None:
    from bench.bench_pages import OUT, add_baseline_options, baseline_database
    from bench.crash_imports import fingerprint
    from dashboard.cli import parse_scale
    from tests.support.demo import free_port

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--viewers", type=int, default=10)
    parser.add_argument("--imports", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=180, help="how long the viewers keep loading")
    parser.add_argument("--timeout", type=float, default=60, help="a page not drawn by then is an error")
    add_baseline_options(parser, "20k", OUT / "load")
    args = parser.parse_args()
    env, base = baseline_database(args)
    files = dtks_files(parse_scale(args.scale), args.out)
    database = args.out / "rakor.duckdb"
    for suffix in ("", ".prev", ".import", ".wal"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(base, database)
    known = [fingerprint(database)]
    port = free_port()
    server = serve(database, port, env)
    watcher = Watcher(database)
    try:
        watcher.thread.start()
        loads, imports = asyncio.run(run_load(f"http://127.0.0.1:{port}", args, database, files, env, known))
    finally:
        watcher.stop.set()
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    watcher.thread.join(timeout=10)
    print(f"Served {base.name} ({database.stat().st_size / 2**20:.0f} MiB) by rakor serve on 127.0.0.1:{port}; "
          f"{args.viewers} chromium tabs (one browser, a context each) for {args.seconds:.0f} s; imports of "
          f"{', '.join(f.name for f in files)} ({files[0].stat().st_size / 2**20:.1f} MiB) alternating.\n")
    if not report(args, loads, imports, watcher, known):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
