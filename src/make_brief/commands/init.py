"""``make-brief init``: a project folder to write briefs in, ready for an editor and for CI.

It writes the few files a new user would otherwise gather from the documentation: the
project settings, a first content file to fill in, the editor settings that give
autocompletion and validation while typing, a ``.gitignore`` for what a build makes, and
a CI workflow for the user's own repository that checks and builds every brief. Nothing
is overwritten unless asked (``--force``), and nothing is written if any file is refused.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .. import __version__
from ..build.files import write_atomically
from ..content.starter import starter_content
from ..errors import UsageError, one_line
from .exits import EXIT_OK, exit_codes
from .settings import Settings

#: Where the editor settings find the schema: inside .vscode/, with the settings that use it.
SCHEMA_FILE = ".vscode/make-brief.schema.json"
STARTER_FILE = "content/first-brief.yaml"
WORKFLOW_FILE = ".github/workflows/briefs.yml"

#: The Debian/Ubuntu packages WeasyPrint needs to print a PDF (Pango, HarfBuzz's subsetter
#: for the fonts it embeds) and Carlito, the free font with Calibri's metrics.
APT_PACKAGES = (
    "libpango-1.0-0",
    "libpangoft2-1.0-0",
    "libharfbuzz-subset0",
    "fonts-crosextra-carlito",
)


@click.command("init")
@click.argument(
    "folder", default=Path("."), type=click.Path(file_okay=False, path_type=Path), required=False
)
@click.option(
    "--organisation",
    metavar="NAME",
    help="Your organisation, printed above 'Briefing note' [default: asked on a terminal, "
    "else left for you to write in make-brief.toml].",
)
@click.option("--force", is_flag=True, help="Overwrite files that exist already.")
@click.pass_obj
@exit_codes
def command(settings: Settings, folder: Path, organisation: str | None, force: bool) -> int:
    """Make FOLDER (default: the current folder) a make-brief project: make-brief.toml,
    content/ with a first brief to fill in, editor settings for autocompletion and
    validation (VS Code with the Red Hat YAML extension), a .gitignore and a GitHub
    Actions workflow that checks and builds the briefs of your repository.
    """
    if organisation is None and _interactive():
        organisation = click.prompt(
            "Your organisation, printed above 'Briefing note' (Enter to leave it blank)",
            default="",
            show_default=False,
        )
    organisation = _checked_organisation(organisation or "")
    files = project_files(organisation)
    existing = [name for name in files if (folder / name).exists()]
    if existing and not force:
        raise UsageError(
            f"{', '.join(str(folder / name) for name in existing)}: "
            f"{'exists' if len(existing) == 1 else 'exist'} already; nothing was written. "
            "Pass --force to overwrite, or name another folder: make-brief init FOLDER"
        )
    for name, text in files.items():
        write_atomically(folder / name, text.encode("utf-8"))
    if not settings.quiet:
        for name in files:
            click.echo(one_line(f"wrote {folder / name}"))
        if not organisation:
            click.echo(
                one_line(
                    f"write your organisation's name in {folder / 'make-brief.toml'} "
                    "(organisation = ...)"
                )
            )
        where = "" if folder == Path(".") else f"cd {_shell_word(str(folder))} && "
        click.echo(
            one_line(
                f"next: fill in {STARTER_FILE}, then: {where}make-brief build "
                "(renders content/ into build/)"
            )
        )
    return EXIT_OK


def _interactive() -> bool:
    """Whether someone is there to answer a question (not a script, not CI)."""
    return sys.stdin.isatty()


def _checked_organisation(name: str) -> str:
    """``name`` as make-brief.toml would take it, or a usage error saying what is wrong."""
    from pydantic import ValidationError

    from ..content.config import Config

    name = name.strip()
    if not name:
        return ""
    try:
        Config(organisation=name)
    except ValidationError as exc:
        reason = exc.errors()[0]["msg"]
        raise UsageError(f"--organisation: {reason}") from None
    if not name.isprintable():
        raise UsageError("--organisation: write the name on one line, without control characters")
    return name


def _shell_word(text: str) -> str:
    import shlex

    return shlex.quote(text)


def project_files(organisation: str) -> dict[str, str]:
    """Each file ``init`` writes, by its path in the project, with its text."""
    from .schema import schema_text

    return {
        "make-brief.toml": _config(organisation),
        STARTER_FILE: _starter(),
        SCHEMA_FILE: schema_text() + "\n",
        ".vscode/settings.json": _json(
            {
                # The Red Hat YAML extension (redhat.vscode-yaml): the schema, for the
                # content files only, paths from the project's folder.
                "yaml.schemas": {f"./{SCHEMA_FILE}": ["content/*.yaml"]},
            }
        ),
        ".vscode/extensions.json": _json({"recommendations": ["redhat.vscode-yaml"]}),
        ".gitignore": GITIGNORE,
        WORKFLOW_FILE: WORKFLOW.format(version=__version__, packages=" ".join(APT_PACKAGES)),
    }


def _json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _toml_string(text: str) -> str:
    # A JSON string is a TOML basic string: the same quotes and the same escapes.
    return json.dumps(text, ensure_ascii=False)


def _config(organisation: str) -> str:
    if organisation:
        line = f"organisation = {_toml_string(organisation)}"
    else:
        line = '# organisation = "Name of your administration"   # write it, then remove the #'
    return CONFIG.format(organisation=line)


def _starter() -> str:
    # The modeline gives editors that run yaml-language-server without the VS Code
    # settings (Neovim, Emacs, Helix...) the schema; it is a comment to everything else.
    return f"# yaml-language-server: $schema=../{SCHEMA_FILE}\n" + starter_content()


CONFIG = """\
# make-brief project settings. Every key is optional; what each one does is in the
# make-brief documentation (docs/content-format.md, "Project settings").

# Your organisation, printed above "Briefing note" on every brief.
{organisation}

# Your logo (PNG, JPEG or SVG), from this folder:
# logo = "assets/logo.png"

# The marking at the top and bottom of every page, for briefs that set none. Without it,
# a brief is marked unclassified in its own language (UNCLASSIFIED, NON CLASSIFIÉ...).
# classification = "UNCLASSIFIED"

# The language of briefs that name none: en, fr, es or ar.
# language = "en"

# Your own Word styles for the DOCX: a .docx made in Word, from this folder.
# reference_docx = "assets/reference.docx"
"""

GITIGNORE = """\
# What make-brief makes: built again from content/ by make-brief build (and publish).
build/
site/
.make-brief-*
"""

WORKFLOW = """\
# Checks every content file and builds every brief on each push and pull request; the
# PDFs and Word files of a run are kept as its "briefs" artifact (the run's Summary page).
# Written by make-brief init; yours to change.
name: Briefs

on:
  push:
  pull_request:
  workflow_dispatch:

permissions:
  contents: read

jobs:
  briefs:
    runs-on: ubuntu-24.04
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4

      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"

      - name: Install what WeasyPrint needs to print PDFs
        run: |
          sudo apt-get update
          sudo apt-get install --yes --no-install-recommends {packages}

      # The version that wrote this file: raise it when you choose to upgrade, so that
      # the same content keeps giving the same briefs.
      - name: Install make-brief
        run: pip install "make-brief=={version}"

      - name: Check the content files
        run: make-brief check

      - name: Build the briefs
        run: make-brief build

      - name: Keep the briefs
        if: ${{{{ !cancelled() }}}}
        uses: actions/upload-artifact@v4
        with:
          name: briefs
          path: build/
          if-no-files-found: warn
"""
