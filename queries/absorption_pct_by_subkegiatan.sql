-- Budget use per budget line of one bidang as of one month (B1 serapan, B2 deviasi, B3 sisa): the drill below
-- the program table.
-- Grain: one row per finest budget line (normally sub kegiatan) of the LRA of the as-of month.
-- Unique on: kode_rekening
-- Parameters:
--   $tahun (integer): budget year.
--   $bulan (integer 1-12): last month of the selected span; figures are as of the last LRA month up to it.
--   $bidang (varchar): bidang to show; '' for every bidang.
-- Source tables: anggaran_rinci_per_bulan (finest LRA lines of each LRA month with bidang, program, the cash plan
--   up to that month and the next LRA month; a view over the imported tables and bidang_map,
--   dashboard/derived/30_anggaran_rinci.sql).
--   Summed per program: absorption_pct_by_program.
with leaf_rows as (
    -- the lines of the as-of month: the last LRA month up to $bulan (the next LRA month comes after $bulan)
    select *
    from anggaran_rinci_per_bulan
    where tahun = $tahun and bulan <= $bulan and $bulan < bulan_lra_berikut and ($bidang = '' or bidang = $bidang)
),

final as (
    select
        bidang,
        kode_program,
        program,
        kode_rekening,
        uraian,
        bulan,
        cast(pagu_rp as double) as pagu_rp,
        cast(realisasi_kumulatif_rp as double) as realisasi_rp,
        cast(anggaran_kas_rp as double) as anggaran_kas_rp,
        100.0 * realisasi_kumulatif_rp / nullif(pagu_rp, 0) as absorption_pct,
        cast(realisasi_kumulatif_rp - anggaran_kas_rp as double) as deviation_rp,
        cast(pagu_rp - realisasi_kumulatif_rp as double) as sisa_rp
    from leaf_rows
)

select * from final
order by kode_rekening
