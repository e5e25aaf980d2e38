"""The book as one Word document: a cover, a contents field, then every brief's body.

Each brief is written by the DOCX writer exactly as a build writes it alone (with the
fit its PDF chose), and its body appended by docxcompose, which carries its styles,
numbering, images and relationships across. Each brief is a Word section of its own,
starting on a new page, whose header says the book's title and the brief's marking and
whose footer numbers the page over the whole book (PAGE of NUMPAGES).

The contents are a real TOC field, so Word numbers them itself when it updates fields
(it is asked to on opening); until then they show the numbers of the PDF, so a reader
of a converted or previewed file (LibreOffice does not update the field) sees the same
numbers as in the PDF. For Word's navigation pane, the outline nests section > brief >
heading: each brief's title and headings are given outline levels two deeper (one in a
book without sections), and each section is a hidden one-line paragraph at level 1.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from copy import deepcopy
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..content.config import Config
    from .front import Front
    from .load import LoadedBook
    from .pdf import BookPdf

#: Word's built-in TOC field over outline levels 1-2 (sections and briefs), as links.
TOC_FIELD = ' TOC \\o "1-2" \\h \\z \\u '

#: The namespace python-docx binds to ``cp`` (docProps/core.xml).
CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def book_docx(
    loaded: LoadedBook, marking: str, config: Config, front: Front, pdf: BookPdf
) -> bytes:
    with _docxcompose_namespaces():
        return _book_docx(loaded, marking, config, front, pdf)


@contextmanager
def _docxcompose_namespaces() -> Iterator[None]:
    """docxcompose, when imported, rebinds python-docx's global prefix ``cp`` from the
    core properties' namespace to the custom properties' (docxcompose/utils.py,
    ``nsmap.update``): every DOCX written after it in the same process, the briefs' too,
    would carry a core.xml Word cannot read. The prefix is given back when the book is
    bound, whatever happens."""
    try:
        yield
    finally:
        _core_namespace()


def _book_docx(
    loaded: LoadedBook, marking: str, config: Config, front: Front, pdf: BookPdf
) -> bytes:
    from docx import Document
    from docxcompose.composer import Composer

    _core_namespace()  # the parts' own DOCX are written as every brief's is

    from ..render.formats import formats_named

    writer = formats_named(("docx",))[0].load_writer()
    parts = [Document(io.BytesIO(writer.render(job).data)) for job in pdf.jobs]
    master = Document(io.BytesIO(writer.render(pdf.jobs[0]).data))
    body = master.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    shift = 2 if loaded.book.sections is not None else 1
    _front(master, loaded, marking, front, pdf)
    composer = Composer(master)
    for index, (part, doc) in enumerate(zip(loaded.parts, parts, strict=True)):
        _outline(doc, shift)
        if loaded.book.sections is not None and (
            index == 0 or loaded.parts[index - 1].loc[:2] != part.loc[:2]
        ):
            _hidden_heading(doc, part.section or "")
        _section_break(master)
        with _custom_namespace():
            composer.append(doc)
    _headers(master, loaded, marking, front)
    _settings(master)
    _unmark_fields(master)
    return _save(master, loaded, marking, front)


@contextmanager
def _custom_namespace() -> Iterator[None]:
    """``cp`` bound as docxcompose needs it (its custom properties), while it composes."""
    from docx.oxml.ns import nsmap
    from docxcompose.utils import NS

    nsmap["cp"] = NS["cp"]
    try:
        yield
    finally:
        _core_namespace()


def _core_namespace() -> None:
    """python-docx's own binding of the prefix ``cp``, which docxcompose overwrote."""
    from docx.oxml.ns import nsmap

    nsmap["cp"] = CORE_PROPERTIES


