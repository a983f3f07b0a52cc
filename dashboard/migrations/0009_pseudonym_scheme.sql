-- Which pseudonymisation scheme made the NIK/No. KK hashes (dashboard.pseudonym): hashes of two schemes never
-- match, so a database keeps the scheme it was built with. Every database recorded before this migration was built
-- with keyed BLAKE2b; a new database records the scheme of its first import (AES-MMO since 2026-12-04).
alter table pseudonym_key add column scheme varchar default 'blake2b';
