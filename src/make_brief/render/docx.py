"""DOCX through python-docx, written from the same HTML that WeasyPrint prints.

A template author writes the structure once; the PDF and the Word file cannot drift
apart because both come from one rendered HTML. The writer understands a documented
subset of that HTML (docs/template-authors.md) and maps each element and class onto a
named Word style, so a Word user edits a real document: headings, lists with numbering,
tables, hyperlinks, page numbers that Word computes. Anything outside the subset is an
error that names it: a template author learns at once, instead of finding later that
the Word file silently lost something the PDF shows.
"""

from __future__ import annotations

import io
import re
import string
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from ..errors import RenderError
from . import RenderJob

if TYPE_CHECKING:  # python-docx and tinycss2 load only when a DOCX is written
    from .docx_styles import ListNumbering, Theme

SUBSET = "the HTML subset the DOCX writer supports (see docs/template-authors.md)"

#: Elements that only hold other blocks; they have no look of their own in Word.
CONTAINERS = {"header", "main", "section", "div"}
BLOCKS = CONTAINERS | {"p", "h1", "h2", "h3", "ul", "ol", "table", "dl"}
INLINE = {"strong", "em", "a", "span", "br", "img"}
HEAD = {"title", "meta", "link", "style"}

#: The classes each element may carry; any other class is an error.
CLASSES: dict[str, set[str]] = {
    "header": {"masthead"},
    "div": {"organisation", "summary"},
    "section": {"annex"},
    "p": {
        "marking",
        "organisation-name",
        "document-type",
        "subject-label",
        "subtitle",
        "message-heading",
        "reference-title",
        "contact",
        "url",
    },
    "img": {"logo"},
    "table": {"memo", "facts", "data"},
    "ul": {"people", "references"},
    "ol": {"messages", "steps", "sources"},
    "dl": {"acronyms"},
    "span": {"meta", "url"},
    "strong": {"name"},
}

HEADINGS = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2"}
PARAGRAPHS = {
    "organisation-name": "Organisation Name",
    "document-type": "Document Type",
    "subject-label": "Subject Label",
    "subtitle": "Subtitle",
    "message-heading": "Message Heading",
    "reference-title": "Reference Title",
}


@dataclass(frozen=True)
class TableKind:
    style: str
    head: str  # paragraph style of a <th>
    cell: str  # paragraph style of a <td>
    label_mm: float | None = None  # width of a label column, from the CSS


@dataclass(frozen=True)
class ListKind:
    item: str  # style of an item's first paragraph (the one with the marker)
    rest: str  # style of an item's later paragraphs
    marker: str | None  # "bullet", "number", or None for a list drawn without markers
    by_depth: bool = False  # nested lists use "List Bullet 2", "List Bullet 3"
    marker_rule: str | None = None  # the CSS rule its numbers look like, if not the list style's


LISTS = {
    ("ul", None): ListKind("List Bullet", "List Continue", "bullet", by_depth=True),
    ("ol", None): ListKind("List Number", "List Continue", "number", by_depth=True),
    ("ol", "messages"): ListKind(
        "List Number", "List Continue", "number", marker_rule="ol.messages > li::marker"
    ),
    ("ol", "steps"): ListKind(
        "List Number", "List Continue", "number", marker_rule="ol.steps > li::marker"
    ),
    ("ol", "sources"): ListKind("Source", "List Continue", "number"),
    ("ul", "people"): ListKind("Person", "Person", None),
    ("ul", "references"): ListKind("Reference Title", "Reference Note", None),
}

#: Zip entries carry this time instead of "now", so the same brief gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's whitespace; a no-break space is text
_LINKABLE = ("http", "https", "mailto")


#: What a template author most likely meant instead.
HINTS = {"b": "use <strong>", "i": "use <em>", "h4": "use <h3>", "blockquote": "use <p>"}


def unsupported(el: ET.Element, why: str = "") -> RenderError:
    """The error a template author sees for anything the writer does not map."""
    classes = el.get("class")
    shown = f'<{el.tag} class="{classes}">' if classes else f"<{el.tag}>"
    if not why:
        hint = f"; {HINTS[el.tag]}" if el.tag in HINTS else ""
        return RenderError(f"docx: {shown} is not in {SUBSET}{hint}")
    return RenderError(f"docx: {shown} {why} (see docs/template-authors.md)")


