"""``make-brief import``: edits made to a built DOCX, in python-docx and in LibreOffice,
come back into the content file they belong to; what cannot is said by its place."""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from ruamel.yaml import YAML

from .conftest import CASES, CONTENT, run_cli

FULL = CASES / "valid" / "full.yaml"
SEED = CONTENT / "wco-un-counter-terrorism-week-2020.yaml"
BRIEFS = sorted((CASES / "valid").glob("*.yaml")) + sorted(CONTENT.glob("*.yaml"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder, the current one, with every valid brief in content/."""
    (tmp_path / "content").mkdir()
    for brief in BRIEFS:
        shutil.copy(brief, tmp_path / "content" / brief.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build(name: str) -> Path:
    result = run_cli("build", f"content/{name}", "--out", "build", "-f", "docx")
    assert result.exit_code == 0, result.output
    return Path("build") / name.replace(".yaml", ".docx")


def value(name: str, *path: str | int) -> object:
    node = YAML(typ="safe").load(Path("content", name).read_text(encoding="utf-8"))
    for part in path:
        node = node[part]
    return node


# Editing a DOCX as Word would: through python-docx and its XML.


def field_paragraph(document: object, field: str) -> Paragraph:
    """The first paragraph of the field whose bookmark is ``_mb_<field>``."""
    for p in document.element.body.iter(qn("w:p")):
        for start in p.iter(qn("w:bookmarkStart")):
            if start.get(qn("w:name")) == f"_mb_{field}":
                return Paragraph(p, document._body)
    raise AssertionError(f"no bookmark for {field}")


def set_runs(paragraph: Paragraph, *runs: tuple[str, str]) -> None:
    """Replace the paragraph's words, its bookmarks kept; runs are (text, 'b'|'i'|'')."""
    for child in list(paragraph._p):
        if child.tag in (qn("w:r"), qn("w:hyperlink")):
            paragraph._p.remove(child)
    end = next(iter(paragraph._p.findall(qn("w:bookmarkEnd"))), None)
    for text, marks in runs:
        run = paragraph.add_run(text)
        run.bold = "b" in marks or None
        run.italic = "i" in marks or None
        if end is not None:  # words go inside the field's bookmark
            end.addprevious(run._r)


def edit(path: Path, change) -> Path:
    document = docx.Document(str(path))
    change(document)
    out = path.with_name("edited.docx")
    document.save(str(out))
    return out


def do_import(*args: str | Path):
    return run_cli("import", *[str(a) for a in args])


# The round trip with no edit.


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda p: p.stem)
def test_an_unedited_docx_imports_to_the_same_bytes(project: Path, brief: Path) -> None:
    built = build(brief.name)
    before = (project / "content" / brief.name).read_bytes()
    result = do_import(built)
    assert result.exit_code == 0, result.output
    assert "unchanged" in result.stdout
    assert (project / "content" / brief.name).read_bytes() == before


# Edits made with python-docx.


def test_edited_text_keeps_bold_italic_and_links_and_the_yaml_around_it(project: Path) -> None:
    source = project / "content" / SEED.name
    lines = source.read_text(encoding="utf-8").splitlines()

    def change(d):
        set_runs(field_paragraph(d, "purpose"), ("To brief the Heads ", ""), ("now", "b"),
                 (" on the ", ""), ("week", "i"), (".", ""))  # fmt: skip

    result = do_import(edit(build(SEED.name), change))
    assert result.exit_code == 0, result.output
    assert value(SEED.name, "purpose").strip() == "To brief the Heads **now** on the *week*."
    after = source.read_text(encoding="utf-8").splitlines()
    # Every other line as it was: the comments at the top, the folded text below.
    changed = [line for line in after if line not in lines]
    assert changed == ["  To brief the Heads **now** on the *week*."]
    assert after[:12] == lines[:12]


def test_a_link_comes_back_as_markdown(project: Path) -> None:
    def change(d):
        p = field_paragraph(d, "purpose")
        set_runs(p, ("See ", ""))
        from make_brief.render.docx.links import add_hyperlink

        link = add_hyperlink(p, "https://example.org/a")
        r = p.add_run("the report")._r
        link.append(r)
        p._p.remove(link)
        p._p.find(qn("w:bookmarkEnd")).addprevious(link)

    assert do_import(edit(build(SEED.name), change)).exit_code == 0
    assert value(SEED.name, "purpose").strip() == "See [the report](https://example.org/a)"


def test_list_items_removed_reordered_and_added(project: Path) -> None:
    name = SEED.name
    steps = value(name, "next_steps")
    people = value(name, "participants")

    def change(d):
        first, third = field_paragraph(d, "next_steps__0"), field_paragraph(d, "next_steps__2")
        third._p.addnext(first._p)  # step 1 now after step 3
        last = field_paragraph(d, "next_steps__3")
        last._p.getparent().remove(last._p)  # step 4 removed
        # a new participant, typed as a copy of the last one's paragraph in Word
        guest = field_paragraph(d, "participants__2")
        new = copy.deepcopy(guest._p)
        for b in list(new.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd"))):
            new.remove(b)
        guest._p.addprevious(new)
        p = Paragraph(new, d._body)
        set_runs(p, ("Ms. ", ""), ("Ana Lima", "b"), (", Adviser, Brazil Customs", ""))

    result = do_import(edit(build(name), change))
    assert result.exit_code == 0, result.output
    assert [s.split()[0] for s in value(name, "next_steps")] == [
        steps[1].split()[0], steps[2].split()[0], steps[0].split()[0]
    ]  # fmt: skip
    found = value(name, "participants")
    assert found[:2] == people[:2] and found[3] == people[2]
    assert found[2] == {"honorific": "Ms.", "name": "Ana Lima", "role": "Adviser",
                        "organization": "Brazil Customs"}  # fmt: skip


def test_a_key_message_added_and_its_heading_edited(project: Path) -> None:
    name = FULL.name
    build(name)

    def change(d):
        heading = field_paragraph(d, "key_messages__0__heading")
        set_runs(heading, ("Advance data matters most", "b"))
        last = field_paragraph(d, "key_messages__1__text")
        new = copy.deepcopy(last._p)
        for b in list(new.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd"))):
            new.remove(b)
        last._p.addprevious(new)
        set_runs(Paragraph(new, d._body), ("Postal data needs work.", ""))

    result = do_import(edit(Path("build/full.docx"), change))
    assert result.exit_code == 0, result.output
    messages = value(name, "key_messages")
    assert messages[0]["heading"] == "Advance data matters most"
    assert messages[0]["text"].startswith("Electronic advance data")
    assert [m if isinstance(m, str) else m["text"] for m in messages[1:]] == [
        "Postal data needs work.", "Risk engines need feedback from inspections."
    ]  # fmt: skip


def test_annex_table_cells_and_rows(project: Path) -> None:
    def change(d):
        table = next(t for t in d.tables if t.rows[0].cells[0].text == "Administration")
        table.rows[1].cells[0].paragraphs[0].runs[0].text = "Kenya (KRA)"
        tr = table.rows[3]._tr
        tr.getparent().remove(tr)  # Tanzania removed

    result = do_import(edit(build(FULL.name), change))
    assert result.exit_code == 0, result.output
    assert value(FULL.name, "annexes", 0, "table", "rows") == [
        ["Kenya (KRA)", 1200000, 2450000], ["Uganda", 310000, 590000]
    ]  # fmt: skip


# The other types of brief.


def _retype(document: object, **texts: str) -> None:
    for field, text in texts.items():
        set_runs(field_paragraph(document, field), (text, ""))


def test_talking_points_edits_come_back(project: Path) -> None:
    name = "talking-points-en.yaml"
    texts = {"points__0__text": "Point one, edited.", "points__0__facts__1": "A fact, edited.",
             "if_asked__1__question": "Why now?", "avoid__0": "Do not guess.",
             "objective": "To open the forum."}  # fmt: skip
    result = do_import(edit(build(name), lambda d: _retype(d, **texts)))
    assert result.exit_code == 0, result.output
    assert value(name, "points", 0, "text") == "Point one, edited."
    assert value(name, "points", 0, "facts", 1) == "A fact, edited."
    assert value(name, "if_asked", 1, "question") == "Why now?"
    assert value(name, "avoid", 0) == "Do not guess."
    assert value(name, "objective").strip() == "To open the forum."


def test_meeting_report_edits_come_back(project: Path) -> None:
    name = "meeting-report-es.yaml"
    before = value(name, "agenda")
    built = build(name)
    present = {
        s.get(qn("w:name"))
        for s in docx.Document(str(built)).element.body.iter(qn("w:bookmarkStart"))
    }
    assert "_mb_agenda__0__title" in present and "_mb_agenda__0__discussion" in present
    texts = {"agenda__0__title": "Calendario revisado", "agenda__0__discussion": "Nueva discusión."}
    if "_mb_agenda__0__decisions__0" in present:
        texts["agenda__0__decisions__0"] = "Nueva decisión."
    action = next((f[4:] for f in sorted(present) if f.endswith("__who")), None)
    if action:
        texts[action] = "Secretaría"
    result = do_import(edit(built, lambda d: _retype(d, **texts)))
    assert result.exit_code == 0, result.output
    agenda = value(name, "agenda")
    assert agenda[0]["title"] == "Calendario revisado"
    assert agenda[0]["discussion"].strip() == "Nueva discusión."
    if "agenda__0__decisions__0" in texts:
        assert agenda[0]["decisions"][0] == "Nueva decisión."
    if action:
        _, i, _, j, _ = action.split("__")
        assert agenda[int(i)]["actions"][int(j)]["who"] == "Secretaría"
    assert agenda[1:] == before[1:] or action


# Comments and tracked changes.


def test_comments_are_printed_at_their_field_never_written(project: Path) -> None:
    def change(d):
        p = field_paragraph(d, "background")
        d.add_comment(p.runs, text="Is this still true?", author="Ana Reviewer")

    before = Path("content", SEED.name).read_bytes()
    result = do_import(edit(build(SEED.name), change))
    assert result.exit_code == 0, result.output
    line = before.decode().splitlines().index("background: |") + 1
    assert (
        f"content/{SEED.name}:{line}: comment by Ana Reviewer on background: Is this still true?"
        in result.stdout
    )
    assert Path("content", SEED.name).read_bytes() == before


def test_pending_tracked_changes_are_applied_and_listed(project: Path) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def change(d):
        p = field_paragraph(d, "purpose")
        ins = etree.fromstring(
            f'<w:ins xmlns:w="{w}" w:id="901" w:author="Ana" w:date="2024-01-01T00:00:00Z">'
            '<w:r><w:t xml:space="preserve"> Urgent.</w:t></w:r></w:ins>'
        )
        p._p.find(qn("w:bookmarkEnd")).addprevious(ins)
        run = p.runs[0]._r
        text = run.find(qn("w:t")).text
        first, rest = text.split(" ", 1)
        run.find(qn("w:t")).text = rest
        deleted = etree.fromstring(
            f'<w:del xmlns:w="{w}" w:id="902" w:author="Ben" w:date="2024-01-01T00:00:00Z">'
            f'<w:r><w:delText xml:space="preserve">{first} </w:delText></w:r></w:del>'
        )
        run.addprevious(deleted)

    result = do_import(edit(build(SEED.name), change))
    assert result.exit_code == 0, result.output
    purpose = value(SEED.name, "purpose")
    assert purpose.startswith("inform Heads") and purpose.strip().endswith("Urgent.")
    assert "tracked change in purpose: insertion by Ana: ' Urgent.', kept" in result.stdout
    assert "tracked change in purpose: deletion by Ben: 'To ', applied" in result.stdout


def test_a_pending_deletion_of_a_whole_item_removes_it(project: Path) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def change(d):
        p = field_paragraph(d, "next_steps__1")
        for run in p.runs:
            deleted = etree.SubElement(
                p._p, f"{{{w}}}del", {f"{{{w}}}id": "950", f"{{{w}}}author": "Ben"}
            )
            run._r.addprevious(deleted)
            deleted.append(run._r)
            for t in run._r.findall(qn("w:t")):
                t.tag = qn("w:delText")

    result = do_import(edit(build(FULL.name), change))
    assert result.exit_code == 0, result.output
    assert value(FULL.name, "next_steps") == ["Approve the follow-up plan by **30 April 2024**."]
    assert (
        "tracked change in next_steps[1]: deletion by Ben: 'Nominate a focal point.', applied"
        in result.stdout
    )


# What cannot be mapped.


def test_a_paragraph_outside_any_field_is_refused_with_its_place(project: Path) -> None:
    def change(d):
        heading = next(p for p in d.paragraphs if p.text == "Background")
        heading.insert_paragraph_before("A thought typed between two sections.")
        field_paragraph(d, "purpose").runs[0].text = "Edited purpose."

    before = Path("content", SEED.name).read_bytes()
    edited = edit(build(SEED.name), change)
    result = do_import(edited)
    assert result.exit_code == 1
    assert (
        f"{edited}: page 1, after 'Other participants' item 3: a new paragraph outside any "
        "field; add it to participants or background"
    ) in result.stderr
    assert "Traceback" not in result.output
    assert Path("content", SEED.name).read_bytes() == before
    forced = do_import(edited, "--force")
    assert forced.exit_code == 1
    assert value(SEED.name, "purpose").strip().startswith("Edited purpose.")


def test_a_table_and_an_image_added_by_hand_are_refused(project: Path) -> None:
    def change(d):
        d.add_table(rows=2, cols=2).cell(0, 0).text = "Mine"

    result = do_import(edit(build(SEED.name), change))
    assert result.exit_code == 1
    assert "a table added by hand; the content format holds tables only in annexes" in result.stderr


def test_check_prints_the_diff_and_writes_nothing(project: Path) -> None:
    def change(d):
        set_runs(field_paragraph(d, "title"), ("A new title", ""))

    before = Path("content", FULL.name).read_bytes()
    result = do_import(edit(build(FULL.name), change), "--check")
    assert result.exit_code == 0, result.output
    assert "-title: Regional workshop on e-commerce risk management" in result.stdout
    assert "+title: A new title" in result.stdout
    assert Path("content", FULL.name).read_bytes() == before


def test_a_docx_make_brief_did_not_write_is_refused(project: Path) -> None:
    other = project / "other.docx"
    document = docx.Document()
    document.add_paragraph("Hello")
    document.save(str(other))
    result = do_import(other)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{other}: was not written by make-brief")
    assert "Traceback" not in result.output


def test_a_docx_of_several_briefs_is_refused(project: Path) -> None:
    """A briefing book binds the DOCX of several briefs: each one's fields, one name."""
    first, second = build(FULL.name), build("minimal.yaml")

    def change(d):
        body = d.element.body
        for child in docx.Document(str(second)).element.body:
            if child.tag != qn("w:sectPr"):
                body.append(copy.deepcopy(child))

    result = do_import(edit(first, change))
    assert result.exit_code == 1
    assert "holds the fields of several briefs (a briefing book?)" in result.stderr


def test_a_content_file_changed_since_the_build_is_refused(project: Path) -> None:
    def change(d):
        set_runs(field_paragraph(d, "title"), ("A new title", ""))

    edited = edit(build(FULL.name), change)
    source = Path("content", FULL.name)
    source.write_text(source.read_text(encoding="utf-8") + "# later\n", encoding="utf-8")
    result = do_import(edited)
    assert result.exit_code == 1
    assert "changed since edited.docx was built from it" in result.stderr
    forced = do_import(edited, "--force")
    assert forced.exit_code == 0, forced.output
    assert "conflict: content/full.yaml:6: title:" in forced.stderr
    assert value(FULL.name, "title") == "A new title"


# The whole loop: build, edit, import, build again.


def test_build_edit_import_build_shows_the_edit(project: Path) -> None:
    def change(d):
        set_runs(field_paragraph(d, "background"), ("Volumes tripled since 2019.", ""))

    do_import(edit(build(FULL.name), change))
    result = run_cli("build", f"content/{FULL.name}", "--out", "again", "-f", "docx", "-f", "pdf")
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document("again/full.docx").paragraphs)
    assert "Volumes tripled since 2019." in text
    if shutil.which("pdftotext"):
        pdf = subprocess.run(["pdftotext", "again/full.pdf", "-"], capture_output=True, text=True)
        assert "Volumes tripled since 2019." in pdf.stdout


# Edits made by LibreOffice: DOCX -> ODT, the ODT's text changed, ODT -> DOCX.


def _soffice(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["soffice", "--headless", *args], cwd=cwd, capture_output=True, timeout=180, check=False
    )


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_edits_made_through_libreoffice_come_back(project: Path, tmp_path_factory) -> None:
    built = build(FULL.name)
    work = tmp_path_factory.mktemp("lo")
    shutil.copy(built, work / "full.docx")
    profile = f"-env:UserInstallation=file://{work / 'profile'}"
    _soffice(profile, "--convert-to", "odt", "full.docx", cwd=work)
    odt = work / "full.odt"
    assert odt.exists(), "LibreOffice did not convert the DOCX"
    with zipfile.ZipFile(odt) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    xml = parts["content.xml"].decode()
    assert "Nominate a focal point." in xml
    parts["content.xml"] = xml.replace(
        "Nominate a focal point.", "Nominate two focal points."
    ).encode()
    edited = work / "edited" / "full.odt"
    edited.parent.mkdir()
    with zipfile.ZipFile(edited, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), parts.pop("mimetype"))
        for name, data in parts.items():
            package.writestr(name, data, zipfile.ZIP_DEFLATED)
    _soffice(profile, "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "back"),
             str(edited), cwd=work)  # fmt: skip
    back = work / "back" / "full.docx"
    assert back.exists(), "LibreOffice did not convert the ODT back"
    result = do_import(back, "-o", "content/full.yaml")
    assert result.exit_code == 0, result.output
    assert value(FULL.name, "next_steps") == [
        "Approve the follow-up plan by **30 April 2024**.", "Nominate two focal points."
    ]  # fmt: skip


_ODF = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def _through_libreoffice(built: Path, work: Path, change) -> Path:
    """DOCX -> ODT, ``change`` made to the ODT's content.xml (an lxml tree), -> DOCX."""
    shutil.copy(built, work / "brief.docx")
    profile = f"-env:UserInstallation=file://{work / 'profile'}"
    _soffice(profile, "--convert-to", "odt", "brief.docx", cwd=work)
    odt = work / "brief.odt"
    assert odt.exists(), "LibreOffice did not convert the DOCX"
    with zipfile.ZipFile(odt) as package:
        parts = {n: package.read(n) for n in package.namelist()}
    tree = etree.fromstring(parts["content.xml"])
    change(tree)
    parts["content.xml"] = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    edited = work / "edited" / "brief.odt"
    edited.parent.mkdir()
    with zipfile.ZipFile(edited, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), parts.pop("mimetype"))
        for name, data in parts.items():
            package.writestr(name, data, zipfile.ZIP_DEFLATED)
    _soffice(profile, "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "back"),
             str(edited), cwd=work)  # fmt: skip
    back = work / "back" / "brief.docx"
    assert back.exists(), "LibreOffice did not convert the ODT back"
    return back


