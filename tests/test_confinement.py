"""Confinement end to end: a project's template set cannot make a build read or fetch
anything outside its own folders, and such a brief fails with a clear error."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from make_brief.locations import builtin_dir

from .conftest import SEED, run_cli


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with its own copy of the built-in set, and two briefs using it."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(builtin_dir() / "briefing-note", tmp_path / "templates" / "briefing-note")
    (tmp_path / "content").mkdir()
    shutil.copy(SEED, tmp_path / "content" / "seed.yaml")
    return tmp_path


def _css(project: Path, rule: str) -> None:
    css = project / "templates" / "briefing-note" / "style.css"
    css.write_text(css.read_text() + "\n" + rule + "\n")


@pytest.mark.parametrize(
    ("rule", "shown"),
    [
        ("body { background: url(file:///etc/passwd) }", "file:///etc/passwd"),
        ("body { background: url(../../secret.png) }", "secret.png"),
        ("body { background: url(/dev/urandom) }", "/dev/urandom"),
        ("body { background: url(https://example.org/x.png) }", "https://example.org/x.png"),
        ("@import url(http://127.0.0.1:9/x.css);", "http://127.0.0.1:9/x.css"),
    ],
)
def test_css_reaching_out_fails_the_brief(project: Path, rule: str, shown: str) -> None:
    (project / "secret.png").write_bytes(b"\x89PNG\r\n")
    _css(project, rule)
    result = run_cli("build", "-f", "pdf")
    assert result.exit_code == 1
    assert "content/seed.yaml: cannot be rendered:" in result.stderr
    assert shown in result.stderr
    assert not (project / "build" / "seed.pdf").exists()


def test_symlink_out_of_the_template_folder(project: Path) -> None:
    (project / "secret.css").write_text("body { color: red }")
    folder = project / "templates" / "briefing-note"
    os.remove(folder / "style.css")
    os.symlink(project / "secret.css", folder / "style.css")
    result = run_cli("build", "-f", "pdf")
    assert result.exit_code == 1
    assert "outside the template folder" in result.stderr


def test_template_cannot_include_files_outside_the_search_path(project: Path) -> None:
    (project / "templates" / "briefing-note" / "brief.html.j2").write_text(
        '{% include "../../../../../../etc/passwd" %}'
    )
    result = run_cli("build", "-f", "html")
    assert result.exit_code == 1
    assert "template ../../../../../../etc/passwd not found" in result.stderr
    assert "root:" not in result.output


def test_image_in_template_pointing_at_the_network(project: Path) -> None:
    template = project / "templates" / "briefing-note" / "brief.html.j2"
    template.write_text(
        template.read_text().replace(
            "<main>", '<main><img src="https://example.org/t.png" alt="t">'
        )
    )
    result = run_cli("build", "-f", "pdf")
    assert result.exit_code == 1
    assert "never the network" in result.stderr


# --- the shared folder: templates/common/ ---------------------------------------------------


def _import_first(project: Path, url: str) -> None:
    """An @import at the top of the set's stylesheet, where CSS allows one."""
    css = project / "templates" / "briefing-note" / "style.css"
    css.write_text(f'@import "{url}";\n' + css.read_text())


def test_the_shared_theme_and_its_fonts_load_for_a_project_set(project: Path) -> None:
    """The project's copy of the set imports ../common/theme.css, which the project lacks:
    the built-in one is used, fonts and all (a font it could not load fails the PDF)."""
    assert not (project / "templates" / "common").exists()
    result = run_cli("build", "-f", "pdf", "-f", "docx")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_another_set_s_files_are_out_of_reach(project: Path, fmt: str) -> None:
    other = project / "templates" / "other-set"
    other.mkdir()
    (other / "brief.html.j2").write_text("<p>another set</p>")
    (other / "evil.css").write_text("body { color: red }")
    _import_first(project, "../other-set/evil.css")
    result = run_cli("build", "-f", fmt)
    assert result.exit_code == 1
    assert "other-set/evil.css" in result.stderr
    assert "outside the template folder" in result.stderr


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_an_import_of_a_system_file_is_refused(project: Path, fmt: str) -> None:
    _import_first(project, "file:///etc/passwd")
    result = run_cli("build", "-f", fmt)
    assert result.exit_code == 1
    assert "/etc/passwd" in result.stderr
    assert "root:" not in result.output


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_symlink_out_of_the_shared_folder_is_refused(project: Path, fmt: str) -> None:
    (project / "secret.css").write_text(":root { --accent: #ff0000; }")
    common = project / "templates" / "common"
    common.mkdir()
    os.symlink(project / "secret.css", common / "theme.css")
    result = run_cli("build", "-f", fmt)
    assert result.exit_code == 1
    assert "theme.css" in result.stderr
    assert "outside the template folder" in result.stderr


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_set_file_never_stands_in_for_a_shared_one(project: Path, fmt: str) -> None:
    """Folders override each other only under one name (a set over its built-in copy,
    common/ over the built-in common/): a file of the set is not found through common/."""
    (project / "templates" / "briefing-note" / "extra.css").write_text("p { color: red }")
    _import_first(project, "../common/extra.css")
    result = run_cli("build", "-f", fmt)
    assert result.exit_code == 1
    assert "common/extra.css" in result.stderr
