-- Which pseudonymisation key built the NIK/No. KK hashes: a fingerprint (never the key itself) and the key file
-- it was read from, so an import or app start with another key is refused instead of silently matching nothing.
-- Written by the first import; a database built before this migration has no row and adopts the key of its next
-- import (the app only checks, it never records a key).
create table pseudonym_key (
    fingerprint varchar not null,  -- pseudonym.fingerprint(key): a keyed hash of a fixed label, 16 hex digits
    key_file varchar not null,     -- path of the key file used, to name it when another key is refused
    recorded_at timestamp not null
);
