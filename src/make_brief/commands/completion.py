"""``make-brief completion``: the shell completion script, for bash, zsh or fish.

Click already completes ``make-brief`` when the shell runs it with
``_MAKE_BRIEF_COMPLETE=bash_source``; this command prints the very same script (from
click's own completion classes), so users need not remember the variable's spelling and
the README can say one thing for every shell.
"""

from __future__ import annotations

import click

from .exits import EXIT_OK, exit_codes

#: The name the shell knows the program by: the script completes this word.
PROG_NAME = "make-brief"
#: What click reads to complete instead of run: ``_<PROG_NAME>_COMPLETE``.
COMPLETE_VAR = "_MAKE_BRIEF_COMPLETE"
SHELLS = ("bash", "zsh", "fish")


@click.command("completion")
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
@exit_codes
def command(ctx: click.Context, shell: str) -> int:
    """Print the completion script for SHELL (bash, zsh or fish).

    \b
    bash:  eval "$(make-brief completion bash)"     in ~/.bashrc
    zsh:   eval "$(make-brief completion zsh)"      in ~/.zshrc
    fish:  make-brief completion fish > ~/.config/fish/completions/make-brief.fish

    Commands, options, formats and file names are then completed with Tab.
    """
    from click.shell_completion import get_completion_class

    completion = get_completion_class(shell)
    assert completion is not None  # click knows every shell of SHELLS
    root = ctx.find_root().command
    click.echo(completion(root, {}, PROG_NAME, COMPLETE_VAR).source(), nl=False)
    return EXIT_OK
