"""Incremental builds: rebuild a brief only when something it depends on changed.

The key is a hash of everything that goes into a brief's bytes: the content file, every
file of its template set and of the project's shared labels, the project config (and the
logo and reference .docx it names), the formats asked for, ``SOURCE_DATE_EPOCH``, and
the versions of make-brief and of the engines those formats declare. Hashes, not modification times:
CI checkouts reset mtimes. A brief whose key is unchanged and whose outputs are still
there with the recorded hashes is skipped without even being parsed, so a no-op build of
hundreds of briefs takes well under a second.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import package_version
from ..errors import Problem
from ..render.formats import engine_versions
from .files import write_records
from .results import BriefRecord

if TYPE_CHECKING:  # a pydantic model: loaded by the command, not by this module
    from ..content.config import Config

CACHE_NAME = ".make-brief-cache.json"
_CACHE_FORMAT = 3


@dataclass(frozen=True)
class Entry:
    """What a build recorded for one brief: its key, what the manifest says of it, and
    what the build warned of (a skipped brief repeats it: a brief over its page budget
    is still over it, however often it is skipped)."""

    key: str
    source: str
    record: BriefRecord
    warnings: tuple[Problem, ...] = ()
    over_budget: bool = False  # a strict build renders it again, and fails it

    def to_json(self) -> dict:
        return {
            "key": self.key,
            "source": self.source,
            "record": self.record.to_json(),
            "warnings": [asdict(w) for w in self.warnings],
            "over_budget": self.over_budget,
        }

    @classmethod
    def from_json(cls, data: dict) -> Entry:
        return cls(
            data["key"],
            data["source"],
            BriefRecord.from_json(data["record"]),
            tuple(Problem(**w) for w in data["warnings"]),
            bool(data["over_budget"]),
        )


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tree_digest(folders: Iterable[Path]) -> str:
    """One hash for every file below ``folders`` (names and bytes, in a fixed order)."""
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            digest.update(sha256_file(path).encode())
    return digest.hexdigest()


def config_digest(config: Config, formats: Sequence[str]) -> str:
    """The parts of a build shared by all briefs: config, its files, formats, versions."""
    digest = hashlib.sha256()
    # ``strict`` changes no byte: it only fails a brief over budget, which the cache
    # entry remembers (Entry.over_budget).
    digest.update(config.model_dump_json(exclude={"root", "strict"}).encode())
    for extra in (config.logo, config.reference_docx):
        digest.update((sha256_file(extra) if extra else "-").encode())
    digest.update(",".join(sorted(formats)).encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    digest.update(
        f"make-brief={package_version()};{engine_versions(tuple(sorted(formats)))}".encode()
    )
    return digest.hexdigest()


def brief_key(content: bytes, template_digest: str, shared_digest: str) -> str:
    return hashlib.sha256(
        hashlib.sha256(content).digest() + template_digest.encode() + shared_digest.encode()
    ).hexdigest()


class BuildCache:
    """The record of the last build into one output folder."""

    def __init__(self, out: Path) -> None:
        self.path = out / CACHE_NAME
        self.entries: dict[str, Entry] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == _CACHE_FORMAT:
                self.entries = {slug: Entry.from_json(e) for slug, e in data["briefs"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.entries = {}  # no cache, or one we cannot trust: rebuild everything

    def fresh(self, slug: str, key: str, out: Path) -> Entry | None:
        """The entry for ``slug`` if its key matches and its outputs are intact."""
        entry = self.entries.get(slug)
        if entry is None or entry.key != key:
            return None
        for output in entry.record.formats.values():
            target = out / output.file
            if not target.is_file() or sha256_file(target) != output.sha256:
                return None
        return entry

    def record(self, slug: str, entry: Entry) -> None:
        self.entries[slug] = entry

    def forget(self, slug: str) -> None:
        self.entries.pop(slug, None)

    def save(self) -> None:
        data = {
            "format": _CACHE_FORMAT,
            "briefs": {slug: self.entries[slug].to_json() for slug in sorted(self.entries)},
        }
        write_records(self.path, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode())