def _unmark_fields(doc: Any) -> None:
    """A book is no brief's DOCX: the bookmarks that tell ``make-brief import`` which
    field a paragraph prints (each brief's, so their names repeat) and the first brief's
    source properties are taken out. ``make-brief import`` edits briefs, not books."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    body = doc.element.body
    ids = set()
    for start in list(body.iter(_qn("w:bookmarkStart"))):
        if (start.get(_qn("w:name")) or "").startswith("_mb_"):
            ids.add(start.get(_qn("w:id")))
            start.getparent().remove(start)
    for end in list(body.iter(_qn("w:bookmarkEnd"))):
        if end.get(_qn("w:id")) in ids:
            end.getparent().remove(end)
    rels = doc.part.package.rels
    for key in [k for k, rel in rels.items() if rel.reltype == RT.CUSTOM_PROPERTIES]:
        rels.pop(key)


# --- the cover and the contents ------------------------------------------------------------


def _front(doc: Any, loaded: LoadedBook, marking: str, front: Front, pdf: BookPdf) -> None:
    from docx.enum.text import WD_BREAK

    from ..content.markdown import to_plain

    book, labels = loaded.book, front.labels
    _para(doc, marking, "Marking")
    if front.config.organisation:
        _para(doc, front.config.organisation, "Organisation Name")
    _para(doc, labels["briefing_book"], "Document Type")
    _para(doc, book.title, "Title")
    if book.subtitle:
        _para(doc, book.subtitle, "Subtitle")
    rows = [
        (labels["reference"], book.reference),
        (labels["date"], front.base["date"]),
        (labels["to"], book.to),
        (labels["from"], book.from_),
        (labels["marking"], marking),
    ]
    for label, value in rows:
        if value:
            _para(doc, f"{label}: {value}")
    if book.cover_note:
        for line in to_plain(book.cover_note).split("\n\n"):
            _para(doc, line)
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    _para(doc, labels["contents"], "Document Type")
    _toc(doc, loaded, pdf)


def _toc(doc: Any, loaded: LoadedBook, pdf: BookPdf) -> None:
    """The TOC field, its result the PDF's contents: sections at level 1, briefs at 2."""
    lines: list[tuple[int, str, int]] = []
    for index, (part, start) in enumerate(zip(loaded.parts, pdf.starts, strict=True)):
        first = index == 0 or loaded.parts[index - 1].loc[:2] != part.loc[:2]
        if part.section is not None and first:
            lines.append((1, part.section, start))
        lines.append((2 if part.section is not None else 1, part.title, start))
    width = _text_width(doc)
    for level in (1, 2):
        _toc_style(doc, level, width)
    for index, (level, text, page) in enumerate(lines):
        p = doc.add_paragraph(style=f"TOC {level}")._p
        if index == 0:
            p.extend([_fld("begin"), _instr(TOC_FIELD), _fld("separate")])
        p.extend([_run(text), _run(None, tab=True), _run(str(page))])
        if index == len(lines) - 1:
            p.append(_fld("end"))


