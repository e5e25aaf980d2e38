"""The content room: what an analyst writes, read, checked and enriched.

``load`` reads a content file (ruamel.yaml, positions kept) and validates it against
``schema`` (pydantic), every problem at ``path:line:col``, in an author's words
(``syntax/`` for YAML mistakes, ``schema_messages`` for the schema's, ``places`` to put
each at its line); ``config`` reads the project's
``make-brief.toml``; ``labels``, ``dates``, ``acronyms`` and ``markdown`` enrich a valid
brief, and ``context`` gathers exactly what a template receives. Nothing here renders,
writes a file or knows an output format; it imports only :mod:`make_brief.errors`.
"""
