"""Layout rules, read back from the pages of every briefing note in both formats.

Each brief is built to PDF and DOCX as a user builds it; the DOCX is printed by
LibreOffice (what a Word user sees, near enough), and both PDFs are read back line by
line with pdfplumber: the position, size and weight of every character. On every page:

- no heading or label (a line set all in bold: the CSS's h2, h3, labels and table
  header rows) is the last line of a page, or the last but one (one item under it);
- a table never starts at the head of a page while the page before it is more than half
  empty (the heading and intro line of a table stay with its first rows);
- no table cell is broken inside a word or a date;
- the masthead and memo block end above a quarter of page 1;
- the note itself (the pages before the back matter) of the seed brief is two pages.

The briefs are the briefing notes of tests/cases/valid/ and content/, a brief with a
39-row annex table and briefs whose headings fall near the foot of page 1.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from ruamel.yaml import YAML

from .conftest import CASES, CONTENT, SEED, run_cli

pdfplumber = pytest.importorskip("pdfplumber", reason="pdfplumber is in the test extras")

#: Sizes as style.css sets them (pt): the body, table text and the section heading.
BODY_PT = 10.0
TABLE_PT = 9.5
H2_PT = 12.0
#: The running lines (marking, reference, page number) sit in the page margins.
MARGIN_PT = 18 * 72 / 25.4


def _is_briefing_note(path: Path) -> bool:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
    return data.get("type", data.get("template", "briefing-note")) == "briefing-note"


def _annex_brief() -> str:
    """A 39-row annex whose columns differ: the one the issue saw break as "Ite/m"."""
    rows = "\n".join(
        f'        - ["{i}", "2023-09-{i % 28 + 1:02d}", "Adopt the revised guidance on risk '
        f'profiles for consignment group {i} and report back to the working group", '
        f'"National Customs administration {i}", "Open"]'
        for i in range(1, 40)
    )
    return (
        "title: Follow-up of the regional risk management workshop\n"
        "date: 2023-10-02\n"
        "summary: The workshop agreed 39 actions, listed in the annex with their owners.\n"
        "annexes:\n"
        "  - title: Decisions and actions\n"
        "    body: The actions agreed at the workshop, in the order they were taken.\n"
        "    table:\n"
        "      columns: [Item, Date, Decision, Responsible, Status]\n"
        f"      rows:\n{rows}\n"
    )


def _heading_near_end(lines: int) -> str:
    """A note whose "Implications" heading, with one-line items under it, falls near the
    foot of page 1 (``lines`` one-line paragraphs of background push it down)."""
    paragraphs = "\n\n".join(
        f"  Point {i} of the discussion was recorded by the secretariat." for i in range(lines)
    )
    items = "\n".join(f"  - Consequence {i} for the administrations." for i in range(4))
    return (
        "title: Meeting of the working group on transit\n"
        "date: 2023-05-04\n"
        "summary: The working group met to review transit procedures.\n"
        f"background: |\n{paragraphs}\n"
        f"implications: |\n{items}\n"
        "next_steps: [Review the procedures again next year.]\n"
    )


#: Background lengths that move the heading across the last lines of page 1.
NEAR_END = (25, 26, 27, 28)
#: An annex whose author set the column widths (relative weights).
WIDTHS_BRIEF = """title: Consignment volumes by administration
date: 2024-03-15
summary: Volumes reported by the participating administrations.
annexes:
  - title: Volumes
    table:
      columns: [Administration, "2022", "2023", Note]
      widths: [3, 1, 1, 5]
      rows:
        - [Kenya, 1200000, 2450000, Doubled after the single window opened]
        - [Uganda, 310000, 590000, Reported by the revenue authority]
