"""Content format v1 as pydantic models: the contract of ``docs/content-format.md``.

Every model forbids unknown fields so a typo is reported instead of silently dropped.
Strings are strict: YAML turns ``012`` into the number 12 and ``2020-07`` stays text, so a
number where text is expected is refused with a hint to quote it rather than coerced with a
lost leading zero. The messages raised here are written for content authors; ``load.py``
adds the file, line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

#: Longest single-line value (a title, a name, a role).
MAX_LINE = 500
#: Longest text field (Markdown).
MAX_TEXT = 20_000
#: Most text in one brief, all fields together: about forty pages.
MAX_BRIEF_TEXT = 150_000

# --- scalar types -----------------------------------------------------------------------


class Markdown:
    """Marks a field as Markdown text (a *text* field of docs/content-format.md)."""


Line = Annotated[
    str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=MAX_LINE)
]
Text = Annotated[
    str,
    StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    Markdown(),
]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _parse_iso_date(value: Any) -> Any:
    """Accept only ``YYYY-MM-DD`` (date.fromisoformat alone would also take ``20200710``)."""
    if isinstance(value, date):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError("expected a date written YYYY-MM-DD, e.g. 2020-07-10")
    text = str(value).strip()
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"'{text}' is not a date written YYYY-MM-DD, e.g. 2020-07-10")
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a real date ({exc})") from None
    return _in_range(day, text)


#: Years the outputs can hold: PDF and DOCX dates have four digits.
MIN_YEAR = 1000


def _in_range(day: date, text: str) -> date:
    if day.year < MIN_YEAR:
        raise ValueError(
            f"'{text}' is before the year {MIN_YEAR}, which PDF and Word dates cannot hold; check the year"
        )
    return day


def _parse_partial_date(value: Any) -> Any:
    """A source may be dated to the day, the month or the year: keep it as ISO text."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError("expected a date written YYYY-MM-DD, YYYY-MM or YYYY")
    text = str(value).strip()
    if not _PARTIAL_DATE.fullmatch(text):
        raise ValueError(f"'{text}' is not a date written YYYY-MM-DD, YYYY-MM or YYYY")
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        _in_range(date(parts[0], parts[1], parts[2]), text)
    except ValueError as exc:
        if "four-digit" in str(exc):
            raise
        raise ValueError(f"'{text}' is not a real date ({exc})") from None
    return text


def _check_url(value: str) -> str:
    """Only web links: a content file must never make anything read a local file."""
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{value}' is not a web address; write it as https://...")
    if any(ch.isspace() for ch in value):
        raise ValueError(f"'{value}' contains spaces; encode them as %20")
    return value


def _check_email(value: str) -> str:
    if not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+", value):
        raise ValueError(f"'{value}' is not an e-mail address like name@example.org")
    return value


def _check_language(value: str) -> str:
    # Only the shape of a code here (the value names a labels file, so nothing else may
    # pass): whether make-brief has labels for it is known once the template set is, and
    # a word such as ``english`` gets its answer there, with the project's languages.
    if not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", value):
        from .labels import builtin_languages, language_problem

        raise ValueError(language_problem(value, builtin_languages()))
    return value


def _check_template_name(value: str) -> str:
    # A template name becomes a folder name: no separators, no '..', nothing hidden.
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", value):
        raise ValueError(
            f"'{value}' is not a template set name (lower-case letters, digits, '-' and '_')"
        )
    return value


