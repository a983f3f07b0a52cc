-- Years any imported data covers, newest first: the choices of the Tahun filter.
-- Grain: one row per year. Parameters: none.
-- Source tables: penerima, anggaran_realisasi, tksk_laporan, target, ppks_rekap, ppks_kasus, dtks_keluarga.
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
    order by tahun desc
)

select * from final
