"""Each type of brief is validated by its own model, chosen by ``type:``; a field of
another type is refused with a message that names the type; ``new --type`` writes a
starter of each type that ``check`` accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from make_brief.content.schema import BRIEF_TYPES, MODELS, TalkingPoints, validate_brief
from make_brief.content.starter import STARTER_TYPES

from .conftest import run_cli

HEAD = "title: T\ndate: 2020-07-10\nsummary: S\n"


def test_every_type_has_a_model_and_a_starter_the_default_first() -> None:
    assert tuple(MODELS) == BRIEF_TYPES == STARTER_TYPES
    assert BRIEF_TYPES[0] == "briefing-note"


@pytest.mark.parametrize("kind", BRIEF_TYPES)
def test_new_writes_a_starter_of_the_type_that_check_accepts(kind: str, tmp_path: Path) -> None:
    result = run_cli("new", "first", "--dir", tmp_path, "--type", kind)
    assert result.exit_code == 0, result.output
    path = tmp_path / "first.yaml"
    assert run_cli("check", path).exit_code == 0
    data = path.read_text(encoding="utf-8")
    assert (f"type: {kind}" in data) is (kind != "briefing-note")


def test_a_point_may_be_a_text_or_a_text_with_its_facts() -> None:
    brief = validate_brief(
        {
            "type": "talking-points",
            "title": "T",
            "date": "2020-07-10",
            "summary": "S",
            "objective": "O",
            "points": ["One.", {"text": "Two.", "facts": ["A fact."]}],
        }
    )
    assert isinstance(brief, TalkingPoints)
    assert [(p.text, p.facts) for p in brief.points] == [("One.", []), ("Two.", ["A fact."])]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "key_messages: [M]\n",
            "key_messages: belongs to a briefing note (type: briefing-note), not to talking points",
        ),
        ("agenda: []\n", "agenda: belongs to a meeting report (type: meeting-report)"),
    ],
)
def test_a_field_of_another_type_names_its_type(body: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "tp.yaml"
    path.write_text("type: talking-points\n" + HEAD + "objective: O\npoints: [P]\n" + body)
    result = run_cli("check", path)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_background_belongs_to_two_types_and_is_refused_by_the_third(tmp_path: Path) -> None:
    path = tmp_path / "mr.yaml"
    path.write_text(
        "type: meeting-report\n" + HEAD + "event: {name: E}\n"
        "agenda:\n  - {title: A, discussion: D}\nbackground: B\n"
    )
    result = run_cli("check", path)
    assert "background: belongs to a briefing note or talking points" in result.stderr


def test_an_unknown_type_lists_the_three(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("type: memo\n" + HEAD)
    result = run_cli("check", path)
    assert result.exit_code == 1
    assert (
        "type: 'memo' is not allowed; write one of: 'briefing-note', 'talking-points', "
        "'meeting-report'"
    ) in result.stderr
