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
    assert not list(out.glob(".*.tmp")), "no temporary file is left behind"


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
