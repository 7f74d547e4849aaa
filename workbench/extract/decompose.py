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
from workbench.extract import lexicon as lx
from workbench.extract.grammar import clause_like
from workbench.extract.mentions import ORG_WORDS
from workbench.extract.view import View, clause_end, depth_at

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "expl", "csubj"})
_REPORTED_AND = re.compile(r",?\s+and\s+that\s+")
# a clause whose subject points back ("that was a record", "two were released",
# "12 of them remain") means nothing on its own: it stays with the clause before it
_DEMONSTRATIVE = re.compile(
    r"^(?:that|this|these|those|which|some|many|most|others|all|both|none"
    r"|(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+(?:of\s+(?:them|those|these)|were|was|are|is|had|have|has|remain|remained|died)\b)",
    re.I,
)
_CLAUSE_AND = re.compile(r",\s+(?:and|but|while|whereas|yet)\s+")
_MODIFIERS = frozenset({"amod", "compound", "nmod", "obl"})
_SEMICOLON = re.compile(r";\s+")
_ADVERBIAL = re.compile(
    r",\s+(?:even\s+as|even\s+though|although|though|because|whereas)\s+"
    r"|\s+because\s+(?!of\b)"
)


class Tokens:
    """The tokens of one parsed sentence, found by absolute article offset."""

    def __init__(self, doc: Doc, offset: int):
        self.doc = doc
        self.offset = offset
        # spaCy builds a new Token object on every `doc[i]`: build each one once
        self.all = list(doc)
        self._starts = [offset + t.idx for t in self.all]

    def at(self, position: int) -> Token | None:
        index = bisect.bisect_right(self._starts, position) - 1
        if index < 0:
            return None
        token = self.all[index]
        if position < self.offset + token.idx + len(token.text):
            return token
        return None

    def within(self, view: View) -> list[Token]:
        found: list[Token] = []
        for a, b in view.spans:
            lo = bisect.bisect_left(self._starts, a)
            hi = bisect.bisect_left(self._starts, b)
            found.extend(self.all[lo:hi])
        return found


