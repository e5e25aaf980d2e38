"""The ``make-brief`` command: the click entry point.

It holds the group and its global options only; each verb is a module of
:mod:`make_brief.commands`, imported when that verb runs (or ``--help`` lists them), so
a quick command never pays for the imports of a slow one. Exit codes: 0 all built,
1 some content failed (the rest still built), 2 usage or config error, 3 internal error
(a bug: a traceback is shown then, and always with ``--debug``).
"""

from __future__ import annotations

import logging
import os
from importlib import import_module
from pathlib import Path

import click

from . import package_version
from .commands import COMMANDS
from .commands.settings import Settings


class _LazyGroup(click.Group):
    """Commands are loaded by name from :data:`make_brief.commands.COMMANDS`; the group's
    own options may also follow the command (``make-brief build -q``)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _global_options_first(args))

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        return import_module(f"{__package__}.commands.{COMMANDS[cmd_name]}").command


#: The group's options, as they may be written after the command; True: takes a value.
_GLOBAL_OPTIONS = {"-q": False, "--quiet": False, "--debug": False, "-c": True, "--config": True}


def _global_options_first(args: list[str]) -> list[str]:
    """``args`` with the group's own options moved in front of the command name.

    Users write ``make-brief build -q`` as often as ``make-brief -q build``; no command
    has an option of these names, so moving them changes no command's meaning.
    """
    command_at = next(
        (i for i, arg in enumerate(args) if arg in COMMANDS and _is_argument(args, i)), None
    )
    if command_at is None:
        return args
    before, moved, rest = args[:command_at], [], []
    tail = args[command_at:]
    i = 0
    while i < len(tail):
        arg = tail[i]
        if arg == "--":
            rest += tail[i:]
            break
        name = arg.split("=", 1)[0]
        if i > 0 and name in _GLOBAL_OPTIONS:
            takes_value = _GLOBAL_OPTIONS[name] and "=" not in arg
            moved += tail[i : i + 1 + takes_value]
            i += 1 + takes_value
            continue
        rest.append(arg)
        i += 1
    return [*before, *moved, *rest]


def _is_argument(args: list[str], index: int) -> bool:
    """Whether ``args[index]`` stands alone rather than as the value of ``-c``."""
    return index == 0 or args[index - 1] not in ("-c", "--config")


def _print_version(ctx: click.Context, value: bool) -> None:
    """``--version``, as click's ``version_option`` says it; the installed metadata is
    read only then (``version_option`` reads it when the command line is built)."""
    if not value or ctx.resilient_parsing:
        return
    click.echo(f"make-brief, version {package_version()}", color=ctx.color)
    ctx.exit()


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, param, value: _print_version(ctx, value),
    help="Show the version and exit.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only problems (also when CI=true).")
@click.option("--debug", is_flag=True, help="Show tracebacks and the renderers' own log.")
@click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Project config file [default: ./make-brief.toml if present].",
)
@click.pass_context
def main(ctx: click.Context, quiet: bool, debug: bool, config_path: Path | None) -> None:
    """Turn structured summaries of meeting interventions (YAML content files) into
    polished briefing notes.

    \b
    Quick tour:
      make-brief new my-meeting        write content/my-meeting.yaml to fill in
      make-brief check                 validate content/ without rendering
      make-brief build                 render content/ into build/ (PDF, DOCX, HTML)
      make-brief draft news.html       a first content file from a news item

    The content format is described in docs/content-format.md.
    """
    quiet = quiet or os.environ.get("CI", "").lower() == "true" and not debug
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.ERROR, format="%(name)s: %(message)s"
    )
    ctx.obj = Settings(quiet, debug, config_path)
