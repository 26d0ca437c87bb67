-- Every dialogue report rendered, exactly as sent, with the data versions it shows: the agreement's edition and
-- version and the KPI deliveries (the report can be told apart from one rendered after a revision).
CREATE TABLE dialogue_reports (
    report_id         text        PRIMARY KEY,   -- "rpt-<agreement>-<month>-<n>"
    agreement_id      text        NOT NULL REFERENCES monitored_agreements ON DELETE CASCADE,
    month             text        NOT NULL,
    edition           integer     NOT NULL,
    agreement_version bigint      NOT NULL,
    kpi_deliveries    text[]      NOT NULL,
    rendered_at       timestamptz NOT NULL,
    rendered_by       text        NOT NULL,
    html              text        NOT NULL,
    csv               text        NOT NULL,
    sha256            text        NOT NULL
);

CREATE INDEX dialogue_reports_by_agreement ON dialogue_reports (agreement_id, month);
