"""From pydantic's validation errors to an author's problems, each at its field.

pydantic says ``Input should be a valid string`` at ``("speakers", 1, "name")``; an
author needs the line, the field as ``speakers[2].name`` and what to write instead. The
value as YAML read it is often the clue (a yes/no, a number, a list of one), and the line
as typed says how it was written, so both are read to say the fix in the author's words.
One mistake gives one problem: a field reported missing because it is misspelt is the
misspelling's problem alone.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from ..errors import Problem
from .lines import BULLET, CURLY_QUOTES, DASH, in_quotes, rewritten, split_line, without_comment
from .places import Loc, dotted, existing_part, locate, node_at, noun_of, the_noun
from .schema import MODELS, TYPE_NAMES, Message, field_names, model_for, types_with_field
from .schema_paths import brief_root, expected_kind, model_at, root_model
from .yaml_events import yaml_loader


def schema_problems(
    name: str, tree: CommentedMap, lines: list[str], errors: list[dict[str, Any]]
) -> list[Problem]:
    """One problem per mistake: a field reported missing because it is misspelt is the
    misspelling's problem, reported there alone."""
    with brief_root(model_for(tree)):
        return _schema_problems(name, tree, lines, errors)


def _schema_problems(
    name: str, tree: CommentedMap, lines: list[str], errors: list[dict[str, Any]]
) -> list[Problem]:
    explained = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = _clean(error["loc"])
            close = _close_field(loc)
            if close is not None:
                explained.add((*loc[:-1], close))
            elif _text_read_as_field(loc, tree):
                explained.add((*loc[:-1], "text"))
    problems = []
    for error in errors:
        loc = _clean(error["loc"])
        if error["type"] == "missing" and loc in explained:
            continue
        problems += _problems_from(name, tree, lines, error)
    return sorted(set(problems))


def _clean(loc: tuple[Any, ...]) -> Loc:
    return tuple(p for p in loc if p != "[key]")


