"""Who a pronoun may refer to, read from the parse: the noun phrases a sentence mentions,
with the features a pronoun must agree with (number; person or thing).

The parser attaches long-range arcs poorly, so nothing here trusts one arc to pick an
antecedent. The surface rules propose one; it is kept only when it is the single
mention that agrees: the subjects of the previous sentence, or the nearest agreeing
noun phrase earlier in the same sentence. Otherwise the claim keeps its own pronoun.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from workbench.extract import lexicon as lx

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
PERSON_NOUNS = lx.ROLE_NOUNS | frozenset(
    "man woman boy girl child mother father wife husband son daughter resident worker farmer"
    " student teacher doctor nurse patient victim suspect witness spokesman spokeswoman"
    " author writer player coach manager owner driver pilot soldier officer lawyer".split()
)
# Heads that name an organisation or a thing even when capitalised ("General Electric").
ORG_WORDS = frozenset(
    "ministry department agency company corporation corp inc ltd co group bank council"
    " committee commission board court party league union association federation institute"
    " university college school hospital office bureau authority directorate administration"
    " government parliament assembly army navy police electric motors airlines airways"
    " systems industries holdings partners fund foundation club team city state county"
    " organisation organization service services network times post journal news".split()
)
PERSON_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them"})
THING_PRONOUNS = frozenset({"it", "its"})


@dataclass(frozen=True)
class Mention:
    text: str
    head: str
    start: int  # absolute offset in the article
    plural: bool
    person: bool  # may be a person
    thing: bool  # may be a thing (an organisation counts as one)
    subject: bool
    alias: str | None = None  # the name in apposition: "the mayor, Alicia Reyes,"
    core: bool = False  # the main verb's subject or object, not a word deep in a phrase

    @property
    def name(self) -> str:
        """What the mention is called in a claim: its name when one is in apposition."""
        return self.alias or self.text


def agrees(mention: Mention, pronoun: str) -> bool:
    pronoun = pronoun.lower()
    if pronoun in PLURAL_PRONOUNS:
        return mention.plural
    if mention.plural:
        return False
    if pronoun in PERSON_PRONOUNS:
        return mention.person
    if pronoun in THING_PRONOUNS:
        return mention.thing
    return False


def mentions(
    doc: Doc, offset: int, text: str | None = None, tokens: list[Token] | None = None
) -> list[Mention]:
    """The noun phrases of a parsed sentence (not pronouns), in order.

    Phrases are runs of determiners, adjectives, numbers and nouns read off the tags,
    not the arcs (the tags are right far more often than the attachments): a run is a
    subject when a verb follows it or the parse says so, or when it opens the sentence.
    `text`: the sentence the doc was parsed from, and `tokens` its tokens, when the
    caller has them."""
    found: list[Mention] = []
    if tokens is None:
        tokens = list(doc)  # a Token is built on each access: build each one once
    pos = [t.pos_ for t in tokens]
    if text is None:
        text = doc.text  # rebuilt from the tokens on each access: the caller has it
    # linear, not quadratic: where the first finite verb is, and each token's nearest
    # neighbours that are not adverbs or punctuation
    first_finite = next(
        (t.i for t in tokens if pos[t.i] in ("VERB", "AUX") and _finite(t)), len(tokens)
    )
    content = [i for i, p in enumerate(pos) if p not in ("ADV", "PUNCT")]
    runs = _runs(tokens, pos)
    index = 0
    while index < len(runs):
        lo, hi = runs[index]
        # "the founder and 40 volunteers": one plural phrase
        if (
            index + 1 < len(runs)
            and hi + 1 < len(tokens)
            and tokens[hi + 1].lower_ == "and"
            and runs[index + 1][0] == hi + 2
        ):
            hi, plural_pair = runs[index + 1][1], True
            index += 1
        else:
            plural_pair = False
        named = hi  # "the National Institute of Economic Research": one name, "Institute"'s
        while _name_of_name(tokens, hi, runs[index + 1] if index + 1 < len(runs) else None):
            hi = runs[index + 1][1]
            index += 1
        index += 1
        seen_verb = first_finite < lo
        head = tokens[named]
        if pos[hi] not in ("NOUN", "PROPN") or head.lower_ in _NOT_PEOPLE:
            continue
        if not head.whitespace_ and hi + 1 < len(tokens) and tokens[hi + 1].text == "-":
            continue  # "self" of "self-driving": part of a word, not a phrase
        span = doc[lo : hi + 1]
        at = bisect.bisect_right(content, hi)
        after = tokens[content[at]] if at < len(content) else None
        at = bisect.bisect_left(content, lo) - 1
        governed = at >= 0 and pos[content[at]] in ("ADP", "VERB")  # an object, in a PP
        subject = head.dep_ in _SUBJECTS or (
            not governed
            and (
                (after is not None and after.pos_ in ("VERB", "AUX") and after.lower_ != "to")
                or (not seen_verb and not found)
            )
        )
        mention = _mention(span, head, offset, plural_pair, subject)
        if subject or _main_object(head):
            mention = replace(mention, core=True)
        if found and _appositive(text, found[-1], mention, offset):
            continue  # "Ma, the executive vice foreign minister, ...": the same one
        if found and _named_apposition(span, found[-1], offset, text):
            # "Riverton's current mayor, Alicia Reyes, said": one person, called by name
            found[-1] = replace(found[-1], alias=mention.text, person=True)
            continue
        found.append(mention)
    return found


def _main_object(head: Token) -> bool:
    """The object of a finite verb that is not in a relative clause: "reached a deal",
    not "children who have missed a dose" nor "plans to send letters"."""
    verb = head.head
    return head.dep_ == "obj" and verb.dep_ != "acl:relcl" and _finite(verb)


def _name_of_name(tokens: list[Token], hi: int, following: tuple[int, int] | None) -> bool:
    """A capitalised name, "of", and another: "Institute of Economic Research"."""
    if following is None or following[0] != hi + 2 or tokens[hi + 1].lower_ != "of":
        return False
    words = [tokens[hi], *tokens[following[0] : following[1] + 1]]
    return all(t.tag_ in ("NNP", "NNPS") and t.text[:1].isupper() for t in words)


def _named_apposition(span: Span, before: Mention, offset: int, text: str) -> bool:
    """`span`, a name, stands between commas for the common noun phrase right before it:
    by the parse's appos arc, or by its commas when the parse missed it ("The company's
    former chief executive, Mark Castell, testified"; not a list: "Paris, Rome and")."""
    if before.alias is not None or not all(t.tag_ in ("NNP", "NNPS") for t in span):
        return False
    if any(
        t.dep_ == "appos" and before.start <= offset + t.head.idx < before.start + len(before.text)
        for t in span
    ):
        return True
    lo, hi = span.start_char, span.end_char
    gap = text[before.start - offset + len(before.text) : lo]
    after = re.match(r",\s+(\w+)", text[hi:])
    return (
        gap.strip() == ","
        and before.head.islower()
        and after is not None
        and after.group(1) not in ("and", "or")
    )


