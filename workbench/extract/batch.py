"""`workbench extract --jsonl`: JSON lines in, JSON lines out, in input order, streaming.

With several workers each process loads the extractor (and the parser) once and takes
articles one at a time; a bounded window of articles in flight keeps memory flat on
inputs of any length and the output in input order.
"""

from __future__ import annotations

import contextlib
import gc
import json
import multiprocessing
import signal
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import IO, Any, cast

from workbench.errors import WorkbenchError
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
    with _Workers(workers, extractor) as pool:
        for result in pool.in_order(items, window=4 * workers):
            emit(result)


class _Workers:
    """Worker processes, each with a pipe of its own and one article in flight at a time.

    Not multiprocessing.Pool: its workers share the locks of its queues, and ending it early
    (the reader of our output gone, Ctrl-C) terminates workers that may hold one, after
    which the pool's own threads can wait on that lock forever (`extract --workers 2 |
    head -1` once hung CI for 15 minutes); and a worker that dies leaves its article
    waited for forever. Here no process ever waits on a lock another holds: ending early
    is killing the workers and reaping them, and a worker that dies is seen at once, as
    the end of its pipe.
    """

    def __init__(self, count: int, extractor: str | None):
        if "fork" in multiprocessing.get_all_start_methods():
            # load the model once, here, before forking: the workers share its pages and
            # start at once instead of each loading spaCy (seconds) on its own
            _start(extractor)
            assert _ENGINE is not None
            extract_for(_ENGINE, "Warm up.")
            gc.freeze()  # the collector would touch, so copy, every page the workers share
            context: Any = multiprocessing.get_context("fork")
        else:
            context = multiprocessing.get_context("spawn")
        self.processes: list[Any] = []
        self.links: list[Connection] = []
        for _ in range(count):
            ours, theirs = context.Pipe()
            # the worker closes its copies of our ends of the pipes: its own pipe then ends
            # when we do, and a dead worker's pipe reads as its end, here
            ours_in_worker = (*self.links, ours)
            process = context.Process(
                target=_serve, args=(theirs, ours_in_worker, extractor), daemon=True
            )
            process.start()
            theirs.close()
            self.processes.append(process)
            self.links.append(ours)

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is None:  # every article done: the workers leave on their own
            for link in self.links:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    link.send(None)  # (one that died since has nothing left to do)
        else:
            for process in self.processes:
                process.kill()
        for process in self.processes:
            process.join()
        for link in self.links:
            link.close()

    def in_order(
        self, items: Iterable[tuple[Any, str, str | None]], window: int
    ) -> Iterator[tuple[str, list[str]]]:
        """Each item's result in input order, with at most `window` articles read ahead of
        the last one written (memory stays flat on an input of any length)."""
        pending = iter(items)
        idle = list(reversed(self.links))
        working: dict[Connection, int] = {}  # the link of a busy worker -> its article's place
        finished: dict[int, tuple[str, list[str]]] = {}
        sent = written = 0
        more = True
        while True:
            while more and idle and sent < written + window:
                item = next(pending, None)
                if item is None:
                    more = False
                    break
                link = idle.pop()
                self._send(link, item)
                working[link] = sent
                sent += 1
            if not working:
                return
            for ready in wait(list(working)):
                link = cast(Connection, ready)
                finished[working.pop(link)] = self._receive(link)
                idle.append(link)
            while written in finished:
                yield finished.pop(written)
                written += 1

    def _send(self, link: Connection, item: tuple[Any, str, str | None]) -> None:
        try:
            link.send(item)
        except (BrokenPipeError, ConnectionResetError):
            raise self._ended(link) from None

    def _receive(self, link: Connection) -> tuple[str, list[str]]:
        try:
            done, value = link.recv()
        except (EOFError, ConnectionResetError):
            raise self._ended(link) from None
        if not done:
            raise value
        return cast(tuple[str, list[str]], value)

    def _ended(self, link: Connection) -> WorkbenchError:
        # not an OSError: the command would take a broken pipe here for its reader gone
        process = self.processes[self.links.index(link)]
        process.join()
        return WorkbenchError(
            f"an extraction worker ended unexpectedly (exit status {process.exitcode}); "
            "the lines before were written, the others were not: run again without "
            "--workers to see why"
        )


def _serve(link: Connection, ours: tuple[Connection, ...], extractor: str | None) -> None:
    """A worker: articles in, lines out, until the pipe says stop (None) or closes."""
    for end in ours:
        end.close()
    _start_worker(extractor)
    while True:
        try:
            item = link.recv()
        except EOFError:
            return
        if item is None:
            return
        try:
            link.send((True, _extract(item)))
        except Exception as error:  # raised again in the parent, as one worker would
            try:
                link.send((False, error))
            except Exception:  # an error that cannot be pickled
                link.send((False, RuntimeError(f"{type(error).__name__}: {error}")))
