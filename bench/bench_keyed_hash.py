"""What a keyed hash of NIK-shaped values costs per value, for the throughput goal of the issue "Provinsi scale"
(docs/BENCHMARKS.md): the product's pseudonymiser in both its schemes (``Pseudonymiser.hash_series`` with its
conversions: AES-MMO for new databases, keyed BLAKE2b for those built before 2026-12-04) beside the keyed digests
DuckDB could compute itself over a column on every core, and DuckDB's own ``hash()``, which is not keyed (anyone can
recompute it from a NIK, so it is no pseudonym) and shows the floor.
Usage: ``.venv/bin/python bench/bench_keyed_hash.py [--rows 10000000]``.
"""

from __future__ import annotations

import argparse
import os
import time

import duckdb
import pandas as pd

from dashboard.pseudonym import AES_MMO, BLAKE2B, Pseudonymiser

DUCKDB = {
    "DuckDB sha256(key || value), every core": "select count(distinct sha256($k || nik)) from t",
    "DuckDB md5(key || value), every core": "select count(distinct md5($k || nik)) from t",
    "DuckDB hash(value), not keyed, every core": "select count(distinct hash(nik)) from t",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    args = parser.parse_args()
    con = duckdb.connect()
    con.execute("create table t as select cast(3500000000000000 + i * 7919 as varchar) as nik from range($n) r(i)",
                {"n": args.rows})
    key = os.urandom(32)
    print(f"| hash ({args.rows:,} distinct 16-digit values) | seconds | µs per value |\n|---|---|---|")
    values = pd.Series(con.execute("select nik from t").df()["nik"])
    for scheme, name in ((AES_MMO, "product, new databases: AES-MMO (AES-NI), one core"),
                         (BLAKE2B, "product, databases built before 2026-12-04: keyed BLAKE2b, one core")):
        start = time.perf_counter()
        Pseudonymiser(key, scheme).hash_series(values)
        took = time.perf_counter() - start
        print(f"| {name} | {took:.1f} | {took / args.rows * 1e6:.2f} |")
    for name, sql in DUCKDB.items():
        start = time.perf_counter()
        con.execute(sql, {"k": key.hex()} if "$k" in sql else {}).fetchall()
        took = time.perf_counter() - start
        print(f"| {name} | {took:.1f} | {took / args.rows * 1e6:.2f} |")


if __name__ == "__main__":
    main()
