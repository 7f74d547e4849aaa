-- 005: what became of each evidence excerpt on the live page, and the HTTP exchange
-- of each fetch (for WARC archives).

-- The excerpt of an evidence item checked against the latest snapshot of its source
-- that differs from the one it was quoted from: `present` (the same words in the same
-- surroundings), `moved` (the same words elsewhere), `gone` (not there; `since` is
-- when that snapshot was fetched). No row: never changed since it was quoted.
CREATE TABLE evidence_drift (
    evidence_id    INTEGER PRIMARY KEY REFERENCES evidence(id) ON DELETE CASCADE,
    state          TEXT NOT NULL CHECK (state IN ('present', 'moved', 'gone')),
    since          TEXT,             -- when gone: fetched-at of the first snapshot without it
    snapshot_id    INTEGER NOT NULL REFERENCES snapshots(id),  -- the snapshot compared with
    excerpt_start  INTEGER,          -- where the excerpt stands in it (present, moved)
    excerpt_end    INTEGER,
    checked_at     TEXT NOT NULL
);
CREATE INDEX evidence_drift_state ON evidence_drift(state);

-- Older snapshots have none of these (their exchange was not kept).
ALTER TABLE snapshots ADD COLUMN http_version TEXT;
ALTER TABLE snapshots ADD COLUMN request_headers TEXT;   -- JSON: [[name, value], ...] as sent
ALTER TABLE snapshots ADD COLUMN response_headers TEXT;  -- JSON: [[name, value], ...] as received
