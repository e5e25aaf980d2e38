"""The books of an output folder in its ``manifest.json``, beside its briefs.

The manifest is read, its ``books`` set (the books of this run replace those of the same
slug) and written back atomically; its ``briefs`` are left as they are. A folder with
no manifest gets one listing the books alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..build.files import write_records
from ..build.manifest import MANIFEST_NAME
from .results import BookRecord


def write_books(out: Path, records: Iterable[BookRecord]) -> Path:
    path = out / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("generator") != "make-brief":
            data = None
    except (OSError, ValueError):
        data = None
    if data is None:
        data = {"generator": "make-brief", "format": 1, "briefs": []}
    books = {b["slug"]: b for b in data.get("books", []) if isinstance(b, dict) and "slug" in b}
    books.update({r.slug: r.to_json() for r in records})
    data["books"] = [books[slug] for slug in sorted(books)]
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)
    write_records(path, (text + "\n").encode("utf-8"))
    return path
