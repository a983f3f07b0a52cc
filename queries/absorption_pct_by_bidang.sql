-- Budget use per bidang as of one month (indicators B1 serapan, B2 deviasi dari anggaran kas, B3 sisa).
-- Grain: one row per bidang (office unit); '' for budget lines no configured prefix matches.
-- Unique on: bidang
-- Parameters:
--   $tahun (integer): budget year.
--   $bulan (integer 1-12): last month of the selected span; the figures are as of the last month up to it
--     that has an LRA (SIPD realisation report), and that month is returned as `bulan`.
-- Source tables: anggaran_realisasi (the as-of month), anggaran_realisasi_rinci (finest LRA lines with
--   bidang), anggaran_kas_rinci (finest cash-plan lines with bidang, summed up to that month); views over
--   the imported tables and bidang_map (dashboard/derived/30_anggaran_rinci.sql).
with as_of as (
    -- the as-of month: the last month up to $bulan with an LRA of $tahun (null when there is none)
    select max(bulan) as bulan
    from anggaran_realisasi
    where tahun = $tahun and bulan <= $bulan
),

realisasi_by_bidang as (
    select
        realisasi.bidang,
        sum(realisasi.pagu_rp) as pagu_rp,
        sum(realisasi.realisasi_kumulatif_rp) as realisasi_rp
    from anggaran_realisasi_rinci as realisasi
    inner join as_of on realisasi.bulan = as_of.bulan
    where realisasi.tahun = $tahun
    group by realisasi.bidang
),

kas_by_bidang as (
    select
        bidang,
        sum(anggaran_kas_rp) as anggaran_kas_rp
    from anggaran_kas_rinci
    where tahun = $tahun and bulan <= (select as_of.bulan from as_of)
    group by bidang
),

final as (
    select
        realisasi_by_bidang.bidang,
        (select as_of.bulan from as_of) as bulan,
        cast(realisasi_by_bidang.pagu_rp as double) as pagu_rp,
        cast(realisasi_by_bidang.realisasi_rp as double) as realisasi_rp,
        cast(kas_by_bidang.anggaran_kas_rp as double) as anggaran_kas_rp,
        100.0 * realisasi_by_bidang.realisasi_rp / nullif(realisasi_by_bidang.pagu_rp, 0) as absorption_pct,
        100.0 * kas_by_bidang.anggaran_kas_rp / nullif(realisasi_by_bidang.pagu_rp, 0) as plan_pct,
        cast(realisasi_by_bidang.realisasi_rp - kas_by_bidang.anggaran_kas_rp as double) as deviation_rp,
        cast(realisasi_by_bidang.pagu_rp - realisasi_by_bidang.realisasi_rp as double) as sisa_rp
    from realisasi_by_bidang
    left join kas_by_bidang on realisasi_by_bidang.bidang = kas_by_bidang.bidang
)

select * from final
order by bidang = '', bidang
