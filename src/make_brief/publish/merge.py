"""Build folders as a site's inputs: read one, or join the folders of several shards.

A build folder is what ``make-brief build --out DIR`` leaves: the outputs and a
``manifest.json`` listing them, with their sha256. Each shard of a CI matrix uploads one;
the merge lists every brief once, with the folder its files are in. A slug found in two
folders is fine when the bytes are the same (a brief built twice) and refused when they
differ: the site cannot tell which one is right.

A build folder also lists the briefing books it bound (``books``; their files are
``books/<slug>.*``). A shard binds none (a book needs every part), but a folder built
whole may be published with ``--merge`` as well, so books are read the same way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ..build.manifest import MANIFEST_NAME
from ..build.results import BriefRecord
from ..errors import UsageError
from .listing import DEFAULT_TYPE, book_file_name

#: What a manifest entry must hold for the site; the build manifest has all of it.
REQUIRED = ("slug", "title", "date", "date_text", "classification", "formats")
REQUIRED_BOOK = ("slug", "title", "date", "classification", "language", "parts", "formats")
REQUIRED_PART = ("slug", "title", "classification")


@dataclass(frozen=True)
class Listed:
    """One brief (or book) of a build manifest and the build folder its files are in."""

    entry: dict[str, Any]
    folder: Path
    kind: Literal["brief", "book"] = "brief"

    @property
    def slug(self) -> str:
        return self.entry["slug"]

    def digests(self) -> dict[str, str]:
        """Format -> sha256 of each file the brief has: what two copies must agree on."""
        return {name: f["sha256"] for name, f in sorted(self.entry["formats"].items())}


def read_build(folder: Path) -> list[Listed]:
    """The briefs of one build folder, as its manifest lists them."""
    path = folder / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(
            f"{folder}: no {MANIFEST_NAME}; is it a folder written by make-brief build?"
        ) from None
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: cannot be read as a build manifest: {exc}") from None
    except RecursionError:
        raise UsageError(f"{path}: nested too deeply to be a build manifest") from None
    if not isinstance(data, dict) or data.get("generator") != "make-brief":
        raise UsageError(f"{path}: not a manifest written by make-brief build")
    if data.get("format") != 1 or not isinstance(data.get("briefs"), list):
        raise UsageError(f"{path}: a manifest format this make-brief does not know")
    if not isinstance(data.get("books", []), list):
        raise UsageError(f"{path}: books: not a list")
    listed = []
    for number, entry in enumerate(data["briefs"], start=1):
        missing = [key for key in REQUIRED if not isinstance(entry, dict) or key not in entry]
        if missing:
            raise UsageError(f"{path}: brief {number}: missing {', '.join(missing)}")
        # A manifest written before briefs had types: every brief was a briefing note.
        entry = {"type": DEFAULT_TYPE, **entry}
        _check_entry(entry, f"{path}: brief {number}", BriefRecord)
        listed.append(Listed(entry, folder))
    for number, entry in enumerate(data.get("books", []), start=1):
        where = f"{path}: book {number}"
        missing = [key for key in REQUIRED_BOOK if not isinstance(entry, dict) or key not in entry]
        if missing:
            raise UsageError(f"{where}: missing {', '.join(missing)}")
        _check_book(entry, where)
        listed.append(Listed(entry, folder, "book"))
    return listed


def _check_book(entry: dict[str, Any], where: str) -> None:
    """A book entry as a build writes it: the record's types, and each part a slug, a
    title and a marking (the page shows them)."""
    from ..book.results import BookRecord

    _check_entry(entry, where, BookRecord)
    for output in entry["formats"].values():
        book_file_name(output["file"], where)  # before anything is written
    try:
        date.fromisoformat(entry["date"])  # the page writes it out in the book's language
    except ValueError:
        raise UsageError(f"{where}: date: not a calendar date") from None
    for number, part in enumerate(entry["parts"], start=1):
        missing = [k for k in REQUIRED_PART if not isinstance(part, dict) or k not in part]
        if missing:
            raise UsageError(f"{where}: parts.{number}: missing {', '.join(missing)}")
        wrong = [k for k in (*REQUIRED_PART, "type") if k in part and not isinstance(part[k], str)]
        if part.get("page") is not None and type(part["page"]) is not int:
            wrong.append("page")
        if wrong:
            raise UsageError(f"{where}: parts.{number}.{wrong[0]}: not what a build writes")


def _check_entry(entry: dict[str, Any], where: str, record: type) -> None:
    """A manifest may come from another machine: every value must have the type and the
    shape a build writes, or the site would fail half-way (or print nonsense)."""
    from pydantic import TypeAdapter, ValidationError

    try:
        # JSON mode: strict types (no "3" for 3), and a JSON object may stand for the record.
        TypeAdapter(record).validate_json(json.dumps(entry), strict=True)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise UsageError(f"{where}: {field}: {first['msg'].lower()}") from None
    for name, output in entry["formats"].items():
        if not re.fullmatch(r"[0-9a-f]{64}", output["sha256"]):
            raise UsageError(f"{where}: formats.{name}.sha256: not a SHA-256 digest")
        if output["bytes"] < 0:
            raise UsageError(f"{where}: formats.{name}.bytes: negative")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["date"]):
        raise UsageError(f"{where}: date: not a date written YYYY-MM-DD")


def merge_builds(folders: Sequence[Path]) -> list[Listed]:
    """Every brief of ``folders`` once; conflicting copies of a slug are all reported."""
    if not folders:
        raise UsageError("--merge needs the build folders to join, e.g. shards/*")
    chosen: dict[tuple[str, str], Listed] = {}
    conflicts: list[str] = []
    for folder in folders:
        for item in read_build(folder):
            first = chosen.setdefault((item.kind, item.slug), item)
            if first is not item and first.digests() != item.digests():
                name = item.slug if item.kind == "brief" else f"book {item.slug}"
                conflicts.append(
                    f"  {name}: {first.folder} and {item.folder} hold different bytes "
                    f"({_short(first)} against {_short(item)})"
                )
    if conflicts:
        what = "brief or book" if any(c.startswith("  book ") for c in conflicts) else "brief"
        raise UsageError(
            [
                f"cannot merge: the same {what} was built differently in two folders:",
                *conflicts,
                "build every brief in one shard only, from the same commit",
            ]
        )
    return list(chosen.values())


def _short(item: Listed) -> str:
    return ", ".join(f"{fmt} {digest[:12]}" for fmt, digest in item.digests().items())
