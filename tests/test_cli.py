"""End to end through the command line, asserting on what a user sees."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from make_brief import __version__
from make_brief.content.load import load_brief

from .conftest import CASES, SEED, briefs_in, pdf_pages, pdf_text, run_cli
from .facts import facts_of, missing_facts, strip_running_lines
from .validity import assert_valid_outputs

VALID = sorted((CASES / "valid").glob("*.yaml"))
# Text extracted from a PDF returns right-to-left runs mixed with digits and Latin words
# in visual order, so a sentence-by-sentence check cannot hold for Arabic; its PDF is
# checked word by word in test_language.py, and its DOCX sentence by sentence.
#: pdftotext scrambles mixed right-to-left runs: those cases' facts are checked in the
#: DOCX (tests/test_docx.py, tests/test_brief_type_templates.py).
LEFT_TO_RIGHT = [
    case for case in VALID if (load_brief(case).brief.language or "en").split("-")[0] != "ar"
]


def test_seed_pdf_holds_every_fact(seed_build: Path) -> None:
    pdf = seed_build / f"{SEED.stem}.pdf"
    text = pdf_text(pdf)
    assert "UNCLASSIFIED" in text and "Page 1 of" in text
    body = strip_running_lines(text, "UNCLASSIFIED")
    missing = missing_facts(facts_of(SEED), body, text)
    assert not missing
    assert 2 <= pdf_pages(pdf) <= 4


def test_seed_pdf_sections_in_the_spec_order(seed_build: Path) -> None:
    text = pdf_text(seed_build / f"{SEED.stem}.pdf")
    headings = [
        "Briefing note",
        "Summary",
        "Purpose",
        "Event",
        "The intervention",
        "Key messages",
        "Other participants",
        "Background",
        "Implications for Customs",
        "Recommended next steps",
        "References cited",  # the back matter, on a page of its own
        "Acronyms",
        "Sources",
    ]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)


def test_every_page_carries_marking_reference_and_page_number(seed_build: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(seed_build / f"{SEED.stem}.pdf")
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert text.count("UNCLASSIFIED") >= 2, f"page {number}: marking top and bottom"
        assert "WCO/CF/2020/CT-07" in text
        assert f"Page {number} of {total}" in text


@pytest.mark.parametrize("case", LEFT_TO_RIGHT, ids=lambda p: p.stem)
def test_valid_case_builds_with_all_its_facts(case: Path, tmp_path: Path) -> None:
    result = run_cli("build", case, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert_valid_outputs(tmp_path)
    text = pdf_text(tmp_path / f"{case.stem}.pdf")
    body = strip_running_lines(text, "UNCLASSIFIED", "RESTRICTED", "FOR OFFICIAL USE ONLY")
    missing = missing_facts(facts_of(case), body, text)
    assert not missing


def test_batch_with_a_bad_file_builds_the_others_and_exits_1(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(SEED, content / "good.yaml")
    (content / "bad.yaml").write_text("title: x\ndate: 2020-07-10\nsummry: oops\n")
    result = run_cli("build", content, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert (
        f"{content / 'bad.yaml'}:3:1: summry: unknown field; did you mean 'summary'?"
        in result.stderr
    )
    assert "1 brief built, 1 failed" in result.stderr
    assert briefs_in(tmp_path / "out") == ["good.docx", "good.html", "good.pdf"]
    assert "Traceback" not in result.output


def test_check_validates_without_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SEED.parent, tmp_path / "content")
    result = run_cli("check")
    assert result.exit_code == 0
    assert f"valid content/{SEED.name}" in result.stdout
    assert not (tmp_path / "build").exists()


def test_check_in_two_processes_says_what_one_says(tmp_path: Path) -> None:
    """Many files are checked in worker processes: the same lines, in the same order,
    and the same exit status as a check in this process alone."""
    from make_brief.build.check import PARALLEL_FROM

    content = tmp_path / "content"
    content.mkdir()
    for case in (
        sorted((CASES / "valid").glob("*.yaml")) + sorted((CASES / "invalid").glob("*.yaml"))[:40]
    ):
        shutil.copy(case, content / case.name)
    assert len(list(content.iterdir())) > PARALLEL_FROM
    alone = run_cli("check", "-j", "1", content)
    shared = run_cli("check", "-j", "2", content)
    assert alone.exit_code == shared.exit_code == 1
    assert shared.stdout == alone.stdout
    assert shared.stderr == alone.stderr
    assert "Traceback" not in shared.output


def test_default_paths_are_content_and_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    shutil.copy(SEED, tmp_path / "content" / "x.yaml")
    result = run_cli("build", "-f", "html")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "x.html").is_file()
    assert not (tmp_path / "build" / "x.pdf").exists()


def test_new_writes_a_starter_that_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "my-meeting")
    assert result.exit_code == 0
    starter = tmp_path / "content" / "my-meeting.yaml"
    assert starter.read_text().startswith("# A briefing note for make-brief")
    assert run_cli("check", starter).exit_code == 0
    again = run_cli("new", "my-meeting")
    assert again.exit_code == 2 and "exists already" in again.stderr
    assert run_cli("new", "../escape").exit_code == 2


def test_schema_is_json_schema_of_the_format() -> None:
    result = run_cli("schema")
    schema = json.loads(result.stdout)
    for kind in ("BriefingNote", "TalkingPoints", "MeetingReport"):
        model = schema["$defs"][kind]
        assert model["additionalProperties"] is False
        assert {"title", "date", "summary"} <= set(model["required"])
        assert "from" in model["properties"]
    assert schema["properties"]["type"]["enum"] == [
        "briefing-note",
        "talking-points",
        "meeting-report",
    ]


def test_templates_lists_the_builtin_set() -> None:
    result = run_cli("templates")
    assert result.exit_code == 0
    assert "briefing-note (default):" in result.stdout


def test_version() -> None:
    assert run_cli("--version").stdout.strip() == f"make-brief, version {__version__}"


def test_usage_errors_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    missing = run_cli("build", "nowhere.txt")
    assert missing.exit_code == 2 and "nowhere.txt: no such file or folder" in missing.stderr
    (tmp_path / "content").mkdir()
    empty = run_cli("build")
    assert empty.exit_code == 2 and "no content files found" in empty.stderr
    assert run_cli("build", "-f", "odt").exit_code == 2


def test_config_errors_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "make-brief.toml").write_text('organisation = "X"\nclasification = "SECRET"\n')
    result = run_cli("check", SEED)
    assert result.exit_code == 2
    assert "clasification: unknown key; did you mean 'classification'?" in result.stderr


def test_config_sets_organisation_and_default_marking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "make-brief.toml").write_text(
        'organisation = "Customs Administration of Ruritania"\nclassification = "RESTRICTED"\n'
    )
    brief = tmp_path / "b.yaml"
    brief.write_text("title: T\ndate: 2021-03-04\nsummary: S.\n")
    assert run_cli("build", brief, "-f", "pdf").exit_code == 0
    text = pdf_text(tmp_path / "build" / "b.pdf")
    assert "CUSTOMS ADMINISTRATION OF RURITANIA" in text.upper()
    assert text.count("RESTRICTED") >= 2
    assert "4 March 2021" in text


def test_quiet_and_ci_print_only_problems_and_the_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quiet = run_cli("-q", "build", SEED, "--out", tmp_path, "-f", "html", "--force")
    assert quiet.exit_code == 0 and quiet.output == "1 brief built, 0 failed\n"
    after = run_cli("build", SEED, "--out", tmp_path, "-f", "html", "-q", "--force")
    assert after.exit_code == 0 and after.output == quiet.output  # -q after the command too
    monkeypatch.setenv("CI", "true")
    ci = run_cli("build", SEED, "--out", tmp_path, "-f", "html", "--force")
    assert ci.output == quiet.output


def test_the_last_lines_name_every_failed_file(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(SEED, content / "good.yaml")
    for name in ("bad-1", "bad-2"):
        (content / f"{name}.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    result = run_cli("-q", "build", content, "--out", tmp_path / "out", "-f", "html")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-3:] == [
        f"failed: {content / 'bad-1.yaml'}",
        f"failed: {content / 'bad-2.yaml'}",
        "1 brief built, 2 failed",
    ]


def test_global_options_may_follow_the_command(tmp_path: Path) -> None:
    config = tmp_path / "other.toml"
    config.write_text('organisation = "Customs of Elsewhere"\n', encoding="utf-8")
    for args in (
        ("-c", config, "build", SEED, "--out", tmp_path / "a", "-f", "html"),
        ("build", SEED, "--out", tmp_path / "b", "-f", "html", "-c", config),
        ("build", SEED, "--config", config, "--out", tmp_path / "c", "-f", "html"),
        ("build", SEED, f"--config={config}", "--out", tmp_path / "d", "-f", "html"),
    ):
        result = run_cli(*args)
        assert result.exit_code == 0, result.output
    pages = [(tmp_path / d / f"{SEED.stem}.html").read_text() for d in "abcd"]
    assert all("Customs of Elsewhere" in page for page in pages)


def test_logo_from_the_config_is_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
        '<circle cx="20" cy="20" r="18" fill="#1d3f6e"/></svg>'
    )
    (tmp_path / "make-brief.toml").write_text('logo = "assets/logo.svg"\n')
    result = run_cli("build", SEED, "-f", "pdf", "-f", "html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "build" / f"{SEED.stem}.html").read_text()
    assert 'class="logo"' in html
    from pypdf import PdfReader

    first_page = PdfReader(tmp_path / "build" / f"{SEED.stem}.pdf").pages[0]
    assert "/XObject" in first_page["/Resources"], "the logo is drawn on page 1"


def test_no_socket_is_opened_during_a_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    opened = []

    def refuse(*args, **kwargs):
        opened.append(args)
        raise OSError("network is not allowed in a build")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    sources = [SEED, *VALID]
    result = run_cli("build", *sources, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert opened == []


def test_unwritable_output_is_reported_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be")
    result = run_cli("build", SEED, "--out", blocker / "sub", "-f", "html")
    assert result.exit_code == 2
    assert "cannot create the output folder" in result.stderr
    assert "Traceback" not in result.output


def test_a_brief_whose_outputs_another_would_overwrite_is_refused(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(SEED, content / "x.yaml")
    shutil.copy(SEED, content / "x.pdfa.yaml")  # its PDF would be x.yaml's archival PDF
    result = run_cli("check", content)
    assert result.exit_code == 1
    assert f"{content / 'x.yaml'}: would write x.pdfa.pdf, which " in result.stderr


def test_without_a_config_no_organisation_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A national administration's first brief must not carry another body's name."""
    monkeypatch.chdir(tmp_path)
    brief = tmp_path / "b.yaml"
    brief.write_text("title: T\ndate: 2020-07-10\nsummary: S.\n", encoding="utf-8")
    result = run_cli("build", brief, "-f", "html", "-f", "pdf")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "build" / "b.html").read_text(encoding="utf-8")
    assert "World Customs Organization" not in html
    assert 'class="organisation-name"' not in html
    from pypdf import PdfReader

    assert not PdfReader(tmp_path / "build" / "b.pdf").metadata.author
