-- refresh-on: penerima
-- partition: capaian_penyaluran kode_kecamatan
-- T4 (Penyaluran bansos) precomputed for the Capaian page: KPM allocated and KPM that received, per programme,
-- periode and kecamatan, so the page sums a few hundred rows instead of counting distinct KPM over every
-- recipient row. A KPM = the row's pseudonymised No. KK, else its NIK, within one programme and periode; it counts
-- as received when any of its rows has status_salur 'salur'; it is placed in the (first) kecamatan of its rows.
-- Programmes without a distribution status (e.g. PBI-JK premiums) are left out.
-- Source tables: penerima. Parameters: $kabs varchar[], the kab/kota rebuilt, null for all (see
-- 10_penerima_household.sql): a partial rebuild reads every row of the KPM with a row there, since a KPM with rows in
-- two kab/kota is placed in the first kecamatan of all its rows, and keeps the KPM placed in those kab/kota.
create or replace table capaian_penyaluran as
with penerima_rows as (
    select
        program,
        tahun,
        periode,
        left(kode_wilayah, 8) as kode_kecamatan,
        coalesce(no_kk_hash, nik_hash) as kpm_key,
        status_salur
    from penerima
    where
        status_salur is not null
        and ($kabs is null or coalesce(no_kk_hash, nik_hash) in (
            select coalesce(s.no_kk_hash, s.nik_hash) from penerima as s
            where s.status_salur is not null and (list_contains($kabs, left(s.kode_wilayah, 5))
                and s.kode_wilayah >= $kab_first and s.kode_wilayah < $kab_after)
        ))
),

kpm as (
    select
        program,
        tahun,
        periode,
        kpm_key,
        min(kode_kecamatan) as kode_kecamatan,
        bool_or(status_salur = 'salur') as is_salur
    from penerima_rows
    group by program, tahun, periode, kpm_key
),

final as (
    select
        tahun,
        periode,
        program,
        kode_kecamatan,
        count(*) as n_kpm,
        count(*) filter (where is_salur) as n_kpm_salur
    from kpm
    where $kabs is null or (list_contains($kabs, left(kode_kecamatan, 5))
        and kode_kecamatan >= $kab_first and kode_kecamatan < $kab_after)
    group by tahun, periode, program, kode_kecamatan
)

select * from final
order by tahun, periode, program, kode_kecamatan;
