"""Repeats: an article that says the same thing twice gets one claim with both spans.

Two claims are the same when their content words are the same (case, punctuation and
function words aside): "the readout said" twice over one fact is one fact to check. Who
said it is not part of the fact, but it is part of what the reviewer checks: when two
speakers say the same words, the one claim names both ("the statement; the readout"), in
the order the article gives them, so a second speaker is never dropped.
"""

from __future__ import annotations

import re

from workbench.models import SPEAKERS_SEPARATOR, ClaimDraft, Span, speakers

_FUNCTION = frozenset(
    """a an the and or but of to in on at for from by with as is are was were be been has
    have had it its this that these those also""".split()
)
_WORD = re.compile(r"[\w$%.,]+")


def content_key(text: str) -> frozenset[str]:
    words = (w.strip(".,").lower().replace("’", "'") for w in _WORD.findall(text))
    return frozenset(w for w in words if w and w not in _FUNCTION)


def group_repeats(drafts: list[ClaimDraft]) -> list[ClaimDraft]:
    """Merge claims with the same content words into the first, keeping every span and
    every distinct speaker."""
    first: dict[frozenset[str], int] = {}
    result: list[ClaimDraft] = []
    # the spans, speakers and best score of each kept claim, gathered as they come and
    # written once at the end: a claim repeated n times costs n, not n squared
    spans: dict[int, dict[tuple[int, int], None]] = {}
    said_by: dict[int, dict[str, str]] = {}
    best: dict[int, float] = {}
    for draft in drafts:
        key = content_key(draft.text)
        if len(key) < 2 or key not in first:
            if len(key) >= 2:
                first[key] = len(result)
            result.append(draft)
            continue
        index = first[key]
        kept = spans.setdefault(index, {(s.start, s.end): None for s in result[index].spans})
        kept.update({(s.start, s.end): None for s in draft.spans})
        who = said_by.setdefault(index, _named(result[index].attribution))
        for name, speaker in _named(draft.attribution).items():
            who.setdefault(name, speaker)
        best[index] = max(best.get(index, result[index].checkworthiness), draft.checkworthiness)
    for index, pairs in spans.items():
        update: dict[str, object] = {
            "spans": [Span(start=a, end=b) for a, b in sorted(pairs)],
            "checkworthiness": best[index],
            # the article's own voice (no attribution) adds no name: the claim is in the
            # article either way, and the speakers who said it are the ones to check
            "attribution": SPEAKERS_SEPARATOR.join(said_by[index].values()) or None,
        }
        result[index] = result[index].model_copy(update=update)
    return result


def _named(attribution: str | None) -> dict[str, str]:
    """Speakers by a key that ignores case and spacing ("The readout" is "the readout")."""
    return {" ".join(s.casefold().split()): s for s in speakers(attribution)}
