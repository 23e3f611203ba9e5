-- Trawl's SQLite schema. Statements are idempotent: they run at every start.
CREATE TABLE IF NOT EXISTS api_keys (
    id          TEXT PRIMARY KEY,
    key_hash    TEXT NOT NULL UNIQUE,
    hint        TEXT NOT NULL,
    label       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE IF NOT EXISTS batches (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid            TEXT NOT NULL UNIQUE,
    owner           TEXT NOT NULL,
    status          TEXT NOT NULL,
    output_format   TEXT NOT NULL,
    prompt          TEXT,
    schema_json     TEXT,
    use_proxy       INTEGER NOT NULL,
    proxy_country   TEXT,
    screenshot      INTEGER NOT NULL,
    has_cookies     INTEGER NOT NULL,
    -- Trawl's renderJs: every page is rendered in the browser.
    render_js       INTEGER NOT NULL DEFAULT 0,
    total_urls      INTEGER NOT NULL,
    completed_count INTEGER NOT NULL DEFAULT 0,
    failed_count    INTEGER NOT NULL DEFAULT 0,
    cancelled       INTEGER NOT NULL DEFAULT 0,
    ever_started    INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    finished_at     TEXT
);
CREATE INDEX IF NOT EXISTS batches_by_owner ON batches (owner, seq DESC);
-- The history's status filter.
CREATE INDEX IF NOT EXISTS batches_by_owner_status ON batches (owner, status, seq DESC);

CREATE TABLE IF NOT EXISTS items (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
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
    note             TEXT
);
CREATE INDEX IF NOT EXISTS items_by_status ON items (status, seq);
CREATE INDEX IF NOT EXISTS items_by_batch ON items (batch_uuid, position);
