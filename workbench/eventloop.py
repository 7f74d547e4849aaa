"""asyncio.run for the command line, with a Ctrl-C that ends the run at once."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


def run_interruptible(work: Callable[[], Awaitable[T]]) -> T:
    """Run `work()` to its end in a new event loop; Ctrl-C (SIGINT) cancels it and raises
    KeyboardInterrupt.

    asyncio.run handles Ctrl-C too, but with signal.signal alone: when the kernel hands the
    signal to another thread of the process (the executor's, resolving a host name), the
    loop is not woken, and the interrupt waits for the next network event. A recheck
    stopped with Ctrl-C then waited for a source that never answered, up to the fetch
    timeout. The loop's own signal handler wakes it, whichever thread takes the signal.
    """
    interrupted = False

    async def main() -> T:
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        assert task is not None

        def interrupt() -> None:
            nonlocal interrupted
            interrupted = True
            task.cancel()

        with contextlib.suppress(RuntimeError, ValueError):  # not the main thread: no signals
            loop.add_signal_handler(signal.SIGINT, interrupt)
        return await work()

    try:
        return asyncio.run(main())
    except asyncio.CancelledError:
        if interrupted:
            raise KeyboardInterrupt from None
        raise
