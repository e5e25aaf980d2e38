"""``make-brief new``: a commented starter content file to fill in."""

from __future__ import annotations

from pathlib import Path

import click

from ..build.files import write_atomically
from ..content.starter import STARTER_TYPES, starter_content
from ..errors import UsageError, one_line
from .exits import EXIT_OK, exit_codes
from .settings import Settings


@click.command("new")
@click.argument("slug")
@click.option(
    "-d",
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"),
    show_default=True,
    help="Folder to write the file in.",
)
@click.option(
    "-t",
    "--type",
    "kind",
    type=click.Choice(STARTER_TYPES),
    default=STARTER_TYPES[0],
    show_default=True,
    help="The type of brief: a briefing note, talking points or a meeting report.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.pass_obj
@exit_codes
def command(settings: Settings, slug: str, folder: Path, kind: str, force: bool) -> int:
    """Write a commented starter content file, FOLDER/SLUG.yaml, to fill in: a briefing
    note, or with --type talking points or a meeting report."""
    if not slug or not all(c.isalnum() or c in "-_." for c in slug) or slug.startswith("."):
        raise UsageError(f"'{slug}' is not a file name; use letters, digits, '-' and '_'")
    target = folder / f"{slug.removesuffix('.yaml')}.yaml"
    if target.exists() and not force:
        raise UsageError(f"{target} exists already; pass --force to overwrite it")
    write_atomically(target, starter_content(kind).encode("utf-8"))
    if not settings.quiet:
        click.echo(one_line(f"wrote {target}; fill it in, then: make-brief build {target}"))
    return EXIT_OK
