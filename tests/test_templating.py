"""Template sets: the search path, overrides, the sandbox and the filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from make_brief.errors import RenderError
from make_brief.render.templating import (
    builtin_dir,
    css_page_counter,
    css_string,
    find_template_set,
    list_template_sets,
    make_environment,
    render_html,
)

from .conftest import SEED, run_cli


def test_builtin_set_is_found() -> None:
    template_set = find_template_set("briefing-note", Path("/nonexistent"))
    assert template_set.folders == ((builtin_dir() / "briefing-note").resolve(),)
    assert template_set.origin == "built-in"


def test_unknown_set_lists_the_search_path_and_the_known_sets(tmp_path: Path) -> None:
    with pytest.raises(LookupError) as info:
        find_template_set("memo", tmp_path)
    message = str(info.value)
    assert str(tmp_path / "memo") in message and "available: briefing-note" in message


def test_project_set_overrides_file_by_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "templates" / "briefing-note"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text('{% extends "builtin/briefing-note/brief.html.j2" %}')
    (folder / "labels").mkdir()
    (folder / "labels" / "en.yaml").write_text("summary: Bottom line up front\n")
    monkeypatch.chdir(tmp_path)
    sets = list_template_sets(tmp_path / "templates")
    assert [s.origin for s in sets] == ["project over built-in"]
    result = run_cli("build", SEED, "-f", "html", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / f"{SEED.stem}.html").read_text()
    assert "<h2>Bottom line up front</h2>" in html  # the project's word
    assert "<h2>Background</h2>" in html  # the built-in words for the rest


def test_sandbox_stops_a_template_reaching_python(tmp_path: Path) -> None:
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "brief.html.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    env = make_environment(tmp_path)
    with pytest.raises(RenderError, match="unsafe"):
        render_html(env, find_template_set("evil", tmp_path), {})


def test_undefined_names_are_errors(tmp_path: Path) -> None:
    folder = tmp_path / "typo"
    folder.mkdir()
    (folder / "brief.html.j2").write_text("{{ brief.titel }}")
    with pytest.raises(RenderError, match=r"typo/brief.html.j2.*titel"):
        render_html(make_environment(tmp_path), find_template_set("typo", tmp_path), {"brief": {}})


def test_css_strings_cannot_break_out_of_a_style_element() -> None:
    assert css_string('a"b') == '"a\\22 b"'
    escaped = css_string("</style><script>")
    assert "<" not in escaped and ">" not in escaped
    assert (
        css_page_counter("Page {page} of {pages}") == '"Page " counter(page) " of " counter(pages)'
    )
