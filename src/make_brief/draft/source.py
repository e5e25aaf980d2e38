"""Read the text to draft from: a local .txt, .md or .html file, or standard input.

Only local bytes are read. HTML is parsed with lxml with its network access off, and
reduced to the main text of the page (the article, without navigation, header, footer,
scripts or related links); Markdown loses its markup. The result is plain text with one
blank line between paragraphs, and a title when the format marks one (<h1>, <title>, "# ").
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import UsageError
from .lexicon import word_set
from .text import normalize

#: Largest source accepted: a news item is a few kilobytes; a web page with its scripts
#: rarely passes a few hundred.
MAX_SOURCE_BYTES = 5 * 1024 * 1024
#: Longest text drafted from, once the markup is gone: a long report is 100,000
#: characters. The rules are not all linear in the length of a paragraph, and the NER
#: model refuses more than a million characters.
MAX_SOURCE_CHARS = 300_000

SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
SUFFIXES |= {".html": "html", ".htm": "html", ".xhtml": "html"}

_DROP_TAGS = sorted(
    word_set(
        "script style noscript template svg math iframe object embed form button input select "
        "textarea nav header footer aside figure figcaption picture video audio canvas"
    )
)
_BOILERPLATE = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumbs?|footer|header|masthead|sidebar|related|share|"
    r"social|cookie|banner|subscribe|newsletter|comments?|skip|pagination|tags|toolbar|"
    r"search|promo|advert|ads)($|[\s_-])",
    re.IGNORECASE,
)
_BLOCKS = word_set("p h1 h2 h3 h4 h5 h6 li blockquote dd dt td th pre address caption")


@dataclass(frozen=True)
class Source:
    """A source reduced to plain text."""

    name: str  # the path as given, or "<stdin>"
    text: str  # paragraphs separated by one blank line
    title: str | None  # the title the markup gives, if any
    kind: str  # "text", "markdown" or "html"


def read_source(spec: str | Path, stdin: BinaryIO | None = None) -> Source:
    """The source named on the command line: a path, or "-" for standard input."""
    if str(spec) == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        raw = stream.read(MAX_SOURCE_BYTES + 1)
        return source_from_bytes(raw, "<stdin>", None)
    path = Path(spec)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise UsageError(f"{path}: not a file")
        if size > MAX_SOURCE_BYTES:
            raise UsageError(f"{path}: larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MiB")
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    kind = SUFFIXES.get(path.suffix.lower())
    return source_from_bytes(raw, str(path), kind)


def source_from_bytes(raw: bytes, name: str, kind: str | None) -> Source:
    """Decode and reduce; ``kind`` None sniffs HTML and Markdown (standard input)."""
    if len(raw) > MAX_SOURCE_BYTES:
        raise UsageError(f"{name}: larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MiB")
    if kind is None:
        kind = _sniff(raw)
    if kind == "html":
        text, title = html_to_text(raw)
    else:
        try:
            decoded = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UsageError(
                f"{name}: not UTF-8 text (byte {exc.start}); save it as UTF-8"
            ) from None
        text, title = markdown_to_text(decoded) if kind == "markdown" else (decoded, None)
    text = normalize(text)
    if not text.strip():
        raise UsageError(f"{name}: no text to draft from")
    if len(text) > MAX_SOURCE_CHARS:
        raise UsageError(
            f"{name}: {len(text):,} characters of text; make-brief draft reads news items and "
            f"reports of at most {MAX_SOURCE_CHARS:,}: draft from the part about the meeting"
        )
    return Source(name, text, normalize(title) if title else None, kind)


def _sniff(raw: bytes) -> str:
    head = raw[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or re.search(
        rb"<(body|p|div|article|h1)[\s>]", head
    ):
        return "html"
    if re.search(rb"(?m)^#{1,6} \S|\*\*\S|\]\(https?://", raw[:4096]):
        return "markdown"
    return "text"


def html_to_text(raw: bytes) -> tuple[str, str | None]:
    """The main text of a page and its title.

    The main element is the page's only <article>, else <main>, else the element whose own
    paragraphs hold the most text: the usual shape of a news page, without the weight of a
    general-purpose boilerplate remover.
    """
    import lxml.html

    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, recover=True
    )
    try:
        document = lxml.html.document_fromstring(raw, parser=parser)
    except Exception:  # lxml raises ParserError on empty or binary input
        return "", None
    page_title = document.findtext(".//title")
    heading = document.find(".//h1")  # before headers are dropped: many hold the <h1>
    title = _clean(heading.text_content()) if heading is not None else None
    for element in list(document.iter(*_DROP_TAGS)):
        _drop(element)
    for element in list(document.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        marks = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
        if (
            element.tag not in ("html", "body", "main", "article")
            and _BOILERPLATE.search(marks)
            and element.find(".//article") is None
            and element.find(".//main") is None
        ):
            _drop(element)
    root = _main_element(document)
    if not title and page_title:
        title = re.split(r"\s+[|–—-]\s+", _clean(page_title))[0] or None
    blocks: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _BLOCKS and not _inside_block(element, root):
            text = _clean(element.text_content())
            if text:
                blocks.append(text)
        elif element.tag == "div" and element.text and element.text.strip():
            blocks.append(_clean(element.text))
    if not blocks:
        blocks = [_clean(root.text_content())]
    return "\n\n".join(b for b in blocks if b), title


def _drop(element: object) -> None:
    parent = element.getparent()  # type: ignore[attr-defined]
    if parent is not None:
        element.drop_tree()  # type: ignore[attr-defined]


def _inside_block(element: object, root: object) -> bool:
    parent = element.getparent()  # type: ignore[attr-defined]
    while parent is not None and parent is not root:
        if parent.tag in _BLOCKS:
            return True
        parent = parent.getparent()
    return False


def _main_element(document: object) -> object:
    for xpath in ("//article", "//main", "//*[@role='main']"):
        found = document.xpath(xpath)  # type: ignore[attr-defined]
        if len(found) == 1:
            return found[0]
    best, best_score = document.find("body"), 0  # type: ignore[attr-defined]
    for element in document.iter("div", "section", "td"):  # type: ignore[attr-defined]
        score = sum(len(p.text_content()) for p in element.findall("p"))
        if score > best_score:
            best, best_score = element, score
    return best if best is not None else document


def _clean(text: str) -> str:
    return " ".join(text.split())


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")


def markdown_to_text(text: str) -> tuple[str, str | None]:
    """Markdown without its markup; the first "# " heading is the title."""
    title = None
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        heading = re.match(r"\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if heading:
            content = _inline(heading.group(2))
            if title is None and heading.group(1) == "#":
                title = content
                continue
            lines.extend(["", content, ""])
            continue
        line = re.sub(r"^\s{0,3}>\s?", "", line)  # quotes
        if re.fullmatch(r"\s*([-*_])(\s*\1){2,}\s*", line):  # thematic break
            lines.append("")
            continue
        bullet = re.match(r"\s*(?:[-*+]|\d+[.)])\s+(.*)", line)
        if bullet:  # a list item is a paragraph of its own
            lines.extend(["", _inline(bullet.group(1)), ""])
            continue
        lines.append(_inline(line))
    return "\n".join(lines), title


def _inline(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    previous = None
    while previous != text:
        previous, text = text, _MD_EMPHASIS.sub(r"\2", text)
    return re.sub(r"<[^>]+>", "", text)
