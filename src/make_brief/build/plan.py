"""Which content files a run works on: collected once, slugs checked once, sharded.

Everything a command names is gathered first (Pelican's habit: gather every input, then
write), so a build can report every problem of every file before it renders anything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, UsageError
from ..render.formats import FORMATS

CONTENT_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Plan:
    """The content files of one run, in order, and those whose slug another file has."""

    files: tuple[Path, ...]
    clashes: dict[Path, Problem] = field(default_factory=dict)
    found: int = 0  # content files named, before a shard was chosen from them

    def __len__(self) -> int:
        return len(self.files)

    @property
    def candidates(self) -> list[Path]:
        """The files that may be built: every file whose slug is its own."""
        return [path for path in self.files if path not in self.clashes]


def plan(paths: Sequence[Path], shard: tuple[int, int] | None = None) -> Plan:
    """The content files of ``paths`` (folders give their ``*.yaml``), or one shard of
    them; raises UsageError for a path that does not exist."""
    found = collect_content(paths)
    files = select_shard(found, shard)
    return Plan(tuple(files), slug_clashes(files), len(found))


def collect_content(paths: Sequence[Path]) -> list[Path]:
    """Content files named on the command line; folders give their ``*.yaml`` files."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.iterdir() if p.suffix in CONTENT_SUFFIXES and p.is_file()
            )
        elif path.is_file() or path.suffix in CONTENT_SUFFIXES:
            found.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return list(dict.fromkeys(found))


def slug_clashes(files: Sequence[Path]) -> dict[Path, Problem]:
    """A problem for each file that would write an output an earlier file writes: the same
    slug, or a slug whose file name another format takes (``x.pdfa.yaml`` -> ``x.pdfa.pdf``
    is also ``x.yaml``'s archival PDF)."""
    owners: dict[str, Path] = {}
    clashes: dict[Path, Problem] = {}
    for path in files:
        names = [fmt.file_name(path.stem) for fmt in FORMATS]
        taken = next((name for name in names if name in owners), None)
        if taken is not None:
            first = owners[taken]
            message = (
                f"has the same name as {first}; both would write {path.stem}.*"
                if first.stem == path.stem
                else f"would write {taken}, which {first} writes too; rename one of them"
            )
            clashes[path] = Problem(str(path), message=message)
            continue
        owners.update(dict.fromkeys(names, path))
    return clashes


def select_shard(files: list[Path], shard: tuple[int, int] | None) -> list[Path]:
    """Shard ``k`` of ``n`` (1-based): a brief's shard depends on its name alone, so adding
    a file never moves the others to another machine."""
    if shard is None:
        return files
    k, n = shard
    return [f for f in files if int(hashlib.sha256(f.stem.encode()).hexdigest(), 16) % n == k - 1]
