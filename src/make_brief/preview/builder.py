"""One brief built for the preview: checked as ``check`` does, printed as ``build`` does,
in memory, into the pictures of its pages.

The :class:`Builder` lives as long as the preview and is what keeps it quick: one
:class:`~make_brief.build.run.Renderer` (its Jinja environment and the PDF writer, with
WeasyPrint's font configuration, which is made once per process) serves every build. When
the templates or ``make-brief.toml`` change it makes a new Renderer, which costs a new
Jinja environment only. Nothing is written to disk: the PDF goes from WeasyPrint to PDFium
in memory.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..build.deadline import DEFAULT_SECONDS, BriefTimeout, time_limit
from ..build.results import BriefResult
from ..errors import ContentError, Problem, RenderError, UsageError
from .board import BriefView, PageImage

if TYPE_CHECKING:
    from ..build.run import Renderer
    from ..content.config import Config


@dataclass
class Outcome:
    """A build's view for the page, and its result for the terminal."""

    view: BriefView
    result: BriefResult


class Builder:
    def __init__(
        self,
        config_path: Path | None,
        *,
        timeout: float = DEFAULT_SECONDS,
        describe_warning: Callable[[Problem], str] = str,
    ) -> None:
        self.config_path = config_path
        self.timeout = timeout
        self.describe_warning = describe_warning
        self.config: Config | None = None
        self._renderer: Renderer | None = None

    def load_config(self) -> tuple[str, ...]:
        """Read ``make-brief.toml`` again: its problems, one line each (then no brief can
        be built until it is fixed), or none."""
        from ..content.config import load_config

        try:
            self.config = load_config(self.config_path)
        except UsageError as exc:
            self.config, self._renderer = None, None
            return tuple(str(exc).splitlines())
        self.renew()
        return ()

    def renew(self) -> None:
        """Start from the template folders afresh (a file was added, changed or removed)."""
        if self.config is None:
            return
        from ..build.run import Renderer, RenderSettings

        _forget_template_caches()
        # Only the PDF is made, and only in memory: the output folder is never written.
        settings = RenderSettings(Path(os.devnull), ("pdf",), self.config, self.timeout)
        self._renderer = Renderer(settings)

    def build(
        self, path: Path, key: str, clash: Problem | None, known: Mapping[str, PageImage]
    ) -> Outcome:
        """Check and print one content file; ``known`` are page images to reuse."""
        from ..build.check import prepare

        start = (time.perf_counter(), time.thread_time())
        view = BriefView(key, str(path))
        result = BriefResult(path)
        if clash is not None:
            result.problems.append(clash)
            return self._done(view, result, start)
        if self.config is None or self._renderer is None:
            return self._done(view, result, start)  # make-brief.toml is broken: its alert says so
        try:
            item = prepare(path, self.config)
        except ContentError as exc:
            result.problems += exc.problems
            return self._done(view, result, start)
        except UsageError as exc:  # the project's default template or language
            result.problems += [Problem(str(path), message=line) for line in str(exc).splitlines()]
            return self._done(view, result, start)
        except Exception:  # a bug: said as the brief's failure, as a build says it
            return self._done(view, BriefResult.crashed(path, "checking"), start)
        result.warnings += item.warnings
        view = BriefView(key, str(path), title=item.loaded.brief.title)
        renderer = self._renderer
        try:
            with time_limit(self.timeout):
                from .pages import draw_pages

                rendered = renderer.formats[0].load_writer().render(renderer.job(item))
                pages = draw_pages(rendered.data, known)
        except RenderError as exc:
            result.problems.append(Problem(str(path), message=f"cannot be rendered: {exc}"))
            return self._done(view, result, start)
        except BriefTimeout as exc:
            result.problems.append(Problem(str(path), message=str(exc)))
            return self._done(view, result, start)
        except Exception:
            return self._done(view, BriefResult.crashed(path, "rendering"), start)
        return self._done(view, result, start, pages)

    def _done(
        self,
        view: BriefView,
        result: BriefResult,
        start: tuple[float, float],
        pages: tuple[PageImage, ...] = (),
    ) -> Outcome:
        seconds = time.perf_counter() - start[0]
        view = BriefView(
            view.key,
            view.source,
            title=view.title,
            status="ok" if result.ok else "failed",
            problems=tuple(str(p) for p in result.problems),
            warnings=tuple(self.describe_warning(w) for w in result.warnings),
            pages=pages if result.ok else (),
            seconds=seconds,
            cpu_seconds=time.thread_time() - start[1],
            built_at=time.strftime("%H:%M:%S"),
        )
        return Outcome(view, result)


def _forget_template_caches() -> None:
    """Forget what was read from template folders by path rather than by content: the
    label names a set's catalogues define, and the characters its fonts have. A build
    process reads them once and ends; the preview lives on while they are edited."""
    from ..content import labels
    from ..render import glyphs

    labels.forget_folders()
    glyphs.forget_folders()
