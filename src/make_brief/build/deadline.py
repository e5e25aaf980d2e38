"""A time limit per brief, so a runaway template or stylesheet stops that brief only.

Rendering runs in-process for speed (a warm WeasyPrint is most of the throughput), so the
limit is a SIGALRM timer rather than a subprocess to kill. The exception it raises derives
from BaseException: WeasyPrint catches ``Exception`` in places (to turn a failed fetch
into a warning, say) and must not swallow the deadline.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: Default seconds one brief may take to render in every format.
DEFAULT_SECONDS = 120.0


class BriefTimeout(BaseException):  # noqa: N818 - an interruption, like KeyboardInterrupt
    """The brief took longer than its time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`BriefTimeout` in this block after ``seconds`` (0 means no limit).

    Only the main thread can receive signals; elsewhere, and where the platform has no
    interval timer, the block runs without a limit.
    """
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise BriefTimeout(f"took longer than {seconds:g} s to render and was stopped")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
