"""Render validated briefs, in this process or in a pool of worker processes.

A :class:`Renderer` holds what is costly to set up and cheap to reuse: the Jinja
environment and the writers (WeasyPrint keeps one font configuration per process). A
worker process builds one Renderer when it starts and keeps it warm for all its briefs.
Serial and parallel builds run the same code, so they write the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..content.config import Config
from ..errors import ContentError, Problem, RenderError
from ..render import typography
from ..render.budget import Paging, verdict
from ..render.formats import Format, formats_named
from ..render.job import Rendered, RenderJob
from ..render.templating import make_environment, render_html
from .check import prepare
from .deadline import DEFAULT_SECONDS, BriefTimeout, time_limit
from .engine import Engine
from .files import write_atomically
from .manifest import brief_record
from .results import BriefResult, OutputFile, Prepared


@dataclass(frozen=True)
class RenderSettings:
    out: Path
    formats: tuple[str, ...]
    config: Config
    timeout: float = DEFAULT_SECONDS


class Renderer:
    """Renders one brief at a time into every format, and writes all or nothing."""

    def __init__(self, settings: RenderSettings, engine: Engine | None = None) -> None:
        self.settings = settings
        self.env = make_environment(settings.config.templates_dir)
        self.formats = formats_named(settings.formats)
        #: Where the writers run: a warm engine process (build/engine.py), else here.
        self.engine = engine

    def render(self, item: Prepared) -> BriefResult:
        result = BriefResult(item.loaded.path, warnings=list(item.warnings))
        try:
            with time_limit(self.settings.timeout):
                rendered, paging = self._render_formats(item)
        except RenderError as exc:
            result.problems.append(
                Problem(str(result.source), message=f"cannot be rendered: {exc}")
            )
            return result
        except BriefTimeout as exc:
            result.problems.append(Problem(str(result.source), message=str(exc)))
            return result
        except Exception:  # a bug: this brief fails, the others still build
            return BriefResult.crashed(result.source, "rendering")
        if paging is not None and self._budget_said(item, paging, result):
            return result  # over budget under strict: nothing is written
        files: dict[str, OutputFile] = {}
        for fmt, output in rendered.items():
            target = self.settings.out / fmt.file_name(item.loaded.slug)
            try:
                write_atomically(target, output.data)
            except OSError as exc:
                # All or nothing: a brief whose DOCX could not be written must not leave
                # a PDF that no manifest lists.
                for written in result.outputs:
                    written.unlink(missing_ok=True)
                result.outputs.clear()
                result.problems.append(
                    Problem(str(target), message=f"cannot be written: {exc.strerror}")
                )
                return result
            result.outputs.append(target)
            digest = hashlib.sha256(output.data).hexdigest()
            files[fmt.name] = OutputFile(target.name, digest, len(output.data))
        pages = next((o.pages for o in rendered.values() if o.pages is not None), None)
        result.record = brief_record(item, files, pages)
        return result

    def _budget_said(self, item: Prepared, paging: Paging, result: BriefResult) -> bool:
        """Report what the page budget made of the brief; True if that fails it (over
        budget under ``strict``). At the content file's ``page_budget`` if it sets one,
        else at its top: the budget is then its type's or make-brief.toml's."""
        message = verdict(paging)
        if not message:
            return False
        loaded = item.loaded
        if loaded.brief.page_budget is not None:
            problem = loaded.problem(("page_budget",), message)
        else:
            problem = loaded.problem_at(("page_budget",), 1, 1, message)
        result.over_budget = paging.over
        if paging.over and self.settings.config.strict:
            result.problems.append(problem)
            return True
        result.warnings.append(problem)
        return False

    def render_path(self, path: Path) -> BriefResult:
        """For worker processes: the brief was validated by the parent. A forked worker
        has the parent's validated brief already; otherwise it is loaded again here
        (cheaper than sending parsed trees across processes)."""
        if path in _handed_down:
            return self.render(_handed_down[path])
        try:
            return self.render(prepare(path, self.settings.config))
        except ContentError as exc:  # changed on disk since it was checked
            return BriefResult(path, problems=list(exc.problems))

    def job(self, item: Prepared) -> RenderJob:
        """The brief's HTML, made once, and what every writer needs to print it."""
        config = self.settings.config
        html = render_html(self.env, item.template_set, item.context)
        html = typography.apply(html, item.context["language"])
        return RenderJob(
            html=html,
            source=item.loaded.path,
            base_url=item.template_set.folders[0].resolve().as_uri() + "/",
            asset_roots=item.template_set.asset_roots,
            extra_files=(config.logo,) if config.logo else (),
            reference_docx=config.reference_docx,
            source_bytes=item.loaded.raw,
            source_name=project_name(item.loaded.path, config.root),
            timestamp=item.context["timestamp"],
            page_budget=config.page_budget(item.loaded.brief.type, item.loaded.brief.page_budget),
        )

    def _render_formats(self, item: Prepared) -> tuple[dict[Format, Rendered], Paging | None]:
        """Every format's bytes, and what the page budget made of the brief.

        The PDF decides the fit (it is the one laid out in pages) and goes first; the
        other formats follow with its fit level. A build without the PDF lays the brief
        out all the same, without writing it, when there is a budget to keep and a paged
        format to keep it in (an HTML page alone has none).
        """
        job = self.job(item)
        rendered: dict[Format, Rendered] = {}
        paging = None
        if job.page_budget is not None and any(fmt.paged for fmt in self.formats):
            pdf = next((fmt for fmt in self.formats if fmt.name == "pdf"), None)
            if pdf is not None:
                rendered[pdf] = self._write(pdf, job)
                paging = rendered[pdf].paging
            elif self.engine is not None:
                paging = self.engine.paging(job)
            else:
                from ..render.pdf import paging_of

                paging = paging_of(job)
            if paging is not None:
                job = replace(job, page_budget=None, fit=paging.level, fit_css=paging.css)
        for fmt in self.formats:
            if fmt not in rendered:
                rendered[fmt] = self._write(fmt, job)
        return {fmt: rendered[fmt] for fmt in self.formats}, paging

    def _write(self, fmt: Format, job: RenderJob) -> Rendered:
        if self.engine is not None:
            return self.engine.render(fmt.name, job)
        return fmt.load_writer().render(job)


