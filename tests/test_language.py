"""Dates in the brief's language and the label catalogues."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from make_brief.content.dates import date_range, long_date, partial_date
from make_brief.content.labels import LabelError, load_labels
from make_brief.locations import builtin_dir

from .facts import docx_text

BUILTIN = (builtin_dir() / "briefing-note",)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "10 July 2020"), ("fr", "10 juillet 2020"), ("en-US", "July 10, 2020")],
)
def test_long_dates(language: str, expected: str) -> None:
    assert long_date(date(2020, 7, 10), language) == expected


def test_ranges_write_shared_parts_once() -> None:
    assert date_range(date(2020, 7, 6), date(2020, 7, 10), "en") == "6–10 July 2020"
    assert date_range(date(2020, 6, 29), date(2020, 7, 3), "en") == "29 June – 3 July 2020"
    assert date_range(date(2020, 7, 6), None, "en") == "6 July 2020"
    assert "juillet" in date_range(date(2020, 7, 6), date(2020, 7, 10), "fr")


def test_partial_dates() -> None:
    assert partial_date("2020", "en") == "2020"
    assert partial_date("2020-07", "en") == "July 2020"
    assert partial_date("2020-07-10", "fr") == "10 juillet 2020"


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="'xx' is not a language"):
        long_date(date(2020, 1, 1), "xx")


def test_builtin_catalogues_are_complete() -> None:
    english = set(load_labels(BUILTIN, "en"))
    for language in ("fr", "es", "ar"):
        labels = load_labels(BUILTIN, language)
        assert english <= set(labels), language
        assert all(value.strip() for value in labels.values())


def test_regional_tag_falls_back_to_language() -> None:
    assert load_labels(BUILTIN, "fr-CA")["summary"] == "Résumé"


def test_missing_label_names_language_label_and_file(tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "de.yaml").write_text("summary: Zusammenfassung\n")
    with pytest.raises(LabelError) as info:
        load_labels((tmp_path, *BUILTIN), "de")
    message = str(info.value)
    assert "labels for 'de' lack" in message and "purpose" in message and "de.yaml" in message


def test_project_overrides_one_word(tmp_path: Path) -> None:
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "en.yaml").write_text("summary: Bottom line\n")
    labels = load_labels((tmp_path, *BUILTIN), "en")
    assert labels["summary"] == "Bottom line" and labels["purpose"] == "Purpose"


# --- each built-in language, end to end in both outputs -----------------------------------

LANGUAGE_BRIEFS = {
    "fr": ("content/wco-un-counter-terrorism-week-2020-fr.yaml", "du 6 au 10 juillet 2020"),
    "es": ("tests/cases/valid/spanish.yaml", "del 13 al 15 de junio de 2023"),
    "ar": ("tests/cases/valid/arabic.yaml", "من 29 نوفمبر إلى 1 ديسمبر 2022"),
}


@pytest.fixture(scope="module")
def language_builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import ROOT, run_cli

    out = tmp_path_factory.mktemp("languages")
    sources = [ROOT / source for source, _ in LANGUAGE_BRIEFS.values()]
    result = run_cli("build", *sources, "--out", out, "-f", "pdf", "-f", "docx", "-j", "1")
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("language", sorted(LANGUAGE_BRIEFS))
def test_labels_and_dates_in_both_outputs(language: str, language_builds: Path) -> None:
    from pypdf import PdfReader

    source, event_dates = LANGUAGE_BRIEFS[language]
    stem = Path(source).stem
    labels = load_labels(BUILTIN, language)
    words = docx_text(language_builds / f"{stem}.docx")
    pdf_text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(language_builds / f"{stem}.pdf").pages
    )
    for key in ("document_type", "summary", "event", "key_messages", "next_steps", "sources"):
        assert labels[key] in words, (language, key)
        assert labels[key] in pdf_text, (language, key)
    assert event_dates in words
    if language != "ar":  # see test_arabic_pdf_words_read_back_in_logical_order
        assert event_dates in pdf_text


def test_arabic_is_right_to_left_in_both_outputs(language_builds: Path) -> None:
    import zipfile

    document = zipfile.ZipFile(language_builds / "arabic.docx").read("word/document.xml").decode()
    assert "<w:bidi/>" in document or '<w:bidi w:val="1"/>' in document
    assert "<w:bidiVisual" in document
    styles = zipfile.ZipFile(language_builds / "arabic.docx").read("word/styles.xml").decode()
    assert 'w:bidi="ar' in styles
    from .conftest import ROOT, run_cli

    html_out = language_builds / "html"
    run_cli("build", ROOT / LANGUAGE_BRIEFS["ar"][0], "--out", html_out, "-f", "html")
    assert '<html lang="ar" dir="rtl">' in (html_out / "arabic.html").read_text()


def test_arabic_pdf_words_read_back_in_logical_order(language_builds: Path) -> None:
    """Each heading of the Arabic PDF comes back as the words in logical order.

    Sentences mixing Arabic with digits or Latin acronyms come back from PDF text
    extraction in visual order, and poppler's pdftotext also reverses the letters of
    ligature glyphs (lam-alef), so this reads the PDF with pypdf and checks headings,
    which are single right-to-left runs.
    """
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(language_builds / "arabic.pdf").pages)
    words = set(text.split())
    labels = load_labels(BUILTIN, "ar")
    for key in ("summary", "purpose", "background", "implications", "sources"):
        for word in labels[key].split():
            assert word in words, (key, word)


def test_french_spacing_before_colons(language_builds: Path) -> None:
    from docx import Document

    document = Document(str(language_builds / "wco-un-counter-terrorism-week-2020-fr.docx"))
    text = "\n".join(p.text for p in document.paragraphs)  # not folded: U+202F is "space"
    assert "menaces émergentes\u202f:" in text
    for sign in ":;!?":
        assert f" {sign}" not in text


def test_hyphenation_follows_the_language_when_switched_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .conftest import ROOT, run_cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "make-brief.toml").write_text("hyphenate = true\n")
    source = ROOT / LANGUAGE_BRIEFS["fr"][0]
    result = run_cli("build", source, "--out", tmp_path / "out", "-f", "pdf", "-f", "html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / f"{source.stem}.html").read_text()
    assert '<html lang="fr" dir="ltr" data-hyphenate="auto">' in html
    from pypdf import PdfReader

    def line_end_hyphens(folder: Path) -> int:
        pages = PdfReader(folder / f"{source.stem}.pdf").pages
        return sum(page.extract_text().count("-\n") for page in pages)

    (tmp_path / "make-brief.toml").unlink()
    assert run_cli("build", source, "--out", tmp_path / "plain", "-f", "pdf").exit_code == 0
    assert line_end_hyphens(tmp_path / "out") > line_end_hyphens(tmp_path / "plain")