def _class(el: ET.Element) -> str | None:
    classes = (el.get("class") or "").split()
    for name in classes:
        if name not in CLASSES.get(el.tag, set()):
            raise RenderError(f'docx: <{el.tag} class="{name}"> is not in {SUBSET}')
    if "style" in el.attrib:
        raise unsupported(el, "has a style attribute, which Word cannot follow; use a class")
    for span in ("colspan", "rowspan"):
        if el.get(span, "1").strip() != "1":
            raise unsupported(el, f"spans cells ({span}), which the DOCX writer does not support")
    return classes[0] if classes else None


def _elements(parent: ET.Element) -> Iterator[ET.Element]:
    """Child elements, skipping comments, with stray text refused (it would be lost)."""
    if (parent.text or "").strip():
        raise unsupported(parent, f"holds text outside its items: {parent.text.strip()[:40]!r}")
    for child in parent:
        if isinstance(child.tag, str):
            yield child
        if (child.tail or "").strip():
            raise unsupported(parent, f"holds text outside its items: {child.tail.strip()[:40]!r}")


# --- the page: what the HTML says besides its body -------------------------------------


@dataclass(frozen=True)
class Page:
    body: ET.Element
    language: str
    rtl: bool
    title: str
    meta: dict[str, str]
    marking: str
    reference: str
    page_label: str


def read_page(html: str) -> Page:
    """Parse the HTML with a real HTML5 parser and read the document-level facts."""
    import tinyhtml5

    root = tinyhtml5.parse(html, namespace_html_elements=False)
    head, body = root.find("head"), root.find("body")
    assert head is not None and body is not None  # an HTML5 parser always makes both
    for el in head:
        if isinstance(el.tag, str) and el.tag not in HEAD:
            raise unsupported(el)
    meta = {
        m.get("name", "").lower(): m.get("content", "") for m in head.iter("meta") if m.get("name")
    }
    title = head.find("title")
    return Page(
        body=body,
        language=(root.get("lang") or "en").strip(),
        rtl=(root.get("dir") or "").lower() == "rtl",
        title=" ".join((title.text or "").split()) if title is not None else "",
        meta=meta,
        marking=body.get("data-marking", ""),
        reference=body.get("data-reference", ""),
        page_label=body.get("data-page-label", "{page} / {pages}"),
    )


# --- inline content ---------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str
    marks: frozenset[str] = frozenset()
    href: str | None = None


@dataclass(frozen=True)
class Break:
    href: str | None = None


@dataclass(frozen=True)
class Image:
    path: Path
    alt: str
    height_mm: float | None
    href: str | None = None


Piece = Text | Break | Image


def collapse(pieces: list[Piece]) -> list[Piece]:
    """Fold whitespace the way a browser does, so Word shows the words the PDF shows."""
    out: list[Piece] = []
    line_start = True
    for piece in pieces:
        if isinstance(piece, Text):
            text = _WHITESPACE.sub(" ", piece.text)
            text = text.lstrip(" ") if line_start else text
            if text:
                out.append(replace(piece, text=text))
                line_start = text.endswith(" ")
            continue
        if isinstance(piece, Break):
            _strip_end(out)
        out.append(piece)
        line_start = isinstance(piece, Break)
    _strip_end(out)
    return out


def _strip_end(out: list[Piece]) -> None:
    while out and isinstance(out[-1], Text):
        text = out[-1].text.rstrip(" ")
        if text:
            out[-1] = replace(out[-1], text=text)
            return
        out.pop()


# --- where paragraphs go ----------------------------------------------------------------


class Target:
    """The body or a table cell; a cell's own first paragraph is filled before adding."""

    def __init__(self, container: Any, width_mm: float, reuse: Any = None) -> None:
        self.container = container
        self.width_mm = width_mm
        self.reuse = reuse

    def paragraph(self) -> Any:
        if self.reuse is not None:
            paragraph, self.reuse = self.reuse, None
            return paragraph
        return self.container.add_paragraph()

    def table(self, rows: int, cols: int) -> Any:
        from docx.table import _Cell

        if not isinstance(self.container, _Cell):
            return self.container.add_table(rows, cols)
        if self.reuse is not None:  # no empty paragraph above a table in a cell
            self.reuse._p.getparent().remove(self.reuse._p)
        table = self.container.add_table(rows, cols)
        # Word needs a paragraph after a table in a cell; python-docx adds it, and
        # whatever follows fills it instead of leaving it empty.
        self.reuse = self.container.paragraphs[-1]
        return table


