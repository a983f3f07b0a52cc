-- Need for the priority composite (Perencanaan): people in desil 1..$cutoff and the population, per child wilayah
-- (docs/INDICATORS.md section 6).
-- Grain: one row per child wilayah of $parent (kecamatan of a kab/kota, or kab/kota of a provinsi).
-- Unique on: kode
-- Parameters:
--   $parent     varchar  dotted code of a kab/kota ('35.13') or a provinsi ('75')
--   $child_len  integer  length of the child codes: 8 (kecamatan) under a kab/kota, 5 (kab/kota) under a provinsi
--   $cutoff     integer  highest desil counted (the default eligibility cut-off)
-- n_desil: active individuals of the latest DTKS snapshot with desil 1..$cutoff, in their desa's wilayah;
-- n_penduduk: the population the rates divide by (penduduk_terbaru, as C2 and P2); desil_share_pct = n_desil /
-- n_penduduk x 100 (null without population). Not year on year: DTKS is one snapshot.
-- Source tables: wilayah, dtks_individu_latest (view), penduduk_terbaru (derived view).
with children as (
    select
        kode,
        nama
    from wilayah
    where starts_with(kode, $parent || '.') and length(kode) = $child_len
),

desil as (
    select
        left(kode_wilayah, $child_len) as kode,
        count(*) as n_desil
    from dtks_individu_latest
    where is_aktif and desil <= $cutoff and starts_with(kode_wilayah, $parent || '.')
    group by 1
),

final as (
    select
        c.kode,
        c.nama,
        coalesce(d.n_desil, 0)::bigint as n_desil,
        p.n_penduduk,
        p.tahun_penduduk,
        100.0 * coalesce(d.n_desil, 0) / nullif(p.n_penduduk, 0) as desil_share_pct
    from children as c
    left join desil as d on c.kode = d.kode
    left join penduduk_terbaru as p on c.kode = p.kode
)

select * from final
order by kode
