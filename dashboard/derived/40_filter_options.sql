-- refresh-on: dtks, penerima, anggaran, psks, target, ppks
-- The sidebar's choices, shown on every page: read from these small tables instead of scanning every fact table
-- (millions of recipient rows) for its distinct years and programmes.
-- Source tables: penerima, anggaran_realisasi, tksk_laporan, target, ppks_rekap, ppks_kasus, dtks_keluarga.
-- Parameters: none.
--
-- filter_years:    years any imported data covers (a DTKS snapshot by the year of its periode).
-- filter_programs: programmes present in the recipient lists.
create or replace table filter_years as
with years as (
    select tahun from penerima
    union select tahun from anggaran_realisasi
    union select tahun from tksk_laporan
    union select tahun from target
    union select tahun from ppks_rekap
    union select tahun from ppks_kasus
    union select cast(left(periode, 4) as smallint) as tahun from dtks_keluarga
),

final as (
    select distinct cast(tahun as integer) as tahun
    from years
    where tahun is not null
)

select * from final
order by tahun;

create or replace table filter_programs as
with final as (
    select distinct program from penerima
)

select * from final
order by program;
