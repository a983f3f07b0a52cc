"""The reliability benches stay working: a few kills of a running import and a short load run with imports.

The figures in docs/RELIABILITY.md come from the full runs (``bench/crash_imports.py``, ``bench/load_viewers.py``);
these small runs (about three minutes together on 2 cores) run with ``RAKOR_LONG=1``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.long,
              pytest.mark.skipif(os.environ.get("RAKOR_LONG") != "1", reason="long test: set RAKOR_LONG=1")]


def _bench(script: str, *args: str, timeout_s: int) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout_s)


def test_killed_imports_leave_the_old_or_the_new_database_and_the_next_import_succeeds(demo, tmp_path):
    done = _bench("crash_imports.py", "--kills", "5", "--base", str(demo.database), "--key", str(demo.secret),
                  "--second", "10k", "--out", str(tmp_path), timeout_s=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "| **all** | **5** | **5** | **5** |" in done.stdout, done.stdout


def test_viewers_load_pages_without_error_while_imports_swap_the_database(demo, tmp_path):
    done = _bench("load_viewers.py", "--viewers", "3", "--imports", "2", "--seconds", "45", "--scale", "5k",
                  "--base", str(demo.database), "--key", str(demo.secret), "--out", str(tmp_path), timeout_s=400)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "| 3 | 2 (2," in done.stdout, done.stdout
