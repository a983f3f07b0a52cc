-- refresh-on: penerima
-- partition (own rows): penerima_kunci kode_kabupaten
-- penerima_kunci: the distinct No. KK / NIK pairs of each kab/kota's recipient rows (a provinsi's 38M rows hold
-- about 4.5M pairs). dashboard/derived/scope.py asks it which kab/kota hold a key (a DTKS member's, a KPM's) instead
-- of scanning every recipient row: before each write (the table is then as the last rebuild left it, the state the
-- other derived tables were built from) and after the session's imports.
-- "own rows": a kab/kota's rows here are read from its own recipient rows only, so a partial rebuild replaces just
-- the kab/kota whose recipient rows the session wrote, before the scope of the other tables is asked.
-- Source tables: penerima. Parameters: $kabs varchar[] (see 10_penerima_household.sql), null for all.
-- Sorted by kab/kota, so a question about one kab/kota's keys skips the other row groups.
create or replace table penerima_kunci as
with final as (
    select distinct
        left(kode_wilayah, 5) as kode_kabupaten,
        no_kk_hash,
        nik_hash
    from penerima
    where $kabs is null or (list_contains($kabs, left(kode_wilayah, 5))
        and kode_wilayah >= $kab_first and kode_wilayah < $kab_after)
)

select * from final
order by kode_kabupaten;
