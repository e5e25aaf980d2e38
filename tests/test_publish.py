"""make-brief publish: the site of the examples, read as a visitor, a feed reader and a
script would read it; the marking ceiling; the same bytes every time; merging shards.

The helpers at the top are shared with the other ``test_publish_*`` modules.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from make_brief.content.load import load_brief

from .conftest import CASES, CONTENT, run_cli

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BASE_URL = "https://briefs.example.org/nightly/"
#: Captured before conftest's autouse fixture clears it for every test.
IN_CI = os.environ.get("CI", "").lower() == "true"
MAKE_BRIEF = [sys.executable, "-m", "make_brief"]


# --- helpers shared by the test_publish_* modules ---------------------------------------


def example_files() -> list[Path]:
    """The examples: the project's content and every valid test case."""
    return sorted(CONTENT.glob("*.yaml")) + sorted((CASES / "valid").glob("*.yaml"))


def make_project(folder: Path, files: list[Path] | None = None, allowed: list[str] | None = None):
    """A project folder as CI checks it out: ``content/`` and a ``make-brief.toml`` whose
    ``publish_allowed`` admits every marking of its briefs (or ``allowed``)."""
    content = folder / "content"
    content.mkdir(parents=True)
    for path in files if files is not None else example_files():
        shutil.copy(path, content / path.name)
    if allowed is None:
        allowed = sorted({marking_of(p) for p in content.glob("*.yaml")})
    listed = ", ".join(json.dumps(m, ensure_ascii=False) for m in allowed)
    (folder / "make-brief.toml").write_text(
        f'organisation = "World Customs Organization"\npublish_allowed = [{listed}]\n',
        encoding="utf-8",
    )
    return folder


def marking_of(path: Path) -> str:
    """The marking a brief is printed with: its own, else "unclassified" in its language."""
    from make_brief.content.labels import load_labels
    from make_brief.locations import builtin_dir

    brief = load_brief(path).brief
    default = load_labels([builtin_dir() / "briefing-note"], brief.language or "en")
    return brief.classification or default["unclassified"]


def publish(project: Path, site: Path, *args: str | Path):
    """``make-brief publish`` in-process, in ``project`` as a user would run it there."""
    return run_cli(
        "-c", project / "make-brief.toml", "publish", project / "content",
        "--site", site, "--out", project / "build", "-j", "2", *args,
    )  # fmt: skip


