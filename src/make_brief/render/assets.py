"""Which files a template may read: the one confinement rule both writers follow.

The PDF's URL fetcher, the DOCX writer's images and the Word theme reader ask the same
question, so they share this answer instead of each keeping a copy that could drift.

A template reads from a few logical folders: its own set (``templates/<set>/``) and the
folder every set shares (``templates/common/``). Each exists in up to two places, the
project's and the built-in one, which are roots of the same name; a file is taken from
the first root of that name that has it, so a project overrides the built-ins file by
file. Nothing outside those roots is ever read: not another set, not a symlink leading
out, not the rest of the file system.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
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


def resolve_asset(requested: Path, roots: Sequence[Path], extra: set[Path]) -> Path | None:
    """The real file behind ``requested`` if a template may read it, else None.

    ``roots`` are resolved folders, the project's before the built-in ones; a root need
    not exist (a project without its own ``templates/common/`` still has that place, so
    a path into it falls back to the built-in folder). Symlinks are resolved before the
    check, so a link pointing out of the folder is refused. A file missing from the
    project's folder is taken from the built-in folder of the same name at the same
    relative place: that is what "override file by file" means for assets.
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
            # Only the roots of the same logical folder: a set's file never stands in
            # for a shared one, nor the other way round.
            for candidate_root in (r for r in roots if r.name == root.name):
                candidate = candidate_root / relative
                if not os.path.lexists(candidate):
                    continue  # not overridden here: look in the next folder
                resolved = candidate.resolve()
                if resolved.is_relative_to(candidate_root) and resolved.is_file():
                    return resolved
                return None  # a link leading out, or not a file: refused, not replaced
            return None
    return None
