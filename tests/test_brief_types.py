"""A brief type is one folder: a second type is added with its files alone, no code.

The type below, a meeting record, has its own template with its own classes, its own
stylesheet importing the shared theme (templates/common/theme.css: no fonts/ of its
own), its own labels and its own word-styles.yaml. A content file picks it with
``template: meeting-record``; the build gives a PDF and a DOCX that say what the content
says, with the new classes in the Word styles the set declares.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest
from docx.table import Table
from PIL import Image

from make_brief.locations import builtin_dir

from .conftest import SEED, pdf_text, run_cli

TEMPLATE = """\
<!DOCTYPE html>
<html lang="{{ language }}" dir="{{ direction }}">
<head>
<meta charset="utf-8">
<title>{{ brief.title }}</title>
<link rel="stylesheet" href="style.css">
</head>
<body data-marking="{{ classification }}" data-reference="{{ brief.reference or '' }}" data-page-label="{{ labels.page_x_of_y }}">
<header class="banner">
<p class="kicker">{{ labels.kind }}</p>
<h1>{{ brief.title }}</h1>
</header>
<main>
<div class="callout">
{{ brief.summary | markdown }}
</div>
<h2>{{ labels.actions }}</h2>
<ul class="actions">
{% for step in brief.next_steps %}<li>{{ step | markdown_inline }} <span class="owner">{{ labels.owner }}</span></li>
{% endfor %}
</ul>
<table class="register">
<tr><th>{{ labels.date }}</th><td>{{ date }}</td></tr>
<tr><th>{{ labels.reference }}</th><td>{{ brief.reference }}</td></tr>
</table>
</main>
</body>
</html>
"""

STYLESHEET = """\
@import "../common/theme.css";

@page {
  size: A4;
  margin: 20mm;
  @bottom-right { content: counter(page); font: 8pt/1 var(--font); color: var(--muted); }
}
html { font-family: var(--font); font-size: var(--font-size); line-height: var(--line-height); color: var(--ink); }
.kicker { margin: 0 0 2mm; font-size: 9pt; font-weight: 700; color: var(--accent); }
h1 { margin: 0 0 4mm; font-size: 20pt; color: var(--ink); }
.callout { background: var(--accent-soft); border-left: 2pt solid var(--accent); padding: 3mm 4mm; }
ul.actions li { margin-bottom: 2mm; }
.owner { color: var(--muted); font-style: italic; }
table.register th { width: 30mm; padding-right: 2mm; text-align: left; color: var(--muted); }
"""

WORD_STYLES = """\
# The meeting record in Word.
elements:
  header.banner: {}
  p.kicker: Kicker
  div.callout: {box: Callout}
  ul.actions: {list: bullet, item: Action}
  span.owner: Owner
  table.register:
    table: Register
    head: Register Label
    cell: Register Value
    label-column:
      - table.register th { width } or 30mm
      - table.register th { padding-right } or 2mm
styles:
  Kicker:
    look: .kicker
    default: {bold: true, colour: accent}
    after: .kicker { margin-bottom } or 2mm
    keep-with-next: true
  Action:
    based-on: List Bullet
    after: ul.actions li { margin-bottom } or 2mm
  Register Label:
    look: table.register th
    after: 0
  Register Value:
    after: 0
  Owner:
    type: character
    look: .owner
  Callout:
    type: table
    padding: .callout { padding } or 3mm
    left-bar: .callout { border-left } or 2pt accent
    fill: .callout { background } or accent-soft
  Register:
    type: table
"""

LABELS = """\
kind: Meeting record
actions: Actions agreed
owner: (owner to be named)
date: Date
reference: Reference
page_x_of_y: "Page {page} of {pages}"
"""

CONTENT = """\
template: meeting-record
title: Bilateral meeting on transit procedures
date: 2023-11-02
reference: MR/2023/11
summary: The two administrations agreed to pilot a shared transit guarantee from 2024.
next_steps:
  - Draft the pilot's terms of reference by March
  - Name one contact point in each administration
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose templates/ holds the new brief type and nothing else."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "templates" / "meeting-record"
    (folder / "labels").mkdir(parents=True)
    (folder / "brief.html.j2").write_text(TEMPLATE, encoding="utf-8")
    (folder / "style.css").write_text(STYLESHEET, encoding="utf-8")
    (folder / "word-styles.yaml").write_text(WORD_STYLES, encoding="utf-8")
    (folder / "labels" / "en.yaml").write_text(LABELS, encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "record.yaml").write_text(CONTENT, encoding="utf-8")
    return tmp_path


def _paragraphs(container) -> list:
    found = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    found += _paragraphs(cell)
        else:
            found.append(block)
    return found


