"""``index.html``: every brief, newest first, on one page that needs no JavaScript.

Rendered by Jinja from ``templates/index.html.j2`` with autoescaping on; briefs reach the
template only as data, so a title full of markup prints as typed. The stylesheet is
inlined: one file to serve, nothing to fetch, the same look from a file:// URL.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from .. import __version__
from .listing import SiteBrief

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
    briefs: Sequence[SiteBrief], organisation: str, title: str, feed_href: str = "feed.xml"
) -> bytes:
    """The page listing ``briefs`` (already newest first) as UTF-8 bytes."""
    template = _environment().get_template("index.html.j2")
    html = template.render(
        briefs=briefs,
        organisation=organisation,
        title=title,
        feed_href=feed_href,
        version=__version__,
    )
    return html.encode("utf-8")
