-- Values a file states once instead of in a column (programme, tahap, year, month, DTKS period), with where each
-- came from (title rows, sheet name, file name, an operator's option, or an assumption), one line each as shown to
-- the operator: a wrong title or file name then shows in the log, not only as wrong figures.
alter table import_log add column if not exists constants varchar;
