-- Budget use per SIPD program within one bidang as of one month (B1 serapan, B2 deviasi, B3 sisa): the first
-- drill step below the bidang. A program whose kegiatan belong to several bidang is split between them.
-- Grain: one row per program (first three code segments, e.g. 1.06.04) per bidang.
-- Parameters:
--   $tahun (integer): budget year.
--   $bulan (integer 1-12): last month of the selected span; figures are as of the last LRA month up to it.
--   $bidang (varchar): bidang to show; '' for every bidang.
-- Source tables: anggaran_realisasi (finest rows of the as-of LRA, summed), anggaran_kas (cash plan to date),
--   bidang_map (longest matching prefix wins).
with realisasi as (
    select
        bulan,
        kode_rekening,
        uraian,
        pagu_rp,
        coalesce(
            realisasi_kumulatif_rp,
            sum(realisasi_bulan_rp) over (partition by kode_rekening order by bulan)
        ) as realisasi_kumulatif_rp
    from anggaran_realisasi
    where tahun = $tahun
),

kas as (
    select
        bulan,
        kode_rekening,
        anggaran_kas_rp
    from anggaran_kas
    where tahun = $tahun
),

bidang_prefixes as (
    select
        kode_prefix,
        bidang
    from bidang_map
),

as_of as (
    select max(bulan) as bulan
    from realisasi
    where bulan <= $bulan
),

month_rows as (
    select realisasi.*
    from realisasi
    inner join as_of on realisasi.bulan = as_of.bulan
),

leaf_rows as (
    select
        parent.*,
        array_to_string(string_split(parent.kode_rekening, '.')[1:3], '.') as kode_program
    from month_rows as parent
    where not exists (
        select 1
        from month_rows as child
        where starts_with(child.kode_rekening, parent.kode_rekening || '.')
    )
),

kas_to_date as (
    select
        kode_rekening,
        sum(anggaran_kas_rp) as anggaran_kas_rp
    from kas
    where bulan <= (select as_of.bulan from as_of)
    group by kode_rekening
),

leaf_bidang as (
    select
        leaf_rows.kode_rekening,
        coalesce(arg_max(bidang_prefixes.bidang, length(bidang_prefixes.kode_prefix)), '') as bidang
    from leaf_rows
    left join bidang_prefixes
        on leaf_rows.kode_rekening = bidang_prefixes.kode_prefix
        or starts_with(leaf_rows.kode_rekening, bidang_prefixes.kode_prefix || '.')
    group by leaf_rows.kode_rekening
),

by_program as (
    select
        leaf_bidang.bidang,
        leaf_rows.kode_program,
        any_value(leaf_rows.bulan) as bulan,
        sum(leaf_rows.pagu_rp) as pagu_rp,
        sum(leaf_rows.realisasi_kumulatif_rp) as realisasi_rp,
        sum(kas_to_date.anggaran_kas_rp) as anggaran_kas_rp
    from leaf_rows
    inner join leaf_bidang on leaf_rows.kode_rekening = leaf_bidang.kode_rekening
    left join kas_to_date on leaf_rows.kode_rekening = kas_to_date.kode_rekening
    where $bidang = '' or leaf_bidang.bidang = $bidang
    group by leaf_bidang.bidang, leaf_rows.kode_program
),

final as (
    select
        by_program.bidang,
        by_program.kode_program,
        programs.uraian as program,
        by_program.bulan,
        cast(by_program.pagu_rp as double) as pagu_rp,
        cast(by_program.realisasi_rp as double) as realisasi_rp,
        cast(by_program.anggaran_kas_rp as double) as anggaran_kas_rp,
        100.0 * by_program.realisasi_rp / nullif(by_program.pagu_rp, 0) as absorption_pct,
        cast(by_program.realisasi_rp - by_program.anggaran_kas_rp as double) as deviation_rp,
        cast(by_program.pagu_rp - by_program.realisasi_rp as double) as sisa_rp
    from by_program
    left join month_rows as programs on by_program.kode_program = programs.kode_rekening
)

select * from final
order by kode_program, bidang
