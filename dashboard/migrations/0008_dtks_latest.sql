-- The latest DTKS snapshot of each kabupaten/kota: a provinsi receives one DTKS file per kab/kota, each with its
-- own latest period, so "the latest snapshot" is taken per kab/kota (in a kabupaten's database: its one latest).
-- dtks_latest holds that period per kab/kota, refilled after every DTKS import (dashboard/derived/01_dtks_latest.sql);
-- every figure that reads "the latest DTKS" reads the two views (docs/INDICATORS.md). A join to the small table
-- costs ~8 ms at 2M individuals, where grouping the snapshot per kab/kota on every query cost ~30 ms.
create table dtks_latest (
    kode_kabupaten varchar primary key,
    periode varchar not null
);

create or replace view dtks_keluarga_latest as
select k.*
from dtks_keluarga as k
inner join dtks_latest as l on left(k.kode_wilayah, 5) = l.kode_kabupaten and k.periode = l.periode;

create or replace view dtks_individu_latest as
select i.*
from dtks_individu as i
inner join dtks_latest as l on left(i.kode_wilayah, 5) = l.kode_kabupaten and i.periode = l.periode;
