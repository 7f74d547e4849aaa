-- Where each reviewer last was in each article: the review screen reopens there.
-- Not an event: moving the cursor changes nothing anyone would undo or audit.
-- claim_id has no foreign key: a claim merged away leaves a stale position, which the
-- screen treats as none (it opens on the first claim).
CREATE TABLE review_positions (
    reviewer TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    claim_id INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (reviewer, article_id)
);
