"""Benchmark the whole rakor deck at given demo scales: build the slides, then write PPTX, PDF and XLSX.

Each scale runs ``rakor deck`` in its own process on the demo database (built under ``bench/out/`` by
bench_pages' ``demo_database`` unless present and current), as an operator would, and times it end to end, with
the time to the slides and each file reported by the command's own progress lines. Goal: under 30 s at 300k DTKS
individuals and under 60 s at 2M. Usage: ``.venv/bin/python bench/bench_deck.py --scales 300k 2M``.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_pages import demo_database, scales_and_env  # noqa: E402

SCENARIO = ["--tahun", "2026", "--periode", "triwulan", "--ke", "3"]


def time_deck(database: Path, env: dict[str, str]) -> dict[str, float]:
    """Seconds to the last slide, to each written file and in all, and the process's peak memory (MiB)."""
    marks: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "dashboard", "--db", str(database), "deck", *SCENARIO,
                                    "--out", out], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        for line in process.stdout:
            now = time.perf_counter() - start
            for suffix in ("pptx", "pdf", "xlsx"):
                if line.rstrip().endswith(f".{suffix}"):  # "… Ditulis: <file>", said as soon as it is written
                    marks[suffix] = now
            if "sumber" in line.lower() or "sources" in line.lower():
                marks.setdefault("slides", now)  # the deck's last slide built (before any file is written)
        if process.wait() != 0:
            raise RuntimeError(f"rakor deck failed at {database}")
        marks["total"] = time.perf_counter() - start
    marks["peak_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return marks


def main() -> None:
    scales, env = scales_and_env(__doc__)
    print("| scale | slides built (s) | + PPTX (s) | + PDF (s) | + XLSX (s) | whole deck (s) | peak RAM (MiB) |")
    print("|---|---|---|---|---|---|---|")
    for label in scales:
        database = demo_database(label, env)
        marks = time_deck(database, env)
        print(f"| {label} | {marks.get('slides', 0):.1f} | {marks['pptx']:.1f} | {marks['pdf']:.1f} | "
              f"{marks['xlsx']:.1f} | {marks['total']:.1f} | {marks['peak_mib']:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
