-- Extensions used by later migrations (trigram search for ontology and directory autocomplete).
-- PGlite must be opened with the same extensions every time (src/db/open-pglite.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
