"""Phrases the parse lets us state on their own: an appositive anywhere in the sentence
("The general chair of COLING 2020, the 28th International Conference on Computational
Linguistics, was ..."), a participle after a copular predicate ("BPE is a technique
commonly used in NLP"), and temporal clauses with their modifier ("even after ...").
"""

from __future__ import annotations

import re

from workbench.extract import clauses as cl
from workbench.extract.decompose import Tokens, generic, has_clause, opens_clause
from workbench.extract.view import View, clause_end, depth_at

_TEMPORAL = re.compile(
    r"(?:,\s+|\s+)(?:(?:even|only|just|shortly|soon|long|right|well)\s+)?"
    r"(?:since|after|before|when|once)\s+(?=\S)"
)
_COPULA = frozenset({"is", "was", "are", "were"})
_JUNK = re.compile(r"^\W*(?:\d{1,3}|[a-z])?\W*$|^[^:]{0,30}:\s*\d{1,3}\.?$", re.I)


def junk(text: str) -> bool:
    """A list number or a lead-in ("They are: 1."), or brackets alone ("(1996).") is
    not a claim."""
    bare = re.sub(r"\([^()]*\)", "", text)
    return bool(_JUNK.match(text.strip())) or not re.search(r"[^\W\d_]", bare)


def torn(piece: cl.Piece) -> bool:
    """A claim built from part of a sentence that opens or closes a bracket it does not
    hold ("Sutajio Jiburi) is headquartered in Tokyo"): cut inside a parenthesis."""
    if piece.role == "main" and piece.text is None:
        return False
    words = piece.words()
    return words.count("(") != words.count(")")


def split_temporal(view: View, tokens: Tokens) -> tuple[View, list[cl.Piece]]:
    """ "The river burst its banks after it rained": the time clause is its own claim,
    cut with the word that modifies it ("even after", "shortly after")."""
    text = view.text
    for match in _TEMPORAL.finditer(text):
        if depth_at(text, match.start()) or match.start() == 0:
            continue
        end = clause_end(text, match.end())
        sub = view.sub(match.end(), end)
        left = view.sub(0, match.start())
        if generic(sub, tokens) or not opens_clause(view, match.end(), tokens):
            continue  # "even when prices fall": a condition; "had since overhauled": an adverb
        if re.match(r"(?:that|this|which|then|these|those)\b", sub.text, re.I):
            continue  # "before that they were called X", "after which he appeared in Y"
        if sub and left and has_clause(sub, tokens) and _verb_in(left, tokens):
            return view.cut(match.start(), end), [cl.Piece(sub, role="temporal")]
    return view, []


def split_appositions(view: View, tokens: Tokens) -> tuple[View, list[cl.Piece]]:
    """ "X, the 28th conference on Y, was ..." -> "X is the 28th conference on Y", and
    the sentence without the appositive. Only for a comma-enclosed appositive that
    starts with a determiner or an ordinal, after a noun phrase with a name or a
    determiner."""
    inside = tokens.within(view)
    ids = {t.i for t in inside}
    doc, offset = tokens.doc, tokens.offset
    for token in inside:
        if token.dep_ != "appos" or token.head.i not in ids or token.head.i > token.i:
            continue
        lo, hi = token.left_edge.i, token.right_edge.i
        if lo == 0 or doc[lo - 1].text != "," or lo <= token.head.i:
            continue
        if not (hi + 1 < len(doc) and doc[hi + 1].text == ","):
            continue
        if doc[lo].lower_ not in ("the", "a", "an") and doc[lo].tag_ != "JJ":
            continue
        head = token.head
        h_lo = min(
            [head.i]
            + [
                c.left_edge.i
                for c in head.lefts
                if c.dep_ in ("det", "compound", "amod", "flat", "nummod", "nmod:poss")
            ]
        )
        h_hi = head.i
        while (
            h_hi + 1 < lo - 1
            and doc[h_hi + 1].dep_ in ("flat", "compound", "nummod")
            and doc[h_hi + 1].head.i in (head.i, h_hi)
        ):
            h_hi += 1
        if any(t.pos_ in ("VERB", "AUX") for t in doc[h_lo : h_hi + 1]):
            continue
        name = View(
            view.source, [(offset + doc[h_lo].idx, offset + doc[h_hi].idx + len(doc[h_hi]))]
        )
        appositive = View(
            view.source, [(offset + doc[lo].idx, offset + doc[hi].idx + len(doc[hi]))]
        )
        if not name or not appositive or depth_at(view.source, appositive.spans[0][0]):
            continue
        a, b = appositive.spans[0]
        rel_lo = _relative(view, a)
        rel_hi = _relative(view, b)
        if rel_lo is None or rel_hi is None:
            continue
        rest = view.cut(rel_lo - 2 if view.text[rel_lo - 2 : rel_lo] == ", " else rel_lo, rel_hi)
        copula = "was" if any(t.tag_ == "VBD" for t in inside) else "is"
        words = f"{_capital(name.text)} {copula} {appositive.text}"
        return rest, [
            cl.Piece(View(view.source, name.spans + appositive.spans), words, role="appositive")
        ]
    return view, []


