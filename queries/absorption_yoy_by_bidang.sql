-- Year on year (B4): absorption per bidang as of the current as-of month, and at the same month of the
-- previous year.
-- Grain: one row per bidang present in either year ('' for budget lines no configured prefix matches).
-- Parameters:
--   $tahun (integer): budget year; the comparison year is $tahun - 1.
--   $bulan (integer 1-12): last month of the selected span; the as-of month is the last LRA month of $tahun up to
--     it, and the previous year is read at exactly that month (null where that LRA is missing).
-- Source tables: anggaran_realisasi, bidang_map (today's mapping applied to both years).
with realisasi as (
    select
        tahun,
        bulan,
        kode_rekening,
        pagu_rp,
        coalesce(
            realisasi_kumulatif_rp,
            sum(realisasi_bulan_rp) over (partition by tahun, kode_rekening order by bulan)
        ) as realisasi_kumulatif_rp
    from anggaran_realisasi
    where tahun in ($tahun, $tahun - 1)
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
    where tahun = $tahun and bulan <= $bulan
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
        where child.tahun = parent.tahun
            and starts_with(child.kode_rekening, parent.kode_rekening || '.')
    )
),

kode_bidang as (
    select
        kode_list.kode_rekening,
        coalesce(arg_max(bidang_prefixes.bidang, length(bidang_prefixes.kode_prefix)), '') as bidang
    from (select distinct kode_rekening from leaf_rows) as kode_list
    left join bidang_prefixes
        on kode_list.kode_rekening = bidang_prefixes.kode_prefix
        or starts_with(kode_list.kode_rekening, bidang_prefixes.kode_prefix || '.')
    group by kode_list.kode_rekening
),

by_bidang as (
    select
        kode_bidang.bidang,
        sum(leaf_rows.pagu_rp) filter (where leaf_rows.tahun = $tahun) as pagu_rp,
        sum(leaf_rows.realisasi_kumulatif_rp) filter (where leaf_rows.tahun = $tahun) as realisasi_rp,
        sum(leaf_rows.pagu_rp) filter (where leaf_rows.tahun = $tahun - 1) as pagu_prev_rp,
        sum(leaf_rows.realisasi_kumulatif_rp) filter (where leaf_rows.tahun = $tahun - 1) as realisasi_prev_rp
    from leaf_rows
    inner join kode_bidang on leaf_rows.kode_rekening = kode_bidang.kode_rekening
    group by kode_bidang.bidang
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
