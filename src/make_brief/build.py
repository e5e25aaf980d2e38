"""Build briefs: gather, skip what is unchanged, validate the rest, render, record.

Reads like a table of contents on purpose (after MkDocs' build command); each step lives
in a module of its own. One brief's failure never stops the others: its problems are
reported and nothing is written for it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from .cache import BuildCache, Entry, brief_key, config_digest, tree_digest
from .config import Config
from .deadline import DEFAULT_SECONDS
from .files import remove_temporaries
from .gather import BriefResult, check_files, collect_content, with_slug_clashes
from .locations import builtin_dir
from .lock import output_lock
from .manifest import write_manifest

# Re-exported: the command line and the tests speak of these as parts of a build.
from .gather import check  # noqa: E402,F401  isort: skip


def build(
    paths: Sequence[Path],
    out: Path,
    formats: Sequence[str],
    config: Config,
    *,
    jobs: int = 1,
    force: bool = False,
    shard: tuple[int, int] | None = None,
    timeout: float = DEFAULT_SECONDS,
    on_result: Callable[[BriefResult], None] = lambda result: None,
) -> list[BriefResult]:
    """Build every brief of ``paths`` (or of one shard of them) into ``out``."""
    files = select_shard(collect_content(paths), shard)
    results: dict[Path, BriefResult] = {}
    with output_lock(out):
        remove_temporaries(out)
        cache = BuildCache(out)
        shared = config_digest(config, formats)
        templates = tree_digest([config.templates_dir, builtin_dir()])

        keys: dict[Path, str] = {}
        for path, clash in with_slug_clashes(files):
            if clash is not None:
                results[path] = BriefResult(path, problems=[clash])
                continue
            keys[path] = brief_key(_read(path), templates, shared)
            entry = None if force else cache.fresh(path.stem, keys[path], out)
            if entry is not None:
                results[path] = BriefResult(
                    path,
                    outputs=[out / n for n in sorted(entry.outputs)],
                    skipped=True,
                    meta=entry.meta,
                )

        checked, prepared = check_files([p for p in keys if p not in results], config)
        results.update((r.source, r) for r in checked if not r.ok)
        for path in files:
            if path in results:
                on_result(results[path])

        from .rendering import RenderSettings, render_all  # Jinja and the writers: only now

        settings = RenderSettings(out, tuple(formats), config, timeout)
        for result in render_all(prepared, settings, jobs, on_result):
            results[result.source] = result
            _remember(cache, result, keys[result.source])

        for result in results.values():
            if not result.ok:
                cache.forget(result.source.stem)
        cache.save()
        write_manifest(out, [r.meta for r in results.values() if r.ok and r.meta])
    return [results[path] for path in files]


def default_jobs() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def select_shard(files: list[Path], shard: tuple[int, int] | None) -> list[Path]:
    """Shard ``k`` of ``n`` (1-based): a brief's shard depends on its name alone, so adding
    a file never moves the others to another machine."""
    if shard is None:
        return files
    k, n = shard
    return [f for f in files if int(hashlib.sha256(f.stem.encode()).hexdigest(), 16) % n == k - 1]


def _remember(cache: BuildCache, result: BriefResult, key: str) -> None:
    if not result.ok:
        return
    outputs = {name: digest["sha256"] for name, digest in _digests(result).items()}
    cache.record(result.source.stem, Entry(key, str(result.source), outputs, result.meta))


def _digests(result: BriefResult) -> dict[str, dict]:
    return {f["file"]: f for f in result.meta.get("formats", {}).values()}


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""  # the check that follows reports why it cannot be read
