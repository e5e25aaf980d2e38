"""Dates in the brief's language and the label catalogues."""

from __future__ import annotations

import re
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


# --- French spacing inserted, and the default marking in the brief's language -------------

FRENCH = """\
title: Réunion du groupe de travail sur le commerce électronique
date: 2024-03-12
language: fr
summary: |
  Ouverture à 12:30 et clôture à 17:45. Pourquoi? Parce que le programme l'exigeait!
  Trois points: le guichet unique; la facilitation; la sécurité.
purpose: Le rapport est en ligne (https://www.wcoomd.org/fr/rapport?annee=2024;lang=fr).
references:
  - title: Norme ISO 9001:2015
    url: https://www.iso.org/fr/standard/62085.html?browse=tc
contact:
  name: Jeanne Martin
  email: jeanne.martin@wcoomd.org
  phone: "+32 2 209 92 11"
annexes:
  - title: Calendrier des réunions
    body: Prochaine réunion le 4 juin, de 9:00 à 12:00.
"""
#: Written as typed, and so to be found in every output.
UNTOUCHED = (
    "12:30",
    "17:45",
    "9:00 à 12:00",
    "ISO 9001:2015",
    "https://www.wcoomd.org/fr/rapport?annee=2024;lang=fr",
    "https://www.iso.org/fr/standard/62085.html?browse=tc",
    "jeanne.martin@wcoomd.org",
)
#: Where a narrow no-break space was inserted: the template's labels and the content.
SPACED = ("Courriel", "Téléphone", "Annexe 1", "Pourquoi", "l'exigeait", "points", "unique")
SIGN_AFTER = {"Pourquoi": "?", "l'exigeait": "!", "unique": ";"}


@pytest.fixture(scope="module")
def french_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import run_cli

    folder = tmp_path_factory.mktemp("french")
    (folder / "brief-fr.yaml").write_text(FRENCH, encoding="utf-8")
    out = folder / "out"
    result = run_cli("build", folder / "brief-fr.yaml", "--out", out, "-j", "1")
    assert result.exit_code == 0, result.output
    return out


def test_french_spaces_are_inserted_in_the_pdf_text(french_build: Path) -> None:
    from pypdf import PdfReader

    from .conftest import pdf_text

    pdf = french_build / "brief-fr.pdf"
    # pdftotext writes U+202F as a plain space: the words and the gap as a reader copies them.
    copied = pdf_text(pdf)
    for word in SPACED:
        assert f"{word} {SIGN_AFTER.get(word, ':')}" in copied, word
    for kept in UNTOUCHED:
        assert kept in copied, kept
    # The PDF's own text holds the narrow no-break space itself.
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    for word in SPACED:
        assert f"{word}\u202f{SIGN_AFTER.get(word, ':')}" in text, word
    assert not re.search(r"\w[:;!?](?=\s)", text.replace("https:", "")), "a sign without space"


def test_french_spaces_in_the_docx_and_the_html(french_build: Path) -> None:
    from docx import Document

    document = Document(str(french_build / "brief-fr.docx"))
    cells = [c for table in document.tables for row in table.rows for c in row.cells]
    paragraphs = [*document.paragraphs, *(p for cell in cells for p in cell.paragraphs)]
    words = "\n".join(p.text for p in paragraphs)  # not folded: U+202F is "space"
    html = (french_build / "brief-fr.html").read_text(encoding="utf-8")
    for word in SPACED:
        assert f"{word}\u202f{SIGN_AFTER.get(word, ':')}" in words, word
        assert f"{word}\u202f{SIGN_AFTER.get(word, ':')}" in html, word
    for kept in UNTOUCHED:
        assert kept in words, kept
    assert 'href="mailto:jeanne.martin@wcoomd.org">jeanne.martin@wcoomd.org</a>' in html