def _close_field(loc: Loc) -> str | None:
    allowed = field_names(model_at(loc[:-1]) or root_model())
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _problems_from(
    name: str, tree: CommentedMap, lines: list[str], error: dict[str, Any]
) -> list[Problem]:
    loc = _clean(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "ragged_rows":
        columns = ctx["columns"]
        return [
            Problem(
                name,
                *locate(tree, (*loc, index)),
                dotted((*loc, index)),
                f"has {cells} cell{'s' if cells != 1 else ''}; the table has {columns} "
                f'columns: write one cell per column ("" for an empty one)',
            )
            for index, cells in ctx["rows"]
        ]
    value = error.get("input")
    if kind == "invalid_key":
        # ": x" (no name before the colon) or "2020: x" (a number as a name).
        node = node_at(tree, existing_part(tree, loc[:-1]))
        line, col = node.lc.key(value) if value in node else (node.lc.line, node.lc.col)
        message = (
            "a ':' with no field name before it; write the name of the field, as in title: ..."
            if value is None
            else f"the field name {value} is a number; a field's name is a word such as title"
        )
        return [Problem(name, line + 1, col + 1, dotted(existing_part(tree, loc[:-1])), message)]
    if kind == "extra_forbidden" and _text_read_as_field(loc, tree):
        # "- Guarantees: a shared guarantee": one line of text, read as a field.
        line, col = locate(tree, loc[:-1])
        text = f"{loc[-1]}: {node_at(tree, loc)}"
        message = (
            f"the ': ' makes YAML read this item as a field named '{loc[-1]}'; put the whole "
            f"item in quotes: - {in_quotes(text)} (or write heading: and text: on two lines)"
        )
        return [Problem(name, line, col, dotted(loc[:-1]), message)]
    # An empty value has no place of its own: it is where its key is.
    line, col = locate(tree, loc, key=kind == "extra_forbidden" or value is None)
    source = _source(lines, line, col)
    if kind == "string_type" and value is None:
        raw = split_line(lines[line - 1]) if 0 < line <= len(lines) else None
        if raw is not None and raw.text[raw.value_col :].startswith("#"):
            # "title: #1 priority": YAML reads all of it as a comment.
            comment = raw.text[raw.value_col :].strip()
            message = (
                f"is empty: YAML reads '{comment}' as a comment, not as the {noun_of(loc)}; put "
                f"the whole {noun_of(loc)} in quotes: "
                + rewritten(raw, raw.value_col, in_quotes(comment))
            )
            return [Problem(name, line, raw.value_col + 1, dotted(loc), message)]
    if kind in ("list_type", "tuple_type") and isinstance(value, str):
        bullets = _bullet_lines(lines, line - 1, col - 1, locate(tree, loc, key=True)[0] - 1)
        key_line = split_line(lines[locate(tree, loc, key=True)[0] - 1])
        below = split_line(lines[line]) if line < len(lines) else None
        if key_line.value and below is not None and below.dashes and " - " in value:
            return [
                Problem(
                    name,
                    line,
                    col,
                    dotted(loc),
                    f"the first item is on the line of {loc[-1]}:; put it on a line of its "
                    f"own below, like the others: - {source}",
                )
            ]
        if bullets and all(bullet == "-" for _, _, bullet, _ in bullets):
            return [
                Problem(
                    name,
                    number + 1,
                    dash_col + 1,
                    dotted(loc),
                    f"a list item needs a space after its '-': - {rest}",
                )
                for number, dash_col, _, rest in bullets
            ]
        if bullets:
            return [
                Problem(
                    name,
                    number + 1,
                    bullet_col + 1,
                    dotted(loc),
                    f"a '{bullet}' bullet: write '- ' instead: - {rest}",
                )
                for number, bullet_col, bullet, rest in bullets
            ]
    if (
        isinstance(value, str)
        and value[:1] in CURLY_QUOTES
        and kind not in ("string_too_long", "extra_forbidden")
    ):
        inner = value[1:].rstrip(CURLY_QUOTES[value[0]])
        message = (
            f"{'“ and ”' if value[0] in '“”„' else '‘ and ’'} are Word's curly quotes, which "
            f"YAML does not read as quotes; use straight quotes or none: "
            f"{_key_text(loc)}{inner}"
        )
    else:
        message = _message(kind, error, loc, tree, source)
    return [Problem(name, line, col, dotted(loc), message)]


def _text_read_as_field(loc: Loc, tree: CommentedMap) -> bool:
    """Whether the unknown field at ``loc`` is a list item of text with a ': ' in it."""
    if len(loc) < 2 or not isinstance(loc[-2], int) or model_at(loc[:-1]) is not Message:
        return False
    parent = node_at(tree, loc[:-1])
    return len(parent) == 1 and _close_field(loc) is None and isinstance(parent[loc[-1]], str)


def _bullet_lines(
    lines: list[str], first: int, col: int, key_line: int
) -> list[tuple[int, int, str, str]]:
    """The lines of a value starting at (``first``, ``col``) that start with a bullet,
    as long as they continue it (indented more than its key): with each bullet's place."""
    found = []
    key_indent = split_line(lines[key_line]).indent
    for number in range(first, len(lines)):
        text = lines[number].removesuffix("\r")
        if number > first and text.strip() and split_line(text).indent <= key_indent:
            break
        start = col if number == first else 0
        start += len(text[start:]) - len(text[start:].lstrip(" "))
        match = BULLET.match(text, start) or DASH.match(text, start)
        if match:
            found.append((number, start, match.group(2), text[match.end() :].strip()))
    return found


def _source(lines: list[str], line: int, col: int) -> str:
    """The value as typed on its line, without a comment after it."""
    if not 0 < line <= len(lines):
        return ""
    return without_comment(lines[line - 1].removesuffix("\r")[col - 1 :]).rstrip()


def _key_text(loc: Loc) -> str:
    """How the value at ``loc`` is introduced on its line: ``title: `` or ``- ``."""
    return "- " if loc and isinstance(loc[-1], int) else f"{loc[-1]}: " if loc else ""


def _message(kind: str, error: dict[str, Any], loc: Loc, tree: CommentedMap, source: str) -> str:
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"is required; add `{loc[-1]}: ...`"
    if kind == "extra_forbidden":
        return _unknown_field(loc, tree)
    if kind == "string_type":
        return _not_text(loc, value, tree, source)
    if kind == "string_too_short":
        return "is empty; write a value or leave the field out"
    if kind == "string_too_long":
        return f"is {len(value)} characters long; at most {ctx.get('max_length')} are allowed"
    if kind in ("list_type", "tuple_type"):
        if isinstance(value, str) and re.match(r"-[^\s-]", source):
            return f"a list item needs a space after its '-': write - {source[1:]}"
        return f"expected a list (lines starting with '- '), found {_describe(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        found = f"expected fields (name: value) here, found {_describe(value)}"
        model = model_at(loc)
        required = [
            info.alias or n
            for n, info in (model.model_fields.items() if model else ())
            if info.is_required()
        ]
        if isinstance(value, str) and required:
            if loc and isinstance(loc[-1], int):
                return f"{found}; write its fields, starting with - {required[0]}: {value}"
            return (
                f"{found}; write its fields on the lines below, indented by two spaces, "
                f"starting with {required[0]}: {value}"
            )
        return found
    if kind in ("float_type", "float_parsing"):
        if isinstance(value, str):
            return f"expected a number such as 2, found the text '{value}'; write it without quotes"
        return f"expected a number such as 2, found {_describe(value)}"
    if kind == "greater_than":
        return f"{value} is too small; write a number greater than {ctx.get('gt', 0):g}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number such as 2020, found {_describe(value)}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{value} is out of range ({ctx.get('ge', '')}..{ctx.get('le', '')})".replace(
            "(..", "("
        )
    if kind == "literal_error":
        return f"'{value}' is not allowed; write one of: {ctx.get('expected', '').replace(' or ', ', ')}"
    if kind == "too_long":
        return f"has {ctx.get('actual_length')} items; at most {ctx.get('max_length')} are allowed"
    if kind == "too_short":
        if _required(loc):
            return "is empty; give at least one item"
        return "is empty; give at least one item or leave the field out"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", error["msg"]))
    return error["msg"]


def _unknown_field(loc: Loc, tree: CommentedMap) -> str:
    key = loc[-1]
    elsewhere = types_with_field(str(key)) if len(loc) == 1 else []
    if elsewhere:
        kind = next(k for k, model in MODELS.items() if model is root_model())
        return (
            f"belongs to {' or '.join(TYPE_NAMES[k] for k in elsewhere)} (type: "
            f"{elsewhere[0]}), not to {TYPE_NAMES[kind]}; write `type: {elsewhere[0]}` at the "
            "top if this is what the file is, or leave the field out"
        )
    owner = _owner_above(loc, tree)
    if owner is not None:
        return (
            f"unknown field here; if it belongs to {owner}, indent it under {owner}: by two spaces"
        )
    close = _close_field(loc)
    if close is not None:
        return f"unknown field; did you mean '{close}'?"
    allowed = field_names(model_at(loc[:-1]) or root_model())
    return f"unknown field; allowed here: {', '.join(allowed)}" if key else ""


def _required(loc: Loc) -> bool:
    """Whether the field at ``loc`` must be given."""
    model = model_at(loc[:-1]) or root_model()
    info = next((f for n, f in model.model_fields.items() if (f.alias or n) == loc[-1]), None)
    return info is not None and info.is_required()


def _owner_above(loc: Loc, tree: CommentedMap) -> str | None:
    """``event:`` left empty, its fields written below it without indentation: the
    field they belong to."""
    if len(loc) != 1 or loc[0] not in tree:
        return None
    brief_fields = set(field_names(root_model()))
    keys = list(tree)
    for above in reversed(keys[: keys.index(loc[0])]):
        if tree[above] is None:
            model = model_at((above,))
            if model is not None and model is not root_model() and loc[0] in field_names(model):
                return str(above)
            return None
        if above in brief_fields:
            return None
    return None


def _not_text(loc: Loc, value: Any, tree: CommentedMap, source: str) -> str:
    """Text was expected. Quoting is the fix only when YAML read typed text as something
    else (a number, yes/no, a list in brackets, fields in braces)."""
    noun = noun_of(loc)
    key = _key_text(loc)
    if value is None:
        if key == "- ":
            return "is empty; write the item's text after '- ', or delete the line"
        if _required(loc):
            return f"is empty; write the {noun} after '{key.strip()}'"
        return f"is empty; write the {noun} after '{key.strip()}', or leave the field out"
    if isinstance(value, bool):
        written = source or str(value).lower()
        return (
            f"YAML reads {written} as the yes/no value {str(value).lower()}, not as text; "
            f'put it in quotes: {key}"{written}"'
        )
    if isinstance(value, int | float):
        written = source or str(value)
        return (
            f"YAML reads {written} as the number {value}, not as text; put it in quotes to "
            f'keep it as written: {key}"{written}"'
        )
    if source[:1] in ("[", "{"):
        what = "a list" if source[0] == "[" else "fields"
        return (
            f"{the_noun(loc)} starts with '{source[0]}', which YAML reads as {what}; put the "
            f"whole {noun} in quotes: {key}{in_quotes(source)}"
        )
    if isinstance(value, list):
        if expected_kind(loc) == "markdown":
            return (
                f"is one text, not a list; for bullet points write '{key}|' and below it "
                "one line per point, indented, each starting with '- '"
            )
        items = [str(v) for v in value if v is not None]
        joined = "; ".join(items)
        return (
            f"is one line of text, not a list; write it on one line, several names separated "
            f"by '; ': {key}{_as_value(joined)}"
        )
    if isinstance(value, dict) and len(value) == 1 and ": " in source:
        return (
            f"the ': ' makes YAML read this as a field named '{next(iter(value))}'; put the "
            f"whole {noun} in quotes: {key}{in_quotes(source)}"
        )
    return f"expected text, found {_describe(value)}"


def _as_value(text: str) -> str:
    """``text`` as it can be written after ``key: ``: plain if YAML reads it back as that
    same text, else in quotes."""
    try:
        read = yaml_loader().load(f"k: {text}\n")
    except YAMLError:
        read = None
    if isinstance(read, dict) and read.get("k") == text and isinstance(read.get("k"), str):
        return text
    return in_quotes(text)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if value is None:
        return "nothing"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dict):
        return "fields (name: value)"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"
