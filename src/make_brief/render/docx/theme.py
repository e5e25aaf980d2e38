"""The theme of a template set, read from its style.css for the Word side.

The PDF's look lives in the template set's ``style.css``. Rather than keep a second copy
of it for Word, the values are read from that file (the ``:root`` colours, the sizes and
spacing of the rules the template uses, the ``@page`` box), so a change of theme changes
both outputs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tinycss2
from tinycss2.color3 import parse_color

from .look import Look

#: Colours the PDF's CSS declares in ``:root``; used when a template set's CSS lacks one.
DEFAULT_COLOURS = {
    "accent": "1D3F6E",
    "accent-soft": "E9EEF5",
    "ink": "1F2328",
    "muted": "5B6470",
    "rule": "C9D1DC",
}

#: Free fonts the PDF embeds, and the Word font with the same metrics that a Word user
#: has. LibreOffice substitutes one for the other, so both outputs break lines alike.
METRIC_TWINS = {
    "carlito": "Calibri",
    "caladea": "Cambria",
    "liberation sans": "Arial",
    "liberation serif": "Times New Roman",
    "liberation mono": "Courier New",
}

PAGE_SIZES_MM = {
    "a3": (297.0, 420.0),
    "a4": (210.0, 297.0),
    "a5": (148.0, 210.0),
    "letter": (215.9, 279.4),
    "legal": (215.9, 355.6),
}

#: Points in a millimetre: CSS lengths become points, Word's unit for type and spacing.
PT_PER_MM = 72 / 25.4
_UNITS_PT = {"pt": 1.0, "mm": PT_PER_MM, "cm": 72 / 2.54, "q": 18 / 25.4, "in": 72.0}
_UNITS_PT |= {"pc": 12.0, "px": 0.75}
_SIDES = ("top", "right", "bottom", "left")
#: Which value of a 1-4 value shorthand (``margin: 0 0 5mm``) applies to each side.
_SHORTHAND = {1: (0, 0, 0, 0), 2: (0, 1, 0, 1), 3: (0, 1, 2, 1), 4: (0, 1, 2, 3)}


@dataclass(frozen=True)
class Theme:
    """The theme values of one stylesheet, read the way the PDF's CSS declares them."""

    colours: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_COLOURS))
    rules: Mapping[str, Mapping[str, list[Any]]] = field(default_factory=dict)
    page_mm: tuple[float, float] = PAGE_SIZES_MM["a4"]
    margins_mm: tuple[float, float, float, float] = (24.0, 21.0, 24.0, 24.0)

    @property
    def font(self) -> str:
        for token in self.rules.get("html", {}).get("font-family", []):
            if token.type in ("string", "ident"):
                name = str(token.value)
                return METRIC_TWINS.get(name.lower(), name)
        return "Calibri"

    @property
    def base_size(self) -> float:
        return self.pt("html", "font-size", 10.5, base=12.0)

    @property
    def text_width_mm(self) -> float:
        return self.page_mm[0] - self.margins_mm[1] - self.margins_mm[3]

    def colour(self, name: str) -> str:
        """A theme colour by name (``accent``), or a literal ``#rrggbb`` from a rule."""
        if name.startswith("#"):
            return name[1:].upper()
        return self.colours.get(name, DEFAULT_COLOURS.get(name, "000000"))

    def pt(
        self, selector: str, prop: str, default: float, side: int | None = None, base: float = 0
    ) -> float:
        """A length of one rule in points (``em`` relative to that rule's font size)."""
        declared = self.rules.get(selector, {})
        tokens = declared.get(prop, [])
        index = 0
        if side is not None and f"{prop}-{_SIDES[side]}" in declared:
            tokens = declared[f"{prop}-{_SIDES[side]}"]
        elif side is not None:
            count = min(len(_lengths(tokens)), 4)
            index = _SHORTHAND[count][side] if count else 0
        lengths = _lengths(tokens)
        if not lengths:
            return default
        token = lengths[min(index, len(lengths) - 1)]
        unit = (getattr(token, "lower_unit", None) or "").lower()
        if unit in ("em", "rem"):
            if not base and prop not in ("font-size", "font"):
                own = "font-size" if "font-size" in declared else "font"
                base = self.pt(selector, own, 0)
            return token.value * (base or self.base_size)
        return token.value * _UNITS_PT.get(unit, 1.0)

    def box(
        self, selector: str, prop: str, default_mm: tuple[float, float, float, float]
    ) -> tuple[float, float, float, float]:
        """The four sides of a ``padding`` or ``margin`` in points."""
        top, right, bottom, left = (
            self.pt(selector, prop, default_mm[s] * PT_PER_MM, side=s) for s in range(4)
        )
        return top, right, bottom, left

    def look(self, selector: str, fallback: Look | None = None, **fixed: Any) -> Look:
        """The type of one CSS rule as a Word look: size, weight, style, case, tracking,
        colour and underline; ``fixed`` adds what only Word needs."""
        declared = self.rules.get(selector, {})
        font = declared.get("font", [])
        found: dict[str, Any] = {}
        if "font-size" in declared or _lengths(font):
            found["size"] = self.pt(selector, "font-size" if "font-size" in declared else "font", 0)
        weights = declared.get("font-weight", []) + font
        if any(_is_bold(token) for token in weights):
            found["bold"] = True
        styles = declared.get("font-style", []) + font
        if any(getattr(tok, "lower_value", None) in ("italic", "oblique") for tok in styles):
            found["italic"] = True
        transform = [getattr(tok, "lower_value", "") for tok in declared.get("text-transform", [])]
        if transform:
            found["caps"] = "uppercase" in transform
        if "letter-spacing" in declared:
            found["tracking"] = self.pt(selector, "letter-spacing", 0)
        colour = _colour_name(declared.get("color", []))
        if colour:
            found["colour"] = colour
        decoration = [
            getattr(tok, "lower_value", "") for tok in declared.get("text-decoration", [])
        ]
        if decoration:
            found["underline"] = "underline" in decoration
        return replace(fallback or Look(), **{**found, **fixed})

    def ratio(self, selector: str, prop: str, default: float) -> float:
        for token in self.rules.get(selector, {}).get(prop, []):
            if token.type == "number":
                return float(token.value)
        return default

    def marker(self, selector: str, default: str) -> str:
        """A list marker string from ``list-style-type: "–  "``."""
        for token in self.rules.get(selector, {}).get("list-style-type", []):
            if token.type == "string" and token.value.strip():
                return token.value.strip()
        return default


