-- Budget use per budget line of one bidang as of one month (B1 serapan, B2 deviasi, B3 sisa): the drill below
-- the program table.
-- Grain: one row per finest budget line (normally sub kegiatan) of the LRA of the as-of month.
-- Parameters:
--   $tahun (integer): budget year.
--   $bulan (integer 1-12): last month of the selected span; figures are as of the last LRA month up to it.
--   $bidang (varchar): bidang to show; '' for every bidang.
-- Source tables: anggaran_realisasi, anggaran_kas (cash plan summed up to the as-of month),
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
    select parent.*
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

final as (
    select
        leaf_bidang.bidang,
        array_to_string(string_split(leaf_rows.kode_rekening, '.')[1:3], '.') as kode_program,
        programs.uraian as program,
        leaf_rows.kode_rekening,
        leaf_rows.uraian,
        leaf_rows.bulan,
        cast(leaf_rows.pagu_rp as double) as pagu_rp,
        cast(leaf_rows.realisasi_kumulatif_rp as double) as realisasi_rp,
        cast(kas_to_date.anggaran_kas_rp as double) as anggaran_kas_rp,
        100.0 * leaf_rows.realisasi_kumulatif_rp / nullif(leaf_rows.pagu_rp, 0) as absorption_pct,
        cast(leaf_rows.realisasi_kumulatif_rp - kas_to_date.anggaran_kas_rp as double) as deviation_rp,
        cast(leaf_rows.pagu_rp - leaf_rows.realisasi_kumulatif_rp as double) as sisa_rp
    from leaf_rows
    inner join leaf_bidang on leaf_rows.kode_rekening = leaf_bidang.kode_rekening
    left join kas_to_date on leaf_rows.kode_rekening = kas_to_date.kode_rekening
    left join month_rows as programs
        on programs.kode_rekening = array_to_string(string_split(leaf_rows.kode_rekening, '.')[1:3], '.')
    where $bidang = '' or leaf_bidang.bidang = $bidang
)

select * from final
order by kode_rekening