def tree_digests(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (hidden ones too) -> its sha256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Bytes and modification times: what "untouched" means."""
    if not folder.exists():
        return {}
    return {
        name: (digest, (folder / name).stat().st_mtime_ns)
        for name, digest in tree_digests(folder).items()
    } | {"": ("folder", 0)}


class Links(HTMLParser):
    """Every link and image address of a page, the ids, the text, and what should not be
    there (scripts, event handlers)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: set[str] = set()
        self.images: list[dict[str, str | None]] = []
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.text: list[str] = []
        self.h2: list[str] = []
        self.html_lang: str | None = None
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if tag == "h2":
            self._in_h2 = True
            self.h2.append("")
        if tag == "img":
            self.images.append(attributes)
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.urls.append(value)
            if name == "id" and value:
                self.ids.add(value)
            if name.startswith("on"):
                self.handlers.append(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_h2:
            self.h2[-1] += data

    @property
    def folded_text(self) -> str:
        return " ".join("".join(self.text).split())


def parse_page(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


def resolve(site: Path, page: Path, url: str, ids: set[str]) -> Path:
    """The file a relative address on ``page`` points at; fails on anything that leaves
    the site or points nowhere."""
    parts = urlsplit(url)
    assert not parts.scheme and not parts.netloc, f"{url}: the site links only to itself"
    if not parts.path:
        assert parts.fragment in ids, f"{url}: no element with that id"
        return page
    target = (page.parent / unquote(parts.path)).resolve()
    if unquote(parts.path).endswith("/"):
        target = target / "index.html"
    assert target.is_relative_to(site.resolve()), f"{url} leaves the site"
    assert target.is_file(), f"{url}: no such file in the site"
    return target


def site_manifest(site: Path) -> dict:
    return json.loads((site / "manifest.json").read_text(encoding="utf-8"))


# --- the site of the examples ---------------------------------------------------------


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The examples built and published once: (project folder, site folder)."""
    project = make_project(tmp_path_factory.mktemp("examples"))
    site = project / "site"
    result = publish(project, site, "--base-url", BASE_URL)
    assert result.exit_code == 0, result.output
    return project, site


def built_briefs(project: Path) -> list[dict]:
    return json.loads((project / "build" / "manifest.json").read_text(encoding="utf-8"))["briefs"]


def test_the_page_lists_every_brief_newest_first_with_what_a_reader_needs(
    examples: tuple[Path, Path],
) -> None:
    project, site = examples
    briefs = built_briefs(project)
    assert len(briefs) == len(example_files())
    page = parse_page((site / "index.html").read_text(encoding="utf-8"))
    assert page.html_lang == "en"
    assert page.tags.count("h1") == 1
    # Newest first: the headings come in the order of the dates, each brief once.
    assert [" ".join(h.split()) for h in page.h2] == [b["title"] for b in briefs]
    assert [b["date"] for b in briefs] == sorted((b["date"] for b in briefs), reverse=True)
    text = page.folded_text
    for brief in briefs:
        for fact in ("title", "date_text", "classification", "reference", "summary"):
            if brief[fact]:
                assert " ".join(brief[fact].split()) in text, (brief["slug"], fact)
    # Every first page is pictured, and says what it is.
    assert len(page.images) == len(briefs)
    for image in page.images:
        assert image.get("alt"), image
        assert image.get("width") and image.get("height")


def test_every_link_and_image_on_the_page_resolves_to_a_file_of_the_site(
    examples: tuple[Path, Path],
) -> None:
    project, site = examples
    page = parse_page((site / "index.html").read_text(encoding="utf-8"))
    targets = {resolve(site, site / "index.html", url, page.ids) for url in page.urls}
    for brief in built_briefs(project):
        for fmt in ("pdf", "docx"):
            assert site / brief["formats"][fmt]["file"] in targets
        assert site / "thumbnails" / f"{brief['slug']}.png" in targets
    assert site / "feed.xml" in targets and site / "manifest.json" in targets


def test_the_page_needs_no_javascript_and_prints_hostile_text_as_typed(
    examples: tuple[Path, Path],
) -> None:
    _, site = examples
    html = (site / "index.html").read_text(encoding="utf-8")
    page = parse_page(html)
    assert "script" not in page.tags and not page.handlers
    assert "script-src 'none'" in html  # and the browser would refuse one anyway
    # The hostile case's markup is text on the page, never markup.
    assert "<script>alert" not in html and "&lt;script&gt;alert(" in html
    assert "<b>ref</b>" not in html
    assert "<script>alert('x')</script> {{ 7*7 }}" in page.folded_text


def test_the_manifest_lists_every_file_with_its_true_checksum(examples: tuple[Path, Path]) -> None:
    project, site = examples
    manifest = site_manifest(site)
    assert manifest["generator"] == "make-brief" and manifest["kind"] == "site"
    built = {b["slug"]: b for b in built_briefs(project)}
    assert [b["slug"] for b in manifest["briefs"]] == list(built)  # newest first, as built
    listed = {"index.html", "feed.xml", "manifest.json"}
    for brief in manifest["briefs"]:
        source = built[brief["slug"]]
        for key in ("title", "date", "reference", "pages", "language", "summary"):
            assert brief[key] == source[key]
        assert brief["marking"] == source["classification"]
        assert set(brief["formats"]) == {"pdf", "docx"}
        for file in [*brief["formats"].values(), brief["thumbnail"]]:
            data = (site / file["file"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == file["sha256"]
            assert len(data) == file["bytes"]
            listed.add(file["file"])
        for fmt, file in brief["formats"].items():  # the very bytes that were built
            assert file["sha256"] == source["formats"][fmt]["sha256"]
    on_disk = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert on_disk == listed  # nothing more, nothing less; no lock or temporary left


def test_the_thumbnails_are_first_pages_as_png(examples: tuple[Path, Path]) -> None:
    from PIL import Image

    _, site = examples
    for brief in site_manifest(site)["briefs"]:
        thumbnail = brief["thumbnail"]
        with Image.open(site / thumbnail["file"]) as image:
            assert image.format == "PNG"
            assert image.width == 2 * thumbnail["width"]  # drawn at 2x for sharp screens
            assert abs(image.height - 2 * thumbnail["height"]) <= 2
            assert thumbnail["height"] > thumbnail["width"]  # a portrait page
            assert len(image.convert("RGB").getcolors(1 << 16) or []) > 8  # text, not blank


def test_the_feed_is_atom_with_one_entry_per_brief_newest_first(
    examples: tuple[Path, Path],
) -> None:
    project, site = examples
    briefs = built_briefs(project)
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}base") == BASE_URL
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "World Customs Organization"
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == BASE_URL + "feed.xml"
    assert feed.findtext(f"{ATOM}updated") == f"{briefs[0]['date']}T00:00:00Z"

    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [b["title"] for b in briefs]
    ids = [e.findtext(f"{ATOM}id") for e in entries] + [feed.findtext(f"{ATOM}id")]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i or "") for i in ids)
    for entry, brief in zip(entries, briefs, strict=True):
        assert entry.findtext(f"{ATOM}updated") == f"{brief['date']}T00:00:00Z"
        assert entry.find(f"{ATOM}title").get(XML_LANG) == brief["language"]
        assert entry.findtext(f"{ATOM}summary") == brief["summary"]
        assert entry.find(f"{ATOM}category").get("term") == brief["classification"]
        links = entry.findall(f"{ATOM}link[@rel='alternate']")
        assert {link.get("type") for link in links} == {
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }
        for link in links:  # relative, resolved against xml:base: files of the site
            assert (site / unquote(link.get("href"))).is_file()
            assert int(link.get("length")) == (site / unquote(link.get("href"))).stat().st_size


def test_feed_ids_do_not_depend_on_where_the_site_lives(
    examples: tuple[Path, Path], tmp_path: Path
) -> None:
    project, site = examples
    elsewhere = tmp_path / "site"
    assert publish(project, elsewhere).exit_code == 0  # no --base-url this time

    def ids(folder: Path) -> list[str]:
        return [e.text for e in ET.parse(folder / "feed.xml").getroot().iter(f"{ATOM}id")]

    assert ids(elsewhere) == ids(site)
    assert ET.parse(elsewhere / "feed.xml").getroot().find(f"{ATOM}link[@rel='self']").get(
        "href"
    ) == ("feed.xml")


def test_two_clean_publishes_give_the_same_bytes_whatever_the_environment(
    examples: tuple[Path, Path], tmp_path: Path
) -> None:
    """A second machine: a fresh build folder, another working folder, time zone, locale
    and hash seed, in a process of its own."""
    project, site = examples
    other = make_project(tmp_path / "elsewhere", files=sorted(example_files(), reverse=True))
    env = {
        **os.environ,
        "TZ": "Pacific/Kiritimati",
        "LC_ALL": "C.UTF-8",
        "LANG": "fr_FR.UTF-8",
        "PYTHONHASHSEED": "12345",
    }
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(
        [*MAKE_BRIEF, "-q", "publish", "--site", "public", "--base-url", BASE_URL, "-j", "1"],
        cwd=other,
        env=env,
        check=True,
        capture_output=True,
    )
    assert tree_digests(other / "public") == tree_digests(site)


def test_publishing_again_changes_only_what_changed(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", files=example_files()[:3])
    site = project / "site"
    assert publish(project, site).exit_code == 0
    (site / "README.txt").write_text("not make-brief's")  # someone else's file
    first = snapshot(site)

    again = publish(project, site)
    assert again.exit_code == 0, again.output
    assert "0 files written" in again.stdout
    assert snapshot(site) == first  # not even rewritten

    gone = sorted((project / "content").glob("*.yaml"))[0]
    gone.unlink()
    result = publish(project, site)
    assert result.exit_code == 0, result.output
    assert not (site / f"{gone.stem}.pdf").exists()
    assert not (site / f"{gone.stem}.docx").exists()
    assert not (site / "thumbnails" / f"{gone.stem}.png").exists()
    assert gone.stem not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "README.txt").read_text() == "not make-brief's"
    assert len(site_manifest(site)["briefs"]) == 2


# --- the marking ceiling ----------------------------------------------------------------


def restricted_project(folder: Path, allowed: list[str] | None = None) -> tuple[Path, Path]:
    """The seed and a copy of the minimal case marked RESTRICTED."""
    project = make_project(folder, files=[CONTENT / "wco-un-counter-terrorism-week-2020.yaml"])
    minimal = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    restricted = project / "content" / "internal-meeting.yaml"
    restricted.write_text("classification: RESTRICTED\n" + minimal, encoding="utf-8")
    listed = ", ".join(json.dumps(m) for m in (allowed or ["UNCLASSIFIED", "PUBLIC"]))
    (project / "make-brief.toml").write_text(f"publish_allowed = [{listed}]\n")
    return project, restricted


def test_a_restricted_brief_stops_the_publication_and_nothing_is_written(tmp_path: Path) -> None:
    project, restricted = restricted_project(tmp_path / "project")
    fresh = tmp_path / "fresh-site"
    result = publish(project, fresh)
    assert result.exit_code == 1
    assert f"{restricted}: marked 'RESTRICTED'" in result.stderr
    assert "UNCLASSIFIED, PUBLIC" in result.stderr and "nothing was published" in result.stderr
    assert not fresh.exists()

    # A site that was already there is left exactly as it was.
    site = tmp_path / "site"
    restricted.rename(restricted.with_suffix(".yaml.off"))
    assert publish(project, site).exit_code == 0
    before = snapshot(site)
    restricted.with_suffix(".yaml.off").rename(restricted)
    result = publish(project, site)
    assert result.exit_code == 1
    assert "internal-meeting" in result.stderr
    assert snapshot(site) == before


def test_markings_compare_trimmed_and_without_regard_to_case(tmp_path: Path) -> None:
    project, restricted = restricted_project(tmp_path / "project", allowed=[" unclassified "])
    restricted.write_text(restricted.read_text().replace("RESTRICTED", "Unclassified"))
    result = publish(project, tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert len(site_manifest(tmp_path / "site")["briefs"]) == 2


def test_every_offending_brief_is_named_with_its_marking(tmp_path: Path) -> None:
    from make_brief.publish import MarkingRefused, check_ceiling

    briefs = [
        {"slug": "a", "classification": "SECRET"},
        {"slug": "b", "classification": "PUBLIC"},
        {"slug": "c", "classification": "Confidential"},
    ]
    with pytest.raises(MarkingRefused) as caught:
        check_ceiling(briefs, ["UNCLASSIFIED", "public"], names={"a": "content/a.yaml"})
    message = str(caught.value)
    assert "2 briefs have a marking that may not be published" in message
    assert "content/a.yaml: marked 'SECRET'" in message
    assert "c: marked 'Confidential'" in message
    assert "b:" not in message
    assert MarkingRefused.exit_code == 1


# --- merging shards, and what a merge refuses -------------------------------------------


def test_a_merge_refuses_one_slug_built_two_ways(tmp_path: Path) -> None:
    seed = CONTENT / "wco-un-counter-terrorism-week-2020.yaml"
    one = make_project(tmp_path / "one", files=[seed])
    two = make_project(tmp_path / "two", files=[seed])
    changed = two / "content" / seed.name
    changed.write_text(changed.read_text(encoding="utf-8").replace("Week", "Wk"), encoding="utf-8")
    for project in (one, two):
        result = run_cli("build", project / "content", "--out", project / "out", "-f", "pdf")
        assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    result = run_cli("publish", "--merge", one / "out", two / "out", "--site", site)
    assert result.exit_code == 2
    assert "wco-un-counter-terrorism-week-2020:" in result.stderr
    assert str(one / "out") in result.stderr and str(two / "out") in result.stderr
    assert not site.exists()
    # The same brief built the same way in two folders is simply listed once.
    result = run_cli("publish", "--merge", one / "out", one / "out", "--site", site)
    assert result.exit_code == 0, result.output
    assert len(site_manifest(site)["briefs"]) == 1


def test_a_merge_refuses_a_file_that_is_not_what_its_manifest_says(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", files=[CASES / "valid" / "minimal.yaml"])
    out = project / "out"
    assert run_cli("build", project / "content", "--out", out, "-f", "pdf").exit_code == 0
    (out / "minimal.pdf").write_bytes((out / "minimal.pdf").read_bytes() + b"\n%tampered")
    result = run_cli("publish", "--merge", out, "--site", tmp_path / "site")
    assert result.exit_code == 2
    assert "minimal.pdf" in result.stderr and "sha256" in result.stderr


def test_merge_asks_for_build_folders(tmp_path: Path) -> None:
    result = run_cli("publish", "--merge", tmp_path, "--site", tmp_path / "site")
    assert result.exit_code == 2
    assert "no manifest.json" in result.stderr
    result = run_cli("publish", "--merge", tmp_path, "--site", tmp_path / "s", "--force")
    assert result.exit_code == 2 and "do not apply" in result.stderr
    result = run_cli("publish", "--site", tmp_path / "build", "--out", tmp_path / "build", CONTENT)
    assert result.exit_code == 2 and "also a build folder" in result.stderr


def test_a_brief_that_fails_is_left_off_and_the_rest_published(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", files=[CASES / "valid" / "minimal.yaml"])
    shutil.copy(CASES / "invalid" / "bad-email.yaml", project / "content" / "broken.yaml")
    result = publish(project, tmp_path / "site")
    assert result.exit_code == 1
    assert "broken.yaml" in result.stderr
    assert [b["slug"] for b in site_manifest(tmp_path / "site")["briefs"]] == ["minimal"]