def _lengths(tokens: Sequence[Any]) -> list[Any]:
    # A bare number counts as a length only when it is 0 (``font: 700 8pt`` has a weight).
    return [t for t in tokens if t.type == "dimension" or (t.type == "number" and t.value == 0)]


def _is_bold(token: Any) -> bool:
    if token.type == "number":
        return token.value >= 600
    return getattr(token, "lower_value", None) in ("bold", "bolder")


def _colour_name(tokens: list[Any]) -> str | None:
    """``var(--accent)`` names a theme colour; a literal colour is kept as ``#rrggbb``."""
    for token in tokens:
        if token.type == "function" and token.lower_name == "var":
            names = [a.value for a in token.arguments if a.type == "ident"]
            if names and names[0].startswith("--"):
                return names[0][2:]
    rgb = _hex(parse_color(tokens[0])) if len(tokens) == 1 else None
    return "#" + rgb if rgb else None


def _hex(colour: Any) -> str | None:
    """A parsed colour as ``RRGGBB``; None for no colour or a keyword (``currentcolor``)."""
    if colour is None or isinstance(colour, str):
        return None
    return "".join(f"{round(c * 255):02X}" for c in colour[:3])


def theme_css(asset_roots: Sequence[Path]) -> str | None:
    """The text of the template set's theme: the first ``style.css`` on the search path."""
    for root in asset_roots:
        css = root / "style.css"
        if css.is_file():
            return css.read_text(encoding="utf-8")
    return None


def parse_theme(css: str) -> Theme:
    """Read colours, rule declarations and the page box from a stylesheet."""
    rules: dict[str, dict[str, list[Any]]] = {}
    page: dict[str, list[Any]] = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            declarations = _declarations(rule.content)
            for selector in tinycss2.serialize(rule.prelude).split(","):
                rules.setdefault(" ".join(selector.split()), {}).update(declarations)
        elif rule.type == "at-rule" and rule.lower_at_keyword == "page" and rule.content:
            page.update(_declarations(rule.content))
            for item in tinycss2.parse_blocks_contents(rule.content, True, True):
                if item.type == "at-rule" and item.content:
                    rules[f"@page @{item.lower_at_keyword}"] = _declarations(item.content)
    colours = dict(DEFAULT_COLOURS)
    for name, tokens in rules.get(":root", {}).items():
        rgb = (
            _hex(parse_color(tinycss2.serialize(tokens).strip())) if name.startswith("--") else None
        )
        if rgb:
            colours[name[2:]] = rgb
    page_theme = Theme(rules={"@page": page})
    top, right, bottom, left = (
        page_theme.pt("@page", "margin", 24.0 * PT_PER_MM, side=s) / PT_PER_MM for s in range(4)
    )
    return Theme(colours, rules, _page_size(page.get("size", [])), (top, right, bottom, left))


def _declarations(content: list[Any]) -> dict[str, list[Any]]:
    found = {}
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            found[item.name if item.name.startswith("--") else item.lower_name] = [
                t for t in item.value if t.type not in ("whitespace", "comment")
            ]
    return found


def _page_size(tokens: list[Any]) -> tuple[float, float]:
    named = [t.lower_value for t in tokens if t.type == "ident"]
    size = next((PAGE_SIZES_MM[n] for n in named if n in PAGE_SIZES_MM), PAGE_SIZES_MM["a4"])
    dimensions = [t.value * _UNITS_PT.get(t.lower_unit, 1) / PT_PER_MM for t in _lengths(tokens)]
    if len(dimensions) >= 2:
        size = (dimensions[0], dimensions[1])
    if "landscape" in named:
        size = (max(size), min(size))
    return size
