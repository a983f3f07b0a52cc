-- Follow-up list behind C4: eligible households of a kecamatan that received no programme in period T.
-- Grain: one row per household, shown by its head (else its first member): masked NIK, name, desa, desil, and
-- the programmes whose rows in T are only 'belum'/'gagal' (pending_programs; null when it has no row at all).
-- Access: operator (names and masked NIK: roles operator and admin only, dashboard/access/roles.py)
-- Unique on: kode_desa, nik_mask, nama
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

rows_in_period as (
    select
        hh_id,
        program,
        is_received
    from penerima_household
    where
        tahun = $tahun
        and list_contains($periods, periode)
        and kode_kecamatan = $kecamatan
        and hh_id is not null
),

households_in_period as (
    select
        hh_id,
        bool_or(is_received) as is_served,
        string_agg(distinct program, ', ' order by program) as pending_programs
    from rows_in_period
    group by hh_id
),

excluded as (
    select
        e.*,
        r.pending_programs
    from eligible as e
    left join households_in_period as r on e.hh_id = r.hh_id
    where not coalesce(r.is_served, false)
),

final as (
    select
        x.kode_desa,
        w.nama as nama_desa,
        x.nik_mask,
        x.nama,
        x.desil,
        x.pending_programs
    from excluded as x
    left join wilayah as w on x.kode_desa = w.kode
    order by w.nama, x.nama, x.nik_mask
)

select * from final
