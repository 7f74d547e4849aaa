-- 010: what each claim was found to repeat ("checked before"), computed when an article
-- or a fact-check feed is imported, so that the review screen marks claims with a
-- strong match by reading this table instead of running the matcher.
-- Derived data, not an event: recomputing it changes nothing anyone would undo.

-- A claim's best matches: an imported fact-check or a decided claim of another article
-- (exactly one of the two), with the calibrated probability that it is the same claim.
CREATE TABLE claim_matches (
    claim_id        INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    factcheck_id    INTEGER REFERENCES factchecks(id) ON DELETE CASCADE,
    earlier_claim_id INTEGER REFERENCES claims(id) ON DELETE CASCADE,
    score           REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    strong          INTEGER NOT NULL CHECK (strong IN (0, 1)),
    computed_at     TEXT NOT NULL,
    CHECK ((factcheck_id IS NULL) != (earlier_claim_id IS NULL))
);
CREATE INDEX claim_matches_claim ON claim_matches(claim_id);
CREATE INDEX claim_matches_factcheck ON claim_matches(factcheck_id);
CREATE INDEX claim_matches_earlier ON claim_matches(earlier_claim_id);

-- Matches were found for the words the claim had then: new words, new matches.
CREATE TRIGGER claim_matches_stale AFTER UPDATE OF text ON claims
    WHEN new.text IS NOT old.text
BEGIN
    DELETE FROM claim_matches WHERE claim_id = new.id;
END;
