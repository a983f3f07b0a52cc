-- refresh-on: dtks, penerima
-- Recipient rows matched to the households of the latest DTKS snapshot, precomputed for the Cakupan page.
-- Matching (INDICATORS.md): by pseudonymised No. KK first (any member's KK), then by the NIK hash of any member.
-- Source tables: dtks_individu, dtks_keluarga, penerima. Parameters: none.
--
-- dtks_household:      one row per household of the latest snapshot, with an integer id and its head
--                      (else its first member) as masked NIK + name for follow-up lists.
-- penerima_household:  one row per penerima row: household (hh_id, null when unmatched), match_method
--                      ('no_kk', 'nik' or null), kpm_id (the household, else the row's own No. KK / NIK),
--                      is_received (status_salur 'salur', or a list without a status: docs/INDICATORS.md).
--                      Coverage counts built from it: 15_coverage.sql.
-- All sorted by what pages filter on, so DuckDB's min/max zone maps skip most row groups.
create or replace table dtks_household as
with keluarga as (
    select
        k.keluarga_id,
        k.kode_wilayah,
        k.desil,
        k.is_aktif
    from dtks_keluarga_latest as k
),

head as (
    select
        coalesce(i.id_dtks, i.no_kk_hash, i.nik_hash) as keluarga_id,
        i.nik_mask,
        i.nama
    from dtks_individu_latest as i
    qualify row_number() over (
        partition by coalesce(i.id_dtks, i.no_kk_hash, i.nik_hash)
        order by (i.hubungan_keluarga = 'kepala keluarga') desc, i.nik_mask, i.nama
    ) = 1
),

final as (
    select
        row_number() over (order by k.keluarga_id) as hh_id,
        k.keluarga_id,
        k.kode_wilayah as kode_desa,
        left(k.kode_wilayah, 8) as kode_kecamatan,
        k.desil,
        k.is_aktif,
        h.nik_mask,
        h.nama
    from keluarga as k
    left join head as h on k.keluarga_id = h.keluarga_id
)

select * from final
order by kode_desa;

create or replace table penerima_household as
with individu as (
    select
        i.nik_hash,
        i.no_kk_hash,
        coalesce(i.id_dtks, i.no_kk_hash, i.nik_hash) as keluarga_id
    from dtks_individu_latest as i
),

kk_index as (
    select
        i.no_kk_hash,
        min(h.hh_id) as hh_id
    from individu as i
    inner join dtks_household as h on i.keluarga_id = h.keluarga_id
    where i.no_kk_hash is not null
    group by i.no_kk_hash
),

nik_index as (
    select
        i.nik_hash,
        min(h.hh_id) as hh_id
    from individu as i
    inner join dtks_household as h on i.keluarga_id = h.keluarga_id
    group by i.nik_hash
),

matched as (
    select
        p.program,
        p.tahun,
        p.periode,
        p.nik_mask,
        p.nama,
        p.kode_wilayah as kode_desa_penerima,
        coalesce(p.status_salur = 'salur', true) as is_received,
        coalesce(kk.hh_id, nk.hh_id) as hh_id,
        case
            when kk.hh_id is not null then 'no_kk'
            when nk.hh_id is not null then 'nik'
        end as match_method,
        'kk:' || p.no_kk_hash as kk_key,
        'nik:' || p.nik_hash as nik_key
    from penerima as p
    left join kk_index as kk on p.no_kk_hash = kk.no_kk_hash
    left join nik_index as nk on p.nik_hash = nk.nik_hash
),

unmatched_keys as (
    -- integer ids for unmatched KPM (by the row's own No. KK, else NIK), negative to never meet an hh_id
    select
        kpm_key,
        -row_number() over (order by kpm_key) as kpm_id
    from (select distinct coalesce(kk_key, nik_key) as kpm_key from matched where hh_id is null)
),

final as (
    select
        m.program,
        m.tahun,
        m.periode,
        m.nik_mask,
        m.nama,
        m.kode_desa_penerima,
        m.is_received,
        m.hh_id,
        m.match_method,
        coalesce(m.hh_id, u.kpm_id) as kpm_id,
        coalesce(h.kode_desa, m.kode_desa_penerima) as kode_desa,
        left(coalesce(h.kode_desa, m.kode_desa_penerima), 8) as kode_kecamatan,
        h.desil,
        coalesce(h.is_aktif, false) as is_aktif_dtks
    from matched as m
    left join dtks_household as h on m.hh_id = h.hh_id
    left join unmatched_keys as u on m.hh_id is null and coalesce(m.kk_key, m.nik_key) = u.kpm_key
)

select * from final
order by tahun, periode, program, kode_kecamatan, kode_desa;

-- dtks_count_desa: active individuals and households per desa of the latest snapshot (C1), so the page
-- sums a few hundred rows instead of scanning every individual.
create or replace table dtks_count_desa as
with individu as (
    select
        i.kode_wilayah as kode_desa,
        count(*) as n_individu
    from dtks_individu_latest as i
    where i.is_aktif
    group by i.kode_wilayah
),

keluarga as (
    select
        kode_desa,
        count(*) as n_keluarga
    from dtks_household
    where is_aktif
    group by kode_desa
),

final as (
    select
        coalesce(i.kode_desa, k.kode_desa) as kode_desa,
        coalesce(i.n_individu, 0) as n_individu,
        coalesce(k.n_keluarga, 0) as n_keluarga
    from individu as i
    full join keluarga as k on i.kode_desa = k.kode_desa
)

select * from final
order by kode_desa;
