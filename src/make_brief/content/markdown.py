"""The restricted Markdown of text fields, rendered to the HTML subset both outputs share.

Only paragraphs, bold, italic, links, bullet and numbered lists and hard line breaks are
switched on: anything else (headings, code, quotes, images, raw HTML) prints as the
characters the author typed. Raw HTML is off, so ``<b>`` arrives escaped; links whose
scheme is not http, https or mailto are printed as plain text instead of a link.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_SAFE_LINK = re.compile(r"(https?:|mailto:)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Imported on first use: a check whose texts hold no link never needs the parser.
    from markdown_it import MarkdownIt

    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["paragraph", "emphasis", "link", "list", "newline", "escape"])
    # markdown-it's own check lets relative links and most schemes through; a brief may
    # only point at the web or at an e-mail address.
    md.validateLink = lambda url: bool(_SAFE_LINK.match(url.strip()))
    return md


@lru_cache(maxsize=1)
def _finder() -> MarkdownIt:
    """The same Markdown, with every link kept exactly as typed: to find those the
    brief will print without their address."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["paragraph", "emphasis", "link", "list", "newline", "escape"])
    md.validateLink = lambda url: True
    md.normalizeLink = lambda url: url
    return md


def unlinked(text: str) -> list[tuple[str, str]]:
    """The links of ``text`` printed as their words only (a scheme other than http, https
    and mailto, or a relative address): each as (its words, its address as typed)."""
    if "](" not in text:
        # Only inline links are switched on, and one is ``[words](address)``, the
        # bracket and the parenthesis side by side: a text without them has none.
        return []
    found = []
    for block in _finder().parse(text):
        words: list[str] | None = None
        href = ""
        for child in block.children or ():
            if child.type == "link_open":
                href, words = str(child.attrs.get("href", "")), []
            elif child.type == "link_close" and words is not None:
                if not _SAFE_LINK.match(href.strip()):
                    found.append(("".join(words), href))
                words = None
            elif words is not None and child.type == "text":
                words.append(child.content)
    return found


def to_html(text: str) -> Markup:
    """Block HTML (paragraphs and lists) for a text field; safe to insert unescaped."""
    return Markup(_parser().render(text).strip())


def to_inline_html(text: str) -> Markup:
    """Inline HTML for text shown inside a line (a table cell, a list item's tail)."""
    return Markup(_parser().renderInline(text).strip())


def to_plain(text: str) -> str:
    """The words of a text field without Markdown markers: for acronyms and PDF metadata."""
    words = []
    for token in _parser().parse(text):
        if token.type == "inline" and token.children:
            words.append(
                "".join(
                    " " if child.type in ("softbreak", "hardbreak") else child.content
                    for child in token.children
                    if child.type in ("text", "softbreak", "hardbreak")
                )
            )
    return " ".join(w.strip() for w in words if w.strip())
