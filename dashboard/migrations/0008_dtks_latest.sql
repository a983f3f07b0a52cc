-- The latest DTKS snapshot of each kabupaten/kota: a provinsi receives one DTKS file per kab/kota, each with its
-- own latest period, so "the latest snapshot" is taken per kab/kota (in a kabupaten's database: its one latest).
-- Every figure that reads "the latest DTKS" reads these views (docs/INDICATORS.md).
create or replace view dtks_keluarga_latest as
with latest as (
    select
        left(kode_wilayah, 5) as kode_kabupaten,
        max(periode) as periode
    from dtks_keluarga
    group by 1
)

select k.*
from dtks_keluarga as k
inner join latest as l on left(k.kode_wilayah, 5) = l.kode_kabupaten and k.periode = l.periode;

create or replace view dtks_individu_latest as
with latest as (
    select
        left(kode_wilayah, 5) as kode_kabupaten,
        max(periode) as periode
    from dtks_individu
    group by 1
)

select i.*
from dtks_individu as i
inner join latest as l on left(i.kode_wilayah, 5) = l.kode_kabupaten and i.periode = l.periode;
