"""Evidence: the figure check on the pair corpus (accuracy, false mismatches), and the
figure check's cost inside passage ranking, against ranking without it."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.test_figure_corpus import FILES, evaluate


def figure_rows() -> list[dict[str, Any]]:
    rows = []
    for name in (*FILES, None):
        score = evaluate(*(FILES if name is None else (name,)))
        label = name or "whole corpus"
        per = ", ".join(
            f"{outcome} {score.right[outcome]}/{score.total[outcome]}"
            for outcome in sorted(score.total)
        )
        rows.append(
            {
                "name": f"figure check accuracy, {label} ({score.pairs} pairs)",
                "value": score.accuracy,
                "unit": "fraction right",
                "target": ">= 0.95",
                "ok": score.accuracy >= 0.95,
                "detail": f"{per}; false mismatch {score.false_mismatch}"
                f" ({score.false_mismatch / score.pairs:.4f}, target <= 0.01)",
            }
        )
    return rows


def check_cost() -> dict[str, Any]:
    """Checking figures for every pair, per pair, as a ratio against reading them alone."""
    from tests.test_figure_corpus import pairs
    from workbench.numbers import check_figures, figures

    corpus = [pair for name in FILES for pair in pairs(name)]

    def timed(work: Any) -> float:
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            for _, claim, passage, *_ in corpus:
                work(claim, passage)
            runs.append(time.perf_counter() - started)
        return statistics.median(runs)

    read = timed(lambda claim, passage: (figures(claim), figures(passage)))
    check = timed(check_figures)
    return {
        "name": "figure check per pair, as a ratio against reading the figures",
        "value": check / read,
        "unit": "ratio",
        "target": "-",
        "ok": None,
        "detail": f"check {check / len(corpus) * 1e6:.0f} µs a pair,"
        f" reading alone {read / len(corpus) * 1e6:.0f} µs",
    }


@contextmanager
def serve(respond: Callable[[str], tuple[int, str, bytes]]) -> Iterator[str]:
    """A local HTTP server in a thread answering every GET with `respond(path)`."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, kind, body = respond(self.path)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 128
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def run(quick: bool = False) -> list[dict[str, Any]]:
    return [*figure_rows(), check_cost(), *recheck_rows(quick), *warc_rows(quick)]


def recheck_rows(quick: bool) -> list[dict[str, Any]]:
    """Recheck of 200 kept sources (quick: 60), a tenth changed: what is written."""
    import tempfile
    from pathlib import Path

    from tests.recheck_scale import build, page, recheck

    count = 60 if quick else 200
    version = {"now": 1}

    def respond(path: str) -> tuple[int, str, bytes]:
        index = int(path.rsplit("/", 1)[1])
        return 200, "text/html", page(index, version["now"]).encode()

    with tempfile.TemporaryDirectory() as directory, serve(respond) as base:
        workbench = build(Path(directory) / "w.db", base, count)
        quiet = recheck(workbench)
        version["now"] = 2
        started = time.perf_counter()
        outcome = recheck(workbench)
        seconds = time.perf_counter() - started
        workbench.close()
    changed = count // 10
    wanted = {"snapshots": changed, "evidence_drift": changed, "events": changed}
    grown = {t: outcome.after[t] - outcome.before[t] for t in wanted}
    ok = (
        quiet.after == quiet.before
        and grown == wanted
        and outcome.drift
        == {
            "gone": changed // 2,
            "moved": changed - changed // 2,
        }
    )
    return [
        {
            "name": f"recheck {count} kept sources, {changed} changed: rows written",
            "value": float(sum(grown.values())),
            "unit": "rows",
            "target": f"= {sum(wanted.values())}",
            "ok": ok,
            "detail": f"unchanged run wrote {quiet.after['changes'] - quiet.before['changes']}"
            f" rows; changed run: {grown}, drift {outcome.drift}, {seconds:.1f} s",
        }
    ]


_WARC_DB = """
import sys, zlib, hashlib, json
from pathlib import Path
from workbench.config import Settings
from workbench.core import Workbench
from workbench.models import ArticleDraft
from workbench.sources import Document
from benchmarks.corpus import news_text
workbench = Workbench(Settings(reviewer="bench"), Path(sys.argv[1]))
workbench.import_draft(ArticleDraft(text="Trade rose 5% in 2025.", title="t"))
text = news_text(200_000, seed=3)
with workbench.store.transaction():
    for index in range(int(sys.argv[2])):
        body = (f"<html><body><p>Snapshot {index}.</p>" + text[index % 1000:]).encode()
        document = Document(f"https://example.org/{index}", f"https://example.org/{index}",
                            200, "text/html", body, text[:2000], f"Page {index}", None,
                            http_version="HTTP/1.1",
                            request_headers=[("Host", "example.org")],
                            response_headers=[("Content-Type", "text/html")])
        workbench.store._keep(document, "bench")
"""


def warc_rows(quick: bool) -> list[dict[str, Any]]:
    """WARC export of 1,000 snapshots of 200 KB: peak RSS against listing the sources."""
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from benchmarks.measure import measure

    count = 200 if quick else 1000
    with tempfile.TemporaryDirectory() as directory:
        db = Path(directory) / "w.db"
        subprocess.run([sys.executable, "-c", _WARC_DB, str(db), str(count)], check=True)
        out = Path(directory) / "all.warc.gz"
        base = [sys.executable, "-m", "workbench", "--db", str(db)]
        seconds, peak = measure([*base, "sources", "export", "--warc", str(out)])
        _, listing = measure([*base, "sources", "--json"])
        from warcio.archiveiterator import ArchiveIterator

        with open(out, "rb") as stream:
            responses = sum(r.rec_type == "response" for r in ArchiveIterator(stream))
        size = out.stat().st_size
    return [
        {
            "name": f"WARC export of {count} snapshots of 200 KB, peak RSS",
            "value": peak,
            "unit": "MB",
            "target": "<= 150 MB",
            "ok": peak <= 150 and responses == count,
            "detail": f"{seconds:.1f} s, {size / 1e6:.0f} MB written, {responses} responses read"
            f" back; listing the same sources (`sources --json`): {listing:.0f} MB",
        }
    ]
