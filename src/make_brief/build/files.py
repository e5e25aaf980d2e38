"""Writing outputs so that a reader never sees half a file.

Every output goes to a hidden temporary name in the same folder and is moved into place
with ``os.replace``, which is atomic on one file system: after a crash a final name holds
either the old complete file or the new complete one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import OutputError

#: How make-brief's own temporary files start; nothing else is ever removed.
TEMPORARY_PREFIX = ".make-brief-tmp."


def write_records(path: Path, data: bytes) -> None:
    """:func:`write_atomically` for a build's own records (cache, manifest): a refusal of
    the disk becomes an :class:`OutputError` naming the file."""
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written: {exc.strerror or exc}") from None


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f"{TEMPORARY_PREFIX}{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_temporaries(folder: Path) -> None:
    """Delete what an interrupted earlier run left: only ever our own temporary files,
    named so that no file of the user's (an editor's ``.notes.tmp``) can match."""
    if folder.is_dir():
        for leftover in folder.glob(f"{TEMPORARY_PREFIX}*.tmp"):
            if leftover.is_file() and not leftover.is_symlink():
                leftover.unlink(missing_ok=True)
