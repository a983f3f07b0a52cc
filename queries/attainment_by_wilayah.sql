-- T1-T5 target attainment per child wilayah, year to date: targets joined with the realisation computed from data.
-- Grain: one row per child of $parent (kecamatan of a kab/kota, or kab/kota of a provinsi) per indicator (T1..T5);
-- a child without a target for an indicator still appears, with target null ("no target": grey, never red).
-- Unique on: kode, indikator
-- Parameters:
--   $parent        varchar    dotted code of a kab/kota ('35.13') or a provinsi ('75')
--   $child_len     integer    length of the child codes: 8 (kecamatan) under a kab/kota, 5 (kab/kota) under a provinsi
--   $tahun         integer    target year
--   $as_of_month   integer    realisation counted up to the end of this month (the filter's last month, or the
--                             last month with data)
--   $periods       varchar[]  recipient periode values inside the filter span (Filters.periode_labels), for T4
--   $program       varchar    programme for T4, or null for every programme with a distribution status
-- Realisation (INDICATORS.md section 2):
--   T1 households of the latest DTKS snapshot whose record was updated in $tahun up to $as_of_month
--   T2 orphan records collected: imported in target.realisasi
--   T3 TKSK monthly reports received, compared with those expected: 12 per TKSK per year, pro rata to
--      the months elapsed (up to $as_of_month or the last month with reports, whichever is earlier)
--   T4 KPM with status_salur 'salur', compared with the KPM allocated, counted per programme and periode
--      (a KPM = the row's No. KK, else its NIK; placed in the kecamatan of its recipient row; precomputed in
--      the derived table capaian_penyaluran)
--   T5 PPKS cases reported in $tahun up to $as_of_month whose tahap is monitoring or selesai (handled)
-- A kab/kota's target is its own target row where the file gives one (code of 5 characters), else the sum of its
-- kecamatan's targets; T3's expected reports are summed over its kecamatan (each: its TKSK roster x months).
-- basis = what realisation is compared with over the full year (the target for T1, T2, T5; expected reports for
-- T3; allocated KPM for T4); basis_prorata scales annual targets to the share of the year elapsed ($as_of_month/12).
-- Source tables: wilayah, target, dtks_keluarga_latest, tksk_laporan, capaian_penyaluran (derived from penerima), ppks_kasus.
with children as (
    select
        kode,
        nama
    from wilayah
    where starts_with(kode, $parent || '.') and length(kode) = $child_len
),

indicators as (
    select indikator from (values ('T1'), ('T2'), ('T3'), ('T4'), ('T5')) as i (indikator)
),

target_rows as (
    select
        kode_wilayah,
        indikator,
        max(target) as target,
        max(satuan) as satuan,
        max(realisasi) as realisasi_imported
    from target
    where tahun = $tahun and starts_with(kode_wilayah, $parent || '.') and length(kode_wilayah) >= $child_len
    group by kode_wilayah, indikator
),

targets as (
    select
        left(kode_wilayah, $child_len) as kode,
        indikator,
        coalesce(max(target) filter (where length(kode_wilayah) = $child_len), sum(target)) as target,
        max(satuan) as satuan,
        coalesce(max(realisasi_imported) filter (where length(kode_wilayah) = $child_len), sum(realisasi_imported))
            as realisasi_imported
    from target_rows
    group by 1, 2  -- by position: a positional ? (Trino) in a grouped expression would not match the select's
),

keluarga as (
    select
        left(k.kode_wilayah, $child_len) as kode,
        k.tanggal_update
    from dtks_keluarga_latest as k
    where
        -- the parent's rows only: DuckDB reads a constant prefix as a code range and skips other kab/kota's blocks
        starts_with(k.kode_wilayah, $parent || '.')
        and year(k.tanggal_update) = $tahun
        and month(k.tanggal_update) <= $as_of_month
),

laporan as (
    select
        kode_kecamatan,
        bulan,
        is_diterima
    from tksk_laporan
    where tahun = $tahun and bulan <= $as_of_month
),

penyaluran as (
    select
        left(kode_kecamatan, $child_len) as kode,
        n_kpm,
        n_kpm_salur
    from capaian_penyaluran
    where
        starts_with(kode_kecamatan, $parent || '.')
        and tahun = $tahun
        and list_contains($periods, periode)
        and ($program is null or program = $program)
),

kasus as (
    select
        left(kode_wilayah, $child_len) as kode,
        tahap
    from ppks_kasus
    where tahun = $tahun and month(tanggal_lapor) <= $as_of_month
),

t1 as (
    select
        kode,
        count(*) as realisasi
    from keluarga
    group by kode
),

t3_months as (
    select least($as_of_month, max(bulan)) as n_months from laporan
),

t3_per_month as (
    select
        kode_kecamatan,
        bulan,
        count(*) as n_tksk,
        count(*) filter (where is_diterima) as n_received
    from laporan
    group by kode_kecamatan, bulan
),

t3_kecamatan as (
    select
        r.kode_kecamatan,
        sum(r.n_received) as realisasi,
        max(r.n_tksk) * any_value(m.n_months) as expected
    from t3_per_month as r
    cross join t3_months as m
    group by r.kode_kecamatan
),

t3 as (
    select
        left(kode_kecamatan, $child_len) as kode,
        sum(realisasi) as realisasi,
        sum(expected) as expected
    from t3_kecamatan
    group by 1
),

t4 as (
    select
        kode,
        sum(n_kpm_salur) as realisasi,
        sum(n_kpm) as allocated
    from penyaluran
    group by kode
),

t5 as (
    select
        kode,
        count(*) filter (where tahap in ('monitoring', 'selesai')) as realisasi
    from kasus
    group by kode
),

grid as (
    select
        k.kode,
        k.nama,
        i.indikator,
        t.target,
        t.satuan,
        t.realisasi_imported
    from children as k
    cross join indicators as i
    left join targets as t on k.kode = t.kode and i.indikator = t.indikator
),

measured as (
    select
        g.kode,
        g.nama,
        g.indikator,
        g.target,
        g.satuan,
        case g.indikator
            when 'T1' then coalesce(t1.realisasi, 0)
            when 'T2' then g.realisasi_imported
            when 'T3' then coalesce(t3.realisasi, 0)
            when 'T4' then coalesce(t4.realisasi, 0)
            when 'T5' then coalesce(t5.realisasi, 0)
        end as realisasi,
        case g.indikator
            when 'T3' then t3.expected
            when 'T4' then t4.allocated
            else g.target
        end as basis,
        case g.indikator
            when 'T3' then t3.expected
            when 'T4' then t4.allocated
            else g.target * $as_of_month / 12.0
        end as basis_prorata
    from grid as g
    left join t1 on g.kode = t1.kode and g.indikator = 'T1'
    left join t3 on g.kode = t3.kode and g.indikator = 'T3'
    left join t4 on g.kode = t4.kode and g.indikator = 'T4'
    left join t5 on g.kode = t5.kode and g.indikator = 'T5'
),

final as (
    select
        kode,
        nama,
        indikator,
        target,
        satuan,
        cast(realisasi as double) as realisasi,
        cast(basis as double) as basis,
        cast(basis_prorata as double) as basis_prorata,
        case when target is not null and basis > 0 then 100.0 * realisasi / basis end as attainment_pct,
        case
            when target is not null and basis_prorata > 0 then 100.0 * realisasi / basis_prorata
        end as attainment_prorata_pct
    from measured
    order by kode, indikator
)

select * from final
