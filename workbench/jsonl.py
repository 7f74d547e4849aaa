"""Reading JSON lines from a stream that may hold anything: each well-formed object is
yielded with its line number, each broken line reported and skipped, so one bad line
never stops the lines after it.

Read with a cap per line: a line without an end (or of a gigabyte) is skipped as it is
read, never held whole in memory.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import IO, Any

_SKIP_CHUNK = 1024 * 1024


class _NotJSON(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    # NaN and Infinity are accepted by Python's json but are not JSON: echoed back
    # (an id), they would make the output unreadable to every other JSON reader.
    raise _NotJSON(f"{name} is not a JSON value")


def _is_text(value: Any) -> bool:
    """False when the decoded JSON holds a lone surrogate ("\\ud800"), which no UTF-8
    output can carry."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_objects(
    stream: IO[bytes], report: Callable[[str], None], max_bytes: int
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each line of `stream` that is a JSON object with a string
    "text"; every other non-blank line is passed to `report` as one message and skipped."""
    number = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw) > max_bytes:
            if not raw.endswith(b"\n"):
                _skip_rest_of_line(stream)
            report(
                f"line {number}: longer than {_size(max_bytes)}, the article size"
                " limit; skipped (raise WORKBENCH_MAX_ARTICLE_BYTES to read it)"
            )
            continue
        if not raw.strip():
            continue
        problem = _problem(raw)
        if isinstance(problem, str):
            report(f"line {number}: {problem}")
            continue
        yield number, problem


def _problem(raw: bytes) -> dict[str, Any] | str:
    """The object on this line, or what is wrong with it."""
    try:
        item = json.loads(raw, parse_constant=_refuse_constant)
    except RecursionError:
        return "not a JSON object with text (nested too deeply)"
    except (ValueError, UnicodeDecodeError) as error:
        return f"not a JSON object with text ({error})"
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return 'not a JSON object with text (expected an object with a string "text")'
    try:
        if not _is_text(item):
            return "holds a lone surrogate (\\ud800-\\udfff), which is not text"
    except RecursionError:
        return "not a JSON object with text (nested too deeply)"
    return item


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / 1024 / 1024:g} MB"
    return f"{count / 1024:g} KB" if count >= 1024 else f"{count} bytes"


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return
