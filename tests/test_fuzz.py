"""The fuzz suite (issue 16), seeded so that CI runs the same cases every time and stays
within about a minute: random and mutated bytes through every importer, random strings
through every id and count argument, random bursts of keys through the review screen.
Whatever comes in: no traceback; a failure is one line `error: ...`, a non-zero exit and
the database unchanged; `doctor` is ok afterwards. Cases it found are kept in the
hardening tests (test_hardening_*.py) as regressions, and the key bursts that crashed the
screen in FOUND."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from textual import events

from tests.conftest import SEED, Run
from tests.pdf import make_pdf
from workbench.config import Settings
from workbench.tui.app import WorkbenchApp

HTML = (
    b"<html><head><title>Trade</title></head><body><article><p>Bilateral trade reached"
    b" $155.6bn in 2025, officials said.</p><p>The deficit widened to $116.1 billion.</p>"
    b"</article></body></html>"
)
SEEDS = {
    ".txt": SEED.read_bytes()[:3000],
    ".md": b"# Trade\n\n" + SEED.read_bytes()[:1500],
    ".html": HTML,
    ".pdf": make_pdf(["Exports rose 5% in 2025, the ministry said.", "Imports fell 2%."]),
}
ODD = [
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xfe\xff",
    b"\x1b]52;c;aGk=\x07",
    "\u202e".encode(),
    "\u200b".encode(),
    b"<!DOCTYPE html [",
    b"]>",
    b"%PDF-",
    b"stream\n",
    b"<",
    b"&#0;",
    b"\r",
    "١٢".encode(),
]


def mutate(rng: random.Random, data: bytes) -> bytes:
    """A few random edits: flipped bytes, odd insertions, cuts, repeats."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        where = rng.randrange(len(out) + 1)
        edit = rng.randrange(4)
        if edit == 0 and out:
            out[min(where, len(out) - 1)] = rng.randrange(256)
        elif edit == 1:
            out[where:where] = rng.choice(ODD)
        elif edit == 2:
            del out[where : where + rng.randint(1, 200)]
        else:
            out[where:where] = out[where : where + rng.randint(1, 50)] * rng.randint(2, 20)
    return bytes(out)


def check(result: Result, before: str, after: Callable[[], str]) -> None:
    """No traceback (the runner would raise it); a failure is one error line, exit 1 or 2,
    and the database as it was."""
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    if result.exit_code != 0:
        lines = result.stderr.splitlines()
        assert lines and lines[-1].startswith("error: "), result.stderr
        assert after() == before, result.stderr


def doctor_ok(run: Run) -> None:
    result = run("doctor")
    assert result.exit_code == 0, result.output


def test_random_and_mutated_bytes_through_every_importer(
    run: Run, seeded: int, db_path: Path, tmp_path: Path, digest: Callable[[Path], str]
) -> None:
    rng = random.Random(1616)
    for number in range(48):
        suffix = rng.choice(sorted(SEEDS))
        data = rng.randbytes(rng.randint(0, 600)) if number % 4 == 0 else mutate(rng, SEEDS[suffix])
        before = digest(db_path)
        if number % 6 == 5:  # through stdin
            result = run("import", "-", input=data)
        else:
            path = tmp_path / f"fuzz{number}{suffix}"
            path.write_bytes(data)
            result = run("import", str(path))
        if result.exit_code != 0:
            assert len(result.stderr.splitlines()) == 1, result.stderr
        check(result, before, lambda: digest(db_path))
    doctor_ok(run)


def test_random_lines_through_extract_jsonl(run: Run) -> None:
    rng = random.Random(1617)
    good = json.dumps({"id": 0, "text": "Exports rose 5% in 2025."})
    lines = []
    for number in range(40):
        line = json.dumps({"id": number, "text": SEED.read_text()[:400]}).encode()
        lines.append(mutate(rng, line).replace(b"\n", b" "))
    stdin = b"\n".join([*lines, good.encode()]) + b"\n"
    result = run("extract", "--jsonl", input=stdin, db=False)
    assert result.exit_code in (0, 1), result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]  # every line is JSON
    assert out[-1]["id"] == 0  # the last, good line went through
    errors = [line for line in result.stderr.splitlines() if not line.startswith("note:")]
    assert all(line.startswith("error: line ") for line in errors[:-1]), errors


