-- C3-C6: programme coverage of eligible households, exclusion and inclusion errors, unmatched recipients.
-- Grain: one row per wilayah of length $child_len under $parent (kecamatan of the kabupaten, desa of a kecamatan,
-- or every desa of a kab/kota or provinsi for the Perencanaan page's targeting per desa).
-- Unique on: kode
-- Parameters:
--   $parent           varchar    dotted code whose wilayah are listed ('35.13' -> kecamatan, '35.13.01' -> desa)
--   $child_len        integer    length of a listed code (8 for kecamatan, 13 for desa)
--   $tahun            integer    year of the recipient lists
--   $periods          varchar[]  recipient periode values inside the selected span (Filters.periode_labels)
--   $program          varchar    programme P, or null for all programmes together
--   $cutoff           integer    highest desil counted as eligible for P (the default cut-off for all programmes)
--   $cutoff_programs  varchar[]  programmes with their own cut-off ...
--   $cutoff_values    integer[]  ... and those cut-offs, in the same order (others: $cutoff)
-- Definitions (docs/INDICATORS.md): a KPM of P in T is a household with a row of P in T that was received
-- (status_salur 'salur', or a list without a status); rows only 'belum'/'gagal' make it pending, never KPM.
-- Eligible = active household of the latest DTKS snapshot with desil <= $cutoff (empty desil never eligible).
-- C3 = eligible KPM of P / eligible; C4 = eligible households that received no programme in T / eligible;
-- C5 = matched KPM of P not active in DTKS, or with desil above the cut-off of a programme (of P, or any with all
-- programmes) they received in T / matched KPM of P with a desil or not active (active KPM without a desil are
-- counted apart as n_no_desil); C6 = rows of P in T matching no DTKS household / all rows of P in T.
-- Households are placed in their DTKS desa; unmatched KPM in the (first) desa of their recipient rows.
-- Source tables: wilayah, and the derived coverage_dtks, coverage_households, coverage_items and coverage_rows
-- (dashboard/derived/15_coverage.sql), which hold these counts pre-aggregated.
with children as (
    select
        kode,
        nama
    from wilayah
    where starts_with(kode, $parent || '.') and length(kode) = $child_len
),

eligible_by_wilayah as (
    select
        left(kode_desa, $child_len) as kode,
        sum(n_households) as n_eligible
    from coverage_dtks
    where desil <= $cutoff and starts_with(kode_desa, $parent || '.')
    group by 1
),

cutoffs as (
    -- each programme's own cut-off by name: a map, which Trino and Spark read the same way (docs/SCALE.md)
    select map($cutoff_programs, $cutoff_values) as by_program
),

items_in_period as (
    select
        i.item_set,
        i.is_received,
        $program is null or i.program = $program as is_program,
        case
            when list_contains($cutoff_programs, i.program) then c.by_program[i.program] else $cutoff
        end as program_cutoff
    from coverage_items as i
    cross join cutoffs as c
    where list_contains($periods, i.periode)
),

sets_in_period as (
    -- what a household's item set says about the span: KPM of P, pending for P, served by any programme
    select
        item_set,
        bool_or(is_program and is_received) as is_kpm,
        bool_or(is_program) as has_program_rows,
        bool_or(is_received) as is_served,
        min(program_cutoff) filter (where is_program and is_received) as received_cutoff
    from items_in_period
    group by item_set
),

households_in_period as (
    select
        left(h.kode_desa, $child_len) as kode,
        s.is_kpm,
        s.has_program_rows and not s.is_kpm as is_pending,
        s.is_served,
        h.is_aktif_dtks and h.desil <= $cutoff as is_eligible,
        h.is_aktif_dtks and h.desil is null as is_no_desil,
        not h.is_aktif_dtks or h.desil > s.received_cutoff as is_inclusion,
        h.n_households
    from coverage_households as h
    inner join sets_in_period as s on h.item_set = s.item_set
    where h.tahun = $tahun and starts_with(h.kode_desa, $parent || '.')
),

households_by_wilayah as (
    select
        kode,
        sum(n_households) filter (where is_kpm and is_eligible) as n_eligible_kpm,
        sum(n_households) filter (where is_pending and is_eligible) as n_eligible_pending,
        sum(n_households) filter (where is_served and is_eligible) as n_eligible_served,
        sum(n_households) filter (where not is_served and is_eligible) as n_excluded_pending,
        sum(n_households) filter (where is_kpm) as n_kpm,
        sum(n_households) filter (where is_kpm and is_no_desil) as n_no_desil,
        sum(n_households) filter (where is_kpm and is_inclusion) as n_inclusion,
        sum(n_households) filter (where is_pending) as n_kpm_pending
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
    group by 1
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
    group by 1
),

counts as (
    select
        c.kode,
        c.nama,
        coalesce(e.n_eligible, 0)::bigint as n_eligible,
        coalesce(h.n_eligible_kpm, 0)::bigint as n_eligible_kpm,
        coalesce(h.n_eligible_pending, 0)::bigint as n_eligible_pending,
        (coalesce(e.n_eligible, 0) - coalesce(h.n_eligible_served, 0))::bigint as n_excluded,
        coalesce(h.n_excluded_pending, 0)::bigint as n_excluded_pending,
        coalesce(h.n_kpm, 0)::bigint as n_kpm,
        coalesce(h.n_kpm_pending, 0)::bigint as n_kpm_pending,
        coalesce(h.n_no_desil, 0)::bigint as n_no_desil,
        (coalesce(h.n_kpm, 0) - coalesce(h.n_no_desil, 0))::bigint as n_kpm_ranked,
        coalesce(h.n_inclusion, 0)::bigint as n_inclusion,
        (coalesce(m.n_rows, 0) + coalesce(u.n_rows, 0))::bigint as n_rows,
        coalesce(u.n_rows, 0)::bigint as n_unmatched,
        coalesce(u.n_kpm, 0)::bigint as n_unmatched_kpm
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
        100.0 * n_inclusion / nullif(n_kpm_ranked, 0) as inclusion_pct,
        100.0 * n_unmatched / nullif(n_rows, 0) as unmatched_pct
    from counts
    order by kode
)

select * from final
