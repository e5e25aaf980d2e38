"""The book's own pages as HTML: the cover, the contents and a blank page.

They are printed by the book's template set, ``templates/book/`` (a project's own
``templates/book/`` overrides it file by file, as for a brief type), in the book's
language. Every page template receives: ``book`` (the book file, as data), ``marking``
(the book's), ``organisation``, ``logo_url``, ``language``, ``direction``, ``labels``,
``date`` (as the language writes it), ``timestamp``, ``generator``, ``running_title``
and ``page_label`` (whether the page prints the book's title and its number); the
contents page also ``entries``: one per brief, with ``section``, ``title``, ``type``,
``marking`` (its own), ``page``, ``anchor`` and ``opens_section``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import RenderError, UsageError

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from ..content.config import Config
    from ..render.sets import TemplateSet
    from .load import LoadedBook

#: The book's template set: the templates of its own pages, never a brief type.
SET_NAME = "book"


@dataclass(frozen=True)
class Entry:
    """One line of the contents."""

    section: str | None
    title: str
    type: str
    marking: str
    page: int
    anchor: str
    opens_section: bool = False  # the first brief of its section: the heading goes above


class Front:
    """The book's pages, ready to print: one Jinja environment and its labels."""

    def __init__(self, loaded: LoadedBook, marking: str, config: Config) -> None:
        from ..content import dates
        from ..content.context import document_timestamp, text_direction
        from ..render.templating import make_environment

        self.config = config
        self.template_set = book_template_set(config)
        self.env: ImmutableSandboxedEnvironment = make_environment(config.templates_dir)
        book = loaded.book
        self.language = book.language or config.language
        self.labels = book_labels(self.template_set, self.language, config)
        self.base: dict[str, Any] = {
            "book": book,
            "marking": marking,
            "organisation": config.organisation or "",
            "logo_url": config.logo.resolve().as_uri() if config.logo else None,
            "language": self.language,
            "direction": text_direction(self.language),
            "labels": self.labels,
            "date": dates.long_date(book.date, self.language),
            "timestamp": document_timestamp(book.date),
            "generator": _generator(),
        }

    def type_name(self, brief_type: str, own_label: str) -> str:
        """A brief's type in the book's language; a type the book's labels do not know
        (a project's own set) by its own ``document_type`` label."""
        return self.labels.get(f"type_{brief_type}") or own_label or brief_type

    def cover(self) -> str:
        return self._render("cover", running_title=False, page_label=None)

    def contents(self, entries: list[Entry]) -> str:
        return self._render(
            "contents", entries=entries, running_title=True, page_label=self.labels["page_x_of_y"]
        )

    def blank(self, marking: str) -> str:
        return self._render(
            "blank", marking=marking, running_title=True, page_label=self.labels["page_x_of_y"]
        )

    def _render(self, page: str, **extra: Any) -> str:
        from jinja2 import TemplateError

        from ..render import typography

        name = f"{SET_NAME}/{page}.html.j2"
        try:
            html = self.env.get_template(name).render({**self.base, **extra})
        except TemplateError as exc:
            line = getattr(exc, "lineno", None)
            raise RenderError(f"template {name}{f':{line}' if line else ''}: {exc}") from None
        return typography.apply(html, self.language)


def book_template_set(config: Config) -> TemplateSet:
    """``templates/book/`` of the project over the built-in one, with ``common/``."""
    from ..locations import builtin_dir
    from ..render.sets import SHARED, TemplateSet

    places = (config.templates_dir / SET_NAME, builtin_dir() / SET_NAME)
    folders = tuple(dict.fromkeys(p.resolve() for p in places if p.is_dir()))
    shared = tuple(
        dict.fromkeys(p.resolve() for p in (config.templates_dir / SHARED, builtin_dir() / SHARED))
    )
    return TemplateSet(SET_NAME, folders, shared)


def book_labels(template_set: TemplateSet, language: str, config: Config) -> Mapping[str, str]:
    from ..content.labels import LabelError, load_labels

    try:
        return load_labels(template_set.folders, language, project=config.templates_dir)
    except LabelError as exc:
        raise UsageError(f"templates/{SET_NAME}: {exc}") from None


def _generator() -> str:
    from .. import __version__

    return f"make-brief {__version__}"


def base_url(template_set: TemplateSet) -> str:
    return template_set.folders[0].as_uri() + "/"


def asset_roots(
    template_set: TemplateSet, config: Config
) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """Where the book's pages may read from: its set and ``common/``, and the logo."""
    return template_set.asset_roots, ((config.logo,) if config.logo else ())
