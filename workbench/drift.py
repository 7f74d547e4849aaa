"""What became of an evidence excerpt when its source changed: still there in the same
surroundings (`present`), the same words elsewhere (`moved`), or not there (`gone`)."""

from __future__ import annotations

from workbench.evidence import locate_excerpt

CONTEXT = 40  # characters either side that must be the same for "present"


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def excerpt_drift(
    excerpt: str, span: tuple[int, int] | None, old_text: str, new_text: str
) -> tuple[str, tuple[int, int] | None]:
    """The state of `excerpt` (quoted at `span` of `old_text`) in `new_text`, and where
    it stands there."""
    found = locate_excerpt(excerpt, new_text)
    if found is None:
        return "gone", None
    if span is None:
        return "present", found
    before_old = _squeeze(old_text[max(0, span[0] - CONTEXT) : span[0]])
    before_new = _squeeze(new_text[max(0, found[0] - CONTEXT) : found[0]])
    after_old = _squeeze(old_text[span[1] : span[1] + CONTEXT])
    after_new = _squeeze(new_text[found[1] : found[1] + CONTEXT])
    same = before_old[-20:] == before_new[-20:] and after_old[:20] == after_new[:20]
    return ("present" if same else "moved"), found


def drift_words(state: str | None, since: str | None) -> str | None:
    """How a drift state reads to a person, or None when there is nothing to say."""
    if state == "gone":
        return f"no longer on the live page since {(since or '')[:10]}".rstrip()
    if state == "moved":
        return "moved on the live page"
    return None
