-- Which version of the derived-table SQL the derived tables were built with (a fingerprint of the files),
-- so a database built before a derived query was added or changed is rebuilt on the next start or import.
create table derived_state (fingerprint varchar not null);
