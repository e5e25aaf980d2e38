"""What the preview shows, shared between the thread that builds and those that serve.

The builder publishes a new :class:`BriefView` for a brief after each build; the server's
threads only read. Views and page images are immutable, so a reader holds a consistent
picture without a lock once it has taken one from the board. Every change wakes the
threads that stream events to open pages (:meth:`Board.wait`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Status = Literal["pending", "ok", "failed"]


@dataclass(frozen=True)
class PageImage:
    """One page of a brief's PDF, drawn: named by a hash of its pixels, so a page that a
    build left unchanged keeps its address and the browser its copy."""

    digest: str
    width: int  # pixels
    height: int
    text: str  # the page's text as PDFium extracts it, whitespace folded
    png: bytes = field(repr=False)

    @property
    def url(self) -> str:
        return f"/img/{self.digest}.png"


@dataclass(frozen=True)
class BriefView:
    """The latest outcome for one content file: its pages, or the problems in their place."""

    key: str  # its name in the preview's addresses (the slug, made unique)
    source: str  # the content file as the command line named it
    title: str = ""  # the brief's title, once it loaded
    status: Status = "pending"
    problems: tuple[str, ...] = ()  # path:line:col: field: message, as the CLI prints them
    warnings: tuple[str, ...] = ()
    pages: tuple[PageImage, ...] = ()
    seconds: float = 0.0  # how long the last build took
    cpu_seconds: float = 0.0  # of which the builder's thread was on a processor
    built_at: str = ""  # local time of day of the last build, for people
    version: int = 0  # the board's version when this view was published

    def summary(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "source": self.source,
            "title": self.title,
            "status": self.status,
            "version": self.version,
            "problems": list(self.problems),
            "warnings": list(self.warnings),
            "pages": [{"image": p.url, "text": p.text} for p in self.pages],
            "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu_seconds, 3),
        }


class Board:
    """The views of every brief in the preview, their page images, and a version that
    grows with every change."""

    def __init__(self, single: bool) -> None:
        self.single = single  # one content file named: its page is the home page
        self._changed = threading.Condition()
        self._views: dict[str, BriefView] = {}
        self._images: dict[str, PageImage] = {}
        self._building: frozenset[str] = frozenset()
        self._alert: tuple[str, ...] = ()
        self._alert_version = 0
        self.version = 0  # grows when a view, the list of briefs or the alert changes
        self._tick = 0  # grows on any change, the keys being built included
        self.closed = False
        self.listeners = 0  # event streams open
        self.last_viewed = ""  # the brief someone last looked at: rebuilt first

    # The builder's side.

    def publish(self, view: BriefView) -> BriefView:
        with self._changed:
            self.version += 1
            previous = self._views.get(view.key)
            view = replace(view, version=self.version)
            self._views[view.key] = view
            # The pages of the view it replaces stay a little longer: a page that was
            # already reading the old list may still ask for them.
            kept = {} if previous is None else {p.digest: p for p in previous.pages}
            self._images = {
                **{p.digest: p for v in self._views.values() for p in v.pages},
                **kept,
            }
            self._notify()
        return view

    def arrange(self, keys: list[str]) -> None:
        """The briefs now in the preview, in order; views of others are dropped."""
        with self._changed:
            if list(self._views) == keys:
                return
            self._views = {k: self._views.get(k) or BriefView(k, "") for k in keys}
            self._images = {p.digest: p for v in self._views.values() for p in v.pages}
            self.version += 1
            self._notify()

    def set_building(self, keys: frozenset[str]) -> None:
        with self._changed:
            if keys != self._building:
                self._building = keys
                self._notify()

    def set_alert(self, lines: tuple[str, ...]) -> None:
        """Problems of the whole project (its make-brief.toml): shown on every page."""
        with self._changed:
            if lines != self._alert:
                self._alert = lines
                self.version += 1
                self._alert_version = self.version
                self._notify()

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._notify()

    # The server's side.

    def view(self, key: str) -> BriefView | None:
        with self._changed:
            return self._views.get(key)

    def views(self) -> list[BriefView]:
        with self._changed:
            return list(self._views.values())

    def image(self, digest: str) -> PageImage | None:
        with self._changed:
            return self._images.get(digest)

    def page_version(self, view: BriefView) -> int:
        """The version of what a brief's page shows: its view, and the alert above it."""
        with self._changed:
            return max(view.version, self._alert_version)

    @property
    def alert(self) -> tuple[str, ...]:
        with self._changed:
            return self._alert

    @property
    def home(self) -> str | None:
        """The key of the one brief when the preview shows one; None for an index."""
        with self._changed:
            return next(iter(self._views)) if self.single and len(self._views) == 1 else None

    def state(self) -> tuple[int, dict[str, Any]]:
        """What an open page needs to know whether to fetch itself again."""
        with self._changed:
            return self._tick, {
                "version": self.version,
                "views": {k: max(v.version, self._alert_version) for k, v in self._views.items()},
                "building": sorted(self._building),
            }

    def wait(self, seen: int, timeout: float) -> bool:
        """Wait until something changed after tick ``seen`` (True), the board closed or
        ``timeout`` passed (False)."""
        with self._changed:
            self._changed.wait_for(lambda: self.closed or self._tick != seen, timeout)
            return not self.closed and self._tick != seen

    def listening(self, delta: int) -> None:
        with self._changed:
            self.listeners += delta
            self._changed.notify_all()

    def wait_for_listeners(self, timeout: float) -> None:
        """After :meth:`close`, give the open event streams a moment to end."""
        with self._changed:
            self._changed.wait_for(lambda: self.listeners == 0, timeout)

    def _notify(self) -> None:
        self._tick += 1
        self._changed.notify_all()
