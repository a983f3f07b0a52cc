-- T5 funnel: PPKS cases of the year that reached each case-management stage. Stages are passed in order,
-- so a case now at stage k has passed every earlier stage and counts in all of them (cumulative funnel).
-- Grain: one row per stage, in order: asesmen, rencana_intervensi, intervensi, evaluasi, monitoring, selesai.
-- Unique on: stage
-- Parameters:
--   $tahun         integer   year of the cases (ppks_kasus.tahun)
--   $as_of_month   integer   cases reported up to the end of this month
--   $kecamatan     varchar   dotted kecamatan code, or null for the whole kabupaten
-- Source tables: ppks_kasus.
with stages as (
    select
        stage,
        stage_order
    from (values
        ('asesmen', 1), ('rencana_intervensi', 2), ('intervensi', 3),
        ('evaluasi', 4), ('monitoring', 5), ('selesai', 6)
    ) as s (stage, stage_order)
),

kasus as (
    select
        id_kasus,
        tahap
    from ppks_kasus
    where
        tahun = $tahun
        and month(tanggal_lapor) <= $as_of_month
        and ($kecamatan is null or starts_with(kode_wilayah, $kecamatan || '.'))
),

kasus_at_stage as (
    select
        s.stage_order,
        count(*) as n_kasus
    from kasus as k
    inner join stages as s on k.tahap = s.stage
    group by s.stage_order
),

final as (
    select
        s.stage,
        cast(s.stage_order as integer) as stage_order,
        cast(coalesce(sum(k.n_kasus), 0) as integer) as n_kasus
    from stages as s
    left join kasus_at_stage as k on k.stage_order >= s.stage_order
    group by s.stage, s.stage_order
    order by s.stage_order
)

select * from final
