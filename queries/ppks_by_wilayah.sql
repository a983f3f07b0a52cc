-- P1-P3: PPKS per child wilayah and category, this year and last year, for the Peta page's maps.
-- Grain: one row per child wilayah of $parent x category, plus one row per child with kategori null (all
-- categories); plus one row per category (and one for all) with kode null holding what is recorded above the
-- child level (kecamatan-coded rows when desa are shown), which a map cannot place.
-- Unique on: kode, kategori
-- Parameters:
--   $kabupaten  varchar  dotted kabupaten code: the denominator of P3 is the kabupaten total of the category
--   $parent     varchar  dotted code of the mapped area (the kabupaten, or one kecamatan)
--   $child_len  integer  length of a mapped code (8 kecamatan, 13 desa): the wilayah under $parent of that length
--   $tahun      integer  year of the PPKS recap; $tahun - 1 is "last year" for the change
-- P1 jumlah = sum of recap counts; P2 per_1000 = P1 / population x 1,000 (population: the newest year per code,
-- an imported figure before the shipped reference at equal years, as for C2; null without population);
-- P3 share_pct = P1 / kabupaten total of the category x 100. ada_data: the wilayah has any recap row that year
-- (no row at all is "no data", not zero). Counts are exact here; suppression of 1-4 happens on display.
-- Source tables: wilayah, penduduk_terbaru (derived view over penduduk), ppks_rekap.
with rekap as (
    select
        tahun,
        kode_wilayah,
        kategori,
        jumlah
    from ppks_rekap
    where tahun in ($tahun, $tahun - 1) and starts_with(kode_wilayah, $kabupaten || '.')
),

in_parent as (
    select
        case when length(kode_wilayah) >= $child_len then left(kode_wilayah, $child_len) end as kode,
        tahun,
        kategori,
        jumlah
    from rekap
    where kode_wilayah = $parent or starts_with(kode_wilayah, $parent || '.')
),

children as (
    -- the reference's children of $parent, plus any code in the data the reference does not know (nama null)
    select
        coalesce(w.kode, d.kode) as kode,
        w.nama
    from (
        select
            kode,
            nama
        from wilayah
        where starts_with(kode, $parent || '.') and length(kode) = $child_len
    ) as w
    full join (select distinct kode from in_parent where kode is not null) as d on w.kode = d.kode
),

by_child as (
    select
        kode,
        kategori,
        coalesce(sum(jumlah) filter (where tahun = $tahun), 0)::bigint as jumlah,
        coalesce(sum(jumlah) filter (where tahun = $tahun - 1), 0)::bigint as jumlah_prev
    from in_parent
    group by grouping sets ((kode, kategori), (kode))
),

reported as (
    select
        kode,
        bool_or(tahun = $tahun) as ada_data,
        bool_or(tahun = $tahun - 1) as ada_data_prev
    from in_parent
    group by kode
),

totals as (
    select
        kategori,
        sum(jumlah) filter (where tahun = $tahun) as total_kab,
        sum(jumlah) filter (where tahun = $tahun - 1) as total_kab_prev
    from rekap
    group by grouping sets ((kategori), ())
),

cells as (
    -- every child x every category seen in the kabupaten in either year, so a missing category is a zero
    select
        c.kode,
        c.nama,
        t.kategori
    from children as c
    cross join totals as t
),

final as (
    select
        c.kode,
        c.nama,
        c.kategori,
        coalesce(b.jumlah, 0)::bigint as jumlah,
        coalesce(b.jumlah_prev, 0)::bigint as jumlah_prev,
        coalesce(r.ada_data, false) as ada_data,
        coalesce(r.ada_data_prev, false) as ada_data_prev,
        p.n_penduduk,
        p.tahun_penduduk,
        1000.0 * coalesce(b.jumlah, 0) / nullif(p.n_penduduk, 0) as per_1000,
        1000.0 * coalesce(b.jumlah_prev, 0) / nullif(p.n_penduduk, 0) as per_1000_prev,
        100.0 * coalesce(b.jumlah, 0) / nullif(t.total_kab, 0) as share_pct,
        100.0 * coalesce(b.jumlah_prev, 0) / nullif(t.total_kab_prev, 0) as share_pct_prev
    from cells as c
    inner join totals as t on c.kategori is not distinct from t.kategori
    left join by_child as b on c.kode = b.kode and c.kategori is not distinct from b.kategori
    left join reported as r on c.kode = r.kode
    left join penduduk_terbaru as p on c.kode = p.kode

    union all

    select
        null as kode,
        null as nama,
        b.kategori,
        b.jumlah,
        b.jumlah_prev,
        true as ada_data,
        true as ada_data_prev,
        null as n_penduduk,
        null as tahun_penduduk,
        null as per_1000,
        null as per_1000_prev,
        null as share_pct,
        null as share_pct_prev
    from by_child as b
    where b.kode is null
)

select * from final
order by kategori nulls first, kode nulls last
