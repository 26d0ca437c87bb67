-- The steering measures agreed in dialogues, as rows the due-date notifier can query (the aggregate holds them too).
CREATE TABLE agreement_measures (
    agreement_id     text        NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    measure_id       text        NOT NULL,
    dialogue_id      text        NOT NULL,
    due_on           date        NOT NULL,
    state            text        NOT NULL,
    due_published_at timestamptz NULL,
    PRIMARY KEY (agreement_id, measure_id)
);
CREATE INDEX agreement_measures_due ON agreement_measures (due_on) WHERE due_published_at IS NULL AND state IN ('open', 'in_progress');
