-- Budget to output (Perencanaan): per configured SIPD code prefix ([keluaran] in rakor.toml), the realisation of the
-- finest budget lines it is the longest matching prefix of, against the output its measure counts, this year and at
-- the same month last year; cost per beneficiary = realisation / output, null without either (INDICATORS.md s. 6).
-- Grain: one row per configured prefix that has a budget line or an output in either year, plus one row with kode ''
-- for finest lines no prefix matches (ukuran null).
-- Unique on: kode
-- Parameters:
--   $tahun         integer    budget year; $tahun - 1 is read at exactly the same month
--   $bulan         integer    the as-of month (the last LRA month of $tahun up to the filter's last month)
--   $prefixes      varchar[]  the mapping, one entry per (prefix, counted category or programme) ...
--   $ukuran        varchar[]  ... the prefix's measure: kpm, ppks_dilayani, kasus_selesai, laporan_tksk,
--                             keluarga_diverval, or '' (no countable output: support lines) ...
--   $saring        varchar[]  ... and the PPKS category (ppks_dilayani, kasus_selesai) or programme (kpm) counted,
--                             null for all; a prefix counting several has one entry per value
--   $periods       varchar[]  recipient periode values covering January to $bulan of $tahun (for kpm)
--   $periods_prev  varchar[]  the same for $tahun - 1
-- Outputs, January to $bulan of the year, over the whole installation (the budget has no wilayah):
--   kpm                matched households with a received row of the programme(s) (C3's KPM, INDICATORS.md)
--   ppks_dilayani      PPKS cases reported in the year whose tahap reached intervensi or later (served)
--   kasus_selesai      PPKS cases reported in the year whose tahap is selesai
--   laporan_tksk       TKSK monthly reports received (T3's numerator)
--   keluarga_diverval  households of the latest DTKS snapshot updated in the year (T1's realisation)
-- Flags: tanpa_output = a measure is set, realisation > 0 and output 0; tanpa_anggaran = output > 0 and no
-- realisation (no budget line at all, or nothing spent).
-- Source tables: anggaran_realisasi (the as-of month, names), anggaran_realisasi_rinci (finest LRA lines, a view:
--   dashboard/derived/30_anggaran_rinci.sql), coverage_households, coverage_items (derived), ppks_kasus,
--   tksk_laporan, dtks_keluarga_latest.
with mapping as (
    -- the parallel lists joined on their positions, each unnested in a subquery: several unnest in one select zip
    -- only in DuckDB, and sqlglot writes a join of unnests for Spark as LATERAL VIEW, dropping the join condition;
    -- positions count from 0 in Spark (posexplode), from 1 elsewhere, and are only compared with each other
    select distinct
        p.prefix,
        u.ukuran,
        s.saring
    from (select prefix, i from unnest($prefixes) with ordinality as l (prefix, i)) as p
    inner join (select ukuran, i from unnest($ukuran) with ordinality as l (ukuran, i)) as u on p.i = u.i
    inner join (select saring, i from unnest($saring) with ordinality as l (saring, i)) as s on p.i = s.i
),

prefixes as (
    select distinct
        prefix,
        ukuran
    from mapping
),

as_of as (
    -- the as-of month: the last month up to $bulan with an LRA of $tahun (null when there is none)
    select max(bulan) as bulan
    from anggaran_realisasi
    where tahun = $tahun and bulan <= $bulan
),

years as (
    select
        $tahun as tahun,
        $periods as periods
    union all
    select
        $tahun - 1 as tahun,
        $periods_prev as periods
),

lines as (
    select
        r.tahun,
        r.kode_rekening,
        r.pagu_rp,
        r.realisasi_kumulatif_rp
    from anggaran_realisasi_rinci as r
    inner join as_of on r.bulan = as_of.bulan
    where r.tahun in ($tahun, $tahun - 1)
),

line_prefix as (
    -- the longest configured prefix equal to the code or a dotted prefix of it; '' when none
    select
        l.tahun,
        l.kode_rekening,
        any_value(l.pagu_rp) as pagu_rp,
        any_value(l.realisasi_kumulatif_rp) as realisasi_rp,
        coalesce(arg_max(p.prefix, length(p.prefix)), '') as prefix
    from lines as l
    left join prefixes as p
        on l.kode_rekening = p.prefix or starts_with(l.kode_rekening, p.prefix || '.')
    group by l.tahun, l.kode_rekening
),

budget as (
    select
        prefix,
        count(*) filter (where tahun = $tahun) as n_lines,
        sum(pagu_rp) filter (where tahun = $tahun) as pagu_rp,
        sum(realisasi_rp) filter (where tahun = $tahun) as realisasi_rp,
        sum(realisasi_rp) filter (where tahun = $tahun - 1) as realisasi_prev_rp
    from line_prefix
    group by prefix
),

kpm_sets as (
    select distinct
        m.prefix,
        y.tahun,
        i.item_set
    from mapping as m
    cross join years as y
    inner join coverage_items as i
        on i.is_received and list_contains(y.periods, i.periode) and (m.saring is null or i.program = m.saring)
    where m.ukuran = 'kpm'
),

kpm as (
    select
        s.prefix,
        s.tahun,
        sum(h.n_households) as n_output
    from kpm_sets as s
    inner join coverage_households as h on s.item_set = h.item_set and s.tahun = h.tahun
    group by s.prefix, s.tahun
),

kasus as (
    select
        m.prefix,
        k.tahun,
        count(*) as n_output
    from mapping as m
    inner join ppks_kasus as k on m.saring is null or k.kategori = m.saring
    where
        m.ukuran in ('ppks_dilayani', 'kasus_selesai')
        and k.tahun in ($tahun, $tahun - 1)
        and month(k.tanggal_lapor) <= (select as_of.bulan from as_of)
        and (
            (m.ukuran = 'ppks_dilayani' and k.tahap in ('intervensi', 'evaluasi', 'monitoring', 'selesai'))
            or (m.ukuran = 'kasus_selesai' and k.tahap = 'selesai')
        )
    group by m.prefix, k.tahun
),

laporan as (
    select
        p.prefix,
        l.tahun,
        count(*) as n_output
    from prefixes as p
    inner join tksk_laporan as l on l.is_diterima
    where
        p.ukuran = 'laporan_tksk'
        and l.tahun in ($tahun, $tahun - 1)
        and l.bulan <= (select as_of.bulan from as_of)
    group by p.prefix, l.tahun
),

verval as (
    select
        p.prefix,
        year(k.tanggal_update) as tahun,
        count(*) as n_output
    from prefixes as p
    inner join dtks_keluarga_latest as k
        on year(k.tanggal_update) in ($tahun, $tahun - 1)
    where
        p.ukuran = 'keluarga_diverval'
        and month(k.tanggal_update) <= (select as_of.bulan from as_of)
    group by p.prefix, year(k.tanggal_update)
),

outputs as (
    select
        prefix,
        sum(n_output) filter (where tahun = $tahun) as n_output,
        sum(n_output) filter (where tahun = $tahun - 1) as n_output_prev
    from (
        select * from kpm
        union all
        select * from kasus
        union all
        select * from laporan
        union all
        select * from verval
    )
    group by prefix
),

names as (
    -- the LRA's own row for the prefix code in the as-of month: this year's, else last year's
    select
        kode_rekening,
        arg_max(uraian, tahun) as uraian
    from anggaran_realisasi
    where tahun in ($tahun, $tahun - 1) and bulan = (select as_of.bulan from as_of)
    group by kode_rekening
),

rows as (
    select
        p.prefix as kode,
        p.ukuran
    from prefixes as p
    union all
    select
        '' as kode,
        null as ukuran
),

joined as (
    select
        r.kode,
        r.ukuran,
        n.uraian,
        (select as_of.bulan from as_of) as bulan,
        coalesce(b.n_lines, 0)::bigint as n_lines,
        cast(b.pagu_rp as double) as pagu_rp,
        cast(coalesce(b.realisasi_rp, 0) as double) as realisasi_rp,
        cast(coalesce(b.realisasi_prev_rp, 0) as double) as realisasi_prev_rp,
        case when r.ukuran <> '' then coalesce(o.n_output, 0) end::bigint as n_output,
        case when r.ukuran <> '' then coalesce(o.n_output_prev, 0) end::bigint as n_output_prev
    from rows as r
    left join budget as b on r.kode = b.prefix
    left join outputs as o on r.kode = o.prefix
    left join names as n on r.kode = n.kode_rekening
    where (select as_of.bulan from as_of) is not null
),

final as (
    select
        *,
        -- segments = dots + 1 (not len(string_split()): Trino's LENGTH is for text, Spark's split a regex)
        length(kode) - length(replace(kode, '.', '')) + 1 as n_segments,
        nullif(realisasi_rp, 0) / nullif(n_output, 0) as biaya_per_penerima_rp,
        nullif(realisasi_prev_rp, 0) / nullif(n_output_prev, 0) as biaya_per_penerima_prev_rp,
        coalesce(ukuran <> '' and realisasi_rp > 0 and n_output = 0, false) as tanpa_output,
        coalesce(ukuran <> '' and n_output > 0 and realisasi_rp = 0, false) as tanpa_anggaran
    from joined
    where n_lines > 0 or realisasi_prev_rp > 0 or n_output > 0 or n_output_prev > 0
)

select * from final
order by kode = '', kode
