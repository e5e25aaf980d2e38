"""``make-brief draft``: a first content file from a news item.

The drafter (word lists, lxml, the NER model) loads only when the command runs, so every
other command stays fast.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ContentError, Problem, UsageError, one_line
from .exits import exit_codes
from .settings import Settings

#: Longest a draft may take: a news item takes well under a second.
DRAFT_SECONDS = 60.0


@click.command("draft")
@click.argument("source")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Content file to write [default: standard output].",
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@click.option(
    "--no-model", is_flag=True, help="Use the rules alone, even if the NER model is installed."
)
@click.pass_obj
@exit_codes
def command(
    settings: Settings, source: str, output: Path | None, force: bool, no_model: bool
) -> int:
    """Draft a content file from SOURCE, a news item, meeting report or speech
    (.txt, .md or .html; "-" reads standard input).

    \b
    The draft holds the title, the event and its dates, speakers and participants
    with their roles, references, acronyms, candidate key messages and a summary,
    each under a comment quoting the source sentence it came from. Check every
    item, then: make-brief check FILE. Nothing is fetched from the network.
    """
    from ..build.deadline import BriefTimeout, time_limit
    from ..build.files import write_atomically
    from ..draft import draft_yaml, read_source

    quiet = settings.quiet
    if output is not None and output.exists() and not force:
        raise UsageError(f"{output} exists already; pass --force to overwrite it")
    read = read_source(source)
    try:
        with time_limit(DRAFT_SECONDS):
            text = draft_yaml(read, use_model=not no_model)
    except BriefTimeout:
        raise ContentError(
            [
                Problem(
                    read.name,
                    message=f"drafting took longer than {DRAFT_SECONDS:g} s and was stopped; "
                    "draft from the part of the text about the meeting",
                )
            ]
        ) from None
    if output is None:
        click.echo(text, nl=False)
        return 0
    try:
        write_atomically(output, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    if not quiet:
        click.echo(
            one_line(f"wrote {output}; check every item, then: make-brief check {output}"), err=True
        )
    return 0
