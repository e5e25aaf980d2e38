"""make-brief book, end to end through the command line, read back from the outputs.

One project (the seed's three briefs, one of them copied and marked CONFIDENTIAL) is
bound once per module; the tests read that book back: its contents page numbers
against the pages each title is found on (pdftotext, page by page), its bookmarks
(pikepdf), the marking of every page, and the DOCX as LibreOffice lays it out.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from .conftest import CONTENT, run_cli

SEED_SLUGS = (
    "wco-un-counter-terrorism-week-2020",
    "wco-un-counter-terrorism-week-2020-talking-points",
    "wco-un-counter-terrorism-week-2020-meeting-report",
)
SECRET_POINTS = "secret-points"  # the talking points, marked CONFIDENTIAL

BOOK = """\
title: Delegation book
date: 2020-07-06
reference: BOOK/2020/1
right_hand_starts: {right}
sections:
  - title: Before the week
    parts:
      - wco-un-counter-terrorism-week-2020
  - title: The closed session
    parts:
      - secret-points
      - ../wco-un-counter-terrorism-week-2020-meeting-report.yaml
"""


def make_project(root: Path) -> Path:
    """A project folder: make-brief.toml, content/ with the briefs, content/books/."""
    content = root / "content"
    (content / "books").mkdir(parents=True)
    (root / "make-brief.toml").write_text('organisation = "World Customs Organization"\n')
    for slug in SEED_SLUGS:
        shutil.copy(CONTENT / f"{slug}.yaml", content)
    points = (CONTENT / f"{SEED_SLUGS[1]}.yaml").read_text(encoding="utf-8")
    points = points.replace("classification: UNCLASSIFIED", "classification: CONFIDENTIAL")
    (content / f"{SECRET_POINTS}.yaml").write_text(points, encoding="utf-8")
    (content / "books" / "delegation.yaml").write_text(BOOK.format(right="false"))
    (content / "books" / "two-sided.yaml").write_text(BOOK.format(right="true"))
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("project"))
    result = run_cli(
        "-c", root / "make-brief.toml", "book", root / "content" / "books", "-o", root / "out"
    )
    assert result.exit_code == 0, result.output
    return root


def page_text(pdf: Path, page: int, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page)]
    out = subprocess.run(
        [*args, *(["-layout"] if layout else []), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out if layout else " ".join(out.split())


def page_count(pdf: Path) -> int:
    with pikepdf.open(pdf) as doc:
        return len(doc.pages)


def contents_numbers(pdf: Path, titles: list[str]) -> list[int]:
    """The page number printed on the contents line of each title (page 2)."""
    lines = page_text(pdf, 2, layout=True).splitlines()
    numbers, at = [], 0
    for title in titles:  # in order: a title may start like the one before it
        at = next(i for i in range(at, len(lines)) if title[:30] in " ".join(lines[i].split()))
        numbers.append(int(lines[at].split()[-1]))
        at += 1
    return numbers


def titles(root: Path) -> list[str]:
    manifest = json.loads((root / "out" / "manifest.json").read_text())
    book = next(b for b in manifest["books"] if b["slug"] == "delegation")
    return [p["title"] for p in book["parts"]]


def test_contents_numbers_are_the_pages_the_titles_are_on(built: Path) -> None:
    pdf = built / "out" / "delegation.pdf"
    names = titles(built)
    numbers = contents_numbers(pdf, names)
    assert numbers == sorted(numbers) and numbers[0] == 3  # after the cover and contents
    for title, number in zip(names, numbers, strict=True):
        assert " ".join(title.split()) in page_text(pdf, number)
        if number - 1 > 2:  # the page before, unless it is the contents
            assert " ".join(title.split()) not in page_text(pdf, number - 1)


def test_page_n_of_n_over_the_whole_book(built: Path) -> None:
    pdf = built / "out" / "delegation.pdf"
    total = page_count(pdf)
    for page in range(2, total + 1):
        assert f"Page {page} of {total}" in page_text(pdf, page)
        assert "Delegation book" in page_text(pdf, page)  # the running header


def test_right_hand_starts_put_every_brief_on_an_odd_page(built: Path) -> None:
    pdf = built / "out" / "two-sided.pdf"
    numbers = contents_numbers(pdf, titles(built))
    assert all(n % 2 == 1 for n in numbers)
    for title, number in zip(titles(built), numbers, strict=True):
        assert " ".join(title.split()) in page_text(pdf, number)
    blank = [p for p in range(1, page_count(pdf) + 1) if "intentionally blank" in page_text(pdf, p)]
    assert blank  # the seed's briefs need at least one


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """(depth, title, page) of every bookmark, in order."""
    found = []
    with pikepdf.open(pdf) as doc:
        pages = {p.objgen: i + 1 for i, p in enumerate(doc.pages)}

        def walk(items: list, depth: int) -> None:
            for item in items:
                found.append((depth, item.title, pages[item.destination[0].objgen]))
                walk(item.children, depth + 1)

        with doc.open_outline() as tree:
            walk(tree.root, 0)
    return found


def test_bookmarks_nest_section_brief_heading(built: Path) -> None:
    pdf = built / "out" / "delegation.pdf"
    marks = outline(pdf)
    names = titles(built)
    numbers = contents_numbers(pdf, names)
    assert [(d, t) for d, t, _ in marks if d == 0] == [
        (0, "Before the week"),
        (0, "The closed session"),
    ]
    assert [(t, p) for d, t, p in marks if d == 1] == list(zip(names, numbers, strict=True))
    headings = [t for d, t, _ in marks if d == 2]
    assert {"Summary", "Points to make", "Agenda and discussion"} <= set(headings)
    assert any(d == 3 for d, _, _ in marks)  # h3 under h2: Speaker, Key messages


def test_every_page_carries_its_parts_marking_and_the_cover_the_highest(built: Path) -> None:
    pdf = built / "out" / "delegation.pdf"
    names = titles(built)
    numbers = contents_numbers(pdf, names)
    markings = ["UNCLASSIFIED", "CONFIDENTIAL", "UNCLASSIFIED"]
    total = page_count(pdf)
    ends = [*[n - 1 for n in numbers[1:]], total]
    for start, end, marking in zip(numbers, ends, markings, strict=True):
        for page in range(start, end + 1):
            text = page_text(pdf, page)
            assert text.count(marking) >= 2, (page, text[:80])  # top and bottom
            other = ({"UNCLASSIFIED", "CONFIDENTIAL"} - {marking}).pop()
            assert other not in text, page
    for page in (1, 2):  # cover and contents: the highest marking
        assert page_text(pdf, page).count("CONFIDENTIAL") >= 2
    with pikepdf.open(pdf) as doc:
        assert "CONFIDENTIAL" in str(doc.docinfo["/Keywords"])
        assert str(doc.docinfo["/Title"]) == "Delegation book"


def test_manifest_lists_the_book(built: Path) -> None:
    manifest = json.loads((built / "out" / "manifest.json").read_text())
    book = next(b for b in manifest["books"] if b["slug"] == "delegation")
    assert book["classification"] == "CONFIDENTIAL"
    assert set(book["formats"]) == {"pdf", "docx"}
    assert [p["slug"] for p in book["parts"]] == [SEED_SLUGS[0], SECRET_POINTS, SEED_SLUGS[2]]


def test_same_bytes_twice_and_unchanged_books_skipped(built: Path, tmp_path: Path) -> None:
    config = built / "make-brief.toml"
    book = built / "content" / "books" / "delegation.yaml"
    again = run_cli("-c", config, "book", book, "-o", tmp_path)
    assert again.exit_code == 0, again.output
    for name in ("delegation.pdf", "delegation.docx"):
        assert (tmp_path / name).read_bytes() == (built / "out" / name).read_bytes(), name
    skipped = run_cli("-c", config, "book", book, "-o", tmp_path)
    assert skipped.exit_code == 0 and "unchanged" in skipped.output


def small_project(tmp_path: Path, book: str) -> tuple[Path, Path]:
    root = tmp_path / "p"
    content = root / "content"
    (content / "books").mkdir(parents=True)
    (root / "make-brief.toml").write_text("")
    shutil.copy(CONTENT / f"{SEED_SLUGS[1]}.yaml", content / "points.yaml")
    (content / "books" / "small.yaml").write_text(book)
    return root / "make-brief.toml", content / "books" / "small.yaml"


SMALL = "title: Small\ndate: 2020-07-06\nparts:\n  - points\n"


def test_a_changed_part_rebuilds_the_book(tmp_path: Path) -> None:
    config, book = small_project(tmp_path, SMALL)
    out = tmp_path / "out"
    assert run_cli("-c", config, "book", book, "-o", out, "-f", "pdf").exit_code == 0
    assert "unchanged" in run_cli("-c", config, "book", book, "-o", out, "-f", "pdf").output
    part = book.parent.parent / "points.yaml"
    part.write_text(part.read_text().replace("Closed session on", "The closed session on", 1))
    rebuilt = run_cli("-c", config, "book", book, "-o", out, "-f", "pdf")
    assert rebuilt.exit_code == 0 and "built:" in rebuilt.output
    assert "The closed session on" in page_text(out / "small.pdf", 3)


def test_a_book_marked_lower_than_a_part_is_refused_naming_it(tmp_path: Path) -> None:
    config, book = small_project(tmp_path, "classification: UNCLASSIFIED\n" + SMALL)
    part = book.parent.parent / "points.yaml"
    part.write_text(
        part.read_text().replace("classification: UNCLASSIFIED", "classification: SECRET")
    )
    result = run_cli("-c", config, "book", book, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert (
        f"{book}:1:17: classification: the book is marked 'UNCLASSIFIED', lower than its part 'points' (SECRET)"
        in result.stderr
    )
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_missing_or_invalid_part_names_the_book_line(tmp_path: Path) -> None:
    config, book = small_project(tmp_path, SMALL + "  - pionts2\n  - broken\n")
    (book.parent.parent / "broken.yaml").write_text("title: Broken\ndate: 2020-13-01\n")
    result = run_cli("-c", config, "book", book, "-o", tmp_path / "out")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{book}:5:5: parts[2]: part 'pionts2': no content file")
    assert lines[1] == f"{book}:6:5: parts[3]: part 'broken' has problems (listed below); fix them"
    assert any(ln.startswith(f"{book.parent.parent / 'broken.yaml'}:2:7: date:") for ln in lines)
    assert not (tmp_path / "out").exists()


def test_book_file_errors_are_placed(tmp_path: Path) -> None:
    config, book = small_project(tmp_path, "titel: Small\ndate: 2020-07-06\nparts: []\n")
    result = run_cli("-c", config, "book", book, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{book}:1:1: titel: unknown field; did you mean 'title'?" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_docx_contents_show_the_same_page_numbers(built: Path, tmp_path: Path) -> None:
    docx = built / "out" / "delegation.docx"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "delegation.pdf"
    assert pdf.is_file()
    names = titles(built)
    expected = contents_numbers(built / "out" / "delegation.pdf", names)
    text = " ".join(page_text(pdf, 2, layout=True).split())
    for title, number in zip(names, expected, strict=True):
        assert re.search(re.escape(title[:30]) + r".*?\b" + str(number) + r"\b", text), title
    # Each page's header and footer: the book's highest on the cover and contents, then
    # each brief's own (the CONFIDENTIAL talking points alone on their page).
    markings = ["CONFIDENTIAL"] * 2 + ["UNCLASSIFIED"] * 3 + ["CONFIDENTIAL"] + ["UNCLASSIFIED"] * 3
    assert page_count(pdf) == len(markings)
    for page, marking in enumerate(markings, start=1):
        words = page_text(pdf, page)
        other = ({"UNCLASSIFIED", "CONFIDENTIAL"} - {marking}).pop()
        assert words.count(marking) >= 2 and other not in words, page


def test_binding_a_book_leaves_the_next_briefs_word_file_as_it_was(tmp_path: Path) -> None:
    """docxcompose rebinds python-docx's ``cp`` prefix when imported; after a book, a
    brief's DOCX written in the same process must still be the same bytes, and the
    book's own core properties in the core namespace."""
    import zipfile

    from .conftest import CASES

    brief = CASES / "valid" / "minimal.yaml"
    assert run_cli("build", brief, "-o", tmp_path / "before", "-f", "docx").exit_code == 0
    book = CONTENT / "books" / "un-ct-week-2020.yaml"
    assert run_cli("book", book, "-o", tmp_path / "book", "-f", "docx").exit_code == 0
    assert run_cli("build", brief, "-o", tmp_path / "after", "-f", "docx").exit_code == 0
    before = (tmp_path / "before" / "minimal.docx").read_bytes()
    assert (tmp_path / "after" / "minimal.docx").read_bytes() == before
    with zipfile.ZipFile(tmp_path / "book" / "un-ct-week-2020.docx") as docx:
        core = docx.read("docProps/core.xml").decode("utf-8")
    assert "custom-properties" not in core
