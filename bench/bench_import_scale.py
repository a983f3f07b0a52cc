"""Import memory and throughput as files grow: DTKS and the largest recipient file at several sizes, side by side
with DuckDB's own ``read_csv`` of the same file, measured in the same run.

Each step runs in its own child process, so its peak memory (``wait4`` rusage) is its own. ``read_csv`` is
``create table t as select * from read_csv(FILE)`` into a new database file (DuckDB's sniffer, its types, every
core); the import is ``rakor import dtks FILE`` (or ``penerima``) into a new database: read, validate every cell,
pseudonymise NIK and No. KK, group households, stage, write, rebuild the derived tables, swap the file in.
Usage: ``.venv/bin/python bench/bench_import_scale.py --scales 300k 2M 10M`` (prints a Markdown table for
docs/BENCHMARKS.md). Files go to ``bench/out/scale_files_N`` (git-ignored; ``--out`` for another folder) and are kept
for the next run.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from bench_import import measure

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
READ_CSV = ("import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
            "con.execute('create table t as select * from read_csv($f)', {'f': sys.argv[2]}); con.close()")


PHASES = (("Membaca", "validate"), ("Menulis ke basis data", "write"), ("Menyusun tabel turunan", "derive"))


def measure_phases(command: list[str], env: dict[str, str]) -> tuple[float, float, dict[str, float]]:
    """Wall seconds, peak MiB, and the seconds of each phase of an import, from the times its progress lines
    arrive: start-up, read + validate + stage, write, rebuild the derived tables (to the end, with the swap)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    marks, tail = {"start": 0.0}, []
    for line in process.stderr:
        tail = [*tail[-20:], line]
        for text, phase in PHASES:
            if text in line and phase not in marks:
                marks[phase] = time.perf_counter() - start
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{''.join(tail)}")
    order = ["start", *(phase for _, phase in PHASES), "end"]
    marks["end"] = seconds
    times = [marks.get(name) for name in order]
    phases = {name: (times[i + 1] or seconds) - (times[i] or 0.0) for i, name in enumerate(order[:-1])}
    return seconds, usage.ru_maxrss / 1024, phases


def generate(n: int, folder: Path, env: dict[str, str]) -> tuple[Path, Path]:
    """The demo's DTKS file and its 2026 PBI-JK list (the largest recipient file) for ``n`` individuals."""
    dtks, pbi = folder / "dtks_probolinggo_2026-10.csv", folder / "penerima_pbi_2026.csv"
    if not (dtks.exists() and pbi.exists()):
        folder.mkdir(parents=True, exist_ok=True)
        script = ("import sys; from pathlib import Path; from dashboard.demo.generate import _Demo, default_seed; "
                  "from dashboard.demo.gen_dtks import write_dtks; from dashboard.demo.gen_wilayah import KAB; "
                  f"d = _Demo({n}, default_seed(KAB)); write_dtks(Path(sys.argv[1]), d.pop, d.wil); "
                  "d._pbi(2026, Path(sys.argv[2]))")
        measure([sys.executable, "-c", script, str(dtks), str(pbi)], env)
    return dtks, pbi


def lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 22), b"")) - 1


def fresh(path: Path) -> Path:
    for suffix in ("", ".wal", ".prev", ".lock", ".import"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


def bench_scale(label: str, env: dict[str, str], out: Path) -> dict[str, object]:
    from dashboard.cli import parse_scale

    n = parse_scale(label)
    work = out / f"scale_files_{n}"
    dtks, pbi = generate(n, work, env)
    py = [sys.executable, "-m", "dashboard"]
    result: dict[str, object] = {"label": label}
    for kind, path in (("dtks", dtks), ("penerima", pbi)):
        read_s, read_mb = measure([sys.executable, "-c", READ_CSV, str(fresh(work / "read.duckdb")), str(path)], env)
        import_s, import_mb, phases = measure_phases(
            py + ["--db", str(fresh(work / f"{kind}.duckdb")), "import", kind, str(path)], env)
        result[kind] = {"rows": lines(path), "mb": path.stat().st_size / 2**20, "read_s": read_s,
                        "read_mb": read_mb, "import_s": import_s, "import_mb": import_mb, "phases": phases}
    fresh(work / "read.duckdb")
    return result


def markdown(results: list[dict[str, object]]) -> str:
    head = ("| file | rows | CSV | DuckDB read_csv | import | import / read_csv speed | import phases: start-up, "
            "read + validate + stage, write, derived tables | peak RAM read_csv | peak RAM import |\n"
            "|---|---|---|---|---|---|---|---|---|")
    out = [head]
    for kind, name in (("dtks", "DTKS"), ("penerima", "PBI-JK 2026")):
        for r in results:
            m = r[kind]
            phases = " / ".join(f"{v:.1f}" for v in m["phases"].values())
            out.append(f"| {name} ({r['label']}) | {m['rows']:,} | {m['mb']:,.0f} MiB | {m['read_s']:.1f} s | "
                       f"{m['import_s']:.1f} s | {m['read_s'] / m['import_s']:.2f}x | {phases} s | "
                       f"{m['read_mb']:,.0f} MiB | {m['import_mb']:,.0f} MiB |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", nargs="+", default=["300k", "2M", "10M"])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the generated files and databases")
    args = parser.parse_args()
    env = dict(os.environ, RAKOR_SECRET_FILE=str(args.out / "bench.key"), PYTHONPATH=str(ROOT))
    results = []
    for label in args.scales:
        results.append(bench_scale(label, env, args.out))
        print(markdown(results[-1:]), flush=True)
    print(f"\nMachine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(markdown(results))


if __name__ == "__main__":
    main()
