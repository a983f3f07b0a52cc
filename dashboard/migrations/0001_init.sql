-- Warehouse schema v1: reference tables, import log, one clean table per data kind.
-- Every imported row carries import_id so a newer file can replace exactly the rows of an older one.

create table wilayah (
    kode varchar primary key,      -- dotted Kemendagri code, e.g. 35.13.01.2001
    nama varchar not null,
    tingkat tinyint not null,      -- 1 provinsi, 2 kab/kota, 3 kecamatan, 4 desa/kelurahan
    induk varchar,
    jenis varchar
);

create table penduduk (
    import_id integer,             -- null for the shipped reference figures
    kode_wilayah varchar not null,
    tahun smallint not null,
    jumlah_penduduk bigint not null,
    laki_laki bigint,
    perempuan bigint,
    sumber varchar not null
);

create sequence import_id_seq start 1;

create table import_log (
    import_id integer primary key,
    kind varchar not null,
    file_name varchar not null,
    sha256 varchar not null,
    periods varchar not null,      -- human-readable list of the periods the file covers
    n_rows integer not null,
    n_warnings integer not null,
    warnings varchar,              -- first warnings, one per line (never personal identifiers)
    source varchar,                -- DTKS / DTSEN / SIPD / ... where the file says so
    imported_at timestamp not null,
    status varchar not null        -- aktif, or diganti when a newer file replaced all its rows
);

create table dtks_individu (
    import_id integer not null,
    periode varchar not null,      -- snapshot month, YYYY-MM
    id_dtks varchar,
    no_kk_hash varchar,
    no_kk_mask varchar,
    nik_hash varchar not null,
    nik_mask varchar not null,
    nama varchar,
    jenis_kelamin varchar,
    tanggal_lahir date,
    hubungan_keluarga varchar,
    kode_wilayah varchar not null,
    desil tinyint,                 -- exact decile; null when not ranked or given as a band
    desil_band varchar,            -- e.g. 6-10 when the source gives only a band
    is_aktif boolean not null,
    disabilitas varchar,
    tanggal_update date,
    keterangan_padan varchar,
    flag_pkh boolean,              -- program flags some SIKS-NG exports carry
    flag_bpnt boolean,
    flag_pbi boolean
);

create table dtks_keluarga (
    import_id integer not null,
    periode varchar not null,
    keluarga_id varchar not null,  -- id_dtks, or the No. KK hash where the file has no id
    no_kk_hash varchar,
    kode_wilayah varchar not null,
    desil tinyint,
    desil_band varchar,
    is_aktif boolean not null,
    n_art integer not null,
    tanggal_update date
);

create table penerima (
    import_id integer not null,
    program varchar not null,
    tahun smallint not null,
    periode varchar not null,
    nik_hash varchar,
    nik_mask varchar,
    no_kk_hash varchar,
    no_kk_mask varchar,
    nama varchar,
    kode_wilayah varchar not null,
    nominal_rp decimal(18, 2),
    status_salur varchar
);

create table ppks_rekap (
    import_id integer not null,
    tahun smallint not null,
    kode_wilayah varchar not null,
    kategori varchar not null,
    jumlah integer not null
);

create table ppks_kasus (
    import_id integer not null,
    tahun smallint not null,
    id_kasus varchar not null,
    kode_wilayah varchar not null,
    kategori varchar not null,
    tanggal_lapor date not null,
    tahap varchar not null
);

create table psks_sumber (
    import_id integer not null,
    tahun smallint not null,
    jenis varchar not null,
    nama varchar not null,
    kode_wilayah varchar not null
);

create table tksk_laporan (
    import_id integer not null,
    tahun smallint not null,
    bulan tinyint not null,
    kode_kecamatan varchar not null,
    nama_tksk varchar,
    tanggal_terima date,
    is_diterima boolean not null,
    kegiatan varchar,
    jumlah_kasus integer,
    keterangan varchar
);

create table target (
    import_id integer not null,
    tahun smallint not null,
    indikator varchar not null,
    kode_wilayah varchar not null,
    target double,
    satuan varchar,
    realisasi double
);

create table anggaran_realisasi (
    import_id integer not null,
    tahun smallint not null,
    bulan tinyint not null,
    kode_rekening varchar not null,
    uraian varchar,
    level varchar not null,        -- program / kegiatan / sub kegiatan
    pagu_rp decimal(18, 2),
    realisasi_bulan_rp decimal(18, 2),
    realisasi_kumulatif_rp decimal(18, 2)
);

create table anggaran_kas (
    import_id integer not null,
    tahun smallint not null,
    bulan tinyint not null,
    kode_rekening varchar not null,
    uraian varchar,
    level varchar not null,
    anggaran_kas_rp decimal(18, 2) not null
);

create table bidang_map (
    kode_prefix varchar primary key,
    bidang varchar not null
);
