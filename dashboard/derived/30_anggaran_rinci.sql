-- refresh-on: anggaran
-- The budget rules every Anggaran query shares, written once here. Views and macros, not tables: they read
-- anggaran_realisasi, anggaran_kas and bidang_map when queried, so a changed bidang mapping in rakor.toml applies at
-- once. Source tables: anggaran_realisasi, anggaran_kas, bidang_map. Parameters: none (the macros take arguments).
--
-- anggaran_kode_bidang:      each budget code with its bidang (the longest configured code prefix wins; '' if none).
-- anggaran_is_finest(laporan_table, line_tahun, line_bulan, line_kode): whether a row of a report (the table
--                            anggaran_realisasi or anggaran_kas) is a finest line: the report has no child row (a code
--                            extending it) in the same year and month; normally the sub kegiatan. Summing only these
--                            never counts a program total twice with its own parts.
-- anggaran_realisasi_rinci:  finest LRA lines with cumulative realisation and bidang.
-- anggaran_kas_rinci:        finest cash-plan lines with bidang.
-- anggaran_as_of(for_tahun, up_to_bulan): one row, the as-of month `bulan` of the figures: the last month up to
--                            up_to_bulan that has an LRA of year for_tahun (null when there is none).
-- anggaran_rinci_as_of(for_tahun, up_to_bulan): the finest LRA lines of that as-of month, each with its program
--                            code (first three segments) and name and its cash plan summed up to that month.
-- (Macro arguments are not named tahun/bulan: an argument would hide the column of the same name.)
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

create or replace macro anggaran_is_finest(laporan_table, line_tahun, line_bulan, line_kode) as not exists (
    select 1
    from query_table(laporan_table) as child
    where child.tahun = line_tahun
        and child.bulan = line_bulan
        and starts_with(child.kode_rekening, line_kode || '.')
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
    anggaran_kode_bidang.bidang
from realisasi
inner join anggaran_kode_bidang on realisasi.kode_rekening = anggaran_kode_bidang.kode_rekening
where anggaran_is_finest('anggaran_realisasi', realisasi.tahun, realisasi.bulan, realisasi.kode_rekening);

create or replace view anggaran_kas_rinci as
select
    kas.tahun,
    kas.bulan,
    kas.kode_rekening,
    kas.anggaran_kas_rp,
    anggaran_kode_bidang.bidang
from anggaran_kas as kas
inner join anggaran_kode_bidang on kas.kode_rekening = anggaran_kode_bidang.kode_rekening
where anggaran_is_finest('anggaran_kas', kas.tahun, kas.bulan, kas.kode_rekening);

create or replace macro anggaran_as_of(for_tahun, up_to_bulan) as table
select max(bulan) as bulan
from anggaran_realisasi
where tahun = for_tahun and bulan <= up_to_bulan;

create or replace macro anggaran_rinci_as_of(for_tahun, up_to_bulan) as table
with as_of as (
    select bulan from anggaran_as_of(for_tahun, up_to_bulan)
),

leaf_rows as (
    select
        realisasi.*,
        array_to_string(string_split(realisasi.kode_rekening, '.')[1:3], '.') as kode_program
    from anggaran_realisasi_rinci as realisasi
    inner join as_of on realisasi.bulan = as_of.bulan
    where realisasi.tahun = for_tahun
),

kas_to_date as (
    select
        kode_rekening,
        sum(anggaran_kas_rp) as anggaran_kas_rp
    from anggaran_kas_rinci
    where tahun = for_tahun and bulan <= (select as_of.bulan from as_of)
    group by kode_rekening
),

program_names as (
    -- one row per code: the importer refuses a report repeating (tahun, bulan, kode_rekening)
    select
        kode_rekening,
        uraian
    from anggaran_realisasi
    where tahun = for_tahun and bulan = (select as_of.bulan from as_of)
),

final as (
    select
        leaf_rows.*,
        program_names.uraian as program,
        kas_to_date.anggaran_kas_rp
    from leaf_rows
    left join kas_to_date on leaf_rows.kode_rekening = kas_to_date.kode_rekening
    left join program_names on leaf_rows.kode_program = program_names.kode_rekening
)

select * from final;
