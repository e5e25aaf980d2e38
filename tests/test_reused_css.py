"""Linked stylesheets parsed once per process (render/reused_css.py). It must be invisible
but for the time: the same PDF bytes as a parse per brief, every failure repeated for every
brief, an edited file read afresh, and nothing kept for a sheet that cannot be shared or
for a plain WeasyPrint call in the same process."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from make_brief.build.check import prepare
from make_brief.build.run import Renderer, RenderSettings
from make_brief.content.config import load_config
from make_brief.render import pdf, reused_css
from make_brief.render.job import RenderJob
from make_brief.render.pdf import PdfError, PdfWriter

from .conftest import CONTENT

LINK = "<link rel='stylesheet' href='style.css'>"


@pytest.fixture(autouse=True)
def nothing_kept() -> Iterator[None]:
    reused_css.forget()
    yield
    reused_css.forget()


def without_reuse(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "reusing_stylesheets", contextlib.nullcontext)


def set_job(folder: Path, body: str = "<p>Hello</p>", head: str = LINK) -> RenderJob:
    folder.mkdir(parents=True, exist_ok=True)
    html = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>T</title>"
        f"{head}</head><body>{body}</body></html>"
    )
    return RenderJob(html, Path("x.yaml"), folder.as_uri() + "/", (folder,))


def seed_job(project: Path, name: str) -> RenderJob:
    config = load_config(None, root=project)
    renderer = Renderer(RenderSettings(project / "out", ("pdf",), config))
    return renderer.job(prepare(project / "content" / name, config))


@pytest.mark.parametrize("seed", sorted(p.name for p in CONTENT.glob("*.yaml")))
def test_the_same_bytes_as_a_parse_per_brief(
    seed: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each seed (the three template sets, and a fitted French brief): kept, then reused,
    then parsed per brief as before; the three PDFs are the same bytes. The sets' @page
    rules (margins, running heads) and fonts come from the kept sheets."""
    monkeypatch.chdir(tmp_path)  # outside the repository, whose make-brief.toml would count
    (tmp_path / "content").mkdir()
    shutil.copy(CONTENT / seed, tmp_path / "content" / seed)
    job = seed_job(tmp_path, seed)
    writer = PdfWriter()
    first = writer.render(job)
    assert reused_css.kept(), "the set's stylesheet was kept"
    again = writer.render(job)
    without_reuse(monkeypatch)
    reused_css.forget()
    parsed = writer.render(job)
    assert not reused_css.kept()
    assert first.data == again.data == parsed.data
    assert first.pages == again.pages == parsed.pages
    assert first.paging == again.paging == parsed.paging


def test_an_edited_stylesheet_is_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    job = set_job(folder)
    (folder / "style.css").write_text("p { color: #123456 }")
    PdfWriter().render(job)
    assert reused_css.kept() == [(folder / "style.css").as_uri()]
    (folder / "style.css").write_text("p { colr: red }")
    with pytest.raises(PdfError, match="colr"):
        PdfWriter().render(job)


def test_an_edited_import_is_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    job = set_job(folder)
    (folder / "style.css").write_text('@import "theme.css";\np { margin: 0 }')
    (folder / "theme.css").write_text("p { color: #123456 }")
    PdfWriter().render(job)
    PdfWriter().render(job)
    assert reused_css.kept()
    (folder / "theme.css").write_text("p { colr: red }")
    with pytest.raises(PdfError, match="colr"):
        PdfWriter().render(job)


def test_a_failing_stylesheet_is_never_kept(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    (folder).mkdir()
    (folder / "style.css").write_text("p { colr: red }")
    for _ in range(3):
        with pytest.raises(PdfError, match="colr"):
            PdfWriter().render(set_job(folder))
    assert not reused_css.kept()


def test_a_kept_sheet_is_not_given_to_a_brief_that_may_not_read_it(tmp_path: Path) -> None:
    """The same URL, linked by a brief whose template folders do not hold it: refused, as
    it is without the cache."""
    allowed = set_job(tmp_path / "set")
    (tmp_path / "set" / "style.css").write_text("p { color: #123456 }")
    PdfWriter().render(allowed)
    assert reused_css.kept()
    elsewhere = RenderJob(allowed.html, Path("y.yaml"), allowed.base_url, (tmp_path / "other",))
    (tmp_path / "other").mkdir()
    with pytest.raises(PdfError, match="outside the template folder"):
        PdfWriter().render(elsewhere)


@pytest.mark.parametrize(
    "css",
    [
        "@layer base { p { color: #123456 } }",
        "@layer base, theme;\np { color: #123456 }",
        "@counter-style thumbs { system: cyclic; symbols: '*'; suffix: ' '; }\n"
        "ul { list-style: thumbs }",
    ],
)
def test_a_sheet_with_per_document_tables_is_parsed_per_brief(
    css: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cascade layers and counter styles live in tables of the document, not of the sheet."""
    folder = tmp_path / "set"
    job = set_job(folder, "<ul><li>one</li></ul><p>two</p>")
    (folder / "style.css").write_text(css)
    data = [PdfWriter().render(job).data for _ in range(2)]
    assert not reused_css.kept()
    without_reuse(monkeypatch)
    assert data[0] == data[1] == PdfWriter().render(job).data


def test_style_elements_and_plain_weasyprint_are_left_alone(tmp_path: Path) -> None:
    """A <style> element (a brief's own running heads) is parsed per brief, and WeasyPrint
    called outside make-brief's layouts, in the same process, keeps nothing."""
    folder = tmp_path / "set"
    PdfWriter().render(set_job(folder, head="<style>p { color: #123456 }</style>"))
    assert not reused_css.kept()
    (folder / "style.css").write_text("p { color: #123456 }")
    from weasyprint import HTML

    job = set_job(folder)
    HTML(string=job.html, base_url=job.base_url).write_pdf()
    assert not reused_css.kept()
