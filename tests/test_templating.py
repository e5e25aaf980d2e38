"""Template sets: the search path, overrides, the sandbox and the filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from make_brief.errors import RenderError
from make_brief.locations import builtin_dir
from make_brief.render.sets import find_template_set, list_template_sets
from make_brief.render.templating import (
    css_page_counter,
    css_string,
    make_environment,
    render_html,
)

from .conftest import SEED, pdf_text, run_cli


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
    assert {s.name: s.origin for s in sets} == {
        "briefing-note": "project over built-in",
        "meeting-report": "built-in",
        "talking-points": "built-in",
    }
    result = run_cli("build", SEED, "-f", "html", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / f"{SEED.stem}.html").read_text()
    assert '<h2 data-field="">Bottom line up front</h2>' in html  # the project's word
    assert '<h2 data-field="">Background</h2>' in html  # the built-in words for the rest


def test_a_project_template_replaces_one_block_of_the_built_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Extend the built-in template, override one block: both outputs show the new
    part, and everything else is the built-in note's."""
    import docx

    folder = tmp_path / "templates" / "briefing-note"
    folder.mkdir(parents=True)
    (folder / "brief.html.j2").write_text(
        '{% extends "builtin/briefing-note/brief.html.j2" %}\n'
        "{% block purpose %}\n"
        '{% call section("purpose", "Why we go") %}\n'
        "<p>To listen first, and to speak {{ brief.speakers | length }} times.</p>\n"
        "{% endcall %}\n"
        "{% endblock %}\n"
    )
    monkeypatch.chdir(tmp_path)
    result = run_cli(
        "build", SEED, "-f", "pdf", "-f", "docx", "-f", "html", "--out", tmp_path / "out"
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / f"{SEED.stem}.html").read_text()
    assert '<section id="purpose">\n<h2 data-field="">Why we go</h2>' in html  # the base macro
    assert "To listen first, and to speak 1 times." in html
    for text in (
        pdf_text(tmp_path / "out" / f"{SEED.stem}.pdf"),
        " ".join(
            p.text for p in docx.Document(str(tmp_path / "out" / f"{SEED.stem}.docx")).paragraphs
        ),
    ):
        assert "Why we go" in text and "To listen first" in text
        assert "Purpose" not in text  # the built-in block is replaced...
        assert "Key messages" in text and "Background" in text  # ...and only it


def test_common_is_shared_by_every_set_and_is_no_set_itself(tmp_path: Path) -> None:
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "brief.html.j2").write_text("not a set")
    # the built-in sets, each a brief type; common/ (and the book's folder) are not sets
    sets = [s.name for s in list_template_sets(tmp_path)]
    assert sets == ["briefing-note", "meeting-report", "talking-points"]
    with pytest.raises(LookupError, match="'common' is not a template set"):
        find_template_set("common", tmp_path)
    template_set = find_template_set("briefing-note", tmp_path)
    # The project's common/ first, whether it exists or not, then the built-in one.
    assert template_set.shared == (
        (tmp_path / "common").resolve(),
        (builtin_dir() / "common").resolve(),
    )
    assert template_set.asset_roots == template_set.folders + template_set.shared


def test_sandbox_stops_a_template_reaching_python(tmp_path: Path) -> None:
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "brief.html.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    env = make_environment(tmp_path)
    with pytest.raises(RenderError, match="unsafe"):
        render_html(env, find_template_set("evil", tmp_path), {})


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{ 'x' * 10**11 }}", "would make 100,000,000,000 items"),
        ("{{ [1] * 10**9 }}", "would make 1,000,000,000 items"),
        ("{{ 2 ** 100000 }}", "an exponent of 100000"),
        ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "calls itself too deeply"),
    ],
)
def test_a_template_cannot_ask_for_unbounded_work(tmp_path: Path, body: str, message: str) -> None:
    """Each of these was an exit 3 with a traceback (or gigabytes): now the brief fails
    with the template's name and the others still build."""
    folder = tmp_path / "greedy"
    folder.mkdir()
    (folder / "brief.html.j2").write_text(body)
    with pytest.raises(RenderError, match=message):
        render_html(make_environment(tmp_path), find_template_set("greedy", tmp_path), {})


def test_an_include_cannot_follow_a_link_out_of_the_templates(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0")
    folder = tmp_path / "templates" / "linked"
    folder.mkdir(parents=True)
    (folder / "x.txt").symlink_to(secret)
    (folder / "inside.txt").write_text("fine")
    (folder / "brief.html.j2").write_text('{% include "linked/inside.txt" %}')
    env = make_environment(tmp_path / "templates")
    template_set = find_template_set("linked", tmp_path / "templates")
    assert render_html(env, template_set, {}) == "fine"
    (folder / "brief.html.j2").write_text('{% include "linked/x.txt" %}')
    env = make_environment(tmp_path / "templates")
    with pytest.raises(RenderError, match="leads outside the template folders") as caught:
        render_html(env, template_set, {})
    assert "root:x" not in str(caught.value)


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