def _cell(value: Any) -> Any:
    """Table cells often hold figures; accept numbers there and print them as written."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


IsoDate = Annotated[date, BeforeValidator(_parse_iso_date)]
PartialDate = Annotated[str, BeforeValidator(_parse_partial_date)]
Url = Annotated[Line, AfterValidator(_check_url)]
Email = Annotated[Line, AfterValidator(_check_email)]
Language = Annotated[Line, AfterValidator(_check_language)]
TemplateName = Annotated[Line, AfterValidator(_check_template_name)]
Cell = Annotated[
    str,
    BeforeValidator(_cell),
    StringConstraints(strict=True, strip_whitespace=True, max_length=MAX_LINE),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- the parts of a brief ---------------------------------------------------------------


class Event(_Model):
    name: Line
    organizer: Line | None = None
    start: IsoDate | None = None
    end: IsoDate | None = None
    format: Literal["in-person", "virtual", "hybrid"] | None = None
    location: Line | None = None
    note: Text | None = None

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, end: date | None, info: Any) -> date | None:
        if "start" not in info.data:
            return end  # the start is wrong, and reported: nothing to compare with
        start = info.data["start"]
        if end is not None and start is None:
            raise ValueError(
                "an end date needs a start date; add start: above it, "
                "or for a one-day event write that day as start: instead of end:"
            )
        if end is not None and start is not None and end < start:
            raise ValueError(f"the event ends ({end}) before it starts ({start})")
        return end


class Person(_Model):
    name: Line
    honorific: Line | None = None
    role: Line | None = None
    organization: Line | None = None
    email: Email | None = None
    phone: Line | None = None


class Message(_Model):
    """A key message: plain text, or a heading with its text."""

    heading: Line | None = None
    text: Text

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class Reference(_Model):
    title: Line
    kind: Line | None = None
    organization: Line | None = None
    # A year written in quotes is still a year; lax on purpose.
    year: Annotated[int, Field(strict=False, ge=1000, le=2999)] | None = None
    url: Url | None = None
    note: Text | None = None


class Source(_Model):
    title: Line
    publisher: Line | None = None
    date: PartialDate | None = None
    url: Url | None = None


class Table(_Model):
    columns: Annotated[list[Line], Field(min_length=1, max_length=20)]
    rows: Annotated[list[list[Cell]], Field(min_length=1, max_length=500)]

    @field_validator("rows")
    @classmethod
    def _rows_match_columns(cls, rows: list[list[str]], info: Any) -> list[list[str]]:
        columns = info.data.get("columns")
        if columns is None:
            return rows
        ragged = [(index, len(row)) for index, row in enumerate(rows) if len(row) != len(columns)]
        if ragged:
            # One error for the field, carrying every ragged row: load.py reports each at
            # the row's own line (a validator cannot place an error below its field).
            index, cells = ragged[0]
            raise PydanticCustomError(
                "ragged_rows",
                "row {row} has {cells} cells; the table has {columns} columns",
                {"row": index + 1, "cells": cells, "columns": len(columns), "rows": ragged},
            )
        return rows


class Annex(_Model):
    title: Line
    body: Text | None = None
    table: Table | None = None

    @model_validator(mode="after")
    def _has_content(self) -> Annex:
        if self.body is None and self.table is None:
            raise ValueError("an annex needs a body, a table or both")
        return self


class Brief(_Model):
    """One briefing note: the whole of one content file."""

    template: TemplateName | None = None
    language: Language | None = None
    classification: Line | None = None
    reference: Line | None = None
    title: Line
    subtitle: Line | None = None
    date: IsoDate
    to: Line | None = None
    from_: Line | None = Field(default=None, alias="from")
    summary: Text
    purpose: Text | None = None
    event: Event | None = None
    speakers: list[Person] = []
    key_messages: list[Message] = []
    participants: list[Person] = []
    background: Text | None = None
    references: list[Reference] = []
    implications: Text | None = None
    next_steps: list[Text] = []
    acronyms: dict[
        Annotated[str, StringConstraints(strict=True, min_length=1, max_length=20)], Line
    ] = {}
    sources: list[Source] = []
    contact: Person | None = None
    annexes: list[Annex] = []

    @model_validator(mode="after")
    def _not_too_long(self) -> Brief:
        total = sum(len(text) for text in strings_in(self))
        if total > MAX_BRIEF_TEXT:
            raise ValueError(
                f"the brief holds {total:,} characters of text; at most {MAX_BRIEF_TEXT:,} "
                "are allowed (a briefing note is a few pages)"
            )
        return self


def strings_in(value: Any, skip: frozenset[str] = frozenset()) -> Iterator[str]:
    """Every string in a validated value, dictionary keys included, in field order;
    fields named in ``skip`` are left out at every depth."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in skip:
                yield from strings_in(getattr(value, name), skip)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item, skip)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings_in(item, skip)


def markdown_texts(
    value: Any, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every Markdown text of a validated brief, with its field path (0-based indexes)."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            item = getattr(value, name)
            here = (*loc, info.alias or name)
            if _is_markdown(info.annotation) or any(isinstance(m, Markdown) for m in info.metadata):
                if isinstance(item, str):
                    yield here, item
                elif isinstance(item, list):
                    yield from (((*here, i), text) for i, text in enumerate(item))
            else:
                yield from markdown_texts(item, here)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from markdown_texts(item, (*loc, index))


def _is_markdown(annotation: Any) -> bool:
    return any(isinstance(m, Markdown) for m in getattr(annotation, "__metadata__", ())) or any(
        _is_markdown(arg) for arg in get_args(annotation)
    )


def field_names(model: type[BaseModel]) -> list[str]:
    """The names a content author writes for a model's fields (aliases included)."""
    return [info.alias or name for name, info in model.model_fields.items()]
