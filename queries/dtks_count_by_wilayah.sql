-- C1/C2: active DTKS individuals and households per wilayah, and their share of the population.
-- Grain: one row per child wilayah of $parent (kecamatan of the kabupaten, or desa of a kecamatan).
-- Unique on: kode
-- Parameters:
--   $parent     varchar  dotted code whose children are listed ('35.13' -> kecamatan, '35.13.01' -> desa)
--   $child_len  integer  length of a child code (8 for kecamatan, 13 for desa): DTKS desa codes are cut to it
-- Population: the newest year per code; at equal years an imported figure wins over the shipped reference
-- (reference rows have import_id null). Missing population -> share is null ("n/a" on screen).
-- Active = is_aktif of the individual (C1) or of the household, in the latest DTKS snapshot.
-- Source tables: wilayah, penduduk_terbaru (derived view), dtks_count_desa (derived from the DTKS tables).
with children as (
    select
        kode,
        nama
    from wilayah
    where induk = $parent
),

dtks as (
    select
        left(kode_desa, $child_len) as kode,
        sum(n_individu) as n_individu,
        sum(n_keluarga) as n_keluarga
    from dtks_count_desa
    where starts_with(kode_desa, $parent || '.')
    group by 1
),

final as (
    select
        c.kode,
        c.nama,
        coalesce(d.n_individu, 0)::bigint as n_individu,
        coalesce(d.n_keluarga, 0)::bigint as n_keluarga,
        p.n_penduduk,
        p.tahun_penduduk,
        100.0 * coalesce(d.n_individu, 0) / nullif(p.n_penduduk, 0) as dtks_share_pct
    from children as c
    left join dtks as d on c.kode = d.kode
    left join penduduk_terbaru as p on c.kode = p.kode
    order by c.kode
)

select * from final
