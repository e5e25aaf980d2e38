"""The loader on its own: positions, all problems at once, and what is refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from make_brief.content.load import MAX_BYTES, load_brief
from make_brief.errors import ContentError

from .conftest import SEED


def write(tmp_path: Path, text: str | bytes, name: str = "b.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_brief(path)
    return [str(p).removeprefix(f"{path}:").strip() for p in info.value.problems]


def test_seed_loads() -> None:
    loaded = load_brief(SEED)
    assert loaded.slug == SEED.stem
    assert loaded.brief.date == date(2020, 7, 10)
    assert loaded.brief.event.start == date(2020, 7, 6)
    assert loaded.brief.speakers[0].name == "Pranab Kumar Das"


def test_yaml_1_2_keeps_no_and_on_as_text(tmp_path: Path) -> None:
    brief = load_brief(write(tmp_path, "title: no\ndate: 2020-01-01\nsummary: on\nto: yes\n")).brief
    assert (brief.title, brief.summary, brief.to) == ("no", "on", "yes")


def test_every_problem_of_a_file_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "title: 5\ndate: 2020-13-01\nsumary: x\nevent:\n  nam: X\n")
    got = problems(path)
    assert "3:1: sumary: unknown field; did you mean 'summary'?" in got
    assert "5:3: event.nam: unknown field; did you mean 'name'?" in got
    # The misspelling explains why summary is missing: it is not reported twice.
    assert not any("summary: is required" in line for line in got)
    assert got == sorted(got, key=lambda s: tuple(int(n) for n in s.split(":")[:2]))


def test_messages_point_into_lists(tmp_path: Path) -> None:
    text = "title: T\ndate: 2020-01-01\nsummary: S\nspeakers:\n  - name: A\n  - role: B\n"
    assert problems(write(tmp_path, text)) == [
        "6:5: speakers[2].name: is required; add `name: ...`"  # counted from 1
    ]


def test_message_may_be_plain_text_or_heading_and_text(tmp_path: Path) -> None:
    text = "title: T\ndate: 2020-01-01\nsummary: S\nkey_messages:\n  - plain\n  - heading: H\n    text: body\n"
    messages = load_brief(write(tmp_path, text)).brief.key_messages
    assert [(m.heading, m.text) for m in messages] == [(None, "plain"), ("H", "body")]


def test_source_dates_to_year_month_or_day(tmp_path: Path) -> None:
    text = (
        "title: T\ndate: 2020-01-01\nsummary: S\nsources:\n"
        "  - {title: a, date: 2020}\n  - {title: b, date: 2020-07}\n  - {title: c, date: 2020-07-10}\n"
    )
    sources = load_brief(write(tmp_path, text)).brief.sources
    assert [s.date for s in sources] == ["2020", "2020-07", "2020-07-10"]


def test_size_cap(tmp_path: Path) -> None:
    path = write(tmp_path, b"title: T\n#" + b"x" * MAX_BYTES)
    assert problems(path) == ["is larger than 1024 KiB; a brief is a few pages"]


def test_crlf_line_endings_are_fine(tmp_path: Path) -> None:
    path = write(tmp_path, b"title: T\r\ndate: 2020-01-01\r\nsummary: S\r\n")
    assert load_brief(path).brief.title == "T"


def test_tab_inside_a_value_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, 'title: "a\\tb"\ndate: 2020-01-01\nsummary: |\n  col1\tcol2\n')
    assert load_brief(path).brief.summary == "col1\tcol2"


def test_unreadable_path(tmp_path: Path) -> None:
    assert problems(tmp_path / "missing.yaml")[0].startswith("cannot be read")
    assert problems(tmp_path) == ["is a folder, not a content file"]


def test_problem_after_validation_is_placed_in_the_file(tmp_path: Path) -> None:
    loaded = load_brief(write(tmp_path, "title: T\ndate: 2020-01-01\nsummary: S\nlanguage: xx\n"))
    problem = loaded.problem(("language",), "no labels")
    assert (problem.line, problem.col, problem.field) == (4, 11, "language")


def test_read_tree_checks_a_file_as_a_brief_is_checked_up_to_its_fields(tmp_path: Path) -> None:
    from make_brief.content.load import read_tree

    tree, raw = read_tree(write(tmp_path, "parts:\n  - a.yaml\nname: x\n"))
    assert raw.startswith(b"parts:") and tree.lc.data["name"][:2] == [2, 0]
    with pytest.raises(ContentError) as info:
        read_tree(write(tmp_path, "a: [1\n", "broken.yaml"))
    assert info.value.problems[0].line
