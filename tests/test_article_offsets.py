"""`workbench article` shows the offsets `add` takes; `add` refuses offsets that cut a
word, naming the words and the nearest whole-word offsets, and writes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tests.conftest import SEED, Run
from workbench.words import snap, wrapped_lines


def test_article_prints_each_line_after_its_offset(run: Run, seeded: int) -> None:
    text = SEED.read_text(encoding="utf-8")
    result = run("article", str(seeded))
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line]
    assert len(lines) > 40
    for line in lines:
        offset, words = re.fullmatch(r"\s*(\d+)  (.*)", line).groups()  # type: ignore[union-attr]
        assert text[int(offset) :].startswith(words)  # the Nth character is at offset + N
        assert len(line) <= 80
    # every word of the article is printed, in order
    printed = " ".join(re.fullmatch(r"\s*\d+  (.*)", line).group(1) for line in lines)  # type: ignore[union-attr]
    assert printed.split() == text.split()


def test_article_json_gives_sentences_and_paragraphs(run: Run, seeded: int) -> None:
    text = SEED.read_text(encoding="utf-8")
    shown = run.json("article", str(seeded), "--json")
    assert shown["article_id"] == seeded and shown["text"] == text
    assert shown["length"] == len(text)
    sentences = shown["sentences"]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in sentences)
    assert sentences[0]["text"].startswith("Foreign secretary Vikram Misri")
    assert "He did not give details." in [s["text"] for s in sentences]
    assert [p["start"] for p in shown["paragraphs"]][:2] == [0, text.index("Ma, the executive")]


def test_add_refuses_offsets_that_cut_a_word(
    run: Run, seeded: int, db_path: Path, digest: Callable[[Path], str]
) -> None:
    text = SEED.read_text(encoding="utf-8")
    start = text.index("Vikram") + 1
    end = text.index("Misri") + len("Misri")
    before = digest(db_path)
    result = run("add", str(seeded), str(start), str(end))
    assert result.exit_code == 1 and result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message and message.startswith("error: characters")
    assert "'Vikram'" in message and "'ikram Misri'" in message  # the word cut, what it covers
    whole = text.index("Vikram")
    assert f"{whole} {end} ('Vikram Misri')" in message  # the nearest whole words
    assert digest(db_path) == before
    # both ends inside words; a figure keeps its currency sign
    figure = text.index("$155.62")
    result = run("add", str(seeded), str(figure + 1), str(figure + 4))
    assert result.exit_code == 1 and "'$155.62'" in result.stderr
    assert digest(db_path) == before
    added = run.json("add", str(seeded), str(whole), str(end), "--json")
    assert added["text"] == "Vikram Misri." and (added["start"], added["end"]) == (whole, end)


def test_snapping_widens_to_whole_words_and_drops_edge_spaces() -> None:
    text = "Trade touched $155.62 billion in 2025, a record."
    assert text[slice(*snap(text, 16, 18))] == "$155.62"
    assert text[slice(*snap(text, 5, 25))] == "touched $155.62 billion"
    assert text[slice(*snap(text, 2, 2))] == "Trade"
    assert wrapped_lines(text, 20) == [(0, 14), (14, 33), (33, 48)]  # no line over 20
