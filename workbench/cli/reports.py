"""The export command."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from workbench.cli.base import _workbench, cli, global_options, parse_id
from workbench.errors import InputError
from workbench.report import FORMATS, SELECTIONS, build_report, render


@cli.command("export")
@click.option("--article", metavar="ID", help="Only this article (default: every article).")
@click.option(
    "--format",
    "fmt",
    metavar="FORMAT",
    default="json",
    show_default=True,
    help=f"One of: {', '.join(FORMATS)}.",
)
@click.option(
    "--status",
    "selection",
    metavar="STATUS",
    default="verified",
    show_default=True,
    help=f"Which claims: {', '.join(SELECTIONS)}.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE (atomically).")
@global_options
@click.pass_context
def export_command(
    ctx: click.Context, article: str | None, fmt: str, selection: str, output: Path | None
) -> None:
    """Export the report of the reviewed claims."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if selection not in SELECTIONS:
        raise InputError(f"unknown status {selection!r}; choose one of: {', '.join(SELECTIONS)}")
    article_id = parse_id(article, "article") if article else None
    workbench = _workbench(ctx)
    text = render(build_report(workbench.store, article_id, selection), fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    write_atomically(output, text)
    click.echo(f"wrote {output}", err=True)


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: never half a file."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"cannot write {path}: directory {directory} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
