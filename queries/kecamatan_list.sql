-- Kecamatan of the configured kabupaten: the choices of the Kecamatan filter.
-- Grain: one row per kecamatan. Parameters: $kabupaten (varchar, e.g. '35.13').
-- Unique on: kode
-- Source tables: wilayah.
with kecamatan as (
    select
        kode,
        nama
    from wilayah
    where tingkat = 3 and induk = $kabupaten
),

final as (
    select * from kecamatan order by kode
)

select * from final
