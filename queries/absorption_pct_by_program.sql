-- Budget use per SIPD program within one bidang as of one month (B1 serapan, B2 deviasi, B3 sisa): the first
-- drill step below the bidang. A program whose kegiatan belong to several bidang is split between them.
-- Grain: one row per program (first three code segments, e.g. 1.06.04) per bidang.
-- Unique on: bidang, kode_program
-- Parameters:
--   $tahun (integer): budget year.
--   $bulan (integer 1-12): last month of the selected span; figures are as of the last LRA month up to it.
--   $bidang (varchar): bidang to show; '' for every bidang.
-- Source tables: anggaran_rinci_per_bulan (finest LRA lines of each LRA month with bidang, program, the cash plan
--   up to that month and the next LRA month; a view over the imported tables and bidang_map,
--   dashboard/derived/30_anggaran_rinci.sql).
--   Its rows one by one: absorption_pct_by_subkegiatan.
with leaf_rows as (
    -- the lines of the as-of month: the last LRA month up to $bulan (the next LRA month comes after $bulan)
    select *
    from anggaran_rinci_per_bulan
    where tahun = $tahun and bulan <= $bulan and $bulan < bulan_lra_berikut and ($bidang = '' or bidang = $bidang)
),

by_program as (
    select
        bidang,
        kode_program,
        program,
        any_value(bulan) as bulan,
        sum(pagu_rp) as pagu_rp,
        sum(realisasi_kumulatif_rp) as realisasi_rp,
        sum(anggaran_kas_rp) as anggaran_kas_rp
    from leaf_rows
    group by bidang, kode_program, program
),

final as (
    select
        bidang,
        kode_program,
        program,
        bulan,
        cast(pagu_rp as double) as pagu_rp,
        cast(realisasi_rp as double) as realisasi_rp,
        cast(anggaran_kas_rp as double) as anggaran_kas_rp,
        100.0 * realisasi_rp / nullif(pagu_rp, 0) as absorption_pct,
        cast(realisasi_rp - anggaran_kas_rp as double) as deviation_rp,
        cast(pagu_rp - realisasi_rp as double) as sisa_rp
    from by_program
)

select * from final
order by kode_program, bidang
