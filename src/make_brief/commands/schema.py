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
    from ..content.schema import Brief

    schema = Brief.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "make-brief content file (format v1)"
    return json.dumps(schema, indent=2, ensure_ascii=False)
