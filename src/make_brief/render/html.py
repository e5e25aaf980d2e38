"""The brief as one HTML file that stands alone: to open anywhere, to mail, to keep.

The intermediate HTML (``job.html``, what the PDF and the DOCX are made from and what the
golden files hold) links its set's ``style.css``, which imports ``../common/theme.css``,
and names the organisation's logo by a ``file:`` URL: all of them on the author's disk.
The file written here carries them inside instead. The stylesheets are inlined, each
``@import`` replaced by the sheet it names, and images (the logo, an image a stylesheet
uses) become ``data:`` URLs. Every file is read through the confinement rule of
``render/assets.py``, as the PDF reads it, and anything that would be fetched from the
network or from outside the template folders fails the brief, as it does for the PDF.

Fonts are the exception: the theme's ``@font-face`` rules are left out, and the text is set
in the reader's own fonts of the same family names (``font-family`` is kept as the theme
writes it, so a reader who has Carlito or Noto Sans Arabic sees them, and anyone else a
sans-serif). Embedding them would make every brief about 4 MB of base64 (Carlito's four
faces are 2.7 MB, Noto Sans Arabic's two 0.5 MB): too big to mail, for text that reads
well in any sans-serif. Without them a brief is a few tens of kilobytes plus its logo.

The body is left exactly as the intermediate has it, so what a reader sees is what the PDF
and the Word file say.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from html import escape, unescape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

from ..errors import RenderError
from .assets import MAX_ASSET_BYTES, job_asset
from .job import Rendered, RenderJob

# Our HTML escapes every "<" and ">" of content and of attribute values, so a tag is
# always "<" up to the next ">".
_TAG = re.compile(r"<(link|img)\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
#: Deepest chain of ``@import`` followed; a longer one is a loop the ``seen`` check missed.
MAX_IMPORT_DEPTH = 10


class HtmlWriter:
    def __init__(self) -> None:
        # Stylesheets rarely change within a build: each is read and rewritten once per
        # process, keyed by its bytes (an edited file is read afresh).
        self._sheets: dict[tuple[Path, bytes], str] = {}

    def render(self, job: RenderJob) -> Rendered:
        return Rendered(self.standalone(job).encode("utf-8"))

    def warm(self) -> None:
        """Nothing to load: the page is the brief's HTML with its stylesheets inside."""

    def standalone(self, job: RenderJob) -> str:
        """``job.html`` with its stylesheets inline and its images as ``data:`` URLs."""
        return _TAG.sub(lambda m: self._tag(job, m.group(0), m.group(1).lower()), job.html)

    def _tag(self, job: RenderJob, tag: str, name: str) -> str:
        attributes = _attributes(tag)
        if name == "link":
            href = attributes.get("href")
            if href is None:
                return tag
            url = urljoin(job.base_url, href)
            if "stylesheet" in attributes.get("rel", "").lower().split():
                css = self._stylesheet(job, url, ())
                media = attributes.get("media")
                if media and media.strip().lower() != "all":
                    css = f"@media {media} {{\n{css}\n}}"
                # "</style" inside the sheet would end the element early; CSS reads "<\/" as
                # the same two characters.
                css = re.sub(r"</(?=style)", r"<\\/", css, flags=re.IGNORECASE)
                return f"<style>\n{css.strip()}\n</style>"
            return _with(tag, "href", _data_url(job, url))
        if name == "img" and "src" in attributes:
            return _with(tag, "src", _data_url(job, urljoin(job.base_url, attributes["src"])))
        return tag

    def _stylesheet(self, job: RenderJob, url: str, seen: tuple[Path, ...]) -> str:
        """The sheet at ``url``, its imports inlined, its images as ``data:`` URLs."""
        path = _local_file(job, url)
        if path in seen or len(seen) >= MAX_IMPORT_DEPTH:
            raise RenderError(f"{url}: imports itself (an @import loop)")
        data = path.read_bytes()
        key = (path, data)
        if key not in self._sheets:
            self._sheets[key] = self._rewrite(job, path, data, (*seen, path))
        return self._sheets[key]

    def _rewrite(self, job: RenderJob, path: Path, data: bytes, seen: tuple[Path, ...]) -> str:
        import tinycss2

        rules, _ = tinycss2.parse_stylesheet_bytes(data, skip_comments=True)
        parts: list[str] = []
        for rule in rules:
            if rule.type == "at-rule" and rule.lower_at_keyword == "import":
                target, media = _import_target(rule, path)
                imported = self._stylesheet(job, urljoin(path.as_uri(), target), seen)
                parts.append(f"@media {media} {{\n{imported}\n}}\n" if media else imported)
            elif rule.type == "at-rule" and rule.lower_at_keyword == "font-face":
                if not _names_a_file(rule):  # src: local(...) only: nothing to carry
                    parts.append(rule.serialize())
                # else left out: the reader's own fonts of the same names (module's note)
            elif rule.type == "error":
                raise RenderError(f"{path.name}:{rule.source_line}: {rule.message}")
            else:
                _embed_urls(job, path, [rule])
                parts.append(rule.serialize())
        # Comments are dropped with the rest of what a reader does not need; tidy the
        # spaces and blank lines they leave behind.
        text = "\n".join(line.rstrip() for line in "".join(parts).splitlines())
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _attributes(tag: str) -> dict[str, str]:
    inside = tag[1:-1].split(None, 1)[1] if len(tag[1:-1].split(None, 1)) > 1 else ""
    found = {}
    for name, value in _ATTRIBUTE.findall(inside.rstrip("/")):
        if value[:1] in ('"', "'"):
            value = value[1:-1]
        found.setdefault(name.lower(), unescape(value))
    return found


