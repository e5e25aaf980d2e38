"""The preview room: a brief on a local web page that follows the file as it is saved.

``make-brief preview`` runs one process for as long as someone writes: it watches the
content files, the project's ``templates/`` and ``make-brief.toml`` (:mod:`.watch`),
builds again what changed with a renderer kept warm (:mod:`.builder`, :mod:`.session`),
draws the PDF's pages as images (:mod:`.pages`), and serves them on 127.0.0.1 with a
little script that fetches the page again after each build (:mod:`.server`,
:mod:`.markup`). A brief with problems shows them, as the command line prints them, in
place of its pages. Nothing is written to disk.

It stands beside ``publish``: it uses the build (its checks and its Renderer), the
renderers and the content format, and nothing uses it but its command. Heavy imports
(WeasyPrint, PDFium, watchfiles) wait until the preview starts.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from ..build.deadline import DEFAULT_SECONDS
from ..errors import Problem, UsageError
from .board import Board
from .builder import Builder, Outcome
from .session import Session

__all__ = ["Outcome", "serve"]


def serve(
    paths: Sequence[Path],
    *,
    config_path: Path | None = None,
    port: int = 0,
    open_browser: bool = False,
    debug: bool = False,
    timeout: float = DEFAULT_SECONDS,
    describe_warning: Callable[[Problem], str] = str,
    on_ready: Callable[[str], None] = lambda url: None,
    on_outcome: Callable[[Outcome], None] = lambda outcome: None,
    on_alert: Callable[[tuple[str, ...]], None] = lambda lines: None,
) -> None:
    """Preview ``paths`` (default ``content/``) until KeyboardInterrupt, which it lets
    through once everything it started has stopped: the server, its threads, the
    watchers. Raises UsageError when a path does not exist or the port is taken."""
    from .server import PreviewServer

    paths = tuple(paths) or (Path("content"),)
    board = Board(single=len(paths) == 1 and not paths[0].is_dir())
    builder = Builder(config_path, timeout=timeout, describe_warning=describe_warning)
    session = Session(paths, config_path, builder, board, on_outcome, on_alert)
    session.start()
    try:
        server = PreviewServer(board, port, debug)
    except OSError as exc:
        raise UsageError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="preview-server"
    )
    thread.start()
    try:
        on_ready(server.url)
        if open_browser:
            import webbrowser

            webbrowser.open(server.url)
        session.run()
    finally:
        # A second Ctrl-C must not cut the clean-up short (and print a traceback).
        in_main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main else None
        try:
            board.close()  # the event streams end
            server.shutdown()
            board.wait_for_listeners(timeout=2)
            server.server_close()
            thread.join()
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
