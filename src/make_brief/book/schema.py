"""The book file: ``content/books/<slug>.yaml``, a briefing book's cover and its parts.

Validated like a content file: pydantic models, unknown fields forbidden, the same
scalar types (one line, Markdown text, ISO dates, language codes) so that a book's
fields mean what a brief's fields of the same name mean.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..content.schema import IsoDate, Language, Line, Text

#: Most parts in one book: a Council session's book is a few dozen briefs.
MAX_PARTS = 200


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Section(_Model):
    """A group of parts under one heading of the contents (one agenda item, say)."""

    title: Line = Field(description="The section's heading in the contents and bookmarks.")
    parts: list[Line] = Field(
        min_length=1,
        max_length=MAX_PARTS,
        description="The briefs of the section in order: a slug of the content folder, or "
        "a path to a content file (relative to the book file).",
    )


class Book(_Model):
    """One briefing book: a cover, a contents page, then its briefs in order."""

    title: Line
    subtitle: Line | None = None
    date: IsoDate
    reference: Line | None = None
    to: Line | None = None
    from_: Line | None = Field(default=None, alias="from")
    #: The book's marking. Left out: the highest marking of its parts. Written: it may
    #: not be lower than any part's (a book is handled at its highest page).
    classification: Line | None = None
    language: Language | None = None
    cover_note: Text | None = None
    #: Each brief starts on a right-hand (odd) page, a blank page before it when needed:
    #: for books printed on both sides.
    right_hand_starts: bool = False
    sections: list[Section] | None = Field(default=None, min_length=1, max_length=MAX_PARTS)
    parts: list[Line] | None = Field(default=None, min_length=1, max_length=MAX_PARTS)

    @model_validator(mode="after")
    def _sections_or_parts(self) -> Book:
        if (self.sections is None) == (self.parts is None):
            raise ValueError(
                "write either sections: (each with a title: and its parts:) or parts: "
                "(one list of briefs), not both and not neither"
            )
        return self
