-- S-curve: cumulative realisation against the cumulative cash plan (anggaran kas), month by month over one year,
-- for the whole office or one bidang (B1/B2 over time).
-- Grain: one row per month 1-12. Realisation is null after the as-of month (the last LRA month up to $bulan);
-- the plan runs for the whole year.
-- Unique on: bulan
-- Parameters:
--   $tahun (integer): budget year.
--   $bulan (integer 1-12): last month of the selected span; realisation is shown up to the last LRA month up to it.
--   $bidang (varchar): bidang to show; '' for the whole office.
-- Source tables: anggaran_realisasi_rinci, anggaran_kas_rinci (finest budget lines with their bidang; views).
with realisasi as (
    select *
    from anggaran_realisasi_rinci
    where tahun = $tahun and bulan <= $bulan and ($bidang = '' or bidang = $bidang)
),

kas as (
    select *
    from anggaran_kas_rinci
    where tahun = $tahun and ($bidang = '' or bidang = $bidang)
),

months as (
    select bulan
    from (values (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12)) as m (bulan)
),

realisasi_by_month as (
    select
        bulan,
        sum(pagu_rp) as pagu_rp,
        sum(realisasi_kumulatif_rp) as realisasi_kumulatif_rp
    from realisasi
    group by bulan
),

kas_by_month as (
    select
        bulan,
        sum(anggaran_kas_rp) as anggaran_kas_rp
    from kas
    group by bulan
),

final as (
    select
        months.bulan,
        cast(realisasi_by_month.pagu_rp as double) as pagu_rp,
        cast(realisasi_by_month.realisasi_kumulatif_rp as double) as realisasi_kumulatif_rp,
        cast(sum(kas_by_month.anggaran_kas_rp) over (order by months.bulan) as double) as anggaran_kas_kumulatif_rp,
        100.0 * realisasi_by_month.realisasi_kumulatif_rp / nullif(realisasi_by_month.pagu_rp, 0) as absorption_pct
    from months
    left join realisasi_by_month on months.bulan = realisasi_by_month.bulan
    left join kas_by_month on months.bulan = kas_by_month.bulan
)

select * from final
order by bulan
