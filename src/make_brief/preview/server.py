"""The preview's web server: the standard library's, on 127.0.0.1 only.

It serves what the preview made and nothing else: the pages and their fragments, the
page images by the hash of their pixels, an event stream that tells open pages when to
fetch themselves again, a status in JSON, and its own style sheet and script. No address
is a path on disk, so no request can read a file.

Every answer carries a Content-Security-Policy that allows only the preview's own style
sheet, script, images and connections. Requests whose ``Host`` is not this server's
address are refused, so a web page elsewhere cannot read the preview through a name that
resolves to 127.0.0.1 (DNS rebinding).
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from typing import Any
from urllib.parse import unquote, urlsplit

from . import markup
from .board import Board

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
#: How often an open event stream hears from the server when nothing changes: a comment
#: line, so that a page whose connection died learns it.
KEEPALIVE_SECONDS = 15.0

_BRIEF = re.compile(r"^/b/([^/]+)/(fragment)?$")
_IMAGE = re.compile(r"^/img/([0-9a-f]{32})\.png$")


class PreviewServer(ThreadingHTTPServer):
    """One thread per request; the threads of open event streams end when the board
    closes."""

    daemon_threads = True
    request_queue_size = 64  # a page asks for its images all at once

    def __init__(self, board: Board, port: int = 0, debug: bool = False) -> None:
        self.board = board
        self.debug = debug
        static = files(__package__) / "static"
        self.static = {
            f"/{name}": (kind, (static / name).read_bytes())
            for name, kind in (
                ("preview.css", "text/css; charset=utf-8"),
                ("preview.js", "text/javascript; charset=utf-8"),
                ("favicon.svg", "image/svg+xml"),
            )
        }
        super().__init__(("127.0.0.1", port), _Handler)

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that went away is no error; a bug is said in one line (with its
        traceback under --debug), and the preview goes on."""
        import sys
        import traceback

        kind, exc, _ = sys.exc_info()
        if isinstance(exc, ConnectionError | TimeoutError):
            return
        if self.debug:
            traceback.print_exc()
        else:
            name = kind.__name__ if kind else "error"
            print(
                f"internal error in make-brief preview ({name}: {exc}); --debug shows where",
                file=sys.stderr,
            )

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks the resolver for the host's name (getfqdn), which
        # can take seconds on a machine without DNS; the name is never used here.
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(self.server_address)
        self.server_address = self.socket.getsockname()
        self.server_name, self.server_port = "127.0.0.1", self.server_address[1]


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "make-brief-preview"
    sys_version = ""
    timeout = 30  # seconds a connection may stay silent

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.debug:
            super().log_message(format, *args)

    # Routing.

    def _answer(self, head: bool) -> None:
        if not self._host_is_ours():
            self._send(HTTPStatus.MISDIRECTED_REQUEST, b"not this server's address\n", head=head)
            return
        path = unquote(urlsplit(self.path).path)
        board = self.server.board
        if path == "/":
            home = board.home
            if home is not None:
                self._redirect(markup.brief_url(home))
            else:
                self._html(markup.index_page(board), head)
        elif path == "/fragment":
            version = board.version
            self._html(markup.index_fragment(board), head, version)
        elif path in self.server.static:
            kind, data = self.server.static[path]
            self._send(HTTPStatus.OK, data, kind, head=head)
        elif path == "/events":
            if not head:
                self._events()
            else:
                self._send(HTTPStatus.OK, b"", "text/event-stream", head=True)
        elif path == "/status.json":
            self._status(head)
        elif (match := _BRIEF.match(path)) is not None:
            self._brief(match.group(1), bool(match.group(2)), head)
        elif (match := _IMAGE.match(path)) is not None:
            image = board.image(match.group(1))
            if image is None:
                self._not_found(head)
            else:
                self._send(HTTPStatus.OK, image.png, "image/png", head=head, immutable=True)
        else:
            self._not_found(head)

    def _brief(self, key: str, fragment: bool, head: bool) -> None:
        board = self.server.board
        view = board.view(key)
        if view is None:
            if fragment:
                self._html(markup.gone_fragment(), head, 0, status=HTTPStatus.NOT_FOUND)
            else:
                self._not_found(head)
            return
        board.last_viewed = key
        if fragment:
            version = board.page_version(view)
            self._html(markup.brief_fragment(board, view), head, version)
        else:
            self._html(markup.brief_page(board, view), head)

    def _status(self, head: bool) -> None:
        board = self.server.board
        _, state = board.state()
        state["alert"] = list(board.alert)
        state["briefs"] = [view.summary() for view in board.views()]
        body = json.dumps(state, ensure_ascii=False, indent=1).encode()
        self._send(HTTPStatus.OK, body, "application/json", head=head)

    def _events(self) -> None:
        """Server-sent events: the board's state now, then after every change."""
        board = self.server.board
        self.send_response(HTTPStatus.OK)
        self._common_headers("text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        board.listening(+1)
        try:
            tick, state = board.state()
            self._event(state)
            while not board.closed:
                if board.wait(tick, KEEPALIVE_SECONDS):
                    tick, state = board.state()
                    self._event(state)
                elif not board.closed:
                    self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
        except OSError:  # the page was closed or reloaded
            pass
        finally:
            board.listening(-1)
            self.close_connection = True

    def _event(self, state: dict[str, Any]) -> None:
        self.wfile.write(b"data: " + json.dumps(state).encode() + b"\n\n")
        self.wfile.flush()

    # Answers.

    def _host_is_ours(self) -> bool:
        host = self.headers.get("Host", "")
        port = self.server.port
        return host in (f"127.0.0.1:{port}", f"localhost:{port}")

    def _html(
        self,
        page: str,
        head: bool,
        version: int | None = None,
        status: HTTPStatus = HTTPStatus.OK,
    ) -> None:
        extra = {} if version is None else {"X-Preview-Version": str(version)}
        self._send(status, page.encode(), "text/html; charset=utf-8", head=head, extra=extra)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self._common_headers("text/plain; charset=utf-8", 0)
        self.end_headers()

    def _not_found(self, head: bool) -> None:
        self._send(HTTPStatus.NOT_FOUND, b"not found\n", head=head)

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        kind: str = "text/plain; charset=utf-8",
        *,
        head: bool = False,
        immutable: bool = False,
        extra: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self._common_headers(kind, len(body))
        self.send_header(
            "Cache-Control", "public, max-age=31536000, immutable" if immutable else "no-store"
        )
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            with contextlib.suppress(OSError):  # the browser went away: nothing to tell it
                self.wfile.write(body)

    def _common_headers(self, kind: str, length: int | None = None) -> None:
        self.send_header("Content-Type", kind)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("X-Frame-Options", "DENY")
