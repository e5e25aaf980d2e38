"""Knowing when a file the preview shows was saved: watchfiles (inotify on Linux).

Folders are watched, not files: an editor that saves by writing a new file and renaming
it over the old one (Vim, VS Code, most editors) replaces the file a watch was held on.
Folders that hold content files and ``make-brief.toml`` are watched without their
subfolders (a project folder may hold a virtual environment of thousands); the template
folder with everything below it. watchfiles takes one choice for all its folders, so each kind has a
thread of its own, and both hand their changes to the one thread that builds.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Sequence
from pathlib import Path

#: After a first change, wait until nothing changed for this long (an editor's save is a
#: few events within milliseconds), but never longer than DEBOUNCE_MS in all.
STEP_MS = 30
DEBOUNCE_MS = 300

Changes = set[tuple[int, str]]  # (watchfiles.Change, absolute path)


class Watcher:
    """Watches ``flat`` folders (their files only) and ``deep`` ones (and all below)."""

    def __init__(self, flat: Sequence[Path], deep: Sequence[Path]) -> None:
        self.targets = (list(flat), list(deep))
        self._stop = threading.Event()
        self._queue: queue.Queue[Changes | BaseException] = queue.Queue()
        self._threads = [
            threading.Thread(
                target=self._watch, args=(folders, recursive), name="preview-watch", daemon=True
            )
            for folders, recursive in ((_existing(flat), False), (_existing(deep), True))
            if folders
        ]
        for thread in self._threads:
            thread.start()

    def next(self, timeout: float) -> Changes | None:
        """The changes seen since the last call, waiting up to ``timeout`` for a first one;
        None if there was none. Raises what a watching thread met (a folder removed)."""
        try:
            first = self._queue.get(timeout=timeout)
        except queue.Empty:
            return None
        changes: Changes = set()
        item: Changes | BaseException | None = first
        while item is not None:
            if isinstance(item, BaseException):
                raise item
            changes |= item
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                item = None
        return changes

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)

    def _watch(self, folders: list[str], recursive: bool) -> None:
        import watchfiles

        try:
            for changes in watchfiles.watch(
                *folders,
                recursive=recursive,
                stop_event=self._stop,
                step=STEP_MS,
                debounce=DEBOUNCE_MS,
                raise_interrupt=False,
            ):
                self._queue.put({(int(change), path) for change, path in changes})
        except Exception as exc:  # a watched folder went away: the builder decides
            if not self._stop.is_set():
                self._queue.put(exc)


def _existing(folders: Sequence[Path]) -> list[str]:
    return sorted({str(f) for f in folders if f.is_dir()})