def _finite(token: Token) -> bool:
    return token.tag_ in ("VBD", "VBZ", "VBP", "MD") or "Fin" in token.morph.get("VerbForm", [])


def _runs(tokens: list[Token], pos: list[str]) -> list[tuple[int, int]]:
    """(first, last) token of each maximal run of noun-phrase words."""
    runs = []
    start = None
    for token in tokens:
        i = token.i
        inside = pos[i] in _PHRASE_POS or (
            token.tag_ == "PRP$" or (token.tag_ == "POS" and start is not None)
        )
        if (pos[i] == "PUNCT" and token.text not in ("-", "–")) or token.is_space:
            inside = False  # a run of spaces ("making  iced") is tagged as a word at times
        if pos[i] == "CCONJ" or _verb_after_noun(token, tokens, pos):
            inside = False
        elif (
            inside
            and start is not None
            and (pos[i] in ("DET", "NUM") or token.lower_ in _TIME_ADJECTIVES)
            and i > 0
            and pos[i - 1] in ("NOUN", "PROPN")
        ):
            runs.append((start, i - 1))  # "300 jobs | last year": a new phrase
            start = None
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            runs.append((start, i - 1))
            start = None
    if start is not None:
        runs.append((start, len(tokens) - 1))
    # a run ends at its last noun: "the 2019 floods" yes, "the floods 2019" keeps the noun
    trimmed = []
    for lo, hi in runs:
        while hi > lo and (
            pos[hi] not in ("NOUN", "PROPN")
            or any(c.dep_ in ("obj", "nsubj") for c in tokens[hi].children)  # a verb mis-tagged
        ):
            hi -= 1
        trimmed.append((lo, hi))
    return trimmed


def _verb_after_noun(token: Token, tokens: list[Token], pos: list[str]) -> bool:
    """A word the tagger took for a noun or adjective that reads as a verb right after a
    noun: "The factory cut 300 jobs", "Both sides underscored"."""
    if token.i == 0 or not token.is_alpha or not token.text.islower():
        return False
    if not lx.is_finite_verb(token.lower_):
        return False
    if pos[token.i - 1] not in ("NOUN", "PROPN"):
        return False
    # "The agency plans to send": a plural noun that the parse makes the sentence's root,
    # with no copula, is the verb the tagger missed
    return token.tag_ != "NNS" or (
        token.dep_ == "ROOT" and not any(c.dep_ == "cop" for c in token.children)
    )


def _appositive(text: str, before: Mention, mention: Mention, offset: int) -> bool:
    """`mention` right after `before` and a comma, starting with a determiner."""
    if mention.text.split()[0].lower() not in ("the", "a", "an", "its"):
        return False
    gap = text[before.start - offset + len(before.text) : mention.start - offset]
    return gap.strip() == ","


