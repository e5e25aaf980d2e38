"""Read a book file and find its parts; every problem at ``path:line:col``, all at once.

The file is read by the content loader's own steps (size cap, strict UTF-8, refused
characters, YAML without anchors or tags, positions kept), so a book file is held to
what a content file is. Each part is then prepared as ``make-brief build`` prepares a
brief; a part that is missing or invalid is reported at the book's line, followed by
the part's own problems at their lines.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ContentError, MakeBriefError, Problem

if TYPE_CHECKING:
    from ruamel.yaml.comments import CommentedMap

    from ..build.results import Prepared
    from ..content.config import Config
    from ..content.places import Loc
    from .schema import Book

#: Where books live in a content folder; their parts are looked up in its parent.
BOOKS_FOLDER = "books"


@dataclass(frozen=True)
class Part:
    """One brief of a book, prepared as a build prepares it, and where the book names it."""

    prepared: Prepared
    section: str | None  # the title of its section; None in a book without sections
    loc: Loc  # where the book names it (``sections[0].parts[1]``)

    @property
    def title(self) -> str:
        return self.prepared.loaded.brief.title

    @property
    def marking(self) -> str:
        return self.prepared.context["classification"]


@dataclass(frozen=True)
class LoadedBook:
    path: Path
    book: Book
    tree: CommentedMap
    raw: bytes
    parts: tuple[Part, ...]

    @property
    def slug(self) -> str:
        return self.path.stem

    def problem(self, loc: Loc, message: str) -> Problem:
        from ..content.places import dotted, locate

        line, col = locate(self.tree, loc)
        return Problem(str(self.path), line, col, dotted(loc), message)


def read_book(path: Path) -> tuple[Book, CommentedMap, bytes]:
    """The validated book file, its YAML tree (for placing later problems) and its bytes."""
    # The content loader's steps, in its order, up to the fields: a book is read as a
    # brief is.
    from pydantic import ValidationError

    from ..content import load as content_load
    from .schema import Book

    name = str(path)
    tree, raw = content_load.read_tree(path)

    try:
        book = Book.model_validate(content_load.plain_data(tree))
    except ValidationError as exc:
        raise ContentError(_schema_problems(name, tree, exc.errors())) from None
    return book, tree, raw


def load_book(path: Path, config: Config) -> LoadedBook:
    """The book and every part prepared; ContentError with every problem of all of them."""
    book, tree, raw = read_book(path)
    problems: list[Problem] = []
    parts: list[Part] = []
    for section, loc, written in named_parts(book):
        try:
            parts.append(Part(_prepare(path, written, config), section, loc))
        except _PartMissing as exc:
            problems.append(_at(path, tree, loc, str(exc)))
        except ContentError as exc:
            problems.append(
                _at(path, tree, loc, f"part '{written}' has problems (listed below); fix them")
            )
            problems += exc.problems
    seen: dict[Path, Loc] = {}
    for part in parts:
        source = part.prepared.loaded.path.resolve()
        if source in seen:
            problems.append(
                _at(path, tree, part.loc, "this brief is already a part of the book; name it once")
            )
        seen.setdefault(source, part.loc)
    if problems:
        # The book's own problems first, in its order; each part's follow it.
        raise _Ordered(problems)
    return LoadedBook(path, book, tree, raw, tuple(parts))


def named_parts(book: Book) -> list[tuple[str | None, Loc, str]]:
    """(section title, where the book names it, as written) for every part, in order."""
    if book.sections is not None:
        return [
            (section.title, ("sections", s, "parts", p), written)
            for s, section in enumerate(book.sections)
            for p, written in enumerate(section.parts)
        ]
    return [(None, ("parts", p), written) for p, written in enumerate(book.parts or [])]


def part_path(book_path: Path, written: str) -> Path:
    """A part as written: a path (with a ``/`` or ending ``.yaml``) relative to the book
    file, else a slug of the content folder, the parent of ``books/``."""
    if "/" in written or written.endswith((".yaml", ".yml")):
        return book_path.parent / written
    folder = book_path.parent
    content = folder.parent if folder.name == BOOKS_FOLDER else folder
    return content / f"{written}.yaml"


class _PartMissing(Exception):
    pass


class _Ordered(ContentError):
    """A ContentError whose problems stay in the order found: a part's line in the book,
    then that part's own problems (sorting would part them)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems
        MakeBriefError.__init__(self, [str(p) for p in problems])


def _prepare(book_path: Path, written: str, config: Config) -> Prepared:
    from ..build.check import prepare

    source = part_path(book_path, written)
    if not source.is_file():
        content = source.parent
        known = sorted(p.stem for p in content.glob("*.yaml")) if content.is_dir() else []
        close = difflib.get_close_matches(written, known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise _PartMissing(f"part '{written}': no content file {source}{hint}")
    return prepare(source, config)


def _at(path: Path, tree: Any, loc: Loc, message: str) -> Problem:
    from ..content.places import dotted, locate

    line, col = locate(tree, loc)
    return Problem(str(path), line, col, dotted(loc), message)


def _schema_problems(name: str, tree: Any, errors: list[dict[str, Any]]) -> list[Problem]:
    """pydantic's errors at their fields, in a book author's words."""
    from ..content.places import dotted, existing_part, locate
    from .schema import MAX_PARTS, Book, Section

    def close_field(loc: tuple[Any, ...]) -> str | None:
        owner = Section if "sections" in loc[:-1] else Book
        known = [f.alias or n for n, f in owner.model_fields.items()]
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        return close[0] if close else None

    # A field reported missing because it is misspelt is the misspelling's problem alone.
    explained = set()
    for error in errors:
        loc = tuple(p for p in error["loc"] if p != "[key]")
        if error["type"] == "extra_forbidden" and close_field(loc):
            explained.add((*loc[:-1], close_field(loc)))
    problems = []
    for error in errors:
        loc = tuple(p for p in error["loc"] if p != "[key]")
        kind = error["type"]
        if kind == "missing" and loc in explained:
            continue
        at = existing_part(tree, loc)
        line, col = locate(tree, at, key=kind == "extra_forbidden")
        if kind == "extra_forbidden":
            close = close_field(loc)
            message = "unknown field" + (f"; did you mean '{close}'?" if close else "")
        elif kind == "missing":
            where = f"to {dotted(loc[:-1])}" if loc[:-1] else "at the top of the file"
            message = f"missing; add a line '{loc[-1]}: ...' {where}"
        elif kind == "too_short":
            message = "is empty; name at least one brief (its slug, or a path to its file)"
        elif kind == "too_long":
            message = f"names more than {MAX_PARTS}; split the book in two"
        else:
            message = error["msg"].removeprefix("Value error, ")
        problems.append(Problem(name, line, col, dotted(loc), message))
    return sorted(set(problems))
