"""``make-brief import``: an edited DOCX back into the content file it was built from."""

from __future__ import annotations

from pathlib import Path

import click

from ..build.files import write_atomically
from ..errors import one_line
from .exits import EXIT_CONTENT, EXIT_OK, exit_codes
from .settings import Settings


@click.command("import")
@click.argument("docx", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "content",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The content file to update (default: the one the DOCX was built from).",
)
@click.option("--check", is_flag=True, help="Print the changes as a diff; write nothing.")
@click.option(
    "--force",
    is_flag=True,
    help="Write the part that can be mapped despite problems, or over a content file "
    "that changed since the DOCX was built (its conflicts are listed).",
)
@click.pass_obj
@exit_codes
def command(settings: Settings, docx: Path, content: Path | None, check: bool, force: bool) -> int:
    """Bring the edits made in DOCX (built by make-brief) back into its content file:
    text, lists, annex tables; comments and pending tracked changes are listed."""
    from ..docx_import.run import import_docx

    outcome = import_docx(docx, content, settings.config(), force)
    for note in outcome.notes:
        click.echo(one_line(note))
    for conflict in outcome.conflicts:
        click.echo(one_line(f"conflict: {conflict}"), err=True)
    for problem in outcome.problems:
        click.echo(one_line(problem), err=True)
    if check:
        click.echo(outcome.diff(), nl=False)
        return EXIT_CONTENT if outcome.problems else EXIT_OK
    if outcome.problems and not force:
        click.echo(
            one_line(f"{outcome.content}: not written: {len(outcome.problems)} edit(s) cannot be "
                     "brought back (above); move them into fields, or --force to take the rest"),
            err=True,
        )  # fmt: skip
        return EXIT_CONTENT
    if outcome.new != outcome.old:
        write_atomically(outcome.content, outcome.new)
        if not settings.quiet:
            fields = ", ".join(outcome.changed)
            click.echo(one_line(f"updated {outcome.content}: {fields}"))
    elif not settings.quiet:
        click.echo(one_line(f"{outcome.content}: unchanged, no edit to bring back"))
    return EXIT_CONTENT if outcome.problems else EXIT_OK
