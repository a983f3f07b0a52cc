"""Every query file and derived-table file, written for DuckDB, transpiled by sqlglot to Trino and to Spark SQL
(docs/SCALE.md): nothing the target cannot run (sqlglot's ``unsupported_level=RAISE`` plus the constructs it would
pass through silently, ``dashboard.scale.transpile``), the result parses back in the target dialect with no function
the target does not know, and every ``$name`` parameter is still a bound parameter there."""

from __future__ import annotations

import pytest
import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, UnsupportedError

from dashboard.derived import derived_files
from dashboard.paths import QUERIES_DIR
from dashboard.queries import parameters_of
from dashboard.scale.transpile import DIALECTS, NotPortable, transpile

SQL_FILES = {f"queries/{p.name}": p for p in sorted(QUERIES_DIR.glob("*.sql"))} | {
    f"derived/{p.name}": p for p, _ in derived_files()}


def _parsed_back(statements: tuple[str, ...], dialect: str) -> list[exp.Expr]:
    trees = [sqlglot.parse_one(sql, read=dialect, error_level=ErrorLevel.RAISE) for sql in statements]
    for tree in trees:
        assert not list(tree.find_all(exp.Command)), f"{dialect} could not parse: {tree.sql()[:80]}"
        unknown = {node.name for node in tree.find_all(exp.Anonymous, exp.AnonymousAggFunc)}
        assert not unknown, f"functions {dialect} does not know: {sorted(unknown)}"
    return trees


def test_every_query_and_derived_file_is_covered():
    assert len(SQL_FILES) == len(list(QUERIES_DIR.glob("*.sql"))) + len(derived_files()) > 25


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("name", sorted(SQL_FILES))
def test_transpiles_and_parses_back_with_its_parameters(name, dialect):
    sql = SQL_FILES[name].read_text(encoding="utf-8")
    result = transpile(sql, dialect)
    trees = _parsed_back(result.statements, dialect)
    assert not any("$" in tree.sql(dialect=dialect, comments=False) for tree in trees)
    placeholders = [node for tree in trees for node in tree.find_all(exp.Placeholder)]
    declared = parameters_of(sql)
    assert set(result.parameters) == declared
    if dialect == "trino":  # positional ?: one name per marker, in order (their order is checked on DuckDB in
        assert len(placeholders) == len(result.parameters)  # tests/integration/test_parquet_export.py)
        assert all(node.this is None for node in placeholders)
    else:  # Spark binds named :markers
        assert {node.name for node in placeholders} == declared


@pytest.mark.parametrize("snippet", [
    "select kode, count(*) from t group by all",                                 # Trino: ALL is a set quantifier
    "select list_extract($vals, list_position($names, program)) from t",         # unknown to sqlglot: passed as is
    "select bulan from range(1, 13) as r (bulan)",                               # a DuckDB table function
    "select array_to_string(string_split(kode, '.')[1:3], '.') from t",          # list slice
    "select bulan from anggaran_as_of($tahun, $bulan)",                          # a DuckDB table macro
    "create macro is_finest(k) as k is not null",                                # a DuckDB macro
    "select list({'periode': periode, 'program': program}) from t",              # struct literal (Trino)
])
def test_duckdb_only_constructs_are_refused(snippet):
    """What the SQL files were rewritten away from: each is refused for some target rather than mistranslated."""
    refused = []
    for dialect in DIALECTS:
        try:
            transpile(snippet, dialect)
        except (NotPortable, UnsupportedError) as refusal:
            refused.append(str(refusal))
    assert refused
