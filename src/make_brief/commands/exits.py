"""Exit codes, and the one decorator that maps every outcome of a command to one.

0 all built; 1 some content failed (the rest still built); 2 usage or config error;
3 internal error (a bug: a traceback is shown then, and always with ``--debug``);
130 interrupted.
"""

from __future__ import annotations

import functools
import re
import sys
import traceback
from collections.abc import Callable
from typing import Any

import click

from .. import package_version
from ..errors import MakeBriefError, UsageError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


#: A message that starts with its place (``make-brief.toml:4:18: ...``) needs no prefix.
_PLACED = re.compile(r"\S+:\d+(:\d+)?: ")


def _shown(exc: MakeBriefError) -> str:
    text = str(exc)
    if isinstance(exc, UsageError) and not _PLACED.match(text):
        return f"error: {text}"
    return text


def exit_codes(command: Callable[..., int]) -> Callable[..., None]:
    """One place maps every outcome to an exit code and a message, never a raw traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            code = command(*args, **kwargs)
        except MakeBriefError as exc:
            click.echo(_shown(exc), err=True)
            if debug:
                traceback.print_exc()
            code = exc.exit_code
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            code = EXIT_INTERRUPTED
        except Exception:  # a bug in make-brief: say so, with what is needed to report it
            click.echo(
                f"internal error in make-brief {package_version()}; please report this:",
                err=True,
            )
            traceback.print_exc()
            code = EXIT_BUG
        sys.exit(code)

    return wrapper
