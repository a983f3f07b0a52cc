-- What is loaded, file by file: every import whose rows are still live, newest first per kind.
-- Grain: one row per import (file). Parameters: none.
-- Unique on: kind, file_name, imported_at
-- Source tables: import_log.
with live_imports as (
    select
        kind,
        file_name,
        periods,
        n_rows,
        n_warnings,
        source,
        imported_at,
        warnings
    from import_log
    where status = 'aktif'
),

final as (
    select *
    from live_imports
    order by kind, imported_at desc, file_name
)

select * from final
