"""CSV: one row per claim and evidence item, for spreadsheets. A cell from data that a
spreadsheet would run as a formula (= + - @, tab, carriage return) is neutralised with a
leading apostrophe."""

from __future__ import annotations

import csv
import unicodedata
from typing import TextIO

from workbench.report.model import ReportClaim, sections
from workbench.store import Store

COLUMNS = [
    "article_id",
    "article_title",
    "article_url",
    "claim_id",
    "claim",
    "verdict",
    "rationale",
    "kind",
    "checkworthiness",
    "attribution",
    "sentence",
    "decided_by",
    "decided_at",
    "flags",
    "stance",
    "source_title",
    "source_url",
    "fetched_at",
    "sha256",
    "excerpt",
    "evidence_note",
    "live_page",
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


def cell(value: object) -> str:
    """A data cell made inert for spreadsheets."""
    text = "" if value is None else str(value)
    return "'" + text if _runs_as_formula(text) else text


def write_csv(out: TextIO, store: Store, article_id: int | None, selection: str) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for section in sections(store, article_id, selection):
        head = section.header
        for claim in section.claims:
            for row in _rows(claim):
                writer.writerow([head.id, cell(head.title), cell(head.url), *row])


def _rows(claim: ReportClaim) -> list[list[object]]:
    base: list[object] = [
        claim.id,
        cell(claim.text),
        claim.verdict.value,
        cell(claim.rationale),
        claim.kind.value,
        f"{claim.checkworthiness:.3f}",
        cell(claim.attribution),
        cell(claim.sentence),
        cell(claim.decided_by),
        claim.decided_at.isoformat() if claim.decided_at else "",
        ";".join(claim.flags),
    ]
    if not claim.evidence:
        return [[*base, "", "", "", "", "", "", "", ""]]
    return [
        [
            *base,
            item.stance.value,
            cell(item.source.title),
            cell(item.source.final_url or item.source.requested),
            item.source.fetched_at.isoformat(),
            item.source.sha256,
            cell(item.excerpt),
            cell(item.note),
            cell(item.live or ""),
        ]
        for item in claim.evidence
    ]