@dataclass
class Flow:
    """Where the next paragraphs go and how they are styled (a list item numbers its first)."""

    target: Target
    style: str
    first: tuple[str, tuple[int, int] | None] | None = None
    depth: int = 0


# --- the builder ------------------------------------------------------------------------


class Builder:
    """Walks the body once, in document order, adding paragraphs and tables."""

    def __init__(
        self, document: Any, job: RenderJob, page: Page, theme: Theme, numbering: ListNumbering
    ) -> None:
        self.document = document
        self.job = job
        self.page = page
        self.theme = theme
        self.numbering = numbering

    def build(self) -> None:
        self.blocks(self.page.body, Flow(Target(self.document, self.theme.text_width_mm), "Normal"))

    # blocks

    def blocks(self, el: ET.Element, flow: Flow) -> None:
        """Runs of inline content become paragraphs; block children are handled in turn."""
        pending: list[ET.Element | str] = [el.text] if el.text else []
        for child in el:
            if not isinstance(child.tag, str):
                pass
            elif child.tag in INLINE:
                pending.append(child)
            else:
                self.paragraph(pending, flow)
                pending = []
                self.block(child, flow)
            if child.tail:
                pending.append(child.tail)
        self.paragraph(pending, flow)

    def block(self, el: ET.Element, flow: Flow) -> None:
        if el.tag not in BLOCKS:
            raise unsupported(el)
        kind = _class(el)
        if el.tag == "p":
            if kind != "marking":  # the marking is printed in every header and footer
                self.paragraph(self.inline_children(el), flow, PARAGRAPHS.get(kind or ""))
        elif el.tag in HEADINGS:
            self.paragraph(self.inline_children(el), flow, HEADINGS[el.tag])
        elif el.tag in ("ul", "ol"):
            self.list(el, kind, flow)
        elif el.tag == "table":
            self.table(el, kind, flow)
        elif el.tag == "dl":
            self.definitions(el, flow)
        elif el.tag == "div" and kind == "summary":
            self.summary(el, flow)
        elif el.tag == "div" and kind == "organisation":
            self.blocks(el, replace(flow, style="Logo"))
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
            self.emit(self.new_paragraph(flow, style), pieces)

    def new_paragraph(self, flow: Flow, style: str | None) -> Any:
        numbering = None
        if flow.first is not None:
            (item_style, numbering), flow.first = flow.first, None
            style = style or item_style
        paragraph = flow.target.paragraph()
        if (style or flow.style) != "Normal":  # Normal is Word's default: no pStyle at all
            paragraph.style = style or flow.style
        if numbering is not None:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = numbering[1]
            num_pr.get_or_add_numId().val = numbering[0]
        if self.page.rtl:
            _set_bidi(paragraph._p.get_or_add_pPr())
        return paragraph

    def list(self, el: ET.Element, kind: str | None, flow: Flow) -> None:
        self.marker_first(flow)
        spec = LISTS[(el.tag, kind)]
        level = min(flow.depth, 2)
        suffix = f" {level + 1}" if spec.by_depth and level else ""
        item, rest = spec.item + suffix, spec.rest + suffix
        numbering = self.list_numbering(spec, item, level, el)
        for li in _elements(el):
            if li.tag != "li":
                raise unsupported(li, f"cannot be inside <{el.tag}>; only <li> can")
            _class(li)
            item_flow = Flow(flow.target, rest, (item, numbering), flow.depth + 1)
            self.blocks(li, item_flow)
            self.marker_first(item_flow)  # an empty item still shows its marker

    def list_numbering(
        self, spec: ListKind, style: str, level: int, el: ET.Element
    ) -> tuple[int, int] | None:
        """The numbering of one list: the list style's own (an organisation's reference
        may define it), and for a numbered list a new instance that starts at 1."""
        from .docx_styles import style_numbering

        if spec.marker is None:
            return None
        num_id, ilvl = style_numbering(self.document, style) or (
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

    # tables

    def table(self, el: ET.Element, kind: str | None, flow: Flow) -> None:
        t, mm = self.theme, 72 / 25.4
        kinds = {
            None: TableKind("Data Table", "Table Heading", "Table Text"),
            "data": TableKind("Data Table", "Table Heading", "Table Text"),
            "memo": TableKind(
                "Memo Table",
                "Memo Label",
                "Memo Value",
                (t.pt("table.memo th", "width", 24 * mm) + t.pt("table.memo th", "padding", 6 * mm, side=1)) / mm,
            ),
            "facts": TableKind(
                "Facts Table",
                "Fact Label",
                "Fact Value",
                (t.pt("table.facts th", "width", 32 * mm) + t.pt("table.facts th", "padding", 3 * mm, side=1)) / mm,
            ),
        }  # fmt: skip
        spec = kinds[kind]
        rows = list(self.rows(el))
        if not rows:
            return
        cols = max(len(cells) for _, cells in rows)
        table = self.new_table(flow, len(rows), cols, spec.style, spec.label_mm)
        table._tbl.tblPr.find(_qn("w:tblLook")).set(
            _qn("w:firstRow"), "1" if any(h for h, _ in rows) else "0"
        )
        for r, (header, cells) in enumerate(rows):
            _row_properties(table.rows[r], header)
            for c, cell_el in enumerate(cells):
                style = spec.head if cell_el.tag == "th" else spec.cell
                self.blocks(cell_el, self.cell_flow(table.cell(r, c), style))

    def rows(self, el: ET.Element) -> Iterator[tuple[bool, list[ET.Element]]]:
        for part in _elements(el):
            if part.tag not in ("thead", "tbody", "tfoot", "tr"):
                raise unsupported(part, "cannot be inside <table>")
            _class(part)
            for tr in [part] if part.tag == "tr" else list(_elements(part)):
                if tr.tag != "tr":
                    raise unsupported(tr, f"cannot be inside <{part.tag}>")
                _class(tr)
                cells = list(_elements(tr))
                for cell in cells:
                    if cell.tag not in ("th", "td"):
                        raise unsupported(cell, "cannot be inside <tr>")
                    _class(cell)
                yield part.tag == "thead", cells

    def cell_flow(self, cell: Any, style: str) -> Flow:
        """A cell's content starts in the paragraph every cell already has."""
        first = cell.paragraphs[0]
        if style != "Normal":
            first.style = style
        width = cell.width.mm if cell.width else self.theme.text_width_mm
        return Flow(Target(cell, width, reuse=first), style)

    def new_table(
        self, flow: Flow, rows: int, cols: int, style: str, label_mm: float | None
    ) -> Any:
        from docx.enum.table import WD_TABLE_DIRECTION
        from docx.shared import Mm

        self.marker_first(flow)
        table = flow.target.table(rows, cols)
        table.style = style
        table.autofit = False
        width = flow.target.width_mm
        widths = [width / cols] * cols
        if label_mm and cols == 2:
            widths = [label_mm, width - label_mm]
        for column, column_width in zip(table.columns, widths, strict=True):
            column.width = Mm(column_width)
            for cell in column.cells:
                cell.width = Mm(column_width)
        if self.page.rtl:
            table.table_direction = WD_TABLE_DIRECTION.RTL
        return table

    def definitions(self, el: ET.Element, flow: Flow) -> None:
        """A definition list is a borderless two-column table: term, then its meaning."""
        _class(el)
        rows: list[tuple[ET.Element | None, list[ET.Element]]] = []
        for child in _elements(el):
            if child.tag not in ("dt", "dd"):
                raise unsupported(child, "cannot be inside <dl>")
            _class(child)
            if child.tag == "dt":
                rows.append((child, []))
            elif rows:
                rows[-1][1].append(child)
            else:
                rows.append((None, [child]))
        if not rows:
            return
        t, mm = self.theme, 72 / 25.4
        column = t.pt("dl.acronyms", "grid-template-columns", 24 * mm)
        term_mm = (column + t.pt("dl.acronyms", "column-gap", 4 * mm)) / mm
        table = self.new_table(flow, len(rows), 2, "Acronym Table", term_mm)
        for r, (term, meanings) in enumerate(rows):
            _row_properties(table.rows[r], False)
            if term is not None:
                self.blocks(term, self.cell_flow(table.cell(r, 0), "Acronym Term"))
            meaning_flow = self.cell_flow(table.cell(r, 1), "Acronym Definition")
            for meaning in meanings:
                self.blocks(meaning, meaning_flow)

    def summary(self, el: ET.Element, flow: Flow) -> None:
        """The summary box: one shaded cell with an accent bar, its content styled as usual."""
        table = self.new_table(flow, 1, 1, "Summary Box", None)
        self.blocks(el, self.cell_flow(table.cell(0, 0), "Normal"))

    # inline

    def collect(
        self, node: ET.Element | str, marks: frozenset[str], href: str | None, out: list[Piece]
    ) -> None:
        if isinstance(node, str):
            out.append(Text(node, marks, href))
            return
        kind = _class(node)
        if node.tag == "br":
            out.append(Break(href))
            return
        if node.tag == "img":
            out.append(self.image(node, kind, href))
            return
        if node.tag == "a":
            target = (node.get("href") or "").strip()
            href = target if _linkable(target) else href
        elif node.tag in ("strong", "em"):
            marks |= {node.tag}
        elif kind == "meta":
            marks |= {"meta"}
        elif kind == "url":  # printed on a line of its own (display: block in the CSS)
            out.append(Break(href))
            marks |= {"url"}
        if node.text:
            out.append(Text(node.text, marks, href))
        for child in node:
            if isinstance(child.tag, str):
                if child.tag not in INLINE:
                    raise unsupported(child, f"cannot be inside <{node.tag}>")
                self.collect(child, marks, href, out)
            if child.tail:
                out.append(Text(child.tail, marks, href))

    def image(self, el: ET.Element, kind: str | None, href: str | None) -> Image:
        from .pdf import MAX_ASSET_BYTES, _resolve_asset

        src = urljoin(self.job.base_url, el.get("src", ""))
        parts = urlsplit(src)
        path = None
        if parts.scheme == "file":
            roots = [r.resolve() for r in self.job.asset_roots]
            extra = {f.resolve() for f in self.job.extra_files}
            path = _resolve_asset(Path(url2pathname(parts.path)), roots, extra)
        if path is None:
            raise unsupported(el, f"points at {src}; a template may place only its own files")
        if path.suffix.lower() not in (".png", ".jpg", ".jpeg", ".gif"):
            raise unsupported(el, f"is {path.name}; a Word document takes PNG or JPEG images")
        if path.stat().st_size > MAX_ASSET_BYTES:
            raise unsupported(el, f"is larger than {MAX_ASSET_BYTES // 2**20} MiB")
        height = self.theme.pt(".logo", "height", 14 * 72 / 25.4) * 25.4 / 72 if kind else None
        return Image(path, el.get("alt", ""), height, href)

    def emit(self, paragraph: Any, pieces: list[Piece]) -> None:
        """Runs with character styles; a link's runs go inside one real Word hyperlink."""
        for href, group in groupby(pieces, key=lambda piece: piece.href):
            parent = paragraph._p if href is None else self.hyperlink(paragraph, href)
            for piece in group:
                run = _new_run(paragraph, parent)
                if isinstance(piece, Text):
                    run.text = piece.text
                    _style_run(run, piece.marks, href)
                elif isinstance(piece, Break):
                    run.add_break()
                else:
                    self.picture(run, piece, paragraph)

    def hyperlink(self, paragraph: Any, href: str) -> Any:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import OxmlElement

        link = OxmlElement("w:hyperlink")
        link.set(_qn("r:id"), paragraph.part.relate_to(href, RT.HYPERLINK, is_external=True))
        paragraph._p.append(link)
        return link

    def picture(self, run: Any, image: Image, paragraph: Any) -> None:
        from docx.shared import Mm

        try:
            stream = io.BytesIO(image.path.read_bytes())
            height = Mm(image.height_mm) if image.height_mm else None
            shape = run.add_picture(stream, height=height)
        except Exception as exc:  # python-docx raises several kinds for unreadable images
            raise RenderError(f"docx: {image.path.name} cannot be placed: {exc}") from None
        limit = Mm(self.theme.text_width_mm)
        if shape.width > limit:
            shape.height, shape.width = int(shape.height * limit / shape.width), limit
        shape._inline.docPr.set("descr", image.alt)


def _linkable(url: str) -> bool:
    """Only the web and e-mail become links; anything else stays the words it shows."""
    try:
        return urlsplit(url).scheme.lower() in _LINKABLE
    except ValueError:  # not a URL at all (an unclosed "[" for one)
        return False


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _new_run(paragraph: Any, parent: Any) -> Any:
    from docx.oxml import OxmlElement
    from docx.text.run import Run

    if parent is paragraph._p:
        return paragraph.add_run()
    r = OxmlElement("w:r")
    parent.append(r)
    return Run(r, paragraph)


def _style_run(run: Any, marks: frozenset[str], href: str | None) -> None:
    """One character style per run; only a combination (bold inside a link) is direct."""
    by_mark = {"url": "URL", "meta": "Meta", "strong": "Strong", "em": "Emphasis"}
    style = "Hyperlink" if href else next((s for m, s in by_mark.items() if m in marks), None)
    if style:
        run.style = style
    if "strong" in marks and style != "Strong":
        run.bold = True
    if "em" in marks and style != "Emphasis":
        run.italic = True


def _row_properties(row: Any, header: bool) -> None:
    """Rows never split across pages; header rows repeat on every page."""
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


_BIDI_AFTER = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing")
_BIDI_AFTER += ("w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection")
_BIDI_AFTER += ("w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId")
_BIDI_AFTER += ("w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _set_bidi(p_pr: Any) -> None:
    from docx.oxml import OxmlElement

    p_pr.insert_element_before(OxmlElement("w:bidi"), *_BIDI_AFTER)


# --- the page frame: size, margins, header and footer ------------------------------------


def _page_setup(section: Any, theme: Theme, rtl: bool) -> None:
    """A4 and the margins of the CSS ``@page``; header and footer sit 5 mm outside the
    text as the PDF's margin boxes do."""
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    top, right, bottom, left = theme.margins_mm
    section.page_width, section.page_height = Mm(theme.page_mm[0]), Mm(theme.page_mm[1])
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.header_distance = Mm(max(top - 8, 5))
    section.footer_distance = Mm(max(bottom - 8, 5))
    if rtl:
        section._sectPr.insert_element_before(
            OxmlElement("w:bidi"), "w:rtlGutter", "w:docGrid", "w:printerSettings"
        )


def _frame(document: Any, page: Page) -> None:
    """The marking on top of every page; reference, marking and "Page X of Y" below."""
    section = document.sections[0]
    section.different_first_page_header_footer = False
    document.settings.odd_and_even_pages_header_footer = False
    header = _emptied(section.header)
    top = header.add_paragraph(style="Marking")
    top.add_run(page.marking)
    footer = _emptied(section.footer)
    bottom = footer.add_paragraph(style="Footer")
    bottom.add_run(page.reference)
    bottom.add_run().add_tab()
    bottom.add_run(page.marking, style="Marking Char")
    bottom.add_run().add_tab()
    _page_label(bottom, page.page_label)
    if page.rtl:
        for paragraph in (top, bottom):
            _set_bidi(paragraph._p.get_or_add_pPr())


def _emptied(part: Any) -> Any:
    part.is_linked_to_previous = False
    for child in list(part._element):
        part._element.remove(child)
    return part


def _page_label(paragraph: Any, label: str) -> None:
    """ "Page {page} of {pages}" in the brief's language, the numbers as Word fields."""
    try:
        parts = list(string.Formatter().parse(label))
    except ValueError as exc:
        raise RenderError(f"docx: data-page-label {label!r}: {exc}") from None
    for literal, name, _, _ in parts:
        if literal:
            paragraph.add_run(literal)
        if name is None:
            continue
        if name not in ("page", "pages"):
            raise RenderError(
                f"docx: data-page-label {label!r}: only {{page}} and {{pages}} can be filled in"
            )
        _field(paragraph, "PAGE" if name == "page" else "NUMPAGES")


def _field(paragraph: Any, instruction: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = nsdecls("w")
    for xml in (
        f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {w}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {w}><w:t>1</w:t></w:r>",  # shown until Word or LibreOffice computes it
        f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


# --- properties and bytes ---------------------------------------------------------------


def _when(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return datetime(1980, 1, 1, tzinfo=UTC)  # fixed, so the bytes still do not vary
    return moment.replace(tzinfo=moment.tzinfo or UTC).astimezone(UTC).replace(tzinfo=None)


def _fit(text: str, limit: int = 255) -> str:
    """Word keeps at most 255 characters in a document property; cut at a word."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;") + "…"


def _fit_keywords(text: str, limit: int = 255) -> str:
    """As many whole keywords as Word keeps, rather than half of the last one."""
    kept: list[str] = []
    for keyword in (k.strip() for k in text.split(",")):
        if keyword and len(", ".join([*kept, keyword])) <= limit:
            kept.append(keyword)
    return ", ".join(kept)


def _properties(document: Any, page: Page) -> None:
    """Every core property set from the page, none left to python-docx's defaults."""
    meta = page.meta
    props = document.core_properties
    props.title = _fit(page.title)
    props.subject = _fit(meta.get("description", ""))
    props.author = props.last_modified_by = _fit(meta.get("author", ""))
    props.keywords = _fit_keywords(meta.get("keywords", ""))
    props.language = page.language
    props.identifier = _fit(page.reference)
    props.comments = props.category = props.content_status = props.version = ""
    props.created = _when(meta.get("dcterms.created", ""))
    props.modified = _when(meta.get("dcterms.modified", meta.get("dcterms.created", "")))
    props.revision = 1
    printed = props._element.find(_qn("cp:lastPrinted"))
    if printed is not None:
        props._element.remove(printed)


def _app_xml(page: Page) -> bytes:
    """docProps/app.xml names make-brief, not the program that made the blank template."""
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/"
    generator = escape(page.meta.get("generator", "make-brief"))
    company = escape(page.meta.get("author", ""))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{ns}extended-properties" xmlns:vt="{ns}docPropsVTypes">'
        f"<Application>{generator}</Application><DocSecurity>0</DocSecurity>"
        f"<ScaleCrop>false</ScaleCrop><Company>{company}</Company>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def _drop_thumbnail(document: Any) -> None:
    """The blank template's preview picture would show an empty page in file browsers."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rels = document.part.package.rels
    for r_id in [r_id for r_id, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[r_id]


def stable_zip(data: bytes, replacements: dict[str, bytes]) -> bytes:
    """Rewrite the package with fixed entry times and order.

    python-docx stamps every zip entry with the current time, so two builds of the same
    brief would differ; the real dates are in docProps/core.xml anyway.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # the same bytes whichever system builds it
            info.external_attr = 0
            target.writestr(info, replacements.get(name, source.read(name)))
    return out.getvalue()


def _open_base(reference: Path | None) -> tuple[Any, bool]:
    """python-docx's blank document, or the organisation's reference emptied of content."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if reference is None:
        return docx.Document(), True
    try:
        document = docx.Document(str(reference))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise RenderError(f"docx: reference document {reference} cannot be read: {exc}") from None
    body = document.element.body
    for child in list(body):
        if child.tag != _qn("w:sectPr"):
            body.remove(child)
    return document, False


def _save(document: Any, page: Page) -> bytes:
    _drop_thumbnail(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue(), {"docProps/app.xml": _app_xml(page)})


def reference_document(job: RenderJob) -> bytes:
    """The reference document generated from the theme: every style the writer uses,
    no content. An organisation can start its own reference .docx from it in Word."""
    from .docx_styles import load_theme, prepare_styles, set_language, word_language

    document, _ = _open_base(None)
    theme = load_theme(job.asset_roots)
    page = read_page(job.html)
    _page_setup(document.sections[0], theme, page.rtl)
    prepare_styles(document, theme, generated=True)
    set_language(document, word_language(page.language), page.rtl)
    _frame(document, page)
    _properties(document, page)
    return _save(document, page)


class DocxWriter:
    name = "docx"
    suffix = ".docx"

    def render(self, job: RenderJob) -> bytes:
        from .docx_styles import load_theme, prepare_styles, set_language, word_language

        page = read_page(job.html)
        theme = load_theme(job.asset_roots)
        document, generated = _open_base(job.reference_docx)
        if generated:
            _page_setup(document.sections[0], theme, page.rtl)
        numbering = prepare_styles(document, theme, generated=generated)
        set_language(document, word_language(page.language), page.rtl)
        Builder(document, job, page, theme, numbering).build()
        _frame(document, page)
        _properties(document, page)
        return _save(document, page)
