-- refresh-on: penduduk
-- penduduk_terbaru: the population each rate divides by, one row per wilayah code: the newest year, and at equal
-- years an imported figure before the shipped reference (reference rows have import_id null). A view, so C2 and P2
-- always agree on the rule. Source tables: penduduk. Parameters: none.
create or replace view penduduk_terbaru as
select
    kode_wilayah as kode,
    jumlah_penduduk as n_penduduk,
    tahun as tahun_penduduk
from penduduk
qualify row_number() over (partition by kode_wilayah order by tahun desc, (import_id is null), import_id desc) = 1;
