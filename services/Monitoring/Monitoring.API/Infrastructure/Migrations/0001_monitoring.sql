-- The agreements the service follows: the edition in force and the record as the agreements service returned it.
CREATE TABLE monitored_agreements (
    agreement_id text        PRIMARY KEY,
    edition      integer     NOT NULL,
    version      bigint      NOT NULL,
    year         integer     NOT NULL,
    state        text        NOT NULL,
    status       text        NOT NULL,
    title        text        NOT NULL,
    party_ids    text[]      NOT NULL,
    record       bytea       NOT NULL,   -- zielsteuerung.agreements.v1.Agreement
    updated_at   timestamptz NOT NULL
);

-- One row per target, observation and qualitative statement of an agreement in force, with its latest attainment.
CREATE TABLE monitored_targets (
    agreement_id text        NOT NULL REFERENCES monitored_agreements ON DELETE CASCADE,
    target_key   text        NOT NULL,   -- "<goal id>/<target id>"
    ordinal      integer     NOT NULL,   -- the order of the agreement
    jobcenter_id text        NULL,       -- the target's jobcenter; NULL for a group or a qualitative statement
    members      text[]      NOT NULL DEFAULT '{}', -- a group's members as the KPI service last used them
    input_codes  text[]      NOT NULL,   -- the KPI codes its values are computed from
    basis        text        NOT NULL,   -- "final" / "t-0", as the KPI service's events name them
    from_month   text        NOT NULL,   -- the months its attainment reads (yyyy-MM): five earlier years and its own
    to_month     text        NOT NULL,
    status       text        NOT NULL,
    month        text        NOT NULL,   -- of the status; empty before any data
    kpi_sequence bigint      NOT NULL DEFAULT 0, -- the newest KPI delivery whose event it was computed for
    attainment   bytea       NOT NULL,   -- zielsteuerung.monitoring.v1.TargetAttainment, with its months
    computed_at  timestamptz NOT NULL,
    PRIMARY KEY (agreement_id, target_key)
);
CREATE INDEX monitored_targets_jobcenter ON monitored_targets (jobcenter_id);
CREATE INDEX monitored_targets_members ON monitored_targets USING gin (members);

-- Every status change, in the order of its commit: positions are taken under a transaction-wide advisory lock, so a
-- reader that has seen position n has seen everything before it.
CREATE TABLE status_changes (
    position     bigint      PRIMARY KEY,
    agreement_id text        NOT NULL,
    target_key   text        NOT NULL,
    year         integer     NOT NULL,
    state        text        NOT NULL,
    party_ids    text[]      NOT NULL,
    jobcenter_id text        NULL,
    previous     text        NOT NULL,
    status       text        NOT NULL,
    change       bytea       NOT NULL,   -- zielsteuerung.monitoring.v1.StatusChange
    changed_at   timestamptz NOT NULL
);

-- Events already acted on (by EventId): a redelivered event changes nothing.
CREATE TABLE processed_events (
    event_id     uuid        PRIMARY KEY,
    event_type   text        NOT NULL,
    processed_at timestamptz NOT NULL
);
