"""Robustness: one brief's trouble never stops the batch, limits hold before work is done,
and every message stays on one line."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from .conftest import CASES, SEED, briefs_in, run_cli


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.yaml")
    shutil.copy(CASES / "valid" / "minimal.yaml", folder / "minimal.yaml")
    return folder


def test_a_bug_on_one_brief_fails_that_brief_only(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from make_brief.render.html import HtmlWriter

    original = HtmlWriter.render

    def broken(self, job):  # a bug that shows on one brief only
        if job.source.name == "minimal.yaml":
            raise ZeroDivisionError("division by zero")
        return original(self, job)

    monkeypatch.setattr(HtmlWriter, "render", broken)
    out = tmp_path / "out"
    result = run_cli("build", content, "--out", out, "-f", "html", "-j", "1")
    assert result.exit_code == 3  # a bug in make-brief, though the batch went on
    assert "Traceback" not in result.output
    assert (
        f"{content / 'minimal.yaml'}: internal error in make-brief while rendering it "
        "(ZeroDivisionError: division by zero)" in result.stderr
    )
    assert briefs_in(out) == ["seed.html"]
    assert "seed" in (out / "manifest.json").read_text()
    debug = run_cli("--debug", "build", content, "--out", out, "-f", "html", "-j", "1")
    assert "Traceback" in debug.stderr and "ZeroDivisionError" in debug.stderr


def test_a_full_disk_for_the_records_is_an_error_naming_the_file(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from make_brief.build import files

    original = files.write_atomically

    def full(path: Path, data: bytes) -> None:
        if path.name == ".make-brief-cache.json":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        original(path, data)

    monkeypatch.setattr(files, "write_atomically", full)
    out = tmp_path / "out"
    result = run_cli("build", content, "--out", out, "-f", "html")
    assert result.exit_code == 1
    assert f"{out / '.make-brief-cache.json'}: cannot be written: No space left" in result.stderr
    assert (out / "manifest.json").is_file()  # the manifest is still written
    assert "Traceback" not in result.output


def test_a_brief_whose_files_cannot_all_be_written_leaves_none(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from make_brief.build import run

    original = run.write_atomically

    def full(path: Path, data: bytes) -> None:
        if path.suffix == ".docx":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        original(path, data)

    monkeypatch.setattr(run, "write_atomically", full)
    out = tmp_path / "out"
    result = run_cli("build", content / "minimal.yaml", "--out", out, "-j", "1")
    assert result.exit_code == 1
    assert "minimal.docx: cannot be written: No space left on device" in result.stderr
    assert briefs_in(out) == []  # not even the PDF written before the DOCX failed


def test_only_make_briefs_own_temporaries_are_removed(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".notes.tmp").write_text("the user's")
    (out / ".make-brief-tmp.minimal.pdf.abc.tmp").write_text("left by a killed build")
    assert run_cli("build", content, "--out", out, "-f", "html").exit_code == 0
    assert (out / ".notes.tmp").read_text() == "the user's"
    assert not (out / ".make-brief-tmp.minimal.pdf.abc.tmp").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_named_as_content_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for command in ("check", "build"):
        result = run_cli(
            command, fifo, *(["--out", tmp_path / "out"] if command == "build" else [])
        )
        assert result.exit_code == 1
        assert f"{fifo}: is not a regular file" in result.stderr


def test_a_file_over_the_cap_is_refused_without_being_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:  # sparse: 2 GB on paper, nothing on disk
        handle.truncate(2 * 1024**3)
    result = run_cli("build", big, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "is larger than 1024 KiB" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--timeout", "inf"), "is not in the range"),
        (("--timeout", "nan"), "is not a number of seconds"),
        (("--out", "/proc/self"), "cannot write in the output folder /proc/self"),
    ],
)
def test_command_line_values_are_checked(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    all_args = ("build", SEED, "-f", "html", *args)
    if "--out" not in args:
        all_args += ("--out", str(tmp_path / "out"))
    result = run_cli(*all_args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_file_name_cannot_forge_a_line_of_its_own(tmp_path: Path) -> None:
    name = tmp_path / "x\n::warning file=evil.yaml::forged.yaml"
    name.write_text("title: [unclosed\n", encoding="utf-8")
    result = run_cli("check", name)
    assert result.exit_code == 1
    for line in result.stderr.splitlines():
        assert not line.startswith("::"), line
    assert "x\\n::warning" in result.stderr


def test_a_value_with_an_escaped_newline_stays_on_one_line(tmp_path: Path) -> None:
    brief = tmp_path / "b.yaml"
    brief.write_text(
        'title: T\ndate: 2020-07-10\nsummary: S\nlanguage: "en\\n::error::forged"\n',
        encoding="utf-8",
    )
    result = run_cli("check", brief)
    assert result.exit_code == 1
    assert all(not line.startswith("::") for line in result.stderr.splitlines())


def test_a_base_url_cannot_carry_a_line_break_into_the_feed(tmp_path: Path) -> None:
    result = run_cli(
        "publish", SEED, "--out", tmp_path / "b", "--site", tmp_path / "s",
        "--base-url", "https://example.org/\n::warning::forged",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "contains spaces or control characters" in result.output
    assert all(not line.startswith("::") for line in result.output.splitlines())
    assert not (tmp_path / "s" / "feed.xml").exists()
