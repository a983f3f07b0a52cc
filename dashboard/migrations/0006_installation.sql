-- The wilayah (Kemendagri code) this database holds, one row. Written by the session that creates the database,
-- from the configured `kabupaten`; from then on the database decides: the app, `rakor deck` and imports use this
-- wilayah whatever rakor.toml says (the app shows a one-line notice where they differ). A database created before
-- this migration adopts the configured wilayah on its next write session (its imports were all checked against
-- the configuration of their day, so that is the wilayah it holds unless rakor.toml has changed since).
create table installation (
    wilayah varchar not null,      -- kabupaten/kota code, e.g. 35.13
    recorded_at timestamp not null
);
