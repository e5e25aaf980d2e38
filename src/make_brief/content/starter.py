"""The commented starter files ``make-brief new`` writes: the format, taught by example."""

from __future__ import annotations

from importlib.resources import files

#: The starter file of each type of brief, in this package.
_FILES = {
    "briefing-note": "starter.yaml",
    "talking-points": "starter-talking-points.yaml",
    "meeting-report": "starter-meeting-report.yaml",
}
#: The types of brief ``make-brief new --type`` knows, the default first.
STARTER_TYPES = tuple(_FILES)


def starter_content(kind: str = "briefing-note") -> str:
    """The starter file of a type of brief (``briefing-note``, ``talking-points`` ...)."""
    return files(__package__).joinpath(_FILES[kind]).read_text(encoding="utf-8")
