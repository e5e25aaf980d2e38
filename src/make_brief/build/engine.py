"""The writers' engines, warmed in a process of their own while the build checks.

A cold build of one brief spends half its time importing WeasyPrint (Pango and its fonts,
through cffi) before it lays out a page, and as long again importing and running
make-brief's own checks and templates, one after the other. On a machine with a second
core the two need not wait for each other: the build forks an engine process first, which
imports the writers while the build validates the brief and makes its HTML; the finished
render job is then handed over, and the bytes come back.

The engine is a convenience, never a dependency: a job it cannot take (it has died, or
cannot be started) is written in the build's own process, with the same writers and the
same bytes. A brief that runs out of time ends the engine with it, since its state is then
unknown.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import time
import traceback
from typing import TYPE_CHECKING, Any

from ..errors import RenderError
from ..render.formats import BY_NAME

if TYPE_CHECKING:
    from ..render.budget import Paging
    from ..render.job import Rendered, RenderJob


class EngineCrash(RuntimeError):
    """A writer failed in the engine with an error make-brief did not expect (a bug): its
    last line, with the engine's whole traceback as a note for ``--debug``."""


class Engine:
    """One forked process that holds the writers of ``formats`` and renders jobs."""

    def __init__(self, formats: tuple[str, ...]) -> None:
        self.formats = formats
        # Two plain pipes, not multiprocessing's Pipe: importing that takes a tenth of a
        # second, on the path of both processes before the fork.
        to_engine, from_build = os.pipe()
        to_build, from_engine = os.pipe()
        pid = os.fork()
        if pid == 0:  # the engine
            os.close(from_build)
            os.close(to_build)
            _serve(_Channel(to_engine, from_engine), formats)  # never returns
        os.close(to_engine)
        os.close(from_engine)
        self.pid = pid
        self._channel: _Channel | None = _Channel(to_build, from_build)

    @property
    def alive(self) -> bool:
        return self._channel is not None

    def render(self, format_name: str, job: RenderJob) -> Rendered:
        """The bytes of ``job`` in the format named ``format_name``."""
        return self._ask(("render", format_name, job))

    def paging(self, job: RenderJob) -> Paging | None:
        """What the page budget makes of ``job``, laid out without writing a PDF."""
        return self._ask(("paging", "pdf", job))

    def _ask(self, request: tuple[str, str, RenderJob]) -> Any:
        if self._channel is None:
            return _answer(*request)  # the engine is gone: this process writes it
        try:
            self._channel.send(request)
            kind, value = self._channel.receive()
        except (EOFError, OSError):  # it died (killed, out of memory): write it here
            self.close(at_once=True)
            return _answer(*request)
        except BaseException:  # out of time, or interrupted: its state is unknown
            self.close(at_once=True)
            raise
        if kind == "ok":
            return value
        if kind == "error":  # made again as it was, not through its __init__ once more
            cls, args = value
            error = cls.__new__(cls)
            error.args = args
            raise error
        crash = EngineCrash(value.strip().splitlines()[-1])
        crash.add_note(f"in the render engine process:\n{value}")
        raise crash

    def close(self, *, at_once: bool = False) -> None:
        """End the engine: when it has answered, by hanging up, so that it removes what it
        copied into the temporary folder as it leaves; ``at_once`` (out of time,
        interrupted: its state is unknown) by a signal, and by force if that is not
        enough."""
        if self._channel is None:
            return
        self._channel.close()
        self._channel = None
        if at_once:
            self._signal(signal.SIGTERM)
        if not self._ended_within(1.0 if at_once else 10.0):
            self._signal(signal.SIGKILL)
            self._ended_within(None)

    def _signal(self, number: int) -> None:
        with contextlib.suppress(ProcessLookupError):  # it has ended already
            os.kill(self.pid, number)

    def _ended_within(self, seconds: float | None) -> bool:
        """Whether the engine ended (and was reaped) within ``seconds`` (None: waits)."""
        deadline = None if seconds is None else time.monotonic() + seconds
        while True:
            try:
                pid, _ = os.waitpid(self.pid, 0 if deadline is None else os.WNOHANG)
            except ChildProcessError:
                return True
            if pid:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.005)


class _Channel:
    """Pickled objects over a pair of pipes, each preceded by its length. The pipes are
    the build's and the engine's alone: a build with an engine forks nothing else (it
    renders one brief), so when the build ends, however it ends, the engine reads the end
    of its pipe and leaves."""

    def __init__(self, read_fd: int, write_fd: int) -> None:
        self._in = os.fdopen(read_fd, "rb")
        self._out = os.fdopen(write_fd, "wb")

    def send(self, value: Any) -> None:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._out.write(struct.pack("!Q", len(data)) + data)
        self._out.flush()

    def receive(self) -> Any:
        head = self._in.read(8)
        if len(head) < 8:
            raise EOFError
        (size,) = struct.unpack("!Q", head)
        data = self._in.read(size)
        if len(data) < size:
            raise EOFError
        return pickle.loads(data)

    def close(self) -> None:
        for pipe in (self._in, self._out):
            with contextlib.suppress(OSError):  # a pipe whose reader has gone
                pipe.close()


def _serve(channel: _Channel, formats: tuple[str, ...]) -> None:
    """The engine's life: warm the writers, then answer jobs until the build hangs up."""
    code = 0
    try:
        # Loaded first, so that the writers register their clean-up with it (render/pdf.py
        # removes WeasyPrint's copied fonts by a multiprocessing finalizer), and it runs
        # below: this process leaves by os._exit, as a pool worker does.
        from multiprocessing import util

        # Ctrl-C is the build's to handle; the engine ends when the build does. A
        # SIGTERM (the build's, or anyone's) ends it through the cleanup below.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, _stop)
        for name in formats:
            BY_NAME[name].load_writer().warm()
        while True:
            try:
                request = channel.receive()
            except EOFError:
                break
            channel.send(_answer_safely(*request))
    except BaseException:  # noqa: BLE001 - whatever happens, never return into the build's code
        code = 1
    finally:
        # The finalizers this process registered, and none of the build's, whose atexit
        # handlers a forked process must not run.
        with contextlib.suppress(BaseException):
            util._exit_function()
        os._exit(code)


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(1)


def _answer_safely(kind: str, format_name: str, job: RenderJob) -> tuple[str, Any]:
    try:
        return "ok", _answer(kind, format_name, job)
    except RenderError as exc:  # the brief's own problem: raised again in the build
        return "error", (type(exc), exc.args)
    except Exception:  # a bug: the build reports it as this brief's crash, with its trace
        return "crash", traceback.format_exc()


def _answer(kind: str, format_name: str, job: RenderJob) -> Any:
    if kind == "paging":
        from ..render.pdf import paging_of

        return paging_of(job)
    return BY_NAME[format_name].load_writer().render(job)
