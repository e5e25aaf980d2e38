"""The render engine: a build of one brief has its writers run in a process forked at the
start, which warms them while the build checks. It must be invisible but for the time:
the same bytes, the same messages, nothing left behind, and a build that still succeeds
when the engine is gone."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from make_brief.build.check import prepare
from make_brief.build.deadline import BriefTimeout, time_limit
from make_brief.build.engine import Engine
from make_brief.build.run import Renderer, RenderSettings
from make_brief.content.config import load_config
from make_brief.errors import RenderError
from make_brief.render.formats import BY_NAME

from .conftest import SEED, run_cli
from .test_batch import digests

MAKE_BRIEF = [sys.executable, "-m", "make_brief"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project of one brief, outside the repository (whose make-brief.toml would count)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    shutil.copy(SEED, tmp_path / "content" / "seed.yaml")
    return tmp_path


def _job(project: Path):
    config = load_config(root=project)
    renderer = Renderer(RenderSettings(project / "out", ("pdf", "docx"), config))
    return renderer.job(prepare(project / "content" / "seed.yaml", config))


def test_the_engine_writes_the_bytes_this_process_writes(project: Path) -> None:
    assert run_cli("build", "-j", "2", "--out", "engine").exit_code == 0  # one brief, two cores
    assert run_cli("build", "-j", "1", "--out", "here").exit_code == 0
    assert digests(project / "engine") == digests(project / "here")
    assert {p.suffix for p in (project / "engine").iterdir()} == {".pdf", ".docx", ".html", ".json"}


def test_the_engine_leaves_nothing_in_the_temporary_folder(project: Path) -> None:
    """WeasyPrint copies the fonts into a folder of the temporary folder; the engine removes
    its own as it ends (it leaves like a pool worker, without running __del__)."""
    temporary = project / "tmp"
    temporary.mkdir()
    done = subprocess.run(
        [*MAKE_BRIEF, "build", "content/seed.yaml", "-o", "out", "-f", "pdf", "-j", "2"],
        env={**os.environ, "TMPDIR": str(temporary)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (project / "out" / "seed.pdf").is_file()
    assert list(temporary.iterdir()) == []


def test_a_job_for_a_dead_engine_is_written_here(project: Path) -> None:
    job = _job(project)
    engine = Engine(("pdf",))
    try:
        os.kill(engine.pid, signal.SIGKILL)
        assert engine.render("pdf", job).data == BY_NAME["pdf"].load_writer().render(job).data
        assert not engine.alive
    finally:
        engine.close()


def test_a_render_error_comes_back_with_its_own_message(project: Path) -> None:
    job = _job(project)
    job = type(job)(**{**job.__dict__, "html": job.html.replace("</body>", _OUTSIDE + "</body>")})
    with pytest.raises(RenderError) as here:
        BY_NAME["pdf"].load_writer().render(job)
    engine = Engine(("pdf",))
    try:
        with pytest.raises(RenderError) as there:
            engine.render("pdf", job)
        assert type(there.value) is type(here.value)
        assert str(there.value) == str(here.value)
        assert engine.alive  # a brief's problem is not the engine's
    finally:
        engine.close()
    assert not engine.alive


_OUTSIDE = '<img src="file:///etc/passwd" alt="">'


def test_a_brief_out_of_time_ends_the_engine(project: Path) -> None:
    """Stopped while the engine lays it out, the brief fails and the engine is ended (its
    state is unknown); the build's process goes on."""
    job = _job(project)
    engine = Engine(("pdf",))
    pid = engine.pid
    try:
        with pytest.raises(BriefTimeout), time_limit(0.05):
            engine.render("pdf", job)
        assert not engine.alive
        with pytest.raises(ChildProcessError):  # ended and reaped
            os.waitpid(pid, os.WNOHANG)
    finally:
        engine.close()


@pytest.mark.parametrize("problem", ["invalid", "unchanged"])
def test_an_engine_started_for_nothing_ends_with_the_build(project: Path, problem: str) -> None:
    """The engine a build of one file starts before it reads anything is ended when the
    file turns out invalid or unchanged, and leaves nothing behind."""
    temporary = project / "tmp"
    temporary.mkdir()
    run = [*MAKE_BRIEF, "build", "content/seed.yaml", "-o", "out", "-f", "pdf", "-j", "2"]
    env = {**os.environ, "TMPDIR": str(temporary)}
    if problem == "invalid":
        (project / "content" / "seed.yaml").write_text("title: [unclosed\n")
    else:
        assert subprocess.run(run, env=env, capture_output=True, check=False).returncode == 0
    done = subprocess.run(run, env=env, capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == (1 if problem == "invalid" else 0), done.stderr
    assert "Traceback" not in done.stderr
    assert list(temporary.iterdir()) == []


def test_the_engine_ends_with_a_build_killed_outright(project: Path) -> None:
    """A build of one brief killed by SIGKILL runs no clean-up: its engine sees the end
    of its pipe and leaves by itself."""
    from .test_crash import _alive, _workers

    build = subprocess.Popen(
        [*MAKE_BRIEF, "build", "content/seed.yaml", "-o", "out", "-f", "pdf", "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        engines: set[int] = set()
        while not engines and time.monotonic() < deadline and build.poll() is None:
            engines = _workers(build.pid)
            time.sleep(0.01)
        assert engines, "the build started no engine"
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=30)
        deadline = time.monotonic() + 20
        while any(_alive(pid) for pid in engines) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in engines if _alive(pid)], "the engine outlived its build"
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
