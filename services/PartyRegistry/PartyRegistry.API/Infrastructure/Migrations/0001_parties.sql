-- The party registry. A party's attributes, relations and representatives are periods of fields
-- (valid_from inclusive, valid_to exclusive, NULL = open); the change log is append-only.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE parties (
    id            text        PRIMARY KEY,
    kind          text        NOT NULL,
    valid_from    date        NOT NULL,
    valid_to      date        NULL,
    version       bigint      NOT NULL CHECK (version >= 1),
    registered_at timestamptz NOT NULL,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE party_periods (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    party_id   text   NOT NULL REFERENCES parties (id),
    kind       text   NOT NULL, -- the party's kind, copied so that the AGS rule below can be a constraint
    field      text   NOT NULL, -- "name", "ags", "form", "relations.carrier", "representatives.Landrat", …
    value      text   NOT NULL,
    valid_from date   NOT NULL,
    valid_to   date   NULL,
    CHECK (valid_to IS NULL OR valid_to > valid_from),
    -- one value per field at a time …
    CONSTRAINT party_periods_no_overlap EXCLUDE USING gist (
        party_id WITH =, field WITH =, daterange(valid_from, valid_to) WITH &&) DEFERRABLE INITIALLY DEFERRED,
    -- … and one party per kind and AGS at a time (a Kreis's AGS names its carrier and its jobcenter).
    CONSTRAINT party_periods_ags_unique EXCLUDE USING gist (
        kind WITH =, value WITH =, daterange(valid_from, valid_to) WITH &&) WHERE (field = 'ags') DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX party_periods_party ON party_periods (party_id);
CREATE INDEX party_periods_lookup ON party_periods (field, value);

CREATE TABLE party_changes (
    party_id       text        NOT NULL REFERENCES parties (id),
    version        bigint      NOT NULL,
    effective_date date        NOT NULL,
    recorded_at    timestamptz NOT NULL,
    recorded_by    text        NOT NULL,
    reason         text        NOT NULL,
    changed_fields text[]      NOT NULL,
    PRIMARY KEY (party_id, version)
);