ID_PIECES = [
    "1",
    "0",
    "-1",
    "#2",
    "²",
    "١٢",
    "１",
    str(2**63),
    "9" * 40,
    " ",
    "1.5",
    "1e3",
    "0x10",
    "\u200b",
    "x",
    "",
    "\udcff",
    "%s",
    "1; DROP TABLE claims",
    "\x00",
]
COMMANDS = [
    ["mark", "{}", "verified"],
    ["show", "{}"],
    ["history", "{}"],
    ["edit", "{}", "New wording of the claim."],
    ["dismiss", "{}"],
    ["split", "{}", "10"],
    ["split", "1", "{}"],
    ["merge", "1", "{}"],
    ["add", "{}", "0", "20"],
    ["add", "1", "{}", "20"],
    ["claims", "--article", "{}"],
    ["export", "--article", "{}"],
    ["search", "trade", "--limit", "{}"],
    ["history", "--limit", "{}"],
    ["mark", "1", "verified", "--expect-version", "{}"],
    ["recheck", "{}"],
    ["review", "--article", "{}"],
]


def test_random_strings_through_every_id_and_count(
    run: Run, seeded: int, db_path: Path, digest: Callable[[Path], str]
) -> None:
    rng = random.Random(1618)
    for number in range(120):
        value = "".join(rng.choice(ID_PIECES) for _ in range(rng.randint(1, 3)))
        command = COMMANDS[number % len(COMMANDS)]
        args = [part.replace("{}", value) for part in command]
        before = digest(db_path)
        result = run(*args)
        if result.exit_code != 0:
            assert len(result.stderr.splitlines()) == 1, (args, result.stderr)
        check(result, before, lambda: digest(db_path))
    doctor_ok(run)


KEYS = [
    *"jkgGnNvxuarmDzZftRAescod?",
    *("down", "up", "pagedown", "pageup", "home", "end", "tab", "enter", "escape"),
    *("ctrl+p", "ctrl+p", "escape", "backspace", "space", "y", "1", "2", "left", "right"),
    *("slash", "ctrl+s"),
]
# Bursts that crashed the screen when their keys came at once (issue 16); played first.
FOUND = [
    ["ctrl+p", "pagedown"],  # KeyError: a page of a command list not laid out yet
    ["R", "1", "2"],  # the rating dialog dismissed twice: the review screen popped under it
    ["ctrl+p", "escape", "escape", "ctrl+p"],  # the palette's search went on after it closed
    ["ctrl+p", "Z", "Z", "escape"],  # its "No matches" timer fired after it closed
    ["ctrl+p", *"theme", "enter", "pageup", "escape"],  # the theme palette was Textual's own
    ["a", "escape", "escape", "?", "escape", "escape"],  # dialogs closed twice
]


@pytest.mark.parametrize("seed", [1, 2])
async def test_bursts_of_random_keys_through_the_review_screen(
    run: Run, seeded: int, db_path: Path, seed: int
) -> None:
    # Keys posted at once, as a terminal delivers a paste or a reviewer typing ahead:
    # Pilot's press() waits for the screen after every key, and so never saw the races.
    rng = random.Random(seed)
    bursts = FOUND if seed == 1 else []
    bursts += [[rng.choice(KEYS) for _ in range(rng.randint(1, 8))] for _ in range(14)]
    app = WorkbenchApp(Settings(db=db_path, reviewer="alice"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for keys in bursts:
            for key in keys:
                app.post_message(events.Key(key, key if len(key) == 1 else None))
            await pilot.pause()
        for _ in range(3):  # the last burst's screens and keys land before the app ends
            await pilot.pause()
    assert app.return_code in (0, None)  # an exception in the app fails run_test itself
    doctor_ok(run)
