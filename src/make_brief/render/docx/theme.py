"""The theme of a template set, read from its stylesheet for the Word side.

The PDF's look lives in the set's ``style.css`` and the shared ``theme.css`` it imports.
Rather than keep a second copy of it for Word, the values are read from that CSS (the
``:root`` custom properties, the sizes and spacing of the rules a template uses, the
``@page`` box), so a change of theme changes both outputs. ``var(--name)`` is replaced
by the ``:root`` value it names as the CSS is read, the way a browser computes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import tinycss2
from tinycss2.color3 import parse_color

from .look import Line, Look

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
UNITS_PT = {"pt": 1.0, "mm": PT_PER_MM, "cm": 72 / 2.54, "q": 18 / 25.4, "in": 72.0}
UNITS_PT |= {"pc": 12.0, "px": 0.75}
SIDES = ("top", "right", "bottom", "left")
#: Which value of a 1-4 value shorthand (``margin: 0 0 5mm``) applies to each side.
SHORTHAND = {1: (0, 0, 0, 0), 2: (0, 1, 0, 1), 3: (0, 1, 2, 1), 4: (0, 1, 2, 3)}
#: How deep ``var()`` may refer to ``var()``: a loop of custom properties ends here.
_VAR_DEPTH = 8


@dataclass(frozen=True)
class Theme:
    """The theme values of one stylesheet, read the way the PDF's CSS declares them."""

    colours: Mapping[str, str] = field(default_factory=dict)  # ":root" --name -> RRGGBB
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

    def colour(self, value: str) -> str:
        """A colour as Word's ``RRGGBB``: a theme colour by name (``accent`` for
        ``--accent`` in ``:root``) or a CSS colour (``#1d3f6e``, ``navy``)."""
        if value in self.colours:
            return self.colours[value]
        rgb = _hex(parse_color(value))
        if rgb is None:
            known = ", ".join(self.colours) or "none"
            raise ValueError(
                f"'{value}' is neither a colour of the theme (--{value} in :root; "
                f"the theme has {known}) nor a CSS colour"
            )
        return rgb

    def pt(
        self, selector: str, prop: str, default: float, side: int | None = None, base: float = 0
    ) -> float:
        """A length of one rule in points (``em`` relative to that rule's font size)."""
        declared = self.rules.get(selector, {})
        tokens = declared.get(prop, [])
        index = 0
        if side is not None and f"{prop}-{SIDES[side]}" in declared:
            tokens = declared[f"{prop}-{SIDES[side]}"]
        elif side is not None:
            count = min(len(lengths(tokens)), 4)
            index = SHORTHAND[count][side] if count else 0
        found = lengths(tokens)
        if not found:
            return default
        token = found[min(index, len(found) - 1)]
        unit = (getattr(token, "lower_unit", None) or "").lower()
        if unit in ("em", "rem"):
            if not base and prop not in ("font-size", "font"):
                own = "font-size" if "font-size" in declared else "font"
                base = self.pt(selector, own, 0)
            return token.value * (base or self.base_size)
        return token.value * UNITS_PT.get(unit, 1.0)

    def box(
        self, selector: str, prop: str, default: tuple[float, float, float, float]
    ) -> tuple[float, float, float, float]:
        """The four sides of a ``padding`` or ``margin`` in points."""
        top, right, bottom, left = (self.pt(selector, prop, default[s], side=s) for s in range(4))
        return top, right, bottom, left

    def colour_of(self, selector: str, prop: str) -> str | None:
        """The colour a declaration names (``color``, ``background``, a border), if any."""
        return first_colour(self.rules.get(selector, {}).get(prop, []))

    def line(self, selector: str, prop: str) -> Line | None:
        """A rule from a border declaration (``border-bottom: 0.5pt solid var(--rule)``):
        its width and colour, or None when the rule does not declare both."""
        width = self.pt(selector, prop, -1.0)
        colour = self.colour_of(selector, prop)
        return Line(width, colour) if width >= 0 and colour else None

    def look(self, selector: str, fallback: Look | None = None, **fixed: Any) -> Look:
        """The type of one CSS rule as a Word look: size, weight, style, case, tracking,
        colour and underline; ``fixed`` adds what only Word needs."""
        declared = self.rules.get(selector, {})
        font = declared.get("font", [])
        found: dict[str, Any] = {}
        if "font-size" in declared or lengths(font):
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
        colour = first_colour(declared.get("color", []))
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


def lengths(tokens: Sequence[Any]) -> list[Any]:
    """The length tokens of a value. A bare number counts as a length only when it is 0
    (``font: 700 8pt`` has a weight)."""
    return [t for t in tokens if t.type == "dimension" or (t.type == "number" and t.value == 0)]


def _is_bold(token: Any) -> bool:
    if token.type == "number":
        return token.value >= 600
    return getattr(token, "lower_value", None) in ("bold", "bolder")


def first_colour(tokens: Sequence[Any]) -> str | None:
    """The first token of a value that is a colour, as ``RRGGBB`` (``solid`` and the width
    of a border are not; ``currentcolor`` is no colour Word can take)."""
    for token in tokens:
        if token.type in ("hash", "function", "ident"):
            rgb = _hex(parse_color(token))
            if rgb:
                return rgb
    return None


def _hex(colour: Any) -> str | None:
    """A parsed colour as ``RRGGBB``; None for no colour or a keyword (``currentcolor``)."""
    if colour is None or isinstance(colour, str) or colour[3] == 0:  # transparent: none
        return None
    return "".join(f"{round(c * 255):02X}" for c in colour[:3])


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
    custom = {k: v for k, v in rules.get(":root", {}).items() if k.startswith("--")}
    rules = {
        selector: {prop: _expand(tokens, custom) for prop, tokens in declared.items()}
        for selector, declared in rules.items()
    }
    page = {prop: _expand(tokens, custom) for prop, tokens in page.items()}
    colours = {}
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


def _expand(tokens: list[Any], custom: Mapping[str, list[Any]], depth: int = 0) -> list[Any]:
    """``tokens`` with each ``var(--name, fallback)`` replaced by what it stands for."""
    out: list[Any] = []
    for token in tokens:
        if token.type != "function" or token.lower_name != "var" or depth > _VAR_DEPTH:
            out.append(token)
            continue
        arguments = [a for a in token.arguments if a.type not in ("whitespace", "comment")]
        name = arguments[0].value if arguments and arguments[0].type == "ident" else ""
        if name in custom:
            out += _expand(custom[name], custom, depth + 1)
            continue
        comma = next(
            (i for i, a in enumerate(arguments) if a.type == "literal" and a.value == ","), None
        )
        if comma is not None:  # var(--missing, fallback)
            out += _expand(arguments[comma + 1 :], custom, depth + 1)
    return out


def _page_size(tokens: list[Any]) -> tuple[float, float]:
    named = [t.lower_value for t in tokens if t.type == "ident"]
    size = next((PAGE_SIZES_MM[n] for n in named if n in PAGE_SIZES_MM), PAGE_SIZES_MM["a4"])
    dimensions = [t.value * UNITS_PT.get(t.lower_unit, 1) / PT_PER_MM for t in lengths(tokens)]
    if len(dimensions) >= 2:
        size = (dimensions[0], dimensions[1])
    if "landscape" in named:
        size = (max(size), min(size))
    return size
