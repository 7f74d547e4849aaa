"""The default extractor on tricky news sentences written for this project
(tests/extraction_corpus.txt): each item gives exactly its expected claims, and every
claim is faithful to its article (its content words are the article's)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from workbench.extract import get_extractor
from workbench.extract.base import extract_for

CORPUS = Path(__file__).with_name("extraction_corpus.txt")
EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "external"
PARSER = get_extractor("parser")


@dataclass
class Expected:
    text: str
    attribution: str | None
    spans: int | None


@dataclass
class Item:
    category: str
    text: str
    published: str | None = None
    claims: list[Expected] = field(default_factory=list)


def _items() -> list[Item]:
    items: list[Item] = []
    category = ""
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            category = line[3:]
        elif line.startswith("T: "):
            items.append(Item(category, line[3:]))
        elif line.startswith("P: "):
            items[-1].published = line[3:]
        elif line.startswith("C: "):
            match = re.fullmatch(r"C: (.*?)(?: @@ (.*?))?(?: \[(\d) spans\])?", line)
            assert match, line
            text, who, spans = match.groups()
            items[-1].claims.append(Expected(text, who, int(spans) if spans else None))
    return items


ITEMS = _items()


def test_the_corpus_is_large_and_covers_every_failure() -> None:
    assert len(ITEMS) >= 150
    assert len({item.category for item in ITEMS}) >= 20


@pytest.mark.parametrize(
    "item", ITEMS, ids=[f"{i:03d}-{item.category}" for i, item in enumerate(ITEMS)]
)
def test_expected_claims(item: Item) -> None:
    claims = extract_for(PARSER, item.text, item.published)
    got = [(c.text, c.attribution) for c in claims]
    assert got == [(e.text, e.attribution) for e in item.claims]
    for claim, expected in zip(claims, item.claims, strict=True):
        if expected.spans is not None:
            assert len(claim.spans) == expected.spans, claim.text
        for span in claim.spans:
            assert item.text[span.start : span.end].strip()


# -- faithfulness: a claim's words are the article's ----------------------------------

_FUNCTION = frozenset(
    """a an the and or but of to in on at for from by with as is are was were be been has have
    had it its this that s""".split()
)
_WORD = re.compile(r"[^\W_][\w’'-]*")


def _words(text: str) -> set[str]:
    words = set()
    for word in _WORD.findall(text.lower().replace("’", "'")):
        words.add(word.removesuffix("'s").strip("'-"))
    return words - {""}


def unfaithful_words(article: str, claim: str) -> set[str]:
    """Content words of `claim` that are neither the article's nor an allowed insertion
    (function words; a finite form of a gerund the article has: "falling" -> "fell",
    "offering" -> "offers")."""
    from workbench.extract import inflect, lexicon

    allowed = _words(article) | _FUNCTION
    allowed |= {lexicon.past_of_gerund(w) or w for w in allowed}
    allowed |= {form for w in allowed for form in inflect.forms(w)}
    return _words(claim) - allowed


def test_faithfulness_holds_on_the_corpus() -> None:
    for item in ITEMS:
        for claim in extract_for(PARSER, item.text, None):
            assert not unfaithful_words(item.text, claim.text), (item.text, claim.text)


@pytest.mark.parametrize("name", ["factcheck_gpt", "propsegment"])
def test_faithfulness_on_every_dev_set(name: str) -> None:
    path = EVAL / name / "a.jsonl"
    if not path.exists():
        pytest.skip(f"no dev set at {path} (present in CI)")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    broken = []
    for row in rows:
        for claim in PARSER.extract(row["text"]):
            extra = unfaithful_words(row["text"], claim.text)
            if extra:
                broken.append((row["id"], claim.text, sorted(extra)))
    assert not broken, broken[:5]
