"""A DOCX read back as make-brief sees it: paragraphs in document order, each with the
content fields whose bookmarks hold it, its style, its text as the content format writes
it, and what it holds that the format cannot (an image, underlining); tables; comments;
tracked changes still pending.

Pending tracked changes are read as if accepted (an insertion's text is kept, a
deletion's dropped) and each is listed, so that the analyst reviews them.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..errors import ContentError, Problem
from ..render.docx.fields import field_path
from .runs import Run, markdown_of, plain_of

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
Path_ = tuple[str | int, ...]
#: The XML of a brief is a few hundred kilobytes; more, unpacked, is not a brief.
MAX_XML_BYTES = 64 * 2**20


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Para:
    """One paragraph of the body or of a table cell."""

    index: int  # in document order
    fields: list[Path_]  # the fields whose bookmarks hold it, outermost first
    style: str  # the paragraph style's name ("Normal" when none)
    runs: list[Run]
    numbered: bool  # Word numbers it (a list paragraph)
    table: int | None = None  # the table it is in (an index into Docx.tables)
    problems: list[str] = field(default_factory=list)  # what the format cannot hold
    page: int = 1  # as far as the file says (page breaks and Word's rendered breaks)
    emptied: list[Path_] = field(default_factory=list)  # fields here that hold no word

    @property
    def text(self) -> str:
        return plain_of(self.runs)

    @property
    def markdown(self) -> str:
        return markdown_of(self.runs)

    @property
    def inner(self) -> Path_ | None:
        return self.fields[-1] if self.fields else None


@dataclass
class Table:
    rows: list[list[list[Para]]]  # rows of cells of paragraphs
    fields: set[Path_]  # every field bookmarked inside it


@dataclass
class Comment:
    author: str
    text: str
    para: int | None  # the paragraph it sits on


@dataclass
class Docx:
    properties: dict[str, str]
    paras: list[Para]
    tables: list[Table]
    comments: list[Comment]
    changes: list[tuple[int, str]]  # (paragraph, what a pending change does)
    names: set[Path_]  # every field bookmarked anywhere
    repeated: set[str]  # bookmark names met twice: several briefs in one document


def read_docx(name: str, data: bytes) -> Docx:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            wanted = [i for i in package.infolist() if i.filename.endswith((".xml", ".rels"))]
            if sum(i.file_size for i in wanted) > MAX_XML_BYTES:  # a zip bomb, not a brief
                raise ContentError([Problem(name, message="is too large to be a brief")])
            parts = {
                n: package.read(n) for n in package.namelist() if n.endswith((".xml", ".rels"))
            }
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise ContentError([Problem(name, message=f"is not a Word document: {exc}")]) from None
    if "word/document.xml" not in parts:
        raise ContentError([Problem(name, message="is not a Word document (no word/document.xml)")])
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        body = etree.fromstring(parts["word/document.xml"], parser).find(w("body"))
        styles = _style_names(parts.get("word/styles.xml"), parser)
        links = _links(parts.get("word/_rels/document.xml.rels"), parser)
        properties = _properties(parts.get("docProps/custom.xml"), parser)
        notes = _comments(parts.get("word/comments.xml"), parser)
    except etree.XMLSyntaxError as exc:
        raise ContentError(
            [Problem(name, message=f"is not a readable Word document: {exc}")]
        ) from None
    walker = _Walker(styles, links)
    if body is not None:
        walker.walk(body)
    comments = [
        Comment(author, text, walker.comment_at.get(cid)) for cid, (author, text) in notes.items()
    ]
    return Docx(
        properties,
        walker.paras,
        walker.tables,
        comments,
        walker.changes,
        walker.names,
        walker.repeated,
    )


class _Walker:
    """One pass in document order, following which bookmarks are open."""

    def __init__(self, styles: dict[str, str], links: dict[str, str]) -> None:
        self.styles = styles
        self.links = links
        self.paras: list[Para] = []
        self.tables: list[Table] = []
        self.changes: list[tuple[int, str]] = []
        self.comment_at: dict[str, int] = {}
        self.names: set[Path_] = set()
        self.open: dict[str, Path_] = {}  # bookmark id -> field, in the order opened
        self.by_name: dict[str, str] = {}  # open bookmarks: name -> id
        self.name_of: dict[str, str] = {}
        self.alias: dict[str, str] = {}  # a second id for an open bookmark -> its first
        self.seen: set[str] = set()
        self.repeated: set[str] = set()  # names met again after they closed
        self.page = 1
        self._table: list[int] = []

    def walk(self, parent: Any) -> None:
        for child in parent:
            tag = child.tag
            if tag == w("p"):
                self.paragraph(child)
            elif tag == w("tbl"):
                self.table(child)
            elif tag == w("bookmarkStart"):
                self.start(child)
            elif tag == w("bookmarkEnd"):
                self.end(child)
            elif tag in (w("sdt"), w("sdtContent"), w("customXml"), w("ins"), w("moveTo")):
                self.walk(child)

    def start(self, el: Any) -> Path_ | None:
        name = el.get(w("name"), "")
        path = field_path(name)
        if path is None:
            return None
        self.names.add(path)
        if name in self.seen and name not in self.by_name:
            self.repeated.add(name)  # closed earlier: a second brief's field of that name
        self.seen.add(name)
        if name in self.by_name:
            # LibreOffice writes one bookmark as a start and, later, a second start and
            # end of the same name: one bookmark, which that end closes.
            self.alias[el.get(w("id"))] = self.by_name[name]
            return None
        self.open[el.get(w("id"))] = path
        self.by_name[name] = el.get(w("id"))
        self.name_of[el.get(w("id"))] = name
        return path

    def end(self, el: Any) -> Path_ | None:
        bid = self.alias.pop(el.get(w("id")), el.get(w("id")))
        self.by_name.pop(self.name_of.pop(bid, ""), None)
        return self.open.pop(bid, None)

    def table(self, tbl: Any) -> None:
        number = len(self.tables)
        table = Table([], set())
        self.tables.append(table)
        self._table.append(number)
        before = set(self.names)
        for tr in tbl.iter(w("tr")):
            if _deleted_row(tr):
                continue
            row: list[list[Para]] = []
            for tc in tr.findall(w("tc")):
                first = len(self.paras)
                self.walk(tc)
                row.append(self.paras[first:])
            table.rows.append(row)
        self._table.pop()
        table.fields = {n for n in self.names if n not in before} | {
            f for row in table.rows for cell in row for p in cell for f in p.fields
        }

    def paragraph(self, p: Any) -> None:
        index = len(self.paras)
        ppr = p.find(w("pPr"))
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        numbered = ppr is not None and ppr.find(w("numPr")) is not None
        if ppr is not None and ppr.find(w("pageBreakBefore")) is not None and index:
            self.page += 1
        style = self.styles.get(style_id or "", style_id or "Normal")
        if style.lower().startswith(("heading", "title")) and not any(
            field_path(b.get(w("name"), "")) for b in p.iter(w("bookmarkStart"))
        ):
            # A heading of the template's own is in no field: a bookmark still open here
            # lost its end with a deleted paragraph, and must not swallow what follows.
            self.open.clear()
            self.by_name.clear()
        fields = list(self.open.values())
        here: dict[str, tuple[Path_, int]] = {}  # bookmarks opened in it: field, text so far
        para = Para(
            index, fields, self.styles.get(style_id or "", style_id or "Normal"), [], numbered
        )
        para.table = self._table[-1] if self._table else None
        para.page = self.page
        self.paras.append(para)
        self._inline(p, para, here, href=None, inserted=False)

    def _inline(
        self, parent: Any, para: Para, here: dict, href: str | None, inserted: bool
    ) -> None:
        for el in parent:
            tag = el.tag
            if tag == w("bookmarkStart"):
                path = self.start(el)
                if path is not None:
                    para.fields.append(path)
                    here[el.get(w("id"))] = (path, len(para.text))
            elif tag == w("bookmarkEnd"):
                bid = self.alias.get(el.get(w("id")), el.get(w("id")))
                path = self.end(el)
                opened = here.get(bid)
                # A bookmark that holds no text of this paragraph (collapsed where a
                # deleted paragraph was, or ended before its first word) is not its field.
                empty = not para.text if opened is None else opened[1] == len(para.text)
                if path is not None and empty and path in para.fields:
                    para.fields.remove(path)
                    para.emptied.append(path)
            elif tag == w("r"):
                self._run(el, para, href, inserted)
            elif tag == w("hyperlink"):
                rid = el.get(f"{{{R}}}id")
                target = self.links.get(rid or "") or (
                    ("#" + el.get(w("anchor"))) if el.get(w("anchor")) else None
                )
                self._inline(el, para, here, target, inserted)
            elif tag in (w("ins"), w("moveTo")):
                text = "".join(t.text or "" for t in el.iter(w("t")))
                author = el.get(w("author"), "someone")
                self.changes.append((para.index, f"insertion by {author}: {text!r}, kept"))
                self._inline(el, para, here, href, True)
            elif tag in (w("del"), w("moveFrom")):
                text = "".join(t.text or "" for t in el.iter(w("delText")))
                author = el.get(w("author"), "someone")
                self.changes.append((para.index, f"deletion by {author}: {text!r}, applied"))
            elif tag == w("commentRangeStart"):
                self.comment_at.setdefault(el.get(w("id")), para.index)
            elif tag in (w("smartTag"), w("customXml"), w("sdt"), w("sdtContent"), w("fldSimple")):
                self._inline(el, para, here, href, inserted)
            elif tag in (w("oMath"), w("oMathPara")):
                para.problems.append("an equation")

    def _run(self, r: Any, para: Para, href: str | None, inserted: bool) -> None:
        rpr = r.find(w("rPr"))
        bold = _on(rpr, "b")
        italic = _on(rpr, "i")
        style = self.styles.get(_val(rpr, "rStyle") or "", "") if rpr is not None else ""
        # Word's Strong and Emphasis; LibreOffice's "Strong Emphasis" and the like.
        if "Strong" in style:
            bold = True
        elif "Emphasis" in style:
            italic = True
        if rpr is not None:
            for tag, what in (("u", "underlining"), ("strike", "strikethrough"),
                              ("highlight", "highlighting"), ("vertAlign", "superscript or subscript")):  # fmt: skip
                el = rpr.find(w(tag))
                if (
                    el is not None
                    and el.get(w("val"), "true")
                    not in (
                        "none",
                        "false",
                        "0",
                        "baseline",
                    )
                    and not (tag == "u" and href)
                ):  # a link's own underline
                    para.problems.append(what)
        for el in r:
            if el.tag == w("t"):
                para.runs.append(Run(el.text or "", bold, italic, href, style))
            elif el.tag == w("tab"):
                para.runs.append(Run("\t", bold, italic, href))
            elif el.tag in (w("br"), w("cr")):
                if el.get(w("type")) == "page":
                    self.page += 1
                else:
                    para.runs.append(Run("\n", False, False, href))
            elif el.tag == w("lastRenderedPageBreak"):
                self.page += 1
            elif el.tag in (w("drawing"), w("pict"), w("object")):
                para.problems.append("an image")
            elif el.tag == w("commentReference"):
                self.comment_at.setdefault(el.get(w("id")), para.index)


def _deleted_row(tr: Any) -> bool:
    trpr = tr.find(w("trPr"))
    return trpr is not None and trpr.find(w("del")) is not None


def _val(parent: Any, tag: str) -> str | None:
    if parent is None:
        return None
    el = parent.find(w(tag))
    return None if el is None else el.get(w("val"))


def _on(rpr: Any, tag: str) -> bool:
    if rpr is None:
        return False
    el = rpr.find(w(tag))
    return el is not None and el.get(w("val"), "true") not in ("false", "0", "off")


def _style_names(xml: bytes | None, parser: Any) -> dict[str, str]:
    if xml is None:
        return {}
    names = {}
    for style in etree.fromstring(xml, parser).iter(w("style")):
        name = style.find(w("name"))
        text = name.get(w("val"), "") if name is not None else ""
        # Word's own names are lower case in the file ("heading 1"), and LibreOffice
        # writes them capitalised: one spelling for both.
        names[style.get(w("styleId"), "")] = text[:1].upper() + text[1:]
    return names


def _links(xml: bytes | None, parser: Any) -> dict[str, str]:
    if xml is None:
        return {}
    ns = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
    return {
        rel.get("Id"): rel.get("Target")
        for rel in etree.fromstring(xml, parser).iter(ns)
        if rel.get("Type", "").endswith("/hyperlink")
    }


def _properties(xml: bytes | None, parser: Any) -> dict[str, str]:
    if xml is None:
        return {}
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"
    return {
        prop.get("name", ""): "".join(prop.itertext()).strip()
        for prop in etree.fromstring(xml, parser).iter(ns)
    }


def _comments(xml: bytes | None, parser: Any) -> dict[str, tuple[str, str]]:
    if xml is None:
        return {}
    out = {}
    for comment in etree.fromstring(xml, parser).iter(w("comment")):
        paragraphs = ["".join(t.text or "" for t in p.iter(w("t"))) for p in comment.iter(w("p"))]
        out[comment.get(w("id"), "")] = (
            comment.get(w("author"), "someone"),
            " ".join(paragraphs).strip(),
        )
    return out
