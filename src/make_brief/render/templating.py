"""The Jinja environment that renders a brief to semantic HTML, with its template set.

A template set (found by sets.py) is a folder holding ``brief.html.j2``, ``style.css``, ``labels/``, its
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
from collections.abc import Callable
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

from ..content import dates
from ..content.markdown import to_html, to_inline_html
from ..errors import RenderError
from ..locations import builtin_dir
from .sets import MAIN_TEMPLATE, TemplateSet

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
