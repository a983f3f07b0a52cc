-- Follow-up list behind C6: recipients of programme P in period T whose NIK and No. KK match no household of
-- the latest DTKS snapshot, in one kecamatan (placed in the desa of their recipient row).
-- Grain: one row per person on the lists (masked NIK, name, desa), with the programmes and number of rows.
-- Access: operator (names and masked NIK: roles operator and admin only, dashboard/access/roles.py)
-- Unique on: kode_desa, nik_mask, nama
-- Parameters:
--   $kecamatan  varchar    dotted kecamatan code
--   $tahun      integer    year of the recipient lists
--   $periods    varchar[]  recipient periode values inside the selected span (Filters.periode_labels)
--   $program    varchar    programme P, or null for all programmes
-- Source tables: wilayah, penerima_household (derived).
with unmatched_rows as (
    select
        kpm_id,
        program,
        nik_mask,
        nama,
        kode_desa
    from penerima_household
    where
        tahun = $tahun
        and list_contains($periods, periode)
        and ($program is null or program = $program)
        and kode_kecamatan = $kecamatan
        and match_method is null
),

people as (
    select
        kode_desa,
        nik_mask,
        nama,
        string_agg(distinct program, ', ' order by program) as programs,
        count(*) as n_rows
    from unmatched_rows
    group by kpm_id, kode_desa, nik_mask, nama
),

final as (
    select
        p.kode_desa,
        w.nama as nama_desa,
        p.nik_mask,
        p.nama,
        p.programs,
        p.n_rows
    from people as p
    left join wilayah as w on p.kode_desa = w.kode
    order by w.nama, p.nama, p.nik_mask
)

select * from final
