-- 001: the core of the workbench: articles, their claims, kept sources,
-- evidence, the append-only event log and review sessions.
-- Times are ISO 8601 strings in UTC ("2026-02-10T09:30:00.123456+00:00").

-- An imported article. Its text is never rewritten after import: claim spans
-- index into it, and its sha256 finds it again when the same text is re-imported.
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    title         TEXT,
    url           TEXT,
    outlet        TEXT,
    published     TEXT,
    origin        TEXT,            -- where it was imported from: a path, a URL or "stdin"
    imported_at   TEXT NOT NULL,
    imported_by   TEXT NOT NULL,
    extractor     TEXT NOT NULL,   -- name and version of the claim extractor used
    sha256        TEXT NOT NULL UNIQUE,
    text          TEXT NOT NULL CHECK (length(trim(text)) > 0)
);

-- One atomic, checkable statement of an article. start/end is the smallest span
-- covering all of the claim's spans (claim_spans), in characters of articles.text.
-- version grows by one on every change: a writer that read an older version is
-- refused (optimistic concurrency between reviewers).
CREATE TABLE claims (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,      -- order of appearance in the article
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    original_text   TEXT NOT NULL,         -- as extracted; edits keep it
    start           INTEGER NOT NULL CHECK (start >= 0),
    "end"           INTEGER NOT NULL CHECK ("end" > start),
    kind            TEXT NOT NULL DEFAULT 'other' CHECK (kind IN
                      ('statistic', 'quantity', 'date/event', 'quote',
                       'attribution', 'causal', 'comparison', 'other')),
    attribution     TEXT,
    checkworthiness REAL NOT NULL CHECK (checkworthiness BETWEEN 0 AND 1),
    status          TEXT NOT NULL DEFAULT 'unverified'
                      CHECK (status IN ('unverified', 'verified', 'disputed')),
    rationale       TEXT NOT NULL DEFAULT '',
    dismissed       INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1)),
    origin          TEXT NOT NULL DEFAULT 'extracted' CHECK (origin IN ('extracted', 'manual')),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    decided_at      TEXT,                  -- when status last became verified/disputed
    decided_by      TEXT
);
CREATE INDEX claims_article ON claims(article_id, dismissed, checkworthiness DESC, position);
CREATE INDEX claims_status ON claims(status);

-- The character spans of the article a claim came from (one or more, in order).
CREATE TABLE claim_spans (
    claim_id  INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    ordinal   INTEGER NOT NULL,
    start     INTEGER NOT NULL CHECK (start >= 0),
    "end"     INTEGER NOT NULL CHECK ("end" > start),
    PRIMARY KEY (claim_id, ordinal)
);

-- A document kept as evidence, identified by what was asked for: a URL or a
-- file path. Each fetch keeps a snapshot; a changed page gets a new snapshot
-- beside the old ones, never over them.
CREATE TABLE sources (
    id           INTEGER PRIMARY KEY,
    requested    TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
);

CREATE TABLE snapshots (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    fetched_at    TEXT NOT NULL,
    final_url     TEXT,
    http_status   INTEGER,
    content_type  TEXT,
    title         TEXT,
    published     TEXT,
    raw           BLOB,                 -- the bytes as received (zlib), up to the cap
    raw_size      INTEGER NOT NULL,
    raw_sha256    TEXT NOT NULL,
    truncated     INTEGER NOT NULL DEFAULT 0,
    text          TEXT NOT NULL,        -- readable text extracted from raw
    text_sha256   TEXT NOT NULL
);
CREATE INDEX snapshots_source ON snapshots(source_id, id);

-- A claim-source link. The excerpt is quoted from the text of one snapshot,
-- at [excerpt_start, excerpt_end).
CREATE TABLE evidence (
    id             INTEGER PRIMARY KEY,
    claim_id       INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    source_id      INTEGER NOT NULL REFERENCES sources(id),
    snapshot_id    INTEGER NOT NULL REFERENCES snapshots(id),
    stance         TEXT NOT NULL DEFAULT 'context' CHECK (stance IN ('supports', 'refutes', 'context')),
    excerpt        TEXT NOT NULL DEFAULT '',
    excerpt_start  INTEGER,
    excerpt_end    INTEGER,
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL
);
CREATE INDEX evidence_claim ON evidence(claim_id);
CREATE INDEX evidence_source ON evidence(source_id);

-- Every change, append-only: who, when, what, and the rows before and after
-- ({"claims": {"12": {...}}, ...}). Undo applies "before" and appends an event
-- whose undo_of names the event it reverted.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    article_id  INTEGER,
    claim_id    INTEGER,
    summary     TEXT NOT NULL DEFAULT '',
    before      TEXT NOT NULL DEFAULT '{}',
    after       TEXT NOT NULL DEFAULT '{}',
    undo_of     INTEGER UNIQUE REFERENCES events(id)
);
CREATE INDEX events_claim ON events(claim_id, id);
CREATE INDEX events_actor ON events(actor, id);

-- A sitting of triage.
CREATE TABLE review_sessions (
    id          INTEGER PRIMARY KEY,
    reviewer    TEXT NOT NULL,
    article_id  INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    started_at  TEXT NOT NULL,
    ended_at    TEXT,
    decided     INTEGER NOT NULL DEFAULT 0
);
