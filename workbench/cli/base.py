"""The command group and what every command shares: options, errors, output.

Data goes to stdout, messages to stderr. Exit 0 on success, 1 on bad input or a failed
operation (one line "error: ..."), 2 on usage errors.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
import threading
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from pydantic import ValidationError

from workbench import __version__
from workbench.config import Settings, config_file
from workbench.core import Workbench
from workbench.errors import InputError, WorkbenchError
from workbench.ids import SQLITE_MAX_INT, is_whole_number
from workbench.ids import parse_id as parse_id  # the commands take it from here
from workbench.schema import describe_sqlite_error
from workbench.termsafe import protect_terminal

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
            if not first["loc"] or first["loc"][0] == "rating_scales":
                # a setting only the config file holds: say which file, and where in it
                where = f" at {field}" if field else ""
                message = str(first["msg"]).removeprefix("Value error, ")
                raise InputError(f"invalid config file {config_file()}{where}: {message}") from None
            top = str(first["loc"][0]) if first["loc"] else field
            # Name only the places the setting can really come from.
            places = [f"--{top.replace('_', '-')}"] if top in _SETTING_OPTIONS else []
            places += [f"WORKBENCH_{top.upper()}", f"{top} in {config_file()}"]
            raise InputError(
                f"invalid setting {field}: {first['msg']} (check {', '.join(places)})"
            ) from None
        except tomllib.TOMLDecodeError as error:
            raise InputError(
                f"the config file {config_file()} is not valid TOML ({error}); fix it, or"
                " point WORKBENCH_CONFIG at another file"
            ) from None
        except OSError as error:
            raise InputError(
                f"cannot read the config file {config_file()}: {error.strerror}"
            ) from None


# The settings that also have a command-line option.
_SETTING_OPTIONS = {"db", "reviewer", "allow_private"}


class WorkbenchGroup(click.Group):
    """Turns the core's errors into one line on stderr and exit status 1, and usage
    errors into one line and exit status 2."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        protect_terminal()  # data printed to a terminal never drives it (termsafe.py)
        argv = kwargs.get("args", args[0] if args else None)
        _refuse_undecodable(sys.argv[1:] if argv is None else list(argv))
        with _terminating_cleanly():
            return self._main(*args, **kwargs)

    def _main(self, *args: Any, **kwargs: Any) -> Any:
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
        _flush_stdout()
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
        except ValidationError as error:  # the models refuse a row (the store builds them)
            _fail(describe_unreadable_row(error))
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            raise click.exceptions.Exit(130) from None
        except OSError as error:
            if error.filename is None:  # stdout itself failed
                _detach_stdout()
                if isinstance(error, BrokenPipeError):
                    raise click.exceptions.Exit(PIPE_CLOSED) from None
            _fail(describe_os_error(error))


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwound like Ctrl-C, so that open transactions roll back
    and temporary files (a report or backup being written) are removed on the way out;
    the default action killed the process where it stood and left them behind."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, _frame: object) -> None:
    raise Terminated(signum)


@contextmanager
def _terminating_cleanly() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    wanted = [signal.SIGTERM, signal.SIGHUP]
    previous = {signum: signal.signal(signum, _raise_terminated) for signum in wanted}
    try:
        yield
    except Terminated as stop:
        click.echo(f"error: stopped by {signal.Signals(stop.signum).name}", err=True)
        sys.exit(128 + stop.signum)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


# The reader of our output went away (`workbench claims | head -1`): end silently, with the
# status of a program that SIGPIPE stopped, as cat or grep would. Python ignores SIGPIPE
# and raises instead, so that transactions still roll back on the way out.
PIPE_CLOSED = 128 + signal.SIGPIPE


def describe_os_error(error: OSError) -> str:
    """One line for an OSError: the file it concerns, or the output (stdout) failing."""
    reason = error.strerror or str(error)
    if error.filename is None:
        return f"cannot write the output: {reason}"
    name = str(error.filename)
    if len(name) > 80:
        name = name[:40] + "…" + name[-30:]
    return f"cannot use {name}: {reason}"


