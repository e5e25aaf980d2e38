"""The order of handling markings, lowest first, and the book's marking from its parts.

A book is handled at its highest page: its cover, its contents and its metadata carry
the highest marking of its parts, and a book that declares a lower one is refused. The
order comes from ``make-brief.toml`` (``markings = [...]``, lowest first; an entry may
be a list of words that rank alike, one per language); without it, the built-in order
below, which knows the words of the built-in languages (the ``unclassified`` labels of
the built-in templates among them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..content.config import Config

#: Lowest first; each rank holds the words that mean it in en, fr, es and ar.
DEFAULT_MARKINGS: tuple[tuple[str, ...], ...] = (
    ("UNCLASSIFIED", "PUBLIC", "NON CLASSIFIÉ", "SIN CLASIFICAR", "PÚBLICO", "غير مصنف"),
    (
        "FOR OFFICIAL USE ONLY",
        "OFFICIAL",
        "POUR USAGE OFFICIEL UNIQUEMENT",
        "PARA USO OFICIAL EXCLUSIVAMENTE",
        "للاستخدام الرسمي فقط",
    ),
    ("RESTRICTED", "DIFFUSION RESTREINTE", "DIFUSIÓN LIMITADA", "مقيد"),
    ("CONFIDENTIAL", "CONFIDENTIEL", "CONFIDENCIAL", "سري محدود"),
    ("SECRET", "SECRETO", "سري"),
    ("TOP SECRET", "TRÈS SECRET", "ALTO SECRETO", "سري للغاية"),
)


class MarkingOrder:
    """Ranks markings; words compare ignoring case and surrounding spaces."""

    def __init__(self, ranks: Sequence[Sequence[str]]) -> None:
        self.ranks = tuple(tuple(words) for words in ranks)
        self._rank = {_key(w): i for i, words in enumerate(self.ranks) for w in words}

    @classmethod
    def of(cls, config: Config) -> MarkingOrder:
        # ``markings`` is read if make-brief.toml's model has it (content/config.py).
        written: Any = getattr(config, "markings", None) or ()
        if not written:
            return cls(DEFAULT_MARKINGS)
        return cls([[w] if isinstance(w, str) else list(w) for w in written])

    def rank(self, marking: str) -> int | None:
        return self._rank.get(_key(marking))

    def known(self) -> str:
        return ", ".join(words[0] for words in self.ranks)


def _key(marking: str) -> str:
    return " ".join(marking.split()).casefold()


def book_marking(book: Any, order: MarkingOrder) -> str:
    """The marking of ``book`` (a :class:`~.load.LoadedBook`): its own if it declares
    one, else the highest of its parts. Raises ContentError naming each part that is
    marked higher than the book declares, or whose marking the order does not know."""
    from ..errors import ContentError

    parts = book.parts
    markings = {_key(p.marking) for p in parts}
    declared = book.book.classification
    if declared is None and len(markings) == 1:
        return parts[0].marking  # all alike: nothing to rank, even an unknown word
    problems = []
    for part in parts:
        if order.rank(part.marking) is None and (
            declared is None or _key(declared) != _key(part.marking)
        ):
            problems.append(
                book.problem(
                    part.loc,
                    f"part '{part.prepared.loaded.slug}' is marked '{part.marking}', which the "
                    f"order of markings does not know ({order.known()}); add it to markings = "
                    "[...] in make-brief.toml, lowest first",
                )
            )
    if (
        declared is not None
        and order.rank(declared) is None
        and len(markings | {_key(declared)}) > 1
    ):
        problems.append(
            book.problem(
                ("classification",),
                f"'{declared}' is not in the order of markings ({order.known()}); write one of "
                "them, or add it to markings = [...] in make-brief.toml",
            )
        )
    if problems:
        raise ContentError(problems)
    highest = max(parts, key=lambda p: order.rank(p.marking) or 0)
    if declared is None:
        return highest.marking
    floor = order.rank(declared) or 0
    for part in parts:
        if (order.rank(part.marking) or 0) > floor:
            problems.append(
                book.problem(
                    ("classification",),
                    f"the book is marked '{declared}', lower than its part "
                    f"'{part.prepared.loaded.slug}' ({part.marking}); mark the book "
                    f"'{highest.marking}' or higher, or leave classification out",
                )
            )
    if problems:
        raise ContentError(problems)
    return declared
