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
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")


def fork_pool(
    workers: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()
) -> ProcessPoolExecutor:
    """A pool of ``workers`` forked processes, each of which dies with this one."""
    from concurrent.futures import ProcessPoolExecutor
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


def forked_map(function: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """``[function(item) for item in items]``, shared among this process and
    ``workers - 1`` forked ones, each taking every ``workers``-th item.

    For short work (a check of many files: a second or two) a pool costs too much: its
    modules alone take longer to import than a tenth of the work, and a worker waiting
    for tasks needs ctypes to die with its parent. Here each forked process knows its
    share from the start, sends back its results and ends; if the command is killed it
    finishes its share and ends too. A share whose process fails in any way (a bug, the
    out-of-memory killer) is done again here, so what it raises is raised here, as in a
    command of one process.
    """
    import pickle

    shares = [list(range(k, len(items), workers)) for k in range(workers)]
    children: list[tuple[int, int, list[int]]] = []
    for share in shares[1:]:
        if not share:
            continue
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # a child: its share, its results down the pipe, and out
            code = 1
            try:
                os.close(read)
                data = pickle.dumps([function(items[i]) for i in share])
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        children.append((pid, read, share))
    results: dict[int, R] = {i: function(items[i]) for i in shares[0]}
    for pid, read, share in children:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        try:
            done = pickle.loads(data) if status == 0 else None
        except Exception:  # noqa: BLE001 - cut short: the share is done again below
            done = None
        if done is None or len(done) != len(share):
            done = [function(items[i]) for i in share]
        results.update(zip(share, done, strict=True))
    return [results[i] for i in range(len(items))]
