"""The intermediate HTML itself: for previews, golden tests and the web."""

from __future__ import annotations

from .job import Rendered, RenderJob


class HtmlWriter:
    def render(self, job: RenderJob) -> Rendered:
        return Rendered(job.html.encode("utf-8"))
