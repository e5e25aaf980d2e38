"""Content format v1 as pydantic models: the contract of ``docs/content-format.md``.

Every model forbids unknown fields so a typo is reported instead of silently dropped.
Strings are strict: YAML turns ``012`` into the number 12 and ``2020-07`` stays text, so a
number where text is expected is refused with a hint to quote it rather than coerced with a
lost leading zero. The messages raised here are written for content authors; ``load.py``
adds the file, line and column.

The same models give ``make-brief schema``, the JSON Schema an editor checks a content
file against as it is typed: every field carries a description and examples, and each
check made here in Python code says, beside it, what JSON Schema can say of it (the
``_Matching`` and ``_OrText`` marks, ``json_schema_input_type``, ``json_schema_extra``).
What JSON Schema cannot say is listed in ``tests/test_schema.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue, models_json_schema
from pydantic_core import PydanticCustomError, core_schema

# Shared with the project config (content/config.py); offered here under the same names.
from .values import (
    BRIEF_TYPES,  # noqa: F401 - offered here too
    LANGUAGE_PATTERN,  # noqa: F401 - offered here too
    MAX_LINE,
    MAX_PAGE_BUDGET,
    TEMPLATE_NAME_PATTERN,  # noqa: F401 - offered here too
    BriefType,
    Language,
    Line,
    TemplateName,
    _check_language,  # noqa: F401 - offered here too
    _check_template_name,  # noqa: F401 - offered here too
    _Matching,
    _pattern,
)

#: Longest text field (Markdown).
MAX_TEXT = 20_000
#: Most text in one brief, all fields together: about forty pages.
MAX_BRIEF_TEXT = 150_000

# --- scalar types -----------------------------------------------------------------------


class Markdown:
    """Marks a field as Markdown text (a *text* field of docs/content-format.md)."""


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


def _cell(value: Any) -> Any:
    """Table cells often hold figures; accept numbers there and print them as written."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


# --- what JSON Schema can say of these checks ---------------------------------------------
#
# The patterns are read by editors (ECMA-262, with the u flag) and by the tests (Python's
# re), so they keep to what both read alike: [0-9] rather than \d, which Python reads as
# a digit of any script. \s differs between the two only on characters a content file
# may not hold (characters.py refuses controls, U+2028, U+FEFF ...). Every value is
# stripped before it is checked, so every pattern allows spaces at either end.