def _mention(span: Span, head: Token, offset: int, pair: bool, subject: bool) -> Mention:
    plural = pair or "Plur" in head.morph.get("Number", [])
    lower = head.lower_
    named = any(
        ((t.pos_ == "PROPN" or t.text[:1].isupper()) and t.i > span.start) or t.i == head.i
        for t in span
        if t.text[:1].isupper()
    )
    organisation = lower in ORG_WORDS
    person = not organisation and (lower in PERSON_NOUNS or (named and head.text[:1].isupper()))
    thing = organisation or lower not in PERSON_NOUNS
    return Mention(
        text=span.text,
        head=head.text,
        start=offset + span.start_char,
        plural=plural,
        person=person,
        thing=thing,
        subject=subject,
    )


_NOT_PEOPLE = (
    lx.MONTHS
    | lx.WEEKDAYS
    | frozenset(
        "year years month months week weeks day days time decade century quarter hour hours".split()
    )
)
_TIME_ADJECTIVES = frozenset("last next this previous past early late".split())
_PHRASE_POS = frozenset({"DET", "ADJ", "NUM", "NOUN", "PROPN"})


def confirmed(
    antecedent: str,
    pronoun: str,
    previous: list[Mention],
    before: list[Mention],
) -> bool:
    """Is `antecedent` the one mention `pronoun` can refer to? `previous`: mentions of
    the previous sentence; `before`: mentions earlier in the pronoun's own sentence."""
    near = [m for m in before if agrees(m, pronoun)]
    near_subjects = [m for m in near if m.subject]
    if near_subjects or near:
        return _same((near_subjects or near)[-1], antecedent)
    subjects = [m for m in previous if m.core and agrees(m, pronoun)]  # objects compete too
    if not subjects:
        return False
    heads = {m.head.lower() for m in subjects}
    return len(heads) == 1 and _same(subjects[0], antecedent)


def _same(mention: Mention, antecedent: str) -> bool:
    words = antecedent.lower().replace("’s", "").replace("'s", "").split()
    named = (mention.alias or "").lower().split()[-1:]
    return mention.head.lower() in words or any(w in words for w in named)


def propose(pronoun: str, previous: list[Mention], before: list[Mention]) -> Mention | None:
    """The antecedent of `pronoun` when exactly one mention agrees with it: among the
    noun phrases earlier in its own sentence if any agree, else among the subjects (and
    speakers) and the main verb's object in the previous one: "It said that ..." after
    "... children who have missed a dose" is not the dose."""
    for pool in (before, [m for m in previous if m.core]):
        agreeing = [m for m in pool if agrees(m, pronoun)]
        if not agreeing:
            continue
        heads = {m.head.lower() for m in agreeing}
        if len(heads) != 1:
            return None
        chosen = agreeing[0]
        words = chosen.text.split()
        if len(words) > 8 or any(w.lower() in _PRONOUN_WORDS for w in words):
            return None
        return chosen
    return None


_PRONOUN_WORDS = PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS | {"we", "our", "i", "my"}


_DEFINITE = re.compile(r"^The ([a-z][a-z-]+)(?=(?:[’']s)?\s+([a-z]+))")
_DETERMINERS = ("the", "a", "an", "this", "that")
_RESTRICTIVE = frozenset("that which who whose where when".split())


def describe(words: str, earlier: list[Mention], source: str) -> str | None:
    """ "The plant employs 1,200 people" -> "The Kakrapar plant employs 1,200 people":
    a definite description at the head of a claim, when exactly one named mention with
    the same noun came before it (the last sentences, or earlier in its own), and
    nothing after the description says it is another one ("the plant in Surat").
    Otherwise None: the claim keeps its own words."""
    match = _DEFINITE.match(words)
    if match is None:
        return None
    noun, following = match.group(1), match.group(2)
    possessive = words[match.end(1) : match.end(1) + 1] in ("’", "'")
    if not possessive and (following in lx.PREPOSITIONS or following in _RESTRICTIVE):
        return None  # "the plant in Surat", "the plant that opened in June": another one
    named = set()
    for mention in earlier:
        if mention.head.lower() != noun or mention.head != mention.head.lower():
            continue
        if source[max(0, mention.start - 1) : mention.start] in ("-", "‑", "–"):
            return None  # "PM-Kisan scheme" read as "Kisan scheme": a name cut in two
        text = _plain(mention.text)
        if text.split()[-1] != noun or text in (noun, *(f"{d} {noun}" for d in _DETERMINERS)):
            continue  # the same bare description again
        named.add(text)
        if not _named(text):
            return None  # "a second plant": another one, unnamed
    if len(named) != 1:
        return None
    (name,) = named
    return name[:1].upper() + name[1:] + words[match.end(1) :]


def _plain(text: str) -> str:
    first, _, rest = text.partition(" ")
    return f"{first.lower()} {rest}" if first.lower() in _DETERMINERS and rest else text


def _named(text: str) -> bool:
    words = text.split()
    if len(words) > 6 or any(w.lower() in _PRONOUN_WORDS for w in words):
        return False
    return any(w[:1].isupper() for w in words[:-1] if w.lower() not in _DETERMINERS)
