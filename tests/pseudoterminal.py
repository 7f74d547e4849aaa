"""Run a command on a real pseudo-terminal, as a user's shell would, and read all it wrote."""

from __future__ import annotations

import fcntl
import os
import struct
import subprocess
import termios


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
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return process.wait(timeout=60), b"".join(chunks)