#: Years 1000-9999: the outputs need four digits, and the first is not 0.
_YEAR = "[1-9][0-9]{3}"
_MONTH = "(0[1-9]|1[0-2])"
#: The years with a 29 February: a multiple of 4 that is not a century, or of 400.
_LEAP_YEAR = "([1-9][0-9](0[48]|[2468][048]|[13579][26])|([13579][26]|[2468][048])00)"
#: A day of the calendar, month lengths and leap years included.
_DAY = (
    f"({_YEAR}-({_MONTH}-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)"
    f"|{_LEAP_YEAR}-02-29)"
)
ISO_DATE_PATTERN = rf"^\s*{_DAY}\s*$"
PARTIAL_DATE_PATTERN = rf"^\s*({_YEAR}(-{_MONTH})?|{_DAY})\s*$"
#: A year as text, as pydantic reads a whole number from text ("2015", " +02_015.0 "),
#: from 1000 to 2999.
YEAR_TEXT_PATTERN = r"^\s*\+?(0_?)*[12](_?[0-9]){3}(\.0+)?\s*$"
#: What ``_check_url`` accepts (urlsplit's scheme, lower-cased, and a host).
URL_PATTERN = r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]+([/?#]\S*)?\s*$"
EMAIL_PATTERN = r'^\s*[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+\s*$'


def stripped_length_pattern(min_length: int, max_length: int) -> str:
    """Text of ``min_length`` (0 or 1) to ``max_length`` characters once the spaces at
    either end are stripped, as pydantic strips them before it counts: ``maxLength``
    alone would count the newline a ``|`` block ends with."""
    if min_length not in (0, 1) or max_length < 2:
        raise ValueError("a stripped length pattern is for 0 or 1 to 2 or more characters")
    text = rf"\S([\s\S]{{0,{max_length - 2}}}\S)?"
    return rf"^\s*{text}\s*$" if min_length else rf"^\s*({text})?\s*$"


@dataclass(frozen=True)
class _OrText:
    """Marks a type that is also accepted as text matching ``pattern``: lax on purpose."""

    pattern: str
    message: str

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        text = {"type": "string", **_pattern(self.pattern, self.message)}
        return {"anyOf": [handler(schema), text]}


def _text_matching(pattern: str, message: str) -> Any:
    """The JSON Schema of what a BeforeValidator reads as text (``json_schema_input_type``)."""
    return Annotated[str, WithJsonSchema({"type": "string", **_pattern(pattern, message)})]


IsoDate = Annotated[
    date,
    BeforeValidator(
        _parse_iso_date,
        # YAML gives a date as text: load.py keeps it as written (a date written
        # unquoted is text in the YAML 1.2 an editor reads, too).
        json_schema_input_type=_text_matching(
            ISO_DATE_PATTERN, "a date written YYYY-MM-DD, e.g. 2020-07-10"
        ),
    ),
]
PartialDate = Annotated[
    str,
    BeforeValidator(
        _parse_partial_date,
        json_schema_input_type=_text_matching(
            PARTIAL_DATE_PATTERN, "a date written YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2020-07"
        )
        # YAML reads an unquoted year (2020) as a number.
        | Annotated[int, Field(ge=MIN_YEAR, le=9999)],
    ),
]
Url = Annotated[
    Line,
    AfterValidator(_check_url),
    _Matching(URL_PATTERN, "a web address starting with https:// or http://, without spaces"),
]
Email = Annotated[
    Line,
    AfterValidator(_check_email),
    _Matching(EMAIL_PATTERN, "an e-mail address like name@example.org"),
]
Cell = Annotated[
    str,
    # Text or a number; the length is counted before the spaces at either end are
    # stripped (the JSON Schema's maxLength, which applies to the text only).
    BeforeValidator(_cell, json_schema_input_type=str | float),
    StringConstraints(strict=True, strip_whitespace=True, max_length=MAX_LINE),
]


class _Model(BaseModel):
    # defer_build: a model's validator is built when first used, not at import. A brief
    # validates through its type's model alone, so the other types' validators, and those
    # of every part on its own, are never built by a check or a build that has no use
    # for them (a fifth of a cold command's start).
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        model = handler.resolve_ref_schema(json_schema)
        for name, info in cls.model_fields.items():
            if info.alias and info.alias != name:
                # populate_by_name: a file may write the Python name (from_) too; the
                # editor accepts it without suggesting it, and never both names.
                model["properties"][name] = {
                    **model["properties"][info.alias],
                    "description": f"Another spelling of {info.alias}; write {info.alias}.",
                    "doNotSuggest": True,
                }
                model.setdefault("allOf", []).append({"not": {"required": [info.alias, name]}})
        return json_schema


# --- the parts of a brief ---------------------------------------------------------------


class Event(_Model):
    """The meeting or event where the intervention was made."""

    model_config = ConfigDict(
        json_schema_extra={
            # An end needs a start (end not before start is a comparison JSON Schema
            # cannot make).
            "if": {"required": ["end"], "properties": {"end": {"type": "string"}}},
            "then": {"required": ["start"], "properties": {"start": {"type": "string"}}},
        }
    )

    name: Line = Field(
        description="The name of the meeting or event.",
        examples=["UN Virtual Counter-Terrorism Week"],
    )
    organizer: Line | None = Field(
        None,
        description="Who organised the event.",
        examples=["United Nations Office of Counter-Terrorism (UNOCT)"],
    )
    start: IsoDate | None = Field(
        None,
        description="The first day of the event, written YYYY-MM-DD.",
        examples=["2020-07-06"],
    )
    end: IsoDate | None = Field(
        None,
        description=(
            "The last day of the event, written YYYY-MM-DD, not before start; "
            "leave it out for a one-day event."
        ),
        examples=["2020-07-10"],
    )
    format: Literal["in-person", "virtual", "hybrid"] | None = Field(
        None,
        description="How the event was held: in-person, virtual or hybrid.",
        examples=["virtual"],
    )
    location: Line | None = Field(
        None, description="Where the event was held.", examples=["Brussels, Belgium"]
    )
    note: Text | None = Field(
        None,
        description="A note on the event (text), e.g. that it was moved online.",
        examples=["Held online because of the COVID-19 pandemic."],
    )

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
    """A person: a speaker, a participant or the contact."""

    name: Line = Field(description="The person's full name.", examples=["Ana Ferreira"])
    honorific: Line | None = Field(
        None, description="How the person is addressed.", examples=["Ms.", "Mr.", "Dr."]
    )
    role: Line | None = Field(
        None, description="The person's role or title.", examples=["Director of Facilitation"]
    )
    organization: Line | None = Field(
        None,
        description="The organisation the person belongs to.",
        examples=["World Customs Organization (WCO)"],
    )
    email: Email | None = Field(
        None,
        description="An e-mail address, like name@example.org.",
        examples=["name@example.org"],
    )
    phone: Line | None = Field(
        None, description="A telephone number, as it should print.", examples=["+32 2 209 92 11"]
    )


class _TextOrFields(_Model):
    """A model a text on its own also stands for: the text is read as its ``text``."""

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = super().__get_pydantic_json_schema__(schema, handler)
        fields = handler.resolve_ref_schema(json_schema)
        text = fields["properties"]["text"]
        about = {key: fields.pop(key) for key in ("title", "description") if key in fields}
        alone = {key: text[key] for key in ("type", "pattern", "patternErrorMessage")}
        return {
            **about,
            "anyOf": [
                {"description": "A text on its own.", **alone},
                {"description": "The text with its other fields.", **fields},
            ],
        }


class Message(_TextOrFields):
    """A key message: plain text, or a heading with its text."""

    heading: Line | None = Field(
        None,
        description="A heading of a few words for the message.",
        examples=["Advance data is the key"],
    )
    text: Text = Field(
        description="What the speaker said (text).",
        examples=["Electronic advance data must arrive before the goods."],
    )


class Reference(_Model):
    """An instrument, resolution, operation or framework the brief cites."""

    title: Line = Field(
        description="The name of what is cited.",
        examples=["WCO SAFE Framework of Standards"],
    )
    kind: Line | None = Field(
        None,
        description="What it is: a resolution, a framework, an operation, a compact ...",
        examples=["resolution", "framework"],
    )
    organization: Line | None = Field(
        None, description="The organisation that adopted or runs it.", examples=["WCO"]
    )
    # A year written in quotes is still a year; lax on purpose.
    year: (
        Annotated[
            int,
            Field(strict=False, ge=1000, le=2999),
            _OrText(YEAR_TEXT_PATTERN, "a year from 1000 to 2999, e.g. 2015"),
        ]
        | None
    ) = Field(
        None,
        description="The year it dates from, a whole number from 1000 to 2999 (a quoted year too).",
        examples=[2015],
    )
    url: Url | None = Field(
        None,
        description="A web address for it, starting with https:// or http://.",
        examples=["https://www.wcoomd.org/"],
    )
    note: Text | None = Field(
        None,
        description="A note on what it is or why it matters (text).",
        examples=["Sets 15 standards for cross-border e-commerce."],
    )


class Source(_Model):
    """Where facts in the brief come from."""

    title: Line = Field(description="The title of the source.", examples=["Workshop report"])
    publisher: Line | None = Field(
        None, description="Who published the source.", examples=["World Customs Organization"]
    )
    date: PartialDate | None = Field(
        None,
        description="When the source was published: YYYY-MM-DD, YYYY-MM or YYYY.",
        examples=["2020-07", "2020-07-10", 2020],
    )
    url: Url | None = Field(
        None,
        description="A web address for the source, starting with https:// or http://.",
        examples=["https://www.un.org/counterterrorism/"],
    )


#: Most columns of an annex table; the JSON Schema says, for each count, how many cells
#: every row has.
MAX_COLUMNS = 20


class Table(_Model):
    """A table in an annex: headings, and rows of one cell per column."""

    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                {
                    "if": {
                        "required": ["columns"],
                        "properties": {
                            "columns": {"type": "array", "minItems": count, "maxItems": count}
                        },
                    },
                    "then": {
                        "properties": {
                            "rows": {"items": {"minItems": count, "maxItems": count}},
                            "widths": {"minItems": count, "maxItems": count},
                        }
                    },
                }
                for count in range(1, MAX_COLUMNS + 1)
            ]
        }
    )

    columns: Annotated[list[Line], Field(min_length=1, max_length=MAX_COLUMNS)] = Field(
        description=f"The column headings, 1 to {MAX_COLUMNS}.",
        examples=[["Administration", "Seizures"]],
    )
    rows: Annotated[list[list[Cell]], Field(min_length=1, max_length=500)] = Field(
        description=(
            "The rows, 1 to 500, each a list with exactly one cell per column "
            '("" for an empty one); numbers are printed as written.'
        ),
        examples=[[["Kenya", 12], ["Uganda", "n/a"]]],
    )

    widths: (
        Annotated[
            list[Annotated[float, Field(strict=True, gt=0, le=1000)]],
            Field(min_length=1, max_length=MAX_COLUMNS),
        ]
        | None
    ) = Field(
        None,
        description=(
            "How wide each column is, relative to the others: one number per column "
            "(e.g. [1, 4, 2]: the second four times the first). Without it the columns "
            "take the width their content needs."
        ),
        examples=[[1, 4, 2]],
    )

    @field_validator("widths")
    @classmethod
    def _one_width_per_column(cls, widths: list[float] | None, info: Any) -> list[float] | None:
        columns = info.data.get("columns")
        if widths is not None and columns is not None and len(widths) != len(columns):
            raise PydanticCustomError(
                "widths_count",
                "gives {widths} widths; the table has {columns} columns: write one number per column",
                {"widths": len(widths), "columns": len(columns)},
            )
        return widths

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
    """Extra material printed after the main sections: a body, a table or both."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["body"], "properties": {"body": {"type": "string"}}},
                {"required": ["table"], "properties": {"table": {"type": "object"}}},
            ]
        }
    )

    title: Line = Field(description="The title of the annex.", examples=["Seizures by country"])
    body: Text | None = Field(
        None,
        description="The text of the annex (text).",
        examples=["Figures reported by the administrations at the workshop."],
    )
    table: Table | None = Field(
        None,
        description="A table printed after the body.",
        examples=[{"columns": ["Administration", "Seizures"], "rows": [["Kenya", 12]]}],
    )

    @model_validator(mode="after")
    def _has_content(self) -> Annex:
        if self.body is None and self.table is None:
            raise ValueError("an annex needs a body, a table or both")
        return self


#: Each type as a sentence names it.
TYPE_NAMES = {
    "briefing-note": "a briefing note",
    "talking-points": "talking points",
    "meeting-report": "a meeting report",
}
#: The type of a file that names none.
DEFAULT_TYPE = "briefing-note"


class _Head(_Model):
    """The fields every type of brief starts with: what it is, its marking, its memo block,
    its subject and its summary."""

    type: BriefType = Field(
        DEFAULT_TYPE,
        description=(
            "What kind of document this is: briefing-note (the default), talking-points "
            "or meeting-report. Each has its own fields, template and page budget."
        ),
        examples=["briefing-note", "talking-points", "meeting-report"],
    )
    template: TemplateName | None = Field(
        None,
        description=(
            "The template set to render with; the default comes from make-brief.toml, "
            "else briefing-note."
        ),
        examples=["briefing-note"],
    )
    language: Language | None = Field(
        None,
        description=(
            "The language code of the brief (en, fr, fr-CA ...): en, fr, es and ar are "
            "built in; the default comes from make-brief.toml, else en."
        ),
        examples=["en", "fr"],
    )
    classification: Line | None = Field(
        None,
        description=(
            "The handling marking printed at the top and bottom of every page; the "
            "default comes from make-brief.toml, else UNCLASSIFIED."
        ),
        examples=["UNCLASSIFIED"],
    )
    reference: Line | None = Field(
        None,
        description=(
            "The file or reference number, printed in the header block and the footer "
            '(quote a number, "012", to keep it as written).'
        ),
        examples=["RKO/ENF/2024/0117"],
    )
    title: Line = Field(
        description="The subject line.", examples=["Bilateral meeting on transit procedures"]
    )
    subtitle: Line | None = Field(
        None,
        description="A second line under the subject.",
        examples=["Outcomes of agenda item 4"],
    )
    date: IsoDate = Field(
        description=(
            "The date of the brief, written YYYY-MM-DD; printed in the language's long "
            "form (10 July 2020)."
        ),
        examples=["2020-07-10"],
    )
    to: Line | None = Field(
        None, description="Who the brief is for.", examples=["Director General"]
    )
    from_: Line | None = Field(
        default=None,
        alias="from",
        description="The unit that prepared the brief.",
        examples=["Facilitation Division"],
    )
    summary: Text = Field(
        description="The bottom line up front, in a few sentences or bullets (text).",
        examples=["- The two administrations agreed to pilot a **shared transit guarantee**.\n"],
    )


class _Tail(_Model):
    """The fields every type of brief ends with: acronyms, sources, contact, annexes and
    the page budget."""

    acronyms: dict[
        Annotated[str, StringConstraints(strict=True, min_length=1, max_length=20)], Line
    ] = Field(
        {},
        description=(
            "Acronyms and what they stand for, besides those the text defines as "
            '"Full Name (ACR)"; these win.'
        ),
        examples=[{"WCO": "World Customs Organization"}],
    )
    sources: list[Source] = Field(
        [],
        description="Where the facts come from.",
        examples=[[{"title": "Workshop report", "date": "2024-03"}]],
    )
    contact: Person | None = Field(
        None,
        description="Who to ask about the brief.",
        examples=[{"name": "Ana Ferreira", "email": "name@example.org"}],
    )
    annexes: list[Annex] = Field(
        [],
        description="Extra material printed after the main sections.",
        examples=[[{"title": "Programme", "body": "Day 1: opening session."}]],
    )

    page_budget: Annotated[int, Field(strict=True, ge=1, le=MAX_PAGE_BUDGET)] | None = Field(
        None,
        description=(
            "The most pages the brief may take before its annexes, if not the type's "
            "default (briefing note 2, talking points 1, meeting report none) or "
            "make-brief.toml's."
        ),
        examples=[2, 3],
    )

    @model_validator(mode="after")
    def _not_too_long(self) -> _Tail:
        total = sum(len(text) for text in strings_in(self))
        if total > MAX_BRIEF_TEXT:
            raise ValueError(
                f"the brief holds {total:,} characters of text; at most {MAX_BRIEF_TEXT:,} "
                "are allowed (a briefing note is a few pages)"
            )
        return self


class _BriefingNoteFields(_Head):
    """What a briefing note says between its summary and its annexes."""

    purpose: Text | None = Field(
        None,
        description="Why this brief exists (text).",
        examples=["To report on the workshop and seek approval for the follow-up plan."],
    )
    event: Event | None = Field(
        None,
        description="The meeting or event where the intervention was made.",
        examples=[{"name": "UN Virtual Counter-Terrorism Week", "start": "2020-07-06"}],
    )
    speakers: list[Person] = Field(
        [],
        description="Who made the intervention.",
        examples=[[{"name": "Ana Ferreira", "role": "Director of Facilitation"}]],
    )
    key_messages: list[Message] = Field(
        [],
        description=(
            "What the speaker said, one item per message: a text on its own, or a "
            "heading with its text."
        ),
        examples=[
            [
                {"heading": "Guarantees", "text": "A shared guarantee would cut costs."},
                "Data exchange should start before the pilot.",
            ]
        ],
    )
    participants: list[Person] = Field(
        [],
        description="Other notable speakers or attendees.",
        examples=[[{"name": "Chen Wei", "organization": "Universal Postal Union"}]],
    )
    background: Text | None = Field(
        None,
        description="Context the reader needs (text).",
        examples=["E-commerce volumes doubled between 2019 and 2023."],
    )
    references: list[Reference] = Field(
        [],
        description="The instruments, resolutions, operations and frameworks cited.",
        examples=[[{"title": "WCO SAFE Framework of Standards", "kind": "framework"}]],
    )
    implications: Text | None = Field(
        None,
        description="What it means for Customs administrations (text).",
        examples=["Administrations should invest in data exchange with postal operators."],
    )
    next_steps: list[Text] = Field(
        [],
        description="Recommended actions or follow-up, one text per step.",
        examples=[["Nominate a member of the joint working group."]],
    )


class BriefingNote(_Tail, _BriefingNoteFields):
    """A briefing note: what happened at a meeting and what it means for Customs. It keeps
    the ``type`` of all three types: a file whose type is none of them is validated as a
    briefing note, and its ``type`` error lists the three."""


# --- talking points ------------------------------------------------------------------


class Point(_TextOrFields):
    """A point to make: plain text, or the text with the facts that support it."""

    text: Text = Field(
        description="The point, in a sentence or two the principal can say aloud (text).",
        examples=["Customs is on the front line against the movement of dangerous goods."],
    )
    facts: list[Text] = Field(
        [],
        description="Facts that support the point, for the principal to draw on (text each).",
        examples=[["The WCO has 183 Member administrations."]],
    )


class Question(_Model):
    """A line to take if asked: the question, and the answer to give."""

    question: Line = Field(
        description="A question the principal may be asked.",
        examples=["What is Customs doing about cyber-terrorism?"],
    )
    answer: Text = Field(
        description="The answer to give (text).",
        examples=["Customs works with its partners to protect its IT systems."],
    )


class _TalkingPointsFields(_Head):
    """What talking points say between their summary and their annexes."""

    objective: Text = Field(
        description="What the principal wants to achieve by speaking (text).",
        examples=["Show that Customs is a partner in countering bio- and cyber-terrorism."],
    )
    event: Event | None = Field(
        None,
        description="The meeting or event where the principal will speak.",
        examples=[{"name": "UN Virtual Counter-Terrorism Week", "start": "2020-07-06"}],
    )
    speaker: Person | None = Field(
        None,
        description="The principal who will speak.",
        examples=[{"name": "Ana Ferreira", "role": "Director of Facilitation"}],
    )
    points: Annotated[list[Point], Field(min_length=1, max_length=12)] = Field(
        description=(
            "The points to make, 1 to 12, in the order to make them: a text on its own, "
            "or a text with its supporting facts."
        ),
        examples=[
            [
                "Customs is on the front line.",
                {"text": "Data is the key.", "facts": ["Advance data arrives first."]},
            ]
        ],
    )
    if_asked: list[Question] = Field(
        [],
        description="Lines to take if asked: a question and its answer, each.",
        examples=[[{"question": "What comes next?", "answer": "A joint workshop in 2021."}]],
    )
    avoid: list[Text] = Field(
        [],
        description="What not to say, one text each.",
        examples=[["Do not comment on national investigations."]],
    )
    background: Text | None = Field(
        None,
        description="Context the principal needs (text).",
        examples=["The session is closed to the press."],
    )


class TalkingPoints(_Tail, _TalkingPointsFields):
    """Talking points: what a principal will say, on one page."""

    type: Literal["talking-points"] = Field(  # type: ignore[assignment]
        description="What kind of document this is: talking-points.",
        examples=["talking-points"],
    )


# --- meeting report --------------------------------------------------------------------


class Action(_Model):
    """An action agreed at the meeting: what, who, by when."""

    what: Text = Field(
        description="What is to be done (text).", examples=["Circulate the revised guidelines."]
    )
    who: Line = Field(
        description="Who does it (write 'not stated in the source' rather than guess).",
        examples=["WCO Secretariat"],
    )
    by: Line | None = Field(
        None,
        description="By when, printed as written: a date or words.",
        examples=["2020-09-30", "next session"],
    )


class AgendaItem(_Model):
    """An item of the agenda: what was discussed, decided and to be done."""

    title: Line = Field(description="The agenda item.", examples=["Bio-terrorism threats"])
    discussion: Text = Field(
        description="A summary of the discussion (text).",
        examples=["Speakers described how the pandemic changed the threat."],
    )
    decisions: list[Text] = Field(
        [],
        description="What was decided, one text each.",
        examples=[["The group will meet again in 2021."]],
    )
    actions: list[Action] = Field(
        [],
        description="The actions agreed: what, who, by when. The report gathers them in one table.",
        examples=[[{"what": "Share the report.", "who": "Secretariat", "by": "2020-09-30"}]],
    )


class _MeetingReportFields(_Head):
    """What a meeting report says between its summary and its annexes."""

    event: Event = Field(
        description="The meeting: its name, organiser, dates, format and place.",
        examples=[{"name": "Closed session on bio- and cyber-terrorism", "start": "2020-07-08"}],
    )
    chair: Person | None = Field(
        None,
        description="Who chaired the meeting.",
        examples=[{"name": "Ana Ferreira", "organization": "WCO"}],
    )
    attendance: list[Person] = Field(
        [],
        description="Who attended.",
        examples=[[{"name": "Chen Wei", "organization": "Universal Postal Union"}]],
    )
    agenda: Annotated[list[AgendaItem], Field(min_length=1, max_length=50)] = Field(
        description="The agenda items, in order, each with its discussion, decisions and actions.",
        examples=[[{"title": "Opening", "discussion": "The chair opened the meeting."}]],
    )
    follow_up: Text | None = Field(
        None,
        description="What happens next (text).",
        examples=["The report goes to the Policy Commission in December."],
    )


class MeetingReport(_Tail, _MeetingReportFields):
    """A meeting report: the record of a meeting, its decisions and its actions."""

    type: Literal["meeting-report"] = Field(  # type: ignore[assignment]
        description="What kind of document this is: meeting-report.",
        examples=["meeting-report"],
    )


#: Any brief, whatever its type.
Brief = BriefingNote | TalkingPoints | MeetingReport
#: The model of each type.
MODELS: dict[str, type[BriefingNote | TalkingPoints | MeetingReport]] = {
    "briefing-note": BriefingNote,
    "talking-points": TalkingPoints,
    "meeting-report": MeetingReport,
}


def model_for(data: Any) -> type[BriefingNote | TalkingPoints | MeetingReport]:
    """The model a file's data is validated by: its ``type``'s, else the briefing note's
    (which then says what is wrong with the type)."""
    kind = data.get("type", DEFAULT_TYPE) if isinstance(data, dict) else DEFAULT_TYPE
    return MODELS.get(kind, BriefingNote) if isinstance(kind, str) else BriefingNote


def types_with_field(name: str) -> list[str]:
    """The types of brief that have a top-level field called ``name``."""
    return [kind for kind, model in MODELS.items() if name in field_names(model)]


def validate_brief(data: Any) -> Brief:
    """The brief a file's data holds, validated by the model of its type."""
    return model_for(data).model_validate(data)


