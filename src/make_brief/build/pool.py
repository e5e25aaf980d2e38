"""Worker processes of a check or a build: forked warm, and never outliving the command.

Workers are forked, not spawned: on Linux a fork is the fastest start, and the worker
inherits what the parent has already imported and read (modules, template sets, labels,
validated briefs) instead of doing it again. That is safe here because the parent holds
no threads and no WeasyPrint state when it forks.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def fork_pool(
    workers: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()
) -> ProcessPoolExecutor:
    """A pool of ``workers`` forked processes, each of which dies with this one."""
    from multiprocessing import get_context

    context = get_context("fork") if os.name == "posix" else get_context()
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start,
        initargs=(os.getpid(), initializer, initargs),
    )


def _start(parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    die_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


def die_with_parent(parent: int) -> None:
    """Have the kernel end this worker when the command that forked it ends, however it
    ends (SIGKILL included). Without it, workers of a killed build wait forever on a task
    pipe that their siblings keep open, and go on holding the terminal."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent was gone before the request took effect
        os._exit(1)
