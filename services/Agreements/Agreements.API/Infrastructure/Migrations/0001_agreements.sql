-- An agreement is stored whole (record: the AgreementRecord protobuf, all editions) with the columns lists and
-- searches filter on; every write appends a revision with who/when/what and a snapshot for as-of reads.
CREATE TABLE agreements (
    id             text        PRIMARY KEY,
    year           integer     NOT NULL,
    legal_basis    text        NOT NULL,
    state          text        NOT NULL,
    status         text        NOT NULL,
    edition        integer     NOT NULL,
    title          text        NOT NULL,
    drafting_party text        NOT NULL,
    released       boolean     NOT NULL,
    version        bigint      NOT NULL CHECK (version >= 1),
    record         bytea       NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE INDEX agreements_by_year ON agreements (year DESC, id);
CREATE INDEX agreements_released ON agreements (year DESC, id) WHERE released;

CREATE TABLE agreement_parties (
    agreement_id text NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    party_id     text NOT NULL,
    PRIMARY KEY (agreement_id, party_id)
);
CREATE INDEX agreement_parties_by_party ON agreement_parties (party_id, agreement_id);

CREATE TABLE agreement_revisions (
    agreement_id text        NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    version      bigint      NOT NULL,
    edition      integer     NOT NULL,
    action       text        NOT NULL,
    effective_on date        NOT NULL,
    recorded_at  timestamptz NOT NULL,
    client_id    text        NOT NULL,
    party_id     text        NOT NULL,
    changed      text[]      NOT NULL,
    note         text        NOT NULL,
    snapshot     bytea       NOT NULL,
    PRIMARY KEY (agreement_id, version)
);

CREATE TABLE agreement_documents (
    agreement_id text  NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    document_id  text  NOT NULL,
    content      bytea NOT NULL,
    PRIMARY KEY (agreement_id, document_id)
);

-- Numbers of service-assigned ids ("zv-2018-17"): one sequence for all years, so drafts never wait for each other.
CREATE SEQUENCE agreement_numbers;
