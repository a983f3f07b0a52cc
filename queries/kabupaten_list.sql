-- Kabupaten/kota of a provinsi installation: the choices of the Kab/Kota filter (none for a kabupaten's own).
-- Grain: one row per kabupaten/kota. Parameters: $provinsi (varchar, the installation's code, e.g. '75').
-- Unique on: kode
-- Source tables: wilayah.
with kabupaten as (
    select
        kode,
        nama
    from wilayah
    where tingkat = 2 and starts_with(kode, $provinsi || '.')
),

final as (
    select * from kabupaten order by kode
)

select * from final
