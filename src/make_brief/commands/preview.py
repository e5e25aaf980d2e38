"""``make-brief preview``: a local page that shows a brief as it is saved.

Runs until Ctrl-C (or SIGTERM), which stops it cleanly with one line and status 0:
stopping is how a preview ends, not a failure. Status 2 when a path does not exist or
the port is taken.
"""

from __future__ import annotations

import signal
from pathlib import Path
from types import FrameType

import click

from ..errors import one_line
from .exits import EXIT_OK, exit_codes
from .options import paths_argument
from .settings import Settings


@click.command("preview")
@paths_argument
@click.option(
    "--port",
    type=click.IntRange(min=0, max=65535),
    default=0,
    help="Port on 127.0.0.1 to serve on [default: a free one].",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.pass_obj
@exit_codes
def command(settings: Settings, paths: tuple[Path, ...], port: int, open_browser: bool) -> int:
    """Show PATHS (a content file, or a folder of them: an index; default content/) on
    a local web page, and build a brief again each time its file, the project's
    templates/ or make-brief.toml is saved. The page follows by itself: the new pages,
    or the problems with their lines in place of the pages until they are fixed.

    The page is served on 127.0.0.1 only, to this machine; nothing is written to disk.
    Ctrl-C stops.
    """
    from ..preview import Outcome, serve
    from .reporting import Reporter, warning_line

    reporter = Reporter(settings.quiet, verb="previewed", debug=settings.debug)

    def ready(url: str) -> None:
        click.echo(f"preview at {url} (Ctrl-C stops)")

    def outcome(done: Outcome) -> None:
        result = done.result
        for problem in result.problems:
            reporter.problem(problem)
        for warning in result.warnings:
            reporter.warning(warning)
        if result.traceback and settings.debug:
            click.echo(result.traceback, err=True, nl=False)
        if result.ok and not settings.quiet:
            pages = len(done.view.pages)
            reporter.line(
                f"previewed {result.source}: {pages} page{'s' if pages != 1 else ''} "
                f"in {done.view.seconds:.2f} s"
            )

    def alert(lines: tuple[str, ...]) -> None:
        for line in lines:
            click.echo(one_line(line), err=True)

    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        serve(
            paths,
            config_path=settings.config_path,
            port=port,
            open_browser=open_browser,
            debug=settings.debug,
            describe_warning=warning_line,
            on_ready=ready,
            on_outcome=outcome,
            on_alert=alert,
        )
    except KeyboardInterrupt:
        click.echo("preview stopped", err=True)
    finally:
        signal.signal(signal.SIGTERM, previous)
    return EXIT_OK


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM stops the preview as Ctrl-C does, cleanly."""
    raise KeyboardInterrupt
