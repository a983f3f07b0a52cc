-- refresh-on: anggaran
-- The finest budget lines (rows with no child row in the same report: normally the sub kegiatan), each with its
-- bidang (the longest configured code prefix wins). Views, not tables: they read anggaran_realisasi, anggaran_kas
-- and bidang_map when queried, so a changed bidang mapping in rakor.toml applies at once. Summing only these rows
-- never counts a program total twice with its own parts.
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

create or replace view anggaran_realisasi_rinci as
with realisasi as (
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
where not exists (
    select 1
    from anggaran_realisasi as child
    where child.tahun = realisasi.tahun
        and child.bulan = realisasi.bulan
        and starts_with(child.kode_rekening, realisasi.kode_rekening || '.')
);

create or replace view anggaran_kas_rinci as
select
    kas.tahun,
    kas.bulan,
    kas.kode_rekening,
    kas.anggaran_kas_rp,
    anggaran_kode_bidang.bidang
from anggaran_kas as kas
inner join anggaran_kode_bidang on kas.kode_rekening = anggaran_kode_bidang.kode_rekening
where not exists (
    select 1
    from anggaran_kas as child
    where child.tahun = kas.tahun
        and child.bulan = kas.bulan
        and starts_with(child.kode_rekening, kas.kode_rekening || '.')
);
