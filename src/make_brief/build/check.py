"""Check: every content file loaded, validated and resolved before anything renders.

A brief is ready to render when its content is valid and what it refers to exists: its
template set and the labels of its language. Every problem of every file is reported.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..errors import ContentError, UsageError
from .plan import Plan
from .results import BriefResult, Prepared

if TYPE_CHECKING:
    from ..content.config import Config
    from ..content.context import BriefContext
    from ..content.load import LoadedBrief
    from ..content.schema import Brief
    from ..render.sets import TemplateSet


#: From this many files on, a check that keeps no prepared brief is shared among worker
#: processes; below it, forking them costs more than it saves.
PARALLEL_FROM = 32


class Lookups:
    """What many briefs of one check share and each would otherwise look up again: the
    template set of each name, and each set's labels of a language. One per check; a
    long-running preview makes none, so it never sees a stale set or stale words."""

    def __init__(self) -> None:
        self.sets: dict[str, TemplateSet] = {}
        self.labels: dict[Any, Any] = {}


def check(
    plan: Plan, files: list[Path], config: Config, *, jobs: int = 1, keep: bool = True
) -> tuple[list[BriefResult], list[Prepared]]:
    """Check ``files`` of ``plan``: a result for each (with its problems, if any), and the
    briefs that are ready to render.

    A check that keeps nothing (``keep=False``: the ``check`` command) is shared among
    ``jobs`` processes when it has many files; a build keeps its prepared briefs in this
    process, which is cheaper than sending them between processes."""
    lookups = Lookups()
    if keep or jobs <= 1 or len(files) < PARALLEL_FROM:
        return _check_here(plan, files, config, lookups, keep)
    # The first file here: its type's validator, the template set and the labels are
    # then ready before the fork, and every worker inherits them instead of making them.
    first, _ = _check_here(plan, files[:1], config, lookups, keep=False)
    return [*first, *_check_in_pool(plan, files[1:], config, lookups, jobs)], []


def _check_here(
    plan: Plan, files: list[Path], config: Config, lookups: Lookups, keep: bool
) -> tuple[list[BriefResult], list[Prepared]]:
    results, prepared = [], []
    for path in files:
        result = BriefResult(path)
        results.append(result)
        if path in plan.clashes:
            result.problems.append(plan.clashes[path])
            continue
        try:
            item = prepare(path, config, lookups, context=keep)
        except ContentError as exc:
            result.problems += exc.problems
        except UsageError:
            raise  # the project's config or template sets: every brief would fail alike
        except Exception:  # a bug: this brief fails, the others are still checked
            results[-1] = BriefResult.crashed(path, "checking")
        else:
            result.warnings += item.warnings
            if keep:
                prepared.append(item)
    return results, prepared


def _check_in_pool(
    plan: Plan, files: list[Path], config: Config, lookups: Lookups, jobs: int
) -> list[BriefResult]:
    from .pool import forked_map

    # A few files per item: fewer results to pickle one by one, and still an even share.
    size = max(1, -(-len(files) // (jobs * 8)))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]

    def check_chunk(chunk: list[Path]) -> list[BriefResult]:
        return _check_here(plan, chunk, config, lookups, keep=False)[0]

    return [result for done in forked_map(check_chunk, chunks, jobs) for result in done]


def prepare(
    path: Path, config: Config, lookups: Lookups | None = None, *, context: bool = True
) -> Prepared:
    """Load one file and resolve what it refers to: its template set and its labels.

    ``lookups``, one for one ``check`` of many briefs, keeps each template set and each
    set's labels of a language once found (a long-running preview passes none, so it
    never sees stale ones). ``context=False`` (a check that renders nothing) resolves the
    brief's language without making the template's context, which it would only throw
    away: the Prepared brief's context is then empty."""
    # Imported here: a build with nothing to do never pays for YAML, pydantic models,
    # Babel or Jinja.
    from ..content.context import build_context
    from ..content.dates import locale_for
    from ..content.labels import LabelError, label_warnings, load_labels
    from ..content.load import load_brief
    from ..render.sets import find_template_set

    loaded = load_brief(path)
    brief = loaded.brief
    name = template_name(brief, config)
    try:
        if lookups is not None and name in lookups.sets:
            template_set = lookups.sets[name]
        else:  # a set that is not found is never kept: each brief says so itself
            template_set = find_template_set(name, config.templates_dir)
            if lookups is not None:
                lookups.sets[name] = template_set
    except LookupError as exc:
        if brief.template is None and name == config.template:
            raise UsageError(f"make-brief.toml: template: {exc}") from None
        raise ContentError([loaded.problem(("template",), str(exc))]) from None
    _check_printable(loaded, template_set)
    language = brief.language or config.language
    folders = label_folders(template_set, config)
    key = (folders, language)
    try:
        if lookups is not None and key in lookups.labels:
            labels, said = lookups.labels[key]
        else:  # a label file that fails is never kept: each brief says so itself
            labels = load_labels(folders, language, project=config.templates_dir)
            said = label_warnings(folders, language, project=config.templates_dir)
            if lookups is not None:
                lookups.labels[key] = (labels, said)
        if context:
            made = build_context(brief, loaded.slug, config, labels)
        else:  # what making it could refuse: a language Babel does not know
            locale_for(language)
            made = cast("BriefContext", {})
    except (LabelError, ValueError) as exc:
        if brief.language is None:  # the project's default: every brief would fail alike
            raise UsageError(f"make-brief.toml: language: {exc}") from None
        raise ContentError([loaded.problem(("language",), str(exc))]) from None
    return Prepared(loaded, template_set, made, [*loaded.warnings, *said])


def template_name(brief: Brief, config: Config) -> str:
    """The template set a brief is rendered with: the one it names; else, for a briefing
    note, make-brief.toml's ``template``; else the set named like its type."""
    from ..content.schema import DEFAULT_TYPE

    if brief.template:
        return brief.template
    return config.template if brief.type == DEFAULT_TYPE else brief.type


def _check_printable(loaded: LoadedBrief, template_set: TemplateSet) -> None:
    """Refuse, at its field, a character that none of the brief's fonts can print."""
    from ..content.characters import label
    from ..content.load import strings_with_places
    from ..render.glyphs import unprintable

    if not unprintable(loaded.characters, template_set.asset_roots):
        return  # every character has a font: no need to find any one's place
    problems = [
        loaded.problem_at(
            loc,
            line,
            col,
            f"character {label(ch)} cannot be printed: no font of template set "
            f"'{template_set.name}' or of this machine has it; write it in words or leave it out",
        )
        for loc, line, col, text in strings_with_places(loaded.tree)
        for ch in unprintable(text, template_set.asset_roots)
    ]
    if problems:
        raise ContentError(problems)


def label_folders(template_set: TemplateSet, config: Config) -> tuple[Path, ...]:
    """Where labels are looked up, first wins per word: the project's copy of the set,
    the project's ``templates/labels/`` (shared by all its sets), the built-in set."""
    project = config.templates_dir.resolve()
    own = [f for f in template_set.folders if f.is_relative_to(project)]
    rest = [f for f in template_set.folders if not f.is_relative_to(project)]
    return (*own, project, *rest)
