"""``make-brief build -o DIR`` refuses the folder of a published site, saying why and what
to do instead: a build there would overwrite the site's manifest.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import SEED, run_cli
from .test_publish import make_project, publish, tree_digests


def test_a_published_site_is_no_output_folder(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", [SEED])
    site = project / "site"
    assert publish(project, site).exit_code == 0
    before = tree_digests(site)

    result = run_cli("build", project / "content", "-o", site, "-f", "html")
    assert result.exit_code == 2
    message = result.stderr
    assert f"-o {site}: a site published by make-brief publish lives there" in message
    assert "would overwrite that manifest" in message
    assert "make-brief build -o build" in message
    assert f"make-brief publish --site {site}" in message
    assert tree_digests(site) == before  # nothing written, not even a lock


def test_a_build_folder_and_an_ordinary_one_are_still_fine(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("build", SEED, "-o", out, "-f", "html").exit_code == 0
    assert json.loads((out / "manifest.json").read_text())["generator"] == "make-brief"
    again = run_cli("build", SEED, "-o", out, "-f", "html")  # its own manifest: no site
    assert again.exit_code == 0, again.output
    other = tmp_path / "theirs"
    other.mkdir()
    (other / "manifest.json").write_text('{"kind": "site"}')  # not make-brief's
    assert run_cli("build", SEED, "-o", other, "-f", "html").exit_code == 0


def test_a_site_named_build_gets_another_folder_suggested(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "manifest.json").write_text(
        json.dumps({"generator": "make-brief", "format": 1, "kind": "site", "briefs": []})
    )
    result = run_cli("build", SEED)
    assert result.exit_code == 2
    assert "make-brief build -o build-out" in result.stderr
