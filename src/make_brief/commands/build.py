"""``make-brief build``: validate, then render into an output folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..build import build, default_jobs, early_engine
from ..build.deadline import DEFAULT_SECONDS
from ..build.manifest import MANIFEST_NAME
from ..build.plan import plan
from ..errors import UsageError
from ..render.formats import DEFAULT_NAMES, NAMES
from .exits import EXIT_CONTENT, EXIT_OK, exit_codes
from .options import MAX_TIMEOUT, Shard, finite, force_option, jobs_option, paths_argument
from .reporting import Reporter, finish, make_reporter
from .settings import Settings

if TYPE_CHECKING:
    from ..content.config import Config


@click.command("build")
@paths_argument
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder the outputs are written to.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    type=click.Choice(NAMES),
    multiple=True,
    help=f"Output format; repeat for several [default: {', '.join(DEFAULT_NAMES)}].",
)
@jobs_option
@force_option
@click.option(
    "--shard",
    type=Shard(),
    metavar="K/N",
    help="Build only part K of N (1-based); the parts of all N machines make the whole.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, max=MAX_TIMEOUT),
    callback=finite,
    default=DEFAULT_SECONDS,
    show_default=True,
    metavar="SECONDS",
    help="Time limit for rendering one brief (0: none).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="A brief over its page budget fails instead of being built with a warning "
    "(as strict = true in make-brief.toml).",
)
@click.option(
    "--report",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: print one JSON report of built, skipped and failed briefs on stdout.",
)
@click.pass_obj
@exit_codes
def command(
    settings: Settings,
    paths: tuple[Path, ...],
    out: Path,
    formats: tuple[str, ...],
    jobs: int | None,
    force: bool,
    shard: tuple[int, int] | None,
    timeout: float,
    strict: bool,
    report: str,
) -> int:
    """Validate PATHS (files or folders; default content/), then render every valid
    brief into OUT in each FORMAT (by default <slug>.pdf, <slug>.docx and <slug>.html;
    -f pdfa adds the archival <slug>.pdfa.pdf), with OUT/manifest.json.

    Briefs whose content, templates, config and tools are unchanged since the last build
    into OUT are skipped. The books of each content folder (books/*.yaml, see make-brief
    book) are bound into OUT/books/ after the briefs. A brief with problems is reported and left out; the others are
    still built, and the exit status is 1. A brief longer than its page budget is fitted
    to it when tighter spacing or 10 pt type can, else built with a warning naming its
    longest sections (with --strict: reported as a problem, and left out).
    """
    refuse_a_site(out)
    jobs = jobs or default_jobs()
    # A single file: its writers warm up in a process of their own from now on.
    engine = early_engine(paths, formats or DEFAULT_NAMES, jobs)
    try:
        config = settings.config()
        if strict:
            config = config.model_copy(update={"strict": True})
        reporter = make_reporter(settings.quiet, report, debug=settings.debug)
        briefs = plan(paths or (Path("content"),), shard)
        if not briefs.found:
            raise UsageError("no content files found (*.yaml); name files or folders to build")
        reporter.start(len(briefs))
        try:
            results = build(
                briefs,
                out,
                formats or DEFAULT_NAMES,
                config,
                jobs=jobs,
                force=force,
                timeout=timeout,
                on_result=reporter.result,
                engine=engine,
            )
        except BaseException:
            reporter.abort()  # leave the terminal clean for the error message
            raise
    finally:
        if engine is not None:  # a config or plan that failed: the engine was not used
            engine.close()
    # A shard may hold none of the briefs (more machines than briefs): nothing to do.
    code = finish(reporter, results, empty_ok=shard is not None)
    if shard is not None:  # a book needs every part: shards build briefs only
        return code
    # Books are bound even when a brief failed: one whose parts built is still good.
    books = _build_books(paths, out, formats or DEFAULT_NAMES, config, force, reporter)
    return code or books


def _build_books(
    paths: tuple[Path, ...],
    out: Path,
    formats: tuple[str, ...],
    config: Config,
    force: bool,
    reporter: Reporter,
) -> int:
    """The books of the content folders built (``books/*.yaml`` in each), into
    ``OUT/books/``, listed in ``OUT/manifest.json`` after the briefs. A failed book fails
    the build (exit 1); the other books are still built."""
    from ..book import bind_books, find_books

    books = [b for p in (paths or (Path("content"),)) if p.is_dir() for b in find_books(p)]
    if not books:
        return EXIT_OK
    results = bind_books(books, out, formats, config, force)
    for result in results:
        for problem in result.problems:
            reporter.problem(problem)
    failed = sum(not r.ok for r in results)
    built = len(results) - failed
    reporter.line(f"{built} book{'s' if built != 1 else ''} built, {failed} failed", err=True)
    return EXIT_CONTENT if failed else EXIT_OK


def refuse_a_site(out: Path) -> None:
    """Refuse to build into the folder of a published site.

    ``make-brief publish`` marks its folder with a ``manifest.json`` of kind ``site``
    (``publish/site.py``). A build there would replace that manifest with its own, and
    the site would lose its record of the files it owns: the next publish could no
    longer remove a withdrawn brief, and the index would no longer match its manifest.
    """
    try:
        data = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # no manifest, or not one of ours: an ordinary folder
    if (
        isinstance(data, dict)
        and data.get("generator") == "make-brief"
        and data.get("kind") == "site"
    ):
        other = "build" if out.resolve() != Path("build").resolve() else "build-out"
        raise UsageError(
            f"-o {out}: a site published by make-brief publish lives there (its "
            f"{MANIFEST_NAME} says so), and a build would overwrite that manifest; build "
            f"into a folder of its own (make-brief build -o {other}), and update the site "
            f"with make-brief publish --site {out}"
        )
