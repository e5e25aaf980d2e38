"""The archival PDF (``-f pdfa``): PDF/A-3b, with the content file inside as its source.

Built through the command line and read back with pikepdf. No PDF/A validator runs here
unless veraPDF is on the PATH (it is not installed in CI): the checks below cover what
PDF/A-3b asks of this file that can be read without one.
"""

from __future__ import annotations

import json
import mimetypes
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from make_brief.render.job import RenderJob
from make_brief.render.pdfa import PdfaError, PdfaWriter

from .conftest import ROOT, SEED, briefs_in, pdf_text, requires_poppler, run_cli

SLUG = SEED.stem
PDFA = f"{SLUG}.pdfa.pdf"
#: The seed brief is dated 10 July 2020; with no SOURCE_DATE_EPOCH that is every date.
SEED_DATE = "D:20200710000000Z"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed brief built once for this module, as an archival PDF only."""
    out = tmp_path_factory.mktemp("pdfa")
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        result = run_cli("build", SEED, "--out", out, "-f", "pdfa")
    assert result.exit_code == 0, result.output
    assert briefs_in(out) == [PDFA]
    return out


@pytest.fixture
def pdf(built: Path) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(built / PDFA) as document:
        yield document


def reachable(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    """Every dictionary and stream reachable from the trailer, direct ones included
    (WeasyPrint writes fonts and resources inline, where ``pdf.objects`` misses them)."""
    seen: set[tuple[int, int]] = set()
    stack: list[pikepdf.Object] = [pdf.trailer]
    while stack:
        obj = stack.pop()
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream | pikepdf.Array):
            continue  # a number, name or string: pikepdf hands those over as they are
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Array):
            stack.extend(obj)
        else:
            yield obj
            stack.extend(value for _, value in obj.items())


# --- identification -----------------------------------------------------------------


def test_claims_pdfa_3b_and_nothing_else(pdf: pikepdf.Pdf) -> None:
    meta = pdf.open_metadata(set_pikepdf_as_editor=False)
    assert meta.get("pdfaid:part") == "3"
    assert meta.get("pdfaid:conformance") == "B"
    assert meta.pdfa_status == "3B"
    # Tagged like the everyday PDF, but not claimed as PDF/UA: no validator vouched for it.
    xmp = pdf.Root.Metadata.read_bytes()
    assert b"pdfuaid" not in xmp
    assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root
    assert pdf.pdf_version == "1.7"  # PDF/A-3 is based on PDF 1.7


def test_metadata_names_the_brief(pdf: pikepdf.Pdf, built: Path) -> None:
    brief = json.loads((built / "manifest.json").read_text(encoding="utf-8"))["briefs"][0]
    meta = pdf.open_metadata(set_pikepdf_as_editor=False)
    assert meta.get("dc:title") == brief["title"] == str(pdf.docinfo.Title)
    # The information dictionary and the XMP say the same (ISO 19005 asks for it).
    assert meta.get("xmp:CreateDate") == "2020-07-10T00:00:00Z"
    assert str(pdf.docinfo.CreationDate) == SEED_DATE == str(pdf.docinfo.ModDate)
    assert meta.get("pdf:Producer") == str(pdf.docinfo.Producer)
    assert str(pdf.Root.Lang) == brief["language"]


def test_output_intent_is_srgb(pdf: pikepdf.Pdf) -> None:
    (intent,) = pdf.Root.OutputIntents
    assert intent.Type == pikepdf.Name.OutputIntent
    assert intent.S == pikepdf.Name.GTS_PDFA1
    assert "sRGB" in str(intent.OutputConditionIdentifier)
    profile = intent.DestOutputProfile
    assert profile.N == 3  # an RGB profile, matching the DeviceRGB the pages paint with
    assert profile.read_bytes()[36:40] == b"acsp"  # an ICC profile's signature


# --- the attached content file ------------------------------------------------------


def test_content_file_is_attached_as_its_source(pdf: pikepdf.Pdf) -> None:
    assert list(pdf.attachments) == [SEED.name]
    spec = pdf.attachments[SEED.name]
    assert spec.filename == SEED.name
    assert str(spec.obj.F) == str(spec.obj.UF) == SEED.name
    assert spec.obj.AFRelationship == pikepdf.Name.Source
    embedded = spec.get_file()
    assert embedded.read_bytes() == SEED.read_bytes()
    assert embedded.mime_type == "application/yaml"
    assert embedded.obj.Params.Size == SEED.stat().st_size
    # Dated by the brief, never by the clock.
    assert str(embedded.obj.Params.CreationDate) == SEED_DATE
    assert str(embedded.obj.Params.ModDate) == SEED_DATE


def test_catalog_associates_the_content_file_once(pdf: pikepdf.Pdf) -> None:
    spec = pdf.attachments[SEED.name].obj
    associated = [entry.objgen for entry in pdf.Root.AF]
    # WeasyPrint 70 lists it twice (Kozea/WeasyPrint#2917); the writer keeps one.
    assert associated == [spec.objgen]


def test_dates_follow_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    assert run_cli("build", SEED, "--out", tmp_path, "-f", "pdfa").exit_code == 0
    with pikepdf.open(tmp_path / PDFA) as pdf:
        params = pdf.attachments[SEED.name].get_file().obj.Params
        assert str(params.ModDate) == str(params.CreationDate) == "D:20231114221320Z"
        assert str(pdf.docinfo.CreationDate) == "D:20231114221320Z"


def test_media_type_is_not_guessed_from_this_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A machine whose MIME tables say something else of .yaml writes the same file."""
    from weasyprint.pdf import anchors

    real = mimetypes.guess_type

    def lying(url: object, strict: bool = True) -> tuple[str | None, str | None]:
        if str(url).endswith((".yaml", ".yml")):
            return "text/x-something-else", None
        return real(url, strict)

    monkeypatch.setattr(mimetypes, "guess_type", lying)
    monkeypatch.setattr(anchors.MIMETYPES, "guess_type", lying)
    assert run_cli("build", SEED, "--out", tmp_path, "-f", "pdfa").exit_code == 0
    with pikepdf.open(tmp_path / PDFA) as pdf:
        assert pdf.attachments[SEED.name].get_file().mime_type == "application/yaml"


