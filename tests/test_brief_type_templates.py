"""The talking points and the meeting report, end to end through the CLI.

Each built-in type's template is checked on what a reader and a Word user meet: every
fact of the content file is in the PDF and in the DOCX, in the same order in both; the
talking points keep to one page; the meeting report's actions are one Word table with a
header row; both documents have real Word headings, numbered lists and page numbers; and
every label the templates print exists in English, French, Spanish and Arabic.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from make_brief.content.labels import load_labels
from make_brief.content.load import load_brief
from make_brief.locations import builtin_dir

from .conftest import CASES, CONTENT, pdf_text, run_cli
from .facts import facts_of, missing_facts, strip_running_lines

SETS = ("talking-points", "meeting-report")
LANGUAGES = ("en", "fr", "es", "ar")
SEEDS = [
    CONTENT / "wco-un-counter-terrorism-week-2020-talking-points.yaml",
    CONTENT / "wco-un-counter-terrorism-week-2020-meeting-report.yaml",
]
CASE_FILES = sorted((CASES / "valid").glob("talking-points-*.yaml")) + sorted(
    (CASES / "valid").glob("meeting-report-*.yaml")
)
BRIEFS = SEEDS + CASE_FILES


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("types") / "build"
    result = run_cli("build", *BRIEFS, "--out", out, "-f", "pdf", "-f", "docx")
    assert result.exit_code == 0, result.output
    return out


def _squeezed(text: str) -> str:
    return re.sub(r"[\s\-\u2010\u00ad]+", "", text)


def docx_body_text(path: Path) -> str:
    """The DOCX's paragraphs in document order, table cells where the tables stand
    (python-docx's ``document.paragraphs`` skips tables; order matters here)."""
    body = docx.Document(str(path)).element.body
    paragraphs = ("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
    return " ".join(" ".join(paragraphs).split())


def _running(path: Path) -> str:
    """The DOCX's page header and footer: where the marking and the reference are."""
    section = docx.Document(str(path)).sections[0]
    return " ".join(p.text for part in (section.header, section.footer) for p in part.paragraphs)


def _outputs(built: Path, source: Path) -> tuple[str, str, str, str]:
    """The PDF's text whole and without its running lines, and the DOCX's body text and
    page frame."""
    brief = load_brief(source).brief
    running = [brief.classification or "", brief.reference or ""]
    whole = pdf_text(built / f"{source.stem}.pdf")
    body = strip_running_lines(whole, *filter(None, running))
    path = built / f"{source.stem}.docx"
    return whole, body, docx_body_text(path), _running(path)


def test_the_cases_cover_both_types_in_four_languages() -> None:
    languages = {load_brief(p).brief.language for p in CASE_FILES}
    types = {load_brief(p).brief.type for p in CASE_FILES}
    assert set(LANGUAGES) <= languages
    assert types == set(SETS)


@pytest.mark.parametrize("source", BRIEFS, ids=lambda p: p.stem)
def test_every_fact_is_in_the_pdf_and_the_docx_in_the_same_order(source: Path, built: Path) -> None:
    facts = facts_of(source)
    whole, pdf, word, frame = _outputs(built, source)
    assert missing_facts(facts, word, frame) == [], "missing from the DOCX"
    if load_brief(source).brief.language == "ar":
        # PDF text extraction gives mixed Arabic and Latin runs in visual order (see
        # test_language.py): the PDF's words are checked, the order in the DOCX alone.
        assert _missing_words(facts, built / f"{source.stem}.pdf") == []
        return
    assert missing_facts(facts, whole) == [], "missing from the PDF"
    # The order: facts met once in each output, sorted by where each output prints them.
    squeezed_pdf, squeezed_word = _squeezed(pdf), _squeezed(word)
    once = [
        f
        for f in (_squeezed(f) for f in facts)
        if len(f) >= 12 and squeezed_pdf.count(f) == 1 and squeezed_word.count(f) == 1
    ]
    assert len(once) >= 5
    assert sorted(once, key=squeezed_pdf.index) == sorted(once, key=squeezed_word.index)


#: Lam followed by alef: one ligature glyph, whose letters PDF extraction reverses.
_LAM_ALEF = re.compile("\u0644[\u0627\u0623\u0625\u0622]")


def _missing_words(facts: list[str], pdf: Path) -> list[str]:
    """The words of ``facts`` not in the PDF's text as pypdf reads it.

    Table cells come back glued together and mixed runs in visual order, so each word is
    looked for inside the text without spaces; words with digits (placed by the bidi
    algorithm), a lam-alef ligature (letters reversed by extraction) or of three letters
    at most (particles such as إلى, whose glyphs extraction reorders) are left out.
    """
    from pypdf import PdfReader

    text = _squeezed(" ".join(page.extract_text() for page in PdfReader(pdf).pages))
    words = {w.strip("().,،:;!?") for fact in facts for w in fact.split()}
    checked = {
        w for w in words if len(w) > 3 and not re.search(r"\d", w) and not _LAM_ALEF.search(w)
    }
    return sorted(w for w in checked if _squeezed(w) not in text)


def test_the_seed_talking_points_are_one_page_in_both_formats(built: Path, tmp_path: Path) -> None:
    stem = SEEDS[0].stem
    assert _pdf_pages(built / f"{stem}.pdf") == 1
    if shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run(
        ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
        + [str(built / f"{stem}.docx"), f"-env:UserInstallation=file://{tmp_path}/lo"],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert _pdf_pages(tmp_path / f"{stem}.pdf") == 1


def test_a_realistic_set_of_six_points_fits_one_page(built: Path) -> None:
    assert _pdf_pages(built / "talking-points-en.pdf") == 1


def _pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


@pytest.mark.parametrize("name", SETS)
def test_labels_are_complete_in_four_languages(name: str) -> None:
    folder = builtin_dir() / name
    english = load_labels((folder,), "en")
    template = (folder / "brief.html.j2").read_text(encoding="utf-8")
    used = set(re.findall(r"labels\.(\w+)", template)) - {"separator"}
    assert used <= set(english), used - set(english)
    for language in LANGUAGES[1:]:
        labels = load_labels((folder,), language)
        assert set(english) <= set(labels), language
        assert all(value.strip() for value in labels.values()), language
        if language != "en":
            assert labels["document_type"] != english["document_type"], language


def _styles(path: Path) -> list[str]:
    return [p.style.name for p in docx.Document(str(path)).paragraphs if p.style is not None]


def _has_page_numbers(path: Path) -> bool:
    footer = docx.Document(str(path)).sections[0].footer._element
    fields = "".join(t.text or "" for t in footer.iter(qn("w:instrText")))
    simple = [f.get(qn("w:instr")) or "" for f in footer.iter(qn("w:fldSimple"))]
    return "PAGE" in fields + " ".join(simple)


@pytest.mark.parametrize("source", [p for p in BRIEFS if "meeting-report" in p.stem], ids=str)
def test_meeting_report_docx_has_headings_and_one_actions_table(source: Path, built: Path) -> None:
    brief = load_brief(source).brief
    path = built / f"{source.stem}.docx"
    styles = _styles(path)
    assert "Heading 1" in styles
    assert styles.count("Heading 2") >= len(brief.agenda)  # one per agenda item
    assert _has_page_numbers(path)
    labels = load_labels((builtin_dir() / "meeting-report",), brief.language or "en")
    heads = [labels[k] for k in ("action_item", "action_what", "action_who", "action_by")]
    document = docx.Document(str(path))
    tables = [t for t in document.tables if [c.text for c in t.rows[0].cells] == heads]
    assert len(tables) == 1
    actions = [(n, a) for n, item in enumerate(brief.agenda, 1) for a in item.actions]
    rows = tables[0].rows
    assert len(rows) == len(actions) + 1
    assert rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    for row, (number, action) in zip(rows[1:], actions, strict=True):
        cells = [c.text for c in row.cells]
        assert cells[0] == str(number)
        assert cells[2] == action.who
        assert cells[3] == (action.by or labels["action_by_unset"])


@pytest.mark.parametrize("source", [p for p in BRIEFS if "talking-points" in p.stem], ids=str)
def test_talking_points_docx_has_headings_and_numbered_points(source: Path, built: Path) -> None:
    brief = load_brief(source).brief
    path = built / f"{source.stem}.docx"
    document = docx.Document(str(path))
    assert "Heading 1" in _styles(path)
    assert _has_page_numbers(path)
    points = [p for p in document.paragraphs if p.style is not None and p.style.name == "Point"]
    assert len(points) == len(brief.points)
    # Word numbers them: each carries list numbering, all of one list.
    numbers = {p._p.pPr.numPr.numId.val for p in points if p._p.pPr.numPr is not None}
    assert len(numbers) == 1
    facts = [p for p in document.paragraphs if p.style is not None and p.style.name == "Point Fact"]
    assert len(facts) == sum(len(p.facts) for p in brief.points)
