"""``make-brief draft``: a first content file from a news item, meeting report or speech.

The public API::

    source = read_source("news.html")          # or "-" for standard input
    extraction = extract(source)                # people, dates, event, references ...
    text = draft_yaml(source)                   # the commented YAML draft

Nothing here opens a network connection: sources are local, the optional NER model loads
from an installed package, and everything else is rules and word lists shipped here.
"""

from __future__ import annotations

from datetime import date

from .extract import extract
from .model import Extraction
from .source import Source, read_source, source_from_bytes
from .write import render

__all__ = ["Extraction", "Source", "draft_yaml", "extract", "read_source", "source_from_bytes"]


def draft_yaml(source: Source, *, today: date | None = None, use_model: bool = True) -> str:
    """The draft content file for ``source`` (valid under the content format)."""
    extraction = extract(source, use_model=use_model)
    return render(extraction, source.name, today or date.today())
