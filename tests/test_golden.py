"""The HTML of every example and valid case, against its golden file.

The HTML is the one intermediate both the PDF and the DOCX come from, so a diff here is
the earliest and most readable sign that a change alters the output. After an intended
change run ``make goldens`` and review the diff of tests/golden/.
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
    result = run_cli("build", source, "--out", tmp_path, "-f", "html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / f"{source.stem}.html").read_text(encoding="utf-8")
    golden = GOLDEN / f"{source.stem}.html"
    if update_goldens:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8")


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