def render_all(
    prepared: Sequence[Prepared],
    settings: RenderSettings,
    jobs: int,
    on_result: Callable[[BriefResult], None],
    engine: Engine | None = None,
) -> list[BriefResult]:
    """Every brief, in ``jobs`` processes; results in the order of ``prepared``. A brief
    rendered in this process has its writers run by ``engine`` when one was started."""
    if jobs <= 1 or len(prepared) <= 1:
        renderer = Renderer(settings, engine)
        results = []
        for item in prepared:
            results.append(renderer.render(item))
            on_result(results[-1])
        return results
    by_path = {item.loaded.path: None for item in prepared}
    _handed_down.update({item.loaded.path: item for item in prepared})  # before the fork
    try:
        for result in _in_pool(list(by_path), settings, jobs):
            by_path[result.source] = result
            on_result(result)
    finally:
        _handed_down.clear()
    return [by_path[item.loaded.path] for item in prepared]


_worker: Renderer | None = None

#: The validated briefs a forked worker inherits from its parent, by path: loading and
#: validating a brief again in the worker was a tenth of its time.
_handed_down: dict[Path, Prepared] = {}


def _start_worker(settings: RenderSettings) -> None:
    global _worker
    _worker = Renderer(settings)


def _work(path: Path) -> BriefResult:
    assert _worker is not None
    return _worker.render_path(path)


def _in_pool(paths: list[Path], settings: RenderSettings, jobs: int) -> Iterator[BriefResult]:
    # Imported here: a build of one brief, or with --jobs 1, never starts a pool.
    from concurrent.futures import as_completed

    from .pool import fork_pool

    with fork_pool(min(jobs, len(paths)), _start_worker, (settings,)) as pool:
        futures = {pool.submit(_work, path): path for path in paths}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception:  # the worker died (out of memory, killed) or a bug
                yield BriefResult.crashed(futures[future], "rendering")


def project_name(path: Path, root: Path) -> str:
    """``path`` as the project names it: relative to ``root`` (the folder of
    make-brief.toml) when inside it, else its file name. The same whether the build was
    given ``content/x.yaml`` or an absolute path, from whatever working folder."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name
