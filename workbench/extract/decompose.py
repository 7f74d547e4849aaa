"""Splits of a sentence that the parse decides or confirms: reported clauses ("said that
A and that B"), semicolons, adverbial clauses ("even as", "because", "although"),
relative clauses ("which", "in which", "whose"), distributive subjects and properties,
and titles that are not parts of a name ("General Electric").

Each split works on Views (so every piece keeps its exact article spans) and asks the
parse only local questions it answers well: is this word a finite verb, does this span
have a subject, is this word a proper noun, a conjunct, an adjective.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from workbench.extract import clauses as cl
from workbench.extract.mentions import ORG_WORDS
from workbench.extract.view import View, depth_at

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "expl", "csubj"})
_REPORTED_AND = re.compile(r",?\s+and\s+that\s+")
_SEMICOLON = re.compile(r";\s+")
_ADVERBIAL = re.compile(
    r",\s+(?:even\s+as|even\s+though|although|though|because|whereas)\s+"
    r"|\s+because\s+(?!of\b)"
)
_IN_WHICH = re.compile(r",\s+(?P<prep>in|during|under|at|on|from|by)\s+which\s+")
_WHOSE = re.compile(r",\s+whose\s+")
# Predicates that do not distribute over a coordinated subject: "A and B met" is one fact.
_COLLECTIVE = frozenset(
    "meet met meeting discuss discussed agree agreed sign signed talk talked negotiate"
    " negotiated share shared merge merged join joined collaborate collaborated clash"
    " clashed fight fought differ differed compete competed marry married hold held"
    " exchange exchanged trade traded reach reached form formed co-founded founded"
    " debate debated split divide divided total totalled totaled combine combined"
    " account accounted make made take taken had have".split()
)
_TOGETHER = re.compile(
    r"\b(?:together|jointly|each other|one another|between|both|combined|their|in total)\b",
    re.I,
)


class Tokens:
    """The tokens of one parsed sentence, found by absolute article offset."""

    def __init__(self, doc: Doc, offset: int):
        self.doc = doc
        self.offset = offset
        self._starts = [offset + t.idx for t in doc]

    def at(self, position: int) -> Token | None:
        index = bisect.bisect_right(self._starts, position) - 1
        if index < 0:
            return None
        token = self.doc[index]
        if position < self.offset + token.idx + len(token.text):
            return token
        return None

    def within(self, view: View) -> list[Token]:
        found: list[Token] = []
        for a, b in view.spans:
            lo = bisect.bisect_left(self._starts, a)
            hi = bisect.bisect_left(self._starts, b)
            found.extend(self.doc[i] for i in range(lo, hi))
        return found


def is_finite(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm", [])


def has_clause(view: View, tokens: Tokens) -> bool:
    """A finite verb with its own subject inside the view (by the parse)."""
    inside = {t.i for t in tokens.within(view)}
    for i in inside:
        token = tokens.doc[i]
        if token.pos_ in ("VERB", "AUX", "ADJ", "NOUN") and any(
            c.dep_ in _SUBJECTS and c.i in inside for c in token.children
        ):
            verbs = [token, *(c for c in token.children if c.dep_ in ("aux", "aux:pass", "cop"))]
            if any(is_finite(v) for v in verbs if v.i in inside):
                return True
    return False


def split_clauses(view: View, tokens: Tokens) -> list[View]:
    """Reported clauses joined by "and that", clauses joined by semicolons, then the
    coordinated clauses the rules find; a part is cut off only when it is a clause."""
    text = view.text
    for pattern in (_SEMICOLON, _REPORTED_AND):
        for match in pattern.finditer(text):
            if depth_at(text, match.start()):
                continue
            left, right = view.sub(0, match.start()), view.sub(match.end(), len(text))
            if left and right and has_clause(left, tokens) and has_clause(right, tokens):
                return [*split_clauses(left, tokens), *split_clauses(right, tokens)]
    return cl.split_coordinated(view)


def split_with(view: View, tokens: Tokens) -> tuple[View, list[cl.Piece]]:
    """The rules' "with X rising" split, only when the parse reads the -ing word as a
    verb ("with the club during a seven-year stint" has a preposition, not a gerund)."""
    for match in re.finditer(r"\bwith\s+[^,;]{2,80}?\s+([a-z]+ing)\b", view.text):
        spans = view.absolute(match.start(1), match.end(1))
        token = tokens.at(spans[0][0]) if spans else None
        if token is None or token.pos_ != "VERB":
            return view, []
    return cl.split_with(view)


def split_adverbial(view: View, tokens: Tokens) -> tuple[View, list[cl.Piece]]:
    """ "Prices rose, even as demand fell" -> "Prices rose." and "Demand fell."."""
    text = view.text
    for match in _ADVERBIAL.finditer(text):
        if depth_at(text, match.start()):
            continue
        end = _clause_end(text, match.end())
        left, right = view.sub(0, match.start()), view.sub(match.end(), end)
        # the main clause stays a claim whatever its parse; the cut-off one must be a clause
        if left and right and _has_verb(left, tokens) and has_clause(right, tokens):
            rest = view.cut(match.start(), end)
            return rest, [cl.Piece(right, role="adverbial")]
    return view, []


def split_relatives(view: View, tokens: Tokens) -> tuple[View, list[cl.Piece]]:
    """The rules' "which"/"who" clauses, then "in which" and "whose" clauses; each only
    when its clause has a finite verb of its own."""
    view, pieces = cl.split_relatives(view)
    for pattern in (_IN_WHICH, _WHOSE):
        while True:
            text = view.text
            match = next((m for m in pattern.finditer(text) if not depth_at(text, m.start())), None)
            if match is None:
                break
            antecedent = cl._antecedent(view, match.start())
            end = _clause_end(text, match.end())
            clause = view.sub(match.end(), end)
            if antecedent is None or not clause or not _finite_inside(clause, tokens):
                break
            name = antecedent.text
            lowered = name[:1].lower() + name[1:] if name.split()[0] in ("The", "A", "An") else name
            if pattern is _IN_WHICH:
                words = f"{clause.text} {match.group('prep')} {lowered}"
            else:
                possessive = "’" if "’" in view.source else "'"
                words = f"{name}{possessive}s {clause.text}"
            pieces.append(
                cl.Piece(View(view.source, antecedent.spans + clause.spans), words, role="relative")
            )
            view = view.cut(match.start(), end)
    return view, pieces


def _has_verb(view: View, tokens: Tokens) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in tokens.within(view))


def _finite_inside(view: View, tokens: Tokens) -> bool:
    return any(is_finite(t) for t in tokens.within(view))


def _clause_end(text: str, start: int) -> int:
    position = start
    while True:
        position = text.find(",", position)
        if position == -1:
            return len(text)
        if depth_at(text, position) == 0:
            return position
        position += 1


def distribute(pieces: list[cl.Piece], tokens: Tokens) -> list[cl.Piece]:
    """ "The founder and 40 volunteers slept outdoors" -> one claim for each subject,
    when the predicate holds of each alone (not "met", "agreed", "together", "their")."""
    result = []
    for piece in pieces:
        result.extend(_distribute_subject(piece, tokens) or [piece])
    return result


def _distribute_subject(piece: cl.Piece, tokens: Tokens) -> list[cl.Piece] | None:
    if piece.text is not None or len(piece.view.spans) != 1:
        return None  # already rewritten: leave it
    inside = tokens.within(piece.view)
    ids = {t.i for t in inside}
    for token in inside:
        if token.dep_ != "nsubj" or token.head.i not in ids or token.head.pos_ != "VERB":
            continue
        verb = token.head
        conjuncts = [c for c in token.children if c.dep_ == "conj" and c.i in ids]
        if len(conjuncts) != 1 or verb.lemma_.lower() in _COLLECTIVE:
            return None
        if verb.text.lower() in _COLLECTIVE or _TOGETHER.search(piece.view.text):
            return None
        other = conjuncts[0]
        joiner = [c for c in other.children if c.dep_ == "cc" and c.text.lower() == "and"]
        if not joiner or not (token.i < joiner[0].i < other.i < verb.i):
            return None
        if token.pos_ == "PROPN" and other.pos_ == "PROPN":
            return None  # "Misri and Ma discussed": names coordinated usually act together
        first_lo = token.left_edge.i
        predicate_lo = other.right_edge.i + 1
        start = tokens.offset
        doc = tokens.doc
        a = View(
            piece.view.source, [(start + doc[first_lo].idx, start + doc[token.i].idx + len(token))]
        )
        other_lo = min(
            [other.i] + [c.left_edge.i for c in other.children if c.i < other.i and c.dep_ != "cc"]
        )
        b = View(
            piece.view.source,
            [
                (
                    start + doc[other_lo].idx,
                    start + doc[other.right_edge.i].idx + len(other.right_edge),
                )
            ],
        )
        rest = View(piece.view.source, [(start + doc[predicate_lo].idx, piece.view.spans[0][1])])
        first_hi = max(
            [token.i]
            + [
                c.right_edge.i
                for c in token.children
                if c.i > token.i and c.dep_ not in ("conj", "cc")
            ]
        )
        if first_hi + 1 != joiner[0].i or not rest:
            return None  # the first subject has modifiers after it ("X of Y and Z"): unclear scope
        if not _reads_with_one_subject(verb):
            return None
        return [
            cl.Piece(View(piece.view.source, a.spans + rest.spans)),
            cl.Piece(View(piece.view.source, b.spans + rest.spans)),
        ]
    return None


def _reads_with_one_subject(verb: Token) -> bool:
    """The verb reads right with each subject alone: a simple past ("slept") or after a
    modal ("will open"), not "were" or "have" that agree with the plural."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "aux:pass")]
    if aux:
        return all(a.text.lower() in ("will", "would", "could", "can", "might", "may") for a in aux)
    return verb.tag_ == "VBD"


