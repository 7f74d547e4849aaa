"""The gerund table the extractor uses to state a participle phrase as a claim ("…,
offering fresh meals" -> "… offers fresh meals"): every "-ing" form tagged VBG in UD
English-EWT with its lemma (the most frequent per form; ties: the first in alphabetical
order) and that lemma's simple past (the most frequent VBD form, when one is attested).
Only attested forms ship: a form not in the table is never turned.

Rebuild: ``python -m workbench.training inflections`` (reads ``../shared/data/ud-english-ewt``,
writes ``workbench/_models/inflections/gerunds.json``; deterministic).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from workbench.extract.inflect import TABLE_PATH
from workbench.training.parser import DEFAULT_DATA

SPLITS = ("train", "dev", "test")


def build(data: Path = DEFAULT_DATA, out: Path = TABLE_PATH) -> dict[str, int]:
    lemmas: dict[str, Counter[str]] = defaultdict(Counter)
    pasts: dict[str, Counter[str]] = defaultdict(Counter)
    for split in SPLITS:
        with (data / f"en_ewt-ud-{split}.conllu").open(encoding="utf-8") as handle:
            for line in handle:
                cells = line.rstrip("\n").split("\t")
                if len(cells) < 5 or not cells[0].isdigit():
                    continue
                form, lemma = cells[1].lower(), cells[2].lower()
                if not (form.isalpha() and lemma.isalpha()):
                    continue
                if cells[4] == "VBD":
                    pasts[lemma][form] += 1
                elif cells[4] == "VBG" and form.endswith("ing") and form != lemma:
                    lemmas[form][lemma] += 1
    table = {}
    for form, counts in sorted(lemmas.items()):
        lemma = _most(counts)
        table[form] = [lemma, _most(pasts[lemma]) if pasts[lemma] else ""]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(table, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return {"gerunds": len(table), "with a past": sum(bool(p) for _, p in table.values())}


def _most(counts: Counter[str]) -> str:
    return min(counts, key=lambda word: (-counts[word], word))
