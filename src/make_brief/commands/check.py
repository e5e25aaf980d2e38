"""``make-brief check``: validate content files without rendering anything."""

from __future__ import annotations

from pathlib import Path

import click

from ..build import default_jobs
from ..build.check import check
from ..build.plan import plan
from .exits import exit_codes
from .options import jobs_option, paths_argument
from .reporting import finish, make_reporter
from .settings import Settings


@click.command("check")
@paths_argument
@jobs_option
@click.pass_obj
@exit_codes
def command(settings: Settings, paths: tuple[Path, ...], jobs: int | None) -> int:
    """Validate PATHS (files or folders; default content/) without rendering anything.

    Many files are checked in as many processes as there are cores (--jobs)."""
    briefs = plan(paths or (Path("content"),))
    results, _ = check(
        briefs, list(briefs.files), settings.config(), jobs=jobs or default_jobs(), keep=False
    )
    reporter = make_reporter(settings.quiet, "text", verb="valid", debug=settings.debug)
    for result in results:
        reporter.result(result)
    return finish(reporter, results)
