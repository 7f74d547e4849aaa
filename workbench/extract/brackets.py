"""What stands between a sentence's subject and its verb: a parenthesis ("Matthew Lillard
(born January 24, 1970) is an American actor, director and producer") or an alias
(", also known as quicksand,"). The sentence is decomposed without it, so that the
rest can split as any other ("... is an American actor.", "... is a director."); a
birth ("born ...") or an alias becomes its own claim ("Matthew Lillard was born January
24, 1970.", "Sinking sand is also known as quicksand."). Any other parenthesis there
after a name (a native spelling, a pronunciation, an abbreviation, a life's years) is
left out of the claims: mostly the name in other words. After a common noun ("Exports
(mainly rice and sugar) rose ...") the sentence stays whole.

Only where the parse agrees: the words before the parenthesis are a noun phrase with no
verb, and a finite verb follows the parenthesis (or the alias) at once.
"""

from __future__ import annotations

import re

from workbench.extract import clauses as cl
from workbench.extract.decompose import Tokens, is_finite
from workbench.extract.view import View

_SUBJECT_BRACKET = re.compile(r"^(?P<subject>[^(),;:\"“”]{2,80}?)\s*\((?P<inner>[^()]{1,300})\)\s+")
_ALIAS = re.compile(
    r"^(?P<subject>[^(),;:\"“”]{2,80}?),\s+(?P<alias>(?:also|commonly|better|formerly|now)\s+"
    r"(?:known|called)\s+as\s+[^,;()]{2,80}),\s+"
)
_BORN = re.compile(r"^born\s+(?P<what>[^;]+?)(?:;|,\s+died\b|$)")


def split_subject_aside(view: View, tokens: Tokens) -> tuple[View, list[cl.Piece]]:
    text = view.text
    for pattern in (_SUBJECT_BRACKET, _ALIAS):
        match = pattern.match(text)
        if match is None or not _verb_at(view, match.end(), tokens):
            continue
        subject = view.sub(match.start("subject"), match.end("subject"))
        if not subject or not _noun_phrase(subject, tokens):
            continue
        if pattern is _SUBJECT_BRACKET and not _named(subject, tokens):
            continue  # "Exports (mainly rice and sugar) rose": what the bracket says is a fact
        pieces = []
        if pattern is _ALIAS:
            alias = view.sub(match.start("alias"), match.end("alias"))
            words = f"{subject.text} is {alias.text}"
            pieces.append(cl.Piece(View(view.source, subject.spans + alias.spans), words, "alias"))
        else:
            born = _BORN.match(match.group("inner").strip())
            if born:
                start = match.start("inner") + match.group("inner").index(born.group("what"))
                what = view.sub(start, start + len(born.group("what")))
                words = f"{subject.text} was born {what.text}"
                spans = subject.spans + what.spans
                pieces.append(cl.Piece(View(view.source, spans), words, "born"))
        rest = View(view.source, subject.spans + view.absolute(match.end(), len(text)))
        return rest, pieces
    return view, []


def _verb_at(view: View, position: int, tokens: Tokens) -> bool:
    spans = view.absolute(position, position + 1)
    token = tokens.at(spans[0][0]) if spans else None
    return token is not None and (is_finite(token) or token.pos_ in ("AUX", "VERB"))


def _named(view: View, tokens: Tokens) -> bool:
    """The subject is a name (its last word a proper noun): what a bracket after it
    gives is mostly the name in other words, or the dates of a life."""
    words = [t for t in tokens.within(view) if t.pos_ != "PUNCT"]
    return bool(words) and words[-1].pos_ == "PROPN"


def _noun_phrase(view: View, tokens: Tokens) -> bool:
    found = tokens.within(view)
    if not found or not any(t.pos_ in ("PROPN", "NOUN") for t in found):
        return False
    verbs = [t for t in found if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound")]
    return not verbs and not any(t.pos_ in ("SCONJ", "PRON") for t in found)
