"""``make-brief templates``: the template sets, and where each comes from."""

from __future__ import annotations

import click

from ..errors import one_line
from .exits import EXIT_OK, exit_codes
from .settings import Settings


@click.command("templates")
@click.pass_obj
@exit_codes
def command(settings: Settings) -> int:
    """List the template sets and where each comes from (project or built-in)."""
    from ..render.sets import list_template_sets

    config = settings.config()
    for template_set in list_template_sets(config.templates_dir):
        default = " (default)" if template_set.name == config.template else ""
        click.echo(one_line(f"{template_set.name}{default}: {template_set.origin}"))
        for folder in template_set.folders:
            click.echo(one_line(f"    {folder}"))
    return EXIT_OK
