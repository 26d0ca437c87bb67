-- The versions of the reference data (ReferenceData/*.csv) applied to this database, by SHA-256 of the files. A start
-- whose files' fingerprint is recorded here skips the reference-data import (one query instead of loading every party).
CREATE TABLE reference_data_applied (
    fingerprint text        PRIMARY KEY,
    parties     integer     NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
);
