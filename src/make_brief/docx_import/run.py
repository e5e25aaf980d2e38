"""One import: an edited DOCX against the content file it was built from.

The DOCX make-brief would write today from the content file is built again in memory and
read like the edited one; the two readings are compared field by field (merge.py). What
the edited one holds outside every field, and what the format cannot hold, is said with
its place; comments and pending tracked changes are listed against the fields they sit
on. Nothing here writes: the command decides.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..build.check import prepare
from ..content.config import Config
from ..errors import ContentError, Problem
from ..render.docx.package import HASH_PROPERTY, SOURCE_PROPERTY
from .fields import Reading, read_fields
from .merge import Change, apply, changes
from .places import in_docx, line_of, near_field, shown
from .reader import Docx, read_docx

#: A Word document larger than this is not a brief.
MAX_DOCX_BYTES = 50 * 2**20
#: Paragraph styles any text field may take besides the ones make-brief wrote.
_TEXT_STYLES = frozenset({"Normal", "List Bullet", "List Bullet 2", "List Bullet 3",
                          "List Number", "List Number 2", "List Number 3", "List Continue",
                          "List Paragraph", "Body Text", "Text Body", "Default Paragraph Style"})  # fmt: skip


@dataclass
class Outcome:
    content: Path
    old: bytes
    new: bytes
    notes: list[str] = field(default_factory=list)  # comments and tracked changes
    problems: list[str] = field(default_factory=list)  # what cannot be brought back
    conflicts: list[str] = field(default_factory=list)  # --force over a changed file
    changed: list[str] = field(default_factory=list)  # the fields that take new values

    def diff(self) -> str:
        name = self.content.as_posix()
        lines = difflib.unified_diff(
            self.old.decode().splitlines(keepends=True),
            self.new.decode().splitlines(keepends=True),
            f"{name} (before)",
            f"{name} (from Word)",
        )
        return "".join(lines)


def import_docx(docx: Path, content: Path | None, config: Config, force: bool) -> Outcome:
    name = str(docx)
    data = _read(docx)
    edited = read_docx(name, data)
    source = edited.properties.get(SOURCE_PROPERTY)
    recorded = edited.properties.get(HASH_PROPERTY)
    if not source or not recorded:
        raise ContentError([Problem(name, message=(
            "was not written by make-brief (it names no content file it came from); "
            "import brings back only a DOCX that `make-brief build` wrote"))])  # fmt: skip
    if not edited.names:
        raise ContentError([Problem(name, message=(
            "holds no field bookmarks: its template marks no content field with data-field "
            "(see docs/word-round-trip.md), so no edit can be placed"))])  # fmt: skip
    if edited.repeated:
        raise ContentError([Problem(name, message=(
            "holds the fields of several briefs (a briefing book?); import the DOCX of "
            "each brief, as `make-brief build` wrote it"))])  # fmt: skip
    # The name is relative to make-brief.toml's folder (render/job.py source_name).
    path = content or _as_typed(config.root / source)
    if not path.is_file():
        raise ContentError([Problem(name, message=(
            f"was built from {source}, which is not there; name the content file with -o"))])  # fmt: skip
    raw = path.read_bytes()
    stale = hashlib.sha256(raw).hexdigest() != recorded
    if stale and not force:
        raise ContentError([Problem(str(path), message=(
            f"changed since {docx.name} was built from it; importing would overwrite those "
            "changes: rebuild and edit again, or --force to see the conflicts and take "
            "the DOCX's values"))])  # fmt: skip
    item = prepare(path, config)
    separator = item.context["labels"].get("separator", ", ")
    original = read_docx(name, _rebuild(item, config))
    before, after = read_fields(original, separator), read_fields(edited, separator)
    outcome = Outcome(path, raw, raw)
    outcome.problems = _unmappable(name, original, edited, before, after)
    tree = item.loaded.tree
    _notes(outcome, edited, after, tree)
    new_tree = _round_trip(raw)
    found = changes(new_tree, before, after, separator)
    outcome.changed = [shown(c.path) for c in found]
    if stale:
        outcome.conflicts = [
            f"{path}:{line_of(tree, c.path)}: {shown(c.path)}: the content file changed since "
            "the DOCX was built, and the DOCX's value differs: --force takes the DOCX's"
            for c in found
        ]
    if found:
        apply(new_tree, found)
        outcome.new = _dump(new_tree, raw)
        _validate(path, outcome.new)
    return outcome


def _read(docx: Path) -> bytes:
    try:
        if docx.stat().st_size > MAX_DOCX_BYTES:
            raise ContentError([Problem(str(docx), message="is too large to be a brief")])
        return docx.read_bytes()
    except OSError as exc:
        raise ContentError(
            [Problem(str(docx), message=f"cannot be read: {exc.strerror}")]
        ) from None


def _rebuild(item: Any, config: Config) -> bytes:
    """The DOCX make-brief writes from the content file as it is now."""
    from ..build.run import Renderer, RenderSettings
    from ..render.docx import DocxWriter

    job = Renderer(RenderSettings(Path("."), ("docx",), config)).job(item)
    return DocxWriter().render(job).data


def _unmappable(
    name: str, original: Docx, edited: Docx, before: Reading, after: Reading
) -> list[str]:
    out: list[str] = []

    def say(index: int, what: str) -> None:
        out.append(f"{name}: {in_docx(edited, index)}: {what}")

    # The template's own words (headings, labels) are matched in order with the ones
    # make-brief writes: one more is a paragraph typed outside any field.
    old = [p.text.strip() for p in before.outside if p.text.strip()]
    new = [p for p in after.outside if p.text.strip()]
    matcher = difflib.SequenceMatcher(None, old, [p.text.strip() for p in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or tag == "delete":
            continue
        for k, para in enumerate(new[j1:j2]):
            if tag == "replace" and i1 + k < i2:
                was = old[i1 + k]
                say(para.index, f"'{was[:40]}' is the template's own words, not content, and was "
                    f"changed to '{para.text.strip()[:40]}'; change it in the content or the template")  # fmt: skip
            else:
                near = near_field(edited, para.index)
                advice = f"; add it to {near}" if near else ""
                say(para.index, f"a new paragraph outside any field{advice}")
    signatures = {_table_text(original, t) for t in before.loose_tables}
    for number in after.loose_tables:
        if _table_text(edited, number) not in signatures:
            first = _first_para(edited, number)
            say(first, "a table added by hand; the content format holds tables only in annexes")
    known = {_row_text(row) for n in before.cell_tables for row in original.tables[n].rows}
    for number in after.cell_tables:
        for row in edited.tables[number].rows:
            paras = [p for cell in row for p in cell]
            if paras and not any(p.inner for p in paras) and _row_text(row) not in known:
                say(paras[0].index, "a row added by hand to a table of fields; add it to the "
                    "content file (a meeting's actions: agenda[N].actions)")  # fmt: skip
    allowed = _TEXT_STYLES | {p.style for p in original.paras if p.fields}
    for para in edited.paras:
        for what in dict.fromkeys(para.problems):
            say(para.index, f"{what}, which the content format cannot hold")
        if (
            para.inner is not None
            and para.table is None
            and para.style not in allowed
            and para.text.strip()
        ):
            say(para.index, f"the paragraph style '{para.style}' in {shown(para.inner)}, which "
                "the content format cannot hold")  # fmt: skip
    return out


def _table_text(doc: Docx, number: int) -> str:
    return "|".join(p.text for row in doc.tables[number].rows for cell in row for p in cell)


def _row_text(row: list[list[Any]]) -> str:
    return "|".join(p.text for cell in row for p in cell)


def _first_para(doc: Docx, number: int) -> int:
    return next((p.index for p in doc.paras if p.table == number), 0)


def _notes(outcome: Outcome, edited: Docx, after: Reading, tree: Any) -> None:
    """Comments and pending tracked changes, at the line of the field they sit on."""
    path = outcome.content
    for comment in edited.comments:
        field_path = after.field_of.get(comment.para) if comment.para is not None else None
        line = line_of(tree, field_path) if field_path else 1
        where = f" on {shown(field_path)}" if field_path else ""
        outcome.notes.append(f"{path}:{line}: comment by {comment.author}{where}: {comment.text}")
    for index, what in edited.changes:
        # A paragraph whose words were all deleted holds its field's bookmark only.
        field_path = after.field_of.get(index) or next(iter(edited.paras[index].emptied), None)
        line = line_of(tree, field_path) if field_path else 1
        where = shown(field_path) if field_path else "outside any field"
        outcome.notes.append(f"{path}:{line}: tracked change in {where}: {what}")


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a line the author did not fold
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _round_trip(raw: bytes) -> Any:
    return _yaml().load(raw.decode())


def _dump(tree: Any, raw: bytes) -> bytes:
    stream = io.StringIO()
    _yaml().dump(tree, stream)
    return stream.getvalue().encode()


def _validate(path: Path, data: bytes) -> None:
    """The file as it would be written must be a valid brief; its problems are said at
    the content file's name."""
    from ..content.load import load_brief

    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / path.name
        trial.write_bytes(data)
        try:
            load_brief(trial)
        except ContentError as exc:
            problems = [
                Problem(str(path), p.line, p.col, p.field, f"after the import, {p.message}")
                for p in exc.problems
            ]
            raise ContentError(problems) from None


__all__ = ["Change", "Outcome", "import_docx"]


def _as_typed(path: Path) -> Path:
    """``path`` as a user would type it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path
