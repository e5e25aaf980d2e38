"""make-brief: structured summaries of meeting interventions to polished briefing notes.

The library logs through a NullHandler; the command line decides what is shown.

``make_brief.__version__`` is read from the installed metadata the first time it is
asked for (:func:`package_version`), not when the package is imported: finding it
imports ``importlib.metadata`` and searches every folder of ``sys.path``, which a command
that never prints or records the version should not pay for.
"""

import logging
from functools import cache


@cache
def package_version() -> str:
    """make-brief's version as installed; 0.0.0 from a source tree never installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("make-brief")
    except PackageNotFoundError:
        return "0.0.0"


def __getattr__(name: str) -> str:
    # PEP 562: ``make_brief.__version__`` and ``from make_brief import __version__`` still
    # work, and read the metadata only then.
    if name == "__version__":
        return package_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


logging.getLogger(__name__).addHandler(logging.NullHandler())
