"""The fast parse against the round-trip loader, object by object: wherever it reads a
file, every collection is what the loader makes (type, key order, the keys it owns, its
LineCol: line, column and the places of its keys, values and items), every value has the loader's type and value, and the unquoted values are the
ones ``check_events`` notes. Over every file the tests hold, and a few hundred generated
briefs of every type (tests/test_parse.py damages files and checks what is left to the
slow path)."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml.comments import CommentedMap, CommentedSeq, LineCol

from make_brief.content.load import _parse_slowly
from make_brief.content.yaml_c import CParser, fast_parse
from make_brief.errors import ContentError

from .conftest import CASES, CONTENT, ROOT

pytestmark = pytest.mark.skipif(CParser is None, reason="ruamel.yaml.clib is not installed")

FILES = sorted([*CASES.rglob("*.yaml"), *CONTENT.glob("*.yaml")])


def exact(node: Any) -> Any:
    """Everything of a tree the round-trip loader makes, down to the attributes ruamel
    adds as it builds; its comments aside (the fast path keeps none)."""
    if isinstance(node, CommentedMap | CommentedSeq):
        lc = getattr(node, LineCol.attrib)
        own = (type(node).__name__, lc.line, lc.col, lc.data)
        if isinstance(node, CommentedMap):
            assert node._ok == set(node) and node._ref == []
            return (own, [(exact(k), exact(v)) for k, v in node.items()])
        return (own, [exact(v) for v in node])
    return (type(node).__name__, repr(node), getattr(node, "__dict__", None))


def same_as_slow(text: str) -> bool:
    """True where the fast parse reads ``text``, exactly as the slow one does."""
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
def test_every_file_the_tests_hold(path: Path) -> None:
    same_as_slow(path.read_text(encoding="utf-8", errors="replace"))


def generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "generate_corpus", ROOT / "benchmarks" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Its dataclasses look their module up by name while being defined.
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


@pytest.mark.parametrize("seed", range(3))
def test_generated_briefs_of_every_type(seed: int) -> None:
    generate = generator()
    rng = random.Random(seed)
    for index in range(100):
        spec = generate.make_spec(index, rng)
        spec.kind = generate.TYPES[index % len(generate.TYPES)]
        assert same_as_slow(generate.to_yaml(spec)), index


#: What a value may be that the constructor makes something of, or that looks like it.
VALUES = ["0", "7", "012", "1_000", "1000_", "+5", "-5", "0x1F", "0o17", "0b101", "1e3"]
VALUES += ["1.5", ".5", "-.inf", ".NaN", "true", "False", "null", "~", "2020-07-10", "2020-7-1"]
VALUES += ["9" * 100, "1" + "0" * 99, "Yes", "on", "١٢", "12a", "1 2", "0.0.0", "'7'", '"7"']


@pytest.mark.parametrize("value", VALUES)
def test_each_kind_of_value_as_the_constructor_makes_it(value: str) -> None:
    text = f"{value}: {value}\nlist: [{value}, {value}]\nblock:\n  - {value}\n"
    assert same_as_slow(text) or value == "~"  # ~ as a key is None: twice is a duplicate


def test_block_scalars_and_empty_collections() -> None:
    text = "a: |\n  one\n  two\nb: >-\n  folded\n  text\n\n  more\nc: []\nd: {}\ne: [[], {}]\n"
    assert same_as_slow(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: -_\n",  # the constructor's own IndexError: a problem only the slow path words
        "a: 0x_\n",
        "a: [1, -_]\n",
        "a: -_\nb: 1\n",
    ],
)
def test_a_value_the_constructor_fails_on_is_left_to_the_slow_path(text: str) -> None:
    assert fast_parse("f.yaml", text) is None
    with pytest.raises(ContentError, match="is read as a number but is not one"):
        _parse_slowly("f.yaml", text)


@pytest.mark.parametrize(
    "text",
    [
        "a: -_\n<<: x\n",  # refused for its events before anything is made
        "a: -_\nb: &x 1\n",
        "a: -_\n---\nb: 1\n",
        "a: -_\nb: " + "[" * 20 + "x" + "]" * 20 + "\n",
        "a: -_\nb: " + "1" * 101 + "\n",
    ],
)
def test_a_value_the_constructor_fails_on_is_not_made_before_the_events_are_checked(
    text: str,
) -> None:
    assert fast_parse("f.yaml", text) is None
    with pytest.raises(ContentError):
        _parse_slowly("f.yaml", text)
