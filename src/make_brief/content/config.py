"""The optional project config, ``make-brief.toml``: who publishes and the defaults.

An organisation sets its name, logo and default marking once here instead of in every
content file. Unknown keys are errors (a misspelt ``clasification`` must not silently
drop a handling marking).

Problems are said as for a content file, ``make-brief.toml:4:18: key: what to write``:
TOML's own messages ("Invalid value") name neither the key nor the fix, and the mistakes
people make in it are few (text without quotes, Word's quotes, ``yes`` for ``true``).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import Problem, UsageError
from .values import BRIEF_TYPES, MAX_PAGE_BUDGET, BriefType, Language, Line, TemplateName

CONFIG_NAME = "make-brief.toml"
#: The pages each type of brief may take before its back matter, unless make-brief.toml
#: (``[page_budgets]``) or the content file (``page_budget:``) says otherwise; 0: none.
#: What the reader's office enforces: a briefing note is two pages, talking points one.
DEFAULT_PAGE_BUDGETS: dict[str, int] = {
    "briefing-note": 2,
    "talking-points": 1,
    "meeting-report": 0,
}
_LOGO_SUFFIXES = {".png", ".jpg", ".jpeg", ".svg"}


class Config(BaseModel):
    """Project-wide settings; every field has a default so the file is optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Printed in the masthead and as the outputs' author. None by default: a brief must
    #: never carry another body's name because its project left this out.
    organisation: Line | None = None
    logo: Path | None = None
    classification: Line = "UNCLASSIFIED"
    language: Language = "en"
    template: TemplateName = "briefing-note"
    #: An organisation's own reference .docx made in Word; its styles win in the DOCX.
    reference_docx: Path | None = None
    #: Hyphenate the PDF's text by the brief's language (off by default: a word split at
    #: a line end is a word that copy-paste and text search no longer find whole).
    hyphenate: bool = False
    #: The only markings ``make-brief publish`` may put on a site: a restricted brief
    #: never reaches a public page by mistake. By default the unclassified and public
    #: markings in the built-in languages (compared ignoring case).
    publish_allowed: tuple[Line, ...] = (
        "UNCLASSIFIED",
        "PUBLIC",
        "NON CLASSIFIÉ",
        "SIN CLASIFICAR",
        "PÚBLICO",
        "غير مصنف",
    )
    #: Page budgets by type of brief, over DEFAULT_PAGE_BUDGETS (0: no budget).
    page_budgets: dict[BriefType, Annotated[int, Field(strict=True, ge=0, le=MAX_PAGE_BUDGET)]] = {}
    #: A brief over its page budget fails instead of being built with a warning (for CI;
    #: ``make-brief build --strict`` does the same for one run).
    strict: bool = False
    #: The order of handling markings, lowest first, for briefing books (book/markings.py):
    #: each entry one marking, or a list of the words that rank alike (one per language).
    #: Empty: the built-in order.
    markings: tuple[Line | tuple[Line, ...], ...] = ()
    #: The folder the config was found in; project templates live below it.
    root: Path = Path(".")

    @field_validator("logo")
    @classmethod
    def _logo_is_an_image(cls, logo: Path | None) -> Path | None:
        if logo is not None and logo.suffix.lower() not in _LOGO_SUFFIXES:
            raise ValueError(f"'{logo}' is not a PNG, JPEG or SVG image")
        return logo

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    def page_budget(self, brief_type: str, own: int | None = None) -> int | None:
        """The pages a brief of ``brief_type`` may take: its ``own`` page_budget, else
        this config's, else the type's default; None when that is 0 (no budget)."""
        if own is not None:
            return own
        pages = self.page_budgets.get(brief_type, DEFAULT_PAGE_BUDGETS.get(brief_type, 0))
        return pages or None


