"""`workbench transcript`: the check-worthiness of each line of a debate or interview."""

from __future__ import annotations

import sys

import click

from workbench.cli.base import (
    State,
    _echo_json,
    allow_private_option,
    cli,
    global_options,
    json_option,
)
from workbench.errors import InputError
from workbench.ingest import read_source


@cli.command("transcript")
@click.argument("source", required=False)
@click.option("--encoding", help="Encoding of a text file that is not UTF-8.")
@json_option
@allow_private_option
@global_options
@click.pass_context
def transcript_command(
    ctx: click.Context, source: str | None, encoding: str | None, as_json: bool
) -> None:
    """Rank the lines of a transcript (a debate, a speech, an interview) by
    check-worthiness, most check-worthy first, without touching any database.

    SOURCE (a file, a URL, or - for stdin) has one turn or sentence a line: `SPEAKER:
    words`, `speaker<TAB>words`, or CheckThat!'s `number<TAB>speaker<TAB>words`. A line
    without a speaker goes on with the previous speaker; `[Applause]` and the like are
    interjections. Each line is scored in context (debate mode): who speaks, the
    sentence it belongs to, the lines around it. --json: a list of {"line", "speaker",
    "text", "checkworthiness", "checkworthiness_level"}, "line" counting from 1.
    """
    from workbench.extract.checkworthy import level
    from workbench.extract.checkworthy_debate import read_transcript, score_transcript

    if source is None:
        raise InputError("give a SOURCE transcript (a file, a URL, or - for stdin)")
    settings = ctx.ensure_object(State).settings()
    draft = read_source(source, settings, stdin=sys.stdin.buffer, encoding=encoding)
    turns = read_transcript(draft.text)
    if not turns:
        raise InputError(
            f"{source} has no lines to score; give one turn a line, as `SPEAKER: words`"
        )
    scores = score_transcript([(t.speaker, t.text) for t in turns])
    ranked = sorted(zip(turns, scores, strict=True), key=lambda pair: -pair[1])
    if as_json:
        _echo_json(
            [
                {
                    "line": turn.line,
                    "speaker": turn.speaker,
                    "text": turn.text,
                    "checkworthiness": score,
                    "checkworthiness_level": level(score),
                }
                for turn, score in ranked
            ]
        )
        return
    for turn, score in ranked:
        who = f"{turn.speaker}: " if turn.speaker else ""
        click.echo(f"{level(score):<6} {turn.line:>5}  {who}{turn.text}")