def _odf_paragraph(tree, bookmark: str):
    name = f"{{{_ODF['text']}}}name"
    for mark in tree.iter(f"{{{_ODF['text']}}}bookmark-start", f"{{{_ODF['text']}}}bookmark"):
        if mark.get(name) == bookmark:
            return mark.getparent()
    raise AssertionError(bookmark)


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_reordering_comments_and_a_stray_paragraph(
    project: Path, tmp_path_factory
) -> None:
    text, office = _ODF["text"], _ODF["office"]

    def change(tree):
        first = _odf_paragraph(tree, "_mb_next_steps__0").getparent()  # its list item
        second = _odf_paragraph(tree, "_mb_next_steps__1").getparent()
        second.addnext(first)  # the two steps swapped
        implications = _odf_paragraph(tree, "_mb_implications")
        note = etree.SubElement(implications, f"{{{office}}}annotation")
        etree.SubElement(note, f"{{{_ODF['dc']}}}creator").text = "Ana Reviewer"
        etree.SubElement(note, f"{{{text}}}p").text = "Which administrations?"
        stray = etree.Element(f"{{{text}}}p")
        stray.text = "A stray line typed in LibreOffice."
        stray.set(f"{{{text}}}style-name", implications.get(f"{{{text}}}style-name"))
        implications.addnext(stray)

    back = _through_libreoffice(build(FULL.name), tmp_path_factory.mktemp("lo"), change)
    before = Path("content", FULL.name).read_bytes()
    result = do_import(back, "-o", "content/full.yaml")
    assert result.exit_code == 1
    assert (
        "a new paragraph outside any field; add it to implications or next_steps" in result.stderr
    )
    line = (
        before.decode()
        .splitlines()
        .index(
            "implications: Administrations should invest in data exchange with postal operators."
        )
        + 1
    )
    assert (
        f"content/full.yaml:{line}: comment by Ana Reviewer on implications: Which administrations?"
        in result.stdout
    )
    assert Path("content", FULL.name).read_bytes() == before
    forced = do_import(back, "-o", "content/full.yaml", "--force")
    assert forced.exit_code == 1
    assert value(FULL.name, "next_steps") == [
        "Nominate a focal point.", "Approve the follow-up plan by **30 April 2024**."
    ]  # fmt: skip
    assert value(FULL.name, "implications") == (
        "Administrations should invest in data exchange with postal operators."
    )


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_saved_by_libreoffice_with_no_edit_imports_to_the_same_bytes(
    project: Path, tmp_path_factory
) -> None:
    result = run_cli("build", "content", "--out", "build", "-f", "docx")
    assert result.exit_code == 0, result.output
    work = tmp_path_factory.mktemp("lo-all")
    profile = f"-env:UserInstallation=file://{work / 'profile'}"
    built = sorted(str(p.resolve()) for p in Path("build").glob("*.docx"))
    _soffice(profile, "--convert-to", "odt", "--outdir", str(work / "odt"), *built, cwd=work)
    odts = sorted(str(p) for p in (work / "odt").glob("*.odt"))
    _soffice(
        profile,
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(work / "back"),
        *odts,
        cwd=work,
    )
    for brief in BRIEFS:
        back = work / "back" / brief.name.replace(".yaml", ".docx")
        assert back.exists(), f"LibreOffice did not convert {brief.name} there and back"
        before = Path("content", brief.name).read_bytes()
        result = do_import(back, "-o", f"content/{brief.name}")
        assert result.exit_code == 0, result.output
        assert Path("content", brief.name).read_bytes() == before


