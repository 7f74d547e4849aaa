"""A participle phrase that ends a clause and says what its subject did next: "The storm
hit the coast on Sunday, killing 12 people" gives "The storm hit the coast on Sunday."
and "The storm killed 12 people."; "Georgia produces 130 million pounds of peaches a
year, accounting for a third of the crop" gives "Georgia accounts for ...".

The gerund becomes the finite verb its subject needs, in the main clause's tense: the
past by the regular rules and the irregular table of workbench.extract.lexicon, the
present only for a gerund whose lemma UD English-EWT attests (workbench.extract.inflect).
Left whole, because the phrase is not something the subject does: a passive main clause
("He was arrested, sparking protests": the arrest did), a subject that is an event or a
placeholder ("it", "this", "there"), a modal or future main clause, and gerunds that
interpret, attribute or bound ("meaning", "suggesting", "saying", "including",
"depending", "according", "following", "ranging").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workbench.extract import clauses as cl
from workbench.extract import inflect
from workbench.extract.absolutes import tense_of
from workbench.extract.decompose import Tokens
from workbench.extract.view import View, clause_end, depth_at

if TYPE_CHECKING:
    from spacy.tokens import Token

_GERUND = re.compile(r",\s+([a-z]+ing)\s+(?=\S)")
_EXCLUDED = frozenset(
    """including according depending meaning suggesting indicating implying signalling
    signaling saying adding noting arguing claiming citing telling asking following
    regarding concerning considering assuming excluding ranging starting beginning being
    having compared given notwithstanding pending barring involving hoping seeking
    trying wanting""".split()
)
_PLACEHOLDERS = frozenset("it this that these those there which what who".split())
_PLURAL_PRONOUNS = frozenset("they we you".split())


def split_gerund(view: View, tokens: Tokens) -> tuple[View, list[cl.Piece]]:
    text = view.text
    for match in _GERUND.finditer(text):
        word = match.group(1)
        if word in _EXCLUDED or depth_at(text, match.start()):
            continue
        end = clause_end(text, match.end())
        if text[end:].strip(" .!?"):
            continue  # the phrase must end the clause
        spans = view.absolute(match.start(1), match.end(1))
        verb = tokens.at(spans[0][0]) if spans else None
        if verb is None or verb.tag_ != "VBG" or not _hangs_on_clause(verb):
            continue
        inside = {t.i for t in tokens.within(view)}
        if verb.head.head.i in inside and verb.head.dep_ != "ROOT":
            continue  # hangs on a clause inside the sentence ("held that the law ..., finding")
        if any(c.dep_ == "conj" and c.tag_ == "VBG" for c in verb.children):
            continue  # "becoming X and sparking Y": two phrases, one finite verb
        subject = _subject(verb.head, inside)
        tense = tense_of(verb.head)
        if subject is None or tense is None:
            continue
        singular = _singular(subject)
        if singular is None:
            continue
        finite = inflect.finite(word, past=tense == "past", singular=singular)
        phrase = view.sub(match.end(1), end)
        if finite is None or not phrase:
            continue
        doc, offset = tokens.doc, tokens.offset
        first, last = doc[subject.left_edge.i], doc[subject.right_edge.i]
        subject_view = View(view.source, [(offset + first.idx, offset + last.idx + len(last))])
        words = f"{_capital(subject_view.text)} {finite} {phrase.text}"
        cut_end = len(text) if not text[end:].strip(" .!?") else end
        piece = cl.Piece(
            View(view.source, subject_view.spans + spans + phrase.spans), words, role="gerund"
        )
        return view.cut(match.start(), cut_end), [piece]
    return view, []


def _hangs_on_clause(verb: Token) -> bool:
    """An adverbial participle, or one the parse coordinates with the main verb without
    a conjunction (", offering seeds": no "and")."""
    if verb.dep_ == "advcl":
        return True
    cc = [c for c in verb.children if c.dep_ == "cc"]
    return verb.dep_ == "conj" and not cc and verb.head.pos_ in ("VERB", "AUX", "ADJ")


def _subject(head: Token, inside: set[int]) -> Token | None:
    """The active subject of the clause the phrase hangs on, a plain noun phrase before
    its verb."""
    if any(c.dep_ == "aux:pass" for c in head.children):
        return None
    subjects = [c for c in head.children if c.dep_ == "nsubj" and c.i in inside]
    if len(subjects) != 1:
        return None
    subject = subjects[0]
    if subject.lower_ in _PLACEHOLDERS or subject.i > head.i:
        return None
    words = subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
    if any(t.i not in inside or _verbal(t) for t in words):
        return None
    return subject


def _verbal(token: Token) -> bool:
    """A verb of its own inside the subject ("the firm that won"), not an adjective-like
    participle ("the resulting encoded text")."""
    if token.pos_ == "SCONJ":
        return True
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound")


def _singular(subject: Token) -> bool | None:
    """The subject's number, when its tag and its form agree on it."""
    if subject.pos_ == "PRON":
        return subject.lower_ not in _PLURAL_PRONOUNS
    if any(c.dep_ == "conj" for c in subject.children):
        return False
    if subject.tag_ in ("NN", "NNP") and not subject.lower_.endswith("s"):
        return True
    if subject.tag_ in ("NNS", "NNPS") and subject.lower_.endswith("s"):
        return False
    return None


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