# --- what PDF/A-3b forbids ----------------------------------------------------------


def test_every_font_is_embedded(pdf: pikepdf.Pdf) -> None:
    fonts = [o for o in reachable(pdf) if o.get("/Type") == pikepdf.Name.Font]
    assert fonts, "no fonts found: the walk is wrong"
    descriptors = 0
    for font in fonts:
        name = font.get("/BaseFont")
        if font.Subtype == pikepdf.Name.Type0:
            assert len(font.DescendantFonts) == 1, name  # checked as a font itself
            continue
        assert font.Subtype != pikepdf.Name.Type3, f"{name}: a Type 3 font"
        descriptor = font.get("/FontDescriptor")
        assert descriptor is not None, f"{name}: no font descriptor"
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), (
            f"{name}: not embedded"
        )
        descriptors += 1
        if font.Subtype == pikepdf.Name.CIDFontType2:
            assert "/CIDToGIDMap" in font, f"{name}: no CIDToGIDMap"
    assert descriptors
    for obj in reachable(pdf):
        if obj.get("/Type") == pikepdf.Name.FontDescriptor:
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(obj.keys()), obj.FontName


def test_no_transparency_groups(pdf: pikepdf.Pdf) -> None:
    for obj in reachable(pdf):
        group = obj.get("/Group")
        if group is not None:
            assert group.get("/S") != pikepdf.Name.Transparency, "a transparency group"


def test_not_encrypted_and_identified(pdf: pikepdf.Pdf) -> None:
    assert not pdf.is_encrypted
    assert "/Encrypt" not in pdf.trailer
    assert len(pdf.trailer.ID) == 2  # PDF/A requires the file identifier


