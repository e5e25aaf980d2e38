"""The format registry (src/make_brief/render/formats.py): every format declared once.

Adding a writer is its own module and one line in the registry; the command line's
``--format`` choices, the manifest and the cache key all follow that line, with nothing
else to edit. The proof runs a copy of the package with exactly those two changes.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from make_brief.render.formats import BY_NAME, DEFAULT_NAMES, FORMATS, NAMES, PUBLISHED_NAMES

from .conftest import ROOT, SEED, run_cli

# --- the registry as it stands ------------------------------------------------------


def test_names_are_unique() -> None:
    assert len(NAMES) == len(FORMATS) == len(BY_NAME)


def test_suffixes_are_unique_so_no_two_formats_write_the_same_file() -> None:
    suffixes = [f.suffix for f in FORMATS]
    assert len(set(suffixes)) == len(suffixes)
    names = [f.file_name("some-brief") for f in FORMATS]
    assert len(set(names)) == len(names)


def test_suffixes_are_file_name_endings() -> None:
    for fmt in FORMATS:
        assert re.fullmatch(r"(\.[a-z0-9]+)+", fmt.suffix), fmt  # no folders, no spaces


def test_media_types_are_well_formed_and_told_apart_by_name() -> None:
    """A PDF/A is ``application/pdf`` like any PDF (RFC 8118): media types need not be
    unique. Nothing keys by them; the manifest and the site key by format name."""
    for fmt in FORMATS:
        assert re.fullmatch(r"[a-z]+/[a-z0-9.+-]+", fmt.media_type), fmt
    by_type: dict[str, list[str]] = {}
    for fmt in FORMATS:
        by_type.setdefault(fmt.media_type, []).append(fmt.name)
    for names in by_type.values():
        assert len({BY_NAME[n].suffix for n in names}) == len(names)


def test_defaults_and_published_are_registered_formats() -> None:
    assert DEFAULT_NAMES and set(DEFAULT_NAMES) <= set(NAMES)
    assert set(PUBLISHED_NAMES) <= set(NAMES)
    assert "pdfa" in NAMES and "pdfa" not in DEFAULT_NAMES and "pdfa" not in PUBLISHED_NAMES


def test_every_writer_loads_and_every_engine_is_installed() -> None:
    for fmt in FORMATS:
        assert callable(fmt.load_writer().render), fmt
        for engine in fmt.engines:
            assert version(engine), engine


def test_two_briefs_never_write_the_same_file(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(SEED, content / "x.yaml")
    shutil.copy(SEED, content / "x.pdfa.yaml")
    out = tmp_path / "out"
    result = run_cli("build", content, "--out", out, "-f", "pdf", "-f", "pdfa", "-j", "1")
    assert result.exit_code == 1, result.output  # one of the two is refused, named
    assert "x.pdfa.pdf, which" in result.stderr
    briefs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["briefs"]
    assert len(briefs) == 1, result.output
    listed = [f for brief in briefs for f in brief["formats"].values()]
    assert len({f["file"] for f in listed}) == len(listed), "two briefs list the same file"
    for f in listed:
        assert hashlib.sha256((out / f["file"]).read_bytes()).hexdigest() == f["sha256"]


# --- a new format is its module and one registry line -------------------------------

SCRATCH_MODULE = '''"""Plain text: the brief's words without markup (a scratch format for a test)."""

from __future__ import annotations

import re
from html import unescape

from .job import Rendered, RenderJob


class TextWriter:
    def render(self, job: RenderJob) -> Rendered:
        body = job.html.split("<body", 1)[-1]
        text = unescape(re.sub(r"<[^>]+>", " ", body))
        return Rendered((" ".join(text.split()) + "\\n").encode("utf-8"))
