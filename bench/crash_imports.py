"""Kill ``rakor import`` at random moments and check that the database is always exactly the old or the new one.

A baseline database (the 300k demo of ``bench_pages.demo_database`` unless ``--base``) is copied to a work folder;
a second DTKS file of the same period (another seed, ``--second`` individuals) is generated once. Two complete
imports measure the timing of the importer's progress lines and give the NEW state; the baseline is the OLD one.
Then, ``--kills`` times: start ``rakor import dtks FILE`` on the old database and SIGKILL it (the target rotates:
at a random moment of the whole run, shortly after a chosen progress line, inside the derived-table rebuild, and
within 120 ms of the end of the work copy's checkpoint, where the file swap happens). After each kill the database is
opened read-only and its fingerprint (every table's row count, the import log without times, a checksum of each
derived table) must equal OLD or NEW, with no write-ahead log beside it; then the same import runs to completion
over whatever the kill left (work copy, lock file) and must give NEW; then the old database is put back.

Usage: ``.venv/bin/python bench/crash_imports.py --kills 50 --scale 300k --second 100k`` (prints a Markdown table
for docs/RELIABILITY.md). Files go to ``bench/out/crash/`` (git-ignored) unless ``--out``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

DERIVED_CHECKSUMS = ("coverage_dtks", "coverage_households", "coverage_rows", "capaian_penyaluran", "dtks_count_desa",
                     "penerima_household", "filter_programs", "filter_years")
LOG_COLUMNS = "import_id, kind, file_name, sha256, periods, n_rows, status"
TARGETS = ("random", "after a progress line", "deriving", "checkpoint and swap")
PHASES = ("start: copying the database", "reading and validating", "writing rows", "derived rebuild or checkpoint",
          "checkpointed, before the swap", "after the swap (new file in place)")


def fingerprint(database: Path) -> tuple:
    """What must be exactly old or new: every table's row count, the import log (without times), derived checksums."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        tables = [r[0] for r in con.execute("select table_name from duckdb_tables() order by 1").fetchall()]
        counts = tuple((t, con.execute(f'select count(*) from "{t}"').fetchall()[0][0]) for t in tables)
        log = tuple(con.execute(f"select {LOG_COLUMNS} from import_log order by import_id").fetchall())
        sums = tuple((t, con.execute(f'select bit_xor(hash(x)) from "{t}" x').fetchall()[0][0])
                     for t in DERIVED_CHECKSUMS if t in tables)
        return counts, log, sums
    finally:
        con.close()


@dataclass
class Run:
    """One ``rakor import`` child: its progress lines as (seconds since start, text), and how it ended."""

    process: subprocess.Popen
    started: float
    lines: list[tuple[float, str]] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def read(self) -> None:
        for raw in self.process.stderr:
            with self.arrived:
                self.lines.append((time.monotonic() - self.started, raw.decode(errors="replace").rstrip()))
                self.arrived.notify_all()
        with self.arrived:
            self.arrived.notify_all()

    def wait_line(self, index: int, timeout: float = 120) -> float | None:
        """Seconds since start when progress line ``index`` arrived; None if the process ended first."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            while len(self.progress()) <= index and self.process.poll() is None and time.monotonic() < deadline:
                self.arrived.wait(0.05)
            progress = self.progress()
            return progress[index][0] if len(progress) > index else None

    def progress(self) -> list[tuple[float, str]]:
        return [(at, text) for at, text in self.lines if text.startswith("… ")]


def start_import(database: Path, dtks: Path, env: dict[str, str]) -> Run:
    command = [sys.executable, "-m", "dashboard", "--db", str(database), "--lang", "en", "import", "dtks", str(dtks)]
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    run = Run(process, time.monotonic())
    threading.Thread(target=run.read, daemon=True).start()
    return run


def complete(database: Path, dtks: Path, env: dict[str, str]) -> tuple[int, float, list[tuple[float, str]]]:
    run = start_import(database, dtks, env)
    code = run.process.wait(timeout=600)
    seconds = time.monotonic() - run.started
    time.sleep(0.05)  # let the reader take the last lines
    return code, seconds, run.progress()


def put_back(old: Path, database: Path) -> None:
    """The old database in place, as an operator's fresh copy: no work copy, no previous version."""
    staged = database.with_name(database.name + ".staged")
    shutil.copyfile(old, staged)
    os.replace(staged, database)
    for suffix in (".prev", ".import", ".import.wal", ".wal"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)


