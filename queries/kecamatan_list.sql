-- Kecamatan of the installation's wilayah (a kabupaten/kota, or every kab/kota of a provinsi): the choices of the
-- Kecamatan filter.
-- Grain: one row per kecamatan. Parameters: $kabupaten (varchar, the installation's code, e.g. '35.13' or '75').
-- Unique on: kode
-- Source tables: wilayah.
with kecamatan as (
    select
        kode,
        nama
    from wilayah
    where tingkat = 3 and starts_with(kode, $kabupaten || '.')
),

final as (
    select * from kecamatan order by kode
)

select * from final
