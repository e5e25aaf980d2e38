"""Books are rebuilt when something that goes into their bytes changed, else skipped.

The key hashes the book file, the bytes of every part it names, every file of the
template folders (the project's and the built-in ones: the parts may use any set), the
project config with the files it names, the formats, ``SOURCE_DATE_EPOCH`` and the
versions (build/cache.py's ``config_digest``). The record lives beside the books, in
``.make-brief-books.json``; a book is skipped only when its outputs are still there
with the hashes recorded.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from ..build.cache import config_digest, sha256_file, tree_digest
from ..build.files import write_records
from ..content.config import Config
from .results import BookRecord

CACHE_NAME = ".make-brief-books.json"
_FORMAT = 1


def book_key(book_raw: bytes, parts: Sequence[Path], config: Config, formats: Sequence[str]) -> str:
    from ..locations import builtin_dir

    digest = hashlib.sha256(b"book-1\0")
    digest.update(hashlib.sha256(book_raw).digest())
    for path in parts:
        digest.update(str(path).encode() + b"\0")
        digest.update((sha256_file(path) if path.is_file() else "-").encode())
    digest.update(tree_digest((config.templates_dir, builtin_dir())).encode())
    digest.update(config_digest(config, formats).encode())
    return digest.hexdigest()


class BookCache:
    def __init__(self, out: Path) -> None:
        self.path = out / CACHE_NAME
        self.entries: dict[str, tuple[str, BookRecord]] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == _FORMAT:
                self.entries = {
                    slug: (e["key"], BookRecord.from_json(e["record"]))
                    for slug, e in data["books"].items()
                }
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.entries = {}  # none, or one we cannot trust: rebuild

    def fresh(self, slug: str, key: str, out: Path) -> BookRecord | None:
        key_and_record = self.entries.get(slug)
        if key_and_record is None or key_and_record[0] != key:
            return None
        record = key_and_record[1]
        for output in record.formats.values():
            target = out / output.file
            if not target.is_file() or sha256_file(target) != output.sha256:
                return None
        return record

    def record(self, slug: str, key: str, record: BookRecord) -> None:
        self.entries[slug] = (key, record)

    def save(self) -> None:
        data = {
            "format": _FORMAT,
            "books": {
                slug: {"key": key, "record": record.to_json()}
                for slug, (key, record) in sorted(self.entries.items())
            },
        }
        write_records(self.path, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode())
