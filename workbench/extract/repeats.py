"""Repeats: an article that says the same thing twice gets one claim with both spans.

Two claims are the same when their content words are the same (case, punctuation and
function words aside): "the readout said" twice over one fact is one fact to check.
"""

from __future__ import annotations

import re

from workbench.models import ClaimDraft, Span

_FUNCTION = frozenset(
    """a an the and or but of to in on at for from by with as is are was were be been has
    have had it its this that these those also""".split()
)
_WORD = re.compile(r"[\w$%.,]+")


def content_key(text: str) -> frozenset[str]:
    words = (w.strip(".,").lower().replace("’", "'") for w in _WORD.findall(text))
    return frozenset(w for w in words if w and w not in _FUNCTION)


def group_repeats(drafts: list[ClaimDraft]) -> list[ClaimDraft]:
    """Merge claims with the same content words into the first, keeping every span."""
    first: dict[frozenset[str], int] = {}
    result: list[ClaimDraft] = []
    for draft in drafts:
        key = content_key(draft.text)
        if len(key) < 2 or key not in first:
            if len(key) >= 2:
                first[key] = len(result)
            result.append(draft)
            continue
        index = first[key]
        kept = result[index]
        seen = {(s.start, s.end) for s in kept.spans}
        extra = [s for s in draft.spans if (s.start, s.end) not in seen]
        spans = sorted([*kept.spans, *extra], key=lambda s: s.start)
        update: dict[str, object] = {"spans": [Span(start=s.start, end=s.end) for s in spans]}
        update["checkworthiness"] = max(kept.checkworthiness, draft.checkworthiness)
        result[index] = kept.model_copy(update=update)
    return result
