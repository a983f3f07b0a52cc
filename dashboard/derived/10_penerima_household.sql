-- refresh-on: dtks, penerima
-- partition: dtks_household kode_desa, penerima_household kode_desa_penerima, dtks_count_desa kode_desa
-- Recipient rows matched to the households of the latest DTKS snapshot, precomputed for the Cakupan page.
-- Matching (INDICATORS.md): by pseudonymised No. KK first (any member's KK), then by the NIK hash of any member;
-- where several households hold the key, the one of the lowest hh_id (lowest kab/kota code, then household id).
-- Source tables: dtks_individu, dtks_keluarga, penerima, penerima_kunci, penerima_kpm_unmatched (derived, below).
-- Parameters: $kabs varchar[]: the kab/kota rebuilt (first 5 characters of a code); null rebuilds everything.
-- A partial rebuild (dashboard/derived/__init__.py, docs/ARCHITECTURE.md "Derived tables") deletes the rows of
-- each table on the partition line whose column starts with a kab/kota of $kabs and inserts this select's rows; the
-- select reads every kab/kota's DTKS, so a recipient in one kab/kota matches a household of another exactly as in
-- a full rebuild. dashboard/derived/scope.py widens $kabs to every kab/kota whose rows the import can change.
--
-- dtks_household:      one row per household of the latest snapshot, with an integer id and its head
--                      (else its first member) as masked NIK + name for follow-up lists. hh_id is the kab/kota's
--                      code as a number times 10^8 plus the household's rank by id within its kab/kota, so it
--                      changes only with its own kab/kota's DTKS and rebuilding another kab/kota keeps it.
-- penerima_household:  one row per penerima row: household (hh_id, null when unmatched), match_method
--                      ('no_kk', 'nik' or null), kpm_id (the household, else the negative id of the row's own
--                      No. KK / NIK key, kpm_key, from penerima_kpm_unmatched), is_received (status_salur 'salur',
--                      or a list without a status: docs/INDICATORS.md). Coverage counts built from it:
--                      15_coverage.sql.
-- penerima_kpm_unmatched: the id of every unmatched KPM key: kept across partial rebuilds (a key keeps its id,
--                      a new key gets the next one), numbered afresh by a full rebuild.
-- All sorted by what pages filter on, so DuckDB's min/max zone maps skip most row groups.
create or replace table dtks_household as
with keluarga as (
    select
        k.keluarga_id,
        k.kode_wilayah,
        k.desil,
        k.is_aktif
    from dtks_keluarga_latest as k
    where $kabs is null or (list_contains($kabs, left(k.kode_wilayah, 5))
        and k.kode_wilayah >= $kab_first and k.kode_wilayah < $kab_after)
),

head as (
    select
        coalesce(i.id_dtks, i.no_kk_hash, i.nik_hash) as keluarga_id,
        i.nik_mask,
        i.nama
    from dtks_individu_latest as i
    where
        $kabs is null or coalesce(i.id_dtks, i.no_kk_hash, i.nik_hash) in (
            -- on the tables, not the CTE: with $kabs null DuckDB then drops the subquery from the plan
            select s.keluarga_id from dtks_keluarga_latest as s where (list_contains($kabs, left(s.kode_wilayah, 5))
                and s.kode_wilayah >= $kab_first and s.kode_wilayah < $kab_after)
        )
    qualify row_number() over (
        partition by coalesce(i.id_dtks, i.no_kk_hash, i.nik_hash)
        order by (i.hubungan_keluarga = 'kepala keluarga') desc, i.nik_mask, i.nama
    ) = 1
),

final as (
    select
        cast(replace(left(k.kode_wilayah, 5), '.', '') as bigint) * 100000000
        + row_number() over (
            partition by left(k.kode_wilayah, 5) order by k.keluarga_id, k.kode_wilayah, k.desil, k.is_aktif
        ) as hh_id,
        k.keluarga_id,
        k.kode_wilayah as kode_desa,
        left(k.kode_wilayah, 8) as kode_kecamatan,
        k.desil,
        k.is_aktif,
        h.nik_mask,
        h.nama
    from keluarga as k
    left join head as h on k.keluarga_id = h.keluarga_id
)

select * from final
order by kode_desa;

create table if not exists penerima_kpm_unmatched (
    kpm_key varchar not null,
    kpm_id bigint not null
);

delete from penerima_kpm_unmatched where $kabs is null;

-- The matching runs in steps, each its own statement: the household of each No. KK and of each NIK (household_kk,
-- household_nik, each grouped from its pairs table), then every recipient row with its match (penerima_match), then
-- the ids and the household's desa.
-- As one statement, DuckDB held every join's table and the materialised matches at once and ran out of the import's
-- 512 MB (6M individuals in one kab/kota; the 10M provinsi took 161 s spilling). The step tables are dropped below.
-- A partial rebuild first finds, in one pass over every DTKS member, the members holding a No. KK or NIK of its
-- recipients (household_members: a household anywhere in the provinsi can match them; the keys are read from
-- penerima_kunci, rebuilt before this file for the kab/kota written, not from every recipient row), and both
-- lookups read those few rows; a pass per key took 1.6 s and 1.4 s at 10M, this one about 0.6 s. A full rebuild
-- leaves it empty and reads every member (subqueries on the tables: with $kabs null DuckDB drops them from the plan).
create or replace table household_members as
select
    i.no_kk_hash,
    i.nik_hash,
    coalesce(i.id_dtks, i.no_kk_hash, i.nik_hash) as keluarga_id
from dtks_individu_latest as i
where
    $kabs is not null
    and (
        i.no_kk_hash in (
            select k.no_kk_hash from penerima_kunci as k where (list_contains($kabs, k.kode_kabupaten)
                and k.kode_kabupaten >= $kab_first and k.kode_kabupaten < $kab_after)
        )
        or i.nik_hash in (
            select k.nik_hash from penerima_kunci as k where (list_contains($kabs, k.kode_kabupaten)
                and k.kode_kabupaten >= $kab_first and k.kode_kabupaten < $kab_after)
        )
    );

-- Each lookup is a join, then a grouping, each its own statement: as one, DuckDB built the join on the members
-- (whose count it underestimates through the latest-snapshot view) and held it beside the grouping, which ran out
-- of the import's 512 MB with 20M individuals in one kab/kota (and took 8.6 s at 10M, 3.4 s in two steps).
create or replace table household_kk_pairs as
with individu as (
    select
        m.no_kk_hash,
        m.keluarga_id
    from household_members as m
    union all
    select
        i.no_kk_hash,
        coalesce(i.id_dtks, i.no_kk_hash, i.nik_hash) as keluarga_id
    from dtks_individu_latest as i
    where $kabs is null
),

final as (
    select
        i.no_kk_hash,
        h.hh_id
    from individu as i
    inner join dtks_household as h on i.keluarga_id = h.keluarga_id
    where i.no_kk_hash is not null
)

select * from final;

create or replace table household_kk as
select
    no_kk_hash,
    min(hh_id) as hh_id
from household_kk_pairs
group by no_kk_hash;

create or replace table household_nik_pairs as
with members as (
    select
        m.nik_hash,
        m.keluarga_id
    from household_members as m
    union all
    select
        i.nik_hash,
        coalesce(i.id_dtks, i.no_kk_hash, i.nik_hash) as keluarga_id
    from dtks_individu_latest as i
    where $kabs is null
),

individu as (
    select
        m.nik_hash,
        m.keluarga_id
    from members as m
    where m.nik_hash in (
        -- only the NIKs of recipient rows no No. KK matched: the lookup stays small where lists carry the KK
        select s.nik_hash
        from penerima as s
        left join household_kk as k on s.no_kk_hash = k.no_kk_hash
        where k.hh_id is null and ($kabs is null or (list_contains($kabs, left(s.kode_wilayah, 5))
            and s.kode_wilayah >= $kab_first and s.kode_wilayah < $kab_after))
    )
),

final as (
    select
        i.nik_hash,
        h.hh_id
    from individu as i
    inner join dtks_household as h on i.keluarga_id = h.keluarga_id
)

select * from final;

create or replace table household_nik as
select
    nik_hash,
    min(hh_id) as hh_id
from household_nik_pairs
group by nik_hash;

create or replace table penerima_match as
with recipients as (
    select
        p.program,
        p.tahun,
        p.periode,
        p.nik_mask,
        p.nama,
        p.kode_wilayah,
        p.status_salur,
        p.no_kk_hash,
        p.nik_hash
    from penerima as p
    where $kabs is null or (list_contains($kabs, left(p.kode_wilayah, 5))
        and p.kode_wilayah >= $kab_first and p.kode_wilayah < $kab_after)
),

final as (
    select
        p.program,
        p.tahun,
        p.periode,
        p.nik_mask,
        p.nama,
        p.kode_wilayah as kode_desa_penerima,
        coalesce(p.status_salur = 'salur', true) as is_received,
        coalesce(kk.hh_id, nk.hh_id) as hh_id,
        case
            when kk.hh_id is not null then 'no_kk'
            when nk.hh_id is not null then 'nik'
        end as match_method,
        case
            when kk.hh_id is null and nk.hh_id is null then coalesce('kk:' || p.no_kk_hash, 'nik:' || p.nik_hash)
        end as kpm_key
    from recipients as p
    left join household_kk as kk on p.no_kk_hash = kk.no_kk_hash
    left join household_nik as nk on p.nik_hash = nk.nik_hash
)

select * from final;

create or replace table penerima_household as
with new_keys as (
    -- integer ids for unmatched KPM not numbered yet, negative to never meet an hh_id, below those in use
    select
        n.kpm_key,
        -(coalesce((select -min(u.kpm_id) from penerima_kpm_unmatched as u), 0) + row_number() over (
            order by n.kpm_key
        )) as kpm_id
    from (select distinct kpm_key from penerima_match where kpm_key is not null) as n
    where n.kpm_key not in (select u.kpm_key from penerima_kpm_unmatched as u)
),

final as (
    select
        m.program,
        m.tahun,
        m.periode,
        m.nik_mask,
        m.nama,
        m.kode_desa_penerima,
        m.is_received,
        m.hh_id,
        m.match_method,
        coalesce(m.hh_id, u.kpm_id, n.kpm_id) as kpm_id,
        m.kpm_key,
        coalesce(h.kode_desa, m.kode_desa_penerima) as kode_desa,
        left(coalesce(h.kode_desa, m.kode_desa_penerima), 8) as kode_kecamatan,
        h.desil,
        coalesce(h.is_aktif, false) as is_aktif_dtks
    from penerima_match as m
    left join dtks_household as h on m.hh_id = h.hh_id
    left join penerima_kpm_unmatched as u on m.kpm_key = u.kpm_key
    left join new_keys as n on m.kpm_key = n.kpm_key
)

select * from final
order by tahun, periode, program, kode_kecamatan, kode_desa;

drop table household_members;

drop table household_kk_pairs;

drop table household_kk;

drop table household_nik_pairs;

drop table household_nik;

drop table penerima_match;

insert into penerima_kpm_unmatched
select distinct
    kpm_key,
    kpm_id
from penerima_household
where
    kpm_key is not null
    and ($kabs is null or (list_contains($kabs, left(kode_desa_penerima, 5))
        and kode_desa_penerima >= $kab_first and kode_desa_penerima < $kab_after))
    and kpm_key not in (select u.kpm_key from penerima_kpm_unmatched as u);

-- dtks_count_desa: active individuals and households per desa of the latest snapshot (C1), so the page
-- sums a few hundred rows instead of scanning every individual.
create or replace table dtks_count_desa as
with individu as (
    select
        i.kode_wilayah as kode_desa,
        count(*) as n_individu
    from dtks_individu_latest as i
    where i.is_aktif and ($kabs is null or (list_contains($kabs, left(i.kode_wilayah, 5))
        and i.kode_wilayah >= $kab_first and i.kode_wilayah < $kab_after))
    group by i.kode_wilayah
),

keluarga as (
    select
        kode_desa,
        count(*) as n_keluarga
    from dtks_household
    where is_aktif and ($kabs is null or (list_contains($kabs, left(kode_desa, 5))
        and kode_desa >= $kab_first and kode_desa < $kab_after))
    group by kode_desa
),

final as (
    select
        coalesce(i.kode_desa, k.kode_desa) as kode_desa,
        coalesce(i.n_individu, 0) as n_individu,
        coalesce(k.n_keluarga, 0) as n_keluarga
    from individu as i
    full join keluarga as k on i.kode_desa = k.kode_desa
)

select * from final
order by kode_desa;
