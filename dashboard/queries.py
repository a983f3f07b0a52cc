"""Run the SQL files in ``queries/`` with bound parameters; the one way figures reach pages and tests."""

from __future__ import annotations

import re
from functools import cache

import duckdb
import pandas as pd

from dashboard.paths import QUERIES_DIR

_PARAM = re.compile(r"(?<![:$\w])\$([a-z_][a-z0-9_]*)")


@cache
def load_sql(name: str) -> str:
    """Text of ``queries/<name>.sql``; names are fixed identifiers chosen in code, never user text."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"nama query tidak sah: {name!r}")
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def parameters_of(sql: str) -> set[str]:
    """The ``$name`` parameters a query expects (comments excluded)."""
    code = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return set(_PARAM.findall(code))


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run a query file with exactly the parameters it names; a missing or extra one is a bug, said loudly."""
    sql = load_sql(name)
    expected = parameters_of(sql)
    if expected != set(params):
        raise TypeError(f"query {name}: parameters {sorted(expected)} expected, got {sorted(params)}")
    cursor = con.cursor()
    try:
        return cursor.execute(sql, params).df()
    finally:
        cursor.close()
