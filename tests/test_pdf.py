"""The PDF writer: confined to the template's files, warnings are errors, metadata set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from make_brief.render.job import RenderJob
from make_brief.render.pdf import PdfError, PdfWriter

from .conftest import SEED


def job(tmp_path: Path, body: str, head: str = "") -> RenderJob:
    folder = tmp_path / "set"
    folder.mkdir(exist_ok=True)
    html = f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>T</title>{head}</head><body>{body}</body></html>"
    return RenderJob(
        html=html, source=Path("x.yaml"), base_url=folder.as_uri() + "/", asset_roots=(folder,)
    )


def test_plain_document_renders(tmp_path: Path) -> None:
    data = PdfWriter().render(job(tmp_path, "<p>Hello</p>")).data
    assert data.startswith(b"%PDF-")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "../outside.css",
        "https://example.org/x.css",
        "http://127.0.0.1:9/x.css",
        "/dev/urandom",
    ],
)
def test_assets_outside_the_template_folder_are_refused(tmp_path: Path, url: str) -> None:
    (tmp_path / "outside.css").write_text("p { color: red }")
    with pytest.raises(PdfError, match="template"):
        PdfWriter().render(job(tmp_path, "<p>x</p>", f"<link rel='stylesheet' href='{url}'>"))


def test_symlink_leading_out_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.css").write_text("p { color: red }")
    folder = tmp_path / "set"
    folder.mkdir()
    os.symlink(tmp_path / "secret.css", folder / "link.css")
    with pytest.raises(PdfError, match="outside the template folder"):
        PdfWriter().render(job(tmp_path, "<p>x</p>", "<link rel='stylesheet' href='link.css'>"))


def test_image_in_css_outside_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "style.css").write_text("body { background: url(file:///etc/hostname) }")
    with pytest.raises(PdfError, match="etc/hostname"):
        PdfWriter().render(job(tmp_path, "<p>x</p>", "<link rel='stylesheet' href='style.css'>"))


def test_files_inside_the_folder_load(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "style.css").write_text("p { color: #123456 }")
    PdfWriter().render(job(tmp_path, "<p>x</p>", "<link rel='stylesheet' href='style.css'>"))


def test_css_weasyprint_does_not_understand_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PdfError, match="colr"):
        PdfWriter().render(job(tmp_path, "<p>x</p>", "<style>p { colr: red }</style>"))


@pytest.mark.parametrize(
    "css, shown",
    [
        ("p { colr: red }", "colr"),  # reported while the stylesheet is parsed
        (":root { --accent: red } p { margin-top: var(--accent) }", "margin-top"),  # at layout
    ],
)
def test_a_flawed_stylesheet_fails_every_brief_of_a_process(
    tmp_path: Path, css: str, shown: str
) -> None:
    """Not only the first: a worker renders many briefs with the same stylesheet, and
    whatever it keeps between them must not let a later brief print with a rule dropped."""
    (tmp_path / "set").mkdir()
    (tmp_path / "set" / "style.css").write_text(css, encoding="utf-8")
    brief = job(tmp_path, "<p>x</p>", "<link rel='stylesheet' href='style.css'>")
    writer = PdfWriter()
    for _ in range(3):
        with pytest.raises(PdfError, match=shown):
            writer.render(brief)


def test_metadata_bookmarks_and_tags(seed_build: Path) -> None:
    reader = PdfReader(seed_build / f"{SEED.stem}.pdf")
    meta = reader.metadata
    assert meta.title.startswith("WCO intervention at the UN Virtual Counter-Terrorism Week")
    assert meta.author == "World Customs Organization"
    assert "bio- and cyber-terrorism" in meta.subject
    assert "Operation STOP" in reader.metadata["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20200710")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged PDF
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Summary" in titles and "Sources" in titles


def test_same_input_same_bytes(tmp_path: Path) -> None:
    first = PdfWriter().render(job(tmp_path, "<h1>T</h1><p>x</p>")).data
    second = PdfWriter().render(job(tmp_path, "<h1>T</h1><p>x</p>")).data
    assert first == second


def test_the_writer_gives_the_page_count_it_laid_out(tmp_path: Path) -> None:
    rendered = PdfWriter().render(job(tmp_path, "<p>one</p><p style='break-before: page'>two</p>"))
    assert rendered.pages == len(PdfReader(__import__("io").BytesIO(rendered.data)).pages) == 2
