"""Attribution on top of the rules': who said it, taken off the claim into `attribution`.

Adds the shapes news copy uses that the surface rules leave inside the claim:
`"...," said Anil Rao, chairman of the council.` (the speaker, and a claim of who he is),
`..., a senior official said, asking not to be named because ...` (an anonymous source;
the reason is not a claim), and `..., according to an analysis of customs data by X`.
"""

from __future__ import annotations

import re

from workbench.extract import clauses as cl
from workbench.extract import lexicon as lx
from workbench.extract.attribution import is_speaker, strip_attribution
from workbench.extract.decompose import Tokens, has_clause, is_finite
from workbench.extract.mentions import PERSON_NOUNS
from workbench.extract.view import View, depth_at

ROLES = lx.ROLE_NOUNS | PERSON_NOUNS

_SPEECH = "|".join(sorted(lx.SPEECH_VERBS, key=len, reverse=True))
# "..., a senior official said, asking not to be named because ..."
_ANONYMITY = re.compile(
    r",\s+(?:asking|speaking|requesting|who\s+asked|who\s+spoke|declining)\b[^“”\"]*$"
    r"|\s+on\s+(?:the\s+)?condition\s+of\s+anonymity\b[^“”\"]*$",
    re.I,
)
# "A senior official, who asked not to be named because ..., said ...": why the source is
# not named is no claim, and the official (not what the aside names) is the speaker
_ANONYMOUS_ASIDE = re.compile(
    r",\s+(?:who\s+)?(?:(?:was|were)\s+)?(?:not\s+authori[sz]ed|(?:asked|asking|requested"
    r"|requesting|declined|declining|spoke|speaking)\b[^,;“”\"]*?\b(?:anonymity|named|identified))"
    r"\b[^,;“”\"]*,\s+(?=(?:" + _SPEECH + r")\b)",
    re.I,
)
# `..., said Anil Rao, chairman of the council.` and `..., Anil Rao, chairman of X, said.`
_SAID_NAME_ROLE = re.compile(
    r",[”\"’]?\s+(?:" + _SPEECH + r")\s+(?P<who>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}),\s+"
    r"(?P<role>(?:the\s+|a\s+|an\s+|former\s+)?[a-z][^,;“”\"]{2,90}?)[\s.]*$"
)
# "The minister told reporters (on Monday) that ...": the listener is not the speaker
_TOLD = re.compile(
    r"^(?P<who>[A-Z][^,;“”\"]{0,60}?)\s+told\s+(?P<whom>(?:the\s+)?[\w’'.-]+(?:\s+[A-Z][\w’'.-]*){0,3})"
    r"(?:\s+(?:on|in|at|late|earlier|last|this)\s+[^,;“”\"]{1,30}?)?,?\s+(?:that\s+)?(?P<body>\S.*)$"
)
_ACCORDING_TAIL = re.compile(r",\s+according\s+to\s+(?P<who>[^,;“”\"]{2,160}?)[\s.]*$")
_NAME_ROLE_SAID = re.compile(
    r",[”\"’]?\s+(?P<who>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}),\s+"
    r"(?P<role>(?:the\s+|a\s+|an\s+|former\s+)?[a-z][^,;“”\"]{2,90}?),\s+(?:"
    + _SPEECH
    + r")[\s.]*$"
)


# "X said A, adding that B": B is X's too (the participle's subject is the speaker)
_ADDING = re.compile(
    r",\s+(?:adding|saying|noting|warning|arguing|insisting|stressing|explaining)"
    r"\s+(?P<that>that\s+)?(?P<said>\S.*)$"
)


