"""The SQL of ``queries/*.sql`` and ``dashboard/derived/*.sql``, written for DuckDB, in Trino's or Spark's SQL.

sqlglot translates function names and syntax, but some DuckDB constructs it passes through unchanged or turns into
SQL the other engine reads differently; those are refused here with the reason (``NotPortable``) rather than
handed to an engine, and the SQL files avoid them (docs/SCALE.md lists each and its portable form).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel

from dashboard.queries import parameters_of

DIALECTS = ("trino", "spark")
_MARKER = "rakor_param_{}_"


class NotPortable(ValueError):
    """A construct the target engine cannot run as DuckDB does; the message names it."""


@dataclass(frozen=True)
class Transpiled:
    """Statements in the target dialect and the parameters they bind: with ``positional`` (Trino's ``?``), one
    name per ``?`` in order (a name used twice appears twice); else the named ``:name`` markers (Spark), sorted."""

    statements: tuple[str, ...]
    parameters: tuple[str, ...]


def _refusals(tree: exp.Expr) -> list[str]:
    """What in a DuckDB statement no target runs as DuckDB does (empty when it is portable)."""
    found = []
    for node in tree.walk():
        if isinstance(node, exp.Command):
            found.append(f"not parsed, kept as raw text: {node.sql()[:60]}")
        elif isinstance(node, exp.Anonymous | exp.AnonymousAggFunc):
            found.append(f"function {node.name}() unknown to sqlglot, so passed on untranslated")
        elif isinstance(node, exp.Group) and node.args.get("all"):
            found.append("GROUP BY ALL (Trino reads ALL as a set quantifier)")
        elif isinstance(node, exp.Slice):
            found.append("list slice [a:b] (neither Trino nor Spark slices with brackets)")
        elif isinstance(node, exp.Create) and str(node.args.get("kind")).upper() not in ("TABLE", "VIEW"):
            found.append(f"CREATE {node.args.get('kind')} (only tables and views are created elsewhere)")
        elif isinstance(node, exp.Table) and isinstance(node.this, exp.Func) and not isinstance(node.this, exp.Unnest):
            found.append(f"table function {node.this.sql('duckdb')[:40]} in FROM")
    return found


def _positional(tree: exp.Expr, dialect: str) -> tuple[str, list[str]]:
    """The statement with each named parameter as ``?`` and the names in the order the ``?`` appear."""
    names = []
    for i, node in enumerate(list(tree.find_all(exp.Placeholder))):
        names.append(node.name)
        node.replace(exp.Placeholder(this=_MARKER.format(i)))
    text = tree.sql(dialect=dialect, unsupported_level=ErrorLevel.RAISE)
    order = sorted(range(len(names)), key=lambda i: text.index(_MARKER.format(i)))
    return re.sub("[:$]?" + _MARKER.format(r"\d+"), "?", text), [names[i] for i in order]


def transpile(sql: str, dialect: str, positional: bool | None = None) -> Transpiled:
    """``sql`` (DuckDB, one or more statements, ``$name`` parameters) in ``dialect``; NotPortable when a construct
    would not run there as it does in DuckDB. ``positional`` defaults to True for Trino, whose client binds ``?``."""
    positional = dialect == "trino" if positional is None else positional
    trees = [tree for tree in sqlglot.parse(sql, read="duckdb", error_level=ErrorLevel.RAISE) if tree is not None]
    refused = [reason for tree in trees for reason in _refusals(tree)]
    if refused:
        raise NotPortable("; ".join(dict.fromkeys(refused)))
    statements, parameters = [], []
    for tree in trees:
        if positional:
            text, names = _positional(tree, dialect)
            parameters += names
        else:
            text = tree.sql(dialect=dialect, unsupported_level=ErrorLevel.RAISE)
        statements.append(text)
    if not positional:
        parameters = sorted(parameters_of(sql))
    return Transpiled(tuple(statements), tuple(parameters))
