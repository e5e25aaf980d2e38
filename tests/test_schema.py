"""``make-brief schema`` says what ``make-brief check`` says.

The same files go to ``make-brief check`` and to a JSON Schema validator holding what
``make-brief schema`` prints, the YAML read as make-brief reads it (YAML 1.2, a date kept
as the text written): the example files, the broken ones of tests/cases/invalid, and
files made by hypothesis from a valid brief with a few changes (a required field
dropped, an unknown field added, a value of the wrong type or length, a key message
as text or as fields, numbers in table cells ...). The two verdicts must agree.

What JSON Schema cannot say is listed in ``CANNOT_SAY``, and each case left out names
its reason there: the invalid files one by one (``UNSAYABLE``), the generated ones by
``unsayable``. Everything else about a file, the schema says.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor

from make_brief.content.load import plain_data
from make_brief.content.schema import (
    FORMAT_VERSION,
    ISO_DATE_PATTERN,
    LANGUAGE_PATTERN,
    MAX_LINE,
    MAX_TEXT,
    TEMPLATE_NAME_PATTERN,
    validate_brief,
)

from .conftest import CASES, CONTENT, ROOT, run_cli

#: What make-brief checks that JSON Schema cannot say: a case of one of these is left out
#: of the comparison, naming its reason.
CANNOT_SAY = {
    "not-yaml": (
        "a file YAML cannot read (a syntax mistake, a tab, a duplicate key, a second "
        "document, bytes that are not UTF-8): the editor's YAML parser reports it, and "
        "there is nothing to hold against a schema"
    ),
    "yaml-features": (
        "anchors, aliases and the merge key <<: make-brief refuses them as written; once "
        "the YAML is read they are gone (the values are copied in)"
    ),
    "bytes": "the file's bytes as such: a byte-order mark",
    "characters": (
        "control, bidirectional, private-use, noncharacter and unassigned characters, "
        "anywhere in the file (comments too) and in every value once YAML has unescaped "
        "it: characters.py checks the text, which JSON Schema never sees"
    ),
    "fonts": "a character no font of the template set can print: it depends on the fonts",
    "order": (
        "an event that ends before it starts: JSON Schema compares no two values "
        "(that an end needs a start, it says)"
    ),
    "project": (
        "a template set that does not exist, a language that has no labels: they depend "
        "on the project's folders (the schema says what a name and a code look like)"
    ),
    "total": (
        "more than 150,000 characters of text in the whole brief: JSON Schema counts "
        "the length of one string at a time"
    ),
    "long-number": (
        "a number written with more than 100 digits: refused as YAML text, before there is a number"
    ),
    "key-type": (
        "an acronym YAML reads as a number or a yes/no value (2030:): in JSON, and so in "
        "an editor, every key is text"
    ),
    "integer-float": (
        "a source's date written as a decimal (2020.0) where make-brief wants a whole "
        "number: JSON has one kind of number, and 2020.0 is an integer to JSON Schema"
    ),
    "url-host": (
        "a web address whose host Python's urlsplit refuses ('[' without ']', an IPv6 "
        "address it cannot read, characters that normalise to / ? # @ :)"
    ),
    "script-digits": (
        "a source's date written in another script's digits (٢٠٢٠): make-brief's Python "
        "\\d takes them; the schema, like the format's documentation, says YYYY in 0-9, "
        "and a full date in those digits is refused by make-brief too"
    ),
}

#: The broken files of tests/cases/invalid that the schema lets through, and why.
UNSAYABLE = {
    "alias-bomb": "yaml-features",
    "anchor-alias": "yaml-features",
    "merge-key": "yaml-features",
    "byte-order-mark": "bytes",
    "bidi-override": "characters",
    "escaped-bidi-override": "characters",
    "escaped-control-characters": "characters",
    "noncharacter-and-surrogate": "characters",
    "private-use": "characters",
    "unprintable-character": "fonts",
    "event-ends-before-start": "order",
    "unknown-template": "project",
    "unknown-language": "project",
    "language-name": "project",
    "language-upper-case": "project",
    "language-without-labels": "project",
}

INVALID = sorted((CASES / "invalid").glob("*.yaml"))
VALID = [
    *sorted((CASES / "valid").glob("*.yaml")),
    *sorted((CASES / "hostile").glob("*.yaml")),
    *sorted(CONTENT.glob("*.yaml")),
    *sorted((ROOT / "src" / "make_brief" / "content").glob("starter*.yaml")),
]


@pytest.fixture(scope="module", autouse=True)
def _from_repo_root():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)  # no make-brief.toml: the defaults
        yield


# --- the two judges ------------------------------------------------------------------------


@cache
def printed_schema() -> dict[str, Any]:
    result = run_cli("schema")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@cache
def validator() -> Draft202012Validator:
    return Draft202012Validator(printed_schema())


class _Constructor(RoundTripConstructor):
    """As make-brief's loader: a date stays the text written (so does an editor's YAML
    1.2, where 2020-07-10 is text)."""


_Constructor.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def read_yaml(text: str) -> Any:
    """The file as plain data, read as make-brief reads it (YAML 1.2, round-trip)."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    return plain_data(yaml.load(text))


