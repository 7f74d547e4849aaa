"""The figure check on labelled claim/passage pairs of our own writing: tests/data/
figure_pairs.tsv (the dev pairs the check was tuned on) and figure_pairs_heldout.tsv
(written afterwards, not tuned on). Accuracy per outcome is printed for each; on the whole
corpus a false `mismatch` (given where the pair is not one) must stay at or under 1% of
the pairs, and overall accuracy at or over 95%."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from workbench.numbers import check_figures

DATA = Path(__file__).parent / "data"
FILES = ("figure_pairs.tsv", "figure_pairs_heldout.tsv")


@dataclass
class Score:
    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    false_mismatch: int = 0
    wrong: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def pairs(self) -> int:
        return sum(self.total.values())

    @property
    def accuracy(self) -> float:
        return sum(self.right.values()) / self.pairs

    def report(self, name: str) -> str:
        lines = [f"{name}: {self.pairs} pairs"]
        for outcome in sorted(self.total):
            right, total = self.right[outcome], self.total[outcome]
            lines.append(f"  {outcome:<9} {right:>4}/{total:<4} {right / total:.3f}")
        lines.append(
            f"  overall {self.accuracy:.3f}, false mismatch {self.false_mismatch}"
            f" ({self.false_mismatch / self.pairs:.4f})"
        )
        return "\n".join(lines)


def pairs(name: str) -> list[tuple[str, str, str, date | None, date | None]]:
    found = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, claim, passage, *dates = line.split("\t")
        claim_date, passage_date = (date.fromisoformat(d) for d in dates) if dates else (None, None)
        found.append((label, claim, passage, claim_date, passage_date))
    return found


def evaluate(*names: str) -> Score:
    """The figure check's outcome for every pair of these files, against its label."""
    score = Score()
    for name in names:
        for label, claim, passage, claim_date, passage_date in pairs(name):
            verdict, _ = check_figures(claim, passage, claim_date, passage_date)
            got = verdict.value if verdict else "none"
            score.total[label] += 1
            if got == label:
                score.right[label] += 1
            else:
                score.wrong.append((label, got, claim, passage))
                score.false_mismatch += got == "mismatch"
    return score


def test_the_figure_check_on_the_pair_corpus() -> None:
    for name in FILES:
        print(evaluate(name).report(name))
    score = evaluate(*FILES)
    print(score.report("whole corpus"))
    assert score.pairs >= 400
    assert set(score.total) == {"match", "near", "holds", "mismatch", "other", "absent"}
    assert score.false_mismatch / score.pairs <= 0.01, score.wrong
    assert score.accuracy >= 0.95, score.wrong
