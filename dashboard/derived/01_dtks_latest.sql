-- refresh-on: dtks
-- The latest DTKS period of each kabupaten/kota (migration 0008 explains why per kab/kota), read by the views
-- dtks_keluarga_latest and dtks_individu_latest. Refilled in place: the views keep pointing at the same table.
-- Source tables: dtks_keluarga. Parameters: none.
delete from dtks_latest;

insert into dtks_latest
select
    left(kode_wilayah, 5) as kode_kabupaten,
    max(periode) as periode
from dtks_keluarga
group by 1;
