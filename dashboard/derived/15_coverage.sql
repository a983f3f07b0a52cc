-- refresh-on: dtks, penerima
-- Coverage (C3-C6) precomputed at the coarsest grain that still answers every filter exactly, so
-- coverage_pct_by_wilayah sums a few thousand rows instead of grouping millions of recipient rows per request.
-- Source tables: dtks_household, penerima_household (both derived). Parameters: none.
--
-- coverage_dtks:         active households of the latest DTKS snapshot per desa and desil (the eligible base).
-- coverage_households:   matched households per year, programme, desa, desil, DTKS status and the set of periode
--                        they have rows in (periode_set, listed in periodes); programme null = any programme, each
--                        household once. A household counts in a span when its set holds any of the span's labels.
-- coverage_periode_sets: one row per label of each periode_set, so a query finds the sets of a span by a join.
-- coverage_rows:         recipient rows per year, periode, programme and desa. Rows of an unmatched KPM (own No. KK,
--                        else NIK: kpm_id_unmatched) stay apart, as that KPM is placed in the first desa of its rows.
-- These replace penerima_kpm (one row per KPM per programme per periode): dropped from databases built before.
drop table if exists penerima_kpm;

create or replace table coverage_dtks as
with final as (
    select
        kode_desa,
        desil,
        count(*) as n_households
    from dtks_household
    where is_aktif
    group by all
)

select * from final
order by kode_desa, desil;

create or replace table coverage_households as
with per_program as (
    select
        tahun,
        program,
        hh_id,
        list_sort(list_distinct(list(periode))) as periodes
    from penerima_household
    where hh_id is not null
    group by tahun, program, hh_id
),

any_program as (
    select
        tahun,
        null::varchar as program,
        hh_id,
        list_sort(list_distinct(flatten(list(periodes)))) as periodes
    from per_program
    group by tahun, hh_id
),

households as (
    -- the household's desa, desil and status joined after grouping: cheaper than carrying them through it
    select
        x.tahun,
        x.program,
        h.kode_desa,
        h.desil,
        h.is_aktif as is_aktif_dtks,
        x.periodes
    from (select * from per_program union all select * from any_program) as x
    inner join dtks_household as h on x.hh_id = h.hh_id
),

final as (
    select
        tahun,
        program,
        kode_desa,
        desil,
        is_aktif_dtks,
        dense_rank() over (order by periodes) as periode_set,
        periodes,
        count(*) as n_households
    from households
    group by tahun, program, kode_desa, desil, is_aktif_dtks, periodes
)

select * from final
order by tahun, program, kode_desa;

create or replace table coverage_periode_sets as
with final as (
    select distinct
        periode_set,
        unnest(periodes) as periode
    from coverage_households
)

select * from final
order by periode_set, periode;

create or replace table coverage_rows as
with keyed as (
    -- matched rows are grouped per desa (their household's), an unmatched KPM's rows per KPM
    select
        tahun,
        periode,
        program,
        kode_desa,
        case when hh_id is null then kpm_id end as kpm_id_unmatched,
        case when hh_id is not null then kode_desa end as kode_desa_matched
    from penerima_household
),

final as (
    select
        tahun,
        periode,
        program,
        min(kode_desa) as kode_desa,
        kpm_id_unmatched,
        count(*) as n_rows
    from keyed
    group by tahun, periode, program, kpm_id_unmatched, kode_desa_matched
)

select * from final
order by tahun, periode, program, kode_desa;
