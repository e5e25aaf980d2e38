"""The facts of a content file, as a reader must find them in every output.

A fact is a string the brief prints: each single-line field as written, each paragraph and
list item of a text field without its Markdown markers, and each date as the language
prints it. Tests look for every fact in the text extracted from the PDF and the DOCX.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from make_brief.content import dates
from make_brief.content.labels import load_labels
from make_brief.content.load import load_brief
from make_brief.content.markdown import _parser
from make_brief.content.schema import MAX_TEXT, Brief
from make_brief.locations import builtin_dir

# Not printed as text: choices of the renderer, and web addresses carried by links.
_NOT_PRINTED = {"type", "template", "language", "format", "acronyms", "page_budget", "widths"}


def facts_of(path) -> list[str]:
    brief = load_brief(path).brief
    language = brief.language or "en"
    found = list(_walk(brief))
    found.append(dates.long_date(brief.date, language))
    event = getattr(brief, "event", None)
    if event is not None and event.start is not None:
        labels = load_labels((builtin_dir() / "briefing-note",), language)
        found.append(dates.date_range(event.start, event.end, language, labels))
    found += [dates.partial_date(s.date, language) for s in brief.sources if s.date]
    return [" ".join(f.split()) for f in dict.fromkeys(found) if f.strip()]


def _walk(model: BaseModel) -> Iterator[str]:
    for name, info in type(model).model_fields.items():
        if name in _NOT_PRINTED:
            continue
        value = getattr(model, name)
        is_text = any(getattr(m, "max_length", None) == MAX_TEXT for m in info.metadata) or (
            name
            in ("summary", "purpose", "background", "implications", "note", "text", "body")
            + ("objective", "answer", "discussion", "what", "follow_up")
        )
        yield from _values(value, is_text, name)


def _values(value, is_text: bool, name: str) -> Iterator[str]:
    if value is None or isinstance(value, int) and not isinstance(value, bool):
        if isinstance(value, int):
            yield str(value)
        return
    if isinstance(value, BaseModel):
        yield from _walk(value)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _values(
                item, is_text or name in ("next_steps", "avoid", "decisions", "facts"), name
            )
    elif isinstance(value, str) and name not in ("url", "date", "start", "end"):
        yield from (_inline_texts(value) if is_text else [value])
    elif isinstance(value, str) and name == "url":
        yield value


def _inline_texts(markdown: str) -> Iterator[str]:
    """Each paragraph or list item of a text field, as the words a reader sees."""
    for token in _parser().parse(markdown):
        if token.type == "inline" and token.children is not None:
            yield "".join(
                " " if c.type in ("softbreak", "hardbreak") else c.content
                for c in token.children
                if c.type in ("text", "softbreak", "hardbreak")
            )


def _squeeze(text: str) -> str:
    # Line breaks fall after hard hyphens ("pandemic-|related") and pdftotext then drops
    # the hyphen; compare letters only, still in order and complete.
    return re.sub(r"[\s\-\u2010\u00ad]+", "", text)


def missing_facts(facts: list[str], *texts: str) -> list[str]:
    """The facts found in none of ``texts`` (extracted output text)."""
    squeezed = [_squeeze(t) for t in texts]
    return [f for f in facts if not any(_squeeze(f) in t for t in squeezed)]


def docx_text(path) -> str:
    """The DOCX's words as python-docx reads them: paragraphs, then table cells."""
    from docx import Document

    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def strip_running_lines(text: str, *running: str) -> str:
    """Remove page headers and footers, which interrupt a paragraph across a page break."""
    for line in running:
        text = text.replace(line, " ")
    return re.sub(r"Page \d+ of \d+", " ", text)


__all__ = ["Brief", "docx_text", "facts_of", "missing_facts", "strip_running_lines"]
