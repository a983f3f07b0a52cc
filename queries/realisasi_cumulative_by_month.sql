-- S-curve: cumulative realisation against the cumulative cash plan (anggaran kas), month by month over one year,
-- for the whole office or one bidang (B1/B2 over time).
-- Grain: one row per month 1-12. Realisation is null after the as-of month (the last LRA month up to $bulan);
-- the plan runs for the whole year.
-- Parameters:
--   $tahun (integer): budget year.
--   $bulan (integer 1-12): last month of the selected span; realisation is shown up to the last LRA month up to it.
--   $bidang (varchar): bidang to show; '' for the whole office.
-- Source tables: anggaran_realisasi (cumulative figure of each month's LRA, finest rows), anggaran_kas,
--   bidang_map (longest matching prefix wins).
with realisasi as (
    select
        bulan,
        kode_rekening,
        pagu_rp,
        coalesce(
            realisasi_kumulatif_rp,
            sum(realisasi_bulan_rp) over (partition by kode_rekening order by bulan)
        ) as realisasi_kumulatif_rp
    from anggaran_realisasi
    where tahun = $tahun and bulan <= $bulan
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

months as (
    select cast(range as integer) as bulan
    from range(1, 13)
),

realisasi_leaf as (
    select parent.*
    from realisasi as parent
    where not exists (
        select 1
        from realisasi as child
        where child.bulan = parent.bulan
            and starts_with(child.kode_rekening, parent.kode_rekening || '.')
    )
),

kas_leaf as (
    select parent.*
    from kas as parent
    where not exists (
        select 1
        from kas as child
        where child.bulan = parent.bulan
            and starts_with(child.kode_rekening, parent.kode_rekening || '.')
    )
),

kode_list as (
    select distinct kode_rekening from realisasi_leaf
    union
    select distinct kode_rekening from kas_leaf
),

kode_bidang as (
    select
        kode_list.kode_rekening,
        coalesce(arg_max(bidang_prefixes.bidang, length(bidang_prefixes.kode_prefix)), '') as bidang
    from kode_list
    left join bidang_prefixes
        on kode_list.kode_rekening = bidang_prefixes.kode_prefix
        or starts_with(kode_list.kode_rekening, bidang_prefixes.kode_prefix || '.')
    group by kode_list.kode_rekening
),

realisasi_by_month as (
    select
        realisasi_leaf.bulan,
        sum(realisasi_leaf.pagu_rp) as pagu_rp,
        sum(realisasi_leaf.realisasi_kumulatif_rp) as realisasi_kumulatif_rp
    from realisasi_leaf
    inner join kode_bidang on realisasi_leaf.kode_rekening = kode_bidang.kode_rekening
    where $bidang = '' or kode_bidang.bidang = $bidang
    group by realisasi_leaf.bulan
),

kas_by_month as (
    select
        kas_leaf.bulan,
        sum(kas_leaf.anggaran_kas_rp) as anggaran_kas_rp
    from kas_leaf
    inner join kode_bidang on kas_leaf.kode_rekening = kode_bidang.kode_rekening
    where $bidang = '' or kode_bidang.bidang = $bidang
    group by kas_leaf.bulan
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
