"""Time and peak memory of reading each hostile or broken file (the table in docs/RELIABILITY.md).

    .venv/bin/python tools/hostile_inputs.py [FOLDER]

Each file is written by tests/support/hostile.py into FOLDER (default a temporary one) and read in its own
process through dashboard.imports.reader.read_tables with the default [limits], so every peak is that read's
alone (maximum resident set size of the child, interpreter and libraries included).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import hostile  # noqa: E402

CHILD = """
import json, sys, time
from pathlib import Path
from dashboard.imports.reader import UnreadableFile, check_xlsx, read_tables, scan_csv
from dashboard.config import Limits
path = Path(sys.argv[1])
started = time.perf_counter()
try:
    if sys.argv[2] == "check":
        check_xlsx(path, Limits()); result = "checked, no refusal"
    elif sys.argv[2] == "scan":
        scan_csv(path, Limits()); result = "scanned, no refusal"
    else:
        tables = read_tables(path); result = f"read: {sum(len(t.frame) for t in tables)} rows"
except UnreadableFile as refusal:
    result = "refused: " + refusal.message("id")
elapsed = time.perf_counter() - started
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"result": result, "seconds": elapsed, "peak_mb": int(hwm.split()[1]) / 1024}))
"""


def big_csv(path: Path, rows: int = 2_000_000) -> Path:
    """A DTKS-shaped CSV of ``rows`` lines (about 110 bytes each, like the 2M-row demo's 221 MiB)."""
    line = (hostile.ROW + ";" + "x" * 58 + "\n").encode()
    with open(path, "wb") as handle:
        handle.write((hostile.HEADER + ";Catatan\n").encode())
        for _ in range(rows // 10_000):
            handle.write(line * 10_000)
    return path


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="rakor-hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    cases = [
        ("zip bomb XLSX (sheet unpacks to 2 GB)", hostile.zip_bomb(folder / "bom.xlsx", 2048), "read"),
        ("XLSX, 1,000,000 columns, <dimension> says so", hostile.wide_sheet(folder / "lebar.xlsx"), "read"),
        ("XLSX, 1,000,000 columns, no <dimension>",
         hostile.wide_sheet(folder / "lebar_tanpa_dimensi.xlsx", declared=False), "read"),
        ("XLSX, 1,000 empty sheets", hostile.many_sheets(folder / "lembar.xlsx", 1000), "read"),
        ("CSV, one 10 MB line", hostile.long_line_csv(folder / "baris.csv", 10), "read"),
        ("CSV, 200 MB without a line break", _no_breaks(folder / "tanpa_baris.csv", 200), "read"),
        ("CSV with a NUL byte on line 3", hostile.nul_csv(folder / "nol.csv"), "read"),
        ("zip bomb XLSX under the size limit (sheet unpacks to 200 MB)",
         hostile.zip_bomb(folder / "bom_kecil.xlsx", 200), "read"),
        ("CSV, mixed CRLF/LF line endings", hostile.mixed_endings_csv(folder / "campur.csv"), "read"),
        ("CSV, 2,000,000 rows, 221 MB (pre-read scan only)", big_csv(folder / "besar.csv"), "scan"),
        ("XLSX, 500,000 rows x 10 columns (pre-open checks only)", big_xlsx(folder / "besar.xlsx"), "check"),
    ]
    print("| File | What happened | Time | Peak memory |")
    print("|---|---|---|---|")
    for label, path, mode in cases:
        started = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", CHILD, str(path), mode], capture_output=True, text=True,
                             cwd=ROOT, timeout=600)
        wall = time.perf_counter() - started
        if out.returncode:
            print(f"| {label} | crashed: {out.stderr.strip().splitlines()[-1]} | {wall:.1f} s | - |")
            continue
        report = json.loads(out.stdout.strip().splitlines()[-1])
        size = path.stat().st_size / 1024 / 1024
        print(f"| {label} ({size:,.1f} MB on disk) | {report['result']} | {report['seconds']:.2f} s "
              f"| {report['peak_mb']:.0f} MB |")


def big_xlsx(path: Path, rows: int = 500_000) -> Path:
    """A plain sheet of ``rows`` rows of ten numbers, streamed (no workbook in memory)."""
    def chunks():
        yield b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        yield f'<dimension ref="A1:J{rows}"/><sheetData>'.encode()
        for start in range(1, rows + 1, 10_000):
            yield "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>{r}</v></c>' for c in "ABCDEFGHIJ") + "</row>"
                          for r in range(start, min(start + 10_000, rows + 1))).encode()
        yield b"</sheetData></worksheet>"
    return hostile.write_workbook(path, [chunks()])


def _no_breaks(path: Path, mb: int) -> Path:
    with open(path, "wb") as handle:
        for _ in range(mb):
            handle.write(b"x" * 1024 * 1024)
    return path


if __name__ == "__main__":
    main()
