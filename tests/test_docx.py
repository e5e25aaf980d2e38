"""The DOCX writer: the brief a Word user opens says what the HTML (and so the PDF) says.

Everything is checked the way a reader meets it: the text python-docx reads back, in
order; the styles Word shows in its style gallery; numbered lists Word numbers; links
Word follows; page numbers LibreOffice computes when it opens the file.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsmap, qn
from docx.table import Table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from make_brief.errors import RenderError
from make_brief.render.docx import DocxWriter, reference_document
from make_brief.render.formats import BY_NAME, DEFAULT_NAMES
from make_brief.render.job import RenderJob
from make_brief.render.sets import find_template_set

from .conftest import CASES, CONTENT, ROOT, SEED, run_cli
from .facts import facts_of, missing_facts, strip_running_lines

SOURCES = sorted(CONTENT.glob("*.yaml")) + sorted((CASES / "valid").glob("*.yaml"))
TEMPLATE = ROOT / "templates" / "briefing-note"
#: The built-in set's folders and the shared theme's (no project of its own).
ROOTS = find_template_set("briefing-note", ROOT / "no-such-project").asset_roots
# Read at import: the conftest clears CI for each test, but CI decides whether a missing
# LibreOffice is a skip (a laptop) or a failure (CI must run the real check).
IN_CI = os.environ.get("CI", "").lower() == "true"


# --- reading outputs back -----------------------------------------------------------------


def folded(text: str) -> str:
    return " ".join(text.split())


def docx_blocks(document) -> list[str]:
    """Every paragraph's text in document order, table cells included, empty ones left out."""
    found: list[str] = []

    def walk(container) -> None:
        for block in container.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    for cell in row.cells:
                        walk(cell)
            elif text := folded(block.text):
                found.append(text)

    walk(document)
    return found


class _HtmlBlocks(HTMLParser):
    """The HTML's blocks as a browser lays them out: a block element ends the text run
    before it. p.marking is left out: its words go to the page margins, in both outputs."""

    BLOCKS = {"p", "h1", "h2", "h3", "li", "th", "td", "dt", "dd", "div", "section"}
    BLOCKS |= {"header", "main", "ul", "ol", "table", "tr", "dl", "thead", "tbody", "body"}

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.in_body = False

    def flush(self) -> None:
        if text := folded("".join(self.current)):
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.in_body |= tag == "body"
        if tag in self.BLOCKS:
            self.flush()
        if self.skip or (tag == "p" and ("class", "marking") in attrs):
            self.skip += 1
        if tag == "br":
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1
            return
        if tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.in_body and not self.skip:
            self.current.append(data)


def html_blocks(html: str) -> list[str]:
    parser = _HtmlBlocks()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.blocks


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self.tag: str | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("h1", "h2", "h3"):
            self.tag, self.text = tag, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == self.tag:
            self.found.append((tag, folded(self.text)))
            self.tag = None

    def handle_data(self, data: str) -> None:
        if self.tag:
            self.text += data


def html_headings(html: str) -> list[tuple[str, str]]:
    parser = _Headings()
    parser.feed(html)
    return parser.found


def text_of(document) -> str:
    """What a Word user reads: the body, then the header and footer (the marking)."""
    section = document.sections[0]
    margins = [p.text for part in (section.header, section.footer) for p in part.paragraphs]
    return " ".join(docx_blocks(document) + margins)


def paragraphs(document) -> list:
    """Every paragraph of the body, those in table cells included, in order."""
    found = []

    def walk(container) -> None:
        for block in container.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                found.append(block)

    walk(document)
    return found


def num_pr(paragraph) -> tuple[int, int] | None:
    p_pr = paragraph._p.pPr
    if p_pr is None or p_pr.numPr is None:
        return None
    return p_pr.numPr.numId.val, p_pr.numPr.ilvl.val


