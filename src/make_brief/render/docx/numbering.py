"""List numbering: the bullet and number definitions Word draws list markers from.

Word numbers a list from a numbering definition in numbering.xml, not from the paragraph
style alone, so the writer makes those definitions from the theme, starts every list's
numbers afresh, and finds the numbering an organisation's own list styles carry.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, nsmap, qn

from .look import Look, rpr, twips
from .theme import PT_PER_MM, Theme


class ListNumbering:
    """The bullet and number definitions lists use, and one restartable instance per list.

    Word continues a numbered list across the whole document unless a list says where it
    starts, so every ``<ol>`` gets its own numbering instance with a start override.
    """

    def __init__(self, document: Any, theme: Theme, bases: dict[str, int] | None = None) -> None:
        self._numbering = document.part.numbering_part.element
        self._theme = theme
        self._base: dict[str, int] = dict(bases or {})
        self._copies: dict[tuple[int, int, Look], int] = {}

    def base(self, kind: str) -> int:
        """The numbering instance the generated list styles point at, made on first use."""
        if kind not in self._base:
            abstract_id = self._next_abstract_id()
            self._add_abstract(parse_xml(self._abstract_xml(kind, abstract_id)))
            self._base[kind] = self._numbering.add_num(abstract_id).numId
        return self._base[kind]

    @property
    def bases(self) -> dict[str, int]:
        """The base instances made so far, to pick up again on a copy of the document."""
        return dict(self._base)

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
                props = rpr(look).replace("<w:rPr>", f"<w:rPr {nsdecls('w')}>")
                lvl.append(parse_xml(props))
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
        step = twips(t.pt("ul", "padding-left", 5.5 * PT_PER_MM))
        bullets = (t.marker("ul", "–"), t.marker("ul ul", "·"))
        levels = []
        for level in range(9):
            if kind == "bullet":
                fmt, text = "bullet", bullets[level % 2]
            else:
                fmt, text = "decimal", f"%{level + 1}."
            levels.append(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{step * (level + 1)}" w:hanging="{step}"/></w:pPr></w:lvl>'
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
