"""Properties (hypothesis): any valid brief builds with its text in the output, and any
mutation of a valid file gives exit 0 or 1 with messages: never a traceback, never a hang.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from .conftest import SEED, pdf_text, run_cli
from .facts import facts_of, missing_facts

# Printable text from left-to-right scripts the installed fonts cover (Latin, Greek,
# Cyrillic, CJK). A script no font covers is refused by the PDF writer on purpose (boxes
# instead of letters would lose facts); right-to-left text has tests of its own, since
# text extraction from a PDF returns mixed-direction runs in visual order.
_ranges = [
    (0x20, 0x7E),
    (0xA0, 0x24F),
    (0x370, 0x3FF),
    (0x400, 0x4FF),
    (0x4E00, 0x4FFF),
]
_alphabet = st.one_of(
    [
        st.characters(min_codepoint=lo, max_codepoint=hi, categories=("L", "N", "P", "S", "Zs"))
        for lo, hi in _ranges
    ]
)
words = st.text(_alphabet, min_size=1, max_size=60).map(str.strip).filter(bool)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
person = st.fixed_dictionaries({"name": words}, optional={"role": words, "organization": words})
brief = st.fixed_dictionaries(
    {"title": words, "date": dates.map(date.isoformat), "summary": words},
    optional={
        "subtitle": words,
        "reference": words,
        "to": words,
        "from": words,
        "background": words,
        "speakers": st.lists(person, max_size=3),
        "next_steps": st.lists(words, max_size=3),
    },
)

_fast = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _dump(data: dict, path: Path) -> None:
    yaml = YAML()
    yaml.default_style = '"'  # quote every scalar: the strategy makes text, not YAML
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


@_fast
@given(brief)
def test_any_valid_brief_builds_with_its_text(data: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.yaml"
        _dump(data, path)
        result = run_cli("build", path, "--out", Path(folder) / "out", "-f", "pdf")
        assert result.exit_code == 0, result.output
        text = pdf_text(Path(folder) / "out" / "b.pdf")
        assert not missing_facts(facts_of(path), text)


_SEED_LINES = SEED.read_text(encoding="utf-8").splitlines(keepends=True)


@st.composite
def mutated_seed(draw: st.DrawFn) -> bytes:
    lines = list(_SEED_LINES)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "bytes", "retype"]))
        index = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
        elif kind == "retype":
            head = lines[index].split(":", 1)[0]
            value = draw(st.sampled_from(["123", "[1, 2]", "{a: b}", "~", "yes", "''", "-"]))
            lines[index] = f"{head}: {value}\n"
        if not lines:
            break
    data = "".join(lines).encode("utf-8")
    if draw(st.booleans()):
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        data = data[:position] + draw(st.binary(min_size=1, max_size=8)) + data[position:]
    return data


@_fast
@given(mutated_seed())
def test_any_mutation_gives_messages_never_a_traceback(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.yaml"
        path.write_bytes(data)
        result = run_cli("check", path)
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        if result.exit_code == 1:
            problems = result.stderr.splitlines()[:-1]
            assert problems and all(line.startswith(f"{path}:") for line in problems)