def number_format(document, num_id: int, level: int) -> str:
    numbering = document.part.numbering_part.element
    num = numbering.num_having_numId(num_id)
    abstract_id = num.abstractNumId.val
    (abstract,) = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]')
    (fmt,) = abstract.xpath(f'./w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val', namespaces=nsmap)
    return fmt


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every content file and valid case built once through the CLI, DOCX and HTML."""
    out = tmp_path_factory.mktemp("docx-build")
    result = run_cli("build", *SOURCES, "--out", out, "-f", "docx", "-f", "html")
    assert result.exit_code == 0, result.output
    return out


def open_built(built: Path, source: Path):
    return docx.Document(str(built / f"{source.stem}.docx"))


def built_html(built: Path, source: Path) -> str:
    return (built / f"{source.stem}.html").read_text(encoding="utf-8")


def job(html: str, **kw) -> RenderJob:
    return RenderJob(
        html=html,
        source=kw.pop("source", Path("x.yaml")),
        base_url=TEMPLATE.as_uri() + "/",
        asset_roots=ROOTS,
        **kw,
    )


def page(body: str, lang: str = "en", direction: str = "ltr") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
        "<title>T</title></head>"
        f'<body data-marking="SECRET" data-reference="REF-1" data-page-label="Page {{page}} of {{pages}}">'
        f"{body}</body></html>"
    )


# --- the writer is registered -------------------------------------------------------------


def test_docx_is_a_format_of_its_own() -> None:
    assert DEFAULT_NAMES == ("pdf", "docx", "html")
    assert BY_NAME["docx"].suffix == ".docx"
    assert isinstance(BY_NAME["docx"].load_writer(), DocxWriter)


def test_docx_alone_builds(tmp_path: Path) -> None:
    result = run_cli("build", SEED, "--out", tmp_path, "-f", "docx")
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.glob(f"{SEED.stem}.*")] == [f"{SEED.stem}.docx"]


# --- parity: the DOCX says what the HTML says, in the same order --------------------------


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_blocks_read_back_equal_the_html(built: Path, source: Path) -> None:
    html = built_html(built, source)
    assert docx_blocks(open_built(built, source)) == html_blocks(html)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_fact_is_in_the_docx(built: Path, source: Path) -> None:
    assert missing_facts(facts_of(source), text_of(open_built(built, source))) == []


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_headings_use_word_heading_styles(built: Path, source: Path) -> None:
    html = built_html(built, source)
    styles = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2"}
    expected = [(styles[tag], text) for tag, text in html_headings(html)]
    found = [
        (p.style.name, folded(p.text))
        for p in open_built(built, source).paragraphs
        if p.style.name in styles.values()
    ]
    assert found == expected


def test_the_writer_alone_gives_the_bytes_the_cli_writes(built: Path) -> None:
    # The DOCX names its content file and its hash (for make-brief import).
    the_source = {
        "source": SEED,
        "source_bytes": SEED.read_bytes(),
        "source_name": SEED.relative_to(ROOT).as_posix(),  # as the project names it
    }
    direct = DocxWriter().render(job(built_html(built, SEED), **the_source)).data
    assert direct == (built / f"{SEED.stem}.docx").read_bytes()


def test_seed_facts_a_reader_looks_for(built: Path) -> None:
    text = text_of(open_built(built, SEED))
    for fact in (
        "WCO intervention at the UN Virtual Counter-Terrorism Week, 6–10 July 2020",
        "Pranab Kumar Das",
        "António Guterres",
        "Customs as a guardian of society's security",
        "Punta Cana Resolution (resolution, WCO, 2015)",
        "10 July 2020",
        "6–10 July 2020",
        "UNOCT UN Office of Counter-Terrorism",
    ):
        assert fact in text


# --- Word structure: styles, lists, tables, links ------------------------------------------


def test_masthead_and_sections_use_named_styles(built: Path) -> None:
    document = open_built(built, SEED)
    style_of: dict[str, str] = {}
    for paragraph in paragraphs(document):  # the first paragraph with each text
        style_of.setdefault(folded(paragraph.text), paragraph.style.name)
    assert style_of["World Customs Organization"] == "Organisation Name"
    assert style_of["Briefing note"] == "Document Type"
    assert style_of["Subject"] == "Subject Label"
    assert style_of["Reference"] == "Memo Label"
    assert style_of["WCO/CF/2020/CT-07"] == "Memo Value"
    assert style_of["Summary"] == "Heading 1"
    assert style_of["Key messages"] == "Heading 2"
    assert style_of["UNOCT"] == "Acronym Term"
    assert style_of["UN Office of Counter-Terrorism"] == "Acronym Definition"
    assert style_of["Customs and the rising threat of bio- and cyber-terrorism in the context of COVID-19"] == "Subtitle"  # fmt: skip
    tables = {t.style.name for t in document.tables}
    assert tables == {"Memo Table", "Summary Box", "Facts Table", "Acronym Table"}


def test_no_direct_formatting_where_a_style_can_do_it(built: Path) -> None:
    body = open_built(built, SEED).element.body
    direct = {"w:b", "w:i", "w:color", "w:sz", "w:rFonts", "w:spacing", "w:jc", "w:ind"}
    for p_pr_or_r_pr in body.iter(qn("w:pPr"), qn("w:rPr")):
        used = {child.tag for child in p_pr_or_r_pr}
        assert not used & {qn(tag) for tag in direct}


def test_theme_comes_from_the_stylesheet(built: Path) -> None:
    styles = open_built(built, SEED).styles
    assert styles["Title"].font.color.rgb == docx.shared.RGBColor.from_string("1D3F6E")
    assert styles["Heading 1"].font.size.pt == 12  # h2 in style.css
    assert styles["Heading 1"].paragraph_format.keep_with_next
    fonts = (
        open_built(built, SEED)
        .styles.element.find(qn("w:docDefaults"))
        .find(".//" + qn("w:rFonts"))
    )
    assert fonts.get(qn("w:ascii")) == "Calibri"  # Carlito's metric twin


def test_a_change_of_theme_changes_the_word_styles_too(tmp_path: Path) -> None:
    """A project's own theme.css and style.css, each overriding the built-in file."""
    templates = tmp_path / "templates"
    (templates / "common").mkdir(parents=True)
    theme = (ROOT / "templates" / "common" / "theme.css").read_text(encoding="utf-8")
    (templates / "common" / "theme.css").write_text(
        theme.replace("--accent: #1d3f6e;", "--accent: #aa0000;"), encoding="utf-8"
    )
    (templates / "briefing-note").mkdir()
    css = (TEMPLATE / "style.css").read_text(encoding="utf-8")
    css += "\nh2 { font-size: 14pt; text-transform: uppercase; }\n@page { size: letter; }\n"
    (templates / "briefing-note" / "style.css").write_text(css, encoding="utf-8")
    template_set = find_template_set("briefing-note", templates)
    theme_job = RenderJob(
        html=page("<h1>T</h1><h2>S</h2>"),
        source=Path("x.yaml"),
        base_url=template_set.folders[0].as_uri() + "/",
        asset_roots=template_set.asset_roots,
    )
    document = docx.Document(io.BytesIO(DocxWriter().render(theme_job).data))
    red = docx.shared.RGBColor.from_string("AA0000")
    assert document.styles["Title"].font.color.rgb == red
    assert document.styles["Hyperlink"].font.color.rgb == red
    assert document.styles["Heading 1"].font.size.pt == 14
    assert document.styles["Heading 1"].font.all_caps
    assert document.sections[0].page_width.inches == pytest.approx(8.5, abs=0.01)


