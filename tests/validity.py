"""Checks every output the tests build must pass: sound files with nothing active inside.

A PDF passes ``qpdf --check``, embeds every font, carries no JavaScript, launch action or
embedded file, and links only to http, https or mailto. A DOCX is a sound zip whose every
XML part parses strictly.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pikepdf

_ALLOWED_LINKS = ("http://", "https://", "mailto:")
_ACTIVE_KEYS = {
    "/JS",
    "/JavaScript",
    "/Launch",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/OpenAction",
    "/AA",
}


def assert_valid_pdf(path: Path) -> None:
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, f"{path}: qpdf --check failed:\n{check.stdout}{check.stderr}"
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary):
                active = _ACTIVE_KEYS & set(obj.keys())
                assert not active, f"{path}: active content {active}"
                if obj.get("/S") in (pikepdf.Name.JavaScript, pikepdf.Name.Launch):
                    raise AssertionError(f"{path}: {obj.get('/S')} action")
                if (
                    obj.get("/Type") == pikepdf.Name.Font
                    and obj.get("/Subtype") != pikepdf.Name.Type0
                ):
                    descriptor = obj.get("/FontDescriptor")
                    assert descriptor is not None and any(
                        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
                    ), f"{path}: font {obj.get('/BaseFont')} is not embedded"
                if obj.get("/Type") == pikepdf.Name.FontDescriptor:
                    assert any(k in obj for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                        f"{path}: font {obj.get('/FontName')} is not embedded"
                    )
        for page in pdf.pages:
            for annot in page.get("/Annots", []):
                action = annot.get("/A")
                if action is not None and action.get("/S") == pikepdf.Name.URI:
                    uri = str(action.get("/URI"))
                    assert uri.startswith(_ALLOWED_LINKS), f"{path}: link to {uri}"


def assert_valid_docx(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None, f"{path}: corrupt zip member"
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(archive.read(name))  # raises on any malformed part


def assert_valid_outputs(folder: Path) -> None:
    """Every PDF and DOCX under ``folder``."""
    for pdf in folder.glob("*.pdf"):
        assert_valid_pdf(pdf)
    for docx in folder.glob("*.docx"):
        assert_valid_docx(docx)
