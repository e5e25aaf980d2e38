"""``index.html``: the briefing books, then every brief, newest first, on one page that
needs no JavaScript.

Rendered by Jinja from ``templates/index.html.j2`` with autoescaping on; briefs reach the
template only as data, so a title full of markup prints as typed. The stylesheet is
inlined: one file to serve, nothing to fetch, the same look from a file:// URL.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from .. import __version__
from .listing import TYPE_PLURALS, SiteBook, SiteBrief

TEMPLATES = Path(__file__).parent / "templates"


@cache
def _environment():  # type: ignore[no-untyped-def]
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_index(
    briefs: Sequence[SiteBrief],
    organisation: str,
    title: str,
    feed_href: str = "feed.xml",
    books: Sequence[SiteBook] = (),
) -> bytes:
    """The page listing ``books`` and ``briefs`` (each already newest first) as UTF-8
    bytes."""
    template = _environment().get_template("index.html.j2")
    html = template.render(
        briefs=briefs,
        books=books,
        filters=type_filters(briefs),
        organisation=organisation,
        title=title,
        feed_href=feed_href,
        version=__version__,
    )
    return html.encode("utf-8")


def type_filters(briefs: Sequence[SiteBrief]) -> dict[str, str]:
    """The page's filter by type: each known type the briefs have -> its name in the
    plural, when they have more than one. Only the built-in type names reach the page's
    style sheet, which the filter writes to (a merged manifest may say anything)."""
    present = {brief.type for brief in briefs}
    found = {kind: plural for kind, plural in TYPE_PLURALS.items() if kind in present}
    return found if len(found) > 1 else {}
