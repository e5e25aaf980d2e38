"""Command-line arguments and options shared by several commands, defined once so they
read alike."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import click

paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))

jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes at work at once, each on briefs of its own [default: the number of cores].",
)
force_option = click.option("--force", is_flag=True, help="Rebuild every brief, changed or not.")


#: Longest time limit per brief: a day. ``inf`` or more than a timer can hold is refused.
MAX_TIMEOUT = 86400.0


def finite(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """Refuse ``nan``, which passes every range check."""
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a number of seconds")
    return value


class Shard(click.ParamType):
    """``K/N``: part K of N (1-based)."""

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
