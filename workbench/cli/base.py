"""The command group and what every command shares: options, errors, output.

Data goes to stdout, messages to stderr. Exit 0 on success, 1 on bad input or a failed
operation (one line "error: ..."), 2 on usage errors.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from pydantic import ValidationError

from workbench import __version__
from workbench.config import Settings
from workbench.core import Workbench
from workbench.errors import InputError, WorkbenchError
from workbench.schema import describe_sqlite_error

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class State:
    db: Path | None = None
    reviewer: str | None = None
    allow_private: bool = False

    def settings(self) -> Settings:
        overrides: dict[str, Any] = {}
        if self.db is not None:
            overrides["db"] = self.db
        if self.reviewer is not None:
            overrides["reviewer"] = self.reviewer
        if self.allow_private:
            overrides["allow_private"] = True
        try:
            return Settings(**overrides)
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(part) for part in first["loc"])
            raise InputError(
                f"invalid setting {field}: {first['msg']} (check --{field}, WORKBENCH_"
                f"{field.upper()} or the config file)"
            ) from None


class WorkbenchGroup(click.Group):
    """Turns the core's errors into one line on stderr and exit status 1, and usage
    errors into one line and exit status 2."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "workbench"
            message = " ".join(error.format_message().split())
            click.echo(f"error: {message} (see `{where} --help`)", err=True)
            sys.exit(2)
        except click.Abort:
            click.echo("error: aborted", err=True)
            sys.exit(1)
        if isinstance(result, int) and result:
            sys.exit(result)  # an Exit raised inside a command (our errors: 1)
        return result

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WorkbenchError as error:
            _fail(str(error))
        except sqlite3.DatabaseError as error:
            state = ctx.find_object(State)
            path = state.settings().database_path() if state else Path("?")
            _fail(describe_sqlite_error(path, error))
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            raise click.exceptions.Exit(130) from None


def _fail(message: str) -> None:
    click.echo(f"error: {' '.join(message.split())}", err=True)
    raise click.exceptions.Exit(1)


def _set_db(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(State).db = value


def _set_reviewer(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(State).reviewer = value


def global_options(command: F) -> F:
    """--db and --reviewer, accepted before or after the command name."""
    command = click.option(
        "--reviewer",
        metavar="NAME",
        expose_value=False,
        callback=_set_reviewer,
        help="Name recorded on changes (default: $WORKBENCH_REVIEWER or your login name).",
    )(command)
    command = click.option(
        "--db",
        metavar="PATH",
        type=click.Path(path_type=Path),
        expose_value=False,
        callback=_set_db,
        help="Database file (default: $WORKBENCH_DB or the user data directory).",
    )(command)
    return command


def _set_allow_private(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(State).allow_private = True


allow_private_option = click.option(
    "--allow-private",
    is_flag=True,
    expose_value=False,
    callback=_set_allow_private,
    help="Allow fetching private, loopback and link-local addresses (intranet sources).",
)

json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print JSON (stable, documented)."
)


def _workbench(ctx: click.Context) -> Workbench:
    state = ctx.ensure_object(State)
    workbench = Workbench(state.settings())
    ctx.call_on_close(workbench.close)
    return workbench


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def parse_id(value: str, what: str = "claim") -> int:
    text = value.strip().lstrip("#")
    if not text.isdigit():
        raise InputError(f"{what} id must be a whole number, got {value[:60]!r}")
    return int(text)


def _published(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"invalid date {value!r}; give it as YYYY-MM-DD") from None


@click.group(cls=WorkbenchGroup, invoke_without_command=True)
@global_options
@click.version_option(__version__, prog_name="workbench")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """A fact-check workbench: import an article, review its claims, attach sources,
    publish a report.

    Run without a command to open the review screen.
    """
    ctx.ensure_object(State)
    if ctx.invoked_subcommand is None:
        review_command = cli.get_command(ctx, "review")
        assert review_command is not None
        ctx.invoke(review_command)
