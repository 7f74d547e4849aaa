"""Splitting a sentence into atomic pieces: attribution, coordinated clauses, "with"
facts, temporal clauses, non-restrictive relative clauses, appositives, titles of
officials and coordinated verb phrases. Each rule works on a View and returns Views, so
every piece keeps the exact article spans it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.extract import lexicon as lx
from workbench.extract.grammar import clause_like, first_verb, has_verb, subject_of
from workbench.extract.view import View, clause_end, depth_at

_APPOSITIVE = re.compile(
    r"^(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}),\s+"
    r"(?P<app>(?:the|a|an|former|then|now)\s[^,;]{3,150}?),\s+(?P<rest>\S.*)$"
)
_COORDINATION = re.compile(r"(?:,\s+(?:and|but|while|whereas|yet|so)|;|:)\s+")
_VP_AND = re.compile(r"(?:,\s+)?\band\s+(?:(?:also|then|later|still|[a-z]+ly)\s+)?(?=[a-z])")
_RELATIVE = re.compile(r",\s+(?:which|who)\s+")
_TEMPORAL = re.compile(r"\s+(?:since|after|before|when|once)\s+(?=\S)")
_WITH = re.compile(r",?\s+with\s+(?P<np>[^,;]{2,80}?)\s+(?P<ing>[a-z]+ing)\b(?P<rest>[^;]*)$")
_WITH_AT = re.compile(r",?\s+with\s+(?P<np>[^,;]{2,60}?)\s+(?P<rest>at\s+[$€£\d][^;,]*)$")
_TITLE = re.compile(
    r"\b(?P<role>(?i:" + "|".join(sorted(lx.ROLE_NOUNS, key=len, reverse=True)) + r"))\s+"
    r"(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){0,2})\b"
)
_PLURAL_NP = re.compile(
    r"\b(?:[Tt]he two (?:sides|countries|leaders|men|women|nations|governments)|[Bb]oth sides"
    r"|[Bb]oth countries|[A-Z][\w’'-]+ and [A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)\b"
)


@dataclass
class Piece:
    view: View
    text: str | None = None  # when the claim's words differ from the spans' words
    attribution: str | None = None
    quoted: bool = False
    role: str = "main"

    def words(self) -> str:
        return self.text if self.text is not None else self.view.text


def split_coordinated(view: View) -> list[View]:
    """ "X held talks, and Y said ..." -> two clauses (only when both are clauses)."""
    text = view.text
    for match in _COORDINATION.finditer(text):
        if depth_at(text, match.start()) or first_verb(view) is None:
            continue
        left, right = view.sub(0, match.start()), view.sub(match.end(), len(text))
        if left and right and first_verb(left) and clause_like(right):
            return [left, *split_coordinated(right)]
    return [view]


def split_with(view: View) -> tuple[View, list[Piece]]:
    """ "trade touched $155.62 billion, with the deficit widening to $116.12 billion"."""
    text = view.text
    verb = first_verb(view)
    for pattern in (_WITH, _WITH_AT):
        match = pattern.search(text)
        if not match or verb is None or match.start() < verb[2] or depth_at(text, match.start()):
            continue
        np = match.group("np")
        if len(np.split()) > 8 or has_verb(np):
            continue
        if pattern is _WITH:
            past = lx.past_of_gerund(match.group("ing"))
            if past is None:
                continue
            words = f"{np} {past}{match.group('rest')}"
        else:
            words = f"{np} was {match.group('rest')}"
        piece = Piece(view.sub(match.start("np"), match.end()), text=words, role="with")
        return view.sub(0, match.start()), [piece]
    return view, []


def split_temporal(view: View) -> tuple[View, list[Piece]]:
    """ "... since they reached an understanding in October 2024" -> its own claim."""
    text = view.text
    verb = first_verb(view)
    if verb is None:
        return view, []
    for match in _TEMPORAL.finditer(text, verb[2]):
        if depth_at(text, match.start()):
            continue
        end = clause_end(text, match.end())
        sub = view.sub(match.end(), end)
        if sub and clause_like(sub, max_words=6):
            return view.cut(match.start(), end), [Piece(sub, role="temporal")]
    return view, []


def split_relatives(view: View) -> tuple[View, list[Piece]]:
    """ ", which killed 20 soldiers," -> "The clash ... killed 20 soldiers"."""
    pieces: list[Piece] = []
    while True:
        text = view.text
        for match in _RELATIVE.finditer(text):
            if depth_at(text, match.start()):
                continue
            antecedent = _antecedent(view, match.start())
            if antecedent is None:
                continue
            end = clause_end(text, match.end())
            clause = view.sub(match.end(), end)
            words = _relative_words(antecedent.text, clause)
            if words is None:
                continue
            spans = antecedent.spans + clause.spans
            pieces.append(Piece(View(view.source, spans), text=words, role="relative"))
            view = view.cut(match.start(), end)
            break
        else:
            return view, pieces


def _relative_words(antecedent: str, clause: View) -> str | None:
    words = clause.words()
    if not words:
        return None
    verb = first_verb(clause)
    if verb is None:
        return None
    if verb[1] == words[0][1] or (len(words) > 1 and verb[1] == words[1][1]):
        return f"{_capital(antecedent)} {clause.text}"  # subject relative
    # object relative: put the antecedent after the verb chain ("agreed to resume X")
    index = next(i for i, w in enumerate(words) if w[1] == verb[1])
    while index + 1 < len(words):  # the whole verb group: "had opposed", "agreed to resume"
        following = words[index + 1][0]
        if following == "to" and index + 2 < len(words):
            index += 2
        elif following[0].islower() and (lx.is_finite_verb(following) or following == "been"):
            index += 1
        else:
            break
    cut = words[index][2]
    return f"{clause.text[:cut]} {antecedent}{clause.text[cut:]}"


def _antecedent(view: View, comma: int) -> View | None:
    words = [w for w in view.words() if w[2] <= comma]
    chosen = None
    for word, a, _ in reversed(words[-10:]):
        lower = word.lower()
        if lower in ("and", "or", "but") or (word[0].islower() and lx.is_finite_verb(lower)):
            break
        chosen = a
        if lower in lx.DETERMINERS:
            break
    if chosen is None:
        return None
    head = view.text[chosen:comma]
    if "," in head or not re.search(r"[A-Za-z]", head):
        return None
    if head.split()[0].lower() in _NOT_A_NOUN_PHRASE:
        return None  # "in 1490 as potatoes, which": a phrase, not the antecedent
    before = [w for w in words if w[2] <= chosen][-1:]
    bare = head.split()[0].lower() not in lx.DETERMINERS
    if bare and before and before[0][0].lower() in ("and", "or", "nor"):
        verb = re.match(r",?\s*(?:which|who|that)\s+([a-z]+)", view.text[comma:])
        singular = not head.rstrip().endswith("s")
        if verb and singular and _plural_verb(verb.group(1)):
            return None  # "Apple, Google and Amazon, which dominate": all three
    return view.sub(chosen, comma)


def _plural_verb(word: str) -> bool:
    """A verb form that agrees only with a plural ("are", "have", "dominate")."""
    if word in ("are", "were", "have", "do"):
        return True
    if word in _NOT_PLURAL or word.endswith(("s", "ed", "ing", "ly")) or len(word) < 3:
        return False
    return not lx.is_past_verb(word)


# after "which": words that are no present-tense verb, or one of either number
_NOT_PLURAL = frozenset(
    "also often still now then later once never only just even already can could will"
    " would may might must shall should had did was the a an".split()
)


# words a noun phrase does not open with: a preposition or a conjunction before it
_NOT_A_NOUN_PHRASE = frozenset(
    "in on at by for from with as to into onto during after before since until because"
    " while than of about over under through across among between via per".split()
)


def split_appositive(view: View) -> tuple[View, list[Piece]]:
    """ "Ma, the executive vice foreign minister, was in New Delhi" -> who Ma is, and
    where Ma was."""
    match = _APPOSITIVE.match(view.text)
    if not match:
        return view, []
    rest = view.sub(match.start("rest"), len(view.text))
    first = rest.words()[:2]
    if not first or not any(w[0][0].islower() and lx.is_finite_verb(w[0]) for w in first):
        return view, []
    name = view.sub(match.start("name"), match.end("name"))
    appositive = view.sub(match.start("app"), match.end("app"))
    piece = Piece(
        View(view.source, name.spans + appositive.spans),
        text=f"{name.text} is {appositive.text}",
        role="appositive",
    )
    return View(view.source, name.spans + rest.spans), [piece]


def titles(view: View) -> list[Piece]:
    """ "Foreign secretary Vikram Misri" -> "Vikram Misri is foreign secretary"."""
    pieces = []
    text = view.text
    words = view.words()
    for match in _TITLE.finditer(text):
        role = match.group("role")
        if role.lower() == "counterpart" or not role[0].isalpha():
            continue
        start = match.start("role")
        for word, a, _ in reversed([w for w in words if w[2] <= match.start("role")][-4:]):
            lower = word.lower()
            gap = text[a:start]
            if (
                "," in gap
                or lower in lx.DETERMINERS
                or lower in lx.PREPOSITIONS
                or lower in ("and", "or", "but", "said", "says")
                or (word[0].islower() and lx.is_finite_verb(lower))
            ):
                break
            start = a
        title = text[start : match.end("role")]
        if len(title.split()) == 1 and title[0].isupper():
            # "Judge Patricia Holm", "Governor Erik Thedeen": a capitalised title alone is
            # how the name is spoken, part of it; "X is Judge" says nothing a reader can
            # check (judge of what?) and is not English
            continue
        if len(title.split()) > 1 and title.split()[1][0].islower():
            title = title[0].lower() + title[1:]
        name = match.group("name")
        if name.split()[0].lower() in lx.ROLE_NOUNS:
            continue
        pieces.append(
            Piece(view.sub(start, match.end("name")), text=f"{name} is {title}", role="title")
        )
    return pieces


def split_verb_phrases(view: View) -> list[Piece]:
    """ "Modi and Xi met in Russia and agreed to revive ..." -> two claims, the subject
    repeated."""
    subject = subject_of(view)
    verb = first_verb(view)
    if subject is None or verb is None:
        return [Piece(view)]
    text = view.text
    for match in _VP_AND.finditer(text, verb[2]):
        next_word = re.match(r"[a-z]+", text[match.end() :])
        if (
            not next_word
            or depth_at(text, match.start())
            or not _verb_phrase_head(next_word.group())
        ):
            continue
        right = view.sub(match.end(), len(text))
        if len(right.words()) < 3 or not re.search(r"\w", text[verb[2] : match.start()]):
            continue  # "understands and respects X": the verbs share their object
        left = view.sub(0, match.start())
        joined = View(view.source, subject.spans + right.spans)
        rest = split_verb_phrases(joined)
        rest[0].text = f"{subject.text} {right.text}" if rest[0].text is None else rest[0].text
        return [Piece(left), *rest]
    return [Piece(view)]


def _verb_phrase_head(word: str) -> bool:
    """Can `word`, right after "and", start a verb phrase sharing the subject?"""
    if word in ("did", "do", "does"):
        return False
    return lx.is_past_verb(word) or word in lx.AUXILIARIES or word in lx.PRESENT_VERBS


def plural_mentions(text: str) -> list[str]:
    return [m.group() for m in _PLURAL_NP.finditer(text)]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
