"""``make-brief init``: a project that builds, an editor that knows the format, and a CI
workflow for the user's own repository."""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from make_brief.cli import main
from make_brief.commands import init
from make_brief.content.starter import starter_content

from .conftest import pdf_text, run_cli
from .test_publish import IN_CI
from .test_publish_workflows import find_actionlint
from .validity import assert_valid_outputs

FILES = [
    "make-brief.toml",
    "content/first-brief.yaml",
    ".vscode/make-brief.schema.json",
    ".vscode/settings.json",
    ".vscode/extensions.json",
    ".gitignore",
    ".github/workflows/briefs.yml",
]


def load_yaml(path: Path) -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "briefs"
    result = run_cli("init", folder, "--organisation", "Customs Administration of Ruritania")
    assert result.exit_code == 0, result.output
    return folder


def test_init_writes_every_file_and_says_what_next(tmp_path: Path) -> None:
    folder = tmp_path / "briefs"
    result = run_cli("init", folder, "--organisation", "Customs Administration of Ruritania")
    assert result.exit_code == 0, result.output
    written = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert written == sorted(FILES)
    for name in FILES:
        assert f"wrote {folder / name}" in result.stdout
    assert f"cd {folder} && make-brief build" in result.stdout.splitlines()[-1]


def test_the_new_project_checks_and_builds(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    assert run_cli("check").exit_code == 0
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    out = project / "build"
    assert {"first-brief.pdf", "first-brief.docx"} <= {p.name for p in out.iterdir()}
    assert_valid_outputs(out)
    text = pdf_text(out / "first-brief.pdf")
    assert "Customs Administration of Ruritania" in text
    assert "World Customs Organization" not in text


def test_the_config_names_the_organisation_given(project: Path) -> None:
    text = (project / "make-brief.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text) == {"organisation": "Customs Administration of Ruritania"}


def test_without_a_terminal_or_an_option_the_organisation_is_left_to_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run_cli("init", tmp_path / "p")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "p" / "make-brief.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text) == {}  # no body's name put there by default
    assert "World Customs" not in text
    assert "# organisation = " in text
    assert "write your organisation's name" in result.stdout
    monkeypatch.chdir(tmp_path / "p")
    assert run_cli("build", "-f", "html").exit_code == 0


def test_on_a_terminal_the_organisation_is_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(init, "_interactive", lambda: True)
    result = CliRunner().invoke(main, ["init", str(tmp_path / "p")], input="Douanes de Ruritanie\n")
    assert result.exit_code == 0, result.output
    assert "Your organisation" in result.output
    text = (tmp_path / "p" / "make-brief.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text)["organisation"] == "Douanes de Ruritanie"


def test_a_name_with_quotes_and_accents_is_valid_toml(tmp_path: Path) -> None:
    name = 'Administración "Aduanas" \\ Ruritania'
    assert run_cli("init", tmp_path, "--organisation", name).exit_code == 0
    assert tomllib.loads((tmp_path / "make-brief.toml").read_text())["organisation"] == name


def test_a_name_on_two_lines_is_refused(tmp_path: Path) -> None:
    result = run_cli("init", tmp_path / "p", "--organisation", "One\nTwo")
    assert result.exit_code == 2
    assert "--organisation" in result.stderr
    assert not (tmp_path / "p").exists()


def test_existing_files_are_never_overwritten_without_force(project: Path) -> None:
    (project / "make-brief.toml").write_text('organisation = "Mine"\n', encoding="utf-8")
    (project / ".vscode" / "settings.json").unlink()
    result = run_cli("init", project)
    assert result.exit_code == 2
    assert "make-brief.toml" in result.stderr and "--force" in result.stderr
    assert "nothing was written" in result.stderr
    assert (project / "make-brief.toml").read_text() == 'organisation = "Mine"\n'
    assert not (project / ".vscode" / "settings.json").exists()  # all or nothing

    forced = run_cli("init", project, "--force", "--organisation", "Theirs")
    assert forced.exit_code == 0, forced.output
    assert 'organisation = "Theirs"' in (project / "make-brief.toml").read_text()
    assert (project / ".vscode" / "settings.json").is_file()


def test_init_in_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("init", "--organisation", "X")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "make-brief.toml").is_file()
    assert result.stdout.splitlines()[-1].endswith(
        "then: make-brief build (renders content/ into build/)"
    )


# --- the editor ------------------------------------------------------------------------


def test_vscode_maps_the_schema_onto_the_content_files(project: Path) -> None:
    settings = json.loads((project / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"] == {"./.vscode/make-brief.schema.json": ["content/*.yaml"]}
    schema = (project / ".vscode" / "make-brief.schema.json").read_text()
    assert schema == run_cli("schema").stdout  # what `make-brief schema` prints
    extensions = json.loads((project / ".vscode" / "extensions.json").read_text())
    assert extensions == {"recommendations": ["redhat.vscode-yaml"]}


def test_the_starter_is_the_commented_one_with_a_schema_modeline(project: Path) -> None:
    text = (project / "content" / "first-brief.yaml").read_text()
    first, rest = text.split("\n", 1)
    assert first == "# yaml-language-server: $schema=../.vscode/make-brief.schema.json"
    assert rest == starter_content()
    assert (project / "content" / first.rsplit("=", 1)[1]).resolve() == (
        project / ".vscode" / "make-brief.schema.json"
    ).resolve()


def test_gitignore_leaves_out_what_a_build_makes(project: Path) -> None:
    lines = (project / ".gitignore").read_text().splitlines()
    assert {"build/", "site/", ".make-brief-*"} <= set(lines)


# --- the CI workflow -------------------------------------------------------------------


def test_the_workflow_installs_from_pip_checks_builds_and_keeps_build(project: Path) -> None:
    workflow = load_yaml(project / ".github" / "workflows" / "briefs.yml")
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["briefs"]["steps"]
    runs = [step.get("run", "") for step in steps]
    script = "\n".join(runs)
    assert 'pip install "make-brief==' in script
    for package in init.APT_PACKAGES:
        assert package in script
    assert "scripts/" not in script and "setup.sh" not in script  # not this repository's
    commands = [run.strip() for run in runs]
    assert commands.index("make-brief check") < commands.index("make-brief build")
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "build/"


def test_actionlint_passes_on_the_workflow(project: Path) -> None:
    actionlint = find_actionlint()
    if actionlint is None:
        if IN_CI:
            pytest.fail("actionlint is not installed; the test set-up must install it")
        pytest.skip("actionlint is not installed")
    workflow = project / ".github" / "workflows" / "briefs.yml"
    done = subprocess.run(
        [actionlint, "-color=false", str(workflow)], capture_output=True, text=True, cwd=project
    )
    assert done.returncode == 0, done.stdout + done.stderr
