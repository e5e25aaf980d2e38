"""Batch builds for CI: incremental, parallel, sharded, locked, reported; same bytes always."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from make_brief.build.lock import LOCK_NAME
from make_brief.build.plan import select_shard

from .conftest import CASES, SEED, briefs_in, run_cli

MAKE_BRIEF = [sys.executable, "-m", "make_brief"]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.yaml")
    for name in ("full", "minimal", "hostile"):
        shutil.copy(CASES / "valid" / f"{name}.yaml", folder / f"{name}.yaml")
    return folder


def digests(out: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.iterdir())
        if not p.name.startswith(".")
    }


def test_unchanged_briefs_are_skipped_and_said_to_be(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("build", content, "--out", out, "-j", "1").exit_code == 0
    first = digests(out)
    again = run_cli("build", content, "--out", out, "-j", "1")
    assert again.exit_code == 0
    assert again.stdout.count("(unchanged)") == 4
    assert "0 briefs built, 4 unchanged, 0 failed" in again.stdout
    assert digests(out) == first
    forced = run_cli("build", content, "--out", out, "--force", "-j", "1")
    assert "4 briefs built" in forced.stdout
    assert digests(out) == first


def test_a_change_rebuilds_only_what_it_touches(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run_cli("build", content, "--out", out, "-f", "html", "-j", "1")
    minimal = content / "minimal.yaml"
    minimal.write_text(minimal.read_text().replace("pilot", "trial"))
    result = run_cli("build", content, "--out", out, "-f", "html", "-j", "1")
    assert f"built {minimal}" in result.stdout
    assert result.stdout.count("(unchanged)") == 3
    # Deleting an output brings it back even though its content did not change.
    (out / "seed.html").unlink()
    result = run_cli("build", content, "--out", out, "-f", "html", "-j", "1")
    assert f"built {content / 'seed.yaml'}" in result.stdout
    # A project config changes every brief.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "make-brief.toml").write_text('organisation = "Another"\n')
    result = run_cli("build", content, "--out", out, "-f", "html", "-j", "1")
    assert "4 briefs built" in result.stdout


def test_incremental_equals_clean_and_parallel_equals_serial(content: Path, tmp_path: Path) -> None:
    serial, parallel, incremental = tmp_path / "serial", tmp_path / "parallel", tmp_path / "inc"
    assert run_cli("build", content, "--out", serial, "-j", "1").exit_code == 0
    assert run_cli("build", content, "--out", parallel, "-j", "2").exit_code == 0
    assert digests(serial) == digests(parallel)
    hostile = content / "hostile.yaml"
    saved = hostile.read_bytes()
    hostile.write_text("title: broken\n")
    run_cli("build", content, "--out", incremental, "-j", "2")
    hostile.write_bytes(saved)
    assert run_cli("build", content, "--out", incremental, "-j", "2").exit_code == 0
    assert digests(incremental) == digests(serial)


def test_same_bytes_whatever_the_environment(content: Path, tmp_path: Path) -> None:
    """TZ, locale, hash seed, working folder and file order do not reach the bytes."""
    first, second = tmp_path / "first", tmp_path / "second"
    base = {**os.environ, "CI": "true"}
    base.pop("SOURCE_DATE_EPOCH", None)
    here = tmp_path / "here"  # not the repository, whose make-brief.toml names the WCO
    here.mkdir()
    subprocess.run(
        [*MAKE_BRIEF, "build", content, "--out", first],
        env={**base, "TZ": "UTC", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "1"},
        cwd=here,
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    files = sorted(content.glob("*.yaml"), reverse=True)
    subprocess.run(
        [*MAKE_BRIEF, "build", *files, "--out", second, "-j", "1"],
        env={**base, "TZ": "Pacific/Kiritimati", "LC_ALL": "fr_FR.UTF-8", "PYTHONHASHSEED": "4242"},
        cwd=elsewhere,
        check=True,
    )
    assert digests(first) == digests(second)


def test_source_date_epoch_sets_the_document_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    run_cli("build", SEED, "--out", tmp_path, "-f", "pdf")
    assert (
        PdfReader(tmp_path / f"{SEED.stem}.pdf").metadata["/CreationDate"].startswith("D:20231114")
    )


def test_shards_partition_the_briefs(content: Path, tmp_path: Path) -> None:
    files = sorted(content.glob("*.yaml"))
    parts = [select_shard(files, (k, 3)) for k in (1, 2, 3)]
    assert sorted(p for part in parts for p in part) == files
    assert sum(len(part) for part in parts) == len(files)
    # Adding a file never moves another one to a different shard.
    extra = content / "added.yaml"
    shutil.copy(SEED, extra)
    grown = [select_shard(sorted(content.glob("*.yaml")), (k, 3)) for k in (1, 2, 3)]
    for before, after in zip(parts, grown, strict=True):
        assert set(before) <= set(after)
    outs = []
    for k in (1, 2, 3):
        out = tmp_path / f"shard-{k}"
        assert (
            run_cli("build", content, "--out", out, "--shard", f"{k}/3", "-f", "html").exit_code
            == 0
        )
        outs.append(set(briefs_in(out)))
    assert set().union(*outs) == {f"{p.stem}.html" for p in content.glob("*.yaml")}
    assert run_cli("build", content, "--shard", "4/3").exit_code == 2


def test_a_second_build_into_the_same_folder_is_refused(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (out / LOCK_NAME).write_text(json.dumps({"pid": holder.pid, "host": os.uname().nodename}))
        result = run_cli("build", content, "--out", out)
        assert result.exit_code == 2
        assert f"is being built by process {holder.pid}" in result.stderr
    finally:
        holder.kill()
        holder.wait()
    # The holder is gone: its stale lock is taken over.
    assert run_cli("build", content, "--out", out, "-f", "html").exit_code == 0
    assert not (out / LOCK_NAME).exists()


def test_manifest_lists_every_brief_newest_first(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_cli("build", content, "--out", out, "-f", "pdf", "-f", "html")
    manifest = json.loads((out / "manifest.json").read_text())
    briefs = manifest["briefs"]
    assert [b["slug"] for b in briefs] == ["full", "minimal", "hostile", "seed"]
    seed = briefs[-1]
    assert seed["title"].startswith("WCO intervention")
    assert seed["classification"] == "UNCLASSIFIED" and seed["pages"] >= 2
    pdf = seed["formats"]["pdf"]
    assert pdf["sha256"] == hashlib.sha256((out / pdf["file"]).read_bytes()).hexdigest()
    assert pdf["bytes"] == (out / pdf["file"]).stat().st_size


def test_json_report_and_github_annotations(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (content / "bad.yaml").write_text("title: x\ndate: 2020-07-10\nsummry: oops\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli("build", content, "--out", tmp_path / "out", "-f", "html", "--report", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (report["built"], report["skipped"], report["failed"]) == (4, 0, 1)
    bad = next(b for b in report["briefs"] if b["status"] == "failed")
    assert bad["problems"] == [
        {
            "path": str(content / "bad.yaml"),
            "line": 3,
            "column": 1,
            "field": "summry",
            "message": "unknown field; did you mean 'summary'?",
        }
    ]  # once: the missing summary is what the misspelling explains
    annotation = (
        f"::error file={content / 'bad.yaml'},line=3,col=1::"
        "summry: unknown field; did you mean 'summary'?"
    )
    assert annotation in result.stderr.splitlines()
    text = run_cli("build", content, "--out", tmp_path / "out", "-f", "html")
    assert annotation in text.stdout.splitlines()


def test_parallel_workers_render_what_was_validated(content: Path, tmp_path: Path) -> None:
    """A forked worker renders the brief its parent validated, not the file as it is by
    then: the outputs and the cache key both describe the validated version."""
    from make_brief.build.check import check
    from make_brief.build.plan import plan
    from make_brief.build.run import RenderSettings, render_all
    from make_brief.content.config import load_config

    config = load_config(None, root=tmp_path)
    briefs = plan([content])
    checked, prepared = check(briefs, list(briefs.files), config)
    assert not any(result.problems for result in checked)
    (content / "minimal.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    settings = RenderSettings(tmp_path / "out", ("pdf",), config)
    (tmp_path / "out").mkdir()
    results = render_all(prepared, settings, jobs=2, on_result=lambda result: None)
    assert [r.problems for r in results] == [[]] * len(prepared)
    assert (tmp_path / "out" / "minimal.pdf").is_file()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_build_leaves_nothing_in_the_temporary_folder(
    content: Path, tmp_path: Path, jobs: str
) -> None:
    """WeasyPrint copies the template's fonts into a temporary folder per process; a build
    removes them when its processes end (workers leave without running __del__)."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary)}
    done = subprocess.run(
        [*MAKE_BRIEF, "build", str(content), "-o", str(tmp_path / "out"), "-f", "pdf", "-j", jobs],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Exception ignored" not in done.stderr
    assert list(temporary.iterdir()) == []
