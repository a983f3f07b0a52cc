-- refresh-on: dtks, penerima
-- partition: coverage_dtks kode_desa, coverage_households kode_desa, coverage_rows kode_desa
-- Coverage (C3-C6) precomputed at the coarsest grain that still answers every filter exactly, so
-- coverage_pct_by_wilayah sums a few thousand rows instead of grouping millions of recipient rows per request.
-- Source tables: dtks_household, penerima_household (both derived). Parameters: $kabs varchar[], the kab/kota
-- rebuilt, null for all (10_penerima_household.sql says how a partial rebuild runs).
--
-- coverage_dtks:       active households of the latest DTKS snapshot per desa and desil (the eligible base).
-- coverage_households: matched households per year, desa, desil, DTKS status and item set (item_set): the set of
--                      (periode, programme, is_received) a household has recipient rows for in that year, each
--                      item written as the text 'periode|1|programme'. A query
--                      reads a span and programme off the set (coverage_items), so one row serves every filter:
--                      received P in the span, rows of P only 'belum'/'gagal', received any programme, and which
--                      programmes' desil cut-offs apply (the cut-offs are query parameters, not built in).
-- coverage_items:      one row per item of each item_set, so a query finds the facts of a set by a join. Shared by
--                      every kab/kota and keyed by the item list: a partial rebuild gives a list already there its
--                      item_set and adds only new lists (numbered after the highest); a full one numbers afresh.
-- coverage_rows:       recipient rows per year, periode, programme and desa. Rows of an unmatched KPM (own No. KK,
--                      else NIK: kpm_id_unmatched) stay apart, as that KPM is placed in the first desa of its rows,
--                      which may lie in another kab/kota than some of its rows.
-- These replace penerima_kpm, and coverage_periode_sets of an earlier layout: dropped from databases built before.
drop table if exists penerima_kpm;
drop table if exists coverage_periode_sets;

create or replace table coverage_dtks as
with final as (
    select
        kode_desa,
        desil,
        count(*) as n_households
    from dtks_household
    where is_aktif and ($kabs is null or (list_contains($kabs, left(kode_desa, 5))
        and kode_desa >= $kab_first and kode_desa < $kab_after))
    group by kode_desa, desil
)

select * from final
order by kode_desa, desil;

create table if not exists coverage_items (
    item_set bigint not null,
    periode varchar,
    program varchar,
    is_received boolean
);

delete from coverage_items where $kabs is null;

create or replace table coverage_households as
with items as (
    -- an item as text 'periode|1|program' (1 received, 0 not): a list of text sorts and compares the same in
    -- DuckDB, Trino and Spark, where a list of structs does not transpile (docs/SCALE.md); periode never holds '|'
    select
        tahun,
        hh_id,
        list_sort(list_distinct(list(
            periode || '|' || (case when is_received then '1' else '0' end) || '|' || program
        ))) as items
    from penerima_household
    where hh_id is not null and ($kabs is null or (list_contains($kabs, left(kode_desa, 5))
        and kode_desa >= $kab_first and kode_desa < $kab_after))
    group by tahun, hh_id
),

households as (
    -- the household's desa, desil and status joined after grouping: cheaper than carrying them through it
    select
        x.tahun,
        h.kode_desa,
        h.desil,
        h.is_aktif as is_aktif_dtks,
        x.items
    from items as x
    inner join dtks_household as h on x.hh_id = h.hh_id
),

known_sets as (
    -- the item lists numbered already, read back from coverage_items (empty in a full rebuild)
    select
        item_set,
        list_sort(list(
            periode || '|' || (case when is_received then '1' else '0' end) || '|' || program
        )) as items
    from coverage_items
    group by item_set
),

new_sets as (
    select
        n.items,
        coalesce((select max(k.item_set) from coverage_items as k), 0)
        + dense_rank() over (order by n.items) as item_set
    from (select distinct items from households) as n
    where n.items not in (select k.items from known_sets as k)
),

final as (
    select
        h.tahun,
        h.kode_desa,
        h.desil,
        h.is_aktif_dtks,
        coalesce(k.item_set, n.item_set) as item_set,
        h.items,
        count(*) as n_households
    from households as h
    left join known_sets as k on h.items = k.items
    left join new_sets as n on h.items = n.items
    group by h.tahun, h.kode_desa, h.desil, h.is_aktif_dtks, h.items, k.item_set, n.item_set
)

select * from final
order by tahun, kode_desa;

insert into coverage_items
with sets as (
    select distinct
        item_set,
        unnest(items) as item
    from coverage_households
    where
        ($kabs is null or (list_contains($kabs, left(kode_desa, 5))
            and kode_desa >= $kab_first and kode_desa < $kab_after))
        and item_set not in (select k.item_set from coverage_items as k)
),

final as (
    select
        item_set,
        split_part(item, '|', 1) as periode,
        substring(item, length(split_part(item, '|', 1)) + 4) as program,
        split_part(item, '|', 2) = '1' as is_received
    from sets
)

select * from final
order by item_set, periode;

create or replace table coverage_rows as
with keyed as (
    -- matched rows are grouped per desa (their household's), an unmatched KPM's rows per KPM; a partial rebuild
    -- reads the matched rows of its kab/kota and every row of an unmatched KPM with a row there (two selects, not
    -- one with "or": the first keeps the code range DuckDB skips row groups by)
    select
        tahun,
        periode,
        program,
        kode_desa,
        null::bigint as kpm_id_unmatched,
        kode_desa as kode_desa_matched
    from penerima_household
    where hh_id is not null and ($kabs is null or (list_contains($kabs, left(kode_desa, 5))
        and kode_desa >= $kab_first and kode_desa < $kab_after))
    union all
    select
        tahun,
        periode,
        program,
        kode_desa,
        kpm_id as kpm_id_unmatched,
        null as kode_desa_matched
    from penerima_household
    where hh_id is null and ($kabs is null or kpm_id in (
        select u.kpm_id from penerima_household as u
        where u.hh_id is null and (list_contains($kabs, left(u.kode_desa, 5))
            and u.kode_desa >= $kab_first and u.kode_desa < $kab_after)
    ))
),

grouped as (
    select
        tahun,
        periode,
        program,
        min(kode_desa) as kode_desa,
        kpm_id_unmatched,
        count(*) as n_rows
    from keyed
    group by tahun, periode, program, kpm_id_unmatched, kode_desa_matched
),

final as (
    select * from grouped
    where $kabs is null or (list_contains($kabs, left(kode_desa, 5))
        and kode_desa >= $kab_first and kode_desa < $kab_after)
)

select * from final
order by tahun, periode, program, kode_desa;
