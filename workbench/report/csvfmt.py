"""CSV: one row per claim and evidence item, for spreadsheets. A cell from data that a
spreadsheet would run as a formula (= + - @, tab, carriage return) is neutralised with a
leading apostrophe. The public audience has the columns a reader may see."""

from __future__ import annotations

import csv
import unicodedata
from typing import Any, TextIO

from workbench.report.model import ReportClaim, ReportEvidence, ReportOptions, sections
from workbench.store import Store

EVIDENCE_COLUMNS = (
    "stance",
    "source_title",
    "source_outlet",
    "source_url",
    "source_published",
    "fetched_at",
    "kept_copy",
    "sha256",
    "excerpt",
    "evidence_note",
    "live_page",
)
# One row per evidence item; a claim with none gets one row with these columns empty.
COLUMNS = [
    "article_id",
    "article_title",
    "article_url",
    "claim_id",
    "claim",
    "verdict",
    "rating",
    "rating_value",
    "best_rating",
    "claimant",
    "claimant_type",
    "claim_date",
    "summary",
    "rationale",
    "kind",
    "checkworthiness",
    "attribution",
    "sentence",
    "decided_by",
    "decided_at",
    "approved_by",
    "approved_at",
    "flags",
    *EVIDENCE_COLUMNS,
]
_FORMULA = frozenset("=+-@")


def _runs_as_formula(text: str) -> bool:
    """Would a spreadsheet read `text` as a formula? Spreadsheets skip leading blanks
    (and some invisible characters) and read full-width ＝ ＋ － ＠ as their ASCII forms,
    so those are looked through; a leading tab or carriage return counts by itself."""
    if text[:1] in ("\t", "\r"):
        return True
    for char in text:
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
            continue
        return unicodedata.normalize("NFKC", char)[:1] in _FORMULA
    return False


INTERNAL_COLUMNS = frozenset(
    {
        "article_id",
        "claim_id",
        "checkworthiness",
        "decided_by",
        "decided_at",
        "approved_by",
        "approved_at",
        "flags",
        "sha256",
        "evidence_note",
        "source_published",
        "live_page",
    }
)
PUBLIC_COLUMNS = [name for name in COLUMNS if name not in INTERNAL_COLUMNS]


def cell(value: object) -> str:
    """A data cell made inert for spreadsheets."""
    text = "" if value is None else str(value)
    return "'" + text if _runs_as_formula(text) else text


def write_csv(out: TextIO, store: Store, article_id: int | None, options: ReportOptions) -> None:
    columns = PUBLIC_COLUMNS if options.public else COLUMNS
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for section in sections(store, article_id, options):
        head = section.header
        article = {"article_id": head.id, "article_title": head.title, "article_url": head.url}
        for claim in section.claims:
            base = {**article, **_claim_cells(claim)}
            items: list[ReportEvidence | None] = [*claim.evidence] or [None]
            for item in items:
                row = {**base, **_evidence_cells(item)}
                writer.writerow([cell(row[name]) for name in columns])


def _claim_cells(claim: ReportClaim) -> dict[str, Any]:
    rating, claimant = claim.rating, claim.claimant
    return {
        "claim_id": claim.id,
        "claim": claim.text,
        "verdict": claim.verdict.value,
        "rating": rating.label if rating else "",
        "rating_value": rating.value if rating else "",
        "best_rating": rating.best if rating else "",
        "claimant": claimant.name if claimant else "",
        "claimant_type": (claimant.type or "") if claimant else "",
        "claim_date": claim.claim_date,
        "summary": claim.summary,
        "rationale": claim.rationale,
        "kind": claim.kind.value,
        "checkworthiness": f"{claim.checkworthiness:.3f}",
        "attribution": claim.attribution,
        "sentence": claim.sentence,
        "decided_by": claim.decided_by,
        "decided_at": claim.decided_at.isoformat() if claim.decided_at else "",
        "approved_by": claim.approved_by,
        "approved_at": claim.approved_at.isoformat() if claim.approved_at else "",
        "flags": ";".join(claim.flags or []),
    }


def _evidence_cells(item: ReportEvidence | None) -> dict[str, Any]:
    if item is None:
        return dict.fromkeys(EVIDENCE_COLUMNS, "")
    source = item.source
    return {
        "stance": item.stance.value,
        "source_title": source.title,
        "source_outlet": source.outlet,
        "source_url": source.final_url or source.requested,
        "source_published": source.published,
        "fetched_at": source.fetched_at.isoformat(),
        "kept_copy": source.kept_copy,
        "sha256": source.sha256,
        "excerpt": item.excerpt,
        "evidence_note": item.note,
        "live_page": item.live,
    }
