"""The output checks themselves catch what they claim to catch."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pikepdf
import pytest

from .validity import assert_valid_docx, assert_valid_pdf


def _pdf(tmp_path: Path, mutate) -> Path:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    mutate(pdf)
    path = tmp_path / "x.pdf"
    pdf.save(path)
    return path


def test_clean_pdf_passes(tmp_path: Path) -> None:
    assert_valid_pdf(_pdf(tmp_path, lambda pdf: None))


def test_javascript_is_caught(tmp_path: Path) -> None:
    def add_js(pdf: pikepdf.Pdf) -> None:
        pdf.Root.OpenAction = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        )

    with pytest.raises(AssertionError, match="active content"):
        assert_valid_pdf(_pdf(tmp_path, add_js))


def test_unembedded_font_is_caught(tmp_path: Path) -> None:
    def add_font(pdf: pikepdf.Pdf) -> None:
        font = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
            )
        )
        pdf.pages[0].Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))

    with pytest.raises(AssertionError, match="not embedded"):
        assert_valid_pdf(_pdf(tmp_path, add_font))


def test_file_link_is_caught(tmp_path: Path) -> None:
    def add_link(pdf: pikepdf.Pdf) -> None:
        action = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("file:///etc/passwd"))
        annot = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 9, 9], A=action
        )
        pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([annot]))

    with pytest.raises(AssertionError, match="link to file:"):
        assert_valid_pdf(_pdf(tmp_path, add_link))


def test_broken_docx_xml_is_caught(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<document><unclosed></document>")
    with pytest.raises(Exception, match="mismatched tag|not well-formed|unbound prefix"):
        assert_valid_docx(path)
