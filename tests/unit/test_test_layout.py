"""Expected values live in tests/support: a test module never imports another (a layer's helpers would otherwise
pull its fixtures and data along)."""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent


def test_no_test_module_imports_another():
    pattern = re.compile(r"^\s*(from|import)\s+tests\.(sql|app|e2e|integration|unit)\b", re.MULTILINE)
    offenders = [str(p.relative_to(TESTS)) for p in TESTS.rglob("*.py") if pattern.search(p.read_text("utf-8"))]
    assert offenders == []
