"""Check: every content file loaded, validated and resolved before anything renders.

A brief is ready to render when its content is valid and what it refers to exists: its
template set and the labels of its language. Every problem of every file is reported.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ContentError, UsageError
from .plan import Plan
from .results import BriefResult, Prepared

if TYPE_CHECKING:
    from ..content.config import Config
    from ..content.load import LoadedBrief
    from ..content.schema import Brief
    from ..render.templating import TemplateSet


def check(
    plan: Plan, files: list[Path], config: Config
) -> tuple[list[BriefResult], list[Prepared]]:
    """Check ``files`` of ``plan``: a result for each (with its problems, if any), and the
    briefs that are ready to render."""
    results, prepared = [], []
    labels_cache: dict[Any, Any] = {}
    for path in files:
        result = BriefResult(path)
        results.append(result)
        if path in plan.clashes:
            result.problems.append(plan.clashes[path])
            continue
        try:
            prepared.append(prepare(path, config, labels_cache))
            result.warnings += prepared[-1].warnings
        except ContentError as exc:
            result.problems += exc.problems
        except UsageError:
            raise  # the project's config or template sets: every brief would fail alike
        except Exception:  # a bug: this brief fails, the others are still checked
            results[-1] = BriefResult.crashed(path, "checking")
    return results, prepared


def prepare(path: Path, config: Config, labels_cache: dict[Any, Any] | None = None) -> Prepared:
    """Load one file and resolve what it refers to: its template set and its labels.

    ``labels_cache``, one dict for one ``check`` of many briefs, keeps each set's labels
    of a language once read (a long-running preview passes none, so it never sees stale
    words)."""
    # Imported here: a build with nothing to do never pays for YAML, pydantic models,
    # Babel or Jinja.
    from ..content.context import build_context
    from ..content.labels import LabelError, label_warnings, load_labels
    from ..content.load import load_brief
    from ..render.templating import find_template_set

    loaded = load_brief(path)
    brief = loaded.brief
    name = template_name(brief, config)
    try:
        template_set = find_template_set(name, config.templates_dir)
    except LookupError as exc:
        if brief.template is None and name == config.template:
            raise UsageError(f"make-brief.toml: template: {exc}") from None
        raise ContentError([loaded.problem(("template",), str(exc))]) from None
    _check_printable(loaded, template_set)
    language = brief.language or config.language
    folders = label_folders(template_set, config)
    key = (folders, language)
    try:
        if labels_cache is not None and key in labels_cache:
            labels, said = labels_cache[key]
        else:  # a label file that fails is never kept: each brief says so itself
            labels = load_labels(folders, language, project=config.templates_dir)
            said = label_warnings(folders, language, project=config.templates_dir)
            if labels_cache is not None:
                labels_cache[key] = (labels, said)
        context = build_context(brief, loaded.slug, config, labels)
    except (LabelError, ValueError) as exc:
        if brief.language is None:  # the project's default: every brief would fail alike
            raise UsageError(f"make-brief.toml: language: {exc}") from None
        raise ContentError([loaded.problem(("language",), str(exc))]) from None
    return Prepared(loaded, template_set, context, [*loaded.warnings, *said])


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