def _toc_style(doc: Any, level: int, width: int) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Pt, Twips

    name = f"TOC {level}"
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
    fmt = style.paragraph_format
    fmt.left_indent = Pt(0 if level == 1 else 12)
    fmt.space_before = Pt(8 if level == 1 else 2)
    style.font.bold = level == 1
    fmt.tab_stops.add_tab_stop(Twips(width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def _text_width(doc: Any) -> int:
    section = doc.sections[-1]
    return int((section.page_width - section.left_margin - section.right_margin) / 635)


# --- the outline, for the navigation pane ---------------------------------------------------


def _outline(doc: Any, shift: int) -> None:
    """Each heading one or two levels deeper, the brief's title just above them."""
    levels = _style_levels(doc)
    for p in doc.element.body.iter(_qn("w:p")):
        style = p.find(f"{_qn('w:pPr')}/{_qn('w:pStyle')}")
        style_id = style.get(_qn("w:val")) if style is not None else None
        if style_id == "Title":
            _set_level(p, shift - 1)
        elif style_id in levels:
            _set_level(p, min(levels[style_id] + shift, 8))


def _style_levels(doc: Any) -> dict[str, int]:
    """Style id -> outline level (0-based) of the paragraph styles that have one."""
    by_id = {s.style_id: s for s in doc.styles if s.type == 1}
    found = {}
    for style_id, style in by_id.items():
        seen, current = set(), style
        while current is not None and current.style_id not in seen:
            seen.add(current.style_id)
            lvl = current.element.find(f"{_qn('w:pPr')}/{_qn('w:outlineLvl')}")
            if lvl is not None:
                value = int(lvl.get(_qn("w:val")))
                if value < 9:
                    found[style_id] = value
                break
            current = current.base_style
    return found


def _set_level(p: Any, level: int) -> None:
    ppr = p.get_or_add_pPr()
    old = ppr.find(_qn("w:outlineLvl"))
    if old is not None:
        ppr.remove(old)
    el = _el("w:outlineLvl", val=str(level))
    # Schema order: outlineLvl comes late in pPr, before rPr/sectPr/pPrChange.
    tail = next(
        (c for c in ppr if c.tag in {_qn("w:rPr"), _qn("w:sectPr"), _qn("w:pPrChange")}), None
    )
    if tail is not None:
        tail.addprevious(el)
    else:
        ppr.append(el)


def _hidden_heading(doc: Any, text: str) -> None:
    """A section's entry in the outline: at level 1, hidden, taking no space."""
    body = doc.element.body
    p = _el("w:p")
    ppr = _el("w:pPr")
    spacing = _el("w:spacing", before="0", after="0", line="20", lineRule="exact")
    ppr.append(spacing)
    ppr.append(_el("w:outlineLvl", val="0"))
    rpr = _el("w:rPr")
    rpr.append(_el("w:vanish"))
    rpr.append(_el("w:sz", val="2"))
    ppr.append(rpr)
    p.append(ppr)
    p.append(_run(text, vanish=True))
    body.insert(0, p)


# --- sections, headers and footers ------------------------------------------------------------


def _section_break(doc: Any) -> None:
    """End the section so far with a copy of the document's page setup: a new page."""
    body = doc.element.body
    last = body[-1] if len(body) else None
    final = body.find(_qn("w:sectPr"))
    sect = deepcopy(final)
    for ref in list(sect):
        if ref.tag in {_qn("w:headerReference"), _qn("w:footerReference")}:
            sect.remove(ref)
    p = _el("w:p")
    ppr = _el("w:pPr")
    ppr.append(sect)
    p.append(ppr)
    if last is not None and last.tag == _qn("w:sectPr"):
        last.addprevious(p)
    else:
        body.append(p)


def _headers(doc: Any, loaded: LoadedBook, marking: str, front: Front) -> None:
    markings = [marking, *(part.marking for part in loaded.parts)]
    words = [front.labels["page_x_of_y"]] + [
        p.prepared.context["labels"].get("page_x_of_y") or front.labels["page_x_of_y"]
        for p in loaded.parts
    ]
    for section, mark, label in zip(doc.sections, markings, words, strict=True):
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        header = section.header
        _fill(header, _style_or_none(doc, "Header"))
        hp = header.paragraphs[0]
        hp._p.append(_run(loaded.book.title))
        hp._p.append(_run(None, tab=True))
        hp._p.append(_run(mark, bold=True))
        footer = section.footer
        _fill(footer, _style_or_none(doc, "Footer"))
        fp = footer.paragraphs[0]
        fp._p.append(_run(None, tab=True))
        fp._p.append(_run(mark, bold=True))
        fp._p.append(_run(None, tab=True))
        for bit in _split(label):
            if bit in ("{page}", "{pages}"):
                name = "PAGE" if bit == "{page}" else "NUMPAGES"
                for el in (
                    _fld("begin"),
                    _instr(f" {name} "),
                    _fld("separate"),
                    _run("1"),
                    _fld("end"),
                ):
                    fp._p.append(el)
            else:
                fp._p.append(_run(bit))


def _fill(part: Any, style: Any) -> None:
    for p in list(part.paragraphs)[1:]:
        p._p.getparent().remove(p._p)
    p = part.paragraphs[0]
    for child in list(p._p):
        p._p.remove(child)
    if style is not None:
        p.style = style


def _style_or_none(doc: Any, name: str) -> Any:
    try:
        return doc.styles[name]
    except KeyError:
        return None


def _split(label: str) -> list[str]:
    import re

    return [bit for bit in re.split(r"(\{page\}|\{pages\})", label) if bit]


def _settings(doc: Any) -> None:
    """Ask Word to update the fields (the contents' numbers) when it opens the book."""
    settings = doc.settings.element
    old = settings.find(_qn("w:updateFields"))
    if old is None:
        settings.append(_el("w:updateFields", val="true"))


def _save(doc: Any, loaded: LoadedBook, marking: str, front: Front) -> bytes:
    from ..render.docx.package import properties, save
    from ..render.docx.page import read_page

    # The cover's HTML holds the book's title, language, marking and dates, as the
    # PDF's metadata has them.
    page = read_page(front.cover())
    properties(doc, page)
    return save(doc, page)


# --- small XML helpers ------------------------------------------------------------------------


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement

    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(_qn(f"w:{key}"), value)
    return el


def _run(text: str | None, *, tab: bool = False, bold: bool = False, vanish: bool = False) -> Any:
    r = _el("w:r")
    if bold or vanish:
        rpr = _el("w:rPr")
        if bold:
            rpr.append(_el("w:b"))
        if vanish:
            rpr.append(_el("w:vanish"))
        r.append(rpr)
    if tab:
        r.append(_el("w:tab"))
    if text is not None:
        t = _el("w:t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r.append(t)
    return r


def _fld(kind: str) -> Any:
    r = _el("w:r")
    r.append(_el("w:fldChar", fldCharType=kind))
    return r


def _instr(text: str) -> Any:
    r = _el("w:r")
    t = _el("w:instrText")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


def _para(doc: Any, text: str, style: str | None = None) -> Any:
    found = _style_or_none(doc, style) if style else None
    p = doc.add_paragraph(style=found)
    p._p.append(_run(text))
    return p
