"""What a build shows while it runs and when it ends.

On a terminal: a progress bar (rich) with problems printed above it. In CI (``CI=true``)
or with ``--quiet``: only problems, warnings and a closing count, one plain line each.
With ``--report json``: one JSON document on standard output, for the next step of a
pipeline. Under GitHub Actions, problems and warnings are also annotations on the
content file's line.

A warning is printed ``path:line:col: warning: field: message`` (the shape compilers use,
which editors and CI problem matchers recognise), once per run however many briefs share
it (a project's label catalogue is read by every brief in its language).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from ..build.results import BriefResult
from ..errors import Problem, UsageError, one_line


class Reporter:
    """Plain lines: each brief as it finishes, every problem on standard error."""

    def __init__(self, quiet: bool, verb: str = "built", debug: bool = False) -> None:
        self.quiet = quiet
        self.verb = verb
        self.debug = debug
        self.github = os.environ.get("GITHUB_ACTIONS", "").lower() == "true"
        self._warned: set[Problem] = set()

    def start(self, total: int) -> None:
        pass

    def abort(self) -> None:
        pass

    def result(self, result: BriefResult) -> None:
        for problem in result.problems:
            self.problem(problem)
        for warning in result.warnings:
            self.warning(warning)
        if result.traceback and self.debug:
            click.echo(result.traceback, err=True, nl=False)
        if result.ok and not self.quiet:
            self.line(self._describe(result))

    #: Where annotations go: GitHub reads workflow commands from standard output.
    annotations_to_stderr = False

    def problem(self, problem: Problem) -> None:
        self.line(str(problem), err=True)
        if self.github:
            self.line(github_annotation(problem), err=self.annotations_to_stderr)

    def warning(self, warning: Problem) -> None:
        """Printed even when quiet: a warning is about what the outputs will say."""
        if warning in self._warned:
            return
        self._warned.add(warning)
        self.line(warning_line(warning), err=True)
        if self.github:
            self.line(github_annotation(warning, "warning"), err=self.annotations_to_stderr)

    def line(self, text: str, err: bool = False) -> None:
        click.echo(one_line(text), err=err)

    def finish(self, results: Sequence[BriefResult]) -> None:
        """The closing lines, always, quiet or not: in a long run the failures have
        scrolled away, so each failed file is named again just above the count."""
        failed = [r for r in results if not r.ok]
        skipped = sum(r.skipped for r in results)
        done = len(results) - len(failed) - skipped
        if len(results) > 1:
            for result in failed:
                self.line(f"failed: {result.source}", err=True)
        summary = f"{done} brief{'s' if done != 1 else ''} {self.verb}"
        if skipped:
            summary += f", {skipped} unchanged"
        self.line(f"{summary}, {len(failed)} failed", err=bool(failed))

    def _describe(self, result: BriefResult) -> str:
        if result.skipped:
            return f"skipped {result.source} (unchanged)"
        outputs = ", ".join(str(p) for p in result.outputs)
        return f"{self.verb} {result.source}" + (f" -> {outputs}" if outputs else "")


class ProgressReporter(Reporter):
    """A progress bar on a terminal; what would scroll past is printed above it."""

    def __init__(self, verb: str = "built", debug: bool = False) -> None:
        super().__init__(quiet=False, verb=verb, debug=debug)
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[current]}"),
            console=self.console,
            transient=True,
        )
        self.task = None

    def start(self, total: int) -> None:
        self.progress.start()
        self.task = self.progress.add_task("building", total=total, current="")

    def result(self, result: BriefResult) -> None:
        super().result(result)
        if self.task is not None:
            self.progress.update(self.task, advance=1, current=result.source.name)

    def line(self, text: str, err: bool = False) -> None:
        self.progress.console.print(one_line(text), markup=False, highlight=False, soft_wrap=True)

    def abort(self) -> None:
        self.progress.stop()

    def finish(self, results: Sequence[BriefResult]) -> None:
        self.progress.stop()
        super().finish(results)


class JsonReporter(Reporter):
    """Problems still go to standard error as they come; the report is the only stdout
    (annotations too go to standard error, which the Actions runner also reads)."""

    annotations_to_stderr = True

    def __init__(self, debug: bool = False) -> None:
        super().__init__(quiet=True, debug=debug)

    def finish(self, results: Sequence[BriefResult]) -> None:
        click.echo(json.dumps(json_report(results), indent=2, ensure_ascii=False))


def make_reporter(quiet: bool, report: str, verb: str = "built", debug: bool = False) -> Reporter:
    if report == "json":
        return JsonReporter(debug)
    if not quiet and sys.stderr.isatty() and os.environ.get("TERM") != "dumb":
        return ProgressReporter(verb, debug)
    return Reporter(quiet, verb, debug)


def finish(reporter: Reporter, results: list[BriefResult], empty_ok: bool = False) -> int:
    """Close a run: the closing lines, and the exit status its results call for."""
    if not results and not empty_ok:
        raise UsageError("no content files found (*.yaml); name files or folders to build")
    reporter.finish(results)
    if any(r.internal for r in results):
        return 3  # a bug in make-brief, though every other brief was built
    return 1 if any(not r.ok for r in results) else 0


def json_report(results: Sequence[BriefResult]) -> dict[str, Any]:
    def entry(result: BriefResult) -> dict[str, Any]:
        data: dict[str, Any] = {"source": str(result.source), "status": result.status}
        if result.ok:
            data["outputs"] = [str(p) for p in result.outputs]
        else:
            data["problems"] = [_json_problem(p) for p in result.problems]
        data["warnings"] = [_json_problem(p) for p in result.warnings]
        return data

    briefs = [entry(r) for r in results]
    return {
        "built": sum(r.status == "built" for r in results),
        "skipped": sum(r.status == "skipped" for r in results),
        "failed": sum(r.status == "failed" for r in results),
        "briefs": briefs,
    }


def _json_problem(p: Problem) -> dict[str, Any]:
    return {"path": p.path, "line": p.line, "column": p.col, "field": p.field, "message": p.message}


def warning_line(warning: Problem) -> str:
    """``path:line:col: warning: field: message``."""
    text = f"{warning.field}: {warning.message}" if warning.field else warning.message
    return str(replace(warning, field="", message=f"warning: {text}"))


def github_annotation(problem: Problem, kind: str = "error") -> str:
    """``::error file=…,line=…::…`` (or ``::warning``) with the escapes GitHub's workflow
    commands need."""

    def escape(text: str, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    where = f"file={escape(Path(problem.path).as_posix(), prop=True)}"
    if problem.line:
        where += f",line={problem.line},col={problem.col or 1}"
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return f"::{kind} {where}::{escape(message)}"
