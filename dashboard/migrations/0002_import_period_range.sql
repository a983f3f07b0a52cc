-- Import log v2: the first and last period an import covers and how many, so summaries can show
-- "2025-01 s.d. 2026-10 (22)" instead of a long list. Existing rows keep nulls until re-imported.
alter table import_log add column period_first varchar;
alter table import_log add column period_last varchar;
alter table import_log add column n_periods integer;