def phase_of(lines: list[tuple[float, str]], state: str, database: Path) -> str:
    """Where the kill landed: the last progress line seen, what the work copy looked like, whether the new file was
    already swapped in. The work copy's write-ahead log goes at the checkpoint, the copy itself at the swap."""
    if state == "new":
        return "after the swap (new file in place)"
    if not lines:
        return "start: copying the database"
    last = lines[-1][1]
    if "Building derived" in last:
        work = database.with_name(database.name + ".import")
        if work.exists() and not work.with_name(work.name + ".wal").exists():
            return "checkpointed, before the swap"
        return "derived rebuild or checkpoint"
    if "Writing" in last:
        return "writing rows"
    return "reading and validating"


def second_file(scale: int, out: Path) -> Path:
    from dashboard.demo.generate import generate_demo_files

    folder = out / f"files_{scale}"
    found = sorted(folder.glob("dtks_*.csv"))
    if found:
        return found[0]
    paths = generate_demo_files(folder, scale, seed=7, progress=None)
    return next(p for p in paths if p.name.startswith("dtks_"))


@dataclass
class Calibration:
    old: tuple
    new: tuple
    total: float  # seconds of a complete import
    lines: list[tuple[float, str]]  # its progress lines
    derive_s: float  # from the derived-tables line to the end of the process


def calibrate(old: Path, database: Path, dtks: Path, env: dict[str, str]) -> Calibration:
    """Two complete imports: their timing, and the NEW state (which both must give)."""
    timings, new = [], None
    for _ in range(2):
        put_back(old, database)
        code, seconds, lines = complete(database, dtks, env)
        if code != 0:
            raise SystemExit(f"the import to be killed fails on its own (exit {code})")
        timings.append((seconds, lines))
        state = fingerprint(database)
        if new not in (None, state):
            raise SystemExit("two complete imports of the same file gave different fingerprints")
        new = state
    if new == fingerprint(old):
        raise SystemExit("the second file changes nothing: choose another")
    derive_s = min(s - next(at for at, text in ls if "Building derived" in text) for s, ls in timings)
    return Calibration(fingerprint(old), new, min(s for s, _ in timings), timings[0][1], derive_s)


def aim(run: Run, target: str, cal: Calibration, rng: random.Random, database: Path) -> None:
    """Wait until the moment this kill aims at."""
    if target == "random":
        time.sleep(rng.uniform(0, cal.total))
    elif target == "after a progress line":
        if run.wait_line(rng.randrange(len(cal.lines) - 1)) is not None:
            time.sleep(rng.uniform(0, 0.3))
    elif run.wait_line(len(cal.lines) - 1) is not None:
        if target == "deriving":
            time.sleep(rng.uniform(0, cal.derive_s * 0.8))
        else:  # the checkpoint and the swap come last: wait for the checkpoint to take the work copy's log
            checkpointed(run, database)
            time.sleep(rng.uniform(0, 0.12))


def checkpointed(run: Run, database: Path, timeout_s: float = 60) -> None:
    """Return as soon as the work copy's write-ahead log is gone after having existed (its checkpoint is done),
    or the work copy itself (swapped in), or the import ended."""
    work = database.with_name(database.name + ".import")
    wal = work.with_name(work.name + ".wal")
    seen, deadline = False, time.monotonic() + timeout_s
    while run.process.poll() is None and time.monotonic() < deadline:
        if wal.exists():
            seen = True
        elif seen or not work.exists():
            return
        time.sleep(0.001)


