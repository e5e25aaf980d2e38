"""What happened to one book, and what the manifest and the cache say of it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from ..build.results import OutputFile
from ..errors import Problem


@dataclass(frozen=True)
class BookRecord:
    """What the manifest says of one built book (and the book cache remembers)."""

    slug: str
    title: str
    date: str  # ISO 8601
    classification: str  # the book's marking: the highest of its parts, or its own
    language: str
    pages: int | None
    #: Each part: slug, title, type, marking and the page it starts on (the PDF's).
    parts: tuple[dict[str, Any], ...]
    formats: dict[str, OutputFile]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["parts"] = list(self.parts)
        return data

    def in_folder(self, folder: str) -> BookRecord:
        """The record as a manifest one folder up lists it: its files as ``folder/name``."""
        formats = {
            name: OutputFile(f"{folder}/{f.file}", f.sha256, f.bytes)
            for name, f in self.formats.items()
        }
        return replace(self, formats=formats)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BookRecord:
        formats = {name: OutputFile(**f) for name, f in data["formats"].items()}
        return cls(**{**data, "parts": tuple(data["parts"]), "formats": formats})


@dataclass
class BookResult:
    source: Path
    outputs: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: bool = False
    record: BookRecord | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def status(self) -> Literal["built", "skipped", "failed"]:
        if self.problems:
            return "failed"
        return "skipped" if self.skipped else "built"