def schema_accepts(data: Any) -> bool:
    return validator().is_valid(data)


def check_accepts(path: Path) -> bool:
    result = run_cli("check", path)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    return result.exit_code == 0


def schema_errors(data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator().iter_errors(data)]


# --- the schema itself ---------------------------------------------------------------------


def test_the_schema_is_a_json_schema_titled_with_the_format_version() -> None:
    schema = printed_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == f"make-brief content file (format v{FORMAT_VERSION})"


def test_the_output_is_the_same_every_time() -> None:
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-m", "make_brief", "schema"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    assert other == run_cli("schema").stdout == run_cli("schema").stdout


def test_the_models_are_imported_only_when_the_schema_is_asked_for() -> None:
    code = (
        "import sys, make_brief.cli, make_brief.commands.schema; "
        "print(sorted(m for m in sys.modules if m == 'pydantic' or m.endswith('content.schema')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _object_schemas(node: Any, where: str = "#") -> list[tuple[str, dict[str, Any]]]:
    """Every schema that declares an object's fields (``type: object`` with
    ``properties``), through ``$defs`` and every subschema."""
    found = []
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            found.append((where, node))
        for key, value in node.items():
            found += _object_schemas(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _object_schemas(value, f"{where}/{index}")
    return found


def _conditions(node: Any) -> list[dict[str, Any]]:
    """The subschemas that constrain an object's fields (if, then, anyOf ...) rather
    than declare them."""
    found = []
    for key in ("if", "then", "else", "not"):
        if isinstance(node.get(key), dict):
            found.append(node[key])
            found += _conditions(node[key])
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in node.get(key, []):
            if sub.get("type") != "object":
                found.append(sub)
                found += _conditions(sub)
    return found


def test_every_field_has_a_description_and_examples() -> None:
    objects = _object_schemas(printed_schema())
    # the file's top (its type), the three types, their seven common parts and the four
    # parts of talking points and meeting reports
    assert len(objects) == 15
    missing = [
        f"{where}/properties/{name}: {what}"
        for where, node in objects
        for name, field in node["properties"].items()
        for what in ("description", "examples")
        if not field.get(what)
    ]
    assert missing == []
    for where, node in objects:
        assert node.get("description"), f"{where} has no description"
        for condition in _conditions(node):  # conditions name only the fields declared
            assert set(condition.get("properties", {})) <= set(node["properties"]), where
            assert set(condition.get("required", [])) <= set(node["properties"]), where


def test_every_example_is_valid_where_it_stands() -> None:
    schema = printed_schema()
    for where, node in _object_schemas(schema):
        for name, field in node["properties"].items():
            standalone = Draft202012Validator({"$defs": schema["$defs"], **field})
            for example in field["examples"]:
                errors = [e.message for e in standalone.iter_errors(example)]
                assert errors == [], f"{where}/{name}: {example!r}"


# --- the files of the repository -----------------------------------------------------------


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_a_valid_file_is_valid_to_both(path: Path) -> None:
    assert check_accepts(path)
    data = read_yaml(path.read_text(encoding="utf-8"))
    assert schema_errors(data) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_a_broken_file_is_refused_by_both_where_the_schema_can_say_why(path: Path) -> None:
    assert not check_accepts(path)
    reason = UNSAYABLE.get(path.stem)
    assert reason is None or reason in CANNOT_SAY
    if reason == "yaml-features":
        return  # aliases: the data an editor would see is not the file as written
    try:
        data = read_yaml(path.read_bytes().decode("utf-8"))
    except Exception:  # YAML's own errors, bytes that are not UTF-8, nesting too deep
        assert reason is None, f"{path.stem} does not load: it needs no reason"
        return  # not-yaml: the editor's YAML parser says so
    if reason is None:
        assert not schema_accepts(data), f"{path.stem}: the schema accepts what check refuses"
    else:  # the schema lets it through, for the reason named, and for that alone
        assert schema_errors(data) == [], f"{path.stem}: refused now; drop it from UNSAYABLE"


# --- what the issue named, one by one --------------------------------------------------------

BASE = "title: A title\ndate: 2020-07-10\nsummary: A summary.\n"

#: A file's end (after BASE, or a whole file starting with "!"), and whether make-brief
#: and the schema both accept it.
EXAMPLES = [
    ("key_messages:\n  - A message on its own.\n", True),
    ("key_messages:\n  - heading: A heading\n    text: Its text.\n", True),
    ("key_messages:\n  - heading: A heading only\n", False),
    ("key_messages:\n  - 12\n", False),
    (
        "annexes:\n  - title: Figures\n    table:\n      columns: [Country, Seizures, Share]\n"
        "      rows:\n        - [Kenya, 12, 0.5]\n        - [Uganda, '', 1e3]\n",
        True,
    ),
    (
        "annexes:\n  - title: Figures\n    table:\n      columns: [Country, Seizures]\n"
        "      rows:\n        - [Kenya, 12, 3]\n",
        False,
    ),
    (
        "annexes:\n  - title: Figures\n    table:\n      columns: [Country]\n"
        "      rows:\n        - [true]\n",
        False,
    ),
    ("annexes:\n  - title: Only a title\n", False),
    ("annexes:\n  - title: Body\n    body: Some text.\n", True),
    ("references:\n  - title: T\n    year: '2015'\n", True),
    ("references:\n  - title: T\n    year: 2015\n", True),
    ("references:\n  - title: T\n    year: ' 2_015.0 '\n", True),
    ("references:\n  - title: T\n    year: '3015'\n", False),
    ("references:\n  - title: T\n    year: 999\n", False),
    ("references:\n  - title: T\n    year: twenty\n", False),
    ("references:\n  - title: T\n    url: HTTPS://example.org/a?b#c\n", True),
    ("references:\n  - title: T\n    url: file:///etc/passwd\n", False),
    ("references:\n  - title: T\n    url: https://exa mple.org\n", False),
    ("sources:\n  - title: T\n    date: 2020\n", True),
    ("sources:\n  - title: T\n    date: 2020-07\n", True),
    ("sources:\n  - title: T\n    date: 2020-02-30\n", False),
    ("sources:\n  - title: T\n    date: 999\n", False),
    ("event:\n  name: E\n  start: 2020-07-06\n  end: 2020-07-10\n", True),
    ("event:\n  name: E\n  end: 2020-07-10\n", False),
    ("event:\n  name: E\n  start: ~\n  end: 2020-07-10\n", False),
    ("event:\n  name: E\n  end: ~\n", True),
    ("event:\n  name: E\n  format: online\n", False),
    ("contact:\n  name: N\n  email: name@example.org\n", True),
    ("contact:\n  name: N\n  email: name.example.org\n", False),
    ("from: A unit\n", True),
    ("from_: A unit\n", True),  # populate_by_name: the Python name is accepted too
    ("from: A unit\nfrom_: Another\n", False),
    ("sumary: A typo.\n", False),
    ("event:\n  name: E\n  venue: Paris\n", False),
    ("reference: 012\n", False),
    ("reference: '012'\n", True),
    ("to: [A, B]\n", False),
    ("language: fr-CA\n", True),
    ("language: fr_CA\n", False),
    ("template: ../escape\n", False),
    ("acronyms:\n  WCO: World Customs Organization\n", True),
    ("acronyms:\n  ABCDEFGHIJKLMNOPQRSTU: Twenty-one letters\n", False),
    (f"subtitle: {'x' * MAX_LINE}\n", True),
    (f"subtitle: {'x' * (MAX_LINE + 1)}\n", False),
    (f"subtitle: '  {'x' * MAX_LINE}  '\n", True),  # counted once stripped
    ("subtitle: '   '\n", False),
    (f"background: |\n  {'x' * MAX_TEXT}\n", True),  # the block's newline is not counted
    (f"background: |\n  {'x' * (MAX_TEXT + 1)}\n", False),
    ("!title: A title\nsummary: No date.\n", False),
    ("!title: A title\ndate: 2020-07-10\nsummary: A summary.\nspeakers: ~\n", False),
    ("!title: T\ndate: '2020-07-10'\nsummary: S\n", True),
    ("!title: T\ndate: 2020-7-10\nsummary: S\n", False),
    ("!title: T\ndate: 0999-12-31\nsummary: S\n", False),
    ("!title: T\ndate: 2024-02-29\nsummary: S\n", True),
    ("!title: T\ndate: 2023-02-29\nsummary: S\n", False),
    ("!title: T\ndate: 2000-02-29\nsummary: S\n", True),
    ("!title: T\ndate: 1900-02-29\nsummary: S\n", False),
    ("!title: T\ndate: 20200710\nsummary: S\n", False),
    ("!title: 12\ndate: 2020-07-10\nsummary: S\n", False),
    # the types of brief: each its own fields
    ("type: briefing-note\n", True),
    ("type: memo\n", False),
    ("points: [A point.]\n", False),  # a field of talking points
    (
        "!type: talking-points\ntitle: T\ndate: 2020-07-10\nsummary: S\nobjective: O\n"
        "points:\n  - A point.\n  - text: Another.\n    facts: [A fact.]\n",
        True,
    ),
    ("!type: talking-points\ntitle: T\ndate: 2020-07-10\nsummary: S\nobjective: O\n", False),
    (
        "!type: talking-points\ntitle: T\ndate: 2020-07-10\nsummary: S\nobjective: O\n"
        "points: [P]\nkey_messages: [M]\n",
        False,
    ),
    (
        "!type: talking-points\ntitle: T\ndate: 2020-07-10\nsummary: S\nobjective: O\n"
        "points: [P]\nif_asked:\n  - question: Q?\n",
        False,
    ),
    (
        "!type: meeting-report\ntitle: T\ndate: 2020-07-10\nsummary: S\nevent: {name: E}\n"
        "agenda:\n  - title: A\n    discussion: D\n    actions:\n      - {what: W, who: X}\n",
        True,
    ),
    (
        "!type: meeting-report\ntitle: T\ndate: 2020-07-10\nsummary: S\n"
        "agenda:\n  - title: A\n    discussion: D\n",
        False,
    ),
    (
        "!type: meeting-report\ntitle: T\ndate: 2020-07-10\nsummary: S\nevent: {name: E}\n"
        "agenda:\n  - title: A\n    discussion: D\n    actions:\n      - {what: W}\n",
        False,
    ),
    ("page_budget: 3\n", True),
    ("page_budget: 0\n", False),
    ("page_budget: '3'\n", False),
    (
        "annexes:\n  - title: F\n    table:\n      columns: [A, B]\n      widths: [1, 2.5]\n"
        "      rows:\n        - [x, y]\n",
        True,
    ),
    (
        "annexes:\n  - title: F\n    table:\n      columns: [A, B]\n      widths: [1, 2, 3]\n"
        "      rows:\n        - [x, y]\n",
        False,
    ),
    (
        "annexes:\n  - title: F\n    table:\n      columns: [A, B]\n      widths: [1, 0]\n"
        "      rows:\n        - [x, y]\n",
        False,
    ),
]


@pytest.mark.parametrize(("text", "accepted"), EXAMPLES, ids=lambda v: repr(v)[:60])
def test_what_the_issue_named(text: str, accepted: bool, tmp_path: Path) -> None:
    text = text[1:] if text.startswith("!") else BASE + text
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    assert check_accepts(path) is accepted, run_cli("check", path).output
    assert schema_accepts(read_yaml(text)) is accepted, schema_errors(read_yaml(text))


# --- generated files ---------------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüßçñ"
_WORD_CHARS = _LETTERS + "0123456789.,;:!?'()/&%#@*-"
#: Spaces a content file may hold: pydantic strips them, as the schema's \s does.
_SPACES = " \u00a0\n\t"

words = st.text(_WORD_CHARS, min_size=1, max_size=10)
phrases = st.lists(words, min_size=1, max_size=5).map(" ".join)
padding = st.text(_SPACES, max_size=2)


def _of_length(word: str, length: int) -> str:
    """Text of exactly ``length`` characters, not starting or ending with a space."""
    text = ((word + " ") * (length // (len(word) + 1) + 1))[:length]
    return text if length < 2 else "x" + text[1:-1] + "x"


def _sized(lengths: list[int]) -> st.SearchStrategy[str]:
    """Text at and around a limit, perhaps with spaces at either end."""
    return st.builds(
        lambda before, word, length, after: before + _of_length(word, length) + after,
        padding,
        words,
        st.sampled_from(lengths),
        padding,
    )


lines = st.one_of(phrases, _sized([0, 1, 2, MAX_LINE - 1, MAX_LINE, MAX_LINE + 1]))
#: Markdown as an author writes it after "|": lines, the last one ending the text.
bullets = st.lists(phrases, min_size=1, max_size=3).map(lambda ps: "".join(f"- {p}\n" for p in ps))
texts = st.one_of(phrases, bullets, _sized([0, 1, MAX_TEXT, MAX_TEXT + 1]))


@st.composite
def day_texts(draw: st.DrawFn, valid: bool = False) -> str:
    """A date as text: a real one, or one made of any year, month and day, written
    several ways."""
    real = draw(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
    if valid:
        return real.isoformat()
    year = draw(st.sampled_from([0, 999, 1000, 1900, 2000, 2023, 2024, 2100, 2400, 9999]))
    # The edges of the calendar (month lengths, leap years, what is no month) come up
    # as often as any other day.
    edge = st.sampled_from([(2, 28), (2, 29), (2, 30), (4, 30), (4, 31), (12, 31), (1, 32)])
    month, day = draw(
        st.one_of(
            edge,
            st.sampled_from([(0, 1), (13, 1), (1, 0)]),
            st.tuples(st.integers(0, 13), st.integers(0, 32)),
        )
    )
    text = draw(st.sampled_from([f"{year:04d}-{month:02d}-{day:02d}", real.isoformat()]))
    written = [text[:7], text[:4], f" {text} ", f"{text}\n", text.replace("-", ""), text[1:]]
    return draw(st.one_of(st.just(text), st.sampled_from(written)))


partial_dates = st.one_of(
    day_texts(),
    st.integers(0, 12000),
    st.sampled_from([True, 2020.5]),  # 2020.0: "integer-float"
)
years = st.one_of(
    st.integers(900, 3100),
    st.sampled_from([2015.0, 2015.5, 1e3, -2015, True]),
    st.sampled_from(["2015", " 2015 ", "+2015", "2_015", "02015", "0_2015", "2015.0", "0999"]),
    st.builds(
        lambda sign, zeros, year, underscore, point, pad: (
            f"{pad}{sign}{zeros}{year[:2]}{underscore}{year[2:]}{point}{pad}"
        ),
        st.sampled_from(["", "+", "-", "++"]),
        st.sampled_from(["", "0", "0_", "00", "_"]),
        st.sampled_from(["0999", "1000", "2015", "2999", "3000"]),
        st.sampled_from(["", "_", "__"]),
        st.sampled_from(["", ".0", ".00", ".", ".5", "e0", "_"]),
        st.sampled_from(["", " ", "\u00a0"]),
    ),
)
urls = st.builds(
    lambda scheme, host, rest, pad: f"{pad}{scheme}{host}{rest}{pad}",
    st.sampled_from(["https://", "http://", "HTTPS://", "Http://", "ftp://", "https:/", "mailto:"]),
    st.sampled_from(["example.org", "", "a b", "user@example.org", "x"]),
    st.sampled_from(["", "/", "/a%20b", "/a b", "?q=1", "#top", "//x"]),
    st.sampled_from(["", " "]),
)
emails = st.builds(
    lambda local, at, domain, pad: f"{pad}{local}{at}{domain}{pad}",
    st.sampled_from(["name", "first.last", "", "a b", "a<b", 'a"b']),
    st.sampled_from(["@", "", "@@"]),
    st.sampled_from(["example.org", "example", "ex@mple.org", ".org", "example.", "a.b.c"]),
    st.sampled_from(["", " "]),
)
#: Only the built-in languages and codes of the wrong shape: one of the right shape
#: without labels is refused for a reason the schema cannot know ("project").
languages = st.sampled_from(["en", "fr", "es", "ar", " fr ", "", "e", "en_GB", "123", "en-"])
templates = st.sampled_from(["briefing-note", " briefing-note ", "", "Briefing", "../x", "a/b"])
formats = st.sampled_from(["in-person", "virtual", "hybrid", "online", "Virtual", " virtual"])
cells = st.one_of(
    phrases,
    st.just(""),
    padding,
    st.integers(-(10**30), 10**30),
    st.sampled_from([0.5, -3.25, 1e3, 2.5e-5]),
    st.booleans(),
    st.none(),
    _sized([MAX_LINE, MAX_LINE + 1]),
)
#: Any value at all: what a mistake may put anywhere.
anything = st.one_of(
    lines,
    texts,
    day_texts(),
    years,
    urls,
    emails,
    languages,
    templates,
    cells,
    st.lists(phrases, max_size=2),
    st.lists(cells, max_size=2),
    st.fixed_dictionaries({"text": phrases}),
    st.fixed_dictionaries({"name": phrases}),
    st.dictionaries(st.sampled_from(["text", "heading", "nme"]), phrases, max_size=2),
)
_TEXT_FIELDS = {"summary", "purpose", "background", "implications", "note", "body", "text"}


def values_for(path: tuple) -> st.SearchStrategy[Any]:
    """Values, right and wrong, of the kind the field at ``path`` holds."""
    names = [part for part in path if isinstance(part, str)]
    last = path[-1]
    if names[-1:] == ["date"] and names[0] == "sources":
        kind = partial_dates
    elif last in ("date", "start", "end"):
        kind = day_texts()
    elif last in ("year", "url", "email", "language", "template", "format"):
        kind = {"year": years, "url": urls, "email": emails, "language": languages}.get(
            last, templates if last == "template" else formats
        )
    elif "rows" in names:
        kind = cells if len(path) - path.index("rows") == 3 else st.lists(cells, max_size=3)
    elif names[-1] == "key_messages" and isinstance(last, int):
        kind = st.one_of(texts, st.fixed_dictionaries({"text": texts}, optional={"heading": lines}))
    elif last in _TEXT_FIELDS or names[-1] == "next_steps":
        kind = texts
    else:
        kind = lines
    return st.one_of(kind, kind, kind, anything)


def _with_some(draw: st.DrawFn, required: dict[str, Any], optional: dict[str, Any], every: bool):
    fields = {name: draw(strategy) for name, strategy in required.items()}
    names = (
        sorted(optional)
        if every
        else draw(st.lists(st.sampled_from(sorted(optional)), unique=True))
    )
    for name in names:
        fields[name] = draw(optional[name])
    return fields


@st.composite
def people(draw: st.DrawFn, every: bool = False) -> dict[str, Any]:
    optional = dict.fromkeys(("honorific", "role", "organization", "phone"), phrases)
    return _with_some(
        draw, {"name": phrases}, {**optional, "email": st.just("a@example.org")}, every
    )


@st.composite
def events(draw: st.DrawFn, every: bool = False) -> dict[str, Any]:
    event = _with_some(
        draw,
        {"name": phrases},
        {
            "organizer": phrases,
            "format": st.sampled_from(["in-person", "virtual", "hybrid"]),
            "location": phrases,
            "note": st.one_of(phrases, bullets),
        },
        every,
    )
    if every or draw(st.booleans()):
        days = sorted(draw(st.lists(day_texts(valid=True), min_size=2, max_size=2)))
        event["start"], event["end"] = days
        if not every and draw(st.booleans()):
            del event["end"]
    return event


messages = st.one_of(
    phrases,
    bullets,
    st.fixed_dictionaries({"text": phrases}, optional={"heading": phrases}),
)


@st.composite
def references(draw: st.DrawFn, every: bool = False) -> dict[str, Any]:
    optional = {
        "kind": phrases,
        "organization": phrases,
        "year": st.integers(1000, 2999),
        "url": st.just("https://example.org/x"),
        "note": phrases,
    }
    return _with_some(draw, {"title": phrases}, optional, every)


@st.composite
def sources(draw: st.DrawFn, every: bool = False) -> dict[str, Any]:
    optional = {
        "publisher": phrases,
        "date": st.one_of(day_texts(valid=True), st.integers(1000, 9999)),
        "url": st.just("http://example.org"),
    }
    return _with_some(draw, {"title": phrases}, optional, every)


@st.composite
def tables(draw: st.DrawFn) -> dict[str, Any]:
    columns = draw(st.lists(phrases, min_size=1, max_size=4))
    cell = st.one_of(phrases, st.just(""), st.integers(-1000, 10**6), st.sampled_from([0.5, 12.25]))
    row = st.lists(cell, min_size=len(columns), max_size=len(columns))
    return {"columns": columns, "rows": draw(st.lists(row, min_size=1, max_size=3))}


@st.composite
def annexes(draw: st.DrawFn, every: bool = False) -> dict[str, Any]:
    annex = {"title": draw(phrases)}
    parts = (
        ("body", "table")
        if every
        else draw(st.sampled_from([("body",), ("table",), ("body", "table")]))
    )
    if "body" in parts:
        annex["body"] = draw(st.one_of(phrases, bullets))
    if "table" in parts:
        annex["table"] = draw(tables())
    return annex


@st.composite
def briefs(draw: st.DrawFn, every: bool = False) -> dict[str, Any]:
    """A valid brief: the three required fields and some of the others (``every``: all
    of them, with every field of their parts)."""
    size = {"min_size": 1 if every else 0, "max_size": 2}
    return _with_some(
        draw,
        {"title": phrases, "date": day_texts(valid=True), "summary": st.one_of(phrases, bullets)},
        {
            "template": st.just("briefing-note"),
            "language": st.sampled_from(["en", "fr", "es", "ar"]),
            "classification": phrases,
            "reference": phrases,
            "subtitle": phrases,
            "to": phrases,
            "from": phrases,
            "purpose": st.one_of(phrases, bullets),
            "event": events(every),
            "speakers": st.lists(people(every), **size),
            "key_messages": st.lists(messages, **size),
            "participants": st.lists(people(every), **size),
            "background": st.one_of(phrases, bullets),
            "references": st.lists(references(every), **size),
            "implications": phrases,
            "next_steps": st.lists(st.one_of(phrases, bullets), **size),
            "acronyms": st.dictionaries(st.text(_LETTERS, min_size=1, max_size=6), phrases, **size),
            "sources": st.lists(sources(every), **size),
            "contact": people(every),
            "annexes": st.lists(annexes(every), **size),
        },
        every,
    )


def _places(value: Any, path: tuple = ()) -> list[tuple]:
    """The path of every value in a document (the document itself included)."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


def _at(doc: Any, path: tuple) -> Any:
    for part in path:
        doc = doc[part]
    return doc


#: Names a mistake adds: misspelt, from elsewhere in the format, the Python name of "from".
_ADDED = ["sumary", "notes", "venue", "from_", "from", "text", "name", "title", "heading"]


def change(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    """One change to ``doc``, as a mistake (or a different choice) would make it: a field
    dropped or added, a value replaced, a key message or a row's cells rewritten."""
    path = draw(st.sampled_from(_places(doc)[1:]))  # a field or an item: not the document
    parent, last = _at(doc, path[:-1]), path[-1]
    how = draw(st.sampled_from(["drop", "add", "replace", "replace", "replace", "rewrite"]))
    if how == "drop":
        del parent[last]
    elif how == "add":
        where = _at(doc, path) if isinstance(_at(doc, path), dict) else doc
        where[draw(st.sampled_from(_ADDED))] = draw(st.one_of(phrases, anything))
    elif how == "replace":
        parent[last] = draw(values_for(path))
    elif path[:1] == ("key_messages",) and len(path) == 2:  # a text becomes fields, or back
        item = parent[last]
        parent[last] = item.get("text") if isinstance(item, dict) else {"text": item}
    elif "rows" in path and len(path) - path.index("rows") == 2:  # a cell more or less
        if draw(st.booleans()):
            parent[last].append(draw(cells))
        elif parent[last]:
            parent[last].pop()


@st.composite
def changed_briefs(draw: st.DrawFn, every: bool = False, most: int = 3) -> dict[str, Any]:
    """A valid brief with one to ``most`` changes."""
    doc = draw(briefs(every))
    for _ in range(draw(st.integers(1, most))):
        if len(_places(doc)) > 1:
            change(draw, doc)
    return doc


def _matches(pattern: str, value: Any) -> bool:
    return isinstance(value, str) and re.search(pattern, value) is not None


def unsayable(doc: Any) -> str | None:
    """The reason in CANNOT_SAY a generated brief is left out for, if any."""
    if not isinstance(doc, dict):
        return None
    template, language = doc.get("template"), doc.get("language")
    if _matches(TEMPLATE_NAME_PATTERN, template) and template.strip() != "briefing-note":
        return "project"
    if _matches(LANGUAGE_PATTERN, language) and language.strip() not in ("en", "fr", "es", "ar"):
        return "project"
    event = doc.get("event")
    if isinstance(event, dict):
        start, end = event.get("start"), event.get("end")
        dated = _matches(ISO_DATE_PATTERN, start) and _matches(ISO_DATE_PATTERN, end)
        if dated and date.fromisoformat(end.strip()) < date.fromisoformat(start.strip()):
            return "order"
    sources = doc.get("sources")
    for source in sources if isinstance(sources, list) else []:
        if (
            isinstance(source, dict)
            and isinstance(source.get("date"), float)
            and source["date"].is_integer()
        ):
            return "integer-float"
    return None


# --- writing a document as a content file ----------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][A-Za-z ]*[A-Za-z]|[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YAML_WORDS = {"null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"}


def _scalar(value: Any) -> str:
    # JSON's own scalars are YAML 1.2; a date and a few words are left unquoted, as an
    # author writes them.
    if isinstance(value, str) and _PLAIN.fullmatch(value) and value not in _YAML_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


def _literal(value: Any) -> bool:
    """Whether a text is written as a | block: lines, the last ending the text."""
    return (
        isinstance(value, str)
        and value.endswith("\n")
        and not value.endswith("\n\n")
        and all(
            line and line[0] not in _SPACES and line.isprintable()
            for line in value[:-1].split("\n")
        )
    )


def _block(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{_scalar(key)}:")
                lines += _block(item, indent + 2)
            elif _literal(item):
                lines.append(f"{pad}{_scalar(key)}: |")
                lines += [f"{pad}  {line}" for line in item[:-1].split("\n")]
            else:
                lines.append(f"{pad}{_scalar(key)}: {_flow(item)}")
    else:
        for item in value:
            if isinstance(item, dict | list) and item:
                inner = _block(item, indent + 2)
                lines.append(f"{pad}- {inner[0][indent + 2 :]}")
                lines += inner[1:]
            elif _literal(item):
                lines.append(f"{pad}- |")
                lines += [f"{pad}  {line}" for line in item[:-1].split("\n")]
            else:
                lines.append(f"{pad}- {_flow(item)}")
    return lines


def _flow(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)  # {} or []
    return _scalar(value)


def to_yaml(doc: dict[str, Any]) -> str:
    return "\n".join(_block(doc, 0)) + "\n" if doc else "{}\n"


def same_verdict(doc: dict[str, Any], folder: Path) -> None:
    """``doc``, written as a content file, gets the same verdict from both."""
    assume(unsayable(doc) is None)
    text = to_yaml(doc)
    # The file says what was meant (the writer above is part of the test).
    assert json.dumps(read_yaml(text)) == json.dumps(doc)
    path = folder / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    by_check = check_accepts(path)
    by_schema = schema_accepts(doc)
    event("valid" if by_check else "invalid")  # see --hypothesis-show-statistics
    assert by_check == by_schema, (
        f"check {'accepts' if by_check else 'refuses'}, the schema "
        f"{'accepts' if by_schema else 'refuses'}:\n{text}\n"
        + run_cli("check", path).output
        + "\n".join(schema_errors(doc))
    )


_GENERATED = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


#: A valid brief with every field and every part, once: where one field at a time is
#: changed.
EVERY_FIELD = {
    "template": "briefing-note",
    "language": "en",
    "classification": "UNCLASSIFIED",
    "reference": "RKO/ENF/2024/0117",
    "title": "A title",
    "subtitle": "A subtitle",
    "date": "2024-03-15",
    "to": "Director General",
    "from": "A division",
    "summary": "- A bullet.\n- Another.\n",
    "purpose": "A purpose.",
    "event": {
        "name": "A workshop",
        "organizer": "An office",
        "start": "2024-03-12",
        "end": "2024-03-14",
        "format": "hybrid",
        "location": "Nairobi, Kenya",
        "note": "A note.",
    },
    "speakers": [
        {
            "name": "A Name",
            "honorific": "Dr.",
            "role": "A role",
            "organization": "An organisation",
            "email": "name@example.org",
            "phone": "+254 20 000",
        }
    ],
    "key_messages": [{"heading": "A heading", "text": "A text."}, "A message on its own."],
    "participants": [{"name": "Another Name"}],
    "background": "Some background.",
    "references": [
        {
            "title": "A framework",
            "kind": "framework",
            "organization": "WCO",
            "year": 2018,
            "url": "https://example.org/framework",
            "note": "A note.",
        }
    ],
    "implications": "Some implications.",
    "next_steps": ["A step.", "Another step."],
    "acronyms": {"KRA": "Kenya Revenue Authority"},
    "sources": [
        {"title": "A report", "publisher": "A publisher", "date": "2024-03", "url": "http://x.org"}
    ],
    "contact": {"name": "A Name", "email": "name@example.org"},
    "annexes": [
        {
            "title": "Figures",
            "body": "Some figures.",
            "table": {"columns": ["Country", "Seizures"], "rows": [["Kenya", 12], ["Uganda", ""]]},
        }
    ],
}
#: Where each model's fields are in EVERY_FIELD.
_MODELS = [
    (),
    ("event",),
    ("speakers", 0),
    ("key_messages", 0),
    ("references", 0),
    ("sources", 0),
    ("annexes", 0),
    ("annexes", 0, "table"),
    ("contact",),
]


def _put(path: tuple | None, values: st.SearchStrategy[Any]):
    """A change: a value of ``values`` at ``path`` (None: anywhere)."""

    def put(doc: dict[str, Any], draw: Any) -> None:
        where = path or draw(st.sampled_from(_places(doc)[1:]))
        _at(doc, where[:-1])[where[-1]] = draw(values)

    return put


def _spellings(doc: dict[str, Any], draw: Any) -> None:
    """from, from_, both or neither."""
    value = doc.pop("from")
    for name in draw(st.sampled_from([[], ["from"], ["from_"], ["from", "from_"]])):
        doc[name] = value


maybe = partial(st.one_of, st.none())
#: A change to EVERY_FIELD for each thing tried: a value at a place, most often.
SLOTS = {
    "title": _put(("title",), lines),
    "date": _put(("date",), day_texts()),
    "summary": _put(("summary",), texts),
    "template": _put(("template",), templates),
    "language": _put(("language",), languages),
    "from": _put(("from",), lines),
    "from_": _spellings,
    "event": _put(
        ("event",),
        st.fixed_dictionaries(
            {"name": phrases},
            optional={"start": maybe(day_texts()), "end": maybe(day_texts()), "format": formats},
        ),
    ),
    "event.start": _put(("event", "start"), maybe(day_texts())),
    "event.end": _put(("event", "end"), maybe(day_texts())),
    "speakers.email": _put(("speakers", 0, "email"), emails),
    "key_messages[1]": _put(("key_messages", 1), values_for(("key_messages", 1))),
    "key_messages.text": _put(("key_messages", 0, "text"), texts),
    "references.year": _put(("references", 0, "year"), years),
    "references.url": _put(("references", 0, "url"), urls),
    "sources.date": _put(("sources", 0, "date"), partial_dates),
    "annexes[0]": _put(
        ("annexes", 0),
        st.fixed_dictionaries(
            {"title": phrases}, optional={"body": maybe(texts), "table": maybe(tables())}
        ),
    ),
    "annexes.rows.cell": _put(("annexes", 0, "table", "rows", 0, 0), cells),
    "annexes.rows.row": _put(("annexes", 0, "table", "rows", 1), st.lists(cells, max_size=3)),
    "annexes.columns": _put(("annexes", 0, "table", "columns"), st.lists(lines, max_size=3)),
    "acronyms": _put(
        ("acronyms",),
        st.dictionaries(st.text(_LETTERS + " ", min_size=0, max_size=21), lines, max_size=2),
    ),
    "next_steps": _put(("next_steps", 0), texts),
    "anywhere": _put(None, anything),
}


@pytest.mark.parametrize("slot", sorted(SLOTS))
@settings(_GENERATED, max_examples=30)
@given(data=st.data())
def test_a_value_gets_the_same_verdict_from_both(
    slot: str, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    doc = copy.deepcopy(EVERY_FIELD)
    SLOTS[slot](doc, data.draw)
    same_verdict(doc, tmp_path_factory.mktemp("value"))


@pytest.mark.parametrize("slot", sorted(SLOTS))
@settings(_GENERATED, max_examples=250)
@given(data=st.data())
def test_a_value_gets_the_same_verdict_from_the_models_and_the_schema(
    slot: str, data: st.DataObject
) -> None:
    """As above, many more times: the models alone (what check runs once the file is
    read as YAML) are quick to ask."""
    doc = copy.deepcopy(EVERY_FIELD)
    SLOTS[slot](doc, data.draw)
    assume(unsayable(doc) is None)
    try:
        validate_brief(doc)
        by_models = True
    except ValidationError:
        by_models = False
    assert by_models == schema_accepts(doc), (doc, schema_errors(doc))


@settings(_GENERATED, max_examples=80)
@given(data=st.data())
def test_a_field_dropped_or_added_gets_the_same_verdict_from_both(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    doc = copy.deepcopy(EVERY_FIELD)
    fields = _at(doc, data.draw(st.sampled_from(_MODELS)))
    if data.draw(st.booleans()):
        del fields[data.draw(st.sampled_from(sorted(fields)))]
    else:
        fields[data.draw(st.sampled_from(_ADDED))] = data.draw(st.one_of(phrases, anything))
    same_verdict(doc, tmp_path_factory.mktemp("field"))


@settings(_GENERATED, max_examples=100)
@given(doc=changed_briefs(most=3))
def test_a_brief_with_a_few_changes_gets_the_same_verdict_from_both(
    doc: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    same_verdict(doc, tmp_path_factory.mktemp("changes"))


@settings(_GENERATED, max_examples=40)
@given(doc=st.one_of(briefs(), briefs(every=True)))
def test_a_generated_valid_brief_is_valid_to_both(
    doc: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("valid") / "brief.yaml"
    path.write_text(to_yaml(doc), encoding="utf-8")
    assert check_accepts(path), run_cli("check", path).output
    assert schema_errors(doc) == []