def kill_once(database: Path, dtks: Path, env: dict[str, str], cal: Calibration, target: str,
              rng: random.Random) -> tuple[str, str, bool, bool] | None:
    """(aim, where it landed, survived, next import succeeded); None when the import ended before its kill."""
    run = start_import(database, dtks, env)
    aim(run, target, cal, rng, database)
    if run.process.poll() is not None:
        return None
    run.process.send_signal(signal.SIGKILL)
    run.process.wait()
    time.sleep(0.05)
    try:
        state = fingerprint(database)
        found = {cal.old: "old", cal.new: "new"}.get(state, "other")
        survived = found != "other" and not database.with_name(database.name + ".wal").exists()
    except duckdb.Error as exc:
        print(f"the database does not open: {exc}", flush=True)
        found, survived = "unopenable", False
    phase = phase_of(run.progress(), found, database)
    code, _, _ = complete(database, dtks, env)
    leftover = database.with_name(database.name + ".import").exists()
    next_ok = code == 0 and not leftover and fingerprint(database) == cal.new
    print(f"kill: {target}, {phase}, state {found}, next import "
          f"{'ok' if next_ok else f'FAILED (exit {code}, work copy left: {leftover})'}", flush=True)
    return target, phase, survived, next_ok


def table(results: list[tuple[str, str, bool, bool]]) -> str:
    lines = ["| where the kill landed | kills | database opens, exactly old or new | next import succeeded |",
             "|---|---|---|---|"]
    phases = sorted({r[1] for r in results}, key=lambda p: PHASES.index(p) if p in PHASES else len(PHASES))
    for phase in phases:
        rows = [r for r in results if r[1] == phase]
        lines.append(f"| {phase} | {len(rows)} | {sum(r[2] for r in rows)} | {sum(r[3] for r in rows)} |")
    lines.append(f"| **all** | **{len(results)}** | **{sum(r[2] for r in results)}** | "
                 f"**{sum(r[3] for r in results)}** |")
    return "\n".join(lines)


def main() -> None:
    from bench.bench_pages import OUT, add_baseline_options, baseline_database
    from dashboard.cli import parse_scale

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--second", default="100k", help="DTKS individuals of the file whose import is killed")
    parser.add_argument("--seed", type=int, default=1)
    add_baseline_options(parser, "300k", OUT / "crash")
    args = parser.parse_args()
    env, base = baseline_database(args)
    dtks = second_file(parse_scale(args.second), args.out)
    old, database = args.out / "old.duckdb", args.out / "rakor.duckdb"
    shutil.copyfile(base, old)
    cal = calibrate(old, database, dtks, env)
    print(f"Import of {dtks.name} ({dtks.stat().st_size / 2**20:.0f} MiB) onto {base.name}: {cal.total:.1f} s, "
          f"derived tables and swap in the last {cal.derive_s:.1f} s; progress lines at "
          + ", ".join(f"{at:.1f} s {text[2:32]!r}" for at, text in cal.lines), flush=True)

    rng = random.Random(args.seed)
    results, missed, attempts, started = [], 0, 0, time.monotonic()
    while len(results) < args.kills and attempts < args.kills * 3:
        target = TARGETS[attempts % len(TARGETS)]
        attempts += 1
        put_back(old, database)
        result = kill_once(database, dtks, env, cal, target, rng)
        if result is None:
            missed += 1
            continue
        results.append(result)

    print(f"\n{len(results)} kills in {time.monotonic() - started:.0f} s ({missed} tries ended before their kill and "
          "are not counted).\n")
    print(table(results))
    print("\nBy aim: " + ", ".join(f"{target} {sum(r[0] == target for r in results)}" for target in TARGETS))
    if not all(r[2] and r[3] for r in results) or len(results) < args.kills:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
