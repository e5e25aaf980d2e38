"""The fast parse (libyaml's events, ruamel's resolver and constructor) against the
round-trip loader: wherever it reads a file, the tree, every line and column and the
unquoted values are the round-trip loader's, and it steps aside wherever the two parsers
could disagree, so every problem is still found and worded by the slow path."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml.comments import CommentedMap, CommentedSeq, LineCol

from make_brief.content.characters import (
    FILE_SUSPECTS,
    refused_in_file,
    refused_in_value,
    value_may_be_refused,
)
from make_brief.content.load import _parse_slowly, load_brief
from make_brief.content.yaml_c import CParser, fast_parse
from make_brief.errors import ContentError

from .conftest import CASES, CONTENT, SEED

pytestmark = pytest.mark.skipif(CParser is None, reason="ruamel.yaml.clib is not installed")

FILES = sorted([*CASES.rglob("*.yaml"), *CONTENT.glob("*.yaml")])


def exact(node: Any) -> Any:
    """Everything of a tree the round-trip loader makes, down to the attributes ruamel
    adds as it builds (types, values, places); its comments aside (the fast path keeps
    none)."""
    if isinstance(node, CommentedMap | CommentedSeq):
        lc = getattr(node, LineCol.attrib)
        own = (type(node).__name__, lc.line, lc.col, lc.data)
        if isinstance(node, CommentedMap):
            assert node._ok == set(node) and node._ref == []
            return (own, [(exact(k), exact(v)) for k, v in node.items()])
        return (own, [exact(v) for v in node])
    return (type(node).__name__, repr(node), getattr(node, "__dict__", None))


def agrees(text: str) -> bool:
    """True where the fast parse reads ``text``; fails where it reads it otherwise."""
    fast = fast_parse("f.yaml", text)
    if fast is None:
        return False
    try:
        tree, plain = _parse_slowly("f.yaml", text)
    except ContentError as exc:
        pytest.fail(f"the fast parse reads what the slow one refuses: {exc.problems[0]}\n{text}")
    assert exact(fast[0]) == exact(tree), text
    assert fast[1] == plain, text
    return True


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_case_is_read_as_the_round_trip_loader_reads_it(path: Path) -> None:
    agrees(path.read_text(encoding="utf-8", errors="replace"))


def test_the_seed_and_its_translations_take_the_fast_path() -> None:
    for path in CONTENT.glob("*.yaml"):
        assert agrees(path.read_text(encoding="utf-8")), path


#: What a slip of the keyboard puts in a file: YAML's indicators, spaces, line breaks.
SLIPS = [":", "-", "#", '"', "'", "\t", " ", "  ", "\n", "[", "]", "{", "}", ",", "?", "|"]
SLIPS += [">", "&", "*", "!", "%", "@", "`", "\\", "\r", "\u00a0", "é", "0", "yes", ": "]
SLIPS += [" #", "- ", "\n  ", "\n- ", "~", "null", "1e3", "0o17", "012", ".inf"]


def mutated(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        roll = rng.random()
        if roll < 0.45:
            text = text[:at] + rng.choice(SLIPS) + text[at:]
        elif roll < 0.75:
            text = text[:at] + text[at + rng.randint(1, 3) :]
        else:
            start = rng.randrange(len(text) + 1)
            text = text[:at] + text[start : start + rng.randint(1, 20)] + text[at:]
    return text


@pytest.mark.parametrize("seed", range(4))
def test_damaged_files_are_read_alike_or_left_to_the_slow_path(seed: int) -> None:
    """Hundreds of files with slips in them: each is read exactly as the round-trip
    loader reads it, or not at all (many are read: the comparison means something)."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8", errors="replace") for p in FILES]
    read = sum(agrees(mutated(rng.choice(sources), rng)) for _ in range(150))
    assert read > 20


@pytest.mark.parametrize(
    "text",
    [
        "title: x\nsubtitle:\ndate: 2020-01-01\n",  # an empty value: placed differently
        "title: x\t\ndate: 2020-01-01\n",  # a tab: libyaml lets it be
        "title: &a x\nsummary: *a\n",
        "title: !!str 12\n",
        "%YAML 1.1\n---\ntitle: yes\n",
        "title: a\n---\ntitle: b\n",
        "title: a\ntitle: b\n",  # a duplicate key: the slow path words it
        "[a]: x\n",
        "title: [unclosed\n",
    ],
)
def test_what_the_fast_path_leaves_to_the_slow_one(text: str) -> None:
    assert fast_parse("f.yaml", text) is None


def test_yaml_1_2_meanings_are_kept_on_the_fast_path() -> None:
    text = "a: Yes\nb: On\nc: 012\nd: 2020-07-10\ne: 0o17\nf: 1.5\ng: ~\nh: true\ni: 1_000\n"
    tree, _ = fast_parse("f.yaml", text) or pytest.fail("not read")
    assert dict(tree) == {
        "a": "Yes",
        "b": "On",
        "c": 12,
        "d": "2020-07-10",
        "e": 15,
        "f": 1.5,
        "g": None,
        "h": True,
        "i": 1000,
    }
    assert agrees(text)


def test_a_duplicate_key_is_still_refused_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text("title: a\ndate: 2020-01-01\nsummary: s\ntitle: b\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_brief(path)
    assert [(p.line, p.col) for p in info.value.problems] == [(4, 1)]


def test_the_seed_loads_through_the_fast_path() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert fast_parse(str(SEED), text) is not None
    slow, _ = _parse_slowly(str(SEED), text)
    assert load_brief(SEED).tree.lc.data["title"] == slow.lc.data["title"]


def test_the_file_prefilter_finds_every_character_a_file_may_not_hold() -> None:
    """:data:`FILE_SUSPECTS` lets a clean file skip the character-by-character check:
    it must match every character that check refuses (a line's own newline and the
    carriage return before it are not characters of the line)."""
    for code in range(0x110000):
        ch = chr(code)
        if ch in "\n\r" or refused_in_file(ch) is None:
            continue
        assert FILE_SUSPECTS.search(ch), f"U+{code:04X}"
    assert FILE_SUSPECTS.search("a\rb") and not FILE_SUSPECTS.search("a\r\nb\n")


def test_the_value_prefilter_lets_through_every_character_a_value_may_not_hold() -> None:
    for code in range(0x110000):
        ch = chr(code)
        if refused_in_value(ch) is not None:
            assert value_may_be_refused(f"a{ch}b"), f"U+{code:04X}"
    assert not value_may_be_refused("Plain text,\tand a new line\n")