def test_every_annotation_prints_and_nothing_is_active(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            flags = int(annotation.get("/F", 0))
            assert flags & 4, "an annotation without the Print flag"
            assert not flags & (1 | 2 | 32), "a hidden or invisible annotation"
    for obj in reachable(pdf):
        assert not {"/JS", "/JavaScript", "/Launch", "/OpenAction", "/AA"} & set(obj.keys())


def test_qpdf_finds_the_file_sound(built: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    check = subprocess.run(["qpdf", "--check", built / PDFA], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors found" in check.stdout


@pytest.mark.skipif(
    shutil.which("verapdf") is None,
    reason="veraPDF is not installed: PDF/A-3b conformance is checked structurally only",
)
def test_verapdf_finds_it_conformant(built: Path) -> None:
    report = subprocess.run(
        ["verapdf", "--flavour", "3b", "--format", "text", built / PDFA],
        capture_output=True,
        text=True,
    )
    assert report.stdout.startswith("PASS"), report.stdout + report.stderr


# --- the build around it ------------------------------------------------------------


def test_manifest_counts_its_pages(built: Path, pdf: pikepdf.Pdf) -> None:
    (brief,) = json.loads((built / "manifest.json").read_text(encoding="utf-8"))["briefs"]
    assert list(brief["formats"]) == ["pdfa"]
    entry = brief["formats"]["pdfa"]
    assert entry["file"] == PDFA
    assert entry["bytes"] == (built / PDFA).stat().st_size
    assert brief["pages"] == len(pdf.pages) > 0


@requires_poppler
def test_text_holds_the_title(built: Path) -> None:
    title = json.loads((built / "manifest.json").read_text(encoding="utf-8"))["briefs"][0]["title"]
    assert title in pdf_text(built / PDFA)


def test_same_input_same_bytes(built: Path, tmp_path: Path) -> None:
    """A second clean build in this process, and one in another process with another time
    zone, hash seed and locale, write the very same bytes."""
    again = tmp_path / "again"
    assert run_cli("build", SEED, "--out", again, "-f", "pdfa").exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    env = {
        **os.environ,
        "TZ": "Pacific/Kiritimati",
        "PYTHONHASHSEED": "4242",
        "LC_ALL": "C.UTF-8",
    }
    env.pop("SOURCE_DATE_EPOCH", None)
    command = [sys.executable, "-m", "make_brief", "-q", "build", SEED, "-o", elsewhere]
    done = subprocess.run(
        [*command, "-f", "pdfa", "-j", "1"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    expected = (built / PDFA).read_bytes()
    assert (again / PDFA).read_bytes() == expected
    assert (elsewhere / PDFA).read_bytes() == expected


def test_same_bytes_in_another_time_zone_in_process(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "America/St_Johns")  # UTC-3:30, never a whole hour off
    time.tzset()
    try:
        assert run_cli("build", SEED, "--out", tmp_path, "-f", "pdfa").exit_code == 0
    finally:
        monkeypatch.undo()
        time.tzset()
    assert (tmp_path / PDFA).read_bytes() == (built / PDFA).read_bytes()


def test_pdf_and_pdfa_together(built: Path, tmp_path: Path) -> None:
    result = run_cli("build", SEED, "--out", tmp_path, "-f", "pdf", "-f", "pdfa")
    assert result.exit_code == 0, result.output
    assert briefs_in(tmp_path) == [f"{SLUG}.pdf", PDFA]
    (brief,) = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["briefs"]
    assert {name: f["file"] for name, f in brief["formats"].items()} == {
        "pdf": f"{SLUG}.pdf",
        "pdfa": PDFA,
    }
    # Built beside the everyday PDF, the archival one is byte for byte the same.
    assert (tmp_path / PDFA).read_bytes() == (built / PDFA).read_bytes()
    # And the everyday PDF stays what it was: PDF/UA, nothing attached.
    with pikepdf.open(tmp_path / f"{SLUG}.pdf") as plain:
        meta = plain.open_metadata(set_pikepdf_as_editor=False)
        assert meta.get("pdfuaid:part") == "1"
        assert not meta.pdfa_status
        assert not plain.attachments and "/AF" not in plain.Root
        assert len(plain.pages) == brief["pages"]


def test_not_built_by_default() -> None:
    result = run_cli("build", "--help")
    assert "pdfa" in result.output  # a choice
    assert "[default: pdf, docx, html]" in " ".join(result.output.split())


# --- the writer's own errors --------------------------------------------------------


def job(tmp_path: Path, **changes: object) -> RenderJob:
    fields: dict = {
        "html": "<!DOCTYPE html><html lang='en'><head><title>T</title></head><body>x</body></html>",
        "source": tmp_path / "x.yaml",
        "base_url": tmp_path.as_uri() + "/",
        "asset_roots": (tmp_path,),
        "source_bytes": b"title: x\n",
        "timestamp": "2021-03-04T05:06:07Z",
    }
    return RenderJob(**{**fields, **changes})


def test_writer_without_the_content_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(PdfaError, match="content file to attach"):
        PdfaWriter().render(job(tmp_path, source_bytes=None))


@pytest.mark.parametrize("timestamp", ["", "2021-03-04", "yesterday"])
def test_writer_without_a_usable_timestamp_says_so(tmp_path: Path, timestamp: str) -> None:
    with pytest.raises(PdfaError, match="timestamp"):
        PdfaWriter().render(job(tmp_path, timestamp=timestamp))


def test_writer_alone_dates_the_attachment_by_the_job(tmp_path: Path) -> None:
    data = PdfaWriter().render(job(tmp_path)).data
    (tmp_path / "out.pdf").write_bytes(data)
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        embedded = pdf.attachments["x.yaml"].get_file()
        assert embedded.read_bytes() == b"title: x\n"
        assert str(embedded.obj.Params.ModDate) == "D:20210304050607Z"
