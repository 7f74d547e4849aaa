"""`workbench extract --jsonl`: JSON lines in, JSON lines out, in input order, streaming.

With several workers each process loads the extractor (and the parser) once and takes
articles one at a time; a bounded window of articles in flight keeps memory flat on
inputs of any length and the output in input order.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable
from typing import IO, Any

from workbench.extract.base import Extractor, extract_for, get_extractor, notes_of

_ENGINE: Extractor | None = None


def _start(name: str | None) -> None:
    global _ENGINE
    _ENGINE = get_extractor(name)


def _start_worker(name: str | None) -> None:
    """A worker ends when the pool ends it, quietly: the parent's handlers (SIGTERM
    raising, to clean up a command) would print a traceback from every worker, and
    Ctrl-C is the parent's to handle."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _start(name)


def _extract(item: tuple[Any, str, str | None]) -> tuple[str, list[str]]:
    assert _ENGINE is not None
    return _line(_ENGINE, item)


def _line(engine: Extractor, item: tuple[Any, str, str | None]) -> tuple[str, list[str]]:
    ident, text, published = item
    claims = [claim.public() for claim in extract_for(engine, text, published)]
    line = json.dumps({"id": ident, "claims": claims}, ensure_ascii=False)
    return line, [f"id {ident}: {note}" for note in notes_of(engine)]


def read_items(
    stdin: IO[bytes], report: Callable[[str], None], limit: int
) -> Iterable[tuple[Any, str, str | None]]:
    """(id, text, published) of each well-formed line; a broken one is reported and
    skipped (workbench.jsonl reads them, each line capped at `limit` bytes)."""
    from workbench.jsonl import read_objects

    for _number, item in read_objects(stdin, report, limit):
        published = item.get("published")
        yield item.get("id"), item["text"], published if isinstance(published, str) else None


def run(
    items: Iterable[tuple[Any, str, str | None]],
    stdout: IO[str],
    note: Callable[[str], None],
    extractor: str | None = None,
    workers: int = 1,
) -> None:
    """Extract every item and write its line, in input order, as soon as it is ready."""

    def emit(result: tuple[str, list[str]]) -> None:
        line, notes = result
        for text in notes:
            note(text)
        stdout.write(line + "\n")
        stdout.flush()

    if workers <= 1:
        engine = get_extractor(extractor)
        for item in items:
            emit(_line(engine, item))
        return
    methods = multiprocessing.get_all_start_methods()
    context: Any
    if "fork" in methods:
        # load the model once, here, before forking: the workers share its pages and
        # start at once instead of each loading spaCy (seconds) on its own
        _start(extractor)
        assert _ENGINE is not None
        extract_for(_ENGINE, "Warm up.")
        gc.freeze()  # the collector would touch, so copy, every page the workers share
        context = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("spawn")
    # one article is one task: an article costs the parser a few hundred milliseconds,
    # sending it to a worker well under one
    with context.Pool(workers, initializer=_start_worker, initargs=(extractor,)) as pool:
        window: deque[Any] = deque()
        for item in items:
            window.append(pool.apply_async(_extract, (item,)))
            if len(window) >= 4 * workers:
                emit(window.popleft().get())
        while window:
            emit(window.popleft().get())
        pool.close()  # the workers finish and exit on their own, rather than being killed
        pool.join()
