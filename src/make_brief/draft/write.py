"""The draft as YAML text: a ``# DRAFT`` header, and above each item the source sentence it
came from, as a comment.

The YAML is written by hand rather than dumped, because a dumper cannot place a comment
above each list item and key; every scalar goes through one quoting function, and the
whole text is parsed back and validated against the schema before it is returned, so a
draft that would fail ``make-brief check`` is a bug caught here, not a surprise later.
"""

from __future__ import annotations

import json
import re
import textwrap
from datetime import date

from .. import __version__
from ..content.schema import MAX_LINE, Brief, validate_brief
from .extract import brief_date
from .model import Extraction, Person

WIDTH = 96
_PLAIN = re.compile(r"[A-Za-z\u00c0-\u024f(][^\n]*")
_SPECIAL = re.compile(
    r"(?i)(?:true|false|yes|no|on|off|null|~|y|n|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|"
    r"0x[0-9a-f]+|0o[0-7]+|[-+]?\.inf|\.nan|\d{4}-\d\d?-\d\d?.*)"
)


def scalar(value: str) -> str:
    """A one-line value: plain when YAML reads it back as the same string, else in double
    quotes (JSON's escapes are valid YAML)."""
    value = value[:MAX_LINE]
    plain = (
        _PLAIN.fullmatch(value)
        and not _SPECIAL.fullmatch(value)
        and ": " not in value
        and " #" not in value
        and not value.endswith((" ", ":"))
        and "\t" not in value
        and not re.search(r"[\[\]{},&*!|>'\"%@`]", value[:1])
    )
    return value if plain else json.dumps(value, ensure_ascii=False)


def comment(label: str, sentence: str, indent: str) -> list[str]:
    """``# source: "..."`` wrapped to the page width."""
    text = " ".join(sentence.split())
    if not text:
        return []
    body = f'{label}: "{text}"'
    lines = textwrap.wrap(body, width=max(40, WIDTH - len(indent) - 2), break_on_hyphens=False)
    return [f"{indent}# {lines[0]}"] + [f"{indent}#   {line}" for line in lines[1:]]


def folded(text: str, indent: str) -> list[str]:
    """A long text as a folded block (``>-``): lines wrapped at spaces, read back as one."""
    lines = textwrap.wrap(" ".join(text.split()), width=WIDTH - len(indent), break_on_hyphens=False)
    return [f"{indent}{line}" for line in lines]


def render(extraction: Extraction, source_name: str, today: date) -> str:
    """The draft content file."""
    e = extraction
    out: list[str] = [
        f"# DRAFT written by make-brief {__version__} from {source_name}",
        "# Every value below is a guess to check.",
        "# Above each item is the sentence of the source it was taken from. Check each item",
        "# against it, fill in what is missing (to, from, purpose, implications, next steps),",
        "# delete what is wrong, then delete these comments. Then: make-brief check FILE",
        f"# Names found by: {e.engine}.",
    ]
    if e.organisations:
        out.append("# Organisations named in the source:")
        names = "; ".join(name for name, _ in e.organisations)
        out.extend(f"#   {line}" for line in textwrap.wrap(names, WIDTH - 4))
    out.append("")
    out.extend(comment("title from", e.title_evidence, ""))
    out.append(f"title: {scalar(e.title)}")
    day = brief_date(e, today)
    how = (
        "the dateline of the source"
        if e.published
        else ("the last day of the event" if (e.event.end or e.event.start) else "today")
    )
    out.append(f"# the date of the brief; this one is {how}")
    out.append(f"date: {day.isoformat()}")
    out.append("# extractive summary: the sentences that best cover the source; rewrite them")
    out.append("summary: |")
    for sentence in e.summary or [e.title]:
        out.append(f"  - {' '.join(sentence.split())}")
    out.extend(_event(e))
    out.extend(_people("speakers", e.speakers))
    if e.key_messages:
        out.append("")
        out.append("# candidate key messages: sentences that report what a speaker said")
        out.append("key_messages:")
        for message in e.key_messages:
            out.extend(comment("source", message.evidence, "  "))
            out.append("  - >-")
            out.extend(folded(message.text, "    "))
    out.extend(_people("participants", e.participants))
    if e.references:
        out.append("")
        out.append("references:")
        previous = None
        for reference in e.references:
            if reference.evidence == previous:
                out.append("  # source: the same sentence as above")
            else:
                out.extend(comment("source", reference.evidence, "  "))
            previous = reference.evidence
            out.append(f"  - title: {scalar(reference.title)}")
            out.append(f"    kind: {scalar(reference.kind)}")
            if reference.organization:
                out.append(f"    organization: {scalar(reference.organization)}")
            if reference.year:
                out.append(f"    year: {reference.year}")
    if e.acronyms:
        out.append("")
        out.append("acronyms:")
        for acronym in e.acronyms:
            if acronym.how == "defined":
                out.extend(comment("defined in", acronym.evidence, "  "))
            else:
                out.extend(comment("a well-known acronym, used in", acronym.evidence, "  "))
            out.append(f"  {scalar(acronym.short)}: {scalar(acronym.long)}")
    out.append("")
    out.append("sources:")
    out.append("  # the text this draft was made from; add its publisher and address")
    out.append(f"  - title: {scalar(e.title)}")
    if e.published:
        out.append(f"    date: {e.published.isoformat()}")
    text = "\n".join(out) + "\n"
    validate(text)
    return text


def _event(e: Extraction) -> list[str]:
    event = e.event
    if not event.name:
        return []
    out = ["", "event:"]
    fields = [
        ("name", event.name, "name"),
        ("organizer", event.organizer, "organizer"),
        ("start", event.start.isoformat() if event.start else None, "dates"),
        ("end", event.end.isoformat() if event.end else None, None),
        ("format", event.format, "format"),
        ("location", event.location, "location"),
    ]
    shown: set[str] = set()
    for key, value, evidence in fields:
        if value is None:
            continue
        sentence = event.evidence.get(evidence or "", "")
        if sentence and sentence not in shown:
            out.extend(comment("source", sentence, "  "))
            shown.add(sentence)
        out.append(f"  {key}: {value if key in ('start', 'end') else scalar(value)}")
    if event.note:
        out.append("  # the schedule changed: the sentences that say so")
        out.append("  note: >-")
        out.extend(folded(event.note, "    "))
    return out


def _people(key: str, persons: list[Person]) -> list[str]:
    if not persons:
        return []
    out = ["", f"{key}:"]
    previous = None
    for person in persons:
        if person.evidence and person.evidence[0] == previous:
            out.append("  # source: the same sentence as above")
        elif person.evidence:
            out.extend(comment("source", person.evidence[0], "  "))
            previous = person.evidence[0]
        out.append(f"  - name: {scalar(person.name)}")
        for field in ("honorific", "role", "organization"):
            value = getattr(person, field)
            if value:
                out.append(f"    {field}: {scalar(value)}")
    return out


def validate(text: str) -> Brief:
    """Parse the draft back and validate it: the draft must pass ``make-brief check``."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=True).load(text)
    return validate_brief(_dates_as_text(data))


def _dates_as_text(node: object) -> object:
    # The safe loader turns 2020-07-06 into a date, as the content loader does not.
    if isinstance(node, dict):
        return {k: _dates_as_text(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_dates_as_text(v) for v in node]
    if isinstance(node, date):
        return node.isoformat()
    return node