def test_the_default_marking_is_in_the_brief_s_language(
    french_build: Path, language_builds: Path
) -> None:
    from docx import Document

    from .conftest import pdf_text

    assert pdf_text(french_build / "brief-fr.pdf").count("NON CLASSIFIÉ") >= 2
    assert "UNCLASSIFIED" not in pdf_text(french_build / "brief-fr.pdf")
    expected = {
        french_build / "brief-fr.docx": "NON CLASSIFIÉ",
        language_builds / "spanish.docx": "SIN CLASIFICAR",
        language_builds / "arabic.docx": "غير مصنف",
    }
    for docx, marking in expected.items():
        section = Document(str(docx)).sections[0]
        assert [p.text for p in section.header.paragraphs] == [marking], docx.name
        assert marking in section.footer.paragraphs[0].text
    assert pdf_text(language_builds / "spanish.pdf").count("SIN CLASIFICAR") >= 2


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ('classification = "RESTRICTED"\n', "RESTRICTED"),  # the project's choice wins
        ('organisation = "Douanes"\n', "NON CLASSIFIÉ"),  # a file that sets no marking
        ('classification = "UNCLASSIFIED"\n', "UNCLASSIFIED"),  # written: meant
    ],
)
def test_a_marking_the_config_sets_wins_over_the_language_s(
    config: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .conftest import run_cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "make-brief.toml").write_text(config, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(FRENCH, encoding="utf-8")
    assert run_cli("build", "b.yaml", "-f", "html").exit_code == 0
    html = (tmp_path / "build" / "b.html").read_text(encoding="utf-8")
    assert f'<body data-marking="{expected}"' in html


def test_the_brief_s_own_marking_wins(tmp_path: Path) -> None:
    from .conftest import run_cli

    (tmp_path / "b.yaml").write_text(FRENCH + "classification: DIFFUSION RESTREINTE\n")
    assert (
        run_cli("build", tmp_path / "b.yaml", "-o", tmp_path / "out", "-f", "html").exit_code == 0
    )
    assert 'data-marking="DIFFUSION RESTREINTE"' in (tmp_path / "out" / "b.html").read_text()


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Courriel: x", "Courriel\u202f: x"),
        ("Annexe 1: Titre", "Annexe 1\u202f: Titre"),
        ("Quoi?! Vraiment ?", "Quoi\u202f?! Vraiment\u202f?"),
        ("Pourquoi…? Ah!", "Pourquoi…\u202f? Ah\u202f!"),
        ("«Bonjour» et « salut »", "«\u202fBonjour\u202f» et «\u202fsalut\u202f»"),
        ("&#34;Texte&#34;: oui", "&#34;Texte&#34;\u202f: oui"),
        ("R&amp;D; et AT&amp;T: oui", "R&amp;D\u202f; et AT&amp;T\u202f: oui"),
        # Not punctuation: times, standards, ratios, addresses, an opening bracket.
        ("à 12:30, de 9:00-12:00", "à 12:30, de 9:00-12:00"),
        ("ISO 9001:2015 et 1:2", "ISO 9001:2015 et 1:2"),
        ("voir https://x.org/a?b=1;c=2!", "voir https://x.org/a?b=1;c=2!"),
        ("www.wco.org/x?y; mailto:a@b.org", "www.wco.org/x?y; mailto:a@b.org"),
        ("écrire à jean@wco.org: merci", "écrire à jean@wco.org: merci"),
        ("(?) et [!]", "(?) et [!]"),
    ],
)
def test_french_signs_get_a_narrow_no_break_space(typed: str, printed: str) -> None:
    from make_brief.render.typography import apply

    assert apply(f"<body><p>{typed}</p></body>", "fr") == f"<body><p>{printed}</p></body>"
    assert apply(f"<body><p>{typed}</p></body>", "en") == f"<body><p>{typed}</p></body>"


def test_links_code_and_the_head_are_left_as_written() -> None:
    from make_brief.render.typography import apply

    html = (
        "<head><title>Objet: x</title></head><body><p><strong>Note</strong>: texte</p>"
        '<p>: au début</p><p><code>a:b ; c</code> <a href="https://x.org">Titre: sous-titre</a>'
        ": après</p></body>"
    )
    assert apply(html, "fr") == (
        "<head><title>Objet: x</title></head><body><p><strong>Note</strong>\u202f: texte</p>"
        '<p>: au début</p><p><code>a:b ; c</code> <a href="https://x.org">Titre: sous-titre</a>'
        "\u202f: après</p></body>"
    )
