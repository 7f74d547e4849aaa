"""Debate mode: the check-worthiness of each line of a transcript, read in its context.

An article's sentences are scored one by one (`workbench.extract.checkworthy.score`). A
debate, speech or interview transcript carries more: who speaks (a moderator's question is
not what a desk checks; the candidate's answer after it often is), sentences cut by
interjections ("[Applause]", "[Fact check: ...]") that belong to the sentence around them,
and the lines next to a line. `score_transcript(lines)` scores every line of one transcript
from these, on top of two linear n-gram scores of the line's own words:

- ``m``: the article model's raw margin (trained on ClaimBuster), the same as `score` uses;
- ``dm``: a second n-gram model trained on the CheckThat! 2021 Task 1B training debates,
  where the positives are the lines PolitiFact chose to check.

A small logistic model (about twenty features, `FEATURES`) combines them; its weights,
the feature scaling and a calibration (0.5 = the decision threshold, as for articles) are in
``workbench/_models/checkworthiness/debate.json``, built with
``python -m workbench.training checkworthiness-debate``. Pure Python at run time.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from workbench.extract.checkworthy import MODEL_PATH, featurize

DEBATE_MODEL_PATH = MODEL_PATH.parent / "debate.json"

FEATURES = (
    "m",
    "dm",
    "um",
    "inter",
    "in_unit_inter",
    "prev_m",
    "next_m",
    "win_max",
    "umax",
    "pct",
    "rarity",
    "words",
    "short",
    "pos",
    "rep",
    "unit_len",
    "spk_share",
    "spk_top",
    "spk_qrate",
    "q",
    "after_q",
    "turn_start",
)

NONE = -5.0  # the margin given to "no such line" (no previous line, a unit of interjections)

# A sentence is finished when it ends in terminal punctuation; one that trails off ("...",
# "--") or ends mid-clause goes on in the speaker's next line, after any interjection.
_ENDED = re.compile(r"[.?!…\"”')\]]\s*$")
_TRAILING = ("...", "…", "--", "—", "–")
_WORD = re.compile(r"[a-z0-9']+")
_STOP = frozenset(
    "the a an and or but of to in on for at by with from that this these those is are was"
    " were be been being it its we you he she they them our your my his her their not no do"
    " does did have has had will would can could should as so if then than there here what"
    " which who whom whose when where why how all any some very just about up out over also"
    " more most much many one".split()
)


# "SPEAKER: words", the speaker one to six capitalised words ("TRUMP", "Donald Trump",
# "SEN. BERNIE SANDERS, I-VT"); anything else before a colon is part of the words.
_SPEAKER = re.compile(r"([A-Z][\w.'’-]*(?:,? [A-Z][\w.'’-]*){0,5}):\s+(\S.*)")


@dataclass(frozen=True)
class Turn:
    """One line of a transcript: its number in the input (from 1), who speaks, the words."""

    line: int
    speaker: str
    text: str


def read_transcript(text: str) -> list[Turn]:
    """The lines of a transcript, one turn or sentence a line, as `SPEAKER: words`, as
    `speaker<TAB>words`, or as CheckThat!'s `number<TAB>speaker<TAB>words[<TAB>label]`. A line
    with no speaker goes on with the previous line's speaker; a line in brackets
    ("[Applause]") is an interjection; blank lines are skipped."""
    turns: list[Turn] = []
    speaker = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split("\t")]
        words: str | None = None
        if len(parts) >= 3 and parts[0].isdigit():
            speaker, words = parts[1], parts[2]
        elif len(parts) == 2:
            speaker, words = parts
        elif (match := _SPEAKER.fullmatch(line)) is not None:
            speaker, words = match.group(1), match.group(2)
        else:
            words = line
        if words:
            bracketed = (words[:1], words[-1:]) in (("[", "]"), ("(", ")"))
            turns.append(Turn(number, "" if bracketed else speaker, words))
    return turns


def is_interjection(speaker: str, text: str) -> bool:
    """A line that is not a speaker's words: the transcript's own notes ("[Applause]",
    "(LAUGHTER)"), or any line of the speaker the transcript calls SYSTEM."""
    t = text.strip()
    bracketed = (t[:1], t[-1:]) in (("[", "]"), ("(", ")"))
    return speaker.strip().upper() == "SYSTEM" or bracketed


def units(lines: Sequence[tuple[str, str]]) -> list[int]:
    """The sentence each line belongs to, as an id per line. A speaker's sentence cut by an
    interjection or across lines is one unit ("we will raise wages" / "[Applause]" / ", help
    the unemployed..."), and the interjections inside it belong to it: a desk checks the
    sentence, not the fragment."""
    uid = [-1] * len(lines)
    count = 0
    last: tuple[int, str, bool] | None = None  # the last spoken unit, its speaker, ended
    pending: list[int] = []
    for i, (speaker, text) in enumerate(lines):
        if is_interjection(speaker, text):
            pending.append(i)
            continue
        t = text.strip()
        goes_on = t[:1].islower() or t[:1] in ",;:-—–" or t.startswith(("...", "…"))
        if last is not None and last[1] == speaker and (not last[2] or goes_on):
            unit = last[0]
            for j in pending:
                uid[j] = unit
        else:
            for j in pending:
                count += 1
                uid[j] = count
            count += 1
            unit = count
        pending = []
        uid[i] = unit
        last = (unit, speaker, bool(_ENDED.search(t)) and not t.endswith(_TRAILING))
    for j in pending:
        count += 1
        uid[j] = count
    return uid


def _content(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def line_features(
    lines: Sequence[tuple[str, str]],
    margin: Sequence[float],
    debate_margin: Sequence[float],
    article_margin: Callable[[str], float] | None = None,
) -> list[dict[str, float]]:
    """The features of every line of one transcript (`FEATURES`), given each line's margin
    under the article model (`margin`) and under the debate n-gram model (`debate_margin`).
    The unit's margin is the article model's margin of its whole sentence (its fragments
    joined), by `article_margin` (the shipped article model unless given)."""
    measure = article_margin or _margin
    n = len(lines)
    inter = [is_interjection(s, t) for s, t in lines]
    uid = units(lines)
    members: dict[int, list[int]] = {}
    for i, unit in enumerate(uid):
        members.setdefault(unit, []).append(i)
    spoken = [i for i in range(n) if not inter[i]]
    line_count = Counter(lines[i][0] for i in spoken)
    questions = Counter(lines[i][0] for i in spoken if lines[i][1].strip().endswith("?"))
    words: Counter[str] = Counter()
    for i in spoken:
        words[lines[i][0]] += len(lines[i][1].split())
    all_words = sum(words.values()) or 1
    top = line_count.most_common(1)[0][0] if line_count else None
    content = [set() if inter[i] else _content(lines[i][1]) for i in range(n)]
    df = Counter(w for c in content for w in c)
    ranked = sorted(margin[i] for i in spoken)
    unit_margin: dict[int, float] = {}
    repeated = _repeated(content, df)
    out = []
    for i, (speaker, text) in enumerate(lines):
        unit = uid[i]
        own = [j for j in members[unit] if not inter[j]]
        if unit not in unit_margin:
            joined = " ".join(lines[j][1].strip() for j in own)
            unit_margin[unit] = measure(joined) if joined else NONE
        before = [j for j in range(i - 1, max(-1, i - 4), -1) if not inter[j]][:2]
        after = [j for j in range(i + 1, min(n, i + 4)) if not inter[j]][:2]
        tokens = len(text.split())
        f = {
            "m": margin[i],
            "dm": debate_margin[i],
            "um": unit_margin[unit],
            "inter": float(inter[i]),
            "in_unit_inter": float(inter[i] and len(members[unit]) > 1),
            "prev_m": margin[before[0]] if before else NONE,
            "next_m": margin[after[0]] if after else NONE,
            "win_max": max([margin[j] for j in before + after] or [NONE]),
            "umax": max([margin[j] for j in own] or [NONE]),
            "pct": bisect.bisect_left(ranked, margin[i]) / max(len(ranked), 1),
            "words": min(tokens, 60) / 60,
            "short": float(tokens <= 4),
            "pos": i / n,
            "rep": repeated[i],
            "unit_len": min(len(members[unit]), 5) / 5,
            "after_q": float(
                bool(before)
                and lines[before[0]][0] != speaker
                and lines[before[0]][1].strip().endswith("?")
            ),
            "turn_start": float(bool(before) and lines[before[0]][0] != speaker),
        }
        if len(content[i]) >= 3:
            f["rarity"] = sum(1.0 / df[w] for w in content[i]) / len(content[i])
        if not inter[i]:
            f["spk_share"] = words[speaker] / all_words
            f["spk_top"] = float(speaker == top)
            f["spk_qrate"] = questions[speaker] / max(line_count[speaker], 1)
            f["q"] = float(text.strip().endswith("?"))
        out.append(f)
    return out


def _repeated(content: list[set[str]], df: Counter[str]) -> list[float]:
    """1.0 for a line whose content words (three or more) come back, at least 60% of them,
    in another line of the transcript: a talking point said again."""
    index: dict[str, list[int]] = {}
    for i, words in enumerate(content):
        for w in words:
            index.setdefault(w, []).append(i)
    out = []
    for i, words in enumerate(content):
        shared: Counter[int] = Counter()
        if len(words) >= 3:
            for w in words:
                if df[w] <= 30:  # a word in every other line says nothing about repeats
                    shared.update(j for j in index[w] if j != i)
        out.append(float(any(k / len(words) >= 0.6 for k in shared.values())))
    return out


@cache
def _model() -> dict[str, Any]:
    with DEBATE_MODEL_PATH.open(encoding="utf-8") as handle:
        model: dict[str, Any] = json.load(handle)
    return model


@cache
def _article_weights() -> dict[str, float]:
    with MODEL_PATH.open(encoding="utf-8") as handle:
        weights: dict[str, float] = json.load(handle)["weights"]
    return weights


def _margin(text: str, weights: dict[str, float] | None = None) -> float:
    table = _article_weights() if weights is None else weights
    return sum(table.get(name, 0.0) * value for name, value in featurize(text).items())


def stack(features: dict[str, float], model: dict[str, Any]) -> float:
    """The combining model's raw score of one line's features (before calibration)."""
    scaled = model["stacker"]
    return scaled["bias"] + sum(
        w * (features.get(name, 0.0) - mu) / sd
        for name, w, mu, sd in zip(
            FEATURES, scaled["weights"], scaled["mean"], scaled["scale"], strict=True
        )
    )


def score_transcript(
    lines: Sequence[tuple[str, str]], model: dict[str, Any] | None = None
) -> list[float]:
    """Calibrated check-worthiness of every line of one transcript, given as (speaker, text)
    pairs in order; 0.5 is the decision threshold. Lines are ranked within their transcript:
    scores of two transcripts are comparable only roughly. `model`: the shipped one unless
    given (the training command scores with the model it has just built)."""
    if not lines:
        return []
    model = model or _model()
    dweights: dict[str, float] = model["debate_weights"]
    margins = [_margin(text) for _, text in lines]
    debate = [_margin(text, dweights) for _, text in lines]
    a, b = model["calibration"]
    return [
        round(1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, a * stack(f, model) + b)))), 6)
        for f in line_features(lines, margins, debate)
    ]
