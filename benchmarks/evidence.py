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
    return [
        *figure_rows(),
        check_cost(),
        *recheck_rows(quick),
        *warc_rows(quick),
        *attach_rows(quick),
    ]


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


_ATTACH = """
import asyncio, sys, threading, time
from pathlib import Path
from workbench.config import Settings
from workbench.tui.app import WorkbenchApp
from workbench.tui.evidence import EvidencePane

db, url, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
if mode == "cold":
    EvidencePane._warmed = True  # the baseline: no warming
app = WorkbenchApp(Settings(db=db, reviewer="bench", allow_private=True))


async def main():
    times = []
    async with app.run_test(size=(150, 45)) as pilot:
        await pilot.pause()
        for thread in threading.enumerate():
            if thread.name == "warm":
                thread.join()  # a reviewer reads the screen before pressing a
        for _ in range(4):
            await pilot.press("a", *url)
            started = time.perf_counter()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            times.append(time.perf_counter() - started)
            await pilot.press("escape")
            await pilot.pause()
    print(" ".join(str(t) for t in times))


asyncio.run(main())
"""


def attach_rows(quick: bool) -> list[dict[str, Any]]:
    """First attach in a fresh TUI against later ones of the same page (local server)."""
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    page = (
        b"<html><head><title>Customs</title></head><body><article><p>Official customs figures"
        b" show bilateral trade between India and China reached $155.6bn in 2025.</p>"
        b"</article></body></html>"
    )
    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_2a150881a98f0715.txt"
    results = {}
    with (
        tempfile.TemporaryDirectory() as directory,
        serve(lambda path: (200, "text/html", page)) as base,
    ):
        db = Path(directory) / "w.db"
        base_cmd = [sys.executable, "-m", "workbench", "--db", str(db)]
        subprocess.run([*base_cmd, "import", str(seed)], check=True, capture_output=True)
        for mode in ("warm", "cold"):
            runs = []
            for _ in range(1 if quick else 3):
                out = subprocess.run(
                    [sys.executable, "-c", _ATTACH, str(db), f"{base}/customs", mode],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                times = [float(t) for t in out.stdout.split()]
                runs.append((times[0], statistics.median(times[1:])))
            first = statistics.median(r[0] for r in runs)
            later = statistics.median(r[1] for r in runs)
            results[mode] = (first, later)
    (first, later), (cold_first, cold_later) = results["warm"], results["cold"]
    return [
        {
            "name": "first attach in a fresh TUI / a later attach of the same page",
            "value": first / later,
            "unit": "ratio",
            "target": "<= 1.3",
            "ok": first / later <= 1.3,
            "detail": f"readers warmed after the first frame: first {first * 1000:.0f} ms, later"
            f" {later * 1000:.0f} ms; not warmed: first {cold_first * 1000:.0f} ms, later"
            f" {cold_later * 1000:.0f} ms ({cold_first / cold_later:.2f}×)",
        }
    ]
