"""The commented starter file ``make-brief new`` writes: the format, taught by example."""

from __future__ import annotations

from importlib.resources import files


def starter_content() -> str:
    return files(__package__).joinpath("starter.yaml").read_text(encoding="utf-8")