def load_config(path: Path | None = None, *, root: Path | None = None) -> Config:
    """Read ``make-brief.toml`` (``path``, or the one in ``root``); defaults when absent."""
    root = (root or Path.cwd()).resolve()
    if path is None:
        path = root / CONFIG_NAME
        if not path.is_file():
            return Config(root=root)
    else:
        path = path.resolve()
        root = path.parent
    shown = _shown(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{shown}: cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{shown}: is not UTF-8; save it as UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(str(_toml_problem(shown, text, exc))) from None
    lines = text.splitlines()
    if "root" in data:
        raise UsageError(str(_at(shown, lines, "root", "unknown key")))
    try:
        config = Config(**data, root=root)
    except ValidationError as exc:
        raise UsageError([str(_describe(shown, lines, err)) for err in exc.errors()]) from None
    if config.logo is not None:
        logo = (root / config.logo).resolve()
        if not logo.is_file():
            raise UsageError(str(_at(shown, lines, "logo", f"'{config.logo}' does not exist")))
        config = config.model_copy(update={"logo": logo})
    if config.reference_docx is not None:
        reference = (root / config.reference_docx).resolve()
        if reference.suffix.lower() != ".docx" or not reference.is_file():
            raise UsageError(
                str(
                    _at(
                        shown,
                        lines,
                        "reference_docx",
                        f"'{config.reference_docx}' is not a .docx file",
                    )
                )
            )
        config = config.model_copy(update={"reference_docx": reference})
    return config


def _shown(path: Path) -> str:
    """The file as the user would name it: relative to the working folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


#: ``key = value`` on one line, and a comment after it.
_PAIR = re.compile(r"\s*([A-Za-z0-9_-]+)\s*(=|:)?\s*(.*?)\s*(#.*)?$")


def _at(shown: str, lines: list[str], key: str, message: str) -> Problem:
    """A problem with ``key``, at the line where the file sets it."""
    for number, line in enumerate(lines, start=1):
        match = _PAIR.match(line)
        if match and match.group(1) == key and match.group(2) == "=":
            return Problem(shown, number, match.start(3) + 1, key, message)
    return Problem(shown, field=key, message=message)


def _describe(shown: str, lines: list[str], error: dict[str, Any]) -> Problem:
    if error["loc"][0] == "page_budgets":
        return _budget_problem(shown, lines, error)
    key = ".".join(str(p) for p in error["loc"][:1])
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        allowed = [n for n in Config.model_fields if n != "root"]
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
        problem = _at(shown, lines, key, f"unknown key; {hint}")
        return Problem(problem.path, problem.line, 1 if problem.line else 0, key, problem.message)
    if kind == "string_type":
        message = f'must be text, in quotes: {key} = "{_toml_text(value)}"'
    elif kind in ("bool_type", "bool_parsing"):
        message = f"write true or false, without quotes: {key} = true"
    elif kind in ("tuple_type", "list_type"):
        items = value if isinstance(value, list) else [value]
        listed = ", ".join(f'"{_toml_text(v)}"' for v in items)
        message = f"must be a list, in brackets: {key} = [{listed}]"
    elif kind == "string_too_short":
        message = "is empty; write a value or delete the line"
    elif kind == "value_error":
        message = str(error["ctx"]["error"])
    else:
        message = error["msg"]
    return _at(shown, lines, key, message)


def _budget_problem(shown: str, lines: list[str], error: dict[str, Any]) -> Problem:
    """A problem with the ``[page_budgets]`` table, at the line of the type it names."""
    loc = error["loc"]
    types = ", ".join(BRIEF_TYPES)
    if len(loc) == 1:
        problem = _at(shown, lines, "page_budgets", "")
        return replace(
            problem,
            message=(
                "must be a table of pages by type of brief: a line [page_budgets], then "
                f"one line per type, {BRIEF_TYPES[0]} = 2"
            ),
        )
    kind = str(loc[1])
    line, col = _budget_line(lines, kind)
    if len(loc) > 2:  # the key itself: not a type of brief
        close = difflib.get_close_matches(kind, BRIEF_TYPES, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"the types are {types}"
        message = f"not a type of brief; {hint}"
        col = 1 + len(lines[line - 1]) - len(lines[line - 1].lstrip()) if line else 0
    else:
        message = (
            f"must be a whole number of pages from 0 (no budget) to {MAX_PAGE_BUDGET}, "
            f"without quotes: {kind} = {DEFAULT_PAGE_BUDGETS.get(kind, 2) or 2}"
        )
    return Problem(shown, line, col if line else 0, f"page_budgets.{kind}", message)


def _budget_line(lines: list[str], kind: str) -> tuple[int, int]:
    """Where ``kind`` is set: a line of the ``[page_budgets]`` table,
    ``page_budgets.<kind> = ..``, or the inline table ``page_budgets = {..}``."""
    inside = False
    dotted = re.compile(rf"\s*page_budgets\s*\.\s*[\"']?{re.escape(kind)}[\"']?\s*=\s*")
    for number, line in enumerate(lines, start=1):
        text = line.split("#")[0].strip()
        if text.startswith("["):
            inside = text == "[page_budgets]"
            continue
        found = dotted.match(line)
        if found:
            return number, found.end() + 1
        pair = _PAIR.match(line)
        if pair is None or pair.group(2) != "=":
            continue
        if (inside and pair.group(1) == kind) or (not inside and pair.group(1) == "page_budgets"):
            return number, pair.start(3) + 1
    return 0, 0


def _toml_text(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return str(value).replace("\\", "/").replace('"', "'")


#: What tomllib says, and where: "Invalid value (at line 4, column 18)".
_WHERE = re.compile(
    r"^(?P<what>.*?) \(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$"
)
#: The keys whose value is true or false, or a list.
_BOOLEANS = {name for name, f in Config.model_fields.items() if f.annotation is bool}
_LISTS = {"publish_allowed"}


def _toml_problem(shown: str, text: str, exc: tomllib.TOMLDecodeError) -> Problem:
    """A TOML syntax error in the words of someone who edits this one file by hand."""
    found = _WHERE.match(str(exc))
    what = found.group("what") if found else str(exc)
    lines = text.splitlines()
    if found and found.group("line"):
        number, col = int(found.group("line")), int(found.group("col"))
    else:  # at the end: the last line that holds something
        number = next((i + 1 for i in reversed(range(len(lines))) if lines[i].strip()), 1)
        col = len(lines[number - 1]) + 1 if lines else 1
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    pair = _PAIR.match(line)
    key = pair.group(1) if pair else ""
    raw = pair.group(3) if pair else ""
    start = pair.start(3) + 1 if pair and pair.group(3) else col
    message = _toml_message(what, key, raw, pair.group(2) if pair else None)
    if raw[:1] in ('"', "'") and raw.count(raw[0]) == 1:
        col = start  # where the string that never ends begins
    if what == "Invalid value" or what.startswith("Expected '='"):
        col = start if raw else col
    if pair and pair.group(2) is None and not what.startswith("Expected '='"):
        # The next line of a list written over several lines: the key is above.
        above = [_PAIR.match(text) for text in reversed(lines[: number - 1])]
        owner = next((m.group(1) for m in above if m and m.group(2) == "="), "")
        item = line.strip().rstrip(",").strip("\"'")
        key, message = owner, f'each item of the list must be in quotes: "{item}"'
        col = len(line) - len(line.lstrip()) + 1
    return Problem(shown, number, col, key, message)


def _toml_message(what: str, key: str, raw: str, sign: str | None) -> str:
    words = raw.strip("[]").strip()
    if what.startswith("Expected '='"):
        value = _quoted(raw) if raw else '"..."'
        if sign == ":":
            return f"write '=' between the key and its value, not ':': {key} = {value}"
        return f"an '=' is missing after {key}: {key} = {value}"
    if what.startswith("Cannot overwrite") or what.startswith("Cannot declare"):
        return "is set twice; keep one of the two lines"
    if raw[:1] in ('"', "'") and raw.count(raw[0]) == 1:
        return f"the quote {raw[0]} opened here is never closed; end the value with {raw[0]}: {key} = {raw}{raw[0]}"
    if what.startswith("Unescaped '\\'"):
        return (
            "a \\ inside double quotes starts an escape; write paths with / "
            f'(or in single quotes): {key} = "{raw.strip(chr(34)).replace(chr(92), "/")}"'
        )
    if what.startswith("Expected newline or end of document"):
        if raw[:1] in ('"', "'") and raw.count(raw[0]) > 2:
            inner = raw[1:-1] if raw[-1] == raw[0] else raw[1:]
            other = "'" if raw[0] == '"' else '"'
            return (
                f"the value holds a {raw[0]}, which ends it early; put it in {other} quotes "
                f"instead: {key} = {other}{inner}{other}"
            )
        return f"one value per line; put the whole value in quotes: {key} = {_quoted(raw)}"
    if what == "Invalid value":
        if raw[:1] in ("“", "‘", "”", "’"):
            pair = "“ and ”" if raw[0] in "“”" else "‘ and ’"
            return (
                f"{pair} are Word's curly quotes, which TOML does not read as quotes; use "
                f'straight quotes: {key} = "{raw.strip("“”‘’")}"'
            )
        if not raw:
            return f'has no value; write one after the =, in quotes: {key} = "..."'
        if raw.startswith("[") and "]" not in raw:
            return f"the '[' opened here is never closed; end the list with ']': {key} = {raw.rstrip(',')}]"
        if key in _BOOLEANS:
            return f"write true or false, in lower case and without quotes: {key} = {_boolean(raw)}"
        if key in _LISTS:
            items = [w.strip().strip("\"'") for w in words.split(",") if w.strip()]
            listed = ", ".join(f'"{w}"' for w in items)
            return f"each item must be in quotes, the list in brackets: {key} = [{listed}]"
        return f"text must be in quotes: {key} = {_quoted(raw)}"
    return f"is not valid TOML ({what})"


def _boolean(raw: str) -> str:
    return "false" if raw.strip("\"'").lower() in ("no", "false", "off", "0", "n") else "true"


def _quoted(raw: str) -> str:
    """``raw`` as a TOML string: in double quotes, or single ones if it holds a ``"``
    or a ``\\``."""
    raw = raw.strip()
    if raw[:1] in ('"', "'") and raw[-1:] == raw[:1] and len(raw) > 1:
        return raw
    if '"' in raw or "\\" in raw:
        return f"'{raw}'"
    return f'"{raw}"'
