-- 003: article progress (claims decided / total) is read for every article when the
-- review screen opens; this index covers that aggregate, so it never reads the table.
CREATE INDEX claims_progress ON claims(article_id, status, dismissed);
