"""The preview's loop: watch, rebuild what changed, publish it on the board.

Runs in the main thread, the only one that builds (so a brief's time limit, a SIGALRM
timer, works there, and PDFium is only ever called from one thread). What changed is
decided by content, not by the events: a save that left a file's bytes as they were, an
editor's scratch file in the template folder or a new file in the project folder builds
nothing.

- a content file changed, appeared or went away: that brief is built again (or dropped);
- a file of the template folder changed: every brief is, with a new Jinja environment;
- ``make-brief.toml`` changed: it is read again and every brief is built; while it is
  broken its problems are shown on every page instead of the briefs.

The brief someone last looked at is built first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from ..build.cache import tree_digest
from ..build.plan import Plan, plan
from ..content.config import CONFIG_NAME
from ..errors import UsageError
from ..locations import builtin_dir
from .board import Board, BriefView
from .builder import Builder, Outcome
from .watch import Watcher

#: How often the loop wakes when nothing changes (it only checks that it should go on).
_IDLE_SECONDS = 0.5


class Session:
    def __init__(
        self,
        paths: Sequence[Path],
        config_path: Path | None,
        builder: Builder,
        board: Board,
        on_outcome: Callable[[Outcome], None] = lambda outcome: None,
        on_alert: Callable[[tuple[str, ...]], None] = lambda lines: None,
    ) -> None:
        self.paths = tuple(paths) or (Path("content"),)
        self.config_file = (config_path or Path(CONFIG_NAME)).absolute()
        self.builder = builder
        self.board = board
        self.on_outcome = on_outcome
        self.on_alert = on_alert
        self.plan = Plan(())
        self.keys: dict[Path, str] = {}
        self._built: dict[Path, str] = {}  # content file -> digest of the bytes last built
        self._config_digest = ""
        self._templates_digest = ""
        self._config_alert: tuple[str, ...] = ()
        self._plan_alert: tuple[str, ...] = ()

    # Starting.

    def start(self) -> None:
        """Read the config and find the content files; raises UsageError when a path
        named on the command line does not exist."""
        self.plan = plan(self.paths)
        self._config_digest = _file_digest(self.config_file)
        self._templates_digest = self._template_digest()
        self._set_config_alert(self.builder.load_config())
        self._arrange()

    def run(self) -> None:
        """Build every brief, then rebuild what changes, until KeyboardInterrupt."""
        watcher = Watcher(*self.watched())  # first: what is saved during the first build counts
        try:
            self._build(list(self.plan.files))
            while True:
                try:
                    changes = watcher.next(_IDLE_SECONDS)
                except Exception as exc:  # a watched folder went away
                    self._set_plan_alert((f"watching stopped ({exc}); watching again",))
                    changes = set()  # look at everything again
                    watcher.stop()
                    watcher = Watcher(*self.watched())
                if changes is None:
                    continue
                self.update()
                while (targets := self.watched()) != watcher.targets:
                    # A folder to watch appeared (the project's templates/) or went away.
                    # What was saved into it before the new watch began is seen by
                    # comparing once more.
                    watcher.stop()
                    watcher = Watcher(*targets)
                    self.update()
        finally:
            watcher.stop()

    def watched(self) -> tuple[list[Path], list[Path]]:
        """The folders to watch: without their subfolders (those holding the content
        files and make-brief.toml), and with them (the project's templates)."""
        flat = {self.config_file.parent}
        for path in self.paths:
            flat.add(path.resolve() if path.is_dir() else path.absolute().parent.resolve())
        deep = [self.templates_dir] if self.templates_dir.is_dir() else []
        return sorted(flat), deep

    @property
    def templates_dir(self) -> Path:
        config = self.builder.config
        root = config.root if config is not None else self.config_file.parent
        return (root / "templates").resolve()

    # Changes.

    def update(self) -> None:
        """Compare what the preview was built from with what is on disk; build what differs."""
        config_digest = _file_digest(self.config_file)
        templates_digest = self._template_digest()
        rebuild_all = False
        if config_digest != self._config_digest:
            self._config_digest = config_digest
            self._set_config_alert(self.builder.load_config())
            templates_digest = self._template_digest()  # the config may name another root
            rebuild_all = True
        if templates_digest != self._templates_digest:
            self._templates_digest = templates_digest
            if not rebuild_all:
                self.builder.renew()
            rebuild_all = True
        before = self.plan
        try:
            self.plan = plan(self.paths)
            self._set_plan_alert(())
        except UsageError as exc:  # a folder named on the command line was removed
            self._set_plan_alert(tuple(str(exc).splitlines()))
        self._arrange()
        if rebuild_all:
            targets = list(self.plan.files)
        else:
            targets = [
                path
                for path in self.plan.files
                if _file_digest(path) != self._built.get(path)
                or self.plan.clashes.get(path) != before.clashes.get(path)
            ]
        self._build(targets)

    # Building.

    def _build(self, paths: list[Path]) -> None:
        viewed = self.board.last_viewed
        for path in sorted(paths, key=lambda p: self.keys.get(p) != viewed):
            if path not in self.keys:
                continue  # gone from the plan since
            key = self.keys[path]
            self.board.set_building(frozenset({key}))
            digest = _file_digest(path)
            previous = self.board.view(key)
            known = {p.digest: p for p in previous.pages} if previous else {}
            outcome = self.builder.build(path, key, self.plan.clashes.get(path), known)
            if not outcome.view.title and previous is not None and previous.title:
                # A broken file keeps the title it last had, so that it is known by it.
                outcome.view = replace(outcome.view, title=previous.title)
            self._built[path] = digest
            self.board.publish(outcome.view)
            self.on_outcome(outcome)
        self.board.set_building(frozenset())

    def _arrange(self) -> None:
        """Give each content file of the plan its key (its slug, made unique) and its
        place on the board."""
        taken = {self.keys[p] for p in self.plan.files if p in self.keys}
        for path in self.plan.files:
            if path in self.keys:
                continue
            key, n = path.stem, 1
            while key in taken:
                n += 1
                key = f"{path.stem}-{n}"
            self.keys[path] = key
            taken.add(key)
        current = set(self.plan.files)
        for path in [p for p in self.keys if p not in current]:
            del self.keys[path]
            self._built.pop(path, None)
        keys = [self.keys[p] for p in self.plan.files]
        self.board.arrange(keys)
        for path in self.plan.files:  # a new file shows its name until it is built
            view = self.board.view(self.keys[path])
            if view is not None and not view.source:
                self.board.publish(BriefView(self.keys[path], str(path)))

    def _set_config_alert(self, lines: tuple[str, ...]) -> None:
        if lines != self._config_alert:
            self._config_alert = lines
            self.on_alert(lines)
        self.board.set_alert(self._config_alert + self._plan_alert)

    def _set_plan_alert(self, lines: tuple[str, ...]) -> None:
        if lines != self._plan_alert:
            self._plan_alert = lines
            self.on_alert(lines)
        self.board.set_alert(self._config_alert + self._plan_alert)

    def _template_digest(self) -> str:
        return tree_digest([self.templates_dir, builtin_dir()])


def _file_digest(path: Path) -> str:
    """What a file holds, in short; never reading past the content size cap."""
    from ..content.load import read_content_bytes

    raw = read_content_bytes(path)
    if raw is not None:
        return hashlib.sha256(raw).hexdigest()
    try:  # too large, not a regular file, or missing: building it says which
        info = path.stat()
    except OSError:
        return ""
    return f"{info.st_size}:{info.st_mtime_ns}"
