"""``make-brief completion``: the script click's own completion would print, and that it
completes what a user types."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from make_brief.cli import main

from .conftest import run_cli

BASH = shutil.which("bash")


def complete(*words: str) -> list[str]:
    """What click answers when bash asks it to complete ``words`` (the last one is being
    typed), through the environment variables the printed script sets."""
    env = {
        "_MAKE_BRIEF_COMPLETE": "bash_complete",
        "COMP_WORDS": " ".join(["make-brief", *words]),
        "COMP_CWORD": str(len(words)),
    }
    result = CliRunner().invoke(main, [], env=env, prog_name="make-brief")
    assert result.exit_code == 0, result.output
    return [line.split(",", 1)[1] for line in result.output.splitlines() if "," in line]


def test_the_bash_script_defines_the_completion_function() -> None:
    result = run_cli("completion", "bash")
    assert result.exit_code == 0, result.output
    script = result.stdout
    assert "_make_brief_completion() {" in script
    assert "complete -o nosort -F _make_brief_completion make-brief" in script
    assert "_MAKE_BRIEF_COMPLETE=bash_complete" in script


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_script_is_the_one_click_prints_for_the_variable(shell: str) -> None:
    """The same script as ``_MAKE_BRIEF_COMPLETE=<shell>_source make-brief`` prints."""
    ours = run_cli("completion", shell)
    clicks = CliRunner().invoke(
        main, [], env={"_MAKE_BRIEF_COMPLETE": f"{shell}_source"}, prog_name="make-brief"
    )
    assert ours.exit_code == 0 and clicks.exit_code == 0
    assert ours.stdout == clicks.stdout
    assert "_MAKE_BRIEF_COMPLETE" in ours.stdout


def test_an_unknown_shell_is_a_usage_error() -> None:
    result = run_cli("completion", "powershell-classic")
    assert result.exit_code == 2
    assert "bash" in result.stderr and "zsh" in result.stderr and "fish" in result.stderr


def test_completing_bu_offers_build() -> None:
    assert complete("bu") == ["build"]
    assert {"build", "check", "completion", "init", "new"} <= set(complete(""))


def test_completing_options_and_their_choices() -> None:
    assert "--format" in complete("build", "--f")
    assert complete("build", "-f", "pd") == ["pdf", "pdfa"]
    assert complete("completion", "z") == ["zsh"]


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_bash_itself_completes_bu_to_build(tmp_path: Path) -> None:
    """The printed script, sourced in a real bash, fills COMPREPLY by running make-brief."""
    script = tmp_path / "make-brief.bash"
    script.write_text(run_cli("completion", "bash").stdout, encoding="utf-8")
    program = Path(sys.executable).parent / "make-brief"
    if not program.is_file():
        pytest.skip("the make-brief script is not installed beside this Python")
    env = {**os.environ, "PATH": f"{program.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        [
            BASH,
            "--norc",
            "-c",
            f'source "{script}"; COMP_WORDS=(make-brief bu); COMP_CWORD=1; '
            '_make_brief_completion make-brief; printf "%s\\n" "${COMPREPLY[@]}"',
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["build"]
