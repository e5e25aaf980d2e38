"""The Word side of the theme: named styles and list numbering generated from style.css.

The PDF's look lives in the template set's ``style.css``. Rather than keep a second copy
of it for Word, the values are read from that file (the ``:root`` colours, the sizes and
spacing of the rules the template uses, the ``@page`` box) and written into the styles of
a reference document, so a change of theme changes both outputs. An organisation's own
reference .docx made in Word wins: only the styles it lacks are added.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tinycss2
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, nsmap, qn
from tinycss2.color3 import parse_color

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

#: Word's "single" line for Calibri is 1.22 em, so CSS ``line-height: 1.42`` is a Word
#: multiple of 1.42 / 1.22.
SINGLE_LINE_EM = 1.22

_UNITS_PT = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "q": 18 / 25.4, "in": 72.0}
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
        mm = _UNITS_PT["mm"]
        top, right, bottom, left = (
            self.pt(selector, prop, default_mm[s] * mm, side=s) for s in range(4)
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
    colour = parse_color(tokens[0]) if len(tokens) == 1 else None
    if colour is not None and not isinstance(colour, str):
        return "#" + "".join(f"{round(c * 255):02X}" for c in colour[:3])
    return None


def load_theme(asset_roots: Sequence[Path]) -> Theme:
    """The theme of the template set: the first ``style.css`` on the search path."""
    for root in asset_roots:
        css = root / "style.css"
        if css.is_file():
            return parse_theme(css.read_text(encoding="utf-8"))
    return Theme()


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
        colour = parse_color(tinycss2.serialize(tokens).strip()) if name.startswith("--") else None
        if colour is not None and not isinstance(colour, str):
            colours[name[2:]] = "".join(f"{round(c * 255):02X}" for c in colour[:3])
    page_theme = Theme(rules={"@page": page})
    top, right, bottom, left = (
        page_theme.pt("@page", "margin", 24.0 * _UNITS_PT["mm"], side=s) / _UNITS_PT["mm"]
        for s in range(4)
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
    dimensions = [
        t.value * _UNITS_PT.get(t.lower_unit, 1) / _UNITS_PT["mm"] for t in _lengths(tokens)
    ]
    if len(dimensions) >= 2:
        size = (dimensions[0], dimensions[1])
    if "landscape" in named:
        size = (max(size), min(size))
    return size


# --- WordprocessingML fragments ---------------------------------------------------------


def _tw(points: float) -> int:
    """Points to twentieths of a point, Word's unit for spacing and indents."""
    return round(points * 20)


def _border(side: str, width_pt: float, colour: str, space_pt: float = 0) -> str:
    # Border widths are in eighths of a point, the gap to the text in whole points.
    return (
        f'<w:{side} w:val="single" w:sz="{max(2, round(width_pt * 8))}" '
        f'w:space="{min(31, round(space_pt))}" w:color="{colour}"/>'
    )


@dataclass(frozen=True)
class Look:
    """What one style looks like; ``None`` leaves a property to the style it is based on."""

    size: float | None = None
    bold: bool = False
    italic: bool = False
    caps: bool = False
    colour: str | None = None  # a theme colour name
    tracking: float | None = None  # letter-spacing in points
    underline: bool | None = None
    before: float | None = None
    after: float | None = None
    line: float | None = None  # multiple of single spacing
    keep_next: bool = False
    align: str | None = None
    indent: float | None = None
    hanging: float | None = None
    outline: int | None = None
    border_bottom: tuple[float, str, float] | None = None  # width pt, colour, gap pt
    tabs: tuple[tuple[str, float], ...] = ()
    numbering: tuple[str, int] | None = None  # ("bullet" | "number", level)


