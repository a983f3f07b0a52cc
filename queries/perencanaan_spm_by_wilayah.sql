-- SPM Bidang Sosial (Perencanaan): people in need and people served per standard, per child wilayah, this year and
-- last year at the same month (docs/INDICATORS.md section 6).
-- Grain: one row per child wilayah of $parent (kecamatan of a kab/kota, or kab/kota of a provinsi) per standard.
-- Unique on: kode, spm
-- Parameters:
--   $parent       varchar    dotted code of a kab/kota ('35.13') or a provinsi ('75')
--   $child_len    integer    length of the child codes: 8 (kecamatan) under a kab/kota, 5 (kab/kota) under a provinsi
--   $tahun        integer    year; $tahun - 1 is read up to the same month
--   $as_of_month  integer    cases reported up to the end of this month count as served
--   $spm          varchar[]  the standards' keys (SPM1..SPM5), one entry per PPKS category of the standard ...
--   $kategori     varchar[]  ... and that category, in the same order
-- In need (n_butuh): the yearly PPKS recap's count of the standard's categories in the wilayah (ppks_rekap).
-- Served (n_dilayani): PPKS cases of those categories reported in the year up to $as_of_month whose tahap reached
-- intervensi, evaluasi, monitoring or selesai: the basic service was given (ppks_kasus).
-- capaian_pct = served / in need x 100 (null without need; above 100 when the recap under-counts).
-- Source tables: wilayah, ppks_rekap, ppks_kasus.
with standards as (
    -- the two lists joined on their positions (portable form: queries/perencanaan_keluaran_by_kode.sql, mapping)
    select
        s.spm,
        k.kategori
    from (select spm, i from unnest($spm) with ordinality as l (spm, i)) as s
    inner join (select kategori, i from unnest($kategori) with ordinality as l (kategori, i)) as k on s.i = k.i
),

children as (
    select
        kode,
        nama
    from wilayah
    where starts_with(kode, $parent || '.') and length(kode) = $child_len
),

need as (
    select
        left(r.kode_wilayah, $child_len) as kode,
        s.spm,
        sum(r.jumlah) filter (where r.tahun = $tahun) as n_butuh,
        sum(r.jumlah) filter (where r.tahun = $tahun - 1) as n_butuh_prev
    from ppks_rekap as r
    inner join standards as s on r.kategori = s.kategori
    where
        r.tahun in ($tahun, $tahun - 1)
        and starts_with(r.kode_wilayah, $parent || '.')
        and length(r.kode_wilayah) >= $child_len
    group by 1, 2
),

served as (
    select
        left(k.kode_wilayah, $child_len) as kode,
        s.spm,
        count(*) filter (where k.tahun = $tahun) as n_dilayani,
        count(*) filter (where k.tahun = $tahun - 1) as n_dilayani_prev
    from ppks_kasus as k
    inner join standards as s on k.kategori = s.kategori
    where
        k.tahun in ($tahun, $tahun - 1)
        and month(k.tanggal_lapor) <= $as_of_month
        and k.tahap in ('intervensi', 'evaluasi', 'monitoring', 'selesai')
        and starts_with(k.kode_wilayah, $parent || '.')
        and length(k.kode_wilayah) >= $child_len
    group by 1, 2
),

grid as (
    select
        c.kode,
        c.nama,
        s.spm
    from children as c
    cross join (select distinct spm from standards) as s
),

final as (
    select
        g.kode,
        g.nama,
        g.spm,
        coalesce(n.n_butuh, 0)::bigint as n_butuh,
        coalesce(v.n_dilayani, 0)::bigint as n_dilayani,
        coalesce(n.n_butuh_prev, 0)::bigint as n_butuh_prev,
        coalesce(v.n_dilayani_prev, 0)::bigint as n_dilayani_prev,
        100.0 * coalesce(v.n_dilayani, 0) / nullif(n.n_butuh, 0) as capaian_pct,
        100.0 * coalesce(v.n_dilayani_prev, 0) / nullif(n.n_butuh_prev, 0) as capaian_prev_pct
    from grid as g
    left join need as n on g.kode = n.kode and g.spm = n.spm
    left join served as v on g.kode = v.kode and g.spm = v.spm
)

select * from final
order by kode, spm