def is_finite(token: Token) -> bool:
    """A finite verb; the tag counts too, as the morphologizer misses some past tenses."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    return token.tag_ in ("VBD", "VBZ", "VBP", "MD") or "Fin" in token.morph.get("VerbForm", [])


def has_clause(view: View, tokens: Tokens) -> bool:
    """A finite verb with its own subject inside the view (by the parse)."""
    inside = {t.i for t in tokens.within(view)}
    return any(_predicates(tokens.doc[i], inside) for i in inside)


def _predicates(token: Token, inside: set[int]) -> bool:
    """`token` heads a clause with a subject and a finite verb. The tagger often reads a
    simple past as a participle ("the quake struck" as VBN): a verb with a subject of
    its own and no auxiliary or "to" is finite whatever its tag."""
    if not any(c.dep_ in _SUBJECTS and c.i in inside for c in token.children):
        return False
    helpers = [c for c in token.children if c.dep_ in ("aux", "aux:pass", "cop", "mark")]
    if any(is_finite(h) for h in helpers if h.i in inside) or is_finite(token):
        return True
    bare = not any(h.dep_ in ("aux", "aux:pass", "cop") or h.lower_ == "to" for h in helpers)
    return bare and token.pos_ == "VERB" and token.tag_ in ("VBN", "VB")


def opens_clause(view: View, end: int, tokens: Tokens) -> bool:
    """Does the subordinator that ends at character `end` of the view's text ("since",
    "after", "because") open a clause of its own? Not when the parse reads it as an
    adverb, or as the marker of a verb whose subject comes before it ("the city had
    since overhauled its rules"), nor when a verb follows it at once: the clause it
    opens would have no subject of its own."""
    last = len(view.text[:end].rstrip()) - 1
    spans = view.absolute(last, last + 1) if last >= 0 else []
    word = tokens.at(spans[0][0]) if spans else None
    if word is None or word.tag_ == "RB":  # "when" is an adverb too, but a WRB
        return False
    following = next(
        (t for t in tokens.all[word.i + 1 :] if t.pos_ not in ("ADV", "PART", "PUNCT")), None
    )
    if following is None or following.pos_ in ("VERB", "AUX"):
        return False
    head = word.head
    if word.dep_ == "mark" and any(c.dep_ in _SUBJECTS and c.i < word.i for c in head.children):
        return False
    # "told to exclude pupils for 21 days after a case was confirmed": a clause under an
    # infinitive is part of what is asked or planned, not an event of its own
    governor = head.head if head.dep_ == "advcl" else None
    return not (
        governor is not None
        and governor.tag_ == "VB"
        and any(c.lower_ == "to" and c.dep_ == "mark" for c in governor.children)
    )


def split_clauses(view: View, tokens: Tokens) -> list[View]:
    """Reported clauses joined by "and that", clauses joined by semicolons, then the
    coordinated clauses the rules find; a part is cut off only when it is a clause."""
    text = view.text
    for pattern in (_SEMICOLON, _REPORTED_AND, _CLAUSE_AND):
        for match in pattern.finditer(text):
            if depth_at(text, match.start()):
                continue
            left, right = view.sub(0, match.start()), view.sub(match.end(), len(text))
            if pattern is _REPORTED_AND and re.search(r"\bthat\b", text[: match.start()]):
                # "The report found that A and that B": the frame is part of both claims
                framed = _framed(view, match.start(), right, tokens)
                if framed is not None:
                    return [*split_clauses(left, tokens), framed]
                continue
            if pattern is not _REPORTED_AND and not _subject_first(right, tokens):
                continue  # ", and said that ...": a verb phrase, not a clause
            # "that all contracts are reviewed": "all" is a determiner of its own noun
            first = tokens.within(right)[:1]
            own = first and first[0].dep_ == "det" and first[0].head.pos_ in ("NOUN", "PROPN")
            if _DEMONSTRATIVE.match(right.text) and not own:
                continue  # "; that was a record": the second part means nothing alone
            # the left part stays a claim whatever its parse; the right must be a clause
            # the right must be a clause: by the parse, or (after "; " or "and that", which
            # only join clauses) by the word lists when the tagger misreads a noun as a verb
            clause = has_clause(right, tokens) or (
                pattern is not _CLAUSE_AND and clause_like(right)
            )
            if pattern is _CLAUSE_AND and _list_item(right, tokens):
                continue
            if left and right and _has_verb(left, tokens) and clause:
                return [*split_clauses(left, tokens), *split_clauses(right, tokens)]
    parts = cl.split_coordinated(view)
    if any(_list_item(part, tokens) for part in parts[1:]):
        return [view]  # "…, and an unhealthy obsession with a figure named X": a list item
    return parts


def _list_item(view: View, tokens: Tokens) -> bool:
    """After ", and": the parse reads the words as one more item of a list, not as a
    clause ("…, and availability, to maintain market share", "…, and an unhealthy
    obsession with a figure named X"): a phrase coordinated with a noun or an adjective,
    or an infinitive."""
    inside = tokens.within(view)
    words = [t for t in inside if t.pos_ not in ("ADV", "PUNCT", "CCONJ")]
    if not words or words[0].lower_ == "to":
        return True
    ids = {t.i for t in inside}
    roots = [t for t in inside if t.head.i not in ids or t.head.i == t.i]
    if any(_predicates(t, ids) for t in roots):
        return False  # a clause of its own, whatever the parse hangs it on
    return any(t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN", "NUM", "ADJ") for t in roots)


def _framed(view: View, end: int, right: View, tokens: Tokens) -> View | None:
    """ "The report found that A and that B" -> the view of "The report found that B":
    the frame is everything up to the first "that" after a verb, when both parts are
    clauses and the frame itself is one verb's (no other "that" in A to confuse)."""
    text = view.text
    thats = [m for m in re.finditer(r"\bthat\s+", text[:end]) if not depth_at(text, m.start())]
    if len(thats) != 1:
        return None
    frame = view.sub(0, thats[0].end())
    before = [t for t in tokens.within(frame) if t.pos_ != "PUNCT"][-2:-1]
    complement = view.sub(thats[0].end(), end)
    if not before or before[0].pos_ != "VERB" or not has_clause(complement, tokens):
        return None
    if not has_clause(right, tokens) or _elliptic_subject(right, tokens):
        return None
    return View(view.source, frame.spans + right.spans)


def _elliptic_subject(view: View, tokens: Tokens) -> bool:
    """ "that 12% had no electricity", "that most were closed": 12% of what? The part
    leans on the first one, so the two stay one claim."""
    inside = tokens.within(view)
    subjects = [t for t in inside if t.dep_ in ("nsubj", "nsubj:pass")][:1]
    if not subjects:
        return True
    head = subjects[0]
    return head.pos_ in ("NUM", "SYM", "DET", "PRON") or head.text in ("%", "percent")


def _subject_first(view: View, tokens: Tokens) -> bool:
    words = [t for t in tokens.within(view) if t.pos_ not in ("ADV", "PUNCT")]
    return bool(words) and words[0].pos_ not in ("VERB", "AUX", "SCONJ", "ADP")


def split_adverbial(view: View, tokens: Tokens) -> tuple[View, list[cl.Piece]]:
    """ "Prices rose, even as demand fell" -> "Prices rose." and "Demand fell."."""
    text = view.text
    for match in _ADVERBIAL.finditer(text):
        if depth_at(text, match.start()):
            continue
        end = clause_end(text, match.end())
        left, right = view.sub(0, match.start()), view.sub(match.end(), end)
        # the main clause stays a claim whatever its parse; the cut-off one must be a clause
        if not opens_clause(view, match.end(), tokens):
            continue
        if left and right and _has_verb(left, tokens) and has_clause(right, tokens):
            rest = view.cut(match.start(), end)
            return rest, [cl.Piece(right, role="adverbial")]
    return _split_opening(view, tokens)


_OPENING = re.compile(
    r"^(?:(?P<cause>Because|Although|Though|Even though|Whereas|While)"
    r"|(?P<time>Since|After|Before|When|Once))\s+(?=\S)"
)


def _split_opening(view: View, tokens: Tokens) -> tuple[View, list[cl.Piece]]:
    """ "Because black holes are more massive, their pull is stronger" -> both clauses;
    a time clause only when it says what happened ("When prices fall, ..." is a
    condition)."""
    text = view.text
    match = _OPENING.match(text)
    if match is None:
        return view, []
    end = clause_end(text, match.end())
    clause, main = view.sub(match.end(), end), view.sub(end + 1, len(text))
    if end >= len(text) or not clause or not main or not opens_clause(view, match.end(), tokens):
        return view, []
    if not has_clause(clause, tokens) or not has_clause(main, tokens):
        return view, []
    if match.group("time") and generic(clause, tokens):
        return view, []
    return main, [cl.Piece(clause, role="adverbial")]


def generic(view: View, tokens: Tokens) -> bool:
    """A clause in the present, not the perfect ("when prices fall", "when a substance
    is mixed with water", "before the law takes effect"), says what happens if, not what
    happened: it is no fact of its own."""
    verbs = [t for t in tokens.within(view) if t.pos_ in ("VERB", "AUX")]
    finite = [t.tag_ for t in verbs if t.tag_ in ("VBD", "VBZ", "VBP", "MD")]
    perfect = any(t.lower_ in ("has", "have") and t.dep_ == "aux" for t in verbs)
    return bool(finite) and all(tag in ("VBZ", "VBP") for tag in finite) and not perfect


def _has_verb(view: View, tokens: Tokens) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in tokens.within(view))


def _finite_inside(view: View, tokens: Tokens) -> bool:
    inside = tokens.within(view)
    ids = {t.i for t in inside}
    return any(is_finite(t) or _predicates(t, ids) for t in inside)


def real_title(piece: cl.Piece, tokens: Tokens) -> bool:
    """A title claim ("Vikram Misri is foreign secretary") only for a person's name:
    never from a company or a body ("General Electric", "Major League club",
    "General Directorate of Statistics"), never from a one-word name after a
    capitalised role, which is how company names look."""
    if piece.text is None or " is " not in piece.text:
        return False
    name, _, role = piece.text.partition(" is ")
    start = piece.view.spans[0][0]
    if piece.view.source[max(0, start - 1) : start] in ("-", "‑"):
        return False  # "co-founder Suzuki" is not "Suzuki is founder"
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


_BARE_APPOSITIVE = re.compile(
    r"^(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}),\s+"
    r"(?P<app>[a-z][^,;“”\"]{2,100}?),\s+(?P<rest>\S.*)$"
)


def split_appositive(
    view: View, tokens: Tokens, roles: frozenset[str]
) -> tuple[View, list[cl.Piece]]:
    """The rules' appositive ("Ma, the executive vice foreign minister, was ..."), and
    one without an article when a role heads it ("Anil Rao, chairman of the council,
    resigned"): who the person is, and what the sentence says of them."""
    view, pieces = cl.split_appositive(view)
    if pieces:
        return view, pieces
    match = _BARE_APPOSITIVE.match(view.text)
    if match is None:
        return view, []
    head = match.group("app").split()[0].lower()
    rest = view.sub(match.start("rest"), len(view.text))
    name = view.sub(match.start("name"), match.end("name"))
    first = tokens.within(rest)[:2]
    names = tokens.within(name)
    verb = any(is_finite(t) or (t.is_lower and lx.is_finite_verb(t.lower_)) for t in first)
    if head not in roles or not names or not verb:
        return view, []
    appositive = view.sub(match.start("app"), match.end("app"))
    piece = cl.Piece(
        View(view.source, name.spans + appositive.spans),
        text=f"{name.text} is {appositive.text}",
        role="appositive",
    )
    return View(view.source, name.spans + rest.spans), [piece]
