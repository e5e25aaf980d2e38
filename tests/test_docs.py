"""The user documentation stays in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

from make_brief.content.schema import Annex, Brief, Event, Person, Reference, Source, field_names

from .conftest import ROOT, run_cli

FORMAT_PAGE = ROOT / "docs" / "content-format.md"


def test_the_format_page_example_is_valid(tmp_path: Path) -> None:
    text = FORMAT_PAGE.read_text(encoding="utf-8")
    example = re.search(r"## A small example\n\n```yaml\n(.*?)```", text, re.S).group(1)
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    result = run_cli("check", path)
    assert result.exit_code == 0, result.output


def test_the_format_page_names_every_field() -> None:
    text = FORMAT_PAGE.read_text(encoding="utf-8")
    for model in (Brief, Event, Person, Reference, Source, Annex):
        for name in field_names(model):
            assert f"`{name}`" in text, f"{model.__name__}.{name} is not documented"


def test_readme_quick_start_is_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:sh|bash)?\n(.*?)```", quick_start, re.S)
    commands = [
        line
        for block in blocks
        for line in block.splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert commands == ["make briefs", "make test"]
    ci_commands = [
        line
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert ci_commands == ["make test"]
