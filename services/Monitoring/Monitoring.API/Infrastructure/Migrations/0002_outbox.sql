-- The outbox of Zielsteuerung.Messaging (OutboxSchema.Sql): events are written in the same transaction as the change.
CREATE TABLE outbox_messages (
    id           uuid        PRIMARY KEY,
    sequence     bigint      GENERATED ALWAYS AS IDENTITY,
    message_type text        NOT NULL,
    payload      jsonb       NOT NULL,
    occurred_at  timestamptz NOT NULL,
    trace_parent text        NULL,
    trace_state  text        NULL,
    published_at timestamptz NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text        NULL,
    failed_at    timestamptz NULL
);
CREATE INDEX outbox_messages_pending ON outbox_messages (sequence) WHERE published_at IS NULL AND failed_at IS NULL;
