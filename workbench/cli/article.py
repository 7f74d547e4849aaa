"""`workbench article`: an article's text with the character offsets `add` takes."""

from __future__ import annotations

import click

from workbench.cli.base import _echo_json, _workbench, cli, global_options, json_option, parse_id
from workbench.words import wrapped_lines

WIDTH = 72  # characters of text per line: with the offset before it, 80 columns


@cli.command("article")
@click.argument("article")
@json_option
@global_options
@click.pass_context
def article_command(ctx: click.Context, article: str, as_json: bool) -> None:
    """Print ARTICLE's text, each line after the offset of its first character.

    The Nth character of a line (counting from 0) is at offset + N: the offsets
    `workbench add ARTICLE START END` takes (END is the offset just after the last
    character). --json gives the text with its paragraphs and sentences, each with
    start and end."""
    found = _workbench(ctx).article(parse_id(article, "article"))
    text = found.text
    if as_json:
        from workbench.extract.segment import paragraphs, sentences

        _echo_json(
            {
                "article_id": found.id,
                "title": found.title,
                "length": len(text),
                "text": text,
                "paragraphs": [
                    {"start": start, "end": end} for start, end in paragraphs(text) if start < end
                ],
                "sentences": [
                    {"start": s.start, "end": s.end, "text": s.text(text)} for s in sentences(text)
                ],
            }
        )
        return
    digits = len(str(len(text)))
    for start, end in wrapped_lines(text, WIDTH):
        line = text[start:end].rstrip()
        click.echo(f"{start:>{digits}}  {line}" if line else "")
