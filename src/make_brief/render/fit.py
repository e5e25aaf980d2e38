"""Fitting a brief to its page budget: the levels, and the stylesheet each one adds.

A brief a little over its budget is fitted by the build rather than sent back to its
author: first tighter spacing, then smaller body type, never under 10 pt. Each level is
data (how much the line height and the spacing shrink, the largest body size it allows)
so the PDF (a stylesheet added at render time, below) and the DOCX
(``render/docx/fit.py``, the same numbers applied to the Word styles) agree.

The stylesheet works on every template set without knowing it: templates take their body
size and line height from ``var(--font-size)`` and ``var(--line-height)`` (the shared
``templates/common/theme.css``), and the spacing rules below name only elements every
brief has (headings, paragraphs and lists directly in a section, list items, table
cells, inside ``main``). WeasyPrint adds it as a *user* stylesheet, which the cascade
ranks below the template's own rules, so its declarations are ``!important``: a user's
important rule is the one the cascade lets win over an author's, whatever the author's
selectors. The spacing is set in each element's own em, close to what the built-in
templates use, times the level's factor.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The smallest body type a fitted brief may have: below it a printed brief is hard to
#: read, and a budget is better kept by cutting words.
MIN_BODY_PT = 10.0


@dataclass(frozen=True)
class Level:
    """One step of fitting, tried in order until the brief is within its budget."""

    number: int  # 1, 2, ...; 0 is the brief as its template lays it out
    spacing_words: str  # how the build says what it did: "fitted ... with <words>"
    line_height: float  # the body line height, as a fraction of the template's
    spacing: float  # the space between paragraphs, list items and headings, likewise
    body_pt: float | None  # the largest body size allowed, or None: the template's
    #: The longest brief this level is tried on, as a multiple of its budget measured
    #: on the unfitted layout: a level is not laid out when it cannot save that much.
    #: Set a little above what each level saved on the test and example briefs with the
    #: built-in theme (10 pt on 1.3): 4 to 11% for level 1.
    reach: float


LEVELS: tuple[Level, ...] = (
    Level(1, "tighter spacing", line_height=0.92, spacing=0.6, body_pt=None, reach=1.08),
    Level(
        2,
        "tighter spacing",
        line_height=0.92,
        spacing=0.6,
        body_pt=MIN_BODY_PT,
        reach=1.15,
    ),
    Level(
        3,
        "the tightest spacing",
        line_height=0.87,
        spacing=0.35,
        body_pt=MIN_BODY_PT,
        reach=1.2,
    ),
)


def level(number: int) -> Level | None:
    """The level numbered ``number``; None for 0 (no fitting)."""
    return next((lv for lv in LEVELS if lv.number == number), None)


def describe(lv: Level, body_pt: float) -> str:
    """What ``lv`` does to a template whose body type is ``body_pt``, in words: the
    type is named only when it gets smaller."""
    size = min(body_pt, lv.body_pt) if lv.body_pt else body_pt
    return lv.spacing_words + (f" and {size:g} pt type" if size < body_pt else "")


def candidates(length: float, budget: int) -> list[Level]:
    """The levels worth laying out for a brief ``length`` pages long (fractional,
    before its back matter) with ``budget`` pages: those whose reach covers it."""
    return [lv for lv in LEVELS if length <= budget * lv.reach]


#: The template's spacing that the levels scale, in each element's own em, about what
#: the built-in templates use: (selector, property, value in em).
_SPACING: tuple[tuple[str, str, float], ...] = (
    ("main h2", "margin-top", 1.2),
    ("main h2", "margin-bottom", 0.45),
    ("main h3", "margin-top", 1.1),
    ("main h3", "margin-bottom", 0.4),
    ("main section > p, main section > ul, main section > ol", "margin-bottom", 0.55),
    ("main li", "margin-bottom", 0.4),
    ("main td, main th", "padding-top", 0.5),
    ("main td, main th", "padding-bottom", 0.5),
)


def stylesheet(lv: Level, body_pt: float, line_height: float) -> str:
    """The CSS that fits a brief whose template sets ``body_pt`` type on
    ``line_height``: a user stylesheet, added after the template's own."""
    size = min(body_pt, lv.body_pt) if lv.body_pt else body_pt
    rules = [
        f":root {{ --font-size: {size:.2f}pt !important; "
        f"--line-height: {line_height * lv.line_height:.3f} !important; }}"
    ]
    by_selector: dict[str, list[str]] = {}
    for selector, prop, em in _SPACING:
        by_selector.setdefault(selector, []).append(f"{prop}: {em * lv.spacing:.3f}em !important")
    rules += [f"{selector} {{ {'; '.join(found)}; }}" for selector, found in by_selector.items()]
    # The first heading of the first section keeps no space above it, as in the templates.
    rules.append("main section:first-child > h2:first-child { margin-top: 0 !important; }")
    return "\n".join(rules) + "\n"