def test_lists_are_numbered_by_word_and_restart(built: Path) -> None:
    document = open_built(built, SEED)
    by_text = {folded(p.text): p for p in paragraphs(document)}
    summary_item = by_text[next(t for t in by_text if t.startswith("The World Customs Organization (WCO) took part"))]  # fmt: skip
    assert summary_item.style.name == "List Bullet"
    num_id, level = num_pr(summary_item)
    assert number_format(document, num_id, level) == "bullet"

    message = by_text["The WCO's work on counter-terrorism"]
    step = by_text[next(t for t in by_text if t.startswith("Review national risk profiles"))]
    for item in (message, step):
        num_id, level = num_pr(item)
        assert number_format(document, num_id, level) == "decimal"
    assert num_pr(message)[0] != num_pr(step)[0]  # each list its own instance...
    for item in (message, step):  # ...that starts at 1
        num = document.part.numbering_part.element.num_having_numId(num_pr(item)[0])
        assert num.xpath("./w:lvlOverride/w:startOverride/@w:val") == ["1"]
    assert message.style.name == "Message Heading"

    nested = by_text[next(t for t in by_text if t.startswith("Operation STOP, launched"))]
    assert nested.style.name == "List Bullet 2"
    assert num_pr(nested)[1] == 1


def test_later_paragraphs_of_an_item_continue_it(built: Path) -> None:
    by_text = {folded(p.text): p for p in paragraphs(open_built(built, SEED))}
    text = by_text[next(t for t in by_text if t.startswith("Mr. Das outlined"))]
    assert text.style.name == "List Continue"
    assert num_pr(text) is None


