"""Limits: a brief that is too long, too big or too slow fails alone, with a clear error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import SEED, briefs_in, run_cli


def project_with_template(tmp_path: Path, body: str) -> Path:
    """A project whose own template set 'slow' has ``body`` as its brief template."""
    folder = tmp_path / "templates" / "slow"
    (folder / "labels").mkdir(parents=True)
    shutil.copy(
        SEED.parents[1] / "templates" / "briefing-note" / "labels" / "en.yaml",
        folder / "labels" / "en.yaml",
    )
    (folder / "brief.html.j2").write_text(body)
    return folder


def test_runaway_template_is_stopped_and_the_others_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    project_with_template(
        tmp_path,
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    )
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "slow.yaml").write_text(
        "template: slow\ntitle: T\ndate: 2020-01-01\nsummary: S\n"
    )
    shutil.copy(SEED, tmp_path / "content" / "fine.yaml")
    result = run_cli("build", "--timeout", "1", "-f", "html")
    assert result.exit_code == 1
    assert "content/slow.yaml: took longer than 1 s to render and was stopped" in result.stderr
    assert (tmp_path / "build" / "fine.html").is_file()
    assert not (tmp_path / "build" / "slow.html").exists()


def test_too_many_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The real limit (40) takes thousands of table rows to reach; the mechanism is the same.
    monkeypatch.setattr("make_brief.render.pdf.MAX_PAGES", 2)
    result = run_cli("build", SEED, "--out", tmp_path / "out", "-f", "pdf")
    assert result.exit_code == 1
    assert "pages; a brief may have at most 2" in result.stderr
    assert briefs_in(tmp_path / "out") == []


def test_too_much_text_in_one_brief(tmp_path: Path) -> None:
    paragraph = "word " * 3000
    annexes = "".join(f"  - title: Annex {n}\n    body: {paragraph}\n" for n in range(12))
    brief = tmp_path / "big.yaml"
    brief.write_text(f"title: T\ndate: 2020-01-01\nsummary: S\nannexes:\n{annexes}")
    result = run_cli("check", brief)
    assert result.exit_code == 1
    assert "characters of text; at most 150,000 are allowed" in result.stderr


def test_layout_stops_at_the_page_limit(tmp_path: Path) -> None:
    """The limit is enforced while WeasyPrint lays out the pages, not after: a brief of
    hundreds of pages is stopped at page 41, before it costs minutes and gigabytes."""
    import logging

    from make_brief.render.job import RenderJob
    from make_brief.render.pdf import MAX_PAGES, PdfError, PdfWriter

    pages_started: list[int] = []

    class Count(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "Creating layout - Page" in record.msg:
                pages_started.append(record.args[0])

    body = "".join(f"<p style='break-after: page'>page {n}</p>" for n in range(300))
    job = RenderJob(
        html=f"<html lang='en'><head><title>t</title></head><body>{body}</body></html>",
        source=tmp_path / "x.yaml",
        base_url=tmp_path.as_uri() + "/",
        asset_roots=(tmp_path,),
    )
    counter = Count()
    logging.getLogger("weasyprint.progress").addHandler(counter)
    try:
        with pytest.raises(PdfError, match=f"more than {MAX_PAGES} pages"):
            PdfWriter().render(job)
    finally:
        logging.getLogger("weasyprint.progress").removeHandler(counter)
    assert max(pages_started) == MAX_PAGES + 1