def describe_unreadable_row(error: ValidationError) -> str:
    """One line for a database value the models refuse: a row edited by hand, or written
    by another program, that breaks the schema's rules."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"])
    shown = repr(first.get("input"))
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return (
        f"the database holds a value workbench cannot read: {error.title}.{field} = {shown}"
        f" ({first['msg']}); was it edited by hand? `workbench doctor` checks the database"
    )


def _flush_stdout() -> None:
    """Write out what is buffered now, so that a full disk or a closed pipe is an error
    line and exit 1, not a message from the interpreter's shutdown."""
    try:
        sys.stdout.flush()
    except OSError as error:
        _detach_stdout()
        if isinstance(error, BrokenPipeError):
            sys.exit(PIPE_CLOSED)
        click.echo(f"error: {describe_os_error(error)}", err=True)
        sys.exit(1)


def _detach_stdout() -> None:
    # What is left in the buffer can never be written: point stdout at /dev/null so that
    # the interpreter's final flush does not fail again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (tests capture stdout)
        pass


def _refuse_undecodable(argv: list[str]) -> None:
    """Bytes that are not UTF-8 reach Python as lone surrogates, which SQLite, the
    terminal and the reports cannot take: refuse them before anything is read."""
    for arg in argv:
        if "\x00" in arg:  # no file name, id or text holds one; os calls raise on it
            shown = arg.replace("\x00", "␀")[:60]
            click.echo(f"error: the argument {shown!r} holds a NUL character; remove it", err=True)
            sys.exit(1)
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "replace").decode("utf-8")[:60]
            click.echo(
                f"error: the argument {shown!r} is not valid UTF-8; give text and file names"
                " in UTF-8 (rename the file, or import it from stdin: `workbench import -`)",
                err=True,
            )
            sys.exit(1)


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


# Only these commands start a new database; the others refuse a missing file, so that a
# mistyped --db is an error rather than a new, empty database that looks like lost work.
CREATING_COMMANDS = {("import",), ("demo",), ("factchecks", "import")}


def _command_names(ctx: click.Context) -> tuple[str, ...]:
    names: list[str] = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return tuple(reversed(names))


def require_database(path: Path, default: bool) -> None:
    """Refuse a database file that does not exist yet (reading commands, doctor)."""
    try:
        exists = path.exists()
    except OSError:  # a name too long to be a file; opening it says what is wrong
        return
    if exists:
        return
    if default:
        raise InputError(
            f"no database yet at {path}; import an article first"
            " (`workbench import FILE|URL|-`) or try `workbench demo`"
        )
    raise InputError(
        f"no database at {path}; check --db or WORKBENCH_DB (`workbench import` starts a new one)"
    )


def _workbench(ctx: click.Context) -> Workbench:
    state = ctx.ensure_object(State)
    settings = state.settings()
    if _command_names(ctx) not in CREATING_COMMANDS:
        require_database(settings.database_path(), default=settings.db is None)
    workbench = Workbench(settings)
    ctx.call_on_close(workbench.close)
    return workbench


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


class WholeNumber(click.ParamType):
    """A whole number option or argument: ASCII digits only, within [minimum, SQLite's
    largest integer]; anything else is a usage error naming the value."""

    name = "integer"

    def __init__(self, minimum: int = 0):
        self.minimum = minimum

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            number = value
        else:
            text = str(value).strip()
            if not is_whole_number(text):
                self.fail(f"{text[:60]!r} is not a whole number", param, ctx)
            number = int(text)
        if not self.minimum <= number <= SQLITE_MAX_INT:
            shown = str(number)
            shown = shown if len(shown) <= 30 else shown[:30] + "…"
            self.fail(
                f"{shown} is out of range (from {self.minimum} to {SQLITE_MAX_INT})", param, ctx
            )
        return number


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
