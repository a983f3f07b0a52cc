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
-- Source tables: wilayah, and the derived coverage_dtks, coverage_households, coverage_periode_sets and
-- coverage_rows (dashboard/derived/15_coverage.sql), which hold these counts pre-aggregated.
with children as (
    select
        kode,
        nama
    from wilayah
    where induk = $parent
),

eligible_by_wilayah as (
    select
        left(kode_desa, $child_len) as kode,
        sum(n_households) as n_eligible
    from coverage_dtks
    where desil <= $cutoff and starts_with(kode_desa, $parent || '.')
    group by all
),

sets_in_period as (
    select distinct periode_set
    from coverage_periode_sets
    where list_contains($periods, periode)
),

households_in_period as (
    -- matched households with a row in T: of P (program = $program) and of any programme (program null)
    select
        left(h.kode_desa, $child_len) as kode,
        h.program is not distinct from $program as is_program,
        h.program is null as is_any_program,
        h.is_aktif_dtks and h.desil <= $cutoff as is_eligible,
        h.n_households
    from coverage_households as h
    semi join sets_in_period as s on h.periode_set = s.periode_set
    where
        h.tahun = $tahun
        and (h.program is null or h.program = $program)
        and starts_with(h.kode_desa, $parent || '.')
),

households_by_wilayah as (
    select
        kode,
        sum(n_households) filter (where is_program and is_eligible) as n_eligible_kpm,
        sum(n_households) filter (where is_any_program and is_eligible) as n_eligible_served,
        sum(n_households) filter (where is_program) as n_kpm,
        sum(n_households) filter (where is_program and not coalesce(is_eligible, false)) as n_inclusion
    from households_in_period
    group by kode
),

rows_in_period as (
    select
        kode_desa,
        kpm_id_unmatched,
        n_rows
    from coverage_rows
    where
        tahun = $tahun
        and list_contains($periods, periode)
        and ($program is null or program = $program)
        and starts_with(kode_desa, $parent || '.')
),

matched_rows_by_wilayah as (
    select
        left(kode_desa, $child_len) as kode,
        sum(n_rows) as n_rows
    from rows_in_period
    where kpm_id_unmatched is null
    group by all
),

unmatched_kpm as (
    select
        min(kode_desa) as kode_desa,
        sum(n_rows) as n_rows
    from rows_in_period
    where kpm_id_unmatched is not null
    group by kpm_id_unmatched
),

unmatched_by_wilayah as (
    select
        left(kode_desa, $child_len) as kode,
        count(*) as n_kpm,
        sum(n_rows) as n_rows
    from unmatched_kpm
    group by all
),

counts as (
    select
        c.kode,
        c.nama,
        coalesce(e.n_eligible, 0)::bigint as n_eligible,
        coalesce(h.n_eligible_kpm, 0)::bigint as n_eligible_kpm,
        (coalesce(e.n_eligible, 0) - coalesce(h.n_eligible_served, 0))::bigint as n_excluded,
        (coalesce(h.n_kpm, 0) + coalesce(u.n_kpm, 0))::bigint as n_kpm,
        coalesce(h.n_inclusion, 0)::bigint as n_inclusion,
        (coalesce(m.n_rows, 0) + coalesce(u.n_rows, 0))::bigint as n_rows,
        coalesce(u.n_rows, 0)::bigint as n_unmatched
    from children as c
    left join eligible_by_wilayah as e on c.kode = e.kode
    left join households_by_wilayah as h on c.kode = h.kode
    left join matched_rows_by_wilayah as m on c.kode = m.kode
    left join unmatched_by_wilayah as u on c.kode = u.kode
),

final as (
    select
        *,
        100.0 * n_eligible_kpm / nullif(n_eligible, 0) as coverage_pct,
        100.0 * n_excluded / nullif(n_eligible, 0) as exclusion_pct,
        100.0 * n_inclusion / nullif(n_kpm, 0) as inclusion_pct,
        100.0 * n_unmatched / nullif(n_rows, 0) as unmatched_pct
    from counts
    order by kode
)

select * from final
