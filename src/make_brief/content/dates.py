"""Dates and date ranges as a reader of the brief's language writes them (Babel, CLDR)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, parse_pattern

# A bare language gets the region whose conventions international organisations use:
# plain "en" would otherwise be American ("July 10, 2020"), not "10 July 2020".
_DEFAULT_REGION = {"en": "en_GB", "es": "es_ES", "pt": "pt_PT", "ar": "ar_EG"}


@lru_cache(maxsize=64)
def locale_for(language: str) -> Locale:
    """The Babel locale of a BCP 47 tag; raises ValueError for a language CLDR lacks."""
    tag = language.replace("-", "_")
    tag = _DEFAULT_REGION.get(tag.lower(), tag)
    try:
        return Locale.parse(tag)
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"'{language}' is not a language make-brief knows") from None


def long_date(day: date, language: str) -> str:
    """``10 July 2020``, ``10 juillet 2020``."""
    return format_date(day, "long", locale=locale_for(language))


def partial_date(value: str, language: str) -> str:
    """A source date given to the year (``2020``), month (``July 2020``) or day."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return format_skeleton("yMMMM", date(parts[0], parts[1], 1), locale=locale_for(language))
    return long_date(date(*parts), language)


#: Label keys a catalogue may set to write event ranges its own way, by what differs.
RANGE_LABELS = {"d": "range_days", "M": "range_months", "y": "range_years"}


def date_range(
    start: date, end: date | None, language: str, patterns: Mapping[str, str] | None = None
) -> str:
    """``6–10 July 2020``: the shared parts of the two dates written once.

    A label catalogue may give the pattern (French writes "du 6 au 10 juillet 2020", which
    no CLDR interval format says); its placeholders are ``{start_day}`` (6),
    ``{start_day_month}`` (29 June), ``{start}`` and ``{end}`` (long dates).

    Otherwise Babel's CLDR interval pattern is used. Babel picks the one with abbreviated
    months (no locale has a full-month one), so its month fields are widened here, as
    CLDR's own skeleton-matching rules prescribe for a requested width.
    """
    if end is None or end == start:
        return long_date(start, language)
    locale = locale_for(language)
    if start.year != end.year:
        field = "y"
    elif start.month != end.month:
        field = "M"
    else:
        field = "d"
    pattern = (patterns or {}).get(RANGE_LABELS[field])
    if pattern:
        return pattern.format_map(
            {
                "start_day": format_skeleton("d", start, locale=locale),
                "start_day_month": format_skeleton("MMMMd", start, locale=locale),
                "start": long_date(start, language),
                "end": long_date(end, language),
            }
        )
    formats = locale.interval_formats.get("yMMMd") or {}
    parts = formats.get(field)
    if not parts:
        return f"{long_date(start, language)} – {long_date(end, language)}"
    text = "".join(
        parse_pattern(_widen_months(pattern)).apply(day, locale)
        for pattern, day in zip(parts, (start, end), strict=True)
    )
    # CLDR puts thin spaces around the dash; a day range reads "6–10 July 2020", a longer
    # one "29 June – 3 July 2020" with ordinary spaces that every font and search handles.
    if field == "d":
        return re.sub(r"\s*–\s*", "–", text)
    return text.replace("\u2009", " ")


def _widen_months(pattern: str) -> str:
    # Only pattern letters count, not quoted literals: MMM and LLL become MMMM and LLLL.
    pieces = re.split(r"('[^']*')", pattern)
    return "".join(
        piece if piece.startswith("'") else re.sub(r"(?<![ML])(MMM|LLL)(?![ML])", _four, piece)
        for piece in pieces
    )


def _four(match: re.Match[str]) -> str:
    return match.group(1) + match.group(1)[0]
