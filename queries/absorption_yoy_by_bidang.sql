-- Year on year (B4): absorption per bidang as of the current as-of month, and at the same month of the
-- previous year.
-- Grain: one row per bidang present in either year ('' for budget lines no configured prefix matches).
-- Unique on: bidang
-- Parameters:
--   $tahun (integer): budget year; the comparison year is $tahun - 1.
--   $bulan (integer 1-12): last month of the selected span; the as-of month is the last LRA month of $tahun up to
--     it, and the previous year is read at exactly that month (null where that LRA is missing).
-- Source tables: anggaran_realisasi (the as-of month), anggaran_realisasi_rinci (finest LRA lines with today's
--   bidang mapping, both years; a view); dashboard/derived/30_anggaran_rinci.sql.
with as_of as (
    -- the as-of month: the last month up to $bulan with an LRA of $tahun (null when there is none)
    select max(bulan) as bulan
    from anggaran_realisasi
    where tahun = $tahun and bulan <= $bulan
),

leaf_rows as (
    select realisasi.*
    from anggaran_realisasi_rinci as realisasi
    inner join as_of on realisasi.bulan = as_of.bulan
    where realisasi.tahun in ($tahun, $tahun - 1)
),

by_bidang as (
    select
        bidang,
        sum(pagu_rp) filter (where tahun = $tahun) as pagu_rp,
        sum(realisasi_kumulatif_rp) filter (where tahun = $tahun) as realisasi_rp,
        sum(pagu_rp) filter (where tahun = $tahun - 1) as pagu_prev_rp,
        sum(realisasi_kumulatif_rp) filter (where tahun = $tahun - 1) as realisasi_prev_rp
    from leaf_rows
    group by bidang
),

final as (
    select
        bidang,
        (select as_of.bulan from as_of) as bulan,
        cast(pagu_rp as double) as pagu_rp,
        cast(realisasi_rp as double) as realisasi_rp,
        100.0 * realisasi_rp / nullif(pagu_rp, 0) as absorption_pct,
        cast(pagu_prev_rp as double) as pagu_prev_rp,
        cast(realisasi_prev_rp as double) as realisasi_prev_rp,
        100.0 * realisasi_prev_rp / nullif(pagu_prev_rp, 0) as absorption_prev_pct
    from by_bidang
)

select * from final
order by bidang = '', bidang
