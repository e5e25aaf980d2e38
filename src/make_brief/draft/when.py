"""Dates and date ranges in English prose, and which of them are the event's.

A small grammar, not a date library's search: news items write ranges ("from 6-10 July
2020", "June 29th to July 3rd 2020", "4 and 5 April 2023", "between 2 October and
10 November 2023") that general date parsers read as two unrelated dates or not at all.
Month names come from CLDR through Babel. Which range is the event's is decided from the
words around it: "took place", "was held" against "was scheduled", "originally planned".
"""

from __future__ import annotations

import re
from datetime import date

from babel.dates import get_month_names

from .model import DateSpan
from .text import Sentence

_MONTHS: dict[str, int] = {}
for _width in ("wide", "abbreviated"):
    for _number, _name in get_month_names(_width, locale="en").items():
        _MONTHS[_name.lower().rstrip(".")] = _number
_MONTHS["sept"] = 9

_M = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_D = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?:1[89]|2[01])\d\d"
_WD = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_TO = r"\s*(?:-|–|—|to|until|till|through|and|&)\s*"

# Ordered longest first; each names its groups d1 m1 y1 d2 m2 y2.
_PATTERNS = [
    # 29 June to 3 July 2020 | 29 June 2020 - 3 July 2020
    rf"{_WD}(?P<d1>{_D})\s+(?:of\s+)?(?P<m1>{_M}),?\s*(?P<y1>{_Y})?{_TO}{_WD}(?P<d2>{_D})\s+(?:of\s+)?(?P<m2>{_M}),?\s+(?P<y2>{_Y})",
    # June 29th to July 3rd 2020 | June 29, 2020 - July 3, 2020
    rf"{_WD}(?P<m1>{_M})\s+(?P<d1>{_D}),?\s*(?P<y1>{_Y})?{_TO}{_WD}(?P<m2>{_M})\s+(?P<d2>{_D}),?\s+(?P<y2>{_Y})",
    # 6-10 July 2020 | 4 and 5 April 2023 | 29th-30th November 2021
    rf"(?P<d1>{_D}){_TO}(?P<d2>{_D})\s+(?:of\s+)?(?P<m2>{_M}),?\s+(?P<y2>{_Y})",
    # May 10-12, 2022
    rf"(?P<m2>{_M})\s+(?P<d1>{_D}){_TO}(?P<d2>{_D}),?\s+(?P<y2>{_Y})",
    # Thursday, 2 February 2023
    rf"{_WD}(?P<d1>{_D})\s+(?:of\s+)?(?P<m1>{_M}),?\s+(?P<y1>{_Y})",
    # July 6, 2020
    rf"{_WD}(?P<m1>{_M})\s+(?P<d1>{_D}),?\s+(?P<y1>{_Y})",
    # 2020-07-06
    r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)",
    # ranges and single dates without a year, completed from the text's other dates
    rf"(?P<d1>{_D}){_TO}(?P<d2>{_D})\s+(?:of\s+)?(?P<m2>{_M})(?![\w-])",
    rf"{_WD}(?P<d1>{_D})\s+(?:of\s+)?(?P<m1>{_M}){_TO}(?P<d2>{_D})\s+(?:of\s+)?(?P<m2>{_M})(?![\w-])",
    # August 2020
    rf"(?P<mo>{_M})\s+(?P<yo>{_Y})",
]
_DATES = [re.compile(rf"(?<![\w/-]){p}(?![\w/])", re.I) for p in _PATTERNS]
_GROUPS = ("d1", "m1", "y1", "d2", "m2", "y2", "iso", "mo", "yo")

# Words before a date that say what it is.
_HELD = re.compile(
    r"\b(?:took place|take place|taking place|held|hold|holds|holding|met|meet|meets|"
    r"convened|convenes|gathered|hosted|hosts|organi[sz]ed|opened|ran|runs|attended|"
    r"finally|instead|place|on|from)\b",
    re.I,
)
_EVENT_WORDS = re.compile(
    r"\b(?:week|conference|forum|summit|meeting|sessions?|workshop|seminar|symposium|"
    r"dialogue|assembly|congress|roundtable|webinar|exhibition|briefing|event|course|"
    r"training|talks|visit|mission)\b",
    re.I,
)
_NOT_EVENT = re.compile(
    r"\b(?:enter(?:s|ed)? into force|deadline|by the end of|published|until|adopted|"
    r"signed|launched|since|ratified|before the end)\b[^.;]*$",
    re.I,
)


def _day(text: str | None) -> int | None:
    return int(re.match(r"\d+", text).group()) if text else None  # type: ignore[union-attr]


def _month(text: str | None) -> int | None:
    return _MONTHS.get(text.lower().rstrip(".")) if text else None


def find_dates(sentences: list[Sentence], default_year: int | None = None) -> list[DateSpan]:
    """Every date and range in the sentences, in text order (impossible dates skipped)."""
    spans: list[DateSpan] = []
    for sentence in sentences:
        matches = [m for pattern in _DATES for m in pattern.finditer(sentence.text)]
        matches.sort(key=lambda m: (m.start(), -len(m.group())))
        taken = 0
        for match in matches:  # the longest reading at each place, never overlapping
            if match.start() < taken:
                continue
            span = _span(match, sentence, default_year)
            if span is not None:
                spans.append(span)
                taken = match.end()
    return spans


