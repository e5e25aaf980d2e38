"""Which files a template may read: the one confinement rule both writers follow.

The PDF's URL fetcher and the DOCX writer's images ask the same question, so they share
this answer instead of each keeping a copy that could drift.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .job import RenderJob

#: Largest asset (font, image, stylesheet) a template may load.
MAX_ASSET_BYTES = 20 * 1024 * 1024


def job_asset(job: RenderJob, requested: Path) -> Path | None:
    """``resolve_asset`` with the folders and files ``job`` allows."""
    roots = [r.resolve() for r in job.asset_roots]
    extra = {f.resolve() for f in job.extra_files}
    return resolve_asset(requested, roots, extra)


def resolve_asset(requested: Path, roots: list[Path], extra: set[Path]) -> Path | None:
    """The real file behind ``requested`` if a template may read it, else None.

    Symlinks are resolved before the check, so a link pointing out of the folder is
    refused. A file missing from the project's set is taken from the built-in set at the
    same relative place: that is what "override file by file" means for assets.
    """
    try:
        real = requested.resolve(strict=False)
    except (OSError, RuntimeError):
        return None
    if real in extra and real.is_file():
        return real
    for root in roots:
        if real.is_relative_to(root) or requested.is_relative_to(root):
            relative = (real if real.is_relative_to(root) else requested).relative_to(root)
            for candidate_root in roots:
                candidate = candidate_root / relative
                if not os.path.lexists(candidate):
                    continue  # not overridden here: look in the next set
                resolved = candidate.resolve()
                if resolved.is_relative_to(candidate_root) and resolved.is_file():
                    return resolved
                return None  # a link leading out, or not a file: refused, not replaced
            return None
    return None
