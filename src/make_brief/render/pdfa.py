"""An archival PDF: PDF/A-3b with the brief's own content file attached as its source.

Records offices keep what they file for decades. PDF/A-3b is the variant that may carry
attachments; the content file travels inside as an embedded file whose relationship is
``Source`` (ISO 19005-3 and ISO 32000-2, 7.11.3), so the structured summary a brief was
printed from can be recovered from the archived PDF alone. WeasyPrint writes both the
PDF/A identification (XMP ``pdfaid:part`` 3, ``conformance`` B, an sRGB output intent)
and the ``/AF`` array; this module only hands it the attachment, with dates taken from
the brief (never the clock), so the same input still gives the same bytes.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from ..errors import RenderError
from .job import Rendered, RenderJob
from .pdf import print_pdf

VARIANT = "pdf/a-3b"
#: YAML's registered media type (RFC 9512).
MEDIA_TYPE = "application/yaml"


class PdfaWriter:
    def render(self, job: RenderJob) -> Rendered:
        from weasyprint import Attachment

        if job.source_bytes is None:
            raise RenderError("pdfa: the content file to attach is missing")
        moment = _moment(job.timestamp)
        # A data: URL carries the media type itself; given bytes alone, WeasyPrint would
        # guess it from this machine's MIME tables, and the bytes would vary by machine.
        data = base64.b64encode(job.source_bytes).decode("ascii")
        source = Attachment(
            url=f"data:{MEDIA_TYPE};base64,{data}",
            name=job.source.name,
            description="The make-brief content file this brief was printed from",
            created=moment,
            modified=moment,
            relationship="Source",
        )
        return print_pdf(job, VARIANT, attachments=[source])


def _moment(timestamp: str) -> datetime:
    if timestamp:
        return datetime.strptime(timestamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return datetime(2000, 1, 1, tzinfo=UTC)
