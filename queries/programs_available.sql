-- Programmes present in the recipient lists: the choices of the Program filter.
-- Grain: one row per programme. Parameters: none.
-- Unique on: program
-- Source tables: filter_programs (derived from penerima, dashboard/derived/40_filter_options.sql).
with final as (
    select program
    from filter_programs
    order by program
)

select * from final
