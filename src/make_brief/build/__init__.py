"""The build room: plan, check, render, record.

:func:`build` reads like a table of contents on purpose (after MkDocs' build command);
each step lives in a module of its own. One brief's failure never stops the others: its
problems are reported and nothing is written for it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError
from ..locations import builtin_dir
from .cache import BuildCache, Entry, brief_key, config_digest, tree_digest
from .check import check
from .deadline import DEFAULT_SECONDS
from .engine import Engine
from .files import remove_temporaries
from .lock import output_lock
from .manifest import write_manifest
from .plan import Plan
from .results import BriefResult

if TYPE_CHECKING:  # the model is pydantic's: a command that starts an engine first
    from ..content.config import Config


def build(
    plan: Plan,
    out: Path,
    formats: Sequence[str],
    config: Config,
    *,
    jobs: int = 1,
    force: bool = False,
    timeout: float = DEFAULT_SECONDS,
    on_result: Callable[[BriefResult], None] = lambda result: None,
    engine: Engine | None = None,
) -> list[BriefResult]:
    """Build every brief of ``plan`` into ``out``, in the formats named ``formats``.

    ``engine``: one the command started before it loaded anything (:func:`early_engine`),
    used if one brief is to be built, else ended; without it, a build of one brief starts
    its own when it has a core to spare."""
    results: dict[Path, BriefResult] = {}
    with output_lock(out):
        remove_temporaries(out)
        cache = BuildCache(out)

        # Plan: what is unchanged since the last build into ``out`` is skipped unread.
        shared = config_digest(config, formats)
        templates = tree_digest([config.templates_dir, builtin_dir()])
        keys = {path: brief_key(_read(path), templates, shared) for path in plan.candidates}
        if not force:
            for path, key in keys.items():
                entry = cache.fresh(path.stem, key, out)
                # Under strict, a brief over its budget is rendered again, to fail.
                if entry is not None and not (config.strict and entry.over_budget):
                    results[path] = _skipped(path, entry, out)

        # A single brief to build, and a core to spare: its writers' engines warm up in a
        # process of their own while this one checks it (build/engine.py).
        to_check = [p for p in plan.files if p not in results]
        if len(to_check) != 1 or jobs <= 1:
            if engine is not None:
                engine.close()
            engine = None
        elif engine is None:
            engine = _engine(formats)
        try:
            # Check: every other brief, before anything is rendered.
            checked, prepared = check(plan, to_check, config)
            results.update((r.source, r) for r in checked if not r.ok)
            for path in plan.files:
                if path in results:
                    on_result(results[path])

            # Render: Jinja and the writers load only now.
            from .run import RenderSettings, render_all

            settings = RenderSettings(out, tuple(formats), config, timeout)
            for result in render_all(prepared, settings, jobs, on_result, engine):
                results[result.source] = result
        finally:
            if engine is not None:
                engine.close()

        # Record: the cache, then the manifest, last.
        for path, result in results.items():
            if result.ok and result.record is not None:
                entry = Entry(
                    keys[path],
                    str(path),
                    result.record,
                    tuple(result.warnings),
                    result.over_budget,
                )
                cache.record(path.stem, entry)
            else:
                cache.forget(path.stem)
        unsaved = _attempt(cache.save)  # without a cache, the next build rebuilds all
        unwritten = _attempt(
            lambda: write_manifest(out, [r.record for r in results.values() if r.ok and r.record])
        )
    if unsaved or unwritten:
        raise OutputError([m for m in (unsaved, unwritten) if m])
    return [results[path] for path in plan.files]


def early_engine(paths: Sequence[Path], formats: Sequence[str], jobs: int) -> Engine | None:
    """An engine started as a build of one content file begins, before the build loads
    its config, its models and its templates (a third of a second more for the engine's
    own start, which is then no longer the last to finish); ended by :func:`build` if
    the file is unchanged or invalid."""
    if jobs <= 1 or len(paths) != 1 or not paths[0].is_file():
        return None
    return _engine(formats)


def _engine(formats: Sequence[str]) -> Engine | None:
    """An engine for ``formats``, where one helps: on a system that forks, for writers
    that are slow to load (an HTML page alone needs none)."""
    if not hasattr(os, "fork") or set(formats) <= {"html"}:
        return None
    try:
        return Engine(tuple(formats))
    except OSError:  # no process to spare: the build writes everything itself
        return None


def _attempt(write: Callable[[], object]) -> str:
    """Run one write of the build's records; the message if the disk refused it."""
    try:
        write()
    except OutputError as exc:
        return str(exc)
    return ""


def default_jobs() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _skipped(path: Path, entry: Entry, out: Path) -> BriefResult:
    outputs = sorted(out / f.file for f in entry.record.formats.values())
    return BriefResult(
        path,
        outputs=outputs,
        warnings=list(entry.warnings),
        skipped=True,
        record=entry.record,
        over_budget=entry.over_budget,
    )


def _read(path: Path) -> bytes:
    from ..content.load import read_content_bytes

    # Never past the size cap, never a pipe: the check that follows reports why not.
    return read_content_bytes(path) or b""
