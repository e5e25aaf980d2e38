"""Crash safety: a build killed at any moment leaves only complete files under final names.

Each output is written to a hidden temporary file and renamed into place, so after a
SIGKILL every ``build/<slug>.*`` is either a complete file or absent, and the next run
removes the leftovers and builds the rest. Ctrl-C ends the run with status 130.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import CASES, SEED
from .validity import assert_valid_outputs

MAKE_BRIEF = [sys.executable, "-m", "make_brief"]
KILLS = 20


def _content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    for n in range(3):
        shutil.copy(SEED, content / f"seed-{n}.yaml")
    for case in (CASES / "valid").glob("*.yaml"):
        shutil.copy(case, content / case.name)
    return content


def _assert_complete(out: Path) -> None:
    assert_valid_outputs(out)  # every PDF passes qpdf --check, every DOCX parses
    for html in out.glob("*.html"):
        assert html.read_text(encoding="utf-8").rstrip().endswith("</html>"), html


def test_killed_builds_leave_only_complete_files(tmp_path: Path) -> None:
    content, out = _content(tmp_path), tmp_path / "build"
    env = {**os.environ, "CI": "true"}
    rng = random.Random(20200710)  # the same moments on every run
    for _ in range(KILLS):
        process = subprocess.Popen([*MAKE_BRIEF, "build", content, "--out", out], env=env)
        time.sleep(rng.uniform(0.3, 4.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        if out.exists():
            _assert_complete(out)
    rerun = subprocess.run([*MAKE_BRIEF, "build", content, "--out", out], env=env)
    assert rerun.returncode == 0
    _assert_complete(out)
    briefs = sorted(p.stem for p in content.glob("*.yaml"))
    stems = {p.stem for p in out.iterdir() if not p.name.startswith(".")} - {"manifest"}
    assert sorted(stems) == briefs
    assert (out / "manifest.json").is_file()
    assert not list(out.glob("*.tmp")), "no temporary file is left behind"


def test_ctrl_c_exits_130_with_one_line(tmp_path: Path) -> None:
    content = _content(tmp_path)
    process = subprocess.Popen(
        [*MAKE_BRIEF, "build", content, "--out", tmp_path / "build"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().startswith("built ")  # well into the work
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.strip().splitlines() == ["interrupted"]


def _workers(pid: int) -> set[int]:
    """The forked make-brief processes of ``pid`` (not its fontconfig look-ups)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except FileNotFoundError:
            continue
        for child in children:
            try:
                command = Path(f"/proc/{child}/cmdline").read_bytes()
            except FileNotFoundError:
                continue
            if b"make_brief" in command:
                found.add(int(child))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"  # a zombie has ended; only its exit status is left


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_no_worker_outlives_a_killed_build(tmp_path: Path, how: signal.Signals) -> None:
    """Workers die with the build that forked them, however it ends: before, they went on
    waiting on the task pipe forever and held the terminal."""
    content = _content(tmp_path)
    process = subprocess.Popen(
        [*MAKE_BRIEF, "build", content, "--out", tmp_path / "build", "-j", "2", "-f", "pdf"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        seen: set[int] = set()
        while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
            # A child counts as a worker once two looks 20 ms apart find it still running
            # make-brief: the build's own fc-list child shows make-brief's command line for
            # the instant between its fork and its exec, and must not be counted.
            now = _workers(process.pid)
            workers |= now & seen
            seen = now
            time.sleep(0.02)
        assert len(workers) == 2, "the build did not start its two workers"
        time.sleep(0.5)  # into the work
        process.send_signal(how)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:  # a failed look must not leave the build running
            process.kill()
            process.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)], "a worker outlived its build"
