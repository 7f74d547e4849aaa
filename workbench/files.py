"""Writing the files the workbench makes (reports, backups) without harming what is there.

- A regular file is written to a unique temporary file in the same directory, flushed
  to disk, and renamed over the target: a reader never sees half a report, and a crash
  leaves the old file whole. A new file gets the mode the umask gives (0644 with the
  usual 022), a replaced one keeps its mode.
- A symbolic link is followed: the file it points to is replaced (the same way), the
  link stays a link. A link that points at nothing is refused: following it would
  create a file somewhere the user may not expect.
- A device, a FIFO or a socket (/dev/stdout, /dev/null, a named pipe) is written
  into as it is; it is never replaced by a regular file.
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from workbench.errors import InputError

_UMASK_LOCK = threading.Lock()


def _umask() -> int:
    with _UMASK_LOCK:  # the umask can only be read by setting it
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The mode open() would give a new file: 0666 less the process umask."""
    return 0o666 & ~_umask()


def new_directory_mode() -> int:
    """The mode mkdir would give a new directory: 0777 less the process umask."""
    return 0o777 & ~_umask()


def resolve_target(path: Path) -> Path:
    """The path to write for `path`: a symbolic link's final target; InputError for a
    dangling link, a directory, or a missing directory."""
    path = Path(path)
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.exists():
            raise InputError(
                f"cannot write {path}: it is a symbolic link to {target}, which does not exist;"
                " remove the link or choose another name"
            )
        path = target
    if path.is_dir():
        raise InputError(f"cannot write {path}: it is a directory; give a file name")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        if directory.exists():
            raise InputError(f"cannot write {path}: {directory} is not a directory")
        raise InputError(f"cannot write {path}: directory {directory} does not exist")
    return path


def _is_special(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    return not stat.S_ISREG(mode)


# Stop signals that the CLI turns into an unwinding exception (cli.base): held off while a
# temporary file is created, so that one arriving then cannot leave it behind.
_STOPS = {signal.SIGTERM, signal.SIGHUP}


@contextmanager
def _temporary_beside(path: Path) -> Iterator[Path]:
    """An empty file beside `path` (mode 0600), removed if the block fails or is stopped."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    except OSError as error:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise InputError(f"cannot write {path}: {error.strerror}") from None
    temporary = Path(name)
    try:
        os.close(handle)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a stop now unwinds through here
        yield temporary
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A unique temporary path beside `path` (an empty file, mode 0600 while written);
    when the block ends without error it is flushed and renamed over `path` with the
    right mode; on error it is removed. `path` must already be resolved and regular."""
    with _temporary_beside(path) as temporary:
        yield temporary
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = new_file_mode()
        os.chmod(temporary, mode)
        _fsync(temporary)
        os.replace(temporary, path)
        _fsync_directory(path.parent)


@contextmanager
def replacing_new(path: Path) -> Iterator[Path]:
    """Like `replacing`, for a file that must not exist: the finished file is hard-linked
    into place, which fails rather than replace a file that appeared meanwhile."""
    with _temporary_beside(path) as temporary:
        yield temporary
        os.chmod(temporary, new_file_mode())
        _fsync(temporary)
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise InputError(f"{path} exists already; choose a new file name") from None
        except OSError as error:
            raise InputError(f"cannot write {path}: {error.strerror}") from None
        finally:
            temporary.unlink(missing_ok=True)
        _fsync_directory(path.parent)


def write_atomically(path: Path, write: Callable[[TextIO], None]) -> None:
    """Write a text file through `write(stream)`, safely (see the module's docstring)."""
    path = resolve_target(path)
    if _is_special(path):
        try:
            with open(path, "w", encoding="utf-8", newline="") as stream:
                write(stream)
        except OSError as error:
            raise InputError(f"cannot write {path}: {error.strerror}") from None
        return
    with replacing(path) as temporary, open(temporary, "w", encoding="utf-8", newline="") as out:
        write(out)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX: the directory entry lives in the directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a directory; the data itself is synced
    finally:
        os.close(fd)
