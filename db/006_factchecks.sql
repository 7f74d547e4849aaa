-- 006: fact-checks published elsewhere (schema.org ClaimReview), imported so that
-- claims can be matched against what has been checked before.

-- One ClaimReview. url is its identity: importing the same review again updates
-- the row, never duplicates it. Ratings are kept as published (alternateName and
-- the numeric value on its own best/worst scale).
CREATE TABLE factchecks (
    id              INTEGER PRIMARY KEY,
    url             TEXT NOT NULL UNIQUE,
    claim_reviewed  TEXT NOT NULL CHECK (length(trim(claim_reviewed)) > 0),
    title           TEXT,              -- the review's headline (name / headline)
    claimant        TEXT,              -- itemReviewed.author
    claim_date      TEXT,              -- itemReviewed.datePublished
    appearance      TEXT,              -- itemReviewed.appearance: a URL or a description
    publisher       TEXT,              -- author (the fact-checking organisation)
    review_date     TEXT,              -- datePublished of the review
    rating          TEXT,              -- reviewRating.alternateName
    rating_value    REAL,
    best_rating     REAL,
    worst_rating    REAL,
    language        TEXT,              -- inLanguage
    -- the static embedding of claim_reviewed and title (float16, L2-normalised),
    -- computed on import so that matching never re-embeds the collection
    embedding       BLOB,
    origin          TEXT,              -- the file, URL or "stdin" it was imported from
    imported_at     TEXT NOT NULL,
    imported_by     TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE VIRTUAL TABLE factchecks_fts USING fts5(
    claim_reviewed, title, claimant,
    content='factchecks', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER factchecks_fts_insert AFTER INSERT ON factchecks BEGIN
    INSERT INTO factchecks_fts(rowid, claim_reviewed, title, claimant)
        VALUES (new.id, new.claim_reviewed, new.title, new.claimant);
END;
CREATE TRIGGER factchecks_fts_delete AFTER DELETE ON factchecks BEGIN
    INSERT INTO factchecks_fts(factchecks_fts, rowid, claim_reviewed, title, claimant)
        VALUES ('delete', old.id, old.claim_reviewed, old.title, old.claimant);
END;
CREATE TRIGGER factchecks_fts_update AFTER UPDATE OF claim_reviewed, title, claimant
    ON factchecks BEGIN
    INSERT INTO factchecks_fts(factchecks_fts, rowid, claim_reviewed, title, claimant)
        VALUES ('delete', old.id, old.claim_reviewed, old.title, old.claimant);
    INSERT INTO factchecks_fts(rowid, claim_reviewed, title, claimant)
        VALUES (new.id, new.claim_reviewed, new.title, new.claimant);
END;

-- Document frequencies of the fact-check words, for the re-ranker's IDF weights.
CREATE VIRTUAL TABLE factchecks_vocab USING fts5vocab(factchecks_fts, 'row');
