"""The user documentation stays in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from make_brief.content.schema import (
    MODELS,
    Action,
    AgendaItem,
    Annex,
    Event,
    Person,
    Point,
    Question,
    Reference,
    Source,
    Table,
    field_names,
)
from make_brief.locations import builtin_dir

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
    parts = (Event, Person, Reference, Source, Annex, Table, Point, Question, AgendaItem, Action)
    for model in (*MODELS.values(), *parts):
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


# --- the template authors' page: the writer's subset, the word-styles format, the sets ---

AUTHORS_PAGE = ROOT / "docs" / "template-authors.md"


def test_the_template_authors_page_names_every_element_and_writer_style() -> None:
    from make_brief.render.docx.builtin import WRITER_STYLES
    from make_brief.render.docx.subset import ELEMENTS

    text = AUTHORS_PAGE.read_text(encoding="utf-8")
    for tag in sorted(ELEMENTS):
        assert f"<{tag}" in text or f"`{tag}`" in text, f"<{tag}> is not documented"
    for name in WRITER_STYLES:
        assert name in text, f"the writer's style {name} is not documented"


def test_the_template_authors_page_names_every_key_of_the_word_styles_file() -> None:
    from make_brief.render.docx import wordstyles

    text = AUTHORS_PAGE.read_text(encoding="utf-8")
    models = (wordstyles.Entry, wordstyles.StyleDef, wordstyles.Border, wordstyles.PageStyles)
    for model in (*models, wordstyles._File):
        for name, info in model.model_fields.items():
            key = info.alias or name
            assert re.search(f"`{re.escape(key)}[`:]", text), (
                f"{model.__name__}: `{key}` is not documented"
            )


@pytest.mark.parametrize(
    "folder",
    sorted(p.parent for p in builtin_dir().glob("*/brief.html.j2")),
    ids=lambda p: p.name,
)
def test_the_template_authors_page_names_what_each_built_in_set_declares(folder: Path) -> None:
    """Each built-in set's classes, styles and template blocks, as its files declare them."""
    from make_brief.render.docx.wordstyles import load_word_styles

    text = AUTHORS_PAGE.read_text(encoding="utf-8")
    path = folder / "word-styles.yaml"
    book = load_word_styles((path, path.read_text(encoding="utf-8")))
    for key in book.elements:
        assert f"`{key}`" in text, f"{key} is not documented"
    for name in book.styles:
        assert f"**{name}**" in text, f"style {name} of {folder.name} is not documented"
    template = (folder / "brief.html.j2").read_text(encoding="utf-8")
    for block in re.findall(r"{%-?\s*block\s+(\w+)", template):
        assert f"`{block}`" in text, f"block {block} of {folder.name} is not documented"


# --- what the pages cite exists ----------------------------------------------------------

PAGES = [ROOT / "README.md", ROOT / "SECURITY.md", *sorted((ROOT / "docs").glob("*.md"))]
_CITED_PATH = re.compile(
    r"`((?:src|templates|docs|tests|benchmarks|content|scripts)/[A-Za-z0-9_./-]*[A-Za-z0-9_/])`"
)
_COMMAND_LINE = re.compile(r"^[ \t]*(?:\.venv/bin/)?make-brief((?:[ \t]+\S+)+)", re.MULTILINE)
#: Files of a user's own project that the pages use as examples: they are not in this
#: repository, and need not be.
_USERS_FILES = (
    "my-meeting",
    "new-meeting",
    "first-brief",
    "labels/de.yaml",
    "meeting-record/",
    "<",
)


def test_every_path_the_pages_cite_exists() -> None:
    missing = []
    for page in PAGES:
        for match in _CITED_PATH.finditer(page.read_text(encoding="utf-8")):
            cited = match.group(1)
            if any(example in cited for example in _USERS_FILES):
                continue
            # A path is cited from the repository's top, or inside the package.
            if not (ROOT / cited).exists() and not (ROOT / "src" / "make_brief" / cited).exists():
                missing.append(f"{page.name}: {cited}")
    assert not missing, missing


def test_every_command_and_option_the_pages_show_exists() -> None:
    from make_brief.cli import main
    from make_brief.commands import COMMANDS

    unknown = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in _COMMAND_LINE.finditer(text):
            words = [w for w in match.group(1).split() if not w.startswith("#")]
            names = [w for w in words if w in COMMANDS]
            if not names:
                continue
            command = main.get_command(None, names[0])  # type: ignore[arg-type]
            known = {o for p in [*command.params, *main.params] for o in p.opts}
            known |= {"--help", "-h"}
            for word in words:
                option = word.split("=", 1)[0].rstrip(".,;:)`]")
                if not re.fullmatch(r"--?[a-z][a-z-]*", option):
                    continue  # an arrow, a dash in prose
                if option not in known:
                    if re.fullmatch(r"-[a-z]{2,}", option):
                        continue  # a flag of another tool on the same line
                    unknown.append(f"{page.name}: make-brief {names[0]} {option}")
    assert not unknown, unknown


def test_every_language_the_pages_call_built_in_has_its_labels() -> None:
    from make_brief.locations import builtin_dir

    built_in = {p.stem for p in (builtin_dir() / "briefing-note" / "labels").glob("*.yaml")}
    for page in PAGES:
        for match in re.finditer(r"built in: ((?:`[a-z-]+`(?:, )?)+)", page.read_text()):
            cited = set(re.findall(r"`([a-z-]+)`", match.group(1)))
            assert cited == built_in, (page.name, cited, built_in)


@pytest.mark.parametrize("kind", ["talking-points", "meeting-report"])
def test_the_format_page_example_of_each_type_is_valid(kind: str, tmp_path: Path) -> None:
    text = FORMAT_PAGE.read_text(encoding="utf-8")
    example = re.search(rf"```yaml\n(type: {kind}\n.*?)```", text, re.S).group(1)
    path = tmp_path / f"{kind}.yaml"
    path.write_text(example, encoding="utf-8")
    result = run_cli("check", path)
    assert result.exit_code == 0, result.output
