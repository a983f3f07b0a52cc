"""Which kab/kota a partial rebuild of the derived tables must cover after a session's imports (docs/ARCHITECTURE.md,
"Derived tables").

The imports tell which kab/kota's rows they inserted or deleted. The derived rows of another kab/kota can still
change through keys that cross kab/kota lines: a recipient listed in kab A matches a household in kab B's DTKS (by
No. KK or NIK, across the whole provinsi); a household's members are found by its id wherever they are; a KPM with
rows in two kab/kota is placed in the first desa or kecamatan of all its rows. So the scope is widened to every
kab/kota linked to the touched ones through such keys, both in the data as it was (asked just before each file's
rows are replaced) and as it is after the session's imports. Widening never makes a result wrong: each partition is
recomputed from the whole provinsi, a partition rebuilt needlessly comes out as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from dashboard.wilayah import KABUPATEN_LEN, kab_params

# Kab/kota linked to DTKS rows of $kabs: the households holding the id of a member there (the household's head is
# read from every member with its id) and the recipients holding a No. KK or NIK of such a member, or of any member
# of a household there (their match can change); the recipients' keys are read from penerima_kunci, not from every
# recipient row.
DTKS_LINKS = """
with households as (
    select keluarga_id from dtks_keluarga_latest where (list_contains($kabs, left(kode_wilayah, 5))
        and kode_wilayah >= $kab_first and kode_wilayah < $kab_after)
),

members as (
    select
        no_kk_hash,
        nik_hash,
        coalesce(id_dtks, no_kk_hash, nik_hash) as keluarga_id
    from dtks_individu_latest
    where
        (list_contains($kabs, left(kode_wilayah, 5))
            and kode_wilayah >= $kab_first and kode_wilayah < $kab_after)
        or coalesce(id_dtks, no_kk_hash, nik_hash) in (select keluarga_id from households)
)

select left(kode_wilayah, 5) from dtks_keluarga_latest where keluarga_id in (select keluarga_id from members)
union
select kode_kabupaten from penerima_kunci
where no_kk_hash in (select no_kk_hash from members) or nik_hash in (select nik_hash from members)
"""

# Kab/kota linked to recipient rows of $kabs: rows of the same KPM key (No. KK, else NIK: capaian_penyaluran, and
# an unmatched KPM of coverage_rows, are placed in the first kecamatan or desa of all their rows), found among the
# keys of penerima_kunci.
KEY_LINKS = """
select distinct kode_kabupaten from penerima_kunci
where coalesce(no_kk_hash, nik_hash) in (
    select coalesce(no_kk_hash, nik_hash) from penerima_kunci where (list_contains($kabs, kode_kabupaten)
        and kode_kabupaten >= $kab_first and kode_kabupaten < $kab_after)
)
"""

# Kab/kota of the households recipient rows of $kabs matched: at the last rebuild when asked before penerima_household
# is rebuilt, now when asked after (the matches just made: no lookup of their keys among every DTKS member again).
MATCHED_HOUSEHOLDS = """
select distinct left(kode_desa, 5) from penerima_household
where hh_id is not null and (list_contains($kabs, left(kode_desa_penerima, 5))
    and kode_desa_penerima >= $kab_first and kode_desa_penerima < $kab_after)
"""

# Whether the kab/kota hold DTKS rows yet: a kab/kota's first DTKS file replaces nothing and no latest snapshot, so
# nothing it changes can link elsewhere (a provinsi's first build: asked in milliseconds by code range instead of a
# scan of the recipient rows). A later DTKS period replaces no row but does replace the latest snapshot.
HOLDS_DTKS = """
select exists (
    select 1 from dtks_keluarga
    where list_contains($kabs, left(kode_wilayah, 5)) and kode_wilayah >= $kab_first and kode_wilayah < $kab_after
)
"""

KAB_KOTA = f"select kode from wilayah where length(kode) = {KABUPATEN_LEN} and starts_with(kode, $wilayah || '.')"


def _kabs(con: duckdb.DuckDBPyConnection, sql: str, kabs: set[str]) -> set[str]:
    if not kabs:
        return set()
    named = duckdb.extract_statements(sql)[0].named_parameters
    params = {k: v for k, v in kab_params(sorted(kabs)).items() if k in named}
    return {k for (k,) in con.execute(sql, params).fetchall() if k is not None}


@dataclass
class Touched:
    """What a write session's imports changed, per data kind, gathered as each file is written.

    ``wilayah`` is the provinsi the database holds; None (a kabupaten/kota's database) keeps the full rebuild.
    """

    wilayah: str | None
    kabs: dict[str, set[str] | None] = field(default_factory=dict)
    linked: set[str] = field(default_factory=set)

    def before_write(self, con: duckdb.DuckDBPyConnection, kind: str, kabs: frozenset[str] | None,
                     replaces: bool) -> None:
        """Kab/kota linked to the rows about to be replaced (``replaces``: any stored row is), read while they are
        still there: the DTKS as it is, the recipients' keys as the last rebuild left them (the state the derived
        tables were built from). Recipient rows that are not replaced stay, so the links after the session find them.
        """
        if self.wilayah is None or kabs is None:
            return
        if kind == "dtks" and con.execute(HOLDS_DTKS, kab_params(sorted(kabs))).fetchall()[0][0]:
            self.linked |= _kabs(con, DTKS_LINKS, set(kabs))
        elif kind == "penerima" and replaces:
            self.linked |= _kabs(con, KEY_LINKS, set(kabs))

    def written_in(self, kinds: set[str] | frozenset[str]) -> list[str] | None:
        """The kab/kota whose rows of any of ``kinds`` the session wrote; None for all (a kab/kota's database, or a
        write whose kab/kota are unknown)."""
        written = [self.kabs.get(kind, set()) for kind in kinds]
        if self.wilayah is None or any(k is None for k in written):
            return None
        return sorted(set().union(*written))

    def written(self, kind: str, kabs: frozenset[str] | None) -> None:
        """Record the kab/kota whose rows of ``kind`` were inserted or deleted (None: unknown, so everywhere)."""
        known = self.kabs.get(kind, set())
        self.kabs[kind] = None if known is None or kabs is None else known | kabs

    def scope(self, con: duckdb.DuckDBPyConnection, kinds: set[str]) -> list[str] | None:
        """The kab/kota to rebuild after the session's writes, for derived tables fed by ``kinds``; None for all.

        Asked after ``dtks_latest`` and the own-rows tables (``penerima_kunci``) are rebuilt, before any other
        partitioned table is: those still hold the state before the session.
        """
        written = self.written_in(kinds)
        if written is None:
            return None
        every = {k for (k,) in con.execute(KAB_KOTA, {"wilayah": self.wilayah}).fetchall()}
        changed = set(written) | self.linked
        if every <= changed:  # every kab/kota touched (a provinsi's first build): no link need be asked
            return None
        changed |= _kabs(con, DTKS_LINKS, self.kabs.get("dtks") or set())
        scope = changed | _kabs(con, KEY_LINKS, changed) | _kabs(con, MATCHED_HOUSEHOLDS, changed)
        return None if every <= scope else sorted(scope)

    def after(self, con: duckdb.DuckDBPyConnection, scope: list[str] | None, rebuilt: set[str]) -> list[str] | None:
        """The scope for the tables still to rebuild once ``rebuilt`` are: after penerima_household, widened to the
        kab/kota of the households the scope's recipient rows match now (their coverage rows count there)."""
        if scope is None or "penerima_household" not in rebuilt:
            return scope
        return sorted(set(scope) | _kabs(con, MATCHED_HOUSEHOLDS, set(scope)))
