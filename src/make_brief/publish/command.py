"""The ``make-brief publish`` command, registered on the CLI group by :func:`register`.

Kept beside the publisher so the CLI module only adds two lines. Exit codes as for
``build``: 0 every brief published; 1 some brief failed to build (the others are still
published) or a marking is above the ceiling (then nothing is); 2 usage or config error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..errors import UsageError
from ..options import force_option, jobs_option


def register(main: click.Group, exit_codes: Callable[..., Any]) -> click.Command:
    """Add ``publish`` to ``main``; ``exit_codes`` is the CLI's decorator that maps errors
    to exit codes."""

    @main.command("publish")
    @click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
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
    def publish_command(
        settings: Any,
        paths: tuple[Path, ...],
        site: Path,
        out: Path | None,
        jobs: int | None,
        force: bool,
        merge: bool,
        base_url: str | None,
    ) -> int:
        """Build PATHS (files or folders; default content/) into the build folder, then
        write a static site of every brief into SITE: a copy of each PDF and DOCX, a
        picture of each first page, index.html (newest first), an Atom feed.xml and
        manifest.json.

        \b
        Nothing is published when a brief's marking is not in publish_allowed
        (make-brief.toml; by default the unclassified and public markings of the
        built-in languages): the command names each such brief and exits with
        status 1.

        \b
        Past one machine: each CI job runs
          make-brief build --shard K/N --out shard-K
        and one last job joins their folders:
          make-brief publish --merge shard-1 shard-2 shard-3 --site site
        """
        from . import publish, publish_merged

        config = settings.config()
        quiet = bool(getattr(settings, "quiet", False))
        if merge:
            if out is not None or jobs is not None or force:
                raise UsageError("--merge joins build folders; -o, --jobs and --force do not apply")
            if not paths:
                raise UsageError("--merge needs the build folders to join, e.g. shards/*")
            summary = publish_merged(list(paths), site, config, base_url=base_url)
            failed = 0
        else:
            from ..build import default_jobs
            from ..gather import collect_content
            from ..reporting import make_reporter

            files = paths or (Path("content"),)
            found = collect_content(files)
            if not found:
                raise UsageError(
                    "no content files found (*.yaml); name files or folders to publish"
                )
            reporter = make_reporter(quiet, "text")
            reporter.start(len(found))
            try:
                results, summary = publish(
                    files,
                    site,
                    config,
                    out=out or Path("build"),
                    jobs=jobs or default_jobs(),
                    force=force,
                    base_url=base_url,
                    on_result=reporter.result,
                    on_built=reporter.finish,
                )
            except BaseException:
                reporter.abort()
                raise
            failed = sum(not r.ok for r in results)
        if not quiet:
            count = len(summary.briefs)
            changed = len(summary.written)
            click.echo(
                f"published {count} brief{'s' if count != 1 else ''} to {site}/ "
                f"({changed} file{'s' if changed != 1 else ''} written, "
                f"{len(summary.unchanged)} unchanged, {len(summary.removed)} removed): "
                f"{site / 'index.html'}"
            )
        if failed:
            click.echo(
                f"{failed} brief{'s' if failed != 1 else ''} failed to build and "
                f"{'are' if failed != 1 else 'is'} not on the site",
                err=True,
            )
            return 1
        return 0

    return publish_command
