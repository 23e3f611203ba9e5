-- Trawl's PostgreSQL schema (the scale-out store). Statements are idempotent: they run at every
-- start, under an advisory lock so that servers starting together do not race. Same tables and
-- meaning as schema.sql (SQLite); timestamps stay ISO 8601 text so both stores answer alike, and
-- results stay text (jsonb would reorder the keys of a result).
CREATE TABLE IF NOT EXISTS api_keys (
    id          TEXT PRIMARY KEY,
    key_hash    TEXT NOT NULL UNIQUE,
    hint        TEXT NOT NULL,
    label       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE IF NOT EXISTS batches (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    owner           TEXT NOT NULL,
    status          TEXT NOT NULL,
    output_format   TEXT NOT NULL,
    prompt          TEXT,
    schema_json     TEXT,
    use_proxy       BOOLEAN NOT NULL,
    proxy_country   TEXT,
    screenshot      BOOLEAN NOT NULL,
    has_cookies     BOOLEAN NOT NULL,
    -- Cookies live only in the memory of the server that received them: the liveness key of
    -- that server. Other servers leave the batch's items alone while it is alive.
    cookie_holder   BIGINT,
    -- Trawl's renderJs: every page is rendered in the browser.
    render_js       BOOLEAN NOT NULL DEFAULT FALSE,
    total_urls      INTEGER NOT NULL,
    completed_count INTEGER NOT NULL DEFAULT 0,
    failed_count    INTEGER NOT NULL DEFAULT 0,
    cancelled       BOOLEAN NOT NULL DEFAULT FALSE,
    ever_started    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TEXT NOT NULL,
    finished_at     TEXT
);
CREATE INDEX IF NOT EXISTS batches_by_owner ON batches (owner, seq DESC);
-- The history's status filter.
CREATE INDEX IF NOT EXISTS batches_by_owner_status ON batches (owner, status, seq DESC);

CREATE TABLE IF NOT EXISTS items (
    seq              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    batch_uuid       TEXT NOT NULL REFERENCES batches (uuid),
    position         INTEGER NOT NULL,
    url              TEXT NOT NULL,
    -- The URL's host name, so the queue can skip sites that are at their per-host limit.
    host             TEXT NOT NULL DEFAULT '',
    job_id           TEXT,
    status           TEXT NOT NULL,
    result_json      TEXT,
    error            TEXT,
    credits_used     INTEGER NOT NULL DEFAULT 0,
    started_at       TEXT,
    finished_at      TEXT,
    screenshot_token TEXT UNIQUE,
    screenshot_file  TEXT,
    note             TEXT,
    -- While running: the advisory-lock key held by the server process running the item. When
    -- that lock is free the process is gone, and the item goes back to the queue.
    claimed_by       BIGINT
);
CREATE INDEX IF NOT EXISTS items_by_status ON items (status, seq);
-- The queue: only pending items, oldest first.
CREATE INDEX IF NOT EXISTS items_pending ON items (seq) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS items_by_batch ON items (batch_uuid, position);
