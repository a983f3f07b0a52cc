-- C3-C6: programme coverage of eligible households, exclusion and inclusion errors, unmatched recipients.
-- Grain: one row per child wilayah of $parent (kecamatan of the kabupaten, or desa of a kecamatan).
-- Parameters:
--   $parent     varchar    dotted code whose children are listed ('35.13' -> kecamatan, '35.13.01' -> desa)
--   $child_len  integer    length of a child code (8 for kecamatan, 13 for desa)
--   $tahun      integer    year of the recipient lists
--   $periods    varchar[]  recipient periode values inside the selected span (Filters.periode_labels)
--   $program    varchar    programme P, or null for all programmes together
--   $cutoff     integer    highest desil counted as eligible for P
-- Eligible = active household of the latest DTKS snapshot with desil <= $cutoff (empty desil never eligible).
-- C3 = eligible households with a row of P in T / eligible; C4 = eligible households with no row of any
-- programme in T / eligible; C5 = KPM of P in T matched to a household that is not active, not ranked or above
-- the cut-off / all KPM of P in T (a KPM = a DTKS household, else the row's own No. KK or NIK);
-- C6 = rows of P in T matching no DTKS household / all rows of P in T.
-- Households are placed in their DTKS desa; unmatched KPM in the (first) desa of their recipient rows.
-- Source tables: wilayah, dtks_household (derived), penerima_kpm (derived).
with children as (
    select
        kode,
        nama
    from wilayah
    where induk = $parent
),

eligible as (
    select
        hh_id,
        left(kode_desa, $child_len) as kode
    from dtks_household
    where is_aktif and desil <= $cutoff and starts_with(kode_desa, $parent || '.')
),

kpm_in_period as (
    select
        program,
        kpm_id,
        hh_id,
        kode_desa,
        desil,
        is_aktif_dtks,
        n_rows,
        n_rows_unmatched
    from penerima_kpm
    where
        tahun = $tahun
        and list_contains($periods, periode)
        and starts_with(kode_desa, $parent || '.')
),

households_served as (
    select
        hh_id,
        bool_or($program is null or program = $program) as gets_program
    from kpm_in_period
    where hh_id is not null
    group by hh_id
),

eligible_by_wilayah as (
    select
        e.kode,
        count(*) as n_eligible,
        count(*) filter (where s.gets_program) as n_eligible_kpm,
        count(*) filter (where s.hh_id is null) as n_excluded
    from eligible as e
    left join households_served as s on e.hh_id = s.hh_id
    group by e.kode
),

program_kpm as (
    select *
    from kpm_in_period
    where $program is null or program = $program
),

kpm as (
    select
        kpm_id,
        min(kode_desa) as kode_desa,
        bool_or(hh_id is not null and (not is_aktif_dtks or desil is null or desil > $cutoff)) as is_inclusion_error,
        sum(n_rows) as n_rows,
        sum(n_rows_unmatched) as n_rows_unmatched
    from program_kpm
    group by kpm_id
),

kpm_by_wilayah as (
    select
        left(kode_desa, $child_len) as kode,
        count(*) as n_kpm,
        count(*) filter (where is_inclusion_error) as n_inclusion,
        sum(n_rows) as n_rows,
        sum(n_rows_unmatched) as n_unmatched
    from kpm
    group by all
),

final as (
    select
        c.kode,
        c.nama,
        coalesce(e.n_eligible, 0) as n_eligible,
        coalesce(e.n_eligible_kpm, 0) as n_eligible_kpm,
        coalesce(e.n_excluded, 0) as n_excluded,
        coalesce(k.n_kpm, 0) as n_kpm,
        coalesce(k.n_inclusion, 0) as n_inclusion,
        coalesce(k.n_rows, 0)::bigint as n_rows,
        coalesce(k.n_unmatched, 0)::bigint as n_unmatched,
        100.0 * e.n_eligible_kpm / nullif(e.n_eligible, 0) as coverage_pct,
        100.0 * e.n_excluded / nullif(e.n_eligible, 0) as exclusion_pct,
        100.0 * k.n_inclusion / nullif(k.n_kpm, 0) as inclusion_pct,
        100.0 * k.n_unmatched / nullif(k.n_rows, 0) as unmatched_pct
    from children as c
    left join eligible_by_wilayah as e on c.kode = e.kode
    left join kpm_by_wilayah as k on c.kode = k.kode
    order by c.kode
)

select * from final
