-- Years any imported data covers, newest first: the choices of the Tahun filter.
-- Grain: one row per year. Parameters: none.
-- Unique on: tahun
-- Source tables: filter_years (derived from every fact table, dashboard/derived/40_filter_options.sql).
with final as (
    select tahun
    from filter_years
    order by tahun desc
)

select * from final
