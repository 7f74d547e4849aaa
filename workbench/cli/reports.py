"""The export command."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from workbench.cli.base import _workbench, cli, global_options, parse_id
from workbench.files import write_atomically
from workbench.report import (
    FORMATS,
    SELECTIONS,
    check_audience,
    check_selection,
    default_audience,
    json_schema,
    normalise_format,
    report_options,
    unsourced_warning,
    write_report,
)
from workbench.report.files import write_report_file

__all__ = ["export_command", "write_atomically"]  # write_atomically: the TUI's export uses it


@cli.command("export")
@click.option("--article", metavar="ID", help="Only this article (default: every article).")
@click.option(
    "--format",
    "fmt",
    metavar="FORMAT",
    default="md",
    show_default=True,
    help=f"One of: {', '.join(FORMATS)} (ClaimReview JSON-LD, written as .jsonld).",
)
@click.option(
    "--status",
    "selection",
    metavar="STATUS",
    default=None,
    help=f"Which claims: {', '.join(SELECTIONS)} (all: grouped by verdict). Default: verified;"
    " for claimreview, every rated claim.",
)
@click.option(
    "--audience",
    metavar="AUDIENCE",
    default=None,
    help="public (what readers see: no logins, ids, hashes or HTTP codes) or internal"
    " (everything). Default: public for html and claimreview, internal for the others.",
)
@click.option("--approved-only", is_flag=True, help="Only claims signed off by a second reviewer.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE (atomically).")
@click.option(
    "--report-url", metavar="URL", help="Where the report is published (ClaimReview url)."
)
@click.option("--schema", is_flag=True, help="Print the JSON Schema of the JSON report and exit.")
@global_options
@click.pass_context
def export_command(
    ctx: click.Context,
    article: str | None,
    fmt: str,
    selection: str | None,
    audience: str | None,
    approved_only: bool,
    output: Path | None,
    report_url: str | None,
    schema: bool,
) -> None:
    """Export the report of the reviewed claims: Markdown (default), HTML, JSON, CSV or
    ClaimReview JSON-LD. Default: the verified claims of every article, to stdout.

    A public HTML or Markdown report written to FILE gets the kept copies of its sources
    beside it, in FILE-sources/ (unless archive_url links to the organisation's archive)."""
    if schema:
        click.echo(json_schema(), nl=False)
        return
    fmt = normalise_format(fmt)
    selection = selection or ("all" if fmt == "claimreview" else "verified")
    audience = audience or default_audience(fmt)
    check_selection(selection)  # before the database is opened
    check_audience(audience)
    article_id = parse_id(article, "article") if article else None
    workbench = _workbench(ctx)
    if output is not None:
        warning = write_report_file(
            workbench.store,
            workbench.settings,
            output,
            fmt,
            article_id,
            selection,
            audience,
            approved_only,
            report_url,
        )
        click.echo(f"wrote {output}", err=True)
    else:
        options = report_options(
            workbench.settings, fmt, selection, audience, approved_only, report_url
        )
        # whole or nothing on stdout too: a report that fails half-way must not leave its
        # first half in the reader's pipe
        report = io.StringIO()
        write_report(report, workbench.store, fmt, article_id, options=options)
        sys.stdout.write(report.getvalue())
        warning = unsourced_warning(workbench.store, article_id, options)
    if warning:
        click.echo(f"warning: {warning}", err=True)
