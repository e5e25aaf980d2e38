"""Shared helpers: run the CLI as a user would and read back what they would see."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from make_brief.cli import main

from .validity import assert_valid_outputs

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
CASES = Path(__file__).parent / "cases"
GOLDEN = Path(__file__).parent / "golden"
SEED = CONTENT / "wco-un-counter-terrorism-week-2020.yaml"
#: Read once, before the autouse fixture below hides CI from the tests themselves.
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens", action="store_true", help="rewrite golden files instead of comparing"
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def run_cli(*args: str | Path) -> Result:
    """The CLI in-process; ``result.stdout`` and ``result.stderr`` as a terminal shows them.

    Every build's outputs are checked for validity (tests/validity.py) on the way out.
    """
    argv = [str(a) for a in args]
    result = CliRunner().invoke(main, argv, catch_exceptions=False)
    if "build" in argv and result.exit_code in (0, 1):
        out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else Path("build")
        if out.is_dir():
            assert_valid_outputs(out)
    return result


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the same environment on a laptop and in CI (where CI=true quiets output)."""
    for name in ("CI", "GITHUB_ACTIONS", "SOURCE_DATE_EPOCH", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def nothing_unexpected_logged(caplog: pytest.LogCaptureFixture):
    """A test fails when any library logs a warning it did not expect (WeasyPrint's habit)."""
    yield
    noisy = [r for r in caplog.get_records("call") if r.levelno >= 30]
    assert not noisy, [f"{r.name}: {r.getMessage()}" for r in noisy]


def briefs_in(folder: Path) -> list[str]:
    """The brief outputs in a build folder: not the manifest, not hidden bookkeeping."""
    if not folder.is_dir():
        return []
    return sorted(
        p.name for p in folder.iterdir() if not p.name.startswith(".") and p.name != "manifest.json"
    )


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext gives it, whitespace folded: what a reader copies out."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(out.split())


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def folded(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed brief built once for the session, in every format."""
    out = tmp_path_factory.mktemp("seed-build")
    result = run_cli("build", SEED, "--out", out)
    assert result.exit_code == 0, result.output
    assert_valid_outputs(out)
    return out


requires_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is not installed"
)


@pytest.fixture
def chromium(tmp_path: Path):
    """Headless Chromium with a page open, for the tests that look at a page as a reader
    would (tests/test_publish_browser.py drives it). Skipped where it is not installed,
    except in CI, whose set-up must install it."""
    from .test_publish_browser import Chromium, find_chromium

    executable = find_chromium()
    if executable is None:
        if IN_CI:
            pytest.fail("chromium is not installed; the test set-up (scripts/setup.sh --test) must")
        pytest.skip("chromium is not installed (Debian: apt-get install chromium)")
    browser = Chromium(executable, tmp_path / "profile")
    try:
        browser.open_page()
        yield browser
    finally:
        browser.close()
