"""The wheel carries the built-in templates: install it elsewhere and build a brief.

A fresh virtual environment gets the wheel alone; its dependencies come from the test
environment through a path file (not a site dir, so the editable install's own path
hook is not followed), so the test needs no network and proves the package is complete.
"""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

from .conftest import ROOT, SEED, pdf_text


def test_installed_wheel_builds_a_brief_in_an_empty_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            dist,
            ROOT,
        ],
        check=True,
    )
    wheel = next(dist.glob("make_brief-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    purelib = Path(
        subprocess.run(
            [
                venv / "bin" / "python",
                "-c",
                "import sysconfig; print(sysconfig.get_paths()['purelib'])",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (purelib / "deps.pth").write_text(
        "\n".join(dict.fromkeys([sysconfig.get_paths()["purelib"], *site.getsitepackages()])) + "\n"
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            venv / "bin" / "python",
            "install",
            "--no-deps",
            "-q",
            wheel,
        ],
        check=True,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(SEED, work / "x.yaml")
    run = subprocess.run(
        [venv / "bin" / "make-brief", "build", "x.yaml"], cwd=work, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    where = subprocess.run(
        [venv / "bin" / "python", "-c", "import make_brief; print(make_brief.__file__)"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(purelib) in where, "the wheel's copy must be the one imported"
    assert "Punta Cana Resolution" in pdf_text(work / "build" / "x.pdf")
