"""The floor of any DTKS import design on this machine, for the throughput goal of the issue "Provinsi scale"
(docs/BENCHMARKS.md): the least an import must do, done entirely by DuckDB on every core, beside DuckDB's own
``read_csv`` of the same file in the same run.

The floor reads the file once as text and, in one statement, checks a subset of what the product checks (NIK and No.
KK 16 digits, dates in the file's two formats, gender, desil 1-10, desa code in the reference), pseudonymises NIK and
No. KK with the product's own AES-MMO (an Arrow function DuckDB calls per vector) and writes the table; then it asks
the two questions that need the whole file: repeated NIKs and households. No error messages, no masked forms, no
periods, no chunk memory bound, no derived tables: an import that does all of it can only be slower.
Usage: ``.venv/bin/python bench/bench_import_floor.py FILE [FILE ...]`` (the DTKS files of ``bench_import_scale``).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from dashboard import db
from dashboard.config import load_settings
from dashboard.pseudonym import Pseudonymiser

# {table}: where the rows go; {kk}, {nik}: the numbers as stored (pseudonymised, or as read for the comparison)
CHECKED = """
create table {table} as
with raw as (select * from read_csv($f, all_varchar = true, header = true)),
parsed as (
    select "ID DTKS" as id_dtks, trim("No. KK") as kk, trim(NIK) as nik, trim(Nama) as nama,
           case upper(trim("Jenis Kelamin")) when 'L' then 'L' when 'P' then 'P' end as jenis_kelamin,
           "Jenis Kelamin" as jk_raw,
           coalesce(try_strptime(trim("Tgl Lahir"), '%d/%m/%Y'), try_strptime(trim("Tgl Lahir"), '%Y-%m-%d'))::date
               as tanggal_lahir, "Tgl Lahir" as lahir_raw,
           try_strptime(trim("Tgl Update"), '%Y-%m-%d')::date as tanggal_update, "Tgl Update" as update_raw,
           lower(trim("Hubungan Keluarga")) as hubungan_keluarga,
           "Kode Desa" as kode_raw, try_cast(trim(Desil) as tinyint) as desil, Desil as desil_raw,
           lower(trim(Status)) <> 'nonaktif' as is_aktif, trim(Disabilitas) as disabilitas
    from raw)
select p.id_dtks, {kk} as no_kk_hash, {nik} as nik_hash, p.nama, p.jenis_kelamin,
       p.tanggal_lahir, p.hubungan_keluarga, w.kode as kode_wilayah, p.desil, p.is_aktif, p.disabilitas,
       p.tanggal_update,
       (regexp_full_match(p.nik, '[0-9]{{16}}') and (p.kk is null or regexp_full_match(p.kk, '[0-9]{{16}}'))
        and (p.jk_raw is null or p.jenis_kelamin is not null) and (p.lahir_raw is null or p.tanggal_lahir is not null)
        and (p.update_raw is null or p.tanggal_update is not null) and w.kode is not null
        and (p.desil_raw is null or p.desil between 1 and 10)) as ok
from parsed p left join desa w on w.undotted = p.kode_raw
"""
REPEATED = "select count(*) from (select nik_hash from individu group by nik_hash having count(*) > 1)"
HOUSEHOLDS = """create table keluarga as select coalesce(id_dtks, no_kk_hash, nik_hash) as keluarga_id,
    arg_min(kode_wilayah, rowid) as kode_wilayah, arg_min(desil, rowid) as desil, bool_or(is_aktif) as is_aktif,
    count(*) as n_art from individu group by keluarga_id"""


@dataclass
class Floor:
    steps: dict[str, float]
    """Seconds of each step, in the table's column order."""
    plain: float
    """Seconds of the first step without pseudonymising: what the keyed hash costs inside it."""
    rows: int
    refused: int
    """Rows the floor's checks refuse: must be 0, since the import accepts the file."""


def floor(path: Path, folder: Path) -> Floor:
    """The floor's steps on a new database file like the import's."""
    pseudonymiser = Pseudonymiser(os.urandom(32))

    def pseudonym(values: pa.Array) -> pa.Array:
        return pseudonymiser.hash_arrow(values).cast(pa.string())

    con = duckdb.connect(str(folder / "floor.duckdb"))
    db.prepare(con, load_settings(db_path=folder / "floor.duckdb"))  # the reference, as an import loads it
    con.create_function("pseudonym", pseudonym, [duckdb.sqltype("VARCHAR")], duckdb.sqltype("VARCHAR"),
                        type="arrow", side_effects=False)
    con.execute("create temp table desa as select kode, replace(kode, '.', '') as undotted from wilayah "
                "where tingkat = 4")

    def timed(sql: str) -> float:
        start = time.perf_counter()
        con.execute(sql, {"f": str(path)} if "$f" in sql else {}).fetchall()
        return time.perf_counter() - start

    checked = CHECKED.format(table="individu", kk="pseudonym(p.kk)", nik="pseudonym(p.nik)")
    steps = {"read, check, pseudonymise, write": timed(checked), "repeated NIKs": timed(REPEATED),
             "households": timed(HOUSEHOLDS), "checkpoint": timed("checkpoint")}
    plain = timed(CHECKED.format(table="individu_plain", kk="p.kk", nik="p.nik"))
    rows, refused = con.execute("select count(*), count(*) filter (where not ok) from individu").fetchall()[0]
    con.close()
    return Floor(steps, plain, rows, refused)


def read_csv(path: Path, folder: Path) -> float:
    con = duckdb.connect(str(folder / "read_csv.duckdb"))
    start = time.perf_counter()
    con.execute("create table t as select * from read_csv($f)", {"f": str(path)})
    con.execute("checkpoint")
    took = time.perf_counter() - start
    con.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    print("| file | rows | DuckDB read_csv | floor: read + check + pseudonymise + write | repeated NIKs | households "
          "| checkpoint | floor total | floor / read_csv speed | first step without pseudonymising |"
          "\n|---|---|---|---|---|---|---|---|---|---|")
    for path in args.files:
        with tempfile.TemporaryDirectory(dir=path.parent) as folder:
            baseline = read_csv(path, Path(folder))
            result = floor(path, Path(folder))
        assert result.refused == 0, "the floor refused rows the import accepts"
        total = sum(result.steps.values())
        print(f"| {path.name} | {result.rows:,} | {baseline:.1f} s | "
              + " | ".join(f"{s:.1f} s" for s in result.steps.values())
              + f" | {total:.1f} s | {baseline / total:.2f}x | {result.plain:.1f} s |")

if __name__ == "__main__":
    main()
