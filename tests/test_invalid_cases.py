"""Every broken content file in tests/cases/invalid gives exactly its golden messages.

Each ``<name>.yaml`` has a ``<name>.expected`` beside it: the lines a user sees, in the
``path:line:col: field: message`` form. Refresh them with ``make goldens``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import CASES, ROOT, briefs_in, run_cli

INVALID = sorted((CASES / "invalid").glob("*.yaml"))


@pytest.fixture(autouse=True)
def _from_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # messages carry the path as typed: keep it relative


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_invalid_file_gives_its_golden_messages(case: Path, update_goldens: bool) -> None:
    relative = case.relative_to(ROOT)
    result = run_cli("check", relative)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines[-1] == "0 briefs valid, 1 failed"
    problems = lines[:-1]
    assert problems, "a broken file must say what is wrong"
    for line in problems:
        assert line.startswith(f"{relative}:"), line
    golden = case.with_suffix(".expected")
    if update_goldens:
        golden.write_text("\n".join(problems) + "\n", encoding="utf-8")
    assert problems == golden.read_text(encoding="utf-8").splitlines()


def test_catalogue_is_large_enough() -> None:
    assert len(INVALID) >= 40


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_broken_file_writes_nothing(case: Path, tmp_path: Path) -> None:
    result = run_cli("build", case.relative_to(ROOT), "--out", tmp_path / "out", "-f", "html")
    assert result.exit_code == 1
    assert briefs_in(tmp_path / "out") == []


def test_a_batch_of_every_broken_file_still_builds_the_good_one(tmp_path: Path) -> None:
    from .conftest import SEED

    content = tmp_path / "content"
    content.mkdir()
    for case in INVALID:
        (content / case.name).write_bytes(case.read_bytes())
    (content / "zz-good.yaml").write_bytes(SEED.read_bytes())
    result = run_cli("build", content, "--out", tmp_path / "out", "-f", "html")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"1 brief built, {len(INVALID)} failed" in result.stderr
    assert briefs_in(tmp_path / "out") == ["zz-good.html"]
    # The closing lines name each failed file again: "failed: <path>", then the count.
    lines = [line for line in result.stderr.splitlines()[:-1] if not line.startswith("failed: ")]
    reported = {line.split(":", 1)[0] for line in lines}
    assert reported == {str(content / case.name) for case in INVALID}
