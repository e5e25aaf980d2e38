"""``make-brief schema``: the JSON Schema of the content format, for editors."""

from __future__ import annotations

import json

import click

from .exits import EXIT_OK, exit_codes


@click.command("schema")
@exit_codes
def command() -> int:
    """Print the JSON Schema of the content format (for editor autocompletion)."""
    click.echo(schema_text())
    return EXIT_OK


def schema_text() -> str:
    """The JSON Schema as this command prints it; ``make-brief init`` writes the same."""
    # Imported here: the models are built only when the schema is asked for.
    from ..content.schema import json_schema

    return json.dumps(json_schema(), indent=2, ensure_ascii=False)
