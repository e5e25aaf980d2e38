"""Stylesheets parsed once per process: the same PDF as WeasyPrint's own parse, the same
errors for every brief, and whatever a shared parse cannot reproduce left to WeasyPrint."""

from __future__ import annotations

from pathlib import Path

import pytest

from make_brief.locations import builtin_dir
from make_brief.render import RenderJob, pdf, stylesheets
from make_brief.render.pdf import PdfError, PdfWriter

from .test_pdf import job


def linked(tmp_path: Path, css: str, body: str = "<p>Hello</p>", head: str = ""):
    folder = tmp_path / "set"
    folder.mkdir(exist_ok=True)
    (folder / "style.css").write_text(css, encoding="utf-8")
    return job(tmp_path, body, f'<link rel="stylesheet" href="style.css">{head}')


def weasyprint_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "stylesheets", lambda *args: None)


def test_the_seed_prints_the_same_bytes_as_weasyprint_s_own_parse(
    seed_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = (seed_build / "wco-un-counter-terrorism-week-2020.html").read_text(encoding="utf-8")
    folder = builtin_dir() / "briefing-note"
    seed = RenderJob(
        html=html, source=Path("seed.yaml"), base_url=folder.as_uri() + "/", asset_roots=(folder,)
    )
    shared = [PdfWriter().render(seed) for _ in range(2)]
    weasyprint_alone(monkeypatch)
    assert shared == [PdfWriter().render(seed)] * 2


def test_a_linked_sheet_is_parsed_once_and_an_edit_is_seen(tmp_path: Path) -> None:
    first = linked(tmp_path, "p { color: #123456 }")
    PdfWriter().render(first)
    parsed = dict(stylesheets._PARSED)
    PdfWriter().render(first)
    assert parsed == stylesheets._PARSED  # nothing parsed again
    edited = linked(tmp_path, "p { color: #654321 }")
    PdfWriter().render(edited)
    assert len(stylesheets._PARSED) == len(parsed) + 1


def test_a_flaw_in_a_shared_sheet_fails_every_brief(tmp_path: Path) -> None:
    flawed = linked(tmp_path, "p { colr: red }")
    for _ in range(3):
        with pytest.raises(PdfError, match="colr"):
            PdfWriter().render(flawed)


@pytest.mark.parametrize(
    "head, css",
    [
        ("<style>p { color: red }</style>", "p { color: blue }"),  # shared, then inline
        ("", "@import url(other.css);"),  # the rest is left to WeasyPrint
        ("", "@layer base { p { color: red } }"),
        ('<link rel="stylesheet" href="print.css" media="screen">', "p { color: blue }"),
    ],
)
def test_prints_as_weasyprint_prints_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, head: str, css: str
) -> None:
    (tmp_path / "set").mkdir()
    (tmp_path / "set" / "other.css").write_text("p { color: green }", encoding="utf-8")
    (tmp_path / "set" / "print.css").write_text("p { color: olive }", encoding="utf-8")
    brief = linked(tmp_path, css, head=head)
    ours = PdfWriter().render(brief)
    weasyprint_alone(monkeypatch)
    assert ours == PdfWriter().render(brief)


def test_a_style_attribute_leaves_the_document_to_weasyprint(tmp_path: Path) -> None:
    from weasyprint import HTML

    brief = linked(tmp_path, "p { color: blue !important }", body='<p style="color: red">x</p>')
    html = HTML(string=brief.html, base_url=brief.base_url)
    assert (
        stylesheets.stylesheets(html, pdf.confined_fetcher(brief), pdf._font_config(), []) is None
    )


def test_handled_elements_are_marked_in_document_order(tmp_path: Path) -> None:
    from weasyprint import HTML

    brief = linked(tmp_path, "p { color: blue }", head="<style>p { margin: 0 }</style>")
    html = HTML(string=brief.html, base_url=brief.base_url)
    sheets = stylesheets.stylesheets(html, pdf.confined_fetcher(brief), pdf._font_config(), [])
    assert sheets is not None and len(sheets) == 2
    marked = [e.tag for e in html.etree_element.iter() if e.get("type") == stylesheets.HANDLED_TYPE]
    assert marked == ["link", "style"]
