"""The files of a template set the Word side reads: its stylesheet and its word-styles.

Both are found the way the PDF finds the stylesheet: ``style.css`` and
``word-styles.yaml`` at the top of the set, the project's copy before the built-in one,
and the stylesheet's ``@import``s (the shared ``../common/theme.css``) followed inside
the same asset roots, so the Word styles are made from exactly the CSS the PDF prints
with, and nothing outside the template folders is read for either.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import tinycss2

from ...errors import RenderError
from ..assets import MAX_ASSET_BYTES, resolve_asset

STYLESHEET = "style.css"
WORD_STYLES = "word-styles.yaml"
#: How deep imports may nest; deeper is a mistake (or a loop).
_MAX_DEPTH = 8


def set_file(asset_roots: Sequence[Path], name: str) -> tuple[Path, str] | None:
    """The set's file ``name`` (the project's, else the built-in one) and its text."""
    roots = [r.resolve() for r in asset_roots]
    path = resolve_asset(roots[0] / name, roots, set()) if roots else None
    return (path, _read(path)) if path is not None else None


def stylesheet_text(asset_roots: Sequence[Path]) -> str | None:
    """The set's stylesheet as one text, each ``@import`` replaced by the file it names;
    None for a set without one."""
    found = set_file(asset_roots, STYLESHEET)
    if found is None:
        return None
    roots = [r.resolve() for r in asset_roots]
    return _inlined(found[0], found[1], roots, ())


def _inlined(path: Path, text: str, roots: list[Path], importers: tuple[Path, ...]) -> str:
    # Imports come first in a stylesheet, so the imported text goes first: the order in
    # which a browser's cascade sees the rules.
    imports, rest = _split(text)
    imported: list[str] = []
    for url in imports:
        target = _confined(path, url, roots)
        if target in importers or target == path or len(importers) >= _MAX_DEPTH:
            raise RenderError(f"docx: {path.name}: @import {url} imports itself back")
        imported.append(_inlined(target, _read(target), roots, (*importers, path)))
    return "\n".join([*imported, rest])


@lru_cache(maxsize=32)
def _split(text: str) -> tuple[tuple[str, ...], str]:
    """A stylesheet's ``@import`` URLs and the rest of its rules, as text. Kept per
    process by the text itself: parsing the same few stylesheets for every brief was
    half of the time a DOCX took to find its styles."""
    imports: list[str] = []
    rest = []
    for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "import":
            imports.append(_import_url(rule))
        else:
            rest.append(rule)
    return tuple(imports), tinycss2.serialize(rest)


def _import_url(rule: tinycss2.ast.AtRule) -> str:
    tokens = [t for t in rule.prelude if t.type not in ("whitespace", "comment")]
    if tokens and tokens[0].type in ("string", "url"):
        return str(tokens[0].value)
    if tokens and tokens[0].type == "function" and tokens[0].lower_name == "url":
        strings = [a.value for a in tokens[0].arguments if a.type == "string"]
        if strings:
            return str(strings[0])
    raise RenderError(f"docx: @import {tinycss2.serialize(rule.prelude).strip()}: not a URL")


def _confined(importer: Path, url: str, roots: list[Path]) -> Path:
    """The file an ``@import`` names, if a template may read it."""
    target = urljoin(importer.as_uri(), url)
    parts = urlsplit(target)
    path = None
    if parts.scheme == "file":
        path = resolve_asset(Path(url2pathname(parts.path)), roots, set())
    if path is None:
        raise RenderError(
            f"docx: {importer.name}: @import {url}: outside the template folders; a "
            "stylesheet may import only its set's files and templates/common/ "
            "(see docs/template-authors.md)"
        )
    return path


def _read(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_ASSET_BYTES:
            raise RenderError(f"docx: {path.name}: larger than {MAX_ASSET_BYTES // 2**20} MiB")
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RenderError(f"docx: {path}: cannot be read: {exc}") from None
