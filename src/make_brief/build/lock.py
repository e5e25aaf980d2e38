"""One build at a time per output folder.

Two builds writing the same folder would interleave their caches and manifests. The lock
is a file created exclusively (``O_EXCL``), holding who took it; a lock left by a process
that no longer exists on this host is taken over, so a killed build never blocks the next.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import UsageError

LOCK_NAME = ".make-brief.lock"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the output folder {out}: {exc.strerror}") from None
    path = out / LOCK_NAME
    me = {"pid": os.getpid(), "host": socket.gethostname()}
    for _ in range(2):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = _read(path)
            same_host = holder.get("host") == me["host"]
            if same_host and not _alive(int(holder.get("pid", 0) or 0)):
                path.unlink(missing_ok=True)  # left by a process that is gone
                continue
            raise UsageError(
                f"{out} is being built by process {holder.get('pid', '?')} on "
                f"{holder.get('host', '?')}; wait for it to finish, or delete {path} "
                "if no such build is running"
            ) from None
        except OSError as exc:
            raise UsageError(f"cannot write in the output folder {out}: {exc.strerror}") from None
        with os.fdopen(fd, "w") as handle:
            json.dump(me, handle)
        break
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}
