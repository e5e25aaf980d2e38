"""What the drafter extracts, each item with the source sentence it came from.

The evidence travels with the value so the writer can put the sentence above the item in
the draft: an analyst checks every line against the text without hunting for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Person:
    name: str
    honorific: str | None = None
    role: str | None = None
    organization: str | None = None
    evidence: list[str] = field(default_factory=list)
    speech: int = 0  # sentences in which the person is reported speaking
    first: int = 0  # index of the sentence of the first mention


@dataclass
class DateSpan:
    """A date or a range of dates written in the text."""

    start: date
    end: date | None  # None for a single day
    text: str  # as written
    sentence: int  # index of its sentence
    offset: int  # offset inside the sentence
    month_only: bool = False  # "August 2020": the day is unknown


@dataclass
class Event:
    name: str | None = None
    organizer: str | None = None
    start: date | None = None
    end: date | None = None
    format: str | None = None
    location: str | None = None
    note: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)  # field -> sentence


@dataclass
class Reference:
    title: str
    kind: str
    organization: str | None = None
    year: int | None = None
    evidence: str = ""


@dataclass
class Acronym:
    short: str
    long: str
    how: str  # "defined" in the text, or "known" from the built-in list
    evidence: str = ""


@dataclass
class Message:
    text: str
    evidence: str = ""


@dataclass
class Extraction:
    """Everything found in one source."""

    title: str
    title_evidence: str
    published: date | None
    event: Event
    speakers: list[Person]
    participants: list[Person]
    organisations: list[tuple[str, str]]  # (name, sentence)
    acronyms: list[Acronym]
    references: list[Reference]
    key_messages: list[Message]
    summary: list[str]
    background: list[str] = field(default_factory=list)
    engine: str = "rules"  # what found the names: "rules" or "rules + spaCy <model>"
