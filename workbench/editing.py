"""Evidence after it is attached, for both faces: one item read with its figure check and
drift, its stance, excerpt and note changed, and the drift of every excerpt of a source
worked out when recheck finds the source changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.errors import InputError
from workbench.store.evidence import Drift

if TYPE_CHECKING:
    from workbench.core import Workbench
    from workbench.models import Source, Stance
    from workbench.sources import Document


def evidence_item(workbench: Workbench, evidence_id: int) -> dict[str, Any]:
    """One evidence item: its row (source, snapshot, drift) and the claim's figures
    checked against its excerpt."""
    from workbench.numbers import as_date, check_figures

    row = workbench.store.evidence_row(evidence_id)
    claim = workbench.store.get_claim(row["claim_id"])
    published = workbench.store.get_article(claim.article_id).published
    verdict, checks = (
        check_figures(claim.text, row["excerpt"], as_date(published), as_date(row["published"]))
        if row["excerpt"]
        else (None, [])
    )
    return {
        **row,
        "figures": verdict.value if verdict else None,
        "checks": [
            {"claimed": c.claimed, "stated": c.stated, "verdict": c.verdict.value} for c in checks
        ],
    }


def edit_evidence(
    workbench: Workbench,
    evidence_id: int,
    stance: Stance | None = None,
    excerpt: str | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """Change an evidence item's stance, excerpt (which must be in the snapshot it
    quotes) or note: one event, undoable."""
    from workbench.evidence import locate_excerpt

    store = workbench.store
    item = store.evidence(evidence_id)
    changes: dict[str, Any] = {}
    if stance is not None:
        changes["stance"] = stance.value
    if note is not None:
        changes["note"] = note
    drift = None
    if excerpt is not None:
        text = store.snapshot_text(item.snapshot_id)
        span = locate_excerpt(excerpt, text) if excerpt.strip() else None
        if span is None:
            raise InputError(
                f"the excerpt is not in the kept copy of source {item.source_id}"
                f" (snapshot {item.snapshot_id}); copy it from that text"
            )
        quoted = text[span[0] : span[1]]
        changes.update(excerpt=quoted, excerpt_start=span[0], excerpt_end=span[1])
        drift = _new_excerpt_drift(workbench, item.source_id, item.snapshot_id, quoted, span)
    named = ", ".join(name for name in ("stance", "excerpt", "note") if name in changes)
    store.update_evidence(
        evidence_id, changes, workbench.reviewer, f"evidence {evidence_id}: {named} changed", drift
    )
    return evidence_item(workbench, evidence_id)


def _new_excerpt_drift(
    workbench: Workbench, source_id: int, snapshot_id: int, excerpt: str, span: tuple[int, int]
) -> tuple[int, Drift] | None:
    """A new excerpt's state in the latest snapshot, when the source changed since."""
    from workbench.drift import excerpt_drift

    latest = workbench.store.get_source(source_id).latest
    if latest is None or latest.id == snapshot_id:
        return None
    old = workbench.store.snapshot_text(snapshot_id)
    state, found = excerpt_drift(excerpt, span, old, workbench.store.snapshot_text(latest.id))
    return latest.id, Drift(0, state, found)


def source_drift(workbench: Workbench, source: Source, document: Document) -> list[Drift]:
    """What became of each excerpt quoted from `source` in a re-fetched `document`; none
    when the document is the latest snapshot again (nothing is written then)."""
    from workbench.drift import excerpt_drift

    latest = source.latest
    if latest is not None and latest.raw_sha256 == document.raw_sha256:
        return []
    texts: dict[int, str] = {}
    found = []
    for item in workbench.store.evidence_using(source.id):
        if not item.excerpt:
            continue
        if item.snapshot_id not in texts:
            texts[item.snapshot_id] = workbench.store.snapshot_text(item.snapshot_id)
        span = (
            (item.excerpt_start, item.excerpt_end)
            if item.excerpt_start is not None and item.excerpt_end is not None
            else None
        )
        state, where = excerpt_drift(item.excerpt, span, texts[item.snapshot_id], document.text)
        found.append(Drift(item.id, state, where))
    return found
