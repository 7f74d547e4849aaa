"""What the splitting rules know of English grammar without a part-of-speech model:
finite verbs from word lists and morphology, where a clause starts, what its subject is."""

from __future__ import annotations

import re

from workbench.extract import lexicon as lx
from workbench.extract.view import View, depth_at

_ADVERBS = frozenset(
    "also then later still further subsequently thereafter meanwhile again jointly together"
    " separately reportedly allegedly only just already".split()
)


def first_verb(view: View, start: int = 0) -> tuple[str, int, int] | None:
    """The first finite verb at or after character `start` of the view's text."""
    previous = ""
    for word, a, b in view.words():
        lower = word.lower()
        after_article = previous in lx.DETERMINERS or previous == "to"  # "an updated", "to go"
        if a >= start and word[0].islower() and lx.is_finite_verb(lower) and not after_article:
            return lower, a, b
        previous = lower
    return None


def clause_like(view: View, max_words: int = 8) -> bool:
    """Starts with a subject followed by a finite verb (not with a verb: that is a
    verb phrase sharing the previous subject)."""
    words = view.words()
    if not words or (words[0][0][0].islower() and lx.is_finite_verb(words[0][0])):
        return False
    verb = first_verb(view)
    if verb is None:
        return False
    index = next(i for i, w in enumerate(words) if w[1] == verb[1])
    if words[0][0].lower() in lx.PREPOSITIONS:
        return False
    if all(w[0].lower() in _ADVERBS for w in words[:index]):
        return False  # "also agreed to ...": a verb phrase, not a clause
    return 1 <= index <= max_words and "," not in view.text[: verb[1]]


def subject_of(view: View) -> View | None:
    """The words before the first finite verb, after a leading adverbial phrase."""
    verb = first_verb(view)
    if verb is None or verb[1] == 0:
        return None
    head = view.text[: verb[1]]
    comma = head.rfind(",")
    lo = comma + 1 if comma != -1 and depth_at(view.text, comma) == 0 else 0
    subject = view.sub(lo, verb[1])
    words = subject.words()
    if not words or len(words) > 12:
        return None
    return subject


def has_verb(text: str | None) -> bool:
    if not text:
        return False
    return any(w[0].islower() and lx.is_finite_verb(w) for w in re.findall(r"[A-Za-z’'-]+", text))
