-- Follow-up list behind C5: KPM of programme P in period T whose DTKS household is not active, or whose desil is
-- above the cut-off of a programme it received in T, in one kecamatan. Active KPM without a desil are not errors
-- (not ranked) and not listed; unmatched recipients are the C6 list.
-- Grain: one row per KPM (DTKS household), shown by a received row of it: masked NIK, name, desa, the programmes
-- it received (programs), the reason, its desil and the lowest cut-off it exceeds.
-- Access: operator (names and masked NIK: roles operator and admin only, dashboard/access/roles.py)
-- Unique on: kode_desa, nik_mask, nama
-- Parameters:
--   $kecamatan        varchar    dotted kecamatan code
--   $tahun            integer    year of the recipient lists
--   $periods          varchar[]  recipient periode values inside the selected span (Filters.periode_labels)
--   $program          varchar    programme P, or null for all programmes
--   $cutoff           integer    cut-off of P (the default cut-off for all programmes)
--   $cutoff_programs  varchar[]  programmes with their own cut-off ...
--   $cutoff_values    integer[]  ... and those cut-offs, in the same order (others: $cutoff)
-- Source tables: wilayah, penerima_household (derived).
with cutoffs as (
    -- each programme's own cut-off by name: a map, which Trino and Spark read the same way (docs/SCALE.md)
    select map($cutoff_programs, $cutoff_values) as by_program
),

received_rows as (
    select
        r.hh_id,
        r.program,
        r.nik_mask,
        r.nama,
        r.kode_desa,
        r.desil,
        r.is_aktif_dtks,
        case
            when list_contains($cutoff_programs, r.program) then c.by_program[r.program] else $cutoff
        end as program_cutoff
    from penerima_household as r
    cross join cutoffs as c
    where
        r.tahun = $tahun
        and list_contains($periods, r.periode)
        and ($program is null or r.program = $program)
        and r.kode_kecamatan = $kecamatan
        and r.match_method is not null
        and r.is_received
),

inclusion as (
    select
        hh_id,
        min(kode_desa) as kode_desa,
        arg_min(nik_mask, concat(nik_mask, '|', nama)) as nik_mask,
        arg_min(nama, concat(nik_mask, '|', nama)) as nama,
        string_agg(distinct program, ', ' order by program) as programs,
        any_value(is_aktif_dtks) as is_aktif_dtks,
        any_value(desil) as desil,
        min(program_cutoff) as cutoff
    from received_rows
    group by hh_id
    having not any_value(is_aktif_dtks) or any_value(desil) > min(program_cutoff)
),

final as (
    select
        i.kode_desa,
        w.nama as nama_desa,
        i.nik_mask,
        i.nama,
        i.programs,
        case when not i.is_aktif_dtks then 'nonaktif' else 'desil_di_atas' end as reason_code,
        i.desil,
        i.cutoff
    from inclusion as i
    left join wilayah as w on i.kode_desa = w.kode
    order by w.nama, i.nama, i.nik_mask
)

select * from final
