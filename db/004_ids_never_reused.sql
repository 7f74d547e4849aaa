-- workbench: rebuilds tables (applied with foreign keys off, then checked: see schema.py)
-- 004: ids are never reused. Without AUTOINCREMENT SQLite gives a new row the largest
-- id + 1, so deleting the newest claim (undo of an add, a merge) handed its id to the
-- next one, which then inherited its history. Each table whose rows the event log names
-- is rebuilt with AUTOINCREMENT (SQLite's way: create, copy, drop, rename), its indexes
-- and triggers recreated, and its counter started past every id the events mention.

CREATE TABLE new_articles (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    title         TEXT,
    url           TEXT,
    outlet        TEXT,
    published     TEXT,
    origin        TEXT,
    imported_at   TEXT NOT NULL,
    imported_by   TEXT NOT NULL,
    extractor     TEXT NOT NULL,
    sha256        TEXT NOT NULL UNIQUE,
    text          TEXT NOT NULL CHECK (length(trim(text)) > 0)
);
INSERT INTO new_articles SELECT * FROM articles;
DROP TABLE articles;
ALTER TABLE new_articles RENAME TO articles;

CREATE TABLE new_claims (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    original_text   TEXT NOT NULL,
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
    decided_at      TEXT,
    decided_by      TEXT
);
INSERT INTO new_claims SELECT * FROM claims;
DROP TABLE claims;
ALTER TABLE new_claims RENAME TO claims;
CREATE INDEX claims_article ON claims(article_id, dismissed, checkworthiness DESC, position);
CREATE INDEX claims_status ON claims(status);
CREATE INDEX claims_progress ON claims(article_id, status, dismissed);
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, text, attribution) VALUES (new.id, new.text, new.attribution);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, attribution)
        VALUES ('delete', old.id, old.text, old.attribution);
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF text, attribution ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, attribution)
        VALUES ('delete', old.id, old.text, old.attribution);
    INSERT INTO claims_fts(rowid, text, attribution) VALUES (new.id, new.text, new.attribution);
END;

CREATE TABLE new_sources (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    requested    TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
);
INSERT INTO new_sources SELECT * FROM sources;
DROP TABLE sources;
ALTER TABLE new_sources RENAME TO sources;

CREATE TABLE new_snapshots (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    fetched_at    TEXT NOT NULL,
    final_url     TEXT,
    http_status   INTEGER,
    content_type  TEXT,
    title         TEXT,
    published     TEXT,
    raw           BLOB,
    raw_size      INTEGER NOT NULL,
    raw_sha256    TEXT NOT NULL,
    truncated     INTEGER NOT NULL DEFAULT 0,
    text          TEXT NOT NULL,
    text_sha256   TEXT NOT NULL
);
INSERT INTO new_snapshots SELECT * FROM snapshots;
DROP TABLE snapshots;
ALTER TABLE new_snapshots RENAME TO snapshots;
CREATE INDEX snapshots_source ON snapshots(source_id, id);
CREATE TRIGGER snapshots_fts_insert AFTER INSERT ON snapshots BEGIN
    INSERT INTO snapshots_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER snapshots_fts_delete AFTER DELETE ON snapshots BEGIN
    INSERT INTO snapshots_fts(snapshots_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER snapshots_fts_update AFTER UPDATE OF title, text ON snapshots BEGIN
    INSERT INTO snapshots_fts(snapshots_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO snapshots_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TABLE new_evidence (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO new_evidence SELECT * FROM evidence;
DROP TABLE evidence;
ALTER TABLE new_evidence RENAME TO evidence;
CREATE INDEX evidence_claim ON evidence(claim_id);
CREATE INDEX evidence_source ON evidence(source_id);

-- Start each counter past every id the event log names, deleted rows' ids included.
CREATE TEMP TABLE id_tops (name TEXT NOT NULL, top INTEGER);
INSERT INTO temp.id_tops SELECT name, seq FROM sqlite_sequence;
INSERT INTO temp.id_tops
    SELECT 'articles', article_id FROM events
    UNION ALL SELECT 'claims', claim_id FROM events;
INSERT INTO temp.id_tops
    SELECT 'articles', CAST(j.key AS INTEGER) FROM events, json_each(events.before, '$.articles') j
    UNION ALL SELECT 'articles', CAST(j.key AS INTEGER) FROM events, json_each(events.after, '$.articles') j
    UNION ALL SELECT 'claims', CAST(j.key AS INTEGER) FROM events, json_each(events.before, '$.claims') j
    UNION ALL SELECT 'claims', CAST(j.key AS INTEGER) FROM events, json_each(events.after, '$.claims') j
    UNION ALL SELECT 'evidence', CAST(j.key AS INTEGER) FROM events, json_each(events.before, '$.evidence') j
    UNION ALL SELECT 'evidence', CAST(j.key AS INTEGER) FROM events, json_each(events.after, '$.evidence') j;
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence (name, seq)
    SELECT name, max(top) FROM temp.id_tops WHERE top IS NOT NULL GROUP BY name;
DROP TABLE temp.id_tops;
