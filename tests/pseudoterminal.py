"""Run a command on a real pseudo-terminal, as a user's shell would, and read all it wrote."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import time


def run_on_pty(
    argv: list[str], env: dict[str, str], size: tuple[int, int] | None = None
) -> tuple[int, bytes]:
    """Run `argv` with stdout and stderr on a pseudo-terminal (and stdin too, in a session
    of its own, when `size` gives the terminal's columns and rows); its exit status and
    every byte it wrote."""
    master, slave = os.openpty()
    if size is not None:
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen(
        argv,
        stdin=slave if size is not None else subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=size is not None,
    )
    os.close(slave)
    output = read_to_end(master, timeout=600)
    os.close(master)
    return process.wait(timeout=60), output


def start_on_pty(
    argv: list[str], env: dict[str, str], size: tuple[int, int]
) -> tuple[subprocess.Popen[bytes], int]:
    """Start `argv` on a pseudo-terminal of `size` (columns, rows), in a session of its
    own; the process and the terminal's master end, to read from and to close."""
    master, slave = os.openpty()
    columns, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    return process, master


def read_until(master: int, text: bytes, timeout: float = 60.0) -> bytes:
    """Read the terminal until `text` has been written to it, it closes, or `timeout`
    seconds pass; all read."""
    seen = b""
    deadline = time.monotonic() + timeout
    while text not in seen:
        ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    return seen


def read_to_end(master: int, timeout: float = 60.0) -> bytes:
    """Read the terminal until every process holding it has closed it, or `timeout`."""
    return read_until(master, b"\0the end\0", timeout)
