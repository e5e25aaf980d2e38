"""Properties (hypothesis): ``check`` and ``build`` agree on every file, and every file a
publication writes parses, whatever characters the values hold.

Values are written as YAML escapes (``"\\U0001F600"``), so any code point reaches the
value, including those the raw-file check never sees: controls, bidi overrides,
noncharacters, surrogates, private-use and unassigned code points, and characters no
installed font has.
"""

from __future__ import annotations

import json
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import run_cli

_settings = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Mostly ordinary letters, with every kind of trouble mixed in.
_trouble = st.sampled_from(
    [0x0, 0x7, 0x1B, 0x85, 0x202E, 0x2066, 0xFEFF, 0xFFFE, 0xFDD0, 0xD800, 0xE000, 0x10FFFD,
     0x378, 0x1FB00, 0x1F600, 0x4E00, 0x0627, 0x200D, 0x00AD, 0x2028]
)  # fmt: skip
_code_point = st.one_of(
    st.integers(0x41, 0x5A),
    st.integers(0x61, 0x7A),
    st.integers(0x20, 0x7E),
    st.integers(0xA0, 0x17F),
    _trouble,
    st.integers(0, 0x10FFFF),
)
_text = st.lists(_code_point, min_size=1, max_size=12)


def _escaped(codes: list[int]) -> str:
    """A double-quoted YAML scalar spelling every code point as an escape."""
    return '"' + "".join(f"\\U{code:08X}" for code in codes) + '"'


def _write(folder: Path, title: list[int], summary: list[int]) -> Path:
    path = folder / "b.yaml"
    path.write_text(
        f"title: {_escaped(title)}\ndate: 2020-07-10\nsummary: {_escaped(summary)}\n",
        encoding="utf-8",
    )
    return path


@_settings
@given(_text, _text)
def test_check_and_build_agree(title: list[int], summary: list[int]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = _write(folder, title, summary)
        checked = run_cli("check", path)
        built = run_cli("build", path, "--out", folder / "out", "-j", "1")
        assert checked.exit_code in (0, 1), checked.output
        assert built.exit_code == checked.exit_code, (checked.output, built.output)
        if checked.exit_code:
            # The same problems, and each one line at the field.
            assert checked.stderr.splitlines()[:-1] == built.stderr.splitlines()[:-1]
            for line in checked.stderr.splitlines()[:-1]:
                assert line.startswith(f"{path}:") and line.isprintable(), line


class _Strict(HTMLParser):
    def error(self, message: str) -> None:  # pragma: no cover - never called in 3.11
        raise AssertionError(message)


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_text)
def test_what_a_publication_writes_parses(title: list[int]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = _write(folder, title, [0x48, 0x69])
        result = run_cli("publish", path, "--out", folder / "build", "--site", folder / "site")
        if result.exit_code == 1:  # refused at its field: nothing reaches the site
            problems = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
            assert problems and ":1:8: title: " in problems[0], result.output
            manifest = json.loads((folder / "site" / "manifest.json").read_text())
            assert manifest["briefs"] == []  # the site holds every brief that built: none
            return
        assert result.exit_code == 0, result.output
        site = folder / "site"
        ET.parse(site / "feed.xml")
        manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["briefs"][0]["title"]
        page = (site / "index.html").read_text(encoding="utf-8")
        _Strict().feed(page)
        for control in ("\u202e", "\u2066", "\x00"):
            assert control not in page
