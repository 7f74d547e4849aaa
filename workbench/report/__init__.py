"""Reports of the reviewed claims, in every format, written to a text stream."""

from __future__ import annotations

import json
from typing import TextIO

from workbench.errors import InputError
from workbench.report.claimreview import write_claimreview
from workbench.report.csvfmt import write_csv
from workbench.report.html import write_html
from workbench.report.jsonfmt import write_json
from workbench.report.markdown import write_markdown
from workbench.report.model import SELECTIONS, Report, build_report
from workbench.store import Store
from workbench.weburl import require_web_url

FORMATS = ("md", "html", "json", "csv", "claimreview")
_ALIASES = {"markdown": "md", "jsonld": "claimreview", "claim-review": "claimreview"}


def normalise_format(name: str) -> str:
    fmt = _ALIASES.get(name.lower(), name.lower())
    if fmt not in FORMATS:
        raise InputError(f"unknown format {name!r}; choose one of: {', '.join(FORMATS)}")
    return fmt


def check_selection(selection: str) -> None:
    if selection not in SELECTIONS:
        raise InputError(f"unknown status {selection!r}; choose one of: {', '.join(SELECTIONS)}")


def write_report(
    out: TextIO,
    store: Store,
    fmt: str,
    article_id: int | None = None,
    selection: str = "verified",
    organisation: str = "",
    report_url: str | None = None,
) -> None:
    """Write the report of the selected claims in `fmt` to `out`, as it is read."""
    check_selection(selection)
    fmt = normalise_format(fmt)
    if report_url:
        require_web_url(report_url, "the report URL (--report-url, WORKBENCH_REPORT_URL)")
    if article_id is not None:
        store.get_article(article_id)  # an unknown article fails before anything is written
    if fmt == "md":
        write_markdown(out, store, article_id, selection)
    elif fmt == "html":
        write_html(out, store, article_id, selection, organisation)
    elif fmt == "json":
        write_json(out, store, article_id, selection)
    elif fmt == "csv":
        write_csv(out, store, article_id, selection)
    else:
        write_claimreview(out, store, article_id, selection, organisation, report_url)


def json_schema() -> str:
    return json.dumps(Report.model_json_schema(), indent=2) + "\n"


__all__ = [
    "FORMATS",
    "SELECTIONS",
    "Report",
    "build_report",
    "check_selection",
    "json_schema",
    "write_report",
]
