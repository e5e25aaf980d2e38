"""The HTML subset the DOCX writer supports: its elements, and the errors for the rest.

docs/template-authors.md documents exactly these elements (a test holds the two
together). What a template's classes become is not here: each template set declares its
own in its word-styles file (wordstyles.py). Anything outside the subset is refused with
an error that names it, because an element the writer skipped would be in the PDF and
silently missing from the Word file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from xml.etree import ElementTree as ET

from ...errors import RenderError

SUBSET = "the HTML subset the DOCX writer supports (see docs/template-authors.md)"

#: Elements that only hold other blocks; they have no look of their own in Word.
CONTAINERS = frozenset({"header", "main", "section", "div"})
HEADINGS = frozenset({"h1", "h2", "h3"})
LISTS = frozenset({"ul", "ol"})
BLOCKS = CONTAINERS | HEADINGS | LISTS | {"p", "table", "dl"}
INLINE = frozenset({"strong", "em", "a", "span", "br", "img"})
#: The parts of lists, tables and definition lists, only ever inside them.
PARTS = frozenset({"li", "thead", "tbody", "tfoot", "tr", "th", "td", "dt", "dd"})
ELEMENTS = BLOCKS | INLINE | PARTS
HEAD = frozenset({"title", "meta", "link", "style"})

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


def check_attributes(el: ET.Element) -> None:
    """Refuse the attributes Word could not follow."""
    if "style" in el.attrib:
        raise unsupported(el, "has a style attribute, which Word cannot follow; use a class")
    for span in ("colspan", "rowspan"):
        if el.get(span, "1").strip() != "1":
            raise unsupported(el, f"spans cells ({span}), which the DOCX writer does not support")


def child_elements(parent: ET.Element) -> Iterator[ET.Element]:
    """Child elements, skipping comments, with stray text refused (it would be lost)."""
    if (parent.text or "").strip():
        raise unsupported(parent, f"holds text outside its items: {parent.text.strip()[:40]!r}")
    for child in parent:
        if isinstance(child.tag, str):
            yield child
        if (child.tail or "").strip():
            raise unsupported(parent, f"holds text outside its items: {child.tail.strip()[:40]!r}")


def only(
    children: Iterable[ET.Element],
    tags: set[str],
    why: str,
    check: Callable[[ET.Element], object],
) -> Iterator[ET.Element]:
    """``children`` one at a time, each refused with ``why`` unless it is one of ``tags``,
    and each passed to ``check`` (which refuses a class the set does not declare).

    Lazy, so a structure is checked in the same order as it is written.
    """
    for child in children:
        if child.tag not in tags:
            raise unsupported(child, why)
        check(child)
        yield child
