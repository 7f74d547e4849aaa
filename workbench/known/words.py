"""The words matching reads: content words folded as the full-text index folds them,
names and figures, and the text of a copied social-media post without what is not
its claim (links, pictographs, the embed signature's handle and date)."""

from __future__ import annotations

import re
import unicodedata

_URL = re.compile(r"https?://\S+|pic\.twitter\.com/\S+|www\.\S+", re.I)
_WORD = re.compile(r"[^\W_]+")  # letters and digits, as FTS5's unicode61 splits them
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_FIGURE = re.compile(r"\d[\d,.]*")
_NAME = re.compile(r"\b[A-Z][a-zA-Z'’-]+")
STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being"
    " this that these those it its he she they them his her their we our you your i me my not"
    " no so do does did have has had will would can could should may might just than then"
    " there here what which who whom whose when where why how all any some more most other"
    " such only own same too very rt amp via says said".split()
)
_NAME_STOP = frozenset(
    "the a an this i we you he she it they my our in on at of and but if".split()
)
_MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# An embedded post's signature: "— Poster Name (@handle) March 3, 2020". The poster's
# name may be the claimant ("— Marco Rubio (@marcorubio)"); handle and date are not
# what anyone claims.
_SIGNATURE = re.compile(
    r"[—–]\s*([^—–()@\n]{0,80}?)\s*\(@\w{1,30}\)\s*(?:" + _MONTH + r"\s+\d{1,2},\s+\d{4})?"
)
_PICTOGRAPHS = frozenset(("So", "Sk", "Cs", "Co"))  # emoji, symbols, surrogates, private use
_TAG = re.compile(r"[#@](\w+)")  # a hashtag or a mention
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")


def fold(text: str) -> str:
    """Lower case without diacritics, as the full-text index folds words."""
    if text.isascii():
        return text.lower()  # nothing to fold
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.lower()))


def terms(text: str) -> list[str]:
    """The content words of a text (links dropped), in order."""
    return [
        word
        for word in _WORD.findall(fold(_URL.sub(" ", text)))
        if len(word) > 1 and word not in STOPWORDS
    ]


def names(text: str) -> set[str]:
    return {n.lower() for n in _NAME.findall(_URL.sub(" ", text))} - _NAME_STOP


def figures(text: str) -> set[str]:
    return {f.rstrip(".,") for f in _FIGURE.findall(_URL.sub(" ", text))}


def readable(text: str) -> str:
    """A copied post as the words of what it says: links, pictographs and the embed
    signature's handle and date dropped (the poster's name kept), `#CamelCase` and
    `@CamelCase` split into their words. Plain prose comes back as it was, links aside."""
    text = _URL.sub(" ", text)
    text = _SIGNATURE.sub(lambda m: f" — {m.group(1).strip()}. ", text)
    text = _TAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text)
    if not text.isascii():
        text = "".join(
            " " if unicodedata.category(c) in ("So", "Sk", "Cs", "Co") else c for c in text
        )
    return " ".join(text.split())
