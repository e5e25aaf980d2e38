"""Where something is, in the words of the DOCX and of the content file.

A Word user finds "page 2, after 'Key messages' item 3"; an analyst finds
``content/x.yaml:41``. Page numbers are as far as the file says them: the page breaks
make-brief writes and the breaks Word and LibreOffice record when they save.
"""

from __future__ import annotations

from typing import Any

from ..content.places import locate
from .reader import Docx, Para, Path_


def shown(path: Path_) -> str:
    """``("key_messages", 2, "text")`` -> ``key_messages[2].text``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def line_of(tree: Any, path: Path_) -> int:
    return locate(tree, path)[0]


def in_docx(doc: Docx, index: int) -> str:
    """ "page 2, after 'Key messages' item 3" for the paragraph at ``index``."""
    para = doc.paras[index]
    heading, item, count = _context(doc, index)
    where = f"page {para.page}"
    if heading is None:
        return f"{where}, at the start" if not count else f"{where}, paragraph {count + 1}"
    label = f"'{_short(heading.text)}'"
    return (
        f"{where}, after {label} item {item}"
        if item
        else f"{where}, after {label}" + (f" paragraph {count}" if count else "")
    )


def _context(doc: Docx, index: int) -> tuple[Para | None, int, int]:
    """The heading above the paragraph, the position of the list item just before it
    (from 1; 0 if it does not follow one) and how many paragraphs lie between."""
    before = [p for p in doc.paras[:index] if p.table is None]
    at = next((i for i in range(len(before) - 1, -1, -1) if _is_heading(before[i])), None)
    heading = before[at] if at is not None else None
    since = before[at + 1 :] if at is not None else before
    item = 0
    last = _item(since[-1]) if since else None
    if last is not None:
        seen: list[Path_] = []
        for para in since:
            key = _item(para)
            if key is not None and key[:-1] == last[:-1] and key not in seen:
                seen.append(key)
        item = len(seen)
    return heading, item, len(since)


def _is_heading(para: Para) -> bool:
    return para.style.lower().startswith(("heading", "title")) and not para.fields


def _item(para: Para) -> Path_ | None:
    """The list item a paragraph belongs to: its field's path up to the first index."""
    for path in para.fields:
        for i, part in enumerate(path):
            if isinstance(part, int):
                return path[: i + 1]
    return None


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def near_field(doc: Docx, index: int) -> str:
    """The fields around a paragraph, for the advice: 'add it to key_messages or
    background'."""
    before = next((p.inner for p in reversed(doc.paras[:index]) if p.inner), None)
    after = next((p.inner for p in doc.paras[index + 1 :] if p.inner), None)
    names = list(dict.fromkeys(str(p[0]) for p in (before, after) if p))
    return " or ".join(names)