def test_a_second_brief_type_is_a_folder_alone(project: Path) -> None:
    result = run_cli("build", "-f", "pdf", "-f", "docx")
    assert result.exit_code == 0, result.output

    text = pdf_text(project / "build" / "record.pdf")
    for fact in (
        "Meeting record",
        "Bilateral meeting on transit procedures",
        "pilot a shared transit guarantee",
        "Actions agreed",
        "Name one contact point in each administration",
        "MR/2023/11",
    ):
        assert fact in text
    fonts = subprocess.run(
        ["pdffonts", str(project / "build" / "record.pdf")], capture_output=True, text=True
    ).stdout
    assert "Carlito" in fonts  # the shared theme's font, from templates/common/fonts/

    document = docx.Document(str(project / "build" / "record.docx"))
    style_of = {" ".join(p.text.split()): p.style.name for p in _paragraphs(document)}
    assert style_of["Meeting record"] == "Kicker"
    assert style_of["Bilateral meeting on transit procedures"] == "Title"
    assert style_of["Actions agreed"] == "Heading 1"
    assert style_of["Draft the pilot's terms of reference by March (owner to be named)"] == "Action"
    assert style_of["Date"] == "Register Label"
    assert style_of["MR/2023/11"] == "Register Value"
    assert {t.style.name for t in document.tables} == {"Callout", "Register"}
    owners = [r for p in document.paragraphs for r in p.runs if r.text == "(owner to be named)"]
    assert owners and {r.style.name for r in owners} == {"Owner"}
    # The declared looks, read from the set's CSS and the shared theme.
    theme = (builtin_dir() / "common" / "theme.css").read_text(encoding="utf-8")
    accent = theme.split("--accent:", 1)[1].split(";", 1)[0].strip().lstrip("#").upper()
    kicker = document.styles["Kicker"]
    assert str(kicker.font.color.rgb) == accent
    assert kicker.font.size.pt == 9 and kicker.font.bold
    assert document.styles["Owner"].font.italic
    assert document.styles["Action"].base_style.name == "List Bullet"


def test_a_class_the_new_type_does_not_declare_names_itself(project: Path) -> None:
    template = project / "templates" / "meeting-record" / "brief.html.j2"
    template.write_text(template.read_text().replace('class="kicker"', 'class="eyebrow"'))
    result = run_cli("build", "-f", "docx")
    assert result.exit_code == 1
    assert '<p class="eyebrow">' in result.stderr
    assert "word-styles.yaml" in result.stderr


def test_a_mistake_in_the_word_styles_file_names_file_line_and_key(project: Path) -> None:
    styles = project / "templates" / "meeting-record" / "word-styles.yaml"
    styles.write_text(styles.read_text().replace("after: 0\n", "after: 5 furlongs\n", 1))
    result = run_cli("build", "-f", "docx")
    assert result.exit_code == 1
    line = next(
        n for n, text in enumerate(styles.read_text().splitlines(), 1) if "furlongs" in text
    )
    assert f"word-styles.yaml:{line}: styles > Register Label > after:" in result.stderr
    assert "'5 furlongs' is not a length" in result.stderr


# --- one theme file for both outputs -----------------------------------------------------


def _pixels_near(png: Path, rgb: tuple[int, int, int], tolerance: int = 12) -> int:
    with Image.open(png) as image:
        data = image.convert("RGB").tobytes()
    pixels = zip(data[0::3], data[1::3], data[2::3], strict=True)
    return sum(
        1
        for pixel in pixels
        if all(abs(a - b) <= tolerance for a, b in zip(pixel, rgb, strict=True))
    )


def test_one_colour_changed_in_the_theme_changes_the_pdf_and_the_word_styles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project's templates/common/theme.css overrides the built-in one; the built-in
    briefing note, unchanged, prints in the new colour and its Word styles carry it."""
    monkeypatch.chdir(tmp_path)
    theme = (builtin_dir() / "common" / "theme.css").read_text(encoding="utf-8")
    assert "--accent: #1d3f6e;" in theme
    (tmp_path / "templates" / "common").mkdir(parents=True)
    (tmp_path / "templates" / "common" / "theme.css").write_text(
        theme.replace("--accent: #1d3f6e;", "--accent: #c00000;"), encoding="utf-8"
    )
    result = run_cli("build", SEED, "-f", "pdf", "-f", "docx", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output

    png = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile", str(tmp_path / "out" / f"{SEED.stem}.pdf"), str(png)],
        check=True,
    )  # fmt: skip
    assert _pixels_near(png.with_suffix(".png"), (0xC0, 0x00, 0x00)) > 100  # rules, title
    assert _pixels_near(png.with_suffix(".png"), (0x1D, 0x3F, 0x6E)) == 0  # the old navy

    document = docx.Document(str(tmp_path / "out" / f"{SEED.stem}.docx"))
    for name in ("Title", "Heading 1", "Hyperlink", "Table Heading"):
        assert str(document.styles[name].font.color.rgb) == "C00000", name
    fill = document.styles["Summary Box"].element.xpath(".//w:tblPr/w:shd/@w:fill")
    assert fill == ["E9EEF5"]  # --accent-soft was left as it was
