"""Where a claim can be split so that each part is a claim of its own.

The boundaries come from the extractor first: the claim's words extracted again on
their own give its clause pieces, each worded as a claim (a pronoun resolved, the
attribution kept). Where the extractor keeps the words whole (it does when the parse
does not confirm a split), the parse itself is asked for coordinated clauses with a
subject of their own ("The talks ended, and the ministers left"): both sides of such a
boundary read as sentences. A boundary is offered only where no piece straddles it.
With no boundary found, the reviewer chooses a word (the caller's fallback)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from workbench.errors import InputError
from workbench.models import ClaimDraft, Span


@dataclass(frozen=True)
class SplitProposal:
    at: int  # the article offset where the second part starts
    head: str  # the first part, worded as a claim
    tail: str
    found_by: str  # "extractor" or "parse"


def _cut(spans: Sequence[tuple[int, int]], at: int) -> tuple[list[tuple[int, int]], ...]:
    head = [(s, min(e, at)) for s, e in spans if s < at]
    tail = [(max(s, at), e) for s, e in spans if e > at]
    return head, tail


def _words(text: str, spans: Sequence[tuple[int, int]]) -> str:
    return " ".join(text[s:e].strip() for s, e in spans if text[s:e].strip())


def split_proposals(
    text: str, spans: Sequence[tuple[int, int]], extractor: str | None = None
) -> list[SplitProposal]:
    """Clause boundaries inside a claim's `spans` of the article `text`, first to last."""
    spans = sorted(spans)
    if not spans:
        return []
    refuse_repeat(text, spans)
    low, high = spans[0][0], max(e for _, e in spans)
    inside = [d for d in _pieces(text, low, high, extractor) if _within(d, spans)]
    return _from_pieces(text, spans, inside) or _from_parse(text, spans, low, high)


def refuse_repeat(text: str, spans: Sequence[tuple[int, int]]) -> None:
    """Refuse to split a repeat: one claim for the same words said in several sentences
    (workbench.extract.repeats). A boundary in one sentence is not one in the others, and
    cutting the spans of all of them at one offset gives garbled wording."""
    from bisect import bisect_right

    from workbench.extract.repeats import content_key
    from workbench.extract.segment import sentences

    starts = [sentence.start for sentence in sentences(text)]
    said: dict[int, list[tuple[int, int]]] = {}
    for start, end in sorted(spans):
        said.setdefault(bisect_right(starts, start), []).append((start, end))
    keys = [content_key(_words(text, pieces)) for pieces in said.values()]
    if len(set(keys)) < len(keys):
        raise InputError(
            f"the claim's words are said {len(keys)} times in the article, one claim for all;"
            " a split would cut them together: edit the wording instead"
        )


def _pieces(text: str, low: int, high: int, extractor: str | None) -> list[ClaimDraft]:
    from workbench.extract import get_extractor

    drafts = get_extractor(extractor).extract(text[low:high])
    return [
        d.model_copy(
            update={"spans": [Span(start=p.start + low, end=p.end + low) for p in d.spans]}
        )
        for d in drafts
    ]


def _within(draft: ClaimDraft, spans: Sequence[tuple[int, int]]) -> bool:
    return all(any(s <= p.start and p.end <= e for s, e in spans) for p in draft.spans)


def _from_pieces(
    text: str, spans: list[tuple[int, int]], pieces: list[ClaimDraft]
) -> list[SplitProposal]:
    proposals = []
    starts = sorted({d.spans[0].start for d in pieces})
    for at in starts[1:]:
        before = [d for d in pieces if all(p.end <= at for p in d.spans)]
        after = [d for d in pieces if all(p.start >= at for p in d.spans)]
        if len(before) + len(after) != len(pieces):
            continue  # a piece straddles this boundary: no clean split here
        head, tail = _cut(spans, at)
        if not _words(text, head) or not _words(text, tail):
            continue
        proposals.append(
            SplitProposal(
                at, _wording(text, head, before), _wording(text, tail, after), "extractor"
            )
        )
    return proposals


def _wording(text: str, spans: list[tuple[int, int]], pieces: list[ClaimDraft]) -> str:
    from workbench.extract.rules import finish

    # one piece: the extractor's own wording of it; several: the article's words
    return pieces[0].text if len(pieces) == 1 else finish(_words(text, spans))


_CLAUSE_LINKS = {"conj", "parataxis"}
_DANGLING = re.compile(r"[\s,;:—–]*(?:\b(?:and|but|while|whereas|yet|so)\b)?[\s,;:—–]*$")
_LEADING = {"and", "but", "while", "whereas", "yet", "so", ",", ";", ":", "—", "–"}


def _from_parse(
    text: str, spans: list[tuple[int, int]], low: int, high: int
) -> list[SplitProposal]:
    from workbench.extract import nlp
    from workbench.extract.rules import finish

    try:
        [doc] = nlp.parse([text[low:high]])
    except Exception:  # no parse (model missing, odd text): the reviewer chooses a word
        return []
    found: dict[int, SplitProposal] = {}
    for token in doc:
        has_subject = any(c.dep_.startswith("nsubj") for c in token.children)
        if token.dep_ not in _CLAUSE_LINKS or token.pos_ not in ("VERB", "AUX") or not has_subject:
            continue
        first = token.left_edge
        while first.i < token.i and first.lower_ in _LEADING:
            first = doc[first.i + 1]  # "and the ministers left": the clause starts after "and"
        at = low + first.idx
        head, tail = _cut(spans, at)
        head_words, tail_words = _words(text, head), _words(text, tail)
        head_words = _DANGLING.sub("", head_words)  # "The talks ended, and" -> "The talks ended"
        if head_words.strip() and tail_words.strip() and at not in found:
            found[at] = SplitProposal(at, finish(head_words), finish(tail_words), "parse")
    return [found[at] for at in sorted(found)]


def describe_claim(text: str, attributed: bool) -> dict[str, Any]:
    """A claim's kind and check-worthiness, computed as on import (a part of a split, a
    claim added by hand)."""
    from workbench.extract import checkworthy
    from workbench.extract.score import features, kind_of

    kind = kind_of(features(text), text, attributed, False)
    return {"kind": kind.value, "checkworthiness": checkworthy.score([text])[0]}
