"""Build briefs: gather every content file, validate them all, then render and write.

Reads like a table of contents on purpose (after MkDocs' build command): each step is a
function below. One brief's failure never stops the others; its problems are reported
and nothing is written for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import typography
from .config import Config
from .context import build_context
from .deadline import DEFAULT_SECONDS, BriefTimeout, time_limit
from .errors import ContentError, Problem, RenderError, UsageError
from .files import remove_temporaries, write_atomically
from .labels import LabelError, load_labels
from .load import LoadedBrief, load_brief
from .render import RenderJob, Writer, writers
from .templating import TemplateSet, find_template_set, make_environment, render_html

CONTENT_SUFFIXES = (".yaml", ".yml")


@dataclass
class BriefResult:
    """What happened to one content file."""

    source: Path
    outputs: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Prepared:
    """A brief that passed every check and is ready to render."""

    loaded: LoadedBrief
    template_set: TemplateSet
    context: dict


def collect_content(paths: Sequence[Path]) -> list[Path]:
    """Content files named on the command line; folders give their ``*.yaml`` files."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.iterdir() if p.suffix in CONTENT_SUFFIXES and p.is_file()
            )
        elif path.is_file() or path.suffix in CONTENT_SUFFIXES:
            found.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return list(dict.fromkeys(found))


def check(paths: Sequence[Path], config: Config) -> tuple[list[BriefResult], list[Prepared]]:
    """Validate every file before anything is rendered; all problems of all files."""
    results, prepared = [], []
    slugs: dict[str, Path] = {}
    for path in collect_content(paths):
        result = BriefResult(path)
        results.append(result)
        if path.stem in slugs:
            result.problems.append(
                Problem(
                    str(path),
                    message=f"has the same name as {slugs[path.stem]}; both would write {path.stem}.*",
                )
            )
            continue
        slugs[path.stem] = path
        try:
            prepared.append(prepare(path, config))
        except ContentError as exc:
            result.problems += exc.problems
    return results, prepared


def prepare(path: Path, config: Config) -> Prepared:
    """Load one file and resolve what it refers to: its template set and its labels."""
    loaded = load_brief(path)
    brief = loaded.brief
    name = brief.template or config.template
    try:
        template_set = find_template_set(name, config.templates_dir)
    except LookupError as exc:
        if brief.template is None:
            raise UsageError(f"make-brief.toml: template: {exc}") from None
        raise ContentError([loaded.problem(("template",), str(exc))]) from None
    language = brief.language or config.language
    try:
        labels = load_labels(label_folders(template_set, config), language)
        context = build_context(brief, loaded.slug, config, labels)
    except (LabelError, ValueError) as exc:
        raise ContentError([loaded.problem(("language",), str(exc))]) from None
    return Prepared(loaded, template_set, dict(context))


def label_folders(template_set: TemplateSet, config: Config) -> tuple[Path, ...]:
    """Where labels are looked up, first wins per word: the project's copy of the set,
    the project's ``templates/labels/`` (shared by all its sets), the built-in set."""
    project = config.templates_dir.resolve()
    own = [f for f in template_set.folders if f.is_relative_to(project)]
    rest = [f for f in template_set.folders if not f.is_relative_to(project)]
    return (*own, project, *rest)


def build(
    paths: Sequence[Path],
    out: Path,
    formats: Sequence[str],
    config: Config,
    on_result: Callable[[BriefResult], None] = lambda result: None,
    timeout: float = DEFAULT_SECONDS,
) -> list[BriefResult]:
    """Check everything, then render each valid brief into ``out`` in every format."""
    results, prepared = check(paths, config)
    for result in results:
        if not result.ok:
            on_result(result)
    by_source = {r.source: r for r in results}
    remove_temporaries(out)
    if prepared:
        env = make_environment(config.templates_dir)
        chosen = {name: w for name, w in writers().items() if name in formats}
        for item in prepared:
            result = by_source[item.loaded.path]
            render_one(item, env, chosen, out, config, result, timeout)
            on_result(result)
    return results


def render_one(
    item: Prepared,
    env,
    chosen: dict[str, Writer],
    out: Path,
    config: Config,
    result: BriefResult,
    timeout: float = DEFAULT_SECONDS,
) -> None:
    """All formats of one brief are rendered before any is written: all or nothing."""
    path = item.loaded.path
    try:
        with time_limit(timeout):
            rendered = _render_formats(item, env, chosen, config)
    except RenderError as exc:
        result.problems.append(Problem(str(path), message=f"cannot be rendered: {exc}"))
        return
    except BriefTimeout as exc:
        result.problems.append(Problem(str(path), message=str(exc)))
        return
    for suffix, data in rendered.items():
        target = out / f"{item.loaded.slug}{suffix}"
        try:
            write_atomically(target, data)
        except OSError as exc:
            result.problems.append(
                Problem(str(target), message=f"cannot be written: {exc.strerror}")
            )
            return
        result.outputs.append(target)


def _render_formats(
    item: Prepared, env, chosen: dict[str, Writer], config: Config
) -> dict[str, bytes]:
    html = typography.apply(
        render_html(env, item.template_set, item.context), item.context["language"]
    )
    job = RenderJob(
        html=html,
        source=item.loaded.path,
        base_url=item.template_set.folders[0].resolve().as_uri() + "/",
        asset_roots=item.template_set.folders,
        extra_files=(config.logo,) if config.logo else (),
        reference_docx=config.reference_docx,
    )
    return {writer.suffix: writer.render(job) for writer in chosen.values()}
