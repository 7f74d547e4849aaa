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
from workbench.extract.view import View, clause_end

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


# participles that say what happened to the subject, or where it is; not "Compared
# with 2023", "Adjusted for inflation", "Seen from space", "Based on the survey"
_EVENTS = frozenset(
    """founded established launched introduced elected re-elected appointed born raised
    educated trained built opened created formed released published named renamed
    nicknamed located headquartered situated designed developed written directed produced
    arrested charged convicted sentenced hired acquired bought listed known discovered
    invented completed inaugurated commissioned envisioned abandoned""".split()
)
# participles of a lasting state: "Located in Paris, the museum is ..." gives "is located"
_STATES = frozenset("""located based situated headquartered known named listed""".split())


def split_opening_participle(view: View, tokens: Tokens) -> tuple[View, list[cl.Piece]]:
    """ "Founded in 1985 by two directors, the studio has made 20 films" gives "The studio
    was founded in 1985 by two directors." and "The studio has made 20 films.": a past
    participle that opens the sentence is said of the main clause's subject, with "was"
    or "were" inserted ("is"/"are" for a state, "Located in Paris", in a clause in the
    present). Only when the participle phrase is no clause, the rest opens with its
    subject and that subject is a plain noun phrase or a personal pronoun."""
    text = view.text
    found = tokens.within(view)
    if not found or found[0].pos_ != "VERB" or not text[:1].isupper():
        return view, []
    word = found[0].lower_
    after = tokens.all[found[0].i + 1].lower_ if found[0].i + 1 < len(tokens.all) else ""
    if word not in _EVENTS and not (word == "based" and after in ("in", "at", "near")):
        return view, []  # "Compared with 2023, exports rose": no event of the subject's
    end = clause_end(text, 0)
    if end >= len(text) or not text[end:].strip(" ,"):
        return view, []
    phrase = view.sub(0, end)
    rest = view.sub(end + 1, len(text))
    inside = tokens.within(rest)
    ids = {t.i for t in inside}
    words = [t for t in inside if t.pos_ != "PUNCT"]
    roots = [t for t in inside if (t.head.i not in ids or t.head.i == t.i) and t.pos_ != "PUNCT"]
    if (
        not words
        or len(roots) != 1
        or any(t.pos_ == "AUX" or is_finite(t) for t in tokens.within(phrase))
    ):
        return view, []
    subjects = [c for c in roots[0].children if c.dep_ in ("nsubj", "nsubj:pass") and c.i in ids]
    if len(subjects) != 1 or subjects[0].left_edge.i != words[0].i:
        return view, []
    subject = subjects[0]
    span = tokens.all[subject.left_edge.i : subject.right_edge.i + 1]
    if any(t.pos_ in ("VERB", "AUX", "SCONJ") and t.dep_ != "amod" for t in span):
        return view, []
    if subject.pos_ == "PRON":
        return view, []  # "Born in Lagos, she moved ...": a pronoun would take "Lagos"
    plural = subject.tag_ in ("NNS", "NNPS") or subject.lower_ in ("they", "we")
    present = roots[0].tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "cop") and c.tag_ in ("VBZ", "VBP") for c in roots[0].children
    )
    stative = found[0].lower_ in _STATES and present
    be = ("are" if plural else "is") if stative else ("were" if plural else "was")
    first, last = span[0], span[-1]
    offset = tokens.offset
    subject_view = View(view.source, [(offset + first.idx, offset + last.idx + len(last))])
    named = subject_view.text
    named = (
        named if subject.pos_ == "PROPN" or named[:1].isupper() else named[:1].upper() + named[1:]
    )
    if subject.pos_ == "PRON":
        named = named[:1].upper() + named[1:]
    lowered = phrase.text[:1].lower() + phrase.text[1:]
    piece = cl.Piece(
        View(view.source, subject_view.spans + phrase.spans),
        f"{named} {be} {lowered}",
        "participle",
    )
    return rest, [piece]
