"""The .docx package around the content: the base document, its properties, its bytes.

The same brief must give the same bytes on every build, so nothing is left to "now" or to
python-docx's defaults: every core property comes from the page, the blank template's
traces (app.xml, its thumbnail) are replaced, and the zip is rewritten in a fixed order
with fixed times.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from ...errors import RenderError
from .page import Page

#: Zip entries carry this time instead of "now", so the same brief gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def open_base(reference: tuple[Path, bytes] | None) -> tuple[Any, bool]:
    """python-docx's blank document, or the organisation's reference (its path and bytes)
    emptied of content."""
    if reference is None:
        return docx.Document(), True
    path, data = reference
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        XMLSyntaxError,
    ) as exc:
        raise RenderError(f"docx: reference document {path} cannot be read: {exc}") from None
    _refuse_external(document, path)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document, False


def _refuse_external(document: Any, path: Path) -> None:
    """A reference document whose parts point outside the file is refused: Word fetches an
    external template or image when the brief is opened (a known way to make a document
    call home), and every brief made from the reference would inherit the link.
    Hyperlinks are fine; a reader follows them only when clicking."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    for part in document.part.package.iter_parts():
        for rel in part.rels.values():
            if rel.is_external and rel.reltype != RELATIONSHIP_TYPE.HYPERLINK:
                kind = rel.reltype.rsplit("/", 1)[-1]
                raise RenderError(
                    f"docx: reference document {path}: its {part.partname} points outside the "
                    f"file ({kind}: {rel.target_ref}); Word would fetch it when a brief is "
                    "opened: remove it in Word, or save the styles into a new document"
                )


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


def properties(document: Any, page: Page) -> None:
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
    printed = props._element.find(qn("cp:lastPrinted"))
    if printed is not None:
        props._element.remove(printed)


#: The custom document properties that say which content file a DOCX was made from
#: (``make-brief import`` reads them back; docs/word-round-trip.md). Properties, not a custom XML
#: part: LibreOffice carries them through ODT and back, and a reader never sees them.
SOURCE_PROPERTY = "make-brief source"
HASH_PROPERTY = "make-brief source sha256"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one Word uses for user properties


def source_properties(document: Any, shown: str, data: bytes | None) -> None:
    """The content file's name as the project names it (relative to make-brief.toml's
    folder, so the same input gives the same bytes on every machine) and the SHA-256 of
    its bytes."""
    import hashlib

    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    values = {SOURCE_PROPERTY: shown, HASH_PROPERTY: hashlib.sha256(data or b"").hexdigest()}
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), start=2)
    )
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_CUSTOM}" xmlns:vt="{_VT}">{items}</Properties>'
    ).encode()
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), _CUSTOM_TYPE, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


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


def save(document: Any, page: Page) -> bytes:
    """The finished document's bytes, the same on every build of the same brief."""
    _drop_thumbnail(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue(), {"docProps/app.xml": _app_xml(page)})
