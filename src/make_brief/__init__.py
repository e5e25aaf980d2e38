"""make-brief: structured summaries of meeting interventions to polished briefing notes.

The library logs through a NullHandler; the command line decides what is shown.
"""

import logging
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("make-brief")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
