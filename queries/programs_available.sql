-- Programmes present in the recipient lists: the choices of the Program filter.
-- Grain: one row per programme. Parameters: none.
-- Source tables: penerima.
with programs as (
    select distinct program from penerima
),

final as (
    select * from programs order by program
)

select * from final
