"""The warehouse as Hive-partitioned Parquet (``rakor export parquet``), and DuckDB views that read it back.

Every table goes to ``DIR/<table>/``: one with a wilayah column (the importers' ``WILAYAH_COLUMN``, or a derived
table's ``kode_desa``/``kode_kecamatan``/``kode_kabupaten``) split by provinsi and kab/kota
(``DIR/penerima/provinsi=35/kabupaten=35.13/data_0.parquet``), the others as plain files. The warehouse's views
are kept as their SQL in ``DIR/manifest.json``, so ``open_export`` rebuilds the same names over the files and any
``queries/*.sql`` runs on it unchanged (docs/SCALE.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dashboard.imports.writer import WILAYAH_COLUMN
from dashboard.wilayah import KABUPATEN_LEN, PROVINSI_LEN

MANIFEST = "manifest.json"
PARTITIONS = ("provinsi", "kabupaten")
DERIVED_WILAYAH = ("kode_desa", "kode_kecamatan", "kode_kabupaten")  # finest first
BOOKKEEPING = frozenset({"schema_version", "derived_state"})  # the warehouse's own migration and rebuild state


@dataclass(frozen=True)
class Exported:
    table: str
    rows: int
    partitioned_by: str | None  # the wilayah column the provinsi/kab-kota folders come from


def _quoted(path: Path) -> str:
    """A path as an SQL string literal (COPY and read_parquet take no bound parameters)."""
    return "'" + str(path).replace("'", "''") + "'"


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [row[0] for row in con.execute(
        "select column_name from duckdb_columns() where database_name = current_database() and schema_name = 'main' "
        "and table_name = $t order by column_index", {"t": table}).fetchall()]


def wilayah_column(table: str, columns: list[str]) -> str | None:
    """The column a table's rows are split by provinsi and kab/kota on, or None (reference and lookup tables)."""
    if table in WILAYAH_COLUMN:
        return WILAYAH_COLUMN[table]
    return next((c for c in DERIVED_WILAYAH if c in columns), None)


def _tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute("select table_name from duckdb_tables() where database_name = current_database() "
                       "and schema_name = 'main' and not temporary order by table_name").fetchall()
    return [name for (name,) in rows if name not in BOOKKEEPING]


def _views(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rows = con.execute("select view_name, sql from duckdb_views() where database_name = current_database() "
                       "and schema_name = 'main' and not internal and not temporary order by view_name").fetchall()
    return dict(rows)


def _export_table(con: duckdb.DuckDBPyConnection, table: str, folder: Path, kab: str | None) -> Exported:
    column = wilayah_column(table, _columns(con, table))
    where, params = "", {}
    if kab and column:
        where, params = f" where {column} = $kab or starts_with({column}, $kab || '.')", {"kab": kab}
    rows = con.execute(f'select count(*) from "{table}"{where}', params).fetchall()[0][0]
    folder.mkdir(parents=True)
    if column is None or rows == 0:  # an empty table has no partitions: one file carries its columns
        con.execute(f'copy (select * from "{table}"{where}) to {_quoted(folder / "data_0.parquet")} (format parquet)',
                    params)
        return Exported(table, rows, None)
    con.execute(
        f'copy (select *, left({column}, {PROVINSI_LEN}) as provinsi, '
        f'case when length({column}) >= {KABUPATEN_LEN} then left({column}, {KABUPATEN_LEN}) end as kabupaten '
        f'from "{table}"{where}) to {_quoted(folder)} (format parquet, partition_by (provinsi, kabupaten))', params)
    return Exported(table, rows, column)


def export_parquet(con: duckdb.DuckDBPyConnection, out: Path, kab: str | None = None,
                   progress: Callable[[Exported], None] = lambda _e: None) -> list[Exported]:
    """Write every table of the warehouse under ``out`` (a new or empty folder) and the manifest; ``kab`` keeps
    only that kab/kota's rows of the tables with a wilayah column (the others are written whole)."""
    out.mkdir(parents=True, exist_ok=True)
    done = []
    for table in _tables(con):
        done.append(_export_table(con, table, out / table, kab))
        progress(done[-1])
    manifest = {"format": 1, "kab": kab, "views": _views(con),
                "tables": {e.table: {"rows": e.rows, "partitioned_by": e.partitioned_by} for e in done}}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return done


def _create_views(con: duckdb.DuckDBPyConnection, views: dict[str, str]) -> None:
    """The warehouse's views, each created once what it reads exists (a view may read another view)."""
    pending = dict(views)
    while pending:
        created = []
        for name, sql in pending.items():
            try:
                con.execute(sql)
            except duckdb.CatalogException:
                continue
            created.append(name)
        if not created:
            raise duckdb.CatalogException(f"views reading what the export does not hold: {sorted(pending)}")
        for name in created:
            del pending[name]


def open_export(folder: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose views, named as the warehouse's tables and views, read the export in ``folder``:
    ``dashboard.queries.run_query`` runs any query file on it as on the warehouse."""
    folder = folder.resolve()
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    con = duckdb.connect()
    for table, about in manifest["tables"].items():
        partitioned = about["partitioned_by"] is not None
        files = folder / table / ("**/*.parquet" if partitioned else "*.parquet")
        source = f"read_parquet({_quoted(files)}, hive_partitioning = {str(partitioned).lower()})"
        columns = [row[0] for row in con.execute(f"describe select * from {source}").fetchall()
                   if not (partitioned and row[0] in PARTITIONS)]
        column_list = ", ".join(f'"{c}"' for c in columns)
        con.execute(f'create view "{table}" as select {column_list} from {source}')
    _create_views(con, manifest["views"])
    return con