def real_title(piece: cl.Piece, tokens: Tokens) -> bool:
    """A title claim ("Vikram Misri is foreign secretary") only for a person's name:
    never from a company or a body ("General Electric", "Major League club",
    "General Directorate of Statistics"), never from a one-word name after a
    capitalised role, which is how company names look."""
    if piece.text is None or " is " not in piece.text:
        return False
    name, _, role = piece.text.partition(" is ")
    found = tokens.within(piece.view)
    words = [t for t in found if t.text in name.split()]
    if not words:
        return False
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text[1:2].islower() for t in words):
        return False
    if any(t.text.lower() in ORG_WORDS for t in words):
        return False
    last = words[-1]
    following = last.nbor() if last.i + 1 < len(last.doc) else None
    if following is not None and (
        following.text.lower() == "of" or following.pos_ in ("PROPN", "NOUN")
    ):
        return False  # the name goes on, or modifies a noun: "Major League club"
    return not (len(words) == 1 and role[:1].isupper())


def split_verb_phrases(view: View, tokens: Tokens) -> list[cl.Piece]:
    """The rules' verb-phrase split; where they find none, coordinated finite verbs in
    the parse ("opened last year and employs 1,200 people"), the subject repeated."""
    pieces = cl.split_verb_phrases(view)
    if len(pieces) > 1 or len(view.spans) != 1:
        return pieces
    inside = tokens.within(view)
    ids = {t.i for t in inside}
    doc, offset = tokens.doc, tokens.offset
    for verb in inside:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i in ids]
        if not subjects or not is_finite(verb) or subjects[0].i > verb.i:
            continue
        for other in verb.children:
            if other.dep_ != "conj" or other.i not in ids or not is_finite(other):
                continue
            if any(c.dep_ in _SUBJECTS for c in other.children):
                continue  # a clause of its own: the coordination rule's business
            cc = [c for c in other.children if c.dep_ == "cc" and c.lower_ == "and"]
            if not cc or depth_at(view.text, offset + doc[cc[0].i].idx - view.spans[0][0]):
                continue
            subject = subjects[0]
            lo = offset + doc[subject.left_edge.i].idx
            hi = offset + doc[subject.right_edge.i].idx + len(subject.right_edge)
            cut = offset + doc[cc[0].i].idx
            right_lo = offset + doc[cc[0].i + 1].idx
            left = View(view.source, [(view.spans[0][0], cut)]).tidy()
            right = View(view.source, [(right_lo, view.spans[0][1])]).tidy()
            subject_view = View(view.source, [(lo, hi)])
            if not left or not right or hi > offset + verb.idx:
                return pieces
            joined = View(view.source, subject_view.spans + right.spans)
            return [cl.Piece(left), cl.Piece(joined, text=f"{subject_view.text} {right.text}")]
    return pieces
