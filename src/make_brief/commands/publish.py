"""``make-brief publish``: build, then write a static site of the briefs and books.

Exit codes as for ``build``: 0 every brief and book published; 1 some brief or book
failed to build (the others are still published) or a marking is above the ceiling (then
nothing is); 2 usage or config error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import UsageError, one_line
from .exits import exit_codes
from .options import force_option, jobs_option, paths_argument
from .settings import Settings

if TYPE_CHECKING:
    from ..book.results import BookResult


@click.command("publish")
@paths_argument
@click.option(
    "--site",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder the site is written to (index.html, feed.xml, manifest.json, files).",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Build folder the briefs are built in first [default: build].",
)
@jobs_option
@force_option
@click.option(
    "--merge",
    is_flag=True,
    help="PATHS are build folders (one per shard, from make-brief build --shard K/N "
    "--out DIR) to join into one site; nothing is built.",
)
@click.option(
    "--base-url",
    metavar="URL",
    help="The site's public address; the feed then links absolutely and names itself.",
)
@click.pass_obj
@exit_codes
def command(
    settings: Settings,
    paths: tuple[Path, ...],
    site: Path,
    out: Path | None,
    jobs: int | None,
    force: bool,
    merge: bool,
    base_url: str | None,
) -> int:
    """Build PATHS (files or folders; default content/) into the build folder, and
    bind the books of each folder (books/*.yaml), then write a static site of every
    brief and book into SITE: a copy of each PDF and DOCX, a picture of each first
    page, index.html (newest first), an Atom feed.xml and manifest.json.

    \b
    Nothing is published when a brief's or a book's marking is not in
    publish_allowed (make-brief.toml; by default the unclassified and public
    markings of the built-in languages): the command names each such brief or
    book and exits with status 1.

    \b
    Past one machine: each CI job runs
      make-brief build --shard K/N --out shard-K
    and one last job joins their folders:
      make-brief publish --merge shard-1 shard-2 shard-3 --site site
    (shards bind no books: a book needs every part).
    """
    from ..publish import publish, publish_merged

    config = settings.config()
    quiet = settings.quiet
    if merge:
        if out is not None or jobs is not None or force:
            raise UsageError("--merge joins build folders; -o, --jobs and --force do not apply")
        if not paths:
            raise UsageError("--merge needs the build folders to join, e.g. shards/*")
        summary = publish_merged(list(paths), site, config, base_url=base_url)
        failed = failed_books = 0
    else:
        from ..book import find_books
        from ..build import default_jobs
        from ..build.plan import plan
        from .reporting import make_reporter

        folders = paths or (Path("content"),)
        briefs = plan(folders)
        if not briefs.found:
            raise UsageError("no content files found (*.yaml); name files or folders to publish")
        books = [b for p in folders if p.is_dir() for b in find_books(p)]
        reporter = make_reporter(quiet, "text", debug=settings.debug)
        book_results: list[BookResult] = []

        def books_bound(results: list[BookResult]) -> None:
            """Each failed book's problems, and a count, as make-brief build says them."""
            book_results.extend(results)
            for result in results:
                for problem in result.problems:
                    reporter.problem(problem)
            bad = sum(not r.ok for r in results)
            built = len(results) - bad
            reporter.line(f"{built} book{'s' if built != 1 else ''} built, {bad} failed", err=True)

        reporter.start(len(briefs))
        try:
            results, summary = publish(
                briefs,
                site,
                config,
                out=out or Path("build"),
                jobs=jobs or default_jobs(),
                force=force,
                base_url=base_url,
                books=books,
                on_result=reporter.result,
                on_built=reporter.finish,
                on_books=books_bound,
            )
        except BaseException:
            reporter.abort()
            raise
        failed = sum(not r.ok for r in results)
        failed_books = sum(not r.ok for r in book_results)
    if not quiet:
        count = len(summary.briefs)
        changed = len(summary.written)
        bound = len(summary.books)
        also = f" and {bound} book{'s' if bound != 1 else ''}" if bound else ""
        click.echo(
            one_line(
                f"published {count} brief{'s' if count != 1 else ''}{also} to {site}/ "
                f"({changed} file{'s' if changed != 1 else ''} written, "
                f"{len(summary.unchanged)} unchanged, {len(summary.removed)} removed): "
                f"{site / 'index.html'}"
            )
        )
    if failed:
        click.echo(
            f"{failed} brief{'s' if failed != 1 else ''} failed to build and "
            f"{'are' if failed != 1 else 'is'} not on the site",
            err=True,
        )
    if failed_books:
        click.echo(
            f"{failed_books} book{'s' if failed_books != 1 else ''} failed to bind and "
            f"{'are' if failed_books != 1 else 'is'} not on the site",
            err=True,
        )
    return 1 if failed or failed_books else 0