def _ppr(look: Look, theme: Theme, num_id: int | None) -> str:
    parts = []
    if look.keep_next:
        parts += ["<w:keepNext/>", "<w:keepLines/>"]
    if num_id is not None and look.numbering:
        parts.append(
            f'<w:numPr><w:ilvl w:val="{look.numbering[1]}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    if look.border_bottom:
        width, colour, gap = look.border_bottom
        parts.append(f"<w:pBdr>{_border('bottom', width, theme.colour(colour), gap)}</w:pBdr>")
    if look.tabs:
        tabs = "".join(f'<w:tab w:val="{k}" w:pos="{_tw(p)}"/>' for k, p in look.tabs)
        parts.append(f"<w:tabs>{tabs}</w:tabs>")
    spacing = ""
    if look.before is not None:
        spacing += f' w:before="{_tw(look.before)}"'
    if look.after is not None:
        spacing += f' w:after="{_tw(look.after)}"'
    if look.line is not None:
        spacing += f' w:line="{round(look.line * 240)}" w:lineRule="auto"'
    if spacing:
        parts.append(f"<w:spacing{spacing}/>")
    if look.indent is not None:
        hanging = f' w:hanging="{_tw(look.hanging)}"' if look.hanging else ""
        parts.append(f'<w:ind w:left="{_tw(look.indent)}"{hanging}/>')
    if look.align:
        parts.append(f'<w:jc w:val="{look.align}"/>')
    if look.outline is not None:
        parts.append(f'<w:outlineLvl w:val="{look.outline}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def _rpr(look: Look, theme: Theme) -> str:
    parts = []
    if look.bold:
        parts += ["<w:b/>", "<w:bCs/>"]
    if look.italic:
        parts += ["<w:i/>", "<w:iCs/>"]
    if look.caps:
        parts.append("<w:caps/>")
    if look.colour:
        parts.append(f'<w:color w:val="{theme.colour(look.colour)}"/>')
    if look.tracking:
        parts.append(f'<w:spacing w:val="{_tw(look.tracking)}"/>')
    if look.size:
        half_points = round(look.size * 2)
        parts += [f'<w:sz w:val="{half_points}"/>', f'<w:szCs w:val="{half_points}"/>']
    if look.underline is not None:
        parts.append(f'<w:u w:val="{"single" if look.underline else "none"}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


@dataclass(frozen=True)
class TableLook:
    """A table style: cell padding (pt: top, right, bottom, left), rules and fill."""

    padding: tuple[float, float, float, float]
    rules: tuple[str, ...] = ()  # borders drawn in the rule colour: "bottom", "insideH"
    left_bar: float | None = None  # an accent bar on the left, in points
    fill: str | None = None
    size: float | None = None
    header_rule: float | None = None  # accent rule under a header row, in points


def _table_style_body(look: TableLook, theme: Theme) -> str:
    borders = "".join(_border(side, 0.5, theme.colour("rule")) for side in look.rules)
    if look.left_bar:
        borders += _border("left", look.left_bar, theme.colour("accent"))
    top, right, bottom, left = (_tw(p) for p in look.padding)
    tbl_pr = (
        "<w:tblPr>"
        # Word (compatibility mode 14, python-docx's blank document) and LibreOffice put
        # a table's edge one left cell margin outside the text; indenting it by that
        # margin puts the edge on the text margin, as the CSS box is.
        + f'<w:tblInd w:w="{left}" w:type="dxa"/>'
        + (f"<w:tblBorders>{borders}</w:tblBorders>" if borders else "")
        + (
            f'<w:shd w:val="clear" w:color="auto" w:fill="{theme.colour(look.fill)}"/>'
            if look.fill
            else ""
        )
        + f'<w:tblCellMar><w:top w:w="{top}" w:type="dxa"/><w:left w:w="{left}" w:type="dxa"/>'
        f'<w:bottom w:w="{bottom}" w:type="dxa"/><w:right w:w="{right}" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>"
    )
    ppr = '<w:pPr><w:spacing w:after="0"/></w:pPr>' if not look.fill else ""
    rpr = _rpr(Look(size=look.size), theme)
    if look.fill:  # the fill is repeated on the cell so that every reader paints it
        tbl_pr += f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{theme.colour(look.fill)}"/></w:tcPr>'
    header = ""
    if look.header_rule:
        rule = _border("bottom", look.header_rule, theme.colour("accent"))
        header = f'<w:tblStylePr w:type="firstRow"><w:tcPr><w:tcBorders>{rule}</w:tcBorders></w:tcPr></w:tblStylePr>'
    return ppr + rpr + tbl_pr + header


# --- the styles of a briefing note ------------------------------------------------------


@dataclass(frozen=True)
class StyleSpec:
    name: str
    kind: WD_STYLE_TYPE
    look: Look | TableLook
    based_on: str | None = "Normal"
    next: str | None = None
    builtin: bool = False


def style_specs(theme: Theme) -> list[StyleSpec]:
    """Every style the DOCX writer uses: the look of the CSS rule for the same element,
    plus what only Word needs (outline levels, keep-with-next, numbering)."""
    t, mm = theme, _UNITS_PT["mm"]
    step = t.pt("ul", "padding-left", 5.5 * mm)
    item_after = t.pt("li", "margin", 1.4 * mm, side=2)
    text_width = t.text_width_mm * mm
    flat = {"after": 0.0, "line": 1.0}

    def para(name: str, look: Look, based_on: str = "Normal", **kw: Any) -> StyleSpec:
        return StyleSpec(name, WD_STYLE_TYPE.PARAGRAPH, look, based_on, **kw)

    def char(name: str, look: Look, builtin: bool = False) -> StyleSpec:
        return StyleSpec(name, WD_STYLE_TYPE.CHARACTER, look, None, builtin=builtin)

    def table(name: str, look: TableLook) -> StyleSpec:
        return StyleSpec(name, WD_STYLE_TYPE.TABLE, look, "Normal Table")

    def heading(selector: str, before: float, after: float, **kw: Any) -> Look:
        return t.look(
            selector,
            Look(bold=True),
            before=t.pt(selector, "margin", before * mm, side=0),
            after=t.pt(selector, "margin", after * mm, side=2),
            keep_next=True,
            **kw,
        )

    lists = []
    for level in range(3):
        suffix = f" {level + 1}" if level else ""
        at = {"indent": step * (level + 1), "after": item_after}
        lists += [
            para(
                f"List Bullet{suffix}",
                Look(hanging=step, numbering=("bullet", level), **at),
                builtin=True,
            ),
            para(
                f"List Number{suffix}",
                Look(hanging=step, numbering=("number", level), **at),
                builtin=True,
            ),
            para(f"List Continue{suffix}", Look(**at), builtin=True),
        ]
    memo_size = t.pt("table.memo", "font-size", 10.0)
    memo_label = t.look("table.memo th", Look(size=8, bold=True, colour="muted"), after=0)
    data_size = t.pt("table.data", "font-size", 9.5)
    marking = t.look("@page @top-center", Look(size=8, bold=True, colour="muted"))
    masthead_rule = (0.5, "rule", t.pt(".masthead", "padding-bottom", 5 * mm))
    margin_text = t.look("@page @bottom-right", Look(size=8, colour="muted"), **flat)
    return [
        para("Normal", Look(), based_on="", builtin=True),
        # The rule that closes the masthead: Title and Subtitle carry the same border, which
        # Word and LibreOffice draw once, under the last of the two that is there.
        para("Title", heading("h1", 0, 1.5, line=t.ratio("h1", "line-height", 1.2) / SINGLE_LINE_EM, border_bottom=masthead_rule), next="Subtitle", builtin=True),
        para("Subtitle", t.look(".subtitle", after=t.pt(".masthead", "margin-bottom", 6 * mm), border_bottom=masthead_rule), builtin=True),
        para("Heading 1", heading("h2", 5.5, 2, outline=0), builtin=True),
        para("Heading 2", heading("h3", 4, 1.5, outline=1), builtin=True),
        para("Heading 3", Look(bold=True, italic=True, before=3 * mm, after=1 * mm, keep_next=True, outline=2), builtin=True),
        *lists,
        para("Header", replace(margin_text, align="center"), builtin=True),
        para("Footer", replace(margin_text, tabs=(("center", text_width / 2), ("right", text_width))), builtin=True),
        para("Marking", replace(marking, align="center", **flat), based_on="Header"),
        para("Organisation Name", t.look(".organisation-name", after=1 * mm)),
        para("Logo", Look(after=1 * mm)),
        para("Document Type", t.look(".document-type", after=t.pt(".document-type", "margin", 5 * mm, side=2), line=1.0, border_bottom=(t.pt(".document-type", "border-bottom", 2), "accent", t.pt(".document-type", "padding-bottom", 3 * mm)))),
        # Cells are top-aligned in Word: a little space lines a smaller label up with the
        # value's baseline, as the CSS's vertical-align: baseline does.
        para("Memo Label", replace(memo_label, before=max(0.0, (memo_size - (memo_label.size or memo_size)) * 0.75))),
        para("Memo Value", Look(size=memo_size, after=0)),
        para("Subject Label", t.look(".subject-label", Look(bold=True, colour="muted"), before=t.pt("table.memo", "margin", 5 * mm, side=2), after=t.pt(".subject-label", "margin", 1 * mm, side=2), keep_next=True)),
        # Keep-with-next on every cell keeps a table on one page (break-inside: avoid).
        para("Fact Label", t.look("table.facts th", Look(bold=True, colour="muted"), after=0, keep_next=True)),
        para("Fact Value", Look(after=0, keep_next=True)),
        para("Table Heading", t.look("table.data th", Look(bold=True, colour="accent"), size=data_size, after=0, keep_next=True)),
        para("Table Text", Look(size=data_size, after=0, keep_next=True)),
        para("Acronym Term", t.look("dl.acronyms dt", Look(bold=True), after=0)),
        para("Acronym Definition", t.look("dl.acronyms dd", after=0)),
        para("Message Heading", Look(after=t.pt(".message-heading", "margin-bottom", 0.5 * mm), keep_next=True), based_on="List Number"),
        para("Person", Look(after=t.pt("ul.people > li", "margin-bottom", 1 * mm))),
        para("Reference Title", Look(after=t.pt("ul.references p", "margin-bottom", 0.5 * mm), keep_next=True)),
        para("Reference Note", Look(after=t.pt("ul.references > li", "margin-bottom", 2.5 * mm))),
        para("Source", t.look("ol.sources"), based_on="List Number"),
        char("Strong", Look(bold=True), builtin=True),
        char("Emphasis", Look(italic=True), builtin=True),
        char("Hyperlink", t.look("a", Look(colour="accent")), builtin=True),
        char("Meta", t.look("ul.references .meta", Look(colour="muted"))),
        char("URL", t.look("ol.sources .url", Look(colour="muted"))),
        char("Marking Char", marking),
        table("Memo Table", TableLook(t.box("table.memo td", "padding", (1.2, 0, 1.2, 0)))),
        table("Facts Table", TableLook(t.box("table.facts th", "padding", (1.6, 3, 1.6, 0)), rules=("bottom", "insideH"))),
        table("Data Table", TableLook(t.box("table.data td", "padding", (1.8, 3, 1.8, 0)), rules=("bottom", "insideH"), header_rule=t.pt("table.data th", "border-bottom", 1.0))),
        table("Acronym Table", TableLook((t.pt("dl.acronyms", "row-gap", 1 * mm) / 2, 0, t.pt("dl.acronyms", "row-gap", 1 * mm) / 2, 0))),
        table("Summary Box", TableLook(t.box(".summary", "padding", (3.5, 5, 2, 5)), left_bar=t.pt(".summary", "border-left", 3.0), fill="accent-soft", size=t.pt(".summary", "font-size", 11))),
    ]  # fmt: skip


# --- writing the styles into a document -------------------------------------------------


class ListNumbering:
    """The bullet and number definitions lists use, and one restartable instance per list.

    Word continues a numbered list across the whole document unless a list says where it
    starts, so every ``<ol>`` gets its own numbering instance with a start override.
    """

    def __init__(self, document: Any, theme: Theme) -> None:
        self._numbering = document.part.numbering_part.element
        self._theme = theme
        self._base: dict[str, int] = {}
        self._copies: dict[tuple[int, int, Look], int] = {}

    def base(self, kind: str) -> int:
        """The numbering instance the generated list styles point at, made on first use."""
        if kind not in self._base:
            abstract_id = self._next_abstract_id()
            self._add_abstract(parse_xml(self._abstract_xml(kind, abstract_id)))
            self._base[kind] = self._numbering.add_num(abstract_id).numId
        return self._base[kind]

    def instance(self, num_id: int, level: int, start: int, marker: str | None = None) -> int:
        """A new numbering instance like ``num_id`` that starts again at ``start``; with
        ``marker`` (a CSS selector such as ``ol.messages > li::marker``) its numbers take
        that rule's look, on top of the list style's own numbering."""
        abstract_id = self._numbering.num_having_numId(num_id).abstractNumId.val
        look = self._theme.look(marker) if marker else Look()
        if look != Look():
            abstract_id = self._restyled(abstract_id, level, look)
        num = self._numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=level).add_startOverride(start)
        return num.numId

    def _restyled(self, abstract_id: int, level: int, look: Look) -> int:
        """A copy of a numbering definition whose numbers at ``level`` look like ``look``.

        A copy rather than a level override inside the list: LibreOffice ignores those.
        """
        key = (abstract_id, level, look)
        if key not in self._copies:
            (original,) = self._numbering.xpath(
                f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]'
            )
            copy = deepcopy(original)
            copy.set(qn("w:abstractNumId"), str(self._next_abstract_id()))
            for nsid in copy.findall(qn("w:nsid")):  # Word tells lists apart by nsid
                copy.remove(nsid)
            for lvl in copy.xpath(f'./w:lvl[@w:ilvl="{level}"]', namespaces=nsmap):
                for old in lvl.findall(qn("w:rPr")):
                    lvl.remove(old)
                rpr = _rpr(look, self._theme).replace("<w:rPr>", f"<w:rPr {nsdecls('w')}>")
                lvl.append(parse_xml(rpr))
            self._add_abstract(copy)
            self._copies[key] = int(copy.get(qn("w:abstractNumId")))
        return self._copies[key]

    def _next_abstract_id(self) -> int:
        ids = [int(i) for i in self._numbering.xpath("./w:abstractNum/@w:abstractNumId")]
        return max(ids, default=-1) + 1

    def _add_abstract(self, definition: Any) -> None:
        # Every w:abstractNum comes before the first w:num in numbering.xml.
        existing = self._numbering.xpath("./w:num")
        if existing:
            existing[0].addprevious(definition)
        else:
            self._numbering.append(definition)

    def _abstract_xml(self, kind: str, abstract_id: int) -> str:
        t = self._theme
        step = _tw(t.pt("ul", "padding-left", 5.5 * _UNITS_PT["mm"]))
        bullets = (t.marker("ul", "–"), t.marker("ul ul", "·"))
        levels = []
        for level in range(9):
            if kind == "bullet":
                fmt, text, rpr = "bullet", bullets[level % 2], ""
            else:
                fmt, text, rpr = "decimal", f"%{level + 1}.", ""
            levels.append(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{step * (level + 1)}" w:hanging="{step}"/></w:pPr>{rpr}</w:lvl>'
            )
        return (
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>'
        )


def style_numbering(document: Any, name: str) -> tuple[int, int] | None:
    """The (numId, level) a paragraph style carries, following ``basedOn``; None if none."""
    styles = document.styles
    seen = set()
    try:
        style = styles[name]
    except KeyError:
        return None
    while style is not None and style.name not in seen:
        seen.add(style.name)
        num_pr = style.element.pPr.numPr if style.element.pPr is not None else None
        if num_pr is not None and num_pr.numId is not None and num_pr.numId.val:
            level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
            return num_pr.numId.val, level
        style = style.base_style
    return None


def prepare_styles(document: Any, theme: Theme, *, generated: bool) -> ListNumbering:
    """Write the theme's styles into ``document``.

    ``generated``: the document is python-docx's blank one, so its built-in styles are
    restyled from the theme. Otherwise it is an organisation's reference document, whose
    styles win: only the styles it lacks are added.
    """
    numbering = ListNumbering(document, theme)
    if generated:
        _document_defaults(document, theme)
    for spec in style_specs(theme):
        present = spec.name in document.styles
        if present and not generated:
            continue
        _write_style(document, spec, theme, numbering)
    return numbering


def _document_defaults(document: Any, theme: Theme) -> None:
    """Font, size, colour and paragraph spacing every style inherits (Word's docDefaults)."""
    look = Look(
        size=theme.base_size,
        colour="ink",
        after=theme.pt("p", "margin", 0.55 * theme.base_size, side=2),
        line=theme.ratio("html", "line-height", 1.42) / SINGLE_LINE_EM,
    )
    font = theme.font
    defaults = parse_xml(
        f"<w:docDefaults {nsdecls('w')}><w:rPrDefault>"
        + _rpr(look, theme).replace(
            "<w:rPr>",
            # Latin text in the theme's font; other scripts keep the theme's fonts for them.
            f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" '
            'w:eastAsiaTheme="minorEastAsia" w:cstheme="minorBidi"/>',
        )
        + "</w:rPrDefault><w:pPrDefault>"
        + _ppr(Look(after=look.after, line=look.line), theme, None).replace(
            "<w:pPr>", "<w:pPr><w:widowControl/>"
        )
        + "</w:pPrDefault></w:docDefaults>"
    )
    styles = document.styles.element
    old = styles.find(qn("w:docDefaults"))
    if old is not None:
        old.addprevious(defaults)
        styles.remove(old)
    else:
        styles.insert(0, defaults)


def _write_style(document: Any, spec: StyleSpec, theme: Theme, numbering: ListNumbering) -> None:
    styles = document.styles
    if spec.name in styles:
        element = styles[spec.name].element
        _drop_linked(styles, element)
        for child in list(element):
            if child.tag != qn("w:name"):
                element.remove(child)
        element.attrib.pop(qn("w:customStyle"), None)
    else:
        element = styles.add_style(spec.name, spec.kind, builtin=spec.builtin).element
    children = ""
    if spec.based_on and spec.based_on in styles:
        children += f'<w:basedOn w:val="{styles[spec.based_on].style_id}"/>'
    if spec.next and spec.next in styles:
        children += f'<w:next w:val="{styles[spec.next].style_id}"/>'
    children += "<w:qFormat/>" if spec.kind != WD_STYLE_TYPE.TABLE else ""
    look = spec.look
    if isinstance(look, TableLook):
        children += _table_style_body(look, theme)
    else:
        num_id = numbering.base(look.numbering[0]) if look.numbering else None
        if spec.kind == WD_STYLE_TYPE.PARAGRAPH:
            children += _ppr(look, theme, num_id)
        children += _rpr(look, theme)
    for child in parse_xml(f"<w:style {nsdecls('w')}>{children}</w:style>"):
        element.append(child)


def _drop_linked(styles: Any, element: Any) -> None:
    """A restyled built-in style loses its linked character style ("Heading 1 Char"),
    which would otherwise still carry the blank template's old fonts and colours."""
    link = element.find(qn("w:link"))
    if link is None:
        return
    linked = styles.element.get_by_id(link.get(qn("w:val")))
    if linked is not None:
        styles.element.remove(linked)


def set_language(document: Any, tag: str, rtl: bool) -> None:
    """The brief's language on the document defaults and on every style that names one."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        styles.insert(0, defaults)
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if r_pr is None:
        holder = parse_xml(f"<w:rPrDefault {nsdecls('w')}><w:rPr/></w:rPrDefault>")
        defaults.insert(0, holder)
        r_pr = holder[0]
    if r_pr.find(qn("w:lang")) is None:
        r_pr.append(parse_xml(f"<w:lang {nsdecls('w')}/>"))
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), tag)
        if rtl:
            lang.set(qn("w:bidi"), tag)
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), tag)


def word_language(tag: str) -> str:
    """The language tag Word knows: Word's proofing wants a region ("en" is "en-US"),
    so a bare language gets its most likely one, as CLDR gives it."""
    from babel.core import get_global

    parts = tag.replace("_", "-").split("-")
    if any((len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit()) for p in parts[1:]):
        return tag
    likely = get_global("likely_subtags").get(parts[0].lower())
    return f"{parts[0].lower()}-{likely.split('_')[-1]}" if likely else tag
