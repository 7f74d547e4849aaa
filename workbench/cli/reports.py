"""The export command."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import click

from workbench.cli.base import _workbench, cli, global_options, parse_id
from workbench.files import write_atomically
from workbench.report import (
    FORMATS,
    SELECTIONS,
    check_selection,
    json_schema,
    normalise_format,
    write_report,
)

__all__ = ["export_command", "write_atomically"]  # write_atomically: the TUI's export uses it


@cli.command("export")
@click.option("--article", metavar="ID", help="Only this article (default: every article).")
@click.option(
    "--format",
    "fmt",
    metavar="FORMAT",
    default="md",
    show_default=True,
    help=f"One of: {', '.join(FORMATS)}.",
)
@click.option(
    "--status",
    "selection",
    metavar="STATUS",
    default=None,
    help=f"Which claims: {', '.join(SELECTIONS)} (all: grouped by verdict). Default: verified;"
    " for claimreview, decided (verified and disputed).",
)
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
    output: Path | None,
    report_url: str | None,
    schema: bool,
) -> None:
    """Export the report of the reviewed claims: Markdown (default), HTML, JSON, CSV or
    ClaimReview JSON-LD. Default: the verified claims of every article, to stdout."""
    if schema:
        click.echo(json_schema(), nl=False)
        return
    fmt = normalise_format(fmt)
    if selection is None:
        selection = "decided" if fmt == "claimreview" else "verified"
    check_selection(selection)  # before the database is opened
    article_id = parse_id(article, "article") if article else None
    workbench = _workbench(ctx)
    url = report_url or workbench.settings.report_url or None
    if fmt == "claimreview" and not url:
        click.echo(
            "warning: ClaimReview items have no url: pass --report-url (where the report will"
            " be published) or set WORKBENCH_REPORT_URL",
            err=True,
        )

    def write(out: TextIO) -> None:
        write_report(
            out, workbench.store, fmt, article_id, selection, workbench.settings.organisation, url
        )

    if output is None:
        write(sys.stdout)
        return
    write_atomically(output, write)
    click.echo(f"wrote {output}", err=True)
