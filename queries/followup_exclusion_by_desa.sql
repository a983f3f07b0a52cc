-- Follow-up list behind C4: eligible households of a kecamatan that received no programme in period T.
-- Grain: one row per household, shown by its head (else its first member): masked NIK, name, desa, desil.
-- Parameters:
--   $kecamatan  varchar    dotted kecamatan code
--   $tahun      integer    year of the recipient lists
--   $periods    varchar[]  recipient periode values inside the selected span (Filters.periode_labels)
--   $cutoff     integer    highest desil counted as eligible
-- Source tables: wilayah, dtks_household (derived), penerima_household (derived).
with eligible as (
    select
        hh_id,
        kode_desa,
        desil,
        nik_mask,
        nama
    from dtks_household
    where kode_kecamatan = $kecamatan and is_aktif and desil <= $cutoff
),

served as (
    select distinct hh_id
    from penerima_household
    where
        tahun = $tahun
        and list_contains($periods, periode)
        and kode_kecamatan = $kecamatan
        and hh_id is not null
),

excluded as (
    select e.*
    from eligible as e
    anti join served as s on e.hh_id = s.hh_id
),

final as (
    select
        x.kode_desa,
        w.nama as nama_desa,
        x.nik_mask,
        x.nama,
        x.desil
    from excluded as x
    left join wilayah as w on x.kode_desa = w.kode
    order by w.nama, x.nama, x.nik_mask
)

select * from final