def _with(tag: str, name: str, value: str) -> str:
    """``tag`` with attribute ``name`` set to ``value`` (in double quotes, escaped)."""
    pattern = re.compile(rf"""(\s{name}\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)""", re.IGNORECASE)
    return pattern.sub(lambda m: f'{m.group(1)}"{escape(value)}"', tag, count=1)


def _local_file(job: RenderJob, url: str) -> Path:
    """The confined file behind ``url``, or a RenderError saying why it may not be read."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        raise RenderError(f"{url}: a template may load only its own files, never the network")
    requested = Path(url2pathname(parts.path))
    path = job_asset(job, requested)
    missing = not requested.exists() and not requested.is_symlink()
    if path is None and missing and any(requested.is_relative_to(r) for r in job.asset_roots):
        raise RenderError(f"{url}: not found in the template folders")
    if path is None:
        raise RenderError(
            f"{url}: outside the template folder; templates may load only their own files"
        )
    if path.stat().st_size > MAX_ASSET_BYTES:
        raise RenderError(f"{url}: larger than {MAX_ASSET_BYTES // 2**20} MiB")
    return path


def _data_url(job: RenderJob, url: str) -> str:
    if urlsplit(url).scheme == "data":
        return url
    path = _local_file(job, url)
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _import_target(rule: Any, path: Path) -> tuple[str, str]:
    """The URL an ``@import`` names, and the media query after it ("" for all media)."""
    tokens = [t for t in rule.prelude if t.type not in ("whitespace", "comment")]
    first = tokens[0] if tokens else None
    if first is not None and first.type in ("string", "url"):
        target = first.value
    elif first is not None and first.type == "function" and first.lower_name == "url":
        target = next((a.value for a in first.arguments if a.type == "string"), "")
    else:
        raise RenderError(f"{path.name}:{rule.source_line}: @import names no stylesheet")
    media = "".join(t.serialize() for t in rule.prelude[rule.prelude.index(first) + 1 :])
    return target, media.strip()


def _embed_urls(job: RenderJob, sheet: Path, nodes: list[Any]) -> None:
    """Every ``url()`` in ``nodes`` (and inside them) made a ``data:`` URL, in place."""
    for node in nodes:
        kind = getattr(node, "type", None)
        if kind == "url":
            node.representation = _css_url(job, sheet, node.value)
            continue
        if kind == "function" and node.lower_name == "url":
            argument = next((a for a in node.arguments if a.type == "string"), None)
            if argument is not None:
                argument.representation = f'"{_data(job, sheet, argument.value)}"'
            continue
        for child in ("prelude", "content", "arguments"):
            inner = getattr(node, child, None)
            if isinstance(inner, list):
                _embed_urls(job, sheet, inner)


def _names_a_file(rule: Any) -> bool:
    """Whether a rule holds a ``url()`` (a font file, for ``@font-face``)."""
    pending = list(rule.prelude) + list(rule.content or [])
    while pending:
        node = pending.pop()
        kind = getattr(node, "type", None)
        if kind == "url" or (kind == "function" and node.lower_name == "url"):
            return True
        for child in ("content", "arguments"):
            pending += getattr(node, child, None) or []
    return False


def _css_url(job: RenderJob, sheet: Path, target: str) -> str:
    return f'url("{_data(job, sheet, target)}")'


def _data(job: RenderJob, sheet: Path, target: str) -> str:
    return _data_url(job, urljoin(sheet.as_uri(), target))
