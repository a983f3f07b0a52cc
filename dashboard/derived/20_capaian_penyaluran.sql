-- refresh-on: penerima
-- T4 (Penyaluran bansos) precomputed for the Capaian page: KPM allocated and KPM that received, per programme,
-- periode and kecamatan, so the page sums a few hundred rows instead of counting distinct KPM over every
-- recipient row. A KPM = the row's pseudonymised No. KK, else its NIK, within one programme and periode; it counts
-- as received when any of its rows has status_salur 'salur'; it is placed in the (first) kecamatan of its rows.
-- Programmes without a distribution status (e.g. PBI-JK premiums) are left out.
-- Source tables: penerima. Parameters: none.
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
    where status_salur is not null
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
    group by tahun, periode, program, kode_kecamatan
)

select * from final
order by tahun, periode, program, kode_kecamatan;
