-- 002: full-text search (FTS5) over claim text and the readable text of kept
-- sources, kept in step with their tables by triggers.

CREATE VIRTUAL TABLE claims_fts USING fts5(
    text, attribution,
    content='claims', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
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

CREATE VIRTUAL TABLE snapshots_fts USING fts5(
    title, text,
    content='snapshots', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
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

-- Index what a database upgraded from 001 already holds.
INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
INSERT INTO snapshots_fts(snapshots_fts) VALUES ('rebuild');