def split_adding(body: View, who: str | None, tokens: Tokens) -> tuple[View, list[cl.Piece]]:
    """ "..., adding that "the worst is behind us."": what the speaker added is a claim of
    its own, theirs; left on the claim it would dangle ("The government would present a
    budget, adding that ..." says the government added it)."""
    text = body.text
    match = _ADDING.search(text)
    if who is None or match is None or depth_at(text, match.start()):
        return body, []
    said = body.sub(match.start("said"), len(text))
    before = body.sub(0, match.start())
    words = said.text
    quoted = words[:1] in '“"'
    inner = words[1:].rstrip(' .”"')
    if not said or not before:
        return body, []
    if quoted and (words.rstrip(" .")[-1:] not in '”"' or re.search('[“”"]', inner)):
        return before, []  # part quotation, part ours: no sentence; said less, not wrongly
    if not quoted and not (match.group("that") and has_clause(said, tokens)):
        return body, []  # "rose 5%, adding to the pressure": not speech, and grammatical
    # one whole quotation is a sentence of its own: "the worst is behind us." -> The worst ...
    text = inner if quoted else words
    return before, [cl.Piece(said, text=text, attribution=who, quoted=quoted)]


_OPENERS = frozenset({"as", "while", "after", "before", "when"})
_SAID_INSIDE = re.compile(
    r",\s+(?P<who>[^,;“”\"]{2,60}?)\s+(?:" + _SPEECH + r")"
    r"(?:\s+(?:on|in|at|last|this|earlier|late)\b[^,;“”\"]{0,30}?)?,\s+"
    r"(?P<tail>(?P<opener>(?:as|while|after|before|when)\s+)?[^,;“”\"]+?)[\s.]*$"
)


def strip_speaker(view: View, tokens: Tokens) -> tuple[View, str | None, bool, list[cl.Piece]]:
    """(body, who, quoted, extra claims): the claim without its attribution."""
    text = view.text
    aside = _ANONYMOUS_ASIDE.search(text)
    if aside and not depth_at(text, aside.start()):
        view = view.cut(aside.start(), aside.end())
        text = view.text
    anonymous = _ANONYMITY.search(text)
    if anonymous and not depth_at(text, anonymous.start()):
        head = text[: anonymous.start()]
        if re.search(r"\b(?:" + _SPEECH + r")\W*$", head):
            view = view.sub(0, anonymous.start())
            text = view.text
    according = _ACCORDING_TAIL.search(text)
    if according and not depth_at(text, according.start()):
        who_view = view.sub(according.start("who"), according.end("who"))
        body = view.sub(0, according.start())
        if body and not any(t.pos_ in ("VERB", "AUX") for t in tokens.within(who_view)):
            inner, inner_who, quoted = strip_attribution(body)
            who = according.group("who").strip()
            if inner_who:
                who = f"{inner_who}, according to {who}"
            return inner, _lower_article(who), quoted, []
    told = _TOLD.match(text)
    if told and not depth_at(text, told.start("body")) and _reports(view, told, tokens):
        body = view.sub(told.start("body"), len(text))
        if body and has_clause(body, tokens):
            who = told.group("who")
            quoted = body.text.startswith(("“", '"'))
            return body, _lower_article(who), quoted, []
    for pattern in (_SAID_NAME_ROLE, _NAME_ROLE_SAID):
        match = pattern.search(text)
        if match is None or depth_at(text, match.start("who")):
            continue
        role = match.group("role").strip()
        head = role.split()[1 if role.split()[0] in ("the", "a", "an", "former") else 0]
        if head.lower() not in ROLES and not _role_phrase(role):
            continue
        body = view.sub(0, match.start())
        if not body:
            continue
        who = match.group("who")
        name = view.sub(match.start("who"), match.end("who"))
        role_view = view.sub(match.start("role"), match.end("role"))
        quoted = text.lstrip().startswith(("“", '"'))
        title = cl.Piece(
            View(view.source, name.spans + role_view.spans), text=f"{who} is {role}", role="title"
        )
        return body.tidy(), who, quoted, [title]
    leading = _role_name_said(view, tokens)
    if leading is not None:
        return leading
    inside = _speaker_inside(view, tokens)
    if inside is not None:
        return inside
    body, who, quoted = strip_attribution(view)
    return body, who, quoted, []


