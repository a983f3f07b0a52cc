-- The name and kind of one wilayah, for titles ("Kabupaten Probolinggo" on the rakor's title slide).
-- Grain: one row for the code asked (none when the code is unknown).
-- Unique on: kode
-- Parameters: $kode (varchar, dotted code, e.g. '35.13').
-- Source tables: wilayah.
with final as (
    select
        kode,
        nama,
        jenis
    from wilayah
    where kode = $kode
)

select * from final
