"""make-brief publish with brief types and briefing books: every brief says its type on
the page, in the manifests and in the feed; the books the build bound are published with
their files, under the marking ceiling, and withdrawn with their files.

One project (the seed's three documents, one of each type, and the seed's book) is
published once per module; the tests that change it work on a copy, build folder
included, so that only what they change is built again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import CONTENT, IN_CI, run_cli
from .test_publish import ATOM, make_project, parse_page, publish, site_manifest, snapshot

SEED = (
    "wco-un-counter-terrorism-week-2020",
    "wco-un-counter-terrorism-week-2020-talking-points",
    "wco-un-counter-terrorism-week-2020-meeting-report",
)
TYPES = {
    "wco-un-counter-terrorism-week-2020": ("briefing-note", "Briefing note"),
    "wco-un-counter-terrorism-week-2020-talking-points": ("talking-points", "Talking points"),
    "wco-un-counter-terrorism-week-2020-meeting-report": ("meeting-report", "Meeting report"),
}
BOOK = "un-ct-week-2020"
BOOK_FILE = CONTENT / "books" / f"{BOOK}.yaml"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed's briefs and book published once: (project folder, site folder)."""
    project = make_project(
        tmp_path_factory.mktemp("books"), files=[CONTENT / f"{slug}.yaml" for slug in SEED]
    )
    (project / "content" / "books").mkdir()
    shutil.copy(BOOK_FILE, project / "content" / "books")
    site = project / "site"
    result = publish(project, site)
    assert result.exit_code == 0, result.output
    if not IN_CI:  # CI=true is quiet: the closing count alone
        assert "published 3 briefs and 1 book" in result.stdout
    return project, site


def copy_of(published: tuple[Path, Path], folder: Path) -> tuple[Path, Path]:
    """A copy of the published project (content, config, build folder and site)."""
    project, _ = published
    shutil.copytree(project, folder)
    return folder, folder / "site"


def build_manifest(project: Path) -> dict:
    return json.loads((project / "build" / "manifest.json").read_text(encoding="utf-8"))


def articles(html: str) -> dict[str, str]:
    """The text of each brief's card on the page, by the file its title links to."""
    cards = {}
    for chunk in html.split("<article")[1:]:
        link = chunk.split('href="', 1)[1].split('"', 1)[0]
        cards[link] = " ".join(parse_page(chunk.split("</article>")[0]).folded_text.split())
    return cards


# --- brief types -------------------------------------------------------------------------


def test_every_brief_says_its_type_in_the_build_and_site_manifests(
    published: tuple[Path, Path],
) -> None:
    project, site = published
    built = {b["slug"]: b["type"] for b in build_manifest(project)["briefs"]}
    assert built == {slug: kind for slug, (kind, _) in TYPES.items()}
    listed = {b["slug"]: b["type"] for b in site_manifest(site)["briefs"]}
    assert listed == built


def test_the_page_labels_every_brief_with_its_type_in_the_site_s_words(
    published: tuple[Path, Path],
) -> None:
    _, site = published
    cards = articles((site / "index.html").read_text(encoding="utf-8"))
    for slug, (_, label) in TYPES.items():
        card = cards[f"{slug}.pdf"]
        assert label in card, (slug, card)
        others = [other for _, other in TYPES.values() if other != label]
        assert not any(other in card for other in others), (slug, card)


def test_the_feed_gives_each_brief_its_type_as_a_category(published: tuple[Path, Path]) -> None:
    _, site = published
    feed = ET.parse(site / "feed.xml").getroot()
    seen = {}
    for entry in feed.findall(f"{ATOM}entry"):
        terms = {c.get("term"): c.get("label") for c in entry.findall(f"{ATOM}category")}
        href = entry.find(f"{ATOM}link").get("href")
        seen[href] = terms
    for slug, (kind, label) in TYPES.items():
        assert seen[f"{slug}.pdf"][kind] == label
        assert seen[f"{slug}.pdf"]["UNCLASSIFIED"] == "Marking: UNCLASSIFIED"
    assert seen[f"books/{BOOK}.pdf"]["briefing-book"] == "Briefing book"


