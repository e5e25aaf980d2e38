"""``python -m make_brief`` is ``make-brief``."""

from .cli import main

main(prog_name="make-brief")
