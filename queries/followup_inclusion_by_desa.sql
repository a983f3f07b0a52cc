-- Follow-up list behind C5: KPM of programme P in period T whose DTKS household is not active, not ranked
-- (empty desil) or above the cut-off, in one kecamatan.
-- Grain: one row per KPM (DTKS household), shown by a recipient row of it: masked NIK, name, desa, reason.
-- Parameters:
--   $kecamatan  varchar    dotted kecamatan code
--   $tahun      integer    year of the recipient lists
--   $periods    varchar[]  recipient periode values inside the selected span (Filters.periode_labels)
--   $program    varchar    programme P, or null for all programmes
--   $cutoff     integer    highest desil counted as eligible for P
-- Source tables: wilayah, penerima_household (derived).
with program_rows as (
    select
        hh_id,
        program,
        nik_mask,
        nama,
        kode_desa,
        desil,
        is_aktif_dtks
    from penerima_household
    where
        tahun = $tahun
        and list_contains($periods, periode)
        and ($program is null or program = $program)
        and kode_kecamatan = $kecamatan
        and match_method is not null
),

inclusion as (
    select
        hh_id,
        min(kode_desa) as kode_desa,
        arg_min(nik_mask, concat(nik_mask, '|', nama)) as nik_mask,
        arg_min(nama, concat(nik_mask, '|', nama)) as nama,
        string_agg(distinct program, ', ' order by program) as programs,
        any_value(is_aktif_dtks) as is_aktif_dtks,
        any_value(desil) as desil
    from program_rows
    where not is_aktif_dtks or desil is null or desil > $cutoff
    group by hh_id
),

final as (
    select
        i.kode_desa,
        w.nama as nama_desa,
        i.nik_mask,
        i.nama,
        i.programs,
        case
            when not i.is_aktif_dtks then 'nonaktif'
            when i.desil is null then 'desil_kosong'
            else 'desil_di_atas'
        end as reason_code,
        i.desil
    from inclusion as i
    left join wilayah as w on i.kode_desa = w.kode
    order by w.nama, i.nama, i.nik_mask
)

select * from final
