-- Last month of a year that each monthly data source has data for: the "as of" month of the Capaian page
-- when the filter spans the whole year (2026 data run to October, so the year is judged as of October).
-- Grain: one row per source (dtks, psks, ppks); last_month is null when the source has nothing that year.
-- Unique on: source
-- Parameters: $tahun (integer).
-- Source tables: dtks_keluarga_latest (tanggal_update), tksk_laporan (bulan), ppks_kasus (tanggal_lapor).
with dtks as (
    select max(month(k.tanggal_update)) as last_month
    from dtks_keluarga_latest as k
    where year(k.tanggal_update) = $tahun
),

tksk as (
    select max(bulan) as last_month
    from tksk_laporan
    where tahun = $tahun
),

ppks as (
    select max(month(tanggal_lapor)) as last_month
    from ppks_kasus
    where tahun = $tahun
),

final as (
    select 'dtks' as source, cast(last_month as integer) as last_month from dtks
    union all
    select 'psks' as source, cast(last_month as integer) as last_month from tksk
    union all
    select 'ppks' as source, cast(last_month as integer) as last_month from ppks
)

select * from final
