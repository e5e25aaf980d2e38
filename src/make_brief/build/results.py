"""What passes between the stages of a build, typed.

A content file becomes a :class:`Prepared` brief once it passes every check, then a
:class:`BriefResult` once it was rendered (or skipped, or failed). A result that built
carries its :class:`BriefRecord`: what the manifest and the cache say of it.
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from traceback import format_exc
from typing import TYPE_CHECKING, Any, Literal

from ..errors import Problem

if TYPE_CHECKING:
    from ..content.context import BriefContext
    from ..content.load import LoadedBrief
    from ..render.sets import TemplateSet


@dataclass(frozen=True)
class OutputFile:
    """One file a brief was written to, by its format's name in the manifest."""

    file: str  # the name inside the output folder
    sha256: str
    bytes: int


@dataclass(frozen=True)
class BriefRecord:
    """What the manifest says of one built brief (and the cache remembers)."""

    slug: str
    type: str  # the brief type's name: briefing-note, talking-points, meeting-report
    title: str
    subtitle: str | None
    date: str  # ISO 8601
    date_text: str  # as the brief prints it, in its language
    classification: str
    reference: str | None
    language: str
    summary: str  # its first sentence
    pages: int | None
    formats: dict[str, OutputFile]  # format name -> file

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BriefRecord:
        formats = {name: OutputFile(**f) for name, f in data["formats"].items()}
        return cls(**{**data, "formats": formats})


@dataclass(frozen=True)
class Prepared:
    """A brief that passed every check and is ready to render."""

    loaded: LoadedBrief
    template_set: TemplateSet
    context: BriefContext
    #: What is allowed but probably not meant (text after `` #`` that YAML drops, a link
    #: printed without its address): reported, and the brief is still built.
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class BriefResult:
    """What happened to one content file."""

    source: Path
    outputs: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # never a failure
    skipped: bool = False  # unchanged since the last build: its outputs were kept
    record: BriefRecord | None = None  # set when it built or was skipped
    over_budget: bool = False  # longer than its page budget (render/budget.py)
    traceback: str = ""  # set when make-brief itself failed on it: a bug to report

    @classmethod
    def crashed(cls, source: Path, doing: str) -> BriefResult:
        """The result of a brief on which make-brief failed, inside an ``except`` block:
        a bug, reported as this brief's failure so that the others still build."""
        kind, exc, _ = sys.exc_info()
        name = kind.__name__ if kind else "error"
        message = (
            f"internal error in make-brief while {doing} it ({name}: {exc}); please report "
            "this, with what --debug prints"
        )
        return cls(source, problems=[Problem(str(source), message=message)], traceback=format_exc())

    @property
    def internal(self) -> bool:
        return bool(self.traceback)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def status(self) -> Literal["built", "skipped", "failed"]:
        if self.problems:
            return "failed"
        return "skipped" if self.skipped else "built"
