"""Builds a database of N kept web sources, each with one evidence item, served by a
local HTTP server, and rechecks them after a tenth changed: used by the test and the
benchmark (which runs it at 200 sources)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from workbench.config import Settings
from workbench.core import Workbench
from workbench.models import ArticleDraft, Stance
from workbench.sources import read_document

ARTICLE = "Exports rose to $4.2 billion in 2025, the ministry said. Imports fell to $3 billion."
TABLES = ("snapshots", "evidence_drift", "events", "evidence", "sources")


def page(index: int, version: int) -> str:
    """Page `index` as first kept (version 1) and later (version 2): one page in ten
    changes, half of those losing the excerpt, the other half moving it."""
    quote = f"Exports from region {index} rose to $4.2 billion in 2025, the ministry said."
    lead = ""
    if version == 2 and index % 10 == 0:
        lead = "<p>Updated on Friday with revised figures.</p>"
        if index % 20 == 0:
            quote = f"Exports from region {index} were revised, the ministry said."
    return (
        f"<html><head><title>Region {index}</title></head><body><article>{lead}"
        f"<p>{quote}</p><p>Other news of region {index} for the week.</p>"
        "</article></body></html>"
    )


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        found = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        found["changes"] = conn.execute("SELECT total_changes()").fetchone()[0]
        return found


@dataclass
class Outcome:
    before: dict[str, int]
    after: dict[str, int]
    changed: int
    failed: int
    drift: dict[str, int]


def build(db: Path, base: str, count: int) -> Workbench:
    """`count` sources at `base`/page/N kept as evidence of the article's first claim."""
    workbench = Workbench(Settings(allow_private=True, reviewer="bench"), db)
    imported = workbench.import_draft(ArticleDraft(text=ARTICLE, title="Exports"))
    claim = workbench.claims(imported.article.id)[0]
    settings = Settings(allow_private=True)
    for index in range(count):
        document = read_document(f"{base}/page/{index}", settings)
        excerpt = f"Exports from region {index} rose to $4.2 billion in 2025, the ministry said."
        span = (document.text.index(excerpt), document.text.index(excerpt) + len(excerpt))
        workbench.store.attach(claim.id, document, Stance.SUPPORTS, excerpt, span, "", "bench")
    return workbench


def recheck(workbench: Workbench) -> Outcome:
    before = counts(workbench.db_path)
    results = workbench.recheck()
    after = counts(workbench.db_path)
    with sqlite3.connect(workbench.db_path) as conn:
        drift = dict(conn.execute("SELECT state, count(*) FROM evidence_drift GROUP BY state"))
    return Outcome(
        before,
        after,
        sum(r.status == "changed" for r in results),
        sum(r.status == "failed" for r in results),
        drift,
    )
