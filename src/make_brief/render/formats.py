"""The output formats, declared once.

This tuple is the only list of formats make-brief has: the command line's ``--format``
choices, the default formats of a build, the engine versions in the cache key, the file
names in the manifest and the files a published site carries are all read from it. A new
format is its writer module and one line here (docs/architecture.md, "Adding a writer").

Outputs are keyed by the format's name, never by the file suffix, so two formats may
share a suffix family (``.pdf`` and ``.pdfa.pdf``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module

from .job import Writer


@dataclass(frozen=True)
class Format:
    name: str  # what --format takes and what the manifest keys the file by
    suffix: str  # the file is <slug><suffix>
    media_type: str
    writer: str  # "module:Class" inside make_brief.render; imported when first used
    engines: tuple[str, ...] = ()  # distributions whose version changes the bytes
    default: bool = True  # built when no --format is given
    published: bool = False  # a published site offers it for download
    paged: bool = True  # printed on pages: a page budget applies to it

    def file_name(self, slug: str) -> str:
        return f"{slug}{self.suffix}"

    def load_writer(self) -> Writer:
        return _writer(self.writer)


FORMATS: tuple[Format, ...] = (
    Format("pdf", ".pdf", "application/pdf", "pdf:PdfWriter", ("weasyprint",), published=True),
    Format(
        "docx",
        ".docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx:DocxWriter",
        ("python-docx",),
        published=True,
    ),
    Format("html", ".html", "text/html", "html:HtmlWriter", paged=False),
    Format(
        "pdfa", ".pdfa.pdf", "application/pdf", "pdfa:PdfaWriter", ("weasyprint",), default=False
    ),
)

BY_NAME = {f.name: f for f in FORMATS}
NAMES = tuple(BY_NAME)
DEFAULT_NAMES = tuple(f.name for f in FORMATS if f.default)
PUBLISHED_NAMES = tuple(f.name for f in FORMATS if f.published)


def formats_named(names: tuple[str, ...] | list[str]) -> tuple[Format, ...]:
    """The formats of ``names`` in the registry's order (the order they are built in)."""
    wanted = set(names)
    return tuple(f for f in FORMATS if f.name in wanted)


@cache
def _writer(spec: str) -> Writer:
    module, _, cls = spec.partition(":")
    return getattr(import_module(f"{__package__}.{module}"), cls)()


@cache
def engine_versions(names: tuple[str, ...]) -> str:
    """The versions of the engines behind ``names``: a new engine may print other bytes."""
    # Imported here: a build of one file forks its render engine before it asks, and
    # importlib.metadata is a few hundredths of a second it need not wait for.
    from importlib.metadata import PackageNotFoundError, version

    engines = sorted({e for f in formats_named(names) for e in f.engines})
    found = []
    for package in engines:
        try:
            found.append(f"{package}={version(package)}")
        except PackageNotFoundError:
            found.append(f"{package}=none")
    return ";".join(found)
