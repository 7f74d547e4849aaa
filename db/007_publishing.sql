-- 007: publishing a fact-check. A claim's rating on a scale (a label of the scale it
-- was rated on; the label sets the status), who made the claim and when (NULL: taken
-- from the attribution and the article when read), and the sign-off of a second
-- reviewer, withdrawn by any later change to the claim.
ALTER TABLE claims ADD COLUMN rating TEXT;
ALTER TABLE claims ADD COLUMN rating_scale TEXT;
ALTER TABLE claims ADD COLUMN claimant TEXT;
ALTER TABLE claims ADD COLUMN claimant_type TEXT
    CHECK (claimant_type IS NULL OR claimant_type IN ('Person', 'Organization'));
ALTER TABLE claims ADD COLUMN claim_date TEXT;
ALTER TABLE claims ADD COLUMN approved_by TEXT;
ALTER TABLE claims ADD COLUMN approved_at TEXT;