def test_hyperlinks_are_real_word_links(built: Path) -> None:
    for source, target in [
        (SEED, "https://www.wcoomd.org/en/media/newsroom.aspx"),
        (CASES / "valid" / "full.yaml", "mailto:maria.santos@example.org"),
    ]:
        document = open_built(built, source)
        links = {link.address: link for p in paragraphs(document) for link in p.hyperlinks}
        assert target in links
        assert links[target].runs[0].style.name == "Hyperlink"
        rels = [r for r in document.part.rels.values() if r.reltype == RT.HYPERLINK]
        assert all(r.is_external for r in rels)


def test_only_web_and_mail_links_become_links(built: Path) -> None:
    for source in SOURCES:
        rels = open_built(built, source).part.rels.values()
        targets = [r.target_ref for r in rels if r.reltype == RT.HYPERLINK]
        assert all(t.startswith(("http://", "https://", "mailto:")) for t in targets), targets


def test_data_tables_repeat_their_header_and_rows_do_not_split(built: Path) -> None:
    document = open_built(built, CASES / "valid" / "full.yaml")
    (table,) = [t for t in document.tables if t.style.name == "Data Table"]
    rows = table._tbl.tr_lst
    assert rows[0].trPr.find(qn("w:tblHeader")) is not None
    assert all(row.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    assert all(row.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])
    assert [c.text for c in table.rows[0].cells] == ["Administration", "2022", "2023"]


# --- every page: marking, reference, page X of Y --------------------------------------------


def field_codes(part_element) -> list[str]:
    return [t.text.strip() for t in part_element.iter(qn("w:instrText"))]


def test_header_and_footer_carry_marking_reference_and_page_fields(built: Path) -> None:
    section = open_built(built, SEED).sections[0]
    assert [p.text for p in section.header.paragraphs] == ["UNCLASSIFIED"]
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("WCO/CF/2020/CT-07\tUNCLASSIFIED\tPage ")
    assert " of " in footer.text
    assert field_codes(section.footer._element) == ["PAGE", "NUMPAGES"]
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.page_height.mm == pytest.approx(297, abs=0.1)
    assert section.left_margin.mm == pytest.approx(20, abs=0.1)  # @page { margin }
    assert section.right_margin.mm == pytest.approx(20, abs=0.1)


def test_page_label_in_the_brief_language(tmp_path: Path) -> None:
    source = tmp_path / "note.yaml"
    source.write_text(
        SEED.read_text(encoding="utf-8").replace("language: en", "language: fr"),
        encoding="utf-8",
    )
    result = run_cli("build", source, "--out", tmp_path, "-f", "docx")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "note.docx"))
    footer = document.sections[0].footer.paragraphs[0]
    assert "Page 1 sur 1" in footer.text  # the placeholders Word replaces
    assert "10 juillet 2020" in text_of(document)
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "fr-FR"
    assert document.core_properties.language == "fr"


# --- properties and bytes ---------------------------------------------------------------


def test_core_properties(built: Path) -> None:
    props = open_built(built, SEED).core_properties
    assert (
        props.title == "WCO intervention at the UN Virtual Counter-Terrorism Week, 6–10 July 2020"
    )
    assert props.subject.startswith("Customs and the rising threat")
    assert props.author == "World Customs Organization"
    assert "Operation STOP" in props.keywords
    assert props.language == "en"
    assert props.created.isoformat().startswith("2020-07-10T00:00:00")
    assert props.modified == props.created
    assert props.last_modified_by == "World Customs Organization"
    assert props.revision == 1
    assert props.comments == ""  # not python-docx's "generated by python-docx"


