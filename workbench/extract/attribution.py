"""Attribution: "..., the readout said" gives the claim, with "the readout" as who said it;
also "X said (that) ...", "..., said X" and "according to X"."""

from __future__ import annotations

import re

from workbench.extract import lexicon as lx
from workbench.extract.grammar import clause_like, has_verb
from workbench.extract.view import View, depth_at

_SPEECH = "|".join(sorted(lx.SPEECH_VERBS, key=len, reverse=True))
# "He told jurors that ...": "told" always has its listener, never the claim, after it
_SPEECH_BEFORE = "|".join(sorted(lx.SPEECH_VERBS - {"told"}, key=len, reverse=True))
_THAT = "|".join(sorted(lx.THAT_VERBS, key=len, reverse=True))
_TRAILING = re.compile(
    r"^[\s”\"’]*(?P<who>[^,;“”\"]{1,80}?)\s+(?P<verb>" + _SPEECH + r"|told\s+\w+)"
    r"(?P<tail>\s+[^,;“”\"]{0,60})?[\s.!]*$"
)
_TRAILING_INVERTED = re.compile(
    r"^[\s”\"’]*(?:said|says|added|according to)\s+(?P<who>[^,;“”\"]{2,80}?)[\s.!]*$"
)
_LEADING = re.compile(
    r"^(?P<who>(?:[A-Z]|(?:the|a|an)\s)[^,;“”\"]{0,80}?)\s+[“\"]?(?:(?P<verb>"
    + _SPEECH_BEFORE
    + r"|told\s+\w+)|"
    r"(?P<that_verb>" + _THAT + r")(?=\s+(?:[^,;“”\"]{0,40}?\s+)?[“\"]?that\b))"
    r"(?P<mid>\s+(?:on|in|at|during|late|earlier|last|this|yesterday|today)\b[^,;“”\"]{0,40}?"
    r"(?=\s+[“\"]?that\b|,))?"
    r",?\s+[“\"]?(?:that\s+)?(?P<body>\S.*)$"
)
_ACCORDING = re.compile(r"^According to (?P<who>[^,]{2,80}),\s+(?P<body>\S.*)$")


def strip_attribution(view: View) -> tuple[View, str | None, bool]:
    """(body, who, quoted): "..., the readout said" -> the body, "the readout"."""
    text = view.text
    who = None
    body = view
    comma = _last_comma(text)
    # '"We will appeal," the lawyer said': the body is a quotation, though its marks go
    opened = text.lstrip()[:1] in ("“", '"') and text[comma + 1 : comma + 2] in ("”", '"')
    if comma != -1:
        tail = text[comma + 1 :]
        match = _TRAILING.match(tail) or _TRAILING_INVERTED.match(tail)
        if match and is_speaker(match.group("who")) and not has_verb(match.groupdict().get("tail")):
            who = match.group("who")
            body = view.sub(0, comma)
            text = body.text
    quoted = (
        (opened and who is not None)
        or text.lstrip().startswith(("“", '"'))
        or text.rstrip(" ,.").endswith(("”", '"'))
    )
    inner = _ACCORDING.match(text) or _LEADING.match(text)
    if inner and is_speaker(inner.group("who")):
        candidate = body.sub(inner.start("body"), len(text))
        if candidate and (
            inner.groupdict().get("that_verb") or _starts_clause(candidate, text, inner)
        ):
            outer = who
            who = (
                inner.group("who")
                if outer is None
                else f"{inner.group('who')}, according to {outer}"
            )
            quoted = quoted or "“" in text[inner.start("body") - 2 : inner.start("body") + 1]
            body = candidate
    return body, _normalise_who(who), quoted


def _starts_clause(candidate: View, text: str, match: re.Match[str]) -> bool:
    return (
        clause_like(candidate)
        or text[match.start("body") - 5 : match.start("body")].strip() == "that"
    )


def _last_comma(text: str) -> int:
    position = len(text)
    while True:
        position = text.rfind(",", 0, position)
        if (
            position == -1
            or depth_at(text, position) == 0
            or text[position + 1 : position + 2] in '”"'
        ):
            return position


def is_speaker(who: str) -> bool:
    """Can `who` be a speaker: a short phrase with no verb, not a relative clause."""
    words = who.split()
    if not words or len(words) > 9:
        return False
    return not has_verb(who) and not who.strip().lower().startswith(("which", "who", "and", "but"))


def _normalise_who(who: str | None) -> str | None:
    if who is None:
        return None
    who = " ".join(who.split()).strip(" ,.")
    first, _, rest = who.partition(" ")
    if first in ("The", "A", "An") and rest:
        return f"{first.lower()} {rest}"
    return who or None
