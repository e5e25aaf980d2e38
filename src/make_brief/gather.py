"""Gather and validate: every content file named, every problem of every file.

Nothing is rendered before everything is checked (Pelican's habit: gather every input
first, then write through one writer).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .errors import ContentError, Problem, UsageError

if TYPE_CHECKING:
    from .config import Config
    from .load import LoadedBrief
    from .templating import TemplateSet

CONTENT_SUFFIXES = (".yaml", ".yml")


@dataclass
class BriefResult:
    """What happened to one content file."""

    source: Path
    outputs: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: bool = False  # unchanged since the last build: its outputs were kept
    meta: dict = field(default_factory=dict)  # what the manifest says of it

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def status(self) -> Literal["built", "skipped", "failed"]:
        if self.problems:
            return "failed"
        return "skipped" if self.skipped else "built"


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
    return check_files(collect_content(paths), config)


def check_files(files: Sequence[Path], config: Config) -> tuple[list[BriefResult], list[Prepared]]:
    results, prepared = [], []
    for path, clash in with_slug_clashes(files):
        result = BriefResult(path)
        results.append(result)
        if clash is not None:
            result.problems.append(clash)
            continue
        try:
            prepared.append(prepare(path, config))
        except ContentError as exc:
            result.problems += exc.problems
    return results, prepared


def with_slug_clashes(files: Sequence[Path]) -> list[tuple[Path, Problem | None]]:
    """Each file, with a problem when an earlier file has the same slug (same outputs)."""
    seen: dict[str, Path] = {}
    out: list[tuple[Path, Problem | None]] = []
    for path in files:
        first = seen.setdefault(path.stem, path)
        clash = None
        if first != path:
            clash = Problem(
                str(path), message=f"has the same name as {first}; both would write {path.stem}.*"
            )
        out.append((path, clash))
    return out


def prepare(path: Path, config: Config) -> Prepared:
    """Load one file and resolve what it refers to: its template set and its labels."""
    # Imported here: a build with nothing to do never pays for YAML, pydantic models,
    # Babel or Jinja.
    from .context import build_context
    from .labels import LabelError, load_labels
    from .load import load_brief
    from .templating import find_template_set

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
