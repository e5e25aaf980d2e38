"""The HTML subset the DOCX writer supports, and the Word style each part becomes.

docs/template-authors.md documents exactly these elements and classes (a test holds the
two together). Anything outside them is refused with an error that names it, because an
element the writer skipped would be in the PDF and silently missing from the Word file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from ...errors import RenderError

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


def element_class(el: ET.Element) -> str | None:
    """The one class ``el`` carries, if any, once its classes and attributes are checked."""
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


def child_elements(parent: ET.Element) -> Iterator[ET.Element]:
    """Child elements, skipping comments, with stray text refused (it would be lost)."""
    if (parent.text or "").strip():
        raise unsupported(parent, f"holds text outside its items: {parent.text.strip()[:40]!r}")
    for child in parent:
        if isinstance(child.tag, str):
            yield child
        if (child.tail or "").strip():
            raise unsupported(parent, f"holds text outside its items: {child.tail.strip()[:40]!r}")


def only(children: Iterable[ET.Element], tags: set[str], why: str) -> Iterator[ET.Element]:
    """``children`` one at a time, each refused with ``why`` unless it is one of ``tags``.

    Lazy, so a structure is checked in the same order as it is written.
    """
    for child in children:
        if child.tag not in tags:
            raise unsupported(child, why)
        element_class(child)
        yield child
