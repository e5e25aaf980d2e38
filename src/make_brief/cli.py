"""The ``make-brief`` command: a thin click layer over :mod:`make_brief.build`.

It parses options, calls the library and decides what is shown. Exit codes: 0 all built,
1 some content failed (the rest still built), 2 usage or config error, 3 internal error
(a bug: a traceback is shown then, and always with ``--debug``).
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .build import build, default_jobs
from .config import Config, load_config
from .deadline import DEFAULT_SECONDS
from .errors import MakeBriefError, UsageError
from .gather import BriefResult, check, collect_content
from .options import force_option, jobs_option
from .render import FORMATS
from .reporting import Reporter, make_reporter
from .starter import starter_content

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


def _exit_codes(command: Callable[..., int]) -> Callable[..., None]:
    """One place maps every outcome to an exit code and a message, never a raw traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            code = command(*args, **kwargs)
        except MakeBriefError as exc:
            click.echo(f"error: {exc}" if isinstance(exc, UsageError) else str(exc), err=True)
            if debug:
                traceback.print_exc()
            code = exc.exit_code
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            code = 130
        except Exception:  # a bug in make-brief: say so, with what is needed to report it
            click.echo(f"internal error in make-brief {__version__}; please report this:", err=True)
            traceback.print_exc()
            code = EXIT_BUG
        sys.exit(code)

    return wrapper


class _Settings:
    def __init__(self, quiet: bool, debug: bool, config_path: Path | None) -> None:
        self.quiet = quiet
        self.debug = debug
        self.config_path = config_path

    def config(self) -> Config:
        return load_config(self.config_path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="make-brief")
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
    ctx.obj = _Settings(quiet, debug, config_path)


_paths = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


class _Shard(click.ParamType):
    name = "K/N"

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[int, int]:
        if isinstance(value, tuple):
            return value
        try:
            k, n = (int(part) for part in str(value).split("/"))
        except ValueError:
            self.fail(f"'{value}' is not K/N, e.g. 2/3", param, ctx)
        if not 1 <= k <= n:
            self.fail(f"'{value}': K must be between 1 and N", param, ctx)
        return k, n


@main.command("build")
@_paths
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder the outputs are written to.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    type=click.Choice(FORMATS),
    multiple=True,
    help="Output format; repeat for several [default: all].",
)
@jobs_option
@force_option
@click.option(
    "--shard",
    type=_Shard(),
    metavar="K/N",
    help="Build only part K of N (1-based); the parts of all N machines make the whole.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_SECONDS,
    show_default=True,
    metavar="SECONDS",
    help="Time limit for rendering one brief (0: none).",
)
@click.option(
    "--report",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: print one JSON report of built, skipped and failed briefs on stdout.",
)
@click.pass_obj
@_exit_codes
def build_command(
    settings: _Settings,
    paths: tuple[Path, ...],
    out: Path,
    formats: tuple[str, ...],
    jobs: int | None,
    force: bool,
    shard: tuple[int, int] | None,
    timeout: float,
    report: str,
) -> int:
    """Validate PATHS (files or folders; default content/), then render every valid
    brief into OUT as <slug>.pdf, <slug>.docx and <slug>.html, with OUT/manifest.json.

    Briefs whose content, templates, config and tools are unchanged since the last build
    into OUT are skipped. A brief with problems is reported and left out; the others are
    still built, and the exit status is 1.
    """
    config = settings.config()
    files = paths or (Path("content"),)
    reporter = make_reporter(settings.quiet, report)
    found = collect_content(files)
    if not found:
        raise UsageError("no content files found (*.yaml); name files or folders to build")
    reporter.start(len(found))
    try:
        results = build(
            files,
            out,
            formats or FORMATS,
            config,
            jobs=jobs or default_jobs(),
            force=force,
            shard=shard,
            timeout=timeout,
            on_result=reporter.result,
        )
    except BaseException:
        reporter.abort()  # leave the terminal clean for the error message
        raise
    # A shard may hold none of the briefs (more machines than briefs): nothing to do.
    return _finish(reporter, results, empty_ok=shard is not None)


@main.command("check")
@_paths
@click.pass_obj
@_exit_codes
def check_command(settings: _Settings, paths: tuple[Path, ...]) -> int:
    """Validate PATHS (files or folders; default content/) without rendering anything."""
    results, _ = check(paths or (Path("content"),), settings.config())
    reporter = make_reporter(settings.quiet, "text", verb="valid")
    for result in results:
        reporter.result(result)
    return _finish(reporter, results)


@main.command("new")
@click.argument("slug")
@click.option(
    "-d",
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"),
    show_default=True,
    help="Folder to write the file in.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.pass_obj
@_exit_codes
def new_command(settings: _Settings, slug: str, folder: Path, force: bool) -> int:
    """Write a commented starter content file, FOLDER/SLUG.yaml, to fill in."""
    from .files import write_atomically

    if not slug or not all(c.isalnum() or c in "-_." for c in slug) or slug.startswith("."):
        raise UsageError(f"'{slug}' is not a file name; use letters, digits, '-' and '_'")
    target = folder / f"{slug.removesuffix('.yaml')}.yaml"
    if target.exists() and not force:
        raise UsageError(f"{target} exists already; pass --force to overwrite it")
    write_atomically(target, starter_content().encode("utf-8"))
    if not settings.quiet:
        click.echo(f"wrote {target}; fill it in, then: make-brief build {target}")
    return EXIT_OK


@main.command("templates")
@click.pass_obj
@_exit_codes
def templates_command(settings: _Settings) -> int:
    """List the template sets and where each comes from (project or built-in)."""
    from .templating import list_template_sets

    config = settings.config()
    for template_set in list_template_sets(config.templates_dir):
        default = " (default)" if template_set.name == config.template else ""
        click.echo(f"{template_set.name}{default}: {template_set.origin}")
        for folder in template_set.folders:
            click.echo(f"    {folder}")
    return EXIT_OK


@main.command("schema")
@_exit_codes
def schema_command() -> int:
    """Print the JSON Schema of the content format (for editor autocompletion)."""
    from .schema import Brief

    schema = Brief.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "make-brief content file (format v1)"
    click.echo(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def _finish(reporter: Reporter, results: list[BriefResult], empty_ok: bool = False) -> int:
    if not results and not empty_ok:
        raise UsageError("no content files found (*.yaml); name files or folders to build")
    reporter.finish(results)
    return EXIT_CONTENT if any(not r.ok for r in results) else EXIT_OK


# make-brief draft: from a news item to a first content file (make_brief.draft).
from .draft_command import register as register_draft  # noqa: E402

register_draft(main, _exit_codes)


# make-brief publish: a static site of the built briefs (make_brief.publish).
from .publish.command import register as register_publish  # noqa: E402

register_publish(main, _exit_codes)