def test_a_manifest_from_before_brief_types_merges_as_briefing_notes(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    project, _ = published
    old = tmp_path / "old-build"
    shutil.copytree(project / "build", old)
    manifest = build_manifest(project)
    for brief in manifest["briefs"]:
        del brief["type"]
    del manifest["books"]
    (old / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("publish", "--merge", old, "--site", site)
    assert result.exit_code == 0, result.output
    assert {b["type"] for b in site_manifest(site)["briefs"]} == {"briefing-note"}
    assert "Briefing note" in (site / "index.html").read_text(encoding="utf-8")


# --- books -------------------------------------------------------------------------------


def test_the_book_is_published_with_its_files_as_they_were_bound(
    published: tuple[Path, Path],
) -> None:
    project, site = published
    [built] = build_manifest(project)["books"]
    [book] = site_manifest(site)["books"]
    assert book["slug"] == BOOK and book["title"] == built["title"]
    assert book["marking"] == built["classification"] and book["pages"] == built["pages"]
    assert [p["slug"] for p in book["parts"]] == list(SEED)
    assert [p["page"] for p in book["parts"]] == [p["page"] for p in built["parts"]]
    assert set(book["formats"]) == {"pdf", "docx"}
    for fmt, file in book["formats"].items():
        assert file["file"] == f"books/{BOOK}.{fmt}"
        data = (site / file["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == file["sha256"] == built["formats"][fmt]["sha256"]
        assert data == (project / "build" / "books" / f"{BOOK}.{fmt}").read_bytes()
    cover = site / book["thumbnail"]["file"]
    assert cover.read_bytes().startswith(b"\x89PNG")
    on_disk = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    listed = {"index.html", "feed.xml", "manifest.json"}
    for entry in [*site_manifest(site)["briefs"], book]:
        listed |= {f["file"] for f in [*entry["formats"].values(), entry["thumbnail"]]}
    assert on_disk == listed


def test_the_page_lists_the_book_with_its_parts(published: tuple[Path, Path]) -> None:
    project, site = published
    html = (site / "index.html").read_text(encoding="utf-8")
    page = parse_page(html)
    assert "Briefing books" in page.folded_text
    [built] = build_manifest(project)["books"]
    card = articles(html)[f"books/{BOOK}.pdf"]
    for fact in (built["title"], "6 July 2020", "UNCLASSIFIED", f"{built['pages']} pages"):
        assert fact in card, fact
    for part in built["parts"]:
        assert " ".join(part["title"].split()) in card
        assert f"page {part['page']}" in card
    assert f"books/{BOOK}.docx" in html and f"books/{BOOK}.png" in html
    # A part links to its brief, which the site carries too.
    for slug in SEED:
        assert html.count(f'href="{slug}.pdf"') >= 2


def test_a_book_above_the_ceiling_stops_the_publication_and_nothing_is_written(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    project, site = copy_of(published, tmp_path / "project")
    book = project / "content" / "books" / f"{BOOK}.yaml"
    text = book.read_text(encoding="utf-8")
    book.write_text(
        text.replace("date: 2020-07-06", "date: 2020-07-06\nclassification: CONFIDENTIAL")
    )
    before = snapshot(site)
    fresh = tmp_path / "fresh-site"
    for target in (fresh, site):
        result = publish(project, target)
        assert result.exit_code == 1, result.output
        assert "1 book has a marking that may not be published" in result.stderr
        assert f"{book}: marked 'CONFIDENTIAL'" in result.stderr
        assert "nothing was published" in result.stderr
    assert not fresh.exists()
    assert snapshot(site) == before


def test_a_book_taken_out_has_its_files_removed(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    project, site = copy_of(published, tmp_path / "project")
    (project / "content" / "books" / f"{BOOK}.yaml").unlink()
    result = publish(project, site)
    assert result.exit_code == 0, result.output
    assert "published 3 briefs to" in result.stdout and "3 removed" in result.stdout
    for name in (f"{BOOK}.pdf", f"{BOOK}.docx", f"{BOOK}.png"):
        assert not (site / "books" / name).exists()
    assert site_manifest(site)["books"] == []
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "Briefing books" not in html and f"books/{BOOK}" not in html
    assert all((site / f"{slug}.pdf").is_file() for slug in SEED)


def test_publishing_again_writes_nothing(published: tuple[Path, Path], tmp_path: Path) -> None:
    project, site = copy_of(published, tmp_path / "project")
    before = snapshot(site)
    result = publish(project, site)
    assert result.exit_code == 0, result.output
    assert "0 files written" in result.stdout
    assert snapshot(site) == before


def test_a_merge_of_an_unsharded_build_folder_publishes_its_book(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    project, site = published
    merged = tmp_path / "site"
    result = run_cli(
        "-c", project / "make-brief.toml", "publish", "--merge", project / "build",
        "--site", merged,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (merged / "manifest.json").read_bytes() == (site / "manifest.json").read_bytes()
    assert (merged / "books" / f"{BOOK}.pdf").read_bytes() == (
        site / "books" / f"{BOOK}.pdf"
    ).read_bytes()


def test_a_merge_refuses_a_book_entry_that_is_not_what_a_build_writes(
    published: tuple[Path, Path], tmp_path: Path
) -> None:
    project, _ = published
    out = tmp_path / "build"
    shutil.copytree(project / "build", out)
    manifest = build_manifest(project)
    manifest["books"][0]["formats"]["pdf"]["file"] = "../../etc/passwd"
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = run_cli("publish", "--merge", out, "--site", tmp_path / "site")
    assert result.exit_code == 2
    assert "book 1:" in result.stderr and "not a file of books/" in result.stderr
    manifest["books"][0]["parts"][0]["page"] = "3"
    manifest["books"][0]["formats"]["pdf"]["file"] = f"books/{BOOK}.pdf"
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = run_cli("publish", "--merge", out, "--site", tmp_path / "site")
    assert result.exit_code == 2 and "parts.1.page" in result.stderr
    assert not (tmp_path / "site").exists()


def test_the_page_filters_the_briefs_by_type_without_javascript(
    published: tuple[Path, Path],
) -> None:
    _, site = published
    html = (site / "index.html").read_text(encoding="utf-8")
    page = parse_page(html)
    assert "script" not in page.tags
    for label in ("All", "Briefing notes", "Talking points", "Meeting reports"):
        assert label in page.folded_text
    for slug, (kind, _) in TYPES.items():
        assert f"main:has(#show-{kind}:checked) #brief-list > li:not(.type-{kind})" in html
        listed = html.split('id="brief-list"')[1]  # past the book's links to its parts
        card = listed.split(f'href="{slug}.pdf"')[0].rsplit("<li", 1)[1]
        assert f'class="type-{kind}"' in card, slug
