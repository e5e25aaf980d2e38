"""Command-line options shared by several commands, defined once so they read alike."""

from __future__ import annotations

import click

jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Briefs rendered at once, each in its own process [default: the number of cores].",
)
force_option = click.option("--force", is_flag=True, help="Rebuild every brief, changed or not.")
