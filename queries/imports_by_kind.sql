-- What is loaded, per data kind: live files, rows, the span of periods covered, warnings, latest import.
-- Grain: one row per data kind that has live imports. Parameters: none.
-- Unique on: kind
-- Source tables: import_log.
with imports as (
    select
        kind,
        file_name,
        period_first,
        period_last,
        n_periods,
        n_rows,
        n_warnings,
        imported_at
    from import_log
    where status = 'aktif'
),

final as (
    select
        kind,
        count(*) as n_files,
        sum(n_rows) as n_rows,
        min(period_first) as period_first,
        max(period_last) as period_last,
        sum(n_periods) as n_periods,
        sum(n_warnings) as n_warnings,
        max(imported_at) as last_imported_at,
        arg_max(file_name, imported_at) as last_file_name
    from imports
    group by kind
    order by kind
)

select * from final
