"""Template sets and the Jinja environment that renders a brief to semantic HTML.

A template set is a folder holding ``brief.html.j2``, ``style.css``, ``labels/``, its
``word-styles.yaml`` and its assets: a new brief type is a new folder, with no change to
the code. What every set shares (the theme's colours and fonts) is in ``templates/common/``,
which is not a set. The project's ``templates/<set>/`` comes first on the search path and
the built-in set of the same name second, so a project overrides the built-ins file by
file (``common/`` too); an override can still
``{% extends "builtin/briefing-note/brief.html.j2" %}`` and replace one block.

A set may build on another: ``extends: briefing-note`` at the top of its
``word-styles.yaml``. Its stylesheet may then ``@import "../briefing-note/style.css"``
(the base's folders join its asset roots) and its Word styles start from the base's
(wordstyles.py), so the talking points and the meeting report add their own parts
without a copy of the briefing note's 200 lines of CSS and Word styles.

Content reaches templates only as data in the context: nothing a content file says is
ever compiled as a template, and autoescaping is on. Templates run in Jinja's sandbox,
since a project's templates are written by more hands than make-brief's own.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    pass_context,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ..content import dates
from ..content.markdown import to_html, to_inline_html
from ..errors import RenderError
from ..locations import builtin_dir

MAIN_TEMPLATE = "brief.html.j2"
WORD_STYLES = "word-styles.yaml"
#: The folder every set shares (theme.css, fonts/); never a set itself.
SHARED = "common"


@dataclass(frozen=True)
class TemplateSet:
    """A named set and the folders it is read from, the project's first."""

    name: str
    folders: tuple[Path, ...]
    #: The shared folder's places, the project's first, whether or not it has one: a
    #: set's ``@import "../common/theme.css"`` resolves into either.
    shared: tuple[Path, ...] = ()
    #: The places of the sets it builds on (``extends:`` in its word-styles file), the
    #: nearest base first, each the project's before the built-in one.
    bases: tuple[Path, ...] = ()

    @property
    def asset_roots(self) -> tuple[Path, ...]:
        """The only folders the set's templates, stylesheets and images may read."""
        return self.folders + self.bases + self.shared

    @property
    def origin(self) -> str:
        kinds = [
            "built-in" if f.parent == builtin_dir().resolve() else "project" for f in self.folders
        ]
        return " over ".join(kinds)


def find_template_set(
    name: str, project_templates: Path, _extended_by: tuple[str, ...] = ()
) -> TemplateSet:
    """The set called ``name``; raises LookupError naming the folders searched."""
    if name == SHARED:
        raise LookupError(
            f"'{SHARED}' is not a template set: it holds what every set shares "
            "(theme.css, fonts/); name one of the sets that use it"
        )
    candidates = list(
        dict.fromkeys(p.resolve() for p in (project_templates / name, builtin_dir() / name))
    )
    folders = tuple(f for f in candidates if (f / MAIN_TEMPLATE).is_file() or f.is_dir())
    if not any((f / MAIN_TEMPLATE).is_file() for f in folders):
        searched = ", ".join(_shown(f) for f in candidates)
        known = ", ".join(s.name for s in list_template_sets(project_templates)) or "none"
        raise LookupError(
            f"template set '{name}' not found (searched {searched}); available: {known}"
        )
    shared = tuple(
        dict.fromkeys(p.resolve() for p in (project_templates / SHARED, builtin_dir() / SHARED))
    )
    bases: tuple[Path, ...] = ()
    base = extended_set(folders)
    if base is not None:
        if base == name or base in _extended_by:
            raise LookupError(f"template set '{name}' extends '{base}', which extends it back")
        found = find_template_set(base, project_templates, (*_extended_by, name))
        bases = found.folders + found.bases
    return TemplateSet(name, folders, shared, bases)


def extended_set(folders: tuple[Path, ...]) -> str | None:
    """The set the first ``word-styles.yaml`` of ``folders`` names under ``extends``.

    A file that cannot be read or is not a mapping names none here: the DOCX writer
    reports what is wrong with it, with its line, when it reads it.
    """
    for folder in folders:
        path = folder / WORD_STYLES
        try:
            info = path.stat()
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        return _extends_in(path, info.st_mtime_ns, info.st_size)
    return None


