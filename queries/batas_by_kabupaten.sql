-- Desa of a kabupaten/kota with the boundary imported for each (kind batas), for the Peta's desa level: where any
-- desa has one, the imported polygons replace the shipped desa polygons of that kabupaten.
-- Grain: one row per desa of the kabupaten in the Kemendagri reference; geometry_wkb is null where none was imported.
-- Unique on: kode
-- Parameters: $kabupaten (varchar, dotted code, e.g. '35.13').
-- Source tables: wilayah, batas_wilayah.
with desa as (
    select
        kode,
        nama
    from wilayah
    where tingkat = 4 and starts_with(kode, $kabupaten || '.')
),

batas as (
    select
        import_id,
        kode,
        nama,
        label_x,
        label_y,
        geometry_wkb
    from batas_wilayah
    where tingkat = 'desa'
),

final as (
    select
        desa.kode,
        coalesce(batas.nama, desa.nama) as nama,
        batas.import_id,
        batas.label_x,
        batas.label_y,
        batas.geometry_wkb
    from desa
    left join batas on batas.kode = desa.kode
    order by desa.kode
)

select * from final
