"""What a Word style looks like, and the WordprocessingML that says so.

A ``Look`` is the part of a CSS rule Word can follow (type, spacing, borders, numbering);
a ``TableLook`` the same for a table style. Both are written as the ``w:pPr``, ``w:rPr``
and ``w:tblPr`` fragments a style definition holds. Colours arrive resolved, as Word's
``RRGGBB``: reading the theme is theme.py's job, so this module needs nothing of it.
"""

from __future__ import annotations

from dataclasses import dataclass


def twips(points: float) -> int:
    """Points to twentieths of a point, Word's unit for spacing and indents."""
    return round(points * 20)


@dataclass(frozen=True)
class Line:
    """A rule: its width in points and its colour (``RRGGBB``)."""

    width: float
    colour: str


def _border(side: str, line: Line, space_pt: float = 0) -> str:
    # Border widths are in eighths of a point, the gap to the text in whole points.
    return (
        f'<w:{side} w:val="single" w:sz="{max(2, round(line.width * 8))}" '
        f'w:space="{min(31, round(space_pt))}" w:color="{line.colour}"/>'
    )


@dataclass(frozen=True)
class Look:
    """What one style looks like; ``None`` leaves a property to the style it is based on."""

    size: float | None = None
    bold: bool = False
    italic: bool = False
    caps: bool = False
    colour: str | None = None  # RRGGBB
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
    border_bottom: tuple[Line, float] | None = None  # the rule and its gap to the text, pt
    tabs: tuple[tuple[str, float], ...] = ()
    numbering: tuple[str, int] | None = None  # ("bullet" | "number", level)


def ppr(look: Look, num_id: int | None) -> str:
    parts = []
    if look.keep_next:
        parts += ["<w:keepNext/>", "<w:keepLines/>"]
    if num_id is not None and look.numbering:
        parts.append(
            f'<w:numPr><w:ilvl w:val="{look.numbering[1]}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    if look.border_bottom:
        line, gap = look.border_bottom
        parts.append(f"<w:pBdr>{_border('bottom', line, gap)}</w:pBdr>")
    if look.tabs:
        tabs = "".join(f'<w:tab w:val="{k}" w:pos="{twips(p)}"/>' for k, p in look.tabs)
        parts.append(f"<w:tabs>{tabs}</w:tabs>")
    spacing = ""
    if look.before is not None:
        spacing += f' w:before="{twips(look.before)}"'
    if look.after is not None:
        spacing += f' w:after="{twips(look.after)}"'
    if look.line is not None:
        spacing += f' w:line="{round(look.line * 240)}" w:lineRule="auto"'
    if spacing:
        parts.append(f"<w:spacing{spacing}/>")
    if look.indent is not None:
        hanging = f' w:hanging="{twips(look.hanging)}"' if look.hanging else ""
        parts.append(f'<w:ind w:left="{twips(look.indent)}"{hanging}/>')
    if look.align:
        parts.append(f'<w:jc w:val="{look.align}"/>')
    if look.outline is not None:
        parts.append(f'<w:outlineLvl w:val="{look.outline}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def rpr(look: Look) -> str:
    parts = []
    if look.bold:
        parts += ["<w:b/>", "<w:bCs/>"]
    if look.italic:
        parts += ["<w:i/>", "<w:iCs/>"]
    if look.caps:
        parts.append("<w:caps/>")
    if look.colour:
        parts.append(f'<w:color w:val="{look.colour}"/>')
    if look.tracking:
        parts.append(f'<w:spacing w:val="{twips(look.tracking)}"/>')
    if look.size:
        half_points = round(look.size * 2)
        parts += [f'<w:sz w:val="{half_points}"/>', f'<w:szCs w:val="{half_points}"/>']
    if look.underline is not None:
        parts.append(f'<w:u w:val="{"single" if look.underline else "none"}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


@dataclass(frozen=True)
class TableLook:
    """A table style: cell padding (pt: top, right, bottom, left), rules and fill."""

    padding: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    row_rule: Line | None = None  # under every row: the table's bottom and inside rules
    header_rule: Line | None = None  # under the header row
    left_bar: Line | None = None  # a bar down the left side
    fill: str | None = None  # RRGGBB
    size: float | None = None


def table_style_body(look: TableLook) -> str:
    borders = ""
    if look.row_rule:
        borders += "".join(_border(side, look.row_rule) for side in ("bottom", "insideH"))
    if look.left_bar:
        borders += _border("left", look.left_bar)
    top, right, bottom, left = (twips(p) for p in look.padding)
    tbl_pr = (
        "<w:tblPr>"
        # Word (compatibility mode 14, python-docx's blank document) and LibreOffice put
        # a table's edge one left cell margin outside the text; indenting it by that
        # margin puts the edge on the text margin, as the CSS box is.
        + f'<w:tblInd w:w="{left}" w:type="dxa"/>'
        + (f"<w:tblBorders>{borders}</w:tblBorders>" if borders else "")
        + (f'<w:shd w:val="clear" w:color="auto" w:fill="{look.fill}"/>' if look.fill else "")
        + f'<w:tblCellMar><w:top w:w="{top}" w:type="dxa"/><w:left w:w="{left}" w:type="dxa"/>'
        f'<w:bottom w:w="{bottom}" w:type="dxa"/><w:right w:w="{right}" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>"
    )
    # A shaded box keeps its paragraphs' spacing (its padding is the CSS's); the cells of
    # an open table sit tight, their spacing being the cell padding.
    p_pr = '<w:pPr><w:spacing w:after="0"/></w:pPr>' if not look.fill else ""
    r_pr = rpr(Look(size=look.size))
    if look.fill:  # the fill is repeated on the cell so that every reader paints it
        tbl_pr += f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{look.fill}"/></w:tcPr>'
    header = ""
    if look.header_rule:
        rule = _border("bottom", look.header_rule)
        header = f'<w:tblStylePr w:type="firstRow"><w:tcPr><w:tcBorders>{rule}</w:tcBorders></w:tcPr></w:tblStylePr>'
    return p_pr + r_pr + tbl_pr + header


#: The kinds of Word style.
PARAGRAPH, CHARACTER, TABLE = "paragraph", "character", "table"


@dataclass(frozen=True)
class StyleSpec:
    """One named Word style to write: its kind, its look, what it is based on."""

    name: str
    kind: str  # PARAGRAPH, CHARACTER or TABLE
    look: Look | TableLook
    based_on: str | None = None
    next: str | None = None
