"""The walk: the HTML body, in document order, into Word paragraphs, lists and tables.

Each element is mapped onto its named Word style as it is met, by its role (roles.py:
the writer's answer for the subset, the set's word-styles file for its classes); runs of
inline content become paragraphs, and anything outside the subset, or a class the set
does not declare, stops the walk with an error that names it.

Where the PDF avoids a page break, so does Word (keep with next): after an intro line
that leads into a list or a table, after a list's first item and its last but one, and
before an element the stylesheet starts on a new page (``#back-matter``) Word breaks the
page too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname
from xml.etree import ElementTree as ET

from docx.oxml.ns import qn

from ..assets import MAX_ASSET_BYTES, job_asset
from ..job import RenderJob
from . import tables
from .fields import FieldMarks
from .flow import Flow, Target
from .inline import Break, Image, Piece, Text, collapse, write_runs
from .links import linkable
from .numbering import ListNumbering
from .page import Page, set_bidi
from .roles import ListKind, Role, Roles
from .stylebook import StyleBook
from .subset import BLOCKS, HEADINGS, INLINE, child_elements, only, unsupported
from .theme import Theme


class Builder:
    """Walks the body once, in document order, adding paragraphs and tables."""

    def __init__(
        self,
        document: Any,
        job: RenderJob,
        page: Page,
        theme: Theme,
        numbering: ListNumbering,
        styles: StyleBook,
        roles: Roles,
    ) -> None:
        self.document = document
        self.job = job
        self.page = page
        self.theme = theme
        self.numbering = numbering
        self.styles = styles
        self.roles = roles
        self._page_break = False  # the next paragraph of the body starts a new page
        self.fields = FieldMarks()  # which content field each paragraph prints

    @property
    def rtl(self) -> bool:
        return self.page.rtl

    @property
    def text_width_mm(self) -> float:
        return self.theme.text_width_mm

    def role(self, el: ET.Element) -> Role:
        return self.roles.of(el)

    def build(self) -> None:
        self.blocks(self.page.body, Flow(Target(self.document, self.text_width_mm), "Normal"))
        self.fields.bookmark(self.document.element.body)

    # blocks

    def blocks(self, el: ET.Element, flow: Flow) -> None:
        """Runs of inline content become paragraphs; block children are handled in turn."""
        with self.fields.inside(el):
            self._blocks(el, flow)
            if el.get("data-field") and flow.target.reuse is not None:
                # An empty cell still prints its field: its one paragraph carries it.
                self.fields.mark(flow.target.reuse._p)

    def _blocks(self, el: ET.Element, flow: Flow) -> None:
        pending: list[ET.Element | str] = [el.text] if el.text else []
        children = [c for c in el if isinstance(c.tag, str) or c.tail]
        for index, child in enumerate(children):
            if not isinstance(child.tag, str):
                pass
            elif child.tag in INLINE:
                pending.append(child)
            else:
                self.paragraph(pending, flow)
                pending = []
                if child.tag == "p" and _leads_into_list_or_table(children[index + 1 :]):
                    with _kept_with_next(flow):
                        self.block(child, flow)
                else:
                    self.block(child, flow)
            if child.tail:
                pending.append(child.tail)
        self.paragraph(pending, flow)

    def block(self, el: ET.Element, flow: Flow) -> None:
        if el.tag not in BLOCKS:
            raise unsupported(el)
        with self.fields.inside(el):
            self._block(el, flow)

    def _block(self, el: ET.Element, flow: Flow) -> None:
        role = self.roles.of(el)
        if role.skip:  # e.g. a marking, printed in every header and footer instead
            return
        if self.roles.starts_page(el):
            self._page_break = True
            if el.tag in ("table", "dl") or role.box is not None:  # no paragraph to carry it
                self.new_paragraph(flow, None)
        if el.tag == "p" or el.tag in HEADINGS:
            self.paragraph(self.inline_children(el), flow, role.paragraph)
        elif role.list is not None:
            self.list(el, role.list, flow)
        elif el.tag == "table" and role.table is not None:
            tables.add_table(self, el, role.table, flow)
        elif el.tag == "dl" and role.table is not None:
            tables.add_definitions(self, el, role.table, flow)
        elif role.box is not None:
            tables.add_box(self, el, role.box, flow)
        elif role.paragraph is not None:  # the style of text written in the container
            self.blocks(el, replace(flow, style=role.paragraph))
        else:
            self.blocks(el, flow)

    def inline_children(self, el: ET.Element) -> list[ET.Element | str]:
        nodes: list[ET.Element | str] = [el.text] if el.text else []
        for child in el:
            if isinstance(child.tag, str):
                if child.tag not in INLINE:
                    why = f"cannot be inside <{el.tag}>" if child.tag in BLOCKS else ""
                    raise unsupported(child, why)
                nodes.append(child)
            if child.tail:
                nodes.append(child.tail)
        return nodes

    def paragraph(
        self, nodes: list[ET.Element | str], flow: Flow, style: str | None = None
    ) -> None:
        pieces: list[Piece] = []
        for node in nodes:
            self.collect(node, frozenset(), None, pieces)
        pieces = collapse(pieces)
        if pieces:
            paragraph = self.new_paragraph(flow, style)
            write_runs(paragraph, pieces, self.theme.text_width_mm, self.styles)

    def new_paragraph(self, flow: Flow, style: str | None) -> Any:
        numbering = None
        if flow.first is not None:
            (item_style, numbering), flow.first = flow.first, None
            style = style or item_style
        paragraph = flow.target.paragraph()
        self.fields.mark(paragraph._p)
        if self._page_break and flow.target.container is self.document:
            paragraph.paragraph_format.page_break_before = True
            self._page_break = False
        if (style or flow.style) != "Normal":  # Normal is Word's default: no pStyle at all
            self.styles.paragraph(paragraph, style or flow.style)
        if numbering is not None:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = numbering[1]
            num_pr.get_or_add_numId().val = numbering[0]
        if self.page.rtl:
            set_bidi(paragraph._p.get_or_add_pPr())
        return paragraph

    # lists

    def list(self, el: ET.Element, spec: ListKind, flow: Flow) -> None:
        self.marker_first(flow)
        level = min(flow.depth, 2)
        suffix = f" {level + 1}" if spec.by_depth and level else ""
        item, rest = spec.item + suffix, spec.rest + suffix
        numbering = self.list_numbering(spec, item, level, el)
        items = only(
            child_elements(el), {"li"}, f"cannot be inside <{el.tag}>; only <li> can", self.role
        )
        items = list(items)
        for index, li in enumerate(items):
            item_flow = Flow(flow.target, rest, (item, numbering), flow.depth + 1)
            # The first item stays with the second, the last but one with the last: a
            # heading never has a single item under it at the foot of a page.
            held = (index == 0 and len(items) > 1) or index == len(items) - 2
            with _kept_with_next(flow) if held else nullcontext():
                self.blocks(li, item_flow)
                self.marker_first(item_flow)  # an empty item still shows its marker

    def list_numbering(
        self, spec: ListKind, style: str, level: int, el: ET.Element
    ) -> tuple[int, int] | None:
        """The numbering of one list: the list style's own (an organisation's reference
        may define it), and for a numbered list a new instance that starts at 1."""
        if spec.marker is None:
            return None
        num_id, ilvl = self.styles.numbering(style) or (
            self.numbering.base(spec.marker),
            level,
        )
        if spec.marker == "number":
            start = el.get("start", "1").strip()
            first = int(start) if start.isdigit() else 1
            num_id = self.numbering.instance(num_id, ilvl, first, spec.marker_rule)
        return num_id, ilvl

    def marker_first(self, flow: Flow) -> None:
        if flow.first is not None:
            self.new_paragraph(flow, None)

    # inline

    def collect(
        self,
        node: ET.Element | str,
        marks: frozenset[str],
        href: str | None,
        out: list[Piece],
        style: str | None = None,
    ) -> None:
        if isinstance(node, str):
            out.append(Text(node, marks, href, style))
            return
        role = self.roles.of(node)
        if node.tag == "br":
            out.append(Break(href))
            return
        if node.tag == "img":
            out.append(self.image(node, role, href))
            return
        if node.tag == "a":
            target = (node.get("href") or "").strip()
            href = target if linkable(target) else href
        elif node.tag in ("strong", "em"):
            marks |= {node.tag}
        if role.break_before:  # on a line of its own (display: block in the CSS)
            out.append(Break(href))
        style = role.character or style
        if node.text:
            out.append(Text(node.text, marks, href, style))
        for child in node:
            if isinstance(child.tag, str):
                if child.tag not in INLINE:
                    raise unsupported(child, f"cannot be inside <{node.tag}>")
                self.collect(child, marks, href, out, style)
            if child.tail:
                out.append(Text(child.tail, marks, href, style))

    def image(self, el: ET.Element, role: Role, href: str | None) -> Image:
        """An ``<img>`` the template may place: its own PNG or JPEG, confined like the PDF's."""
        src = urljoin(self.job.base_url, el.get("src", ""))
        parts = urlsplit(src)
        path = None
        if parts.scheme == "file":
            path = job_asset(self.job, Path(url2pathname(parts.path)))
        if path is None:
            raise unsupported(el, f"points at {src}; a template may place only its own files")
        if path.suffix.lower() not in (".png", ".jpg", ".jpeg", ".gif"):
            raise unsupported(el, f"is {path.name}; a Word document takes PNG or JPEG images")
        if path.stat().st_size > MAX_ASSET_BYTES:
            raise unsupported(el, f"is larger than {MAX_ASSET_BYTES // 2**20} MiB")
        return Image(path, el.get("alt", ""), role.height_mm, href)


def _leads_into_list_or_table(following: Sequence[ET.Element]) -> bool:
    """Whether the next element is a list or a table (with only white space between)."""
    for el in following:
        if isinstance(el.tag, str):
            return el.tag in ("ul", "ol", "table", "dl")
    return False


@contextmanager
def _kept_with_next(flow: Flow) -> Iterator[None]:
    """Every paragraph written meanwhile into ``flow``'s container keeps with the next
    (in the body or a cell: not inside a table written meanwhile, which keeps its own)."""
    parent = _block_parent(flow.target.container)
    before = len(_blocks_of(parent))
    yield
    for child in _blocks_of(parent)[before:]:
        if child.tag == qn("w:p"):
            child.get_or_add_pPr().keepNext_val = True


def _blocks_of(parent: Any) -> list[Any]:
    """The paragraphs and tables of a body or a cell; not the body's closing section
    properties, which stay last while paragraphs are added before them."""
    return [child for child in parent if child.tag != qn("w:sectPr")]


def _block_parent(container: Any) -> Any:
    """The XML element a container's paragraphs are appended to."""
    element = getattr(container, "_element", None)
    if element is None or element.tag == qn("w:document"):
        return container.element.body
    return element