'''

#: The one line: name, suffix, media type, writer, the engine whose version changes its
#: bytes (click, for the test: any installed distribution), and not built by default.
REGISTRY_LINE = (
    '    Format("txt", ".txt", "text/plain", "plaintext:TextWriter", ("click",), default=False),'
)


def with_one_more_format(tmp_path: Path) -> Path:
    """A copy of the package with the scratch writer and its registry line, nothing else."""
    original = ROOT / "src" / "make_brief"
    package = tmp_path / "src" / "make_brief"
    shutil.copytree(original, package, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "templates").symlink_to(ROOT / "templates")  # the built-in sets, as found
    (package / "render" / "plaintext.py").write_text(SCRATCH_MODULE, encoding="utf-8")
    registry = package / "render" / "formats.py"
    lines = registry.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("FORMATS:"))
    end = next(i for i in range(start, len(lines)) if lines[i] == ")\n")
    lines.insert(end, REGISTRY_LINE + "\n")
    registry.write_text("".join(lines), encoding="utf-8")

    changed = sorted(
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        if not (original / p.relative_to(package)).is_file()
        or (original / p.relative_to(package)).read_bytes() != p.read_bytes()
    )
    assert changed == ["render/formats.py", "render/plaintext.py"]
    diff = difflib.unified_diff(
        (original / "render" / "formats.py").read_text(encoding="utf-8").splitlines(),
        registry.read_text(encoding="utf-8").splitlines(),
        lineterm="",
        n=0,
    )
    edits = [d for d in diff if d[:1] in "+-" and not d.startswith(("+++", "---"))]
    assert edits == ["+" + REGISTRY_LINE]
    return tmp_path / "src"


def run_copy(src: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [sys.executable, *map(str, args)], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_a_new_format_is_its_module_and_one_registry_line(tmp_path: Path) -> None:
    src = with_one_more_format(tmp_path)
    probe = run_copy(
        src,
        "-c",
        "import make_brief, json; from make_brief.render.formats import engine_versions as e;"
        "print(json.dumps([make_brief.__file__, e(('txt',)), e(('html',)), e(('html', 'txt'))]))",
    )
    assert probe.returncode == 0, probe.stderr
    where, txt_engines, html_engines, both_engines = json.loads(probe.stdout)
    assert Path(where).is_relative_to(src)  # the copy runs, not the installed package

    # The command line offers it, and leaves it out of the default build.
    help_text = run_copy(src, "-m", "make_brief", "build", "--help")
    assert help_text.returncode == 0, help_text.stderr
    folded = " ".join(help_text.stdout.split())
    assert "[pdf|docx|html|pdfa|txt]" in folded
    assert "[default: pdf, docx, html]" in folded

    # The cache key carries the engine its line declares, for builds that ask for it.
    assert txt_engines == f"click={version('click')}"
    assert html_engines == "" and both_engines == txt_engines

    # A build writes <slug>.txt, and the manifest lists it under its name.
    out = tmp_path / "out"
    build = ["-m", "make_brief", "-q", "build", SEED, "-o", out, "-f", "txt", "-f", "html"]
    built = run_copy(src, *build, "--report", "json", "-j", "1")
    assert built.returncode == 0, built.stdout + built.stderr
    assert json.loads(built.stdout)["built"] == 1
    text_file = out / f"{SEED.stem}.txt"
    (brief,) = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["briefs"]
    assert sorted(brief["formats"]) == ["html", "txt"]
    entry = brief["formats"]["txt"]
    assert entry["file"] == text_file.name
    assert entry["sha256"] == hashlib.sha256(text_file.read_bytes()).hexdigest()
    assert brief["title"] in text_file.read_text(encoding="utf-8")

    # The cache knows the new file: unchanged, it is skipped; gone, the brief is rebuilt.
    again = run_copy(src, *build, "--report", "json", "-j", "1")
    assert json.loads(again.stdout)["skipped"] == 1, again.stdout + again.stderr
    text_file.unlink()
    rebuilt = run_copy(src, *build, "--report", "json", "-j", "1")
    assert json.loads(rebuilt.stdout)["built"] == 1, rebuilt.stdout + rebuilt.stderr
    assert text_file.is_file()

    # The installed package, untouched, knows nothing of it.
    refused = run_cli("build", SEED, "--out", tmp_path / "plain", "-f", "txt")
    assert refused.exit_code == 2 and "txt" in refused.output
