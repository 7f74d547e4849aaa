"""Issue 16, `extract --jsonl`: a broken line is reported by its number and the lines
after it still go through; what is written is always valid JSON."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Run

GOOD_BEFORE = json.dumps({"id": 1, "text": "Exports rose 5% in 2025."})
GOOD_AFTER = json.dumps({"id": 3, "text": "Imports fell 2% in 2025."})

BAD_LINES = {
    "100,000-deep array": "[" * 100_000 + "]" * 100_000,
    "100,000-deep id": '{"id": ' + "[" * 100_000 + "]" * 100_000 + ', "text": "x"}',
    "lone surrogate in the text": '{"id": 2, "text": "Exports \\ud800 rose 5%."}',
    "lone surrogate in the id": '{"id": "\\udfff", "text": "Exports rose 5%."}',
    "NaN id": '{"id": NaN, "text": "Exports rose 5%."}',
    "Infinity id": '{"id": -Infinity, "text": "Exports rose 5%."}',
    "invalid UTF-8": b'{"id": 2, "text": "caf\xe9"}'.decode("latin-1"),
}


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_a_bad_line_is_reported_and_the_next_ones_go_through(case: str, run: Run) -> None:
    stdin = "\n".join([GOOD_BEFORE, BAD_LINES[case], GOOD_AFTER]) + "\n"
    data = stdin.encode("latin-1") if case == "invalid UTF-8" else stdin.encode("utf-8")
    result = run("extract", "--jsonl", input=data, db=False)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [1, 3]
    errors = result.stderr.splitlines()
    assert len(errors) == 2 and errors[0].startswith("error: line 2: "), errors
    assert "1 line(s) could not be read" in errors[1]


def test_a_line_over_the_size_limit_is_skipped_without_reading_it_whole(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_MAX_ARTICLE_BYTES", "2048")
    long_line = json.dumps({"id": 2, "text": "word " * 5000})
    stdin = "\n".join([GOOD_BEFORE, long_line, GOOD_AFTER])  # the last line has no newline
    result = run("extract", "--jsonl", input=stdin, db=False)
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 3]
    assert result.stderr.splitlines()[0].startswith(
        "error: line 2: longer than 2 KB, the article size limit"
    )


def test_a_text_over_the_parsers_limit_goes_to_the_rules_whole(run: Run) -> None:
    # one 5 MB line cost minutes of parsing and a gigabyte of memory (issue 16); past a
    # million characters the text goes to the rules, which say so by the line's id
    sentence = "Exports rose 5% in 2025 to $3 billion, the ministry said."
    text = " " * 1_000_000 + sentence
    line = json.dumps({"id": "dump", "text": text})
    result = run("extract", "--jsonl", input=line + "\n", db=False)
    assert result.exit_code == 0, result.stderr
    [out] = [json.loads(line) for line in result.stdout.splitlines()]
    [claim] = out["claims"]
    assert claim["text"] == "Exports rose 5% in 2025 to $3 billion."
    assert text[claim["start"] : claim["end"]] == "Exports rose 5% in 2025 to $3 billion"
    assert claim["attribution"] == "the ministry"
    assert result.stderr == (
        "note: id dump: the whole text: 1,000,057 characters, over the parser's 1,000,000;"
        " extracted with the rules, not the parser\n"
    )