"""
GENERATED = {"annex-39-rows": _annex_brief(), "annex-widths": WIDTHS_BRIEF} | {
    f"heading-near-end-{n}": _heading_near_end(n) for n in NEAR_END
}
FILES = sorted(
    [p for p in (CASES / "valid").glob("*.yaml") if _is_briefing_note(p)]
    + [p for p in CONTENT.glob("*.yaml") if _is_briefing_note(p)]
)
NAMES = [p.stem for p in FILES] + sorted(GENERATED)


@dataclass(frozen=True)
class Line:
    page: int
    top: float
    bottom: float
    text: str
    size: float  # the largest character size on the line
    bold: bool  # every letter of the line is bold


@dataclass(frozen=True)
class Pages:
    height: float
    lines: list[list[Line]]  # the body lines of each page, top to bottom
    words: set[str]  # every word printed


def read_pages(pdf: Path) -> Pages:
    """The body lines of a PDF, each with its size and weight; the running lines in the
    page margins left out."""
    pages: list[list[Line]] = []
    words: set[str] = set()
    with pdfplumber.open(pdf) as document:
        height = float(document.pages[0].height)
        for number, page in enumerate(document.pages):
            words |= {w["text"] for w in page.extract_words()}
            by_baseline: dict[int, list[dict]] = {}
            for char in page.chars:
                baseline = round(float(char["matrix"][5]))
                key = next((k for k in by_baseline if abs(k - baseline) <= 1), baseline)
                by_baseline.setdefault(key, []).append(char)
            lines = []
            for chars in by_baseline.values():
                top = min(float(c["top"]) for c in chars)
                bottom = max(float(c["bottom"]) for c in chars)
                if bottom < MARGIN_PT or top > height - MARGIN_PT:
                    continue  # the marking, the reference, the page number
                chars.sort(key=lambda c: float(c["x0"]))
                letters = [c for c in chars if c["text"].isalnum()]
                lines.append(
                    Line(
                        number,
                        top,
                        bottom,
                        "".join(c["text"] for c in chars),
                        max(float(c["size"]) for c in chars),
                        bool(letters) and all("bold" in c["fontname"].lower() for c in letters),
                    )
                )
            pages.append(sorted(lines, key=lambda line: line.top))
    return Pages(height, pages, words)


def is_table_header(line: Line) -> bool:
    return line.bold and abs(line.size - TABLE_PT) < 0.3


class _Cells(HTMLParser):
    """The text of every cell of the HTML's data tables."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self._depth = 0
        self._in_data = 0
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and "data" in (dict(attrs).get("class") or "").split():
            self._in_data += 1
        if self._in_data and tag in ("td", "th"):
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._text is not None:
            self.cells.append("".join(self._text))
            self._text = None
        if tag == "table" and self._in_data:
            self._in_data -= 1

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def back_matter_heading(html: str) -> str | None:
    """The first heading inside ``#back-matter``: where the note ends."""
    found = re.search(r'id="back-matter".*?<h2[^>]*>(.*?)</h2>', html, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else None


@dataclass(frozen=True)
class Built:
    html: str
    pdf: Pages
    pdf_file: Path
    docx: Path
    docx_pdf: Pages | None  # None without LibreOffice


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    folder = tmp_path_factory.mktemp("layout")
    sources = folder / "sources"
    sources.mkdir()
    for path in FILES:
        shutil.copy(path, sources / path.name)
    for name, text in GENERATED.items():
        (sources / f"{name}.yaml").write_text(text, encoding="utf-8")
    out = folder / "out"
    result = run_cli("build", sources, "--out", out, "-f", "pdf", "-f", "docx", "-f", "html")
    assert result.exit_code == 0, result.output
    office = shutil.which("soffice") or shutil.which("libreoffice")
    printed = folder / "printed"
    if office:
        subprocess.run(
            [office, "--headless", "--convert-to", "pdf", "--outdir", str(printed)]
            + [str(out / f"{name}.docx") for name in NAMES],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return {
        name: Built(
            (out / f"{name}.html").read_text(encoding="utf-8"),
            read_pages(out / f"{name}.pdf"),
            out / f"{name}.pdf",
            out / f"{name}.docx",
            read_pages(printed / f"{name}.pdf") if office else None,
        )
        for name in NAMES
    }


def both(brief: Built) -> list[tuple[str, Pages]]:
    """The PDF, and the DOCX as LibreOffice prints it when it is there."""
    return [("pdf", brief.pdf)] + ([("docx", brief.docx_pdf)] if brief.docx_pdf else [])


@pytest.mark.parametrize("name", NAMES)
def test_no_heading_or_label_ends_a_page(built: dict[str, Built], name: str) -> None:
    for fmt, pages in both(built[name]):
        # The last page ends where the brief ends.
        for lines, following in zip(pages.lines, pages.lines[1:], strict=False):
            if lines:
                last = lines[-1]
                assert not last.bold, f"{fmt} page {last.page + 1} ends with {last.text!r}"
            # Nor with a heading and a single line under it (one item of a list, say)
            # while its section goes on over the page.
            if len(lines) > 1 and following and not following[0].bold:
                assert not lines[-2].bold, (
                    f"{fmt} page {lines[-1].page + 1} ends with {lines[-2].text!r} "
                    f"and one line under it"
                )


@pytest.mark.parametrize("name", NAMES)
def test_no_page_left_half_empty_before_a_table(built: dict[str, Built], name: str) -> None:
    for fmt, pages in both(built[name]):
        for before, after in zip(pages.lines, pages.lines[1:], strict=False):
            if not (before and after) or not is_table_header(after[0]):
                continue
            if abs(before[-1].size - TABLE_PT) < 0.3:
                continue  # the table began on the page before: its header repeats
            used = before[-1].bottom / pages.height
            assert used > 0.5, (
                f"{fmt} page {after[0].page} is {used:.0%} full, and the table that "
                f"follows starts on page {after[0].page + 1}"
            )


@pytest.mark.parametrize("name", NAMES)
def test_no_cell_broken_inside_a_word_or_date(built: dict[str, Built], name: str) -> None:
    parser = _Cells()
    parser.feed(built[name].html)
    for fmt, pages in both(built[name]):
        for cell in parser.cells:
            for token in cell.split():
                parts = re.split(r"(?<=[^\W\d])-(?=[^\W\d])", token)  # words may break at -
                whole = token in pages.words or all(
                    p in pages.words or f"{p}-" in pages.words for p in parts
                )
                assert whole, f"{fmt}: {token!r} of cell {cell!r} is broken across lines"


@pytest.mark.parametrize("name", NAMES)
def test_masthead_takes_at_most_a_quarter_of_page_one(built: dict[str, Built], name: str) -> None:
    for fmt, pages in both(built[name]):
        first = pages.lines[0]
        heading = next(
            i for i, line in enumerate(first) if line.bold and abs(line.size - H2_PT) < 0.3
        )
        end = max(line.bottom for line in first[:heading])
        assert end < pages.height / 4, f"{fmt}: the masthead ends at {end / pages.height:.0%}"


def test_the_seed_is_a_two_page_note(built: dict[str, Built]) -> None:
    brief = built[SEED.stem]
    heading = back_matter_heading(brief.html)
    assert heading
    for fmt, pages in both(brief):
        starts = [
            lines[0].page
            for lines in pages.lines
            if lines and lines[0].text.replace(" ", "") == heading.replace(" ", "")
        ]
        assert starts, f"{fmt}: the back matter does not start a page"
        assert starts[0] <= 2, f"{fmt}: the note runs to {starts[0]} pages"


def test_a_heading_falls_near_the_foot_of_page_one(built: dict[str, Built]) -> None:
    """The generated briefs do what they are for: one of them puts the heading within a
    few lines of the foot of page 1, or moves it to page 2 with its items."""
    for n in NEAR_END:
        pages = built[f"heading-near-end-{n}"].pdf
        if len(pages.lines) > 1 and pages.lines[0][-1].bottom > 0.8 * pages.height:
            heads = [line for line in pages.lines[1][:2] if line.bold]
            if heads or pages.lines[0][-1].text.startswith("–Consequence"):
                return
    pytest.fail("no generated brief puts its heading near the foot of page 1")


@pytest.mark.parametrize("name", NAMES)
def test_docx_pages_agree_with_the_pdf(built: dict[str, Built], name: str) -> None:
    brief = built[name]
    if brief.docx_pdf is None:
        pytest.skip("LibreOffice (soffice) is not installed: the DOCX cannot be paged")
    pdf, word = len(brief.pdf.lines), len(brief.docx_pdf.lines)
    assert abs(pdf - word) <= 1, f"PDF {pdf} pages, DOCX {word}"


@pytest.mark.parametrize("name", NAMES)
def test_docx_table_headers_repeat(built: dict[str, Built], name: str) -> None:
    document = docx.Document(str(built[name].docx))
    for table in document.tables:
        if table.style is not None and table.style.name == "Data Table":
            first = table.rows[0]._tr
            assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None


def test_docx_annex_columns_follow_their_content(built: dict[str, Built]) -> None:
    document = docx.Document(str(built["annex-39-rows"].docx))
    (table,) = [t for t in document.tables if t.style.name == "Data Table"]
    widths = [column.width.mm for column in table.columns]
    item, date, decision, responsible, status = widths
    assert item < date < decision, widths
    assert status < responsible < decision, widths
    assert abs(sum(widths) - 170) < 1, widths


def test_annex_widths_from_the_content_file_in_both_formats(built: dict[str, Built]) -> None:
    brief = built["annex-widths"]
    document = docx.Document(str(brief.docx))
    (table,) = [t for t in document.tables if t.style.name == "Data Table"]
    widths = [column.width.mm for column in table.columns]
    assert [round(w / sum(widths), 2) for w in widths] == [0.3, 0.1, 0.1, 0.5]
    with pdfplumber.open(brief.pdf_file) as pdf:
        page = pdf.pages[-1]
        words = {w["text"]: float(w["x0"]) for w in page.extract_words()}
        text_width = float(page.width) - 2 * 20 * 72 / 25.4  # @page margins of 20 mm
    starts = [words["Administration"], words["2022"], words["2023"], words["Note"]]
    steps = [(b - a) / text_width for a, b in zip(starts, starts[1:], strict=False)]
    assert [round(x, 2) for x in steps] == [0.3, 0.1, 0.1], steps
