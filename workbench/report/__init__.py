"""Reports of the reviewed claims, in every format, written to a text stream."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from workbench.errors import InputError
from workbench.report.claimreview import check_claimreview, write_claimreview
from workbench.report.csvfmt import write_csv
from workbench.report.html import write_html
from workbench.report.jsonfmt import write_json
from workbench.report.markdown import write_markdown
from workbench.report.model import AUDIENCES, SELECTIONS, STATUSES, Report, build_report
from workbench.report.options import KeptCopies, ReportOptions
from workbench.store import Store
from workbench.weburl import require_web_url

if TYPE_CHECKING:
    from workbench.config import Settings

FORMATS = ("md", "html", "json", "csv", "claimreview")
EXTENSIONS = {"md": "md", "html": "html", "json": "json", "csv": "csv", "claimreview": "jsonld"}
_ALIASES = {"markdown": "md", "jsonld": "claimreview", "claim-review": "claimreview"}


def normalise_format(name: str) -> str:
    fmt = _ALIASES.get(name.lower(), name.lower())
    if fmt not in FORMATS:
        raise InputError(f"unknown format {name!r}; choose one of: {', '.join(FORMATS)}")
    return fmt


def check_selection(selection: str) -> None:
    if selection not in SELECTIONS:
        raise InputError(f"unknown status {selection!r}; choose one of: {', '.join(SELECTIONS)}")


def check_audience(audience: str) -> None:
    if audience not in AUDIENCES:
        raise InputError(f"unknown audience {audience!r}; choose one of: {', '.join(AUDIENCES)}")


def default_audience(fmt: str) -> str:
    """Reports meant for readers (HTML, ClaimReview) are public unless asked otherwise."""
    return "public" if fmt in ("html", "claimreview") else "internal"


def unsourced_warning(store: Store, article_id: int | None, options: ReportOptions) -> str | None:
    """What to say when a public report holds verdicts with no source attached: the
    internal report flags each of them, a public one only shows no source, so the one
    who writes it is told (None when there is nothing to say)."""
    if options.audience != "public":
        return None
    statuses = STATUSES[options.selection]
    ids = [
        row["id"]
        for row in store.unsourced_verdicts(article_id)
        if (statuses is None or row["status"] in statuses)
        and (row["approved"] or not options.approved_only)
    ]
    if not ids:
        return None
    shown = ", ".join(str(i) for i in ids[:10]) + (
        f" and {len(ids) - 10} more" if len(ids) > 10 else ""
    )
    return (
        f"{len(ids)} claim(s) of this public report are decided with no source attached"
        f" (claim {shown}): readers see a verdict with nothing behind it; the internal"
        " report flags them"
    )


def report_options(
    settings: Settings,
    fmt: str,
    selection: str | None = None,
    audience: str | None = None,
    approved_only: bool = False,
    report_url: str | None = None,
    copies: KeptCopies | None = None,
) -> ReportOptions:
    """The options of a report in `fmt`, from the settings and what the user chose: the
    CLI's export and the TUI's export dialog both build their reports with it."""
    fmt = normalise_format(fmt)
    return ReportOptions(
        selection=selection or ("all" if fmt == "claimreview" else "verified"),
        audience=audience or default_audience(fmt),
        approved_only=approved_only or (fmt == "claimreview" and settings.require_approval),
        scales=settings.scales(),
        organisation=settings.organisation,
        report_url=report_url or settings.report_url or None,
        methods_note=settings.methods_note,
        archive_url=settings.archive_url,
        copies=copies,
    )


def write_report(
    out: TextIO,
    store: Store,
    fmt: str,
    article_id: int | None = None,
    selection: str = "verified",
    organisation: str = "",
    report_url: str | None = None,
    options: ReportOptions | None = None,
) -> None:
    """Write the report of the selected claims in `fmt` to `out`, as it is read.

    Everything that can make the report fail is checked before its first byte: an
    unknown article, a rating on a scale the configuration lost, a ClaimReview with no
    organisation or no URL."""
    fmt = normalise_format(fmt)
    if options is None:
        options = ReportOptions(
            selection=selection,
            audience=default_audience(fmt),
            organisation=organisation,
            report_url=report_url,
        )
    check_selection(options.selection)
    check_audience(options.audience)
    if options.report_url:
        require_web_url(options.report_url, "the report URL (--report-url, WORKBENCH_REPORT_URL)")
    if article_id is not None:
        store.get_article(article_id)  # an unknown article fails before anything is written
    for status in store.unknown_statuses():
        raise InputError(
            f"the database holds a claim status workbench cannot read: {status!r}; was it"
            " edited by hand? `workbench doctor` checks the database"
        )
    for scale, label in store.rating_labels():
        known = options.scales.get(scale or "")
        if known is None or known.get(label) is None:
            raise InputError(
                f"claims are rated {label!r} on the scale {scale!r}, which the configuration"
                " no longer has; add the scale back to rating_scales in the config file"
            )
    if fmt == "md":
        write_markdown(out, store, article_id, options)
    elif fmt == "html":
        write_html(out, store, article_id, options)
    elif fmt == "json":
        write_json(out, store, article_id, options)
    elif fmt == "csv":
        write_csv(out, store, article_id, options)
    else:
        check_claimreview(options)
        write_claimreview(out, store, article_id, options)


def json_schema() -> str:
    return json.dumps(Report.model_json_schema(), indent=2) + "\n"


__all__ = [
    "AUDIENCES",
    "EXTENSIONS",
    "FORMATS",
    "SELECTIONS",
    "KeptCopies",
    "Report",
    "ReportOptions",
    "build_report",
    "check_audience",
    "check_selection",
    "default_audience",
    "json_schema",
    "report_options",
    "write_report",
]
