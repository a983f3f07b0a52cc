"""Prepared rows wait in temporary DuckDB tables until the whole file has been judged.

A file is validated in chunks so an import's memory does not grow with the file: each chunk's prepared rows
go to a temporary table shaped like the warehouse table (DuckDB spills it to disk past its memory limit), and what
needs the whole file (repeated keys, households, the periods it covers) is asked of those tables in SQL. Nothing
reaches the warehouse tables until the writer copies the staged rows in one transaction.
Table names come from the kind definitions in code, never from a file, so they are the only unbound SQL parts.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import duckdb
import pandas as pd
import pyarrow as pa

from dashboard.imports.forms import TableData
from dashboard.imports.problems import Report

_NAMES = itertools.count()
POSITION = "_pos"
MAX_DUPLICATES = 500


@dataclass
class Staged:
    """One warehouse table's rows of one file, held in the temporary table ``name``."""

    data: TableData
    """The kind's declaration (keys, unique columns, headers); its frame is empty, the rows are in ``name``."""
    name: str
    rows: int = 0

    def periods_frame(self, con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
        """The distinct period key values, enough to name the periods the file covers."""
        keys = list(self.data.periods)
        if not keys:
            return pd.DataFrame()
        return con.execute(f"select distinct {', '.join(keys)} from {self.name}").df()


@dataclass
class Stage:
    """The temporary tables of one file on one connection; ``drop`` removes them."""

    con: duckdb.DuckDBPyConnection
    tables: dict[str, Staged] = field(default_factory=dict)

    def add(self, data: TableData) -> None:
        """Append a chunk's prepared rows; the first chunk creates the table with the warehouse table's types, so
        a chunk whose column happens to be all empty cannot give it another type."""
        staged = self.tables.get(data.table)
        if staged is None:
            staged = Staged(TableData(data.table, data.frame.iloc[:0], data.replace_keys, data.unique,
                                      data.period_keys, dict(data.headers)), f"staged_{data.table}_{next(_NAMES)}")
            self._create(staged.name, data.table, data.frame)
            self.tables[data.table] = staged
        frame = data.frame.assign(**{POSITION: pd.RangeIndex(staged.rows, staged.rows + len(data.frame))})
        chunk = pa.Table.from_pandas(frame, preserve_index=False)
        self.con.register("staged_chunk", chunk)
        try:
            self.con.execute(f"insert into {staged.name} by name select * from staged_chunk")
        finally:
            self.con.unregister("staged_chunk")
        staged.rows += len(data.frame)
        staged.data.headers.update(data.headers)

    def _create(self, name: str, table: str, frame: pd.DataFrame) -> None:
        self.con.execute(f"create temp table {name} as select * exclude (import_id) from {table} where false")
        self.con.execute(f"alter table {name} add column {POSITION} bigint")
        for column in frame.columns:
            if column.startswith("_"):  # file position and helper keys, never stored
                kind = "integer" if column == "_row" else "varchar"
                self.con.execute(f"alter table {name} add column {column} {kind}")

    def derive(self, table: str, sql: str, data: TableData) -> None:
        """A table computed from staged ones (households from individuals); ``sql`` selects its rows."""
        name = f"staged_{table}_{next(_NAMES)}"
        self.con.execute(f"create temp table {name} as {sql}")
        rows = self.con.execute(f"select count(*) from {name}").fetchall()[0][0]
        self.tables[table] = Staged(data, name, rows)

    def duplicates(self, staged: Staged, report: Report) -> None:
        """Rows repeating the unique key of an earlier row are errors naming that row (the first 500)."""
        keys = list(staged.data.unique)
        if not keys or not staged.rows:
            return
        joined = ", ".join(keys)
        filled = " and ".join(f"{k} is not null" for k in keys)
        has_row = self.con.execute("select count(*) from duckdb_columns() where table_name = $t and column_name = "
                                   "'_row'", {"t": staged.name}).fetchall()[0][0]
        # polygons have no file row: their feature number stands in
        row, sheet = ("{t}._row", "{t}._sheet") if has_row else (f"{{t}}.{POSITION} + 1", "null")
        place = ", ".join(part.format(t=t) for t in ("s", "f") for part in (row, sheet))
        rows = self.con.execute(
            f"select {place} from {staged.name} s "
            f"join (select {joined}, min({POSITION}) as p from {staged.name} where {filled} group by {joined} "
            f"having count(*) > 1) d using ({joined}) join {staged.name} f on f.{POSITION} = d.p "
            f"where s.{POSITION} > d.p order by s.{POSITION} limit {MAX_DUPLICATES}"
        ).fetchall()
        column = ", ".join(staged.data.headers.get(c, c) for c in keys)
        for row, sheet, other, other_sheet in rows:
            where = f"{other} ({other_sheet})" if other_sheet != sheet else other
            report.error("duplicate", row=int(row), sheet=sheet, other=where, column=column)

    def drop(self) -> None:
        for staged in self.tables.values():
            self.con.execute(f"drop table if exists {staged.name}")
        self.tables.clear()
