"""Enrich a validated brief into exactly what a template receives.

Everything a template may use is named in :class:`BriefContext`, so a template author can
read one type to know what is there, and a change to it is a visible change of contract.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from typing import TypedDict

from .. import package_version
from . import dates
from .acronyms import Acronym, collect_acronyms
from .config import Config
from .markdown import to_plain
from .schema import Brief, strings_in


class BriefContext(TypedDict):
    """What ``brief.html.j2`` receives. ``brief`` is the validated content, as data."""

    brief: Brief
    slug: str
    organisation: str
    logo_url: str | None
    classification: str
    language: str
    direction: str
    hyphenate: bool
    labels: Mapping[str, str]
    date: str
    event_dates: str | None
    acronyms: list[Acronym]
    summary_text: str
    keywords: list[str]
    timestamp: str
    generator: str


#: Languages written from right to left (the primary subtag of a BCP 47 tag).
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "dv", "yi"})
#: Fields that hold no printed words: addresses, names of files and sets, the acronym map.
_NOT_PRINTED = frozenset({"acronyms", "url", "email", "template", "language"})


def text_direction(language: str) -> str:
    """``rtl`` or ``ltr``: the direction a language's text runs in."""
    return "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def build_context(
    brief: Brief, slug: str, config: Config, labels: Mapping[str, str]
) -> BriefContext:
    language = brief.language or config.language
    event = getattr(brief, "event", None)  # every type may have one but need not
    event_dates = None
    if event is not None and event.start is not None:
        event_dates = dates.date_range(event.start, event.end, language, labels)
    return BriefContext(
        brief=brief,
        slug=slug,
        organisation=config.organisation or "",
        logo_url=config.logo.as_uri() if config.logo else None,
        classification=marking(brief, config, labels),
        language=language,
        direction=text_direction(language),
        hyphenate=config.hyphenate,
        labels=labels,
        date=dates.long_date(brief.date, language),
        event_dates=event_dates,
        acronyms=collect_acronyms(list(printed_texts(brief)), brief.acronyms),
        summary_text=to_plain(brief.summary),
        keywords=_keywords(brief),
        timestamp=document_timestamp(brief.date),
        generator=f"make-brief {package_version()}",
    )


#: The marking of a brief that names none, when its labels have no word for it.
UNMARKED = "UNCLASSIFIED"


def marking(brief: Brief, config: Config, labels: Mapping[str, str]) -> str:
    """The handling marking printed on every page: the brief's own; else the project's
    default, if make-brief.toml sets one; else "unclassified" in the brief's language
    (the ``unclassified`` label), so a French brief never says UNCLASSIFIED.

    ``config.classification`` counts only when the config file set it: a default the
    model supplies (English) is not the project's choice.
    """
    if brief.classification:
        return brief.classification
    if config.classification and "classification" in config.model_fields_set:
        return config.classification
    return labels.get("unclassified") or config.classification or UNMARKED


def document_timestamp(day: date) -> str:
    """The creation date written into every output: ``SOURCE_DATE_EPOCH`` when set, else
    the brief's own date, so the bytes depend on the inputs only."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = datetime.fromtimestamp(int(epoch), tz=UTC)
    else:
        moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def printed_texts(brief: Brief) -> Iterator[str]:
    """Every string the brief prints, for finding the acronyms it uses.

    The ``acronyms`` map itself is left out: an expansion nobody uses is not printed.
    """
    yield from strings_in(brief, _NOT_PRINTED)


def _keywords(brief: Brief) -> list[str]:
    """The PDF's keywords: the event, what the brief cites, who speaks for whom."""
    event = getattr(brief, "event", None)
    words: list[str] = [event.name] if event is not None else []
    words += [r.title for r in getattr(brief, "references", [])]
    people = [*getattr(brief, "speakers", []), getattr(brief, "speaker", None)]
    words += [p.organization for p in people if p is not None and p.organization]
    return list(dict.fromkeys(words))
