-- refresh-on: anggaran
-- The budget rules every Anggaran query shares, written once here. Views, not tables: they read anggaran_realisasi,
-- anggaran_kas and bidang_map when queried, so a changed bidang mapping in rakor.toml applies at once. Plain views
-- (no DuckDB macros), so the same SQL runs on Trino and Spark (docs/SCALE.md).
-- Source tables: anggaran_realisasi, anggaran_kas, bidang_map. Parameters: none.
--
-- anggaran_kode_bidang:      each budget code with its bidang (the longest configured code prefix wins; '' if none).
-- anggaran_baris_rinci:      the finest lines of each report (laporan 'lra' or 'kas') with bidang: a finest line has
--                            no child row (a code extending it) in the same report, year and month; normally the
--                            sub kegiatan. Summing only these never counts a program total twice with its own parts.
-- anggaran_realisasi_rinci:  finest LRA lines with cumulative realisation and bidang.
-- anggaran_kas_rinci:        finest cash-plan lines with bidang.
-- anggaran_rinci_per_bulan:  for every month with an LRA (tahun, bulan), its finest lines, each with its program code
--                            (first three segments) and name, its cash plan summed up to that month, and the next
--                            LRA month (bulan_lra_berikut), by which a query picks the as-of month: the last month
--                            up to the span's end that has an LRA.
create or replace view anggaran_kode_bidang as
with kode_list as (
    select kode_rekening from anggaran_realisasi
    union
    select kode_rekening from anggaran_kas
)
select
    kode_list.kode_rekening,
    coalesce(arg_max(bidang_map.bidang, length(bidang_map.kode_prefix)), '') as bidang
from kode_list
left join bidang_map
    on kode_list.kode_rekening = bidang_map.kode_prefix
    or starts_with(kode_list.kode_rekening, bidang_map.kode_prefix || '.')
group by kode_list.kode_rekening;

create or replace view anggaran_baris_rinci as
with lines as (
    select 'lra' as laporan, tahun, bulan, kode_rekening from anggaran_realisasi
    union
    select 'kas' as laporan, tahun, bulan, kode_rekening from anggaran_kas
)
select
    line.laporan,
    line.tahun,
    line.bulan,
    line.kode_rekening,
    anggaran_kode_bidang.bidang
from lines as line
inner join anggaran_kode_bidang on line.kode_rekening = anggaran_kode_bidang.kode_rekening
where not exists (
    select 1
    from lines as child
    where child.laporan = line.laporan
        and child.tahun = line.tahun
        and child.bulan = line.bulan
        and starts_with(child.kode_rekening, line.kode_rekening || '.')
);

create or replace view anggaran_realisasi_rinci as
with realisasi as (
    -- cumulated over every month of the code before the finest lines are picked (a code may be finest in some only)
    select
        tahun,
        bulan,
        kode_rekening,
        uraian,
        pagu_rp,
        coalesce(
            realisasi_kumulatif_rp,
            sum(realisasi_bulan_rp) over (partition by tahun, kode_rekening order by bulan)
        ) as realisasi_kumulatif_rp
    from anggaran_realisasi
)
select
    realisasi.*,
    finest.bidang
from realisasi
inner join anggaran_baris_rinci as finest
    on finest.laporan = 'lra' and realisasi.tahun = finest.tahun and realisasi.bulan = finest.bulan
    and realisasi.kode_rekening = finest.kode_rekening;

create or replace view anggaran_kas_rinci as
select
    kas.tahun,
    kas.bulan,
    kas.kode_rekening,
    kas.anggaran_kas_rp,
    finest.bidang
from anggaran_kas as kas
inner join anggaran_baris_rinci as finest
    on finest.laporan = 'kas' and kas.tahun = finest.tahun and kas.bulan = finest.bulan
    and kas.kode_rekening = finest.kode_rekening;

create or replace view anggaran_rinci_per_bulan as
with leaf_rows as (
    select
        realisasi.*,
        concat_ws(
            '.',
            split_part(realisasi.kode_rekening, '.', 1),
            nullif(split_part(realisasi.kode_rekening, '.', 2), ''),
            nullif(split_part(realisasi.kode_rekening, '.', 3), '')
        ) as kode_program
    from anggaran_realisasi_rinci as realisasi
),

lra_months as (
    -- each LRA month with the next one of its year (13 after the last): a query's as-of month m is the one with
    -- m <= its last month < the next
    select
        tahun,
        bulan,
        coalesce(lead(bulan) over (partition by tahun order by bulan), 13) as bulan_lra_berikut
    from (select distinct tahun, bulan from anggaran_realisasi) as months
),

kas_to_date as (
    select
        m.tahun,
        m.bulan,
        kas.kode_rekening,
        sum(kas.anggaran_kas_rp) as anggaran_kas_rp
    from lra_months as m
    inner join anggaran_kas_rinci as kas on m.tahun = kas.tahun and kas.bulan <= m.bulan
    group by m.tahun, m.bulan, kas.kode_rekening
),

final as (
    -- a program's name: its own line in the same LRA (one row per code: the importer refuses a repeated code)
    select
        leaf_rows.*,
        program_names.uraian as program,
        kas_to_date.anggaran_kas_rp,
        lra_months.bulan_lra_berikut
    from leaf_rows
    inner join lra_months on leaf_rows.tahun = lra_months.tahun and leaf_rows.bulan = lra_months.bulan
    left join kas_to_date
        on leaf_rows.tahun = kas_to_date.tahun
        and leaf_rows.bulan = kas_to_date.bulan
        and leaf_rows.kode_rekening = kas_to_date.kode_rekening
    left join anggaran_realisasi as program_names
        on leaf_rows.tahun = program_names.tahun
        and leaf_rows.bulan = program_names.bulan
        and leaf_rows.kode_program = program_names.kode_rekening
)

select * from final;