@lru_cache(maxsize=64)
def _extends_in(path: Path, mtime_ns: int, size: int) -> str | None:
    """What one word-styles file extends. Read once per process while the file is
    unchanged (its time and size are the key): the pure-Python YAML parse of a whole
    word-styles file per brief was most of what ``check`` cost."""
    try:
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError):
        return None
    base = data.get("extends") if isinstance(data, dict) else None
    return base if isinstance(base, str) and base else None


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def list_template_sets(project_templates: Path) -> list[TemplateSet]:
    names = {
        p.parent.name
        for root in (project_templates, builtin_dir())
        if root.is_dir()
        for p in root.glob(f"*/{MAIN_TEMPLATE}")
        if p.parent.name != SHARED
    }
    return [find_template_set(n, project_templates) for n in sorted(names)]


#: Longest string or list one template operation may make (``"x" * n``), and the largest
#: power: a brief's HTML is a few hundred kilobytes.
MAX_PRODUCT = 10_000_000
MAX_EXPONENT = 10_000


class _ConfinedLoader(FileSystemLoader):
    """A FileSystemLoader that reads no file outside its folders, whatever links say.

    Jinja already refuses ``..`` in names, but it follows a symbolic link: a
    ``templates/briefing-note/x.txt -> /etc/passwd`` link was printed by ``{% include %}``
    into every output. The URL fetcher of the PDF refuses such links; the loader now
    asks the same question.
    """

    def get_source(self, environment: Any, template: str) -> Any:
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        roots = [Path(folder).resolve() for folder in self.searchpath]
        if not any(real.is_relative_to(root) for root in roots):
            raise TemplateError(
                f"{template} leads outside the template folders (a symbolic link); "
                "templates may read only their own files"
            )
        return source, filename, uptodate


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with the two operators that can ask for gigabytes in a
    few characters bounded: ``"x" * 10**11`` and ``9 ** 10**9``."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                sized = isinstance(sequence, str | list | tuple) and isinstance(count, int)
                if sized and len(sequence) * count > MAX_PRODUCT:
                    raise TemplateError(
                        f"'*' would make {len(sequence) * count:,} items; at most "
                        f"{MAX_PRODUCT:,} are allowed"
                    )
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
            raise TemplateError(f"'**' with an exponent of {right}; at most {MAX_EXPONENT}")
        return super().call_binop(context, operator, left, right)


def make_environment(project_templates: Path) -> ImmutableSandboxedEnvironment:
    """One environment per build: the search path, strict undefineds, our filters."""
    search = [str(p) for p in (project_templates, builtin_dir()) if p.is_dir()]
    loader = ChoiceLoader(
        [
            _ConfinedLoader(search),
            PrefixLoader({"builtin": _ConfinedLoader(str(builtin_dir()))}),
        ]
    )
    env = _BoundedSandbox(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


def render_html(
    env: ImmutableSandboxedEnvironment, template_set: TemplateSet, context: dict[str, Any]
) -> str:
    """The brief as HTML; template mistakes come back as RenderError naming the file."""
    name = f"{template_set.name}/{MAIN_TEMPLATE}"
    try:
        return env.get_template(name).render(context)
    except TemplateNotFound as exc:
        raise RenderError(f"template {exc.name} not found") from None
    except TemplateError as exc:
        where = f"{getattr(exc, 'filename', None) or name}"
        line = getattr(exc, "lineno", None)
        raise RenderError(f"template {where}{f':{line}' if line else ''}: {exc.message}") from None
    except RecursionError:
        raise RenderError(
            f"template {name}: calls itself too deeply (a macro, include or extends that "
            "never ends)"
        ) from None
    except MemoryError:
        raise RenderError(f"template {name}: asked for more memory than there is") from None


# --- filters ------------------------------------------------------------------------------


def css_string(value: object) -> Markup:
    """A CSS string literal safe inside a <style> element (which HTML never escapes)."""
    text = "" if value is None else str(value)
    escaped = re.sub(r"[\\\"'<>&\n\r]", lambda m: f"\\{ord(m.group()):x} ", text)
    return Markup(f'"{escaped}"')


def css_page_counter(label: str) -> Markup:
    """``Page {page} of {pages}`` as CSS content with the page counters in place."""
    parts = re.split(r"(\{page\}|\{pages\})", label)
    out = []
    for part in parts:
        if part == "{page}":
            out.append("counter(page)")
        elif part == "{pages}":
            out.append("counter(pages)")
        elif part:
            out.append(css_string(part))
    return Markup(" ".join(out))


@pass_context
def _long_date(ctx: Any, value: Any) -> str:
    return dates.long_date(value, ctx["language"])


@pass_context
def _partial_date(ctx: Any, value: str) -> str:
    return dates.partial_date(value, ctx["language"])


FILTERS: dict[str, Callable[..., Any]] = {
    "markdown": to_html,
    "markdown_inline": to_inline_html,
    "css_string": css_string,
    "css_page_counter": css_page_counter,
    "long_date": _long_date,
    "partial_date": _partial_date,
}
