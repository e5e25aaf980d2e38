"""The marking ceiling: only briefs whose marking a project allows may reach a site.

A site is public; a brief marked RESTRICTED that lands there by mistake cannot be called
back. So the check runs on every brief before the first byte is written, and one brief
above the ceiling stops the whole publication. Markings compare trimmed, without regard to
case and in Unicode's composed form: "Unclassified " is "UNCLASSIFIED", but no other
spelling passes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
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
) -> None:
    """Raise :class:`MarkingRefused` naming every brief above the ceiling and its marking.

    ``briefs`` are manifest entries (``slug`` and ``classification``); ``names`` gives a
    better name than the slug for some of them, such as the content file it came from.
    """
    allowed = tuple(allowed)
    permitted = {normalise(m) for m in allowed}
    names = names or {}
    refused = [
        (names.get(b["slug"], b["slug"]), str(b.get("classification") or ""))
        for b in briefs
        if normalise(str(b.get("classification") or "")) not in permitted
    ]
    if not refused:
        return
    many = len(refused) != 1
    lines = [
        f"publishing refused: {len(refused)} brief{'s' if many else ''} "
        f"{'have' if many else 'has'} a marking that may not be published "
        f"(publish_allowed: {', '.join(allowed) or 'nothing'}):"
    ]
    lines += [f"  {name}: marked {marking!r}" for name, marking in sorted(refused)]
    lines.append(
        "nothing was published; leave these briefs out or, if a marking is in fact public, "
        "add it to publish_allowed in make-brief.toml"
    )
    raise MarkingRefused("\n".join(lines))
