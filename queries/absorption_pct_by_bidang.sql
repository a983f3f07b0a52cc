-- Budget use per bidang as of one month (indicators B1 serapan, B2 deviasi dari anggaran kas, B3 sisa).
-- Grain: one row per bidang (office unit); '' for budget lines no configured prefix matches.
-- Parameters:
--   $tahun (integer): budget year.
--   $bulan (integer 1-12): last month of the selected span; the figures are as of the last month up to it
--     that has an LRA (SIPD realisation report), and that month is returned as `bulan`.
-- Source tables: anggaran_realisasi (pagu and cumulative realisation from the LRA of that month),
--   anggaran_kas (monthly cash plan, summed up to that month), bidang_map (longest matching prefix wins).
-- Only the finest rows of a report are summed (rows with no child row: normally the sub kegiatan), so a
-- program total is never counted twice with its own parts.
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

kas_leaf_to_date as (
    select
        parent.kode_rekening,
        sum(parent.anggaran_kas_rp) as anggaran_kas_rp
    from kas as parent
    where parent.bulan <= (select as_of.bulan from as_of)
        and not exists (
            select 1
            from kas as child
            where child.bulan = parent.bulan
                and starts_with(child.kode_rekening, parent.kode_rekening || '.')
        )
    group by parent.kode_rekening
),

kode_list as (
    select kode_rekening from leaf_rows
    union
    select kode_rekening from kas_leaf_to_date
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

realisasi_by_bidang as (
    select
        kode_bidang.bidang,
        sum(leaf_rows.pagu_rp) as pagu_rp,
        sum(leaf_rows.realisasi_kumulatif_rp) as realisasi_rp
    from leaf_rows
    inner join kode_bidang on leaf_rows.kode_rekening = kode_bidang.kode_rekening
    group by kode_bidang.bidang
),

kas_by_bidang as (
    select
        kode_bidang.bidang,
        sum(kas_leaf_to_date.anggaran_kas_rp) as anggaran_kas_rp
    from kas_leaf_to_date
    inner join kode_bidang on kas_leaf_to_date.kode_rekening = kode_bidang.kode_rekening
    group by kode_bidang.bidang
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