def _span(match: re.Match[str], sentence: Sentence, year: int | None) -> DateSpan | None:
    g = {name: match.groupdict().get(name) for name in _GROUPS}
    text, offset = match.group(), match.start()
    try:
        if g["iso"]:
            return DateSpan(date.fromisoformat(g["iso"]), None, text, sentence.index, offset)
        if g["mo"]:
            day = date(int(g["yo"]), _month(g["mo"]), 1)  # type: ignore[arg-type]
            return DateSpan(day, None, text, sentence.index, offset, month_only=True)
        y2 = int(g["y2"]) if g["y2"] else (int(g["y1"]) if g["y1"] else year)
        if y2 is None:
            return None
        if g["d2"] is None:  # a single date
            return DateSpan(
                date(y2, _month(g["m1"]), _day(g["d1"])),  # type: ignore[arg-type]
                None,
                text,
                sentence.index,
                offset,
            )
        m2 = _month(g["m2"])
        m1 = _month(g["m1"]) or m2
        y1 = int(g["y1"]) if g["y1"] else (y2 if m1 <= m2 else y2 - 1)  # type: ignore[operator]
        start = date(y1, m1, _day(g["d1"]))  # type: ignore[arg-type]
        end = date(y2, m2, _day(g["d2"]))  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return None
    if end < start or (end - start).days > 120:
        return None
    return DateSpan(start, end if end != start else None, text, sentence.index, offset)


_PLAN_CUE = re.compile(
    r"\b(?:scheduled|planned|originally|initially|due|supposed|had been|was to)"
    r"(?:\s+(?:for|from|on|to\s+(?:take place|be held|meet|run)))?",
    re.I,
)
_DONE_CUE = re.compile(
    r"\b(?:took place|taking place|was held|were held|held|finally|instead|postponed|moved|"
    r"rescheduled|met|convened|but|however)\b",
    re.I,
)


def is_planned(span: DateSpan, sentence: Sentence) -> bool:
    """A date the event was scheduled for but not held on ("originally planned for ...",
    "was scheduled to take place from ..."): a word of plan comes after any word of
    holding or change before the date."""
    before = sentence.text[: span.offset]
    plans = list(_PLAN_CUE.finditer(before))
    if not plans:
        return False
    done = [m for m in _DONE_CUE.finditer(before) if m.start() >= plans[-1].end()]
    return not done


def event_dates(
    spans: list[DateSpan], sentences: list[Sentence], published: date | None
) -> tuple[DateSpan | None, list[DateSpan]]:
    """The span most likely to be when the event took place, and the planned ones.

    A span scores for the event words and "held" verbs of its sentence and close before
    it; a planned span, a deadline, a publication dateline or a month without a day does
    not qualify.
    """
    best: tuple[float, int] | None = None
    chosen: DateSpan | None = None
    planned: list[DateSpan] = []
    for position, span in enumerate(spans):
        sentence = sentences[span.sentence]
        if is_planned(span, sentence):
            planned.append(span)
            continue
        if span.month_only:
            continue
        before = sentence.text[max(0, span.offset - 90) : span.offset]
        if _NOT_EVENT.search(before):
            continue
        score = 0.0
        if _HELD.search(before[-40:]):
            score += 2
        if _HELD.search(sentence.text):
            score += 1
        if _EVENT_WORDS.search(sentence.text):
            score += 1.5
        if span.end is not None:
            score += 1
        if _is_dateline(span, sentence):
            score -= 3
        if published is not None and span.start > published and span.end is None:
            score -= 1  # a later date in a report is usually a next step
        key = (score, -position)
        if score > 0 and (best is None or key > best):
            best, chosen = key, span
    return chosen, planned


_CHANGE = re.compile(
    r"\b(?:postponed|moved|instead|however|cancell?ed|rescheduled|because of|due to|"
    r"as a result|virtual|online|delayed|brought forward)\b",
    re.I,
)


def schedule_changed(planned: list[DateSpan], sentences: list[Sentence]) -> list[Sentence]:
    """The sentences telling that the event moved from a planned date, if it did: a
    planned date with words of change in its sentence or the next one."""
    told: list[Sentence] = []
    for span in planned:
        here = sentences[span.sentence]
        following = sentences[span.sentence + 1] if span.sentence + 1 < len(sentences) else None
        if _CHANGE.search(here.text):
            told.append(here)
        elif following is not None and _CHANGE.search(following.text):
            told.extend([here, following])
    unique = {s.index: s for s in told}
    return [unique[i] for i in sorted(unique)]


def _is_dateline(span: DateSpan, sentence: Sentence) -> bool:
    """ "Brussels, 12 December 2023 -", "Published 30 June 2021", a date alone."""
    rest = sentence.text[span.offset + len(span.text) :].strip()
    before = sentence.text[: span.offset].strip()
    return (not rest or rest[0] in "-–—|:") and len(before.split()) <= 3


def publication_date(spans: list[DateSpan], sentences: list[Sentence]) -> date | None:
    """The dateline of a news item, when its first lines carry one."""
    for span in spans:
        sentence = sentences[span.sentence]
        if sentence.index <= 3 and not span.month_only and _is_dateline(span, sentence):
            return span.start
    return None


def year_hint(text: str) -> int | None:
    """The most frequent year in the text, to complete "6-10 July"."""
    years = re.findall(rf"(?<!\d)({_Y})(?!\d)", text)
    return int(max(set(years), key=years.count)) if years else None
