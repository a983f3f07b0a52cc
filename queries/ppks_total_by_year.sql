-- PPKS total (all categories) in the kabupaten or one kecamatan, this year and the year before.
-- Grain: one row per year. Parameters: $tahun (integer), $kecamatan (varchar dotted code, or null for all).
-- Unique on: tahun
-- Source tables: ppks_rekap.
with rekap as (
    select
        tahun,
        kode_wilayah,
        jumlah
    from ppks_rekap
    where tahun in ($tahun, $tahun - 1)
),

in_scope as (
    select *
    from rekap
    where $kecamatan is null or kode_wilayah = $kecamatan or starts_with(kode_wilayah, $kecamatan || '.')
),

final as (
    select
        cast(tahun as integer) as tahun,
        sum(jumlah) as n_ppks
    from in_scope
    group by tahun
    order by tahun
)

select * from final
