"""Every query file: a header comment naming grain and parameters, lower-case SQL, only $parameters it declares."""

import re

import pytest

from dashboard.paths import QUERIES_DIR
from dashboard.queries import load_sql, parameters_of

QUERY_NAMES = sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_header_documents_grain_and_parameters(name):
    sql = load_sql(name)
    header = "\n".join(line for line in sql.splitlines() if line.startswith("--"))
    assert "Grain:" in header
    assert "Parameters:" in header
    for param in parameters_of(sql):
        assert f"${param}" in header, f"{name}: ${param} not documented in the header"


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_no_string_formatting_placeholders(name):
    sql = load_sql(name)
    assert not re.search(r"\{[a-z_]*\}|%\(|%s", sql), "values must be bound $parameters, never spliced"
