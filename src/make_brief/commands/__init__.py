"""The commands room: one module per verb of the ``make-brief`` command line.

Each module defines one click command over the library below it and decides what is
shown; :data:`COMMANDS` is the list :mod:`make_brief.cli` loads them from, lazily, so
``make-brief check`` never imports the drafter, the publisher or WeasyPrint.
"""

#: Command name -> the module in this package that defines it (as ``command``).
COMMANDS = {
    "book": "book",
    "build": "build",
    "check": "check",
    "completion": "completion",
    "draft": "draft",
    "import": "import_",
    "init": "init",
    "new": "new",
    "preview": "preview",
    "publish": "publish",
    "schema": "schema",
    "templates": "templates",
}
