-- The keys that sign access tokens, kept so that a restart does not invalidate issued tokens. Each is a self-signed
-- X.509 certificate with its RSA private key (PKCS #12): OpenIddict signs with the valid one that expires last and
-- publishes all, so a key added with a later activation is announced before it signs.
CREATE TABLE signing_keys (
    key_id       text        PRIMARY KEY,
    certificate  bytea       NOT NULL,
    activates_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL,
    retired_at   timestamptz NULL,
    CHECK (expires_at > activates_at)
);
