"""Every derived table as a multiset of rows, with surrogate ids replaced by what they stand for, so a partial
rebuild can be compared with a full one (``dashboard.derived``): hh_id by the household's id and desa, an unmatched
KPM's id by its key, an item_set by its item list."""

from __future__ import annotations

import re
from collections import Counter

import duckdb

from dashboard.derived import derived_files

ITEM = "periode || '|' || (case when is_received then '1' else '0' end) || '|' || program"

CANONICAL = {
    "dtks_household": "select * exclude (hh_id) from dtks_household",
    "penerima_household": """
        select p.* exclude (hh_id, kpm_id), h.keluarga_id, h.kode_desa as household_desa,
               case when p.hh_id is not null then 'household:' || (p.kpm_id = p.hh_id) else u.kpm_key end as kpm
        from penerima_household as p
        left join dtks_household as h on p.hh_id = h.hh_id
        left join penerima_kpm_unmatched as u on p.hh_id is null and p.kpm_id = u.kpm_id""",
    "penerima_kpm_unmatched": """
        select kpm_key from penerima_kpm_unmatched
        where kpm_key in (select kpm_key from penerima_household)""",
    "coverage_households": "select * exclude (item_set) from coverage_households",
    "coverage_items": f"""
        select s.items, i.periode, i.program, i.is_received
        from coverage_items as i
        inner join (select item_set, list_sort(list({ITEM})) as items from coverage_items group by item_set) as s
            on i.item_set = s.item_set
        where i.item_set in (select item_set from coverage_households)""",
    "coverage_rows": """
        select r.* exclude (kpm_id_unmatched), u.kpm_key
        from coverage_rows as r
        left join penerima_kpm_unmatched as u on r.kpm_id_unmatched = u.kpm_id""",
}

# Each surrogate id stands for one thing only, and the same thing wherever it is used.
CONSISTENCY = {
    "hh_id unique": "select hh_id from dtks_household group by hh_id having count(*) > 1",
    "kpm_id unique": "select kpm_id from penerima_kpm_unmatched group by kpm_id having count(*) > 1",
    "kpm_key unique": "select kpm_key from penerima_kpm_unmatched group by kpm_key having count(*) > 1",
    "kpm_id of its key": """
        select p.kpm_key from penerima_household as p
        left join penerima_kpm_unmatched as u on p.kpm_key = u.kpm_key
        where p.hh_id is null and p.kpm_id is distinct from u.kpm_id""",
    "item_set of its items": f"""
        select h.item_set from coverage_households as h
        left join (select item_set, list_sort(list({ITEM})) as items from coverage_items group by item_set) as s
            on h.item_set = s.item_set
        where h.items is distinct from s.items""",
}


def derived_tables() -> set[str]:
    """The tables the derived SQL files create or fill and keep (step tables they drop again are left out)."""
    made = re.compile(r"(?:create (?:or replace )?table (?:if not exists )?|insert into )(\w+)", re.IGNORECASE)
    dropped = re.compile(r"drop table (?:if exists )?(\w+)", re.IGNORECASE)
    texts = [path.read_text(encoding="utf-8") for path, _ in derived_files()]
    return {name for text in texts for name in made.findall(text)} - {
        name for text in texts for name in dropped.findall(text)}


def derived_rows(con: duckdb.DuckDBPyConnection) -> dict[str, Counter]:
    """Each derived table's rows (canonical form) as a multiset, after checking its ids are consistent."""
    broken = {name: con.execute(sql).fetchall()[:3] for name, sql in CONSISTENCY.items()}
    assert not any(broken.values()), broken
    return {table: Counter(tuple(tuple(v) if isinstance(v, list) else v for v in row)
                           for row in con.execute(CANONICAL.get(table, f"select * from {table}")).fetchall())
            for table in sorted(derived_tables())}
