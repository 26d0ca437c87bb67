-- Deliveries: one row per delivery taken in (stored, partially stored or rejected), with its report's figures.
CREATE SEQUENCE delivery_sequence;
CREATE TABLE deliveries (
    sequence        bigint      PRIMARY KEY,
    idempotency_key text        NULL,
    content_hash    text        NOT NULL,
    state           text        NOT NULL,  -- Stored, PartiallyStored, Rejected (the contract's names)
    mode            text        NOT NULL,
    description     text        NOT NULL,
    source_name     text        NOT NULL,
    delivered_at    timestamptz NOT NULL,
    delivered_by    text        NOT NULL,
    rows_received   bigint      NOT NULL,
    rows_stored     bigint      NOT NULL,
    rows_rejected   bigint      NOT NULL,
    errors_kept     integer     NOT NULL,
    jobcenters      text[]      NOT NULL,
    months          text[]      NOT NULL,
    codes           text[]      NOT NULL,
    bases           text[]      NOT NULL
);
-- The truth behind "the same delivery is stored once": one key, and one stored delivery per content.
CREATE UNIQUE INDEX deliveries_idempotency_key ON deliveries (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX deliveries_content ON deliveries (content_hash) WHERE state <> 'Rejected';
CREATE INDEX deliveries_delivered_at ON deliveries (delivered_at);

CREATE TABLE delivery_errors (
    delivery   bigint  NOT NULL REFERENCES deliveries (sequence),
    ordinal    integer NOT NULL,
    row_number bigint  NOT NULL,
    reason     text    NOT NULL,
    field      text    NOT NULL,
    message    text    NOT NULL,
    PRIMARY KEY (delivery, ordinal)
);

-- Every value ever delivered; a later delivery's value for the same key supersedes an earlier one, which stays.
-- jobcenter = the 5-digit key as a number, code = CodeBook's id, month = year * 12 + month - 1,
-- sex / basis = the contract's enum numbers. Written with binary COPY; read by the primary key's prefix.
CREATE TABLE kpi_values (
    jobcenter   integer  NOT NULL,
    code        smallint NOT NULL,
    sex         smallint NOT NULL,
    basis       smallint NOT NULL,
    month       integer  NOT NULL,
    delivery    bigint   NOT NULL,
    value       numeric  NOT NULL,
    numerator   numeric  NULL,
    denominator numeric  NULL,
    PRIMARY KEY (jobcenter, code, sex, basis, month, delivery)
);

CREATE SEQUENCE local_indicator_ids START 1000 MAXVALUE 32767;
CREATE TABLE local_indicators (
    code                  text     PRIMARY KEY,
    id                    smallint NOT NULL UNIQUE,
    jobcenter_id          text     NOT NULL,
    name                  text     NOT NULL,
    title                 text     NOT NULL,
    unit                  text     NOT NULL,
    kind                  text     NOT NULL,
    declared_by_agreement text     NOT NULL
);
