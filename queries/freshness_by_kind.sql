-- Where each data kind's live figures come from: the newest file and when it was imported.
-- Grain: one row per data kind. Parameters: none.
-- Unique on: kind
-- Source tables: import_log.
with live_imports as (
    select
        kind,
        file_name,
        source,
        imported_at
    from import_log
    where status = 'aktif'
),

final as (
    select
        kind,
        arg_max(file_name, imported_at) as file_name,
        arg_max(source, imported_at) as source,
        max(imported_at) as imported_at,
        count(*) as n_files
    from live_imports
    group by kind
)

select * from final
