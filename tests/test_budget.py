"""The page budget: measured from the laid-out pages, reported at the content file, made
an error by --strict or strict = true, and kept by fitting a brief that is just over."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from make_brief.render import budget, fit
from make_brief.render.job import RenderJob
from make_brief.render.pdf import PdfWriter, paging_of

from .conftest import pdf_pages, run_cli

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal.yaml"

SENTENCE = (
    "The delegation reported on the pilot of the shared transit guarantee and on the "
    "questions that the customs brokers of both countries raised during the consultation. "
)


def brief_text(sentences: int, extra: str = "") -> str:
    """A briefing note whose background is ``sentences`` sentences, four to a paragraph."""
    paragraphs = [SENTENCE * 4] * (sentences // 4) + (
        [SENTENCE * (sentences % 4)] * (sentences % 4 > 0)
    )
    body = "\n\n".join(p.strip() for p in paragraphs)
    indented = "\n".join(f"  {line}" if line else "" for line in body.splitlines())
    return (
        f"{extra}title: Transit guarantee pilot\ndate: 2023-11-02\n"
        "summary: The two administrations agreed to pilot a shared transit guarantee.\n"
        f"background: |\n{indented}\n"
    )


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder as the working folder: no make-brief.toml unless written."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build(*args: str | Path):
    return run_cli("build", "-j", "1", *args)


# --- measuring, the module alone --------------------------------------------------------


def job(tmp_path: Path, main: str) -> RenderJob:
    folder = tmp_path / "set"
    folder.mkdir(exist_ok=True)
    style = "@page { size: A5; margin: 20mm } body { font: 10pt/1.3 sans-serif } p { margin: 0 }"
    html = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>T</title>"
        f"<style>{style}</style></head><body><main>{main}</main></body></html>"
    )
    return RenderJob(html, Path("x.yaml"), folder.as_uri() + "/", (folder,))


def lines(count: int) -> str:
    return "".join(f"<p>line {i}</p>" for i in range(count))


def test_sections_are_measured_in_pages_and_the_back_matter_does_not_count(
    tmp_path: Path,
) -> None:
    html = (
        f"<section id='key-messages'>{lines(40)}</section><section id='background'>"
        f"{lines(15)}</section><div id='back-matter'><section id='sources'>{lines(90)}"
        "</section></div>"
    )
    paging = paging_of(budgeted(job(tmp_path, html), budget=5))
    assert paging is not None and not paging.over
    measure = paging.measure
    names = [name for name, _ in measure.sections]
    assert names == ["key_messages", "background"]  # ids as fields; back matter left out
    sizes = dict(measure.sections)
    assert sizes["key_messages"] > 2 * sizes["background"] > 0
    assert measure.counted == 2 and 1 < measure.length < 2


def test_back_matter_at_the_top_of_a_page_leaves_that_page_out(tmp_path: Path) -> None:
    html = (
        f"<section id='summary'>{lines(10)}</section>"
        f"<div id='back-matter' style='break-before: page'>{lines(200)}</div>"
    )
    paging = paging_of(budgeted(job(tmp_path, html), budget=1))
    assert paging is not None and paging.measure.counted == 1 and not paging.over


def test_without_back_matter_every_page_counts(tmp_path: Path) -> None:
    paging = paging_of(budgeted(job(tmp_path, f"<section id='a'>{lines(80)}</section>"), 1))
    assert paging is not None and paging.over
    assert paging.measure.counted == 3
    assert budget.verdict(paging).startswith("3 pages, budget 1: a 2.")


def budgeted(job: RenderJob, budget: int) -> RenderJob:
    """The job with a budget."""
    return replace(job, page_budget=budget)


def test_a_brief_within_budget_prints_the_same_bytes_as_without_one(tmp_path: Path) -> None:
    plain = job(tmp_path, f"<section id='a'>{lines(30)}</section>")
    within = budgeted(plain, 2)
    assert PdfWriter().render(plain).data == PdfWriter().render(within).data


def test_levels_are_data_and_their_stylesheet_is_the_same_each_time() -> None:
    assert [lv.number for lv in fit.LEVELS] == list(range(1, len(fit.LEVELS) + 1))
    assert all(lv.body_pt is None or lv.body_pt >= fit.MIN_BODY_PT for lv in fit.LEVELS)
    css = [fit.stylesheet(lv, 10.5, 1.42) for lv in fit.LEVELS]
    assert css == [fit.stylesheet(lv, 10.5, 1.42) for lv in fit.LEVELS]
    assert "--font-size: 10.00pt" in css[-1] and "--font-size: 10.50pt" in css[0]
    assert fit.describe(fit.LEVELS[1], 10.5) == "tighter spacing and 10 pt type"
    assert fit.describe(fit.LEVELS[1], 10.0) == "tighter spacing"  # type is already 10 pt
    assert fit.candidates(1.01, 1)[0] is fit.LEVELS[0] and fit.candidates(3.0, 1) == []


# --- through the command line -------------------------------------------------------------

#: Long enough to be over two pages whatever the template's spacing, too long to fit.
LONG = 110


def test_over_budget_warns_with_the_pages_and_the_longest_sections(project: Path) -> None:
    path = write(project / "content", "long.yaml", brief_text(LONG))
    result = build(path, "--out", "out", "-f", "pdf")
    assert result.exit_code == 0, result.output
    found = re.search(
        r"content/long\.yaml:1:1: warning: page_budget: (\d+) pages, budget 2: background "
        r"(\d\.\d) pages?",
        result.output,
    )
    assert found, result.output
    assert int(found[1]) == pdf_pages(project / "out" / "long.pdf") > 2


def test_the_content_files_budget_is_named_at_its_line(project: Path) -> None:
    path = write(project / "content", "long.yaml", brief_text(LONG, "page_budget: 1\n"))
    result = build(path, "--out", "out", "-f", "pdf")
    assert re.search(r"long\.yaml:1:14: warning: page_budget: \d+ pages, budget 1:", result.output)
    write(project / "content", "long.yaml", brief_text(LONG, "page_budget: 9\n"))
    result = build(path, "--out", "out", "-f", "pdf")
    assert result.exit_code == 0 and "page_budget" not in result.output, result.output


@pytest.mark.parametrize(("pages", "warned"), [("9", False), ("0", False), ("1", True)])
def test_make_brief_toml_changes_the_types_budget(project: Path, pages: str, warned: bool) -> None:
    write(project, "make-brief.toml", f"[page_budgets]\nbriefing-note = {pages}\n")
    path = write(project / "content", "long.yaml", brief_text(LONG))
    result = build(path, "--out", "out", "-f", "pdf")
    assert result.exit_code == 0, result.output
    assert (f"budget {pages}:" in result.output) is warned, result.output
    assert ("page_budget" in result.output) is warned


@pytest.mark.parametrize("how", ["--strict", "strict = true"])
def test_strict_fails_the_brief_and_builds_the_others(project: Path, how: str) -> None:
    if how != "--strict":
        write(project, "make-brief.toml", how + "\n")
    long = write(project / "content", "long.yaml", brief_text(LONG))
    write(project / "content", "minimal.yaml", MINIMAL.read_text(encoding="utf-8"))
    args = ["--strict"] if how == "--strict" else []
    result = build("content", "--out", "out", *args)
    assert result.exit_code == 1, result.output
    assert re.search(
        r"content/long\.yaml:1:1: page_budget: \d+ pages, budget 2: background", result.output
    )
    assert "warning: page_budget" not in result.output
    outputs = sorted(p.name for p in (project / "out").iterdir() if not p.name.startswith("."))
    assert outputs == ["manifest.json", "minimal.docx", "minimal.html", "minimal.pdf"]
    assert long.exists()


def test_a_skipped_brief_repeats_its_warning_and_strict_still_fails_it(project: Path) -> None:
    path = write(project / "content", "long.yaml", brief_text(LONG))
    first = build(path, "--out", "out", "-f", "pdf")
    again = build(path, "--out", "out", "-f", "pdf")
    assert "unchanged" in again.output or "skipped" in again.output, again.output
    warning = [line for line in first.output.splitlines() if "page_budget" in line]
    assert warning and warning == [w for w in again.output.splitlines() if "page_budget" in w]
    strict = build(path, "--out", "out", "-f", "pdf", "--strict")
    assert strict.exit_code == 1 and "long.yaml:1:1: page_budget:" in strict.output


def test_a_change_of_budget_in_the_config_rebuilds(project: Path) -> None:
    path = write(project / "content", "long.yaml", brief_text(LONG))
    build(path, "--out", "out", "-f", "pdf")
    write(project, "make-brief.toml", "[page_budgets]\nbriefing-note = 9\n")
    result = build(path, "--out", "out", "-f", "pdf")
    assert "unchanged" not in result.output and "page_budget" not in result.output


# --- fitting ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def near(tmp_path_factory: pytest.TempPathFactory) -> int:
    """The fewest sentences of background that take a briefing note past one page, as
    the built-in templates lay it out today (measured, so that a change of template
    does not break the tests)."""
    from make_brief.build.check import prepare
    from make_brief.build.run import Renderer, RenderSettings
    from make_brief.content.config import Config

    folder = tmp_path_factory.mktemp("probe")
    config = Config(root=folder)
    renderer = Renderer(RenderSettings(folder / "out", ("pdf",), config))

    def over(sentences: int) -> bool:
        path = write(folder, "probe.yaml", brief_text(sentences))
        job = replace(renderer.job(prepare(path, config)), page_budget=1)
        paging = paging_of(replace(job, page_budget=1))
        assert paging is not None
        return paging.level > 0 or paging.over

    low, high = 1, 40
    while not over(high):
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if over(middle) else (middle, high)
    return high


def test_a_brief_just_over_is_fitted_in_both_formats_and_says_so(project: Path, near: int) -> None:
    sentences = near
    path = write(project / "content", "near.yaml", brief_text(sentences, "page_budget: 1\n"))
    result = build(path, "--out", "out", "-f", "pdf", "-f", "docx")
    assert result.exit_code == 0, result.output
    assert re.search(
        r"near\.yaml:1:14: warning: page_budget: fitted to 1 page with (tighter|the tightest) "
        r"spacing",
        result.output,
    ), result.output
    assert pdf_pages(project / "out" / "near.pdf") == 1

    # The DOCX has the same fit: its styles' spacing is smaller than an unfitted one's.
    plain = write(project / "plain", "near.yaml", brief_text(sentences, "page_budget: 9\n"))
    assert build(plain, "--out", "plain-out", "-f", "docx").exit_code == 0
    fitted_styles = docx_spacing(project / "out" / "near.docx")
    plain_styles = docx_spacing(project / "plain-out" / "near.docx")
    assert fitted_styles["line"] < plain_styles["line"]
    assert fitted_styles["after"] < plain_styles["after"]
    assert fitted_styles["size"] <= plain_styles["size"]
    assert fitted_styles["size"] >= 2 * fit.MIN_BODY_PT


def test_docx_alone_gets_the_fit_the_pdf_would_have(project: Path, near: int) -> None:
    sentences = near
    path = write(project / "content", "near.yaml", brief_text(sentences, "page_budget: 1\n"))
    result = build(path, "--out", "out", "-f", "docx")
    assert "fitted to 1 page" in result.output, result.output
    assert not (project / "out" / "near.pdf").exists()


def test_a_fitted_brief_is_the_same_bytes_twice(project: Path, near: int) -> None:
    sentences = near
    path = write(project / "content", "near.yaml", brief_text(sentences, "page_budget: 1\n"))
    build(path, "--out", "one", "-f", "pdf", "-f", "docx")
    build(path, "--out", "two", "-f", "pdf", "-f", "docx")
    for name in ("near.pdf", "near.docx"):
        assert (project / "one" / name).read_bytes() == (project / "two" / name).read_bytes()


def docx_spacing(path: Path) -> dict[str, int]:
    """The document defaults' body size (half-points), line and after spacing."""
    styles = zipfile.ZipFile(path).read("word/styles.xml").decode()
    defaults = styles[styles.index("<w:docDefaults") : styles.index("</w:docDefaults>")]
    return {
        "size": int(re.search(r'<w:sz w:val="(\d+)"', defaults)[1]),
        "line": int(re.search(r'w:line="(\d+)"', defaults)[1]),
        "after": int(re.search(r'w:after="(\d+)"', defaults)[1]),
    }
