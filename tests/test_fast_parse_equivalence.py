"""The fast parse against the round-trip loader, object by object (tests/test_parse.py
``agrees``: every collection's type, key order, owned keys and LineCol, every value's
type and value, the unquoted values ``check_events`` notes), on a few hundred generated
briefs of every type and on the shapes of YAML that take the fast path's own branches;
tests/test_parse.py does the same for every file the tests hold and for damaged files."""

from __future__ import annotations

import importlib.util
import random
import sys
from typing import Any

import pytest

from make_brief.content.load import _parse_slowly
from make_brief.content.yaml_c import CParser, fast_parse
from make_brief.errors import ContentError

from .conftest import ROOT
from .test_parse import agrees

pytestmark = pytest.mark.skipif(CParser is None, reason="ruamel.yaml.clib is not installed")


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
        assert agrees(generate.to_yaml(spec)), index


#: What a value may be that the constructor makes something of, or that looks like it.
VALUES = ["0", "7", "012", "1_000", "1000_", "+5", "-5", "0x1F", "0o17", "0b101", "1e3"]
VALUES += ["1.5", ".5", "-.inf", ".NaN", "true", "False", "null", "~", "2020-07-10", "2020-7-1"]
VALUES += ["9" * 100, "1" + "0" * 99, "Yes", "on", "١٢", "12a", "1 2", "0.0.0", "'7'", '"7"']


@pytest.mark.parametrize("value", VALUES)
def test_each_kind_of_value_as_the_constructor_makes_it(value: str) -> None:
    text = f"{value}: {value}\nlist: [{value}, {value}]\nblock:\n  - {value}\n"
    assert agrees(text) or value == "~"  # ~ as a key is None: twice is a duplicate


def test_block_scalars_and_empty_collections() -> None:
    text = "a: |\n  one\n  two\nb: >-\n  folded\n  text\n\n  more\nc: []\nd: {}\ne: [[], {}]\n"
    assert agrees(text)


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