# "Riverton's current mayor, Alicia Reyes, said (on Monday) (that) ..."
_ROLE_NAME_SAID = re.compile(
    r"^(?P<role>[A-Z][^,;“”\"]{2,60}?),\s+(?P<who>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3}),\s+"
    r"(?:" + _SPEECH + r")(?:\s+(?:on|in|at|outside|after|during|late|earlier|last|this)\b"
    r"[^,;“”\"]{0,40}?(?=\s+that\b))?\s+(?:that\s+)?(?P<body>\S.*)$"
)


def _role_name_said(
    view: View, tokens: Tokens
) -> tuple[View, str | None, bool, list[cl.Piece]] | None:
    """ "Brennan's lawyer, Susan Maddox, said that ...": the person speaks, and who they
    are is a claim of its own ("Susan Maddox is Brennan's lawyer.")."""
    match = _ROLE_NAME_SAID.match(view.text)
    if match is None:
        return None
    role = match.group("role")
    words = role.split()
    if words[-1].lower() not in ROLES or words[0] in ("The", "A", "An"):
        return None  # "The company's chief executive": whose company, the claim would not say
    body = view.sub(match.start("body"), len(view.text))
    if not body or not has_clause(body, tokens):
        return None
    who = match.group("who")
    name = view.sub(match.start("who"), match.end("who"))
    role_view = view.sub(match.start("role"), match.end("role"))
    title = cl.Piece(
        View(view.source, name.spans + role_view.spans), text=f"{who} is {role}", role="title"
    )
    quoted = body.text.startswith(("“", '"'))
    return body, who, quoted, [title]


def _speaker_inside(
    view: View, tokens: Tokens
) -> tuple[View, str | None, bool, list[cl.Piece]] | None:
    """ "A rose 2.8%, Statistics Sweden said on Wednesday, the lowest reading since 2021":
    the speaker sits between the claim and what follows it. A noun phrase after it (no
    verb) describes the claim's figure and stays with it; a clause after it ("..., as
    rates fell") is the article's own and its own claim."""
    text = view.text
    match = _SAID_INSIDE.search(text)
    if match is None or depth_at(text, match.start()) or not is_speaker(match.group("who")):
        return None
    before = view.sub(0, match.start())
    tail = view.sub(match.start("tail"), len(text))
    if not before or not tail or not any(is_finite(t) for t in tokens.within(before)):
        return None  # the claim needs a verb of its own (the parse's arcs may be off)
    who = _lower_article(" ".join(match.group("who").split()))
    quoted = text.lstrip().startswith(("“", '"'))
    words = tokens.within(tail)
    if words and words[0].pos_ in ("DET", "NUM", "ADJ") and not any(is_finite(t) for t in words):
        spans = view.absolute(0, match.start() + 1)  # the comma before the phrase too
        return View(view.source, spans + tail.spans), who, quoted, []
    opener = words[0].lower_ if words else ""
    clause = view.sub(match.end("opener"), len(text)) if match.group("opener") else None
    if opener in _OPENERS and clause and has_clause(clause, tokens):
        return before, who, quoted, [cl.Piece(clause, role="adverbial")]
    return None


def _reports(view: View, told: re.Match[str], tokens: Tokens) -> bool:
    """ "X told Y (that) ..." reports speech only in the active voice with a clause:
    "Schools were told to exclude pupils" (passive) and "He told them to leave" (an
    order, an infinitive) say nothing X said."""
    spans = view.absolute(told.end("who") + 1, told.end("who") + 5)
    verb = tokens.at(spans[0][0]) if spans else None
    if verb is None or verb.lower_ != "told":
        return False
    if any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children):
        return False
    return not any(
        c.dep_ == "xcomp" and any(m.lower_ == "to" for m in c.children) for c in verb.children
    )


def _lower_article(who: str) -> str:
    first, _, rest = who.partition(" ")
    return f"{first.lower()} {rest}" if first in ("The", "A", "An") and rest else who


def _role_phrase(role: str) -> bool:
    """ "chairman of the council", "an economist at the ORF": a role noun heads it."""
    words = role.split()
    for word in words[:4]:
        if word.lower().strip(",") in ROLES:
            return True
        if word in ("of", "at", "for", "in"):
            return False
    return False