def strings_in(value: Any, skip: frozenset[str] = frozenset()) -> Iterator[str]:
    """Every string in a validated value, dictionary keys included, in field order;
    fields named in ``skip`` are left out at every depth."""
    # Gathered into one list by plain recursion: nested generators resumed every frame
    # down the path for every string, which showed in the context of every build.
    found: list[str] = []

    def gather(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                if name not in skip:
                    gather(getattr(value, name))
        elif isinstance(value, list | tuple):
            for item in value:
                gather(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                found.append(key)
                gather(item)

    gather(value)
    return iter(found)


def markdown_texts(
    value: Any, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every Markdown text of a validated brief, with its field path (0-based indexes)."""
    if isinstance(value, BaseModel):
        for name, written, is_markdown in _fields_of(type(value)):
            item = getattr(value, name)
            here = (*loc, written)
            if is_markdown:
                if isinstance(item, str):
                    yield here, item
                elif isinstance(item, list):
                    yield from (((*here, i), text) for i, text in enumerate(item))
            else:
                yield from markdown_texts(item, here)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from markdown_texts(item, (*loc, index))


@cache
def _fields_of(model: type[BaseModel]) -> tuple[tuple[str, str, bool], ...]:
    """Each field of ``model``: its name, the name an author writes, and whether it holds
    Markdown. Read from the annotations once per model, not once per brief."""
    return tuple(
        (
            name,
            info.alias or name,
            _is_markdown(info.annotation) or any(isinstance(m, Markdown) for m in info.metadata),
        )
        for name, info in model.model_fields.items()
    )


def _is_markdown(annotation: Any) -> bool:
    return any(isinstance(m, Markdown) for m in getattr(annotation, "__metadata__", ())) or any(
        _is_markdown(arg) for arg in get_args(annotation)
    )


def field_names(model: type[BaseModel]) -> list[str]:
    """The names a content author writes for a model's fields (aliases included)."""
    return [info.alias or name for name, info in model.model_fields.items()]


# --- the JSON Schema ----------------------------------------------------------------------

#: The version of the content format these models are.
FORMAT_VERSION = 1


class BriefJsonSchema(GenerateJsonSchema):
    """The JSON Schema of the content models, as ``make-brief schema`` prints them."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        json_schema = super().str_schema(schema)
        if schema.get("strip_whitespace") and "pattern" not in json_schema:
            low = json_schema.pop("minLength", 0)
            high = json_schema.pop("maxLength")
            json_schema.update(
                _pattern(
                    stripped_length_pattern(low, high),
                    f"at most {high:,} characters" + (", and not empty" if low else ""),
                )
            )
        return json_schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a content file: what ``make-brief check`` accepts, as far as
    JSON Schema can say it, with a description and examples for every field.

    A file is checked against the model of its ``type`` (if/then/else on the type, which
    editors follow for their hints and completions); a file with no type is a briefing
    note, whose ``type`` lists the three."""
    refs, definitions = models_json_schema(
        [(model, "validation") for model in MODELS.values()],
        by_alias=True,
        schema_generator=BriefJsonSchema,
    )
    branch = {kind: refs[(model, "validation")] for kind, model in MODELS.items()}
    choose: dict[str, Any] = branch[DEFAULT_TYPE]
    for kind in reversed([k for k in MODELS if k != DEFAULT_TYPE]):
        choose = {
            "if": {"required": ["type"], "properties": {"type": {"const": kind}}},
            "then": branch[kind],
            "else": choose,
        }
    type_field = BriefingNote.model_json_schema(by_alias=True, schema_generator=BriefJsonSchema)
    return {
        "$schema": GenerateJsonSchema.schema_dialect,
        "title": f"make-brief content file (format v{FORMAT_VERSION})",
        "description": (
            "A briefing note, talking points or a meeting report, chosen by `type`; "
            "each type has its own fields."
        ),
        "type": "object",
        "properties": {"type": type_field["properties"]["type"]},
        **choose,
        **definitions,
    }
