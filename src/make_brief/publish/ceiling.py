"""The marking ceiling: only briefs whose marking a project allows may reach a site.

A site is public; a brief marked RESTRICTED that lands there by mistake cannot be called
back. So the check runs on every brief and every book (by the book's own marking: the
highest of its parts, or higher) before the first byte is written, and one of them
above the ceiling stops the whole publication. Markings compare trimmed, without regard to
case and in Unicode's composed form: "Unclassified " is "UNCLASSIFIED", but no other
spelling passes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..errors import MakeBriefError


class MarkingRefused(MakeBriefError):
    """A brief's marking is not in the project's ``publish_allowed`` list (exit 1)."""

    exit_code = 1


def normalise(marking: str) -> str:
    return unicodedata.normalize("NFC", marking).strip().casefold()


def check_ceiling(
    briefs: Iterable[Mapping[str, Any]],
    allowed: Iterable[str],
    names: Mapping[str, str] | None = None,
    books: Iterable[Mapping[str, Any]] = (),
    book_names: Mapping[str, str] | None = None,
) -> None:
    """Raise :class:`MarkingRefused` naming every brief and book above the ceiling, and
    its marking.

    ``briefs`` and ``books`` are manifest entries (``slug`` and ``classification``);
    ``names`` and ``book_names`` give a better name than the slug for some of them, such
    as the file it came from (a book without one is called ``book <slug>``).
    """
    allowed = tuple(allowed)
    permitted = {normalise(m) for m in allowed}
    names, book_names = names or {}, book_names or {}
    refused_briefs = _refused(briefs, permitted, lambda slug: names.get(slug, slug))
    refused_books = _refused(books, permitted, lambda slug: book_names.get(slug, f"book {slug}"))
    if not refused_briefs and not refused_books:
        return
    counted = [
        _count(len(found), word)
        for found, word in ((refused_briefs, "brief"), (refused_books, "book"))
        if found
    ]
    many = len(refused_briefs) + len(refused_books) != 1
    lines = [
        f"publishing refused: {' and '.join(counted)} {'have' if many else 'has'} a marking "
        f"that may not be published (publish_allowed: {', '.join(allowed) or 'nothing'}):"
    ]
    lines += [f"  {name}: marked {marking!r}" for name, marking in sorted(refused_briefs)]
    lines += [f"  {name}: marked {marking!r}" for name, marking in sorted(refused_books)]
    them = "these briefs" if not refused_books else "these books" if not refused_briefs else "them"
    lines.append(
        f"nothing was published; leave {them} out or, if a marking is in fact public, "
        "add it to publish_allowed in make-brief.toml"
    )
    raise MarkingRefused("\n".join(lines))


def _refused(
    entries: Iterable[Mapping[str, Any]], permitted: set[str], name: Callable[[str], str]
) -> list[tuple[str, str]]:
    """(name, marking) of every entry whose marking is not permitted."""
    return [
        (name(e["slug"]), str(e.get("classification") or ""))
        for e in entries
        if normalise(str(e.get("classification") or "")) not in permitted
    ]


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number != 1 else ''}"