# Random edits of random fields of valid briefs.

_WORDS = st.lists(
    st.text(
        alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd")), min_size=1, max_size=8
    ),
    min_size=1,
    max_size=6,
).map(" ".join)
_PEOPLE = ("speakers__", "participants__", "attendance__")


def _editable(built: Path) -> list[str]:
    """The fields printed in one paragraph each, whose value is the paragraph's text: a
    person (several fields in one line) and a field of several paragraphs are left out."""
    names = [
        s.get(qn("w:name"))[4:]
        for s in docx.Document(str(built)).element.body.iter(qn("w:bookmarkStart"))
    ]
    several = {n.rsplit("__p", 1)[0] for n in names if re.search(r"__p\d+$", n)}
    return sorted(
        n for n in names
        if not re.search(r"__p\d+$", n) and n not in several and not n.startswith(_PEOPLE)
        and not n.endswith("__title") or n == "title"  # an annex's or agenda item's title has a label before it
    )  # fmt: skip


def _field_value(name: str, field: str) -> object:
    node = YAML(typ="safe").load(Path("content", name).read_text(encoding="utf-8"))
    for part in [int(p) if p.isdigit() else p for p in field.split("__")]:
        if isinstance(node, str) and part == "text":
            break  # a message or a point written as plain text
        node = node[part]
    return node


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_edits_of_random_fields_come_back(project: Path, data: st.DataObject) -> None:
    brief = data.draw(st.sampled_from([b for b in BRIEFS if b.parent.name == "valid"]))
    built = Path("build") / brief.name.replace(".yaml", ".docx")
    shutil.copy(brief, Path("content", brief.name))
    if not built.exists():
        build(brief.name)
    fields = _editable(built)
    field = data.draw(st.sampled_from(fields))
    words = data.draw(_WORDS)
    document = docx.Document(str(built))
    set_runs(field_paragraph(document, field), (words, ""))
    edited = Path("build/random.docx")
    document.save(str(edited))
    result = do_import(edited)
    assert result.exit_code == 0, result.output
    assert str(_field_value(brief.name, field)).strip() == words


def test_no_bookmark_name_is_longer_than_word_keeps(project: Path) -> None:
    for brief in BRIEFS:
        data = build(brief.name).read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            xml = package.read("word/document.xml").decode()
        for name in etree.fromstring(xml.encode()).iter(qn("w:bookmarkStart")):
            assert len(name.get(qn("w:name"))) <= 40
