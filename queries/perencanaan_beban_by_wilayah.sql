-- Caseload (Perencanaan): PPKS per TKSK and per LKS/PSM, per child wilayah, this year and last year
-- (docs/INDICATORS.md section 6).
-- Grain: one row per child wilayah of $parent (kecamatan of a kab/kota, or kab/kota of a provinsi).
-- Unique on: kode
-- Parameters:
--   $parent     varchar  dotted code of a kab/kota ('35.13') or a provinsi ('75')
--   $child_len  integer  length of the child codes: 8 (kecamatan) under a kab/kota, 5 (kab/kota) under a provinsi
--   $tahun      integer  year of the PPKS recap and of the PSKS register; $tahun - 1 for the change
-- n_ppks: the yearly PPKS recap, all categories; n_tksk: TKSK in the year's PSKS register (psks_sumber) placed in
-- the wilayah; n_lks_psm: LKS and PSM likewise. Per worker = n_ppks / workers, null without a worker (a wilayah
-- with PPKS and nobody to carry them is shown apart, never as 0). ada_register: the year has any PSKS register row.
-- Source tables: wilayah, ppks_rekap, psks_sumber.
with children as (
    select
        kode,
        nama
    from wilayah
    where starts_with(kode, $parent || '.') and length(kode) = $child_len
),

ppks as (
    select
        left(kode_wilayah, $child_len) as kode,
        sum(jumlah) filter (where tahun = $tahun) as n_ppks,
        sum(jumlah) filter (where tahun = $tahun - 1) as n_ppks_prev
    from ppks_rekap
    where
        tahun in ($tahun, $tahun - 1)
        and starts_with(kode_wilayah, $parent || '.')
        and length(kode_wilayah) >= $child_len
    group by 1
),

workers as (
    select
        left(kode_wilayah, $child_len) as kode,
        count(*) filter (where tahun = $tahun and jenis = 'TKSK') as n_tksk,
        count(*) filter (where tahun = $tahun and jenis in ('LKS', 'PSM')) as n_lks_psm,
        count(*) filter (where tahun = $tahun - 1 and jenis = 'TKSK') as n_tksk_prev,
        count(*) filter (where tahun = $tahun - 1 and jenis in ('LKS', 'PSM')) as n_lks_psm_prev
    from psks_sumber
    where
        tahun in ($tahun, $tahun - 1)
        and starts_with(kode_wilayah, $parent || '.')
        and length(kode_wilayah) >= $child_len
    group by 1
),

registers as (
    select
        count(*) filter (where tahun = $tahun) > 0 as ada_register,
        count(*) filter (where tahun = $tahun - 1) > 0 as ada_register_prev
    from psks_sumber
    where tahun in ($tahun, $tahun - 1)
),

final as (
    select
        c.kode,
        c.nama,
        coalesce(p.n_ppks, 0)::bigint as n_ppks,
        coalesce(w.n_tksk, 0)::bigint as n_tksk,
        coalesce(w.n_lks_psm, 0)::bigint as n_lks_psm,
        coalesce(p.n_ppks, 0) / nullif(w.n_tksk, 0) as ppks_per_tksk,
        coalesce(p.n_ppks, 0) / nullif(w.n_lks_psm, 0) as ppks_per_lks_psm,
        coalesce(p.n_ppks_prev, 0)::bigint as n_ppks_prev,
        coalesce(p.n_ppks_prev, 0) / nullif(w.n_tksk_prev, 0) as ppks_per_tksk_prev,
        coalesce(p.n_ppks_prev, 0) / nullif(w.n_lks_psm_prev, 0) as ppks_per_lks_psm_prev,
        r.ada_register,
        r.ada_register_prev
    from children as c
    cross join registers as r
    left join ppks as p on c.kode = p.kode
    left join workers as w on c.kode = w.kode
)

select * from final
order by kode
