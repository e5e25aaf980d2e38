"""The CI workflows: linted, and their own commands run here over three shards.

The GitHub workflow and the GitLab pipeline are read as YAML; the commands of their build
jobs run once per shard, each in a checkout of its own (as on three runners), their
outputs are carried as the artifact steps would carry them, and the merge job's command
joins them. The site it writes must be the very site ``make-brief publish`` writes on one
machine. Only the set-up (scripts/setup.sh, already done here), the artifact transfers
and the deployment are not run.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from .conftest import CASES, ROOT
from .test_publish import BASE_URL, IN_CI, example_files, make_project, site_manifest, tree_digests

GITHUB_WORKFLOW = ROOT / ".github" / "workflows" / "publish-briefs.yml"
GITLAB_PIPELINE = ROOT / ".gitlab-ci.yml"
SETUP = "scripts/setup.sh"


def load(path: Path) -> dict[str, Any]:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def checkout(folder: Path, files: list[Path] | None = None) -> Path:
    """A runner's working copy after the set-up step: the project's content and config,
    and ``.venv/bin/make-brief`` running the make-brief under test."""
    make_project(folder, files)
    launcher = folder / ".venv" / "bin" / "make-brief"
    launcher.parent.mkdir(parents=True)
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m make_brief "$@"\n')
    launcher.chmod(0o755)
    return folder


def run(script: str, cwd: Path, env: dict[str, str]) -> None:
    done = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script],
        cwd=cwd,
        env={**os.environ, "CI": "true", **env},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, f"{script}\nexit {done.returncode}\n{done.stdout}{done.stderr}"


def single_machine_site(folder: Path, files: list[Path] | None = None) -> Path:
    """What one machine publishes: ``make-brief publish`` in a checkout of its own."""
    work = checkout(folder, files)
    run(f'.venv/bin/make-brief publish --site site --base-url "{BASE_URL}"', work, {})
    return work / "site"


@pytest.fixture(scope="module")
def one_machine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return single_machine_site(tmp_path_factory.mktemp("one-machine"))


# --- GitHub Actions -----------------------------------------------------------------------


def expand(text: str, context: dict[str, str]) -> str:
    """``${{ expression }}`` replaced from ``context``; an unknown one fails the test, so no
    part of a command goes unrun by accident."""

    def value(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        assert expression in context, f"the replay does not know ${{{{ {expression} }}}}"
        return context[expression]

    return re.sub(r"\$\{\{(.*?)\}\}", value, str(text))


def uses(job: dict[str, Any], action: str) -> dict[str, Any]:
    [step] = [s for s in job["steps"] if str(s.get("uses", "")).startswith(action + "@")]
    return step


def run_github_job(job: dict[str, Any], work: Path, context: dict[str, str]) -> None:
    commands = [s for s in job["steps"] if "run" in s]
    assert sum(SETUP in s["run"] for s in commands) == 1, "each job sets up as the README does"
    for step in commands:
        if SETUP in step["run"]:
            continue  # done already: this machine is set up
        env = {name: expand(value, context) for name, value in step.get("env", {}).items()}
        run(expand(step["run"], context), work, env)


def github_replay(folder: Path, files: list[Path] | None = None) -> Path:
    workflow = load(GITHUB_WORKFLOW)
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    upload, download = (
        uses(build, "actions/upload-artifact"),
        uses(publish, "actions/download-artifact"),
    )
    merging = checkout(folder / "publish", files)
    for shard in build["strategy"]["matrix"]["shard"]:
        context = {"matrix.shard": str(shard)}
        runner = checkout(folder / f"build-{shard}", files)
        run_github_job(build, runner, context)
        # upload-artifact (hidden files left out, as v4 does), then download-artifact.
        name = expand(upload["with"]["name"], context)
        assert fnmatch.fnmatch(name, download["with"]["pattern"])
        shutil.copytree(
            runner / expand(upload["with"]["path"], context),
            merging / download["with"]["path"] / name,
            ignore=shutil.ignore_patterns(".*"),
        )
    run_github_job(publish, merging, {"steps.pages.outputs.base_url": BASE_URL.rstrip("/")})
    return merging / uses(publish, "actions/upload-pages-artifact")["with"]["path"]


def test_the_github_workflow_over_three_shards_publishes_the_one_machine_site(
    one_machine: Path, tmp_path: Path
) -> None:
    site = github_replay(tmp_path)
    assert tree_digests(site) == tree_digests(one_machine)
    assert len(site_manifest(site)["briefs"]) == len(example_files())


def test_an_empty_shard_does_not_stop_the_publication(tmp_path: Path) -> None:
    """One brief and three shards: two shards have nothing to build, as happens to a
    project with few briefs."""
    files = [CASES / "valid" / "minimal.yaml"]
    site = github_replay(tmp_path / "sharded", files)
    assert tree_digests(site) == tree_digests(single_machine_site(tmp_path / "one", files))


def test_the_github_workflow_has_the_shape_the_publication_needs() -> None:
    workflow = load(GITHUB_WORKFLOW)
    triggers = workflow["on"]
    assert "workflow_dispatch" in triggers and triggers["schedule"][0]["cron"]
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    shards = build["strategy"]["matrix"]["shard"]
    assert shards == [1, 2, 3]
    [command] = [s["run"] for s in build["steps"] if "--shard" in s.get("run", "")]
    assert f"--shard ${{{{ matrix.shard }}}}/{len(shards)}" in command
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert publish["environment"]["name"] == "github-pages"
    assert uses(build, "actions/upload-artifact")["uses"].endswith("@v4")
    assert uses(publish, "actions/upload-pages-artifact")["uses"].endswith("@v3")
    assert uses(publish, "actions/deploy-pages")["uses"].endswith("@v4")
    assert workflow["permissions"] == {"contents": "read"}  # the least, but for the deployer


def find_actionlint() -> str | None:
    beside_python = str(Path(sys.executable).parent)
    return shutil.which("actionlint", path=beside_python + os.pathsep + os.environ.get("PATH", ""))


def test_actionlint_passes_on_the_workflow() -> None:
    actionlint = find_actionlint()
    if actionlint is None:
        if IN_CI:
            pytest.fail("actionlint is not installed; the test set-up must install it")
        pytest.skip("actionlint is not installed")
    done = subprocess.run(
        [actionlint, "-color=false", str(GITHUB_WORKFLOW)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


# --- GitLab CI ---------------------------------------------------------------------------


def run_gitlab_job(job: dict[str, Any], work: Path, env: dict[str, str]) -> None:
    script = job["script"]
    assert sum(SETUP in line for line in script) == 1, "each job sets up as the README does"
    run("\n".join(line for line in script if SETUP not in line), work, {"GITLAB_CI": "true", **env})


def test_the_gitlab_pipeline_over_three_shards_publishes_the_one_machine_site(
    one_machine: Path, tmp_path: Path
) -> None:
    pipeline = load(GITLAB_PIPELINE)
    build, pages = pipeline["build-briefs"], pipeline["pages"]
    total = build["parallel"]
    assert total == 3 and pages["needs"] == ["build-briefs"]
    publishing = checkout(tmp_path / "pages")
    for index in range(1, total + 1):
        runner = checkout(tmp_path / f"build-{index}")
        run_gitlab_job(build, runner, {"CI_NODE_INDEX": str(index), "CI_NODE_TOTAL": str(total)})
        for path in build["artifacts"]["paths"]:  # artifacts land at the same paths
            shutil.copytree(runner / path, publishing / path, dirs_exist_ok=True)
    run_gitlab_job(pages, publishing, {"CI_PAGES_URL": BASE_URL.rstrip("/")})
    # GitLab Pages serves the pages job's public/ folder.
    assert pages["artifacts"]["paths"] == ["public"]
    assert tree_digests(publishing / "public") == tree_digests(one_machine)