def split_participle(view: View, tokens: Tokens) -> tuple[View, list[cl.Piece]]:
    """ "BPE is a technique commonly used in NLP" -> "BPE is a technique." and "BPE is
    commonly used in NLP." (the copula repeated, the subject repeated)."""
    inside = tokens.within(view)
    ids = {t.i for t in inside}
    doc, offset = tokens.doc, tokens.offset
    for token in inside:
        if token.dep_ != "acl" or token.tag_ != "VBN" or token.head.i not in ids:
            continue
        predicate = token.head
        copula = [c for c in predicate.children if c.dep_ == "cop" and c.lower_ in _COPULA]
        subject = [c for c in predicate.children if c.dep_ == "nsubj" and c.i in ids]
        if not copula or not subject or predicate.pos_ != "NOUN":
            continue
        lo = min([token.i] + [c.left_edge.i for c in token.lefts])
        after = token.right_edge.i + 1
        if lo <= predicate.i or (after < len(doc) and doc[after].pos_ != "PUNCT"):
            continue  # the participle phrase must end the clause
        s_lo, s_hi = subject[0].left_edge.i, subject[0].right_edge.i
        if s_hi >= copula[0].i or any(t.pos_ in ("VERB", "AUX") for t in doc[s_lo : s_hi + 1]):
            continue
        opening = [t for t in inside if t.pos_ != "PUNCT"][:1]
        if not opening or opening[0].i != s_lo or doc[s_hi + 1 : copula[0].i].text.strip():
            continue  # the subject is all that comes before the copula ("X, Inc. v. Bruen")
        start = offset + doc[lo].idx
        end = offset + doc[token.right_edge.i].idx + len(doc[token.right_edge.i])
        subject_view = View(
            view.source, [(offset + doc[s_lo].idx, offset + doc[s_hi].idx + len(doc[s_hi]))]
        )
        phrase = View(view.source, [(start, end)])
        rel_lo = _relative(view, start)
        rel_hi = _relative(view, end)
        if rel_lo is None or rel_hi is None or not phrase or not subject_view:
            continue
        if not view.text[rel_hi:].strip(" .!?"):
            rel_hi = len(view.text)  # the full stop goes too: finishing puts one back
        rest = view.cut(rel_lo, rel_hi)
        words = f"{_capital(subject_view.text)} {copula[0].lower_} {phrase.text}"
        return rest, [
            cl.Piece(View(view.source, subject_view.spans + phrase.spans), words, role="participle")
        ]
    return view, []


_RANKING = frozenset(
    "only first last sole main leading largest biggest best worst second third next".split()
)


def split_predicate_relative(view: View, tokens: Tokens) -> tuple[View, list[cl.Piece]]:
    """ "Mondeca is a software company that specializes in X" -> "Mondeca is a software
    company." and "Mondeca specializes in X.": what holds of "a company that ..." holds
    of the subject. Only a subject relative ("that", "who", "which") on an indefinite
    predicate noun ("a", "an": "the company that", "the first company that" would
    leave a claim that says nothing or something false), not negated, ending the
    clause."""
    inside = tokens.within(view)
    ids = {t.i for t in inside}
    doc, offset = tokens.doc, tokens.offset
    for clause in inside:
        noun = clause.head
        if clause.dep_ != "acl:relcl" or noun.i not in ids or noun.pos_ != "NOUN":
            continue
        copula = [c for c in noun.children if c.dep_ == "cop" and c.lower_ in _COPULA]
        subject = [c for c in noun.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i in ids]
        if not copula or not subject:
            continue
        lefts = [c for c in noun.lefts if c.i > copula[0].i]
        if not lefts or lefts[0].lower_ not in ("a", "an"):
            continue
        if any(t.lower_ in _RANKING or t.tag_ in ("JJS", "RBS") for t in lefts):
            continue  # "is a leading company that": not every claim of it is its own
        if any(c.dep_ == "advmod" and c.lower_ in ("not", "never", "n't") for c in noun.children):
            continue
        pronoun = [c for c in clause.lefts if c.dep_ in ("nsubj", "nsubj:pass")]
        if not pronoun or pronoun[0].lower_ not in ("that", "who", "which"):
            continue  # "a book (that) he wrote": an object relative reads differently
        first, last = pronoun[0], doc[clause.right_edge.i]
        if any(t.i > last.i and t.pos_ != "PUNCT" for t in inside):
            continue  # the relative must end the clause: its end is where the parse says
        if first.i == 0 or doc[first.i - 1].pos_ == "PUNCT" or first.i - 1 not in ids:
            continue  # ", which": the non-restrictive rules' business
        s_lo, s_hi = subject[0].left_edge.i, subject[0].right_edge.i
        if s_hi >= copula[0].i or any(t.pos_ in ("VERB", "AUX") for t in doc[s_lo : s_hi + 1]):
            continue
        opening = [t for t in inside if t.pos_ != "PUNCT"][:1]
        words_of_subject = doc[s_lo : s_hi + 1]
        if opening[0].i != s_lo or any(
            t.tag_ in ("-LRB-", "-RRB-", ":", ",") for t in words_of_subject
        ):
            continue  # the clause opens with a plain subject: "Mondeca is a ..."
        start = offset + doc[first.i + 1].idx
        end = offset + last.idx + len(last)
        cut_lo = _relative(view, offset + first.idx)
        cut_hi = _relative(view, end)
        subject_view = View(
            view.source, [(offset + doc[s_lo].idx, offset + doc[s_hi].idx + len(doc[s_hi]))]
        )
        phrase = View(view.source, [(start, end)])
        if cut_lo is None or cut_hi is None or not phrase or not subject_view:
            continue
        if not view.text[cut_hi:].strip(" .!?"):
            cut_hi = len(view.text)  # the full stop goes too: finishing puts one back
        rest = view.cut(cut_lo, cut_hi)
        words = f"{_capital(subject_view.text)} {phrase.text}"
        return rest, [
            cl.Piece(View(view.source, subject_view.spans + phrase.spans), words, role="relative")
        ]
    return view, []


def _relative(view: View, position: int) -> int | None:
    """The offset in the view's text of article offset `position`."""
    at = 0
    for a, b in view.spans:
        if a <= position <= b:
            return at + position - a
        at += b - a + 1
    return None


def _verb_in(view: View, tokens: Tokens) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in tokens.within(view))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
