-- Budget use per SIPD program within one bidang as of one month (B1 serapan, B2 deviasi, B3 sisa): the first
-- drill step below the bidang. A program whose kegiatan belong to several bidang is split between them.
-- Grain: one row per program (first three code segments, e.g. 1.06.04) per bidang.
-- Parameters:
--   $tahun (integer): budget year.
--   $bulan (integer 1-12): last month of the selected span; figures are as of the last LRA month up to it.
--   $bidang (varchar): bidang to show; '' for every bidang.
-- Source tables: anggaran_realisasi_rinci (finest LRA lines with bidang), anggaran_kas_rinci (finest cash-plan
--   lines with bidang, summed up to the as-of month), anggaran_realisasi (program names); views over the imported
--   tables and bidang_map.
with realisasi as (
    select *
    from anggaran_realisasi_rinci
    where tahun = $tahun
),

as_of as (
    select max(bulan) as bulan
    from realisasi
    where bulan <= $bulan
),

leaf_rows as (
    select
        realisasi.*,
        array_to_string(string_split(realisasi.kode_rekening, '.')[1:3], '.') as kode_program
    from realisasi
    inner join as_of on realisasi.bulan = as_of.bulan
    where $bidang = '' or realisasi.bidang = $bidang
),

kas_to_date as (
    select
        kode_rekening,
        sum(anggaran_kas_rp) as anggaran_kas_rp
    from anggaran_kas_rinci
    where tahun = $tahun and bulan <= (select as_of.bulan from as_of)
    group by kode_rekening
),

program_names as (
    select
        kode_rekening,
        uraian
    from anggaran_realisasi
    where tahun = $tahun and bulan = (select as_of.bulan from as_of)
),

by_program as (
    select
        leaf_rows.bidang,
        leaf_rows.kode_program,
        any_value(leaf_rows.bulan) as bulan,
        sum(leaf_rows.pagu_rp) as pagu_rp,
        sum(leaf_rows.realisasi_kumulatif_rp) as realisasi_rp,
        sum(kas_to_date.anggaran_kas_rp) as anggaran_kas_rp
    from leaf_rows
    left join kas_to_date on leaf_rows.kode_rekening = kas_to_date.kode_rekening
    group by leaf_rows.bidang, leaf_rows.kode_program
),

final as (
    select
        by_program.bidang,
        by_program.kode_program,
        program_names.uraian as program,
        by_program.bulan,
        cast(by_program.pagu_rp as double) as pagu_rp,
        cast(by_program.realisasi_rp as double) as realisasi_rp,
        cast(by_program.anggaran_kas_rp as double) as anggaran_kas_rp,
        100.0 * by_program.realisasi_rp / nullif(by_program.pagu_rp, 0) as absorption_pct,
        cast(by_program.realisasi_rp - by_program.anggaran_kas_rp as double) as deviation_rp,
        cast(by_program.pagu_rp - by_program.realisasi_rp as double) as sisa_rp
    from by_program
    left join program_names on by_program.kode_program = program_names.kode_rekening
)

select * from final
order by kode_program, bidang