def test_source_date_epoch_sets_the_dates(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = run_cli("build", SEED, "--out", tmp_path, "-f", "docx")
    assert result.exit_code == 0, result.output
    props = docx.Document(str(tmp_path / f"{SEED.stem}.docx")).core_properties
    assert props.created.isoformat().startswith("2023-11-14T22:13:20")


def test_same_input_same_bytes(tmp_path: Path) -> None:
    digests = []
    for run in ("one", "two"):
        out = tmp_path / run
        result = run_cli("build", SEED, "--out", out, "-f", "docx")
        assert result.exit_code == 0, result.output
        digests.append(hashlib.sha256((out / f"{SEED.stem}.docx").read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    with zipfile.ZipFile(tmp_path / "one" / f"{SEED.stem}.docx") as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert "docProps/thumbnail.jpeg" not in [info.filename for info in infos]


# --- what the writer refuses, and what it keeps literally -------------------------------------


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("<video src='x.mp4'></video>", "<video>"),
        ("<p class='fancy'>x</p>", 'class="fancy"'),
        ("<section><h4>deep</h4></section>", "<h4>"),
        ("<p>a <b>bold</b></p>", "<b>"),
        ("<p style='color:red'>x</p>", "style attribute"),
        ("<table><tr><td colspan='2'>x</td></tr></table>", "colspan"),
        ("<ul><p>not an item</p></ul>", "only <li>"),
    ],
)
def test_html_outside_the_subset_is_an_error_naming_it(body: str, named: str) -> None:
    with pytest.raises(RenderError, match="docx: ") as caught:
        DocxWriter().render(job(page(body)))
    assert named in str(caught.value)
    assert "docs/template-authors.md" in str(caught.value)


def _png(width: int, height: int) -> bytes:
    """A tiny grey PNG, written by hand so the test needs no imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")  # fmt: skip


def test_the_logo_is_placed_at_the_css_height(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png(40, 20))
    html = page(f"<div class='organisation'><img class='logo' src='{logo.as_uri()}' alt='WCO'><p class='organisation-name'>WCO</p></div>")  # fmt: skip
    document = render(html, extra_files=(logo,))
    (shape,) = document.inline_shapes
    assert shape.height.mm == pytest.approx(11, abs=0.1)  # .logo { height: 11mm }
    assert shape._inline.docPr.get("descr") == "WCO"
    assert [p.style.name for p in document.paragraphs] == ["Logo", "Organisation Name"]


@pytest.mark.parametrize(
    "src", ["file:///etc/hostname", "https://example.org/logo.png", "../x.png"]
)
def test_images_outside_the_template_are_refused(src: str) -> None:
    with pytest.raises(RenderError, match="only its own files"):
        DocxWriter().render(job(page(f"<p><img src='{src}' alt=''></p>")))


def test_hostile_text_comes_back_literally(built: Path) -> None:
    source = CASES / "valid" / "hostile.yaml"
    document = open_built(built, source)
    text = text_of(document)
    for literal in (
        "<b>bold tag</b>",
        "{{ 7*7 }}",
        "<w:p><w:r><w:t>injected</w:t></w:r></w:p> & \"quotes\" 'single'",
        '<w:t xml:space="preserve">Word XML</w:t>',
        "<script>alert('x')</script>",
    ):
        assert literal in text
    assert "49" not in text.split()  # the template never evaluated content
    headings = [p for p in document.paragraphs if p.style.name == "Title"]
    assert [folded(p.text) for p in headings] == [
        "<script>alert('x')</script> {{ 7*7 }} {% include '/etc/passwd' %}"
    ]


def render(html: str, **kw) -> docx.document.Document:
    return docx.Document(io.BytesIO(DocxWriter().render(job(html, **kw)).data))


_words = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Co", "Cn")), min_size=1, max_size=60
).map(str.strip)
_brief = st.fixed_dictionaries(
    {"title": _words.filter(bool), "date": st.just("2020-01-01"), "summary": _words.filter(bool)},
    optional={
        "subtitle": _words.filter(bool),
        "reference": _words.filter(bool),
        "background": _words.filter(bool),
        "next_steps": st.lists(_words.filter(bool), max_size=3),
    },
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_brief)
def test_any_text_reads_back_in_order(data: dict) -> None:
    """Whatever Unicode a valid brief holds, the DOCX reads back as the HTML, in order."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.yaml"
        yaml = YAML()
        yaml.default_style = '"'  # every scalar quoted: the strategy makes text, not YAML
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
        out = Path(folder) / "out"
        result = run_cli("build", path, "--out", out, "-f", "docx", "-f", "html")
        if "cannot be rendered" in result.output:
            raise AssertionError(result.output)
        if result.exit_code != 0:
            return  # refused by the content rules, not by the writer
        document = docx.Document(str(out / "b.docx"))
        html = (out / "b.html").read_text(encoding="utf-8")
        assert docx_blocks(document) == html_blocks(html)
        assert missing_facts(facts_of(path), text_of(document)) == []


def test_words_and_spaces_as_a_browser_shows_them() -> None:
    document = render(
        page("<p>  one\n  <strong>two</strong>  <em>three</em>&nbsp;four<br>  five </p>")
    )
    (paragraph,) = document.paragraphs
    assert paragraph.text == "one two three\u00a0four\nfive"
    styles = {run.text.strip(): run.style.name for run in paragraph.runs if run.text.strip()}
    assert styles["two"] == "Strong" and styles["three"] == "Emphasis"


def test_unsafe_link_targets_stay_text() -> None:
    html = page("<p><a href='javascript:alert(1)'>js</a> <a href='file:///etc/passwd'>f</a></p>")
    document = render(html)
    assert document.paragraphs[0].text == "js f"
    assert document.paragraphs[0].hyperlinks == []


# --- right to left, the reference document ------------------------------------------------------


def test_right_to_left_paragraphs_and_tables() -> None:
    html = page(
        "<h2>ملخص</h2><p>نص</p><table class='facts'><tr><th>أ</th><td>ب</td></tr></table>",
        lang="ar",
        direction="rtl",
    )
    document = render(html)
    body = document.element.body
    assert all(p.pPr.find(qn("w:bidi")) is not None for p in body.iter(qn("w:p")))
    assert body.find(f"{qn('w:tbl')}/{qn('w:tblPr')}/{qn('w:bidiVisual')}") is not None
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:bidi")) == "ar-EG"


def test_a_reference_document_s_styles_win(tmp_path: Path) -> None:
    reference = docx.Document()
    reference.styles["Heading 1"].font.color.rgb = docx.shared.RGBColor(0xC0, 0, 0)
    reference.add_paragraph("Template body text that must not appear")
    path = tmp_path / "house.docx"
    reference.save(str(path))
    html = page("<h2>Summary</h2><p class='subject-label'>Subject</p><p>Body</p>")
    document = render(html, reference_docx=path)
    assert document.styles["Heading 1"].font.color.rgb == docx.shared.RGBColor(0xC0, 0, 0)
    assert "Subject Label" in document.styles  # added: the reference lacked it
    assert [p.text for p in document.paragraphs] == ["Summary", "Subject", "Body"]


def test_an_unreadable_reference_is_a_render_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(RenderError, match="reference document"):
        DocxWriter().render(job(page("<p>x</p>"), reference_docx=path))


@pytest.mark.parametrize(
    ("target", "reltype"),
    [
        ("file:///etc/passwd", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"),
        ("http://evil.example/t.dotm", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"),
    ],
)  # fmt: skip
def test_a_reference_pointing_outside_its_file_is_refused(
    tmp_path: Path, target: str, reltype: str
) -> None:
    """Word fetches an external template or image when a document opens: every brief
    made from such a reference would call home. It was an exit 3 before."""
    reference = docx.Document()
    reference.part.relate_to(target, reltype, is_external=True)
    path = tmp_path / "reference.docx"
    reference.save(path)
    with pytest.raises(RenderError, match=f"points outside the file .*{target}"):
        DocxWriter().render(job(page("<p>x</p>"), reference_docx=path))


def test_the_generated_reference_holds_every_style(built: Path) -> None:
    document = docx.Document(io.BytesIO(reference_document(job(built_html(built, SEED)))))
    for name in (
        "Title",
        "Subtitle",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "List Bullet",
        "List Number",
        "Marking",
        "Memo Label",
        "Summary Box",
        "Acronym Term",
        "Hyperlink",
    ):
        assert name in document.styles
    assert docx_blocks(document) == []


# --- a real Word-compatible client ---------------------------------------------------------------


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def converted(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every DOCX built above, opened and printed to PDF by LibreOffice."""
    soffice = _soffice()
    if soffice is None:
        if IN_CI:
            pytest.fail("LibreOffice (soffice) is not installed; CI must run this check")
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("libreoffice")
    profile = tmp_path_factory.mktemp("lo-profile")
    files = [str(built / f"{s.stem}.docx") for s in SOURCES]
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless"]
        + ["--convert-to", "pdf", "--outdir", str(out), *files],
        capture_output=True,
        timeout=120,
        check=False,  # it exits 0 even when it fails: the PDFs are the evidence
    )
    return out


def _body_attributes(html: str) -> dict[str, str]:
    class Body(HTMLParser):
        attrs: dict[str, str] = {}

        def handle_starttag(self, tag: str, attrs: list) -> None:
            if tag == "body":
                self.attrs = {name: value or "" for name, value in attrs}

    parser = Body()
    parser.feed(html)
    return parser.attrs


def _layout_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")))  # fmt: skip


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_libreoffice_opens_it_with_every_fact_and_computed_page_numbers(
    source: Path, built: Path, converted: Path
) -> None:
    pdf = converted / f"{source.stem}.pdf"
    assert pdf.is_file(), f"LibreOffice did not convert {source.stem}.docx"
    # pdftotext marks right-to-left runs with bidi embedding controls; drop them.
    text = re.sub("[\u202a-\u202e\u2066-\u2069]", "", _layout_text(pdf))
    pages = _pages(pdf)
    assert pages >= 1
    html = built_html(built, source)
    rtl = 'dir="rtl"' in html.split("<head>", 1)[0]  # Arabic, whatever the brief's type
    body_attrs = _body_attributes(html)
    label = body_attrs["data-page-label"]  # "Page {page} of {pages}" in the brief's language
    counters = [label.format(page=n, pages=pages) for n in range(1, pages + 1)]
    if rtl:
        # Visual order scrambles "الصفحة 1 من 2" on extraction; count the footers instead.
        assert text.count(label.split("{page}")[0].strip()) == pages
    else:
        assert counters[0] in text  # e.g. "Page 1 of 4", N being the real page count
        assert counters[-1] in text
    running = [body_attrs["data-marking"], body_attrs["data-reference"], *counters]
    body = strip_running_lines(text, *(line for line in running if line))
    if rtl:
        # Extraction returns mixed right-to-left and left-to-right runs in visual order,
        # so sentences cannot be compared; the DOCX itself is checked sentence by
        # sentence above (python-docx reads the logical text).
        return
    # A cell that wraps in a table of several columns is interleaved with its neighbours
    # in the page's layout; the reading order (no -layout) keeps each cell whole.
    plain = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    reading = strip_running_lines(plain, *(line for line in running if line))
    missing = missing_facts(facts_of(source), body, reading, text)  # the marking is a fact too
    assert missing == []


def test_a_table_row_without_cells_is_an_error_not_a_crash(tmp_path: Path) -> None:
    from make_brief.errors import RenderError
    from make_brief.render.docx import DocxWriter
    from make_brief.render.job import RenderJob

    html = (
        "<!DOCTYPE html><html lang='en'><head><title>T</title></head>"
        "<body data-marking='M' data-reference='' data-page-label='Page {page} of {pages}'>"
        "<main><table><tr><p>x</p></tr></table></main></body></html>"
    )
    job = RenderJob(
        html=html, source=Path("x.yaml"), base_url=tmp_path.as_uri() + "/", asset_roots=(tmp_path,)
    )
    with pytest.raises(RenderError, match="rows without cells"):
        DocxWriter().render(job)


def test_a_set_without_a_word_styles_file_takes_no_classes(tmp_path: Path) -> None:
    """Elements without a class are the writer's to map; a class needs the set's file."""
    bare = RenderJob(
        html=page("<h1>T</h1><p>plain</p><p class='lead'>x</p>"),
        source=Path("x.yaml"),
        base_url=tmp_path.as_uri() + "/",
        asset_roots=(tmp_path,),
    )
    with pytest.raises(
        RenderError, match=r'<p class="lead">.*no word-styles.yaml declaring p.lead'
    ):
        DocxWriter().render(bare)
    plain = RenderJob(**{**bare.__dict__, "html": page("<h1>T</h1><p>plain</p>")})
    document = docx.Document(io.BytesIO(DocxWriter().render(plain).data))
    assert [p.style.name for p in document.paragraphs] == ["Title", "Normal"]


def test_data_columns_take_their_width_from_their_text() -> None:
    """As the PDF's automatic layout: no column narrower than its longest word, the rest
    shared by how long each column's text runs; widths: gives the proportions as written."""
    from make_brief.render.docx.widths import from_content, from_weights

    rows = [(True, ["Item", "Date", "Decision"])] + [
        (False, [str(i), "2023-09-30", "Adopt the revised guidance and report back " * 2])
        for i in range(1, 40)
    ]
    item, date, decision = from_content(rows, 3, 170, 9.5, 3)
    assert item < date < decision
    assert item + date + decision == pytest.approx(170)
    assert date >= len("2023-09-30") * 0.5 * 9.5 * 25.4 / 72  # the date on one line
    assert from_weights([3, 1, 1, 5], 170) == pytest.approx([51, 17, 17, 85])
