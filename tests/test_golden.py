"""The HTML of every example and valid case, against its golden file.

The golden files hold the intermediate HTML, the one document both the PDF and the DOCX
come from, so a diff here is the earliest and most readable sign that a change alters the
output. The ``.html`` file a build writes is that document made to stand alone (its
stylesheets inline, its images as ``data:`` URLs; tests/test_html_output.py): the test
below also holds it to the golden file, everywhere but the stylesheet link it replaced.
After an intended change run ``make goldens`` and review the diff of tests/golden/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import CASES, CONTENT, GOLDEN, run_cli

SOURCES = sorted(CONTENT.glob("*.yaml")) + sorted((CASES / "valid").glob("*.yaml"))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_html_matches_golden(
    source: Path, tmp_path: Path, update_goldens: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    html = intermediate_html(source, tmp_path)
    golden = GOLDEN / f"{source.stem}.html"
    if update_goldens:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8")

    # The file the build writes: the same document, the stylesheet link made a <style>.
    result = run_cli("build", source, "--out", tmp_path / "out", "-f", "html")
    assert result.exit_code == 0, result.output
    written = (tmp_path / "out" / f"{source.stem}.html").read_text(encoding="utf-8")
    before, link, after = golden.read_text(encoding="utf-8").partition(STYLESHEET_LINK)
    assert link, f"the golden file links no stylesheet ({STYLESHEET_LINK})"
    assert written.startswith(before + "<style>\n") and "\n</style>\n" in written
    assert written[written.index("\n</style>\n") + len("\n</style>") :] == after


STYLESHEET_LINK = '<link rel="stylesheet" href="style.css">'


def intermediate_html(source: Path, folder: Path) -> str:
    """The brief's intermediate HTML, as every writer receives it (RenderJob.html)."""
    from make_brief.build.check import prepare
    from make_brief.build.run import Renderer, RenderSettings
    from make_brief.content.config import load_config

    config = load_config()
    return Renderer(RenderSettings(folder, ("html",), config)).job(prepare(source, config)).html


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_docx_document_xml_matches_golden(
    source: Path, tmp_path: Path, update_goldens: bool
) -> None:
    """The DOCX's main part, indented for readable diffs, against its golden file."""
    import zipfile
    from xml.dom import minidom

    result = run_cli("build", source, "--out", tmp_path, "-f", "docx")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / f"{source.stem}.docx") as archive:
        xml = minidom.parseString(archive.read("word/document.xml")).toprettyxml(indent=" ")
    golden = GOLDEN / f"{source.stem}.document.xml"
    if update_goldens:
        golden.write_text(xml, encoding="utf-8")
    assert xml == golden.read_text(encoding="utf-8")
