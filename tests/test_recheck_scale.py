"""Recheck of many kept sources, a tenth of them changed, over a real HTTP server: every
drifted excerpt is recorded, and nothing at all is written for the unchanged ones."""

from __future__ import annotations

import re
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.recheck_scale import build, page, recheck


def test_recheck_writes_only_for_changed_sources(httpserver: HTTPServer, tmp_path: Path) -> None:
    version = {"now": 1}

    def serve(request: Request) -> Response:
        index = int(request.path.rsplit("/", 1)[1])
        return Response(page(index, version["now"]), content_type="text/html")

    httpserver.expect_request(re.compile(r"/page/\d+")).respond_with_handler(serve)
    workbench = build(tmp_path / "w.db", httpserver.url_for("").rstrip("/"), 20)
    unchanged = recheck(workbench)
    assert unchanged.after == unchanged.before and unchanged.changed == 0  # nothing written
    version["now"] = 2
    outcome = recheck(workbench)
    assert (outcome.changed, outcome.failed) == (2, 0)  # pages 0 and 10
    tables = ("snapshots", "evidence_drift", "events")
    grown = {t: outcome.after[t] - outcome.before[t] for t in tables}
    assert grown == {"snapshots": 2, "evidence_drift": 2, "events": 2}
    assert outcome.drift == {"gone": 1, "moved": 1}  # page 0 lost its excerpt, 10 moved it
