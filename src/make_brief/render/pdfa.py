"""An archival PDF: PDF/A-3b with the brief's own content file attached as its source.

Records offices keep what they file for decades. PDF/A-3b is the variant that may carry
attachments; the content file travels inside as an embedded file whose relationship is
``Source`` (ISO 19005-3 and ISO 32000-2, 7.11.3), so the structured summary a brief was
printed from can be recovered from the archived PDF alone. WeasyPrint writes the PDF/A
identification (XMP ``pdfaid:part`` 3, ``conformance`` B), the sRGB output intent, the
print flag on every annotation and the catalog's ``/AF`` array; this module hands it the
attachment, with its media type stated and its dates taken from the brief (never the
clock, never this machine's MIME tables), so the same input gives the same bytes.

The file is tagged like the everyday PDF (screen readers and reflow keep working on the
archived copy) but claims PDF/A-3b only: neither PDF/UA nor PDF/A-3a, which no validator
has confirmed for it.
"""

from __future__ import annotations

import base64
import warnings
from datetime import UTC, datetime
from typing import Any

from ..errors import RenderError
from .job import Rendered, RenderJob
from .pdf import confined_fetcher, print_pdf, warm_engine
from .weasy import load_weasyprint

VARIANT = "pdf/a-3b"
#: YAML's registered media type (RFC 9512).
MEDIA_TYPE = "application/yaml"
DESCRIPTION = "The make-brief content file this brief was printed from"
_TIMESTAMP = "%Y-%m-%dT%H:%M:%SZ"


class PdfaError(RenderError):
    """The archival PDF cannot be made as promised; the message says why."""


class PdfaWriter:
    def warm(self) -> None:
        warm_engine()

    def render(self, job: RenderJob) -> Rendered:
        load_weasyprint()
        from weasyprint import Attachment

        if job.source_bytes is None:
            raise PdfaError(f"pdfa: the content file to attach ({job.source.name}) is missing")
        if not job.source.name:
            raise PdfaError("pdfa: the content file to attach has no name")
        moment = _moment(job.timestamp)
        # A data: URL carries the media type itself; given bytes alone, WeasyPrint would
        # guess it from this machine's MIME tables, and the bytes would vary by machine.
        data = base64.b64encode(job.source_bytes).decode("ascii")
        source = Attachment(
            url=f"data:{MEDIA_TYPE};base64,{data}",
            url_fetcher=confined_fetcher(job),  # reads the data: URL, opens nothing
            name=job.source.name,
            description=DESCRIPTION,
            created=moment,
            modified=moment,
            relationship="Source",
        )
        with warnings.catch_warnings():
            # WeasyPrint 70 opens its own sRGB profile for the output intent and never
            # closes it (weasyprint/pdf/__init__.py, generate_pdf); the file is closed
            # when it is dropped a moment later, with a ResourceWarning that says so.
            warnings.filterwarnings(
                "ignore", r"unclosed file .*sRGB2014\.icc", category=ResourceWarning
            )
            return print_pdf(
                job, VARIANT, attachments=[source], pdf_tags=True, finisher=_one_entry_each
            )


def _one_entry_each(document: Any, pdf: Any) -> None:
    """Each associated file once in the catalog's ``/AF``, and the source among them.

    WeasyPrint 70 lists every attachment twice there, once from the EmbeddedFiles name
    tree and once from the file specification itself (Kozea/WeasyPrint#2917).
    """
    associated = pdf.catalog.get("AF")
    if not associated:
        raise PdfaError("pdfa: WeasyPrint did not associate the content file with the PDF")
    associated[:] = list(dict.fromkeys(associated))


def _moment(timestamp: str) -> datetime:
    """The brief's timestamp as the attachment's creation and modification date."""
    if not timestamp:
        raise PdfaError("pdfa: the brief's timestamp (the attachment's date) is missing")
    try:
        return datetime.strptime(timestamp, _TIMESTAMP).replace(tzinfo=UTC)
    except ValueError:
        raise PdfaError(
            f"pdfa: the brief's timestamp {timestamp!r} is not YYYY-MM-DDTHH:MM:SSZ"
        ) from None
