"""Commands about articles: import, extract, articles, review, demo."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import BinaryIO

import click

from workbench.cli.base import (
    State,
    _echo_json,
    _published,
    _workbench,
    allow_private_option,
    cli,
    global_options,
    json_option,
    parse_id,
)
from workbench.cli.claims import print_claims
from workbench.core import Workbench
from workbench.errors import InputError
from workbench.extract import get_extractor
from workbench.ingest import read_source
from workbench.resources import seeds_dir

extractor_option = click.option(
    "--extractor",
    metavar="NAME",
    default=None,
    help="Claim extractor: parser (default), rules (fast, no parse) or sentences (baseline).",
)


def _stdin() -> BinaryIO:
    return sys.stdin.buffer


@cli.command("import")
@click.argument("source")
@click.option("--title", help="Title of the article (default: from the page or file).")
@click.option("--url", help="URL where the article was published.")
@click.option("--outlet", help="Publication the article appeared in.")
@click.option("--published", metavar="DATE", help="Publication date, YYYY-MM-DD.")
@click.option("--encoding", help="Encoding of a text file that is not UTF-8 (e.g. cp1252).")
@extractor_option
@allow_private_option
@json_option
@global_options
@click.pass_context
def import_command(
    ctx: click.Context,
    source: str,
    title: str | None,
    url: str | None,
    outlet: str | None,
    published: str | None,
    encoding: str | None,
    extractor: str | None,
    as_json: bool,
) -> None:
    """Import an article and extract its claims.

    SOURCE is a file (.txt, .md, .html, .pdf), an http(s) URL, or - for stdin.
    Importing the same text again finds the article already there.
    """
    workbench = _workbench(ctx)
    if extractor:
        get_extractor(extractor)  # an unknown name fails before anything is read
    draft = workbench.read(
        source,
        stdin=_stdin(),
        encoding=encoding,
        title=title,
        url=url,
        outlet=outlet,
        published=_published(published),
    )
    result = workbench.import_draft(draft, extractor)
    known = workbench.checked_before(result.article.id)
    if as_json:
        _echo_json(
            {
                "article_id": result.article.id,
                "claims": result.claims,
                "created": result.created,
                "checked_before": known,
            }
        )
    else:
        click.echo(f"article {result.article.id}: {result.claims} claims")
        if known:
            click.echo(f"{known} claims match earlier checks (`workbench similar CLAIM`)", err=True)
    for text in result.notes:
        _note(text)
    if not result.created:
        click.echo(
            f"this text was imported before (article {result.article.id}); nothing changed",
            err=True,
        )


@cli.command("extract")
@click.argument("source", required=False)
@click.option(
    "--jsonl",
    is_flag=True,
    help='Batch: read lines {"id", "text"} on stdin, write lines {"id", "claims"}.',
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="With --jsonl: processes extracting side by side (output stays in input order).",
)
@click.option("--published", metavar="DATE", help="Publication date, YYYY-MM-DD (dates).")
@click.option("--encoding", help="Encoding of a text file that is not UTF-8.")
@extractor_option
@allow_private_option
@global_options
@click.pass_context
def extract_command(
    ctx: click.Context,
    source: str | None,
    jsonl: bool,
    workers: int,
    published: str | None,
    encoding: str | None,
    extractor: str | None,
) -> None:
    """Print the claims of SOURCE as JSON, without touching any database.

    Each claim is {"text", "start", "end", "kind", "checkworthiness", "attribution"};
    start and end are character offsets into the input text. With --published (or a
    "published" field in a --jsonl line) relative dates ("last year") become absolute.
    """
    from workbench.extract import batch
    from workbench.extract.base import extract_for, notes_of

    engine = get_extractor(extractor)
    when = _published(published)
    if jsonl:
        if source not in (None, "-"):
            raise InputError("--jsonl reads stdin; give no SOURCE (or -)")
        broken = []

        def report(message: str) -> None:
            broken.append(message)
            click.echo(f"error: {message}", err=True)

        limit = ctx.ensure_object(State).settings().max_article_bytes
        items = batch.read_items(_stdin(), report, limit)
        if when:
            items = ((ident, text, given or when) for ident, text, given in items)
        batch.run(items, sys.stdout, _note, extractor, workers)
        if broken:
            raise InputError(
                f"{len(broken)} line(s) could not be read (reported above); "
                "the others were extracted"
            )
        return
    if source is None:
        raise InputError("give a SOURCE to extract from (a file, a URL, or - for stdin)")
    state = ctx.ensure_object(State)
    draft = read_source(source, state.settings(), stdin=_stdin(), encoding=encoding)
    claims = extract_for(engine, draft.text, when or draft.published)
    for text in notes_of(engine):
        _note(text)
    _echo_json([claim.public() for claim in claims])


def _note(text: str) -> None:
    click.echo(f"note: {text}", err=True)


@cli.command("articles")
@json_option
@global_options
@click.pass_context
def articles_command(ctx: click.Context, as_json: bool) -> None:
    """List the articles with their review progress (claims decided / total)."""
    progress = _workbench(ctx).articles()
    if as_json:
        _echo_json(
            [
                {
                    "id": p.article.id,
                    "title": p.article.title,
                    "url": p.article.url,
                    "outlet": p.article.outlet,
                    "published": p.article.published,
                    "origin": p.article.origin,
                    "imported_at": p.article.imported_at.isoformat(),
                    "sha256": p.article.sha256,
                    "claims": p.claims,
                    "decided": p.decided,
                    "verified": p.verified,
                    "disputed": p.disputed,
                    "dismissed": p.dismissed,
                }
                for p in progress
            ]
        )
        return
    if not progress:
        click.echo("no articles yet; import one with `workbench import FILE|URL|-`", err=True)
        return
    for p in progress:
        click.echo(
            f"{p.article.id:>5}  {p.decided:>4}/{p.claims:<4} decided  {p.article.display_title}"
        )


@cli.command("review")
@click.option("--article", "article", metavar="ID", help="Open this article.")
@allow_private_option
@global_options
@click.pass_context
def review_command(ctx: click.Context, article: str | None) -> None:
    """Open the review screen (the TUI)."""
    workbench = _workbench(ctx)
    article_id = parse_id(article, "article") if article else None
    _open_review(workbench, article_id)


def _open_review(workbench: Workbench, article_id: int | None) -> None:
    """The review screen in a terminal; in a pipe or a script, the claims as text."""
    if article_id is not None:
        workbench.article(article_id)  # an unknown id is an error before any screen
    if sys.stdin.isatty() and sys.stdout.isatty():
        from workbench.tui.app import run  # Textual is loaded only for the screen

        settings, db_path = workbench.settings, workbench.db_path
        workbench.close()
        run(settings, db_path, article_id)
        return
    progress = workbench.articles()
    if not progress:
        click.echo("no articles yet; import one with `workbench import FILE|URL|-`", err=True)
        return
    target = article_id if article_id is not None else progress[0].article.id
    article = workbench.article(target)
    click.echo(f"{article.display_title}", err=True)
    print_claims(workbench.claims(article_id=target))
    click.echo("(run it in a terminal to open the review screen)", err=True)


@cli.command("demo")
@allow_private_option
@global_options
@click.pass_context
def demo_command(ctx: click.Context) -> None:
    """Import the demo article into a separate demo database and open it."""
    state = ctx.ensure_object(State)
    settings = state.settings()
    db_path = state.db or settings.demo_database_path()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    workbench = Workbench(settings, db_path=db_path)
    ctx.call_on_close(workbench.close)
    seed = _seed_file()
    metadata = json.loads(seed.with_suffix(".json").read_text(encoding="utf-8"))
    draft = workbench.read(
        str(seed),
        title=metadata.get("title"),
        url=metadata.get("url"),
        outlet=metadata.get("outlet"),
        published=metadata.get("published"),
    )
    result = workbench.import_draft(draft)
    click.echo(f"demo database: {db_path}", err=True)
    _open_review(workbench, result.article.id)


def _seed_file() -> Path:
    seeds = sorted(seeds_dir().glob("*.txt"))
    if not seeds:
        raise InputError(f"the demo article is missing from {seeds_dir()}; reinstall workbench")
    return seeds[0]
