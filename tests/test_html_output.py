"""The ``.html`` a build writes stands alone: one file, to open anywhere or to mail.

Its stylesheets are inline (``@import`` resolved), its images ``data:`` URLs, and nothing
in it points at the author's disk. The intermediate HTML, which the PDF, the DOCX and the
golden files use, is unchanged (tests/test_golden.py holds the two together).
"""

from __future__ import annotations

import base64
import io
import re
import shutil
from pathlib import Path

import pytest

from make_brief.locations import builtin_dir

from .conftest import SEED, run_cli
from .test_publish_browser import NAVY, Chromium

RED = (0xC8, 0x10, 0x2E)  # the test logo's colour: no other part of a brief uses it
#: A brief with its logo must stay small enough to mail.
MAILABLE = 300 * 1024


def red_png(size: int = 64) -> bytes:
    from PIL import Image

    picture = Image.new("RGB", (size, size), RED)
    data = io.BytesIO()
    picture.save(data, format="PNG")
    return data.getvalue()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed brief in a project whose make-brief.toml names a PNG logo."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "logo.png").write_bytes(red_png())
    (tmp_path / "make-brief.toml").write_text(
        'organisation = "Customs Administration of Ruritania"\nlogo = "assets/logo.png"\n'
    )
    (tmp_path / "content").mkdir()
    shutil.copy(SEED, tmp_path / "content" / "seed.yaml")
    return tmp_path


def build_html(project: Path) -> str:
    result = run_cli("build", "-f", "html", "-f", "pdf")
    assert result.exit_code == 0, result.output
    return (project / "build" / "seed.html").read_text(encoding="utf-8")


def test_nothing_points_at_the_author_s_disk(project: Path) -> None:
    html = build_html(project)
    assert "file:" not in html
    assert str(project) not in html
    assert not re.search(r"""href=["']?[^"'>]*style\.css""", html)
    assert "<link" not in html
    assert "@import" not in html
    assert "url(fonts/" not in html and ".ttf" not in html


def test_the_stylesheet_and_its_theme_are_inline(project: Path) -> None:
    html = build_html(project)
    head = html.split("<body", 1)[0]
    theme = (builtin_dir() / "common" / "theme.css").read_text()
    accent = re.search(r"--accent:\s*(#[0-9a-f]{6})", theme).group(1)
    assert f"--accent: {accent};" in head  # from ../common/theme.css, imported
    assert "table.memo" in head and ".document-type" in head  # from style.css itself
    # The set's sheet comes before the template's own <style> with the page's margins,
    # as the link did.
    assert head.index("--accent") < head.index("@top-center { content:")


def test_fonts_are_the_reader_s_own_of_the_same_names(project: Path) -> None:
    html = build_html(project)
    assert "@font-face" not in html  # 3 MB of Carlito and Noto would not mail
    assert '--font: "Carlito", "Noto Sans Arabic", sans-serif;' in html


def test_the_logo_is_a_data_url(project: Path) -> None:
    html = build_html(project)
    found = re.search(r'<img class="logo" src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert found, "the logo is not embedded"
    assert base64.b64decode(found.group(1)) == (project / "assets" / "logo.png").read_bytes()


def test_the_file_is_small_enough_to_mail(project: Path) -> None:
    assert len(build_html(project).encode("utf-8")) < MAILABLE


def test_the_body_is_the_intermediate_s(project: Path) -> None:
    """Only the logo's address differs: what a reader sees is what the PDF says."""
    from make_brief.build.check import prepare
    from make_brief.build.run import Renderer, RenderSettings
    from make_brief.content.config import load_config

    config = load_config()
    job = Renderer(RenderSettings(project, ("html",), config)).job(
        prepare(project / "content" / "seed.yaml", config)
    )
    written = build_html(project)

    def body(html: str) -> str:
        return re.sub(r'(<img class="logo" src=")[^"]*"', r'\1"', html.split("<body", 1)[1])

    assert body(written) == body(job.html)
    assert "file:" in job.html  # the intermediate still names the logo on disk, for the PDF


def test_an_image_the_stylesheet_uses_is_embedded(project: Path) -> None:
    folder = project / "templates" / "briefing-note"
    folder.mkdir(parents=True)
    (folder / "mark.png").write_bytes(red_png(8))
    css = (builtin_dir() / "briefing-note" / "style.css").read_text()
    (folder / "style.css").write_text(css + "\nmain { background: url(mark.png) no-repeat; }\n")
    html = build_html(project)
    assert 'url("data:image/png;base64,' in html
    assert "mark.png" not in html


@pytest.mark.parametrize(
    ("rule", "shown"),
    [
        ("main { background: url(https://example.org/x.png) }", "https://example.org/x.png"),
        ("main { background: url(../../secret.png) }", "secret.png"),
    ],
)
def test_what_the_pdf_may_not_read_the_html_may_not_carry(
    project: Path, rule: str, shown: str
) -> None:
    (project / "secret.png").write_bytes(red_png(4))
    folder = project / "templates" / "briefing-note"
    folder.mkdir(parents=True)
    css = (builtin_dir() / "briefing-note" / "style.css").read_text()
    (folder / "style.css").write_text(css + "\n" + rule + "\n")
    result = run_cli("build", "-f", "html")
    assert result.exit_code == 1
    assert "content/seed.yaml: cannot be rendered:" in result.stderr and shown in result.stderr
    assert not (project / "build" / "seed.html").exists()


# --- in a browser ----------------------------------------------------------------------


def test_the_file_alone_renders_in_chromium_with_the_theme(
    project: Path, chromium: Chromium, tmp_path: Path
) -> None:
    """Copied on its own to an empty folder, as a mail attachment would arrive, the page
    asks for nothing else, and shows the theme's navy and the logo."""
    from PIL import Image

    alone = tmp_path / "received"
    alone.mkdir()
    page = alone / "seed.html"
    page.write_text(build_html(project), encoding="utf-8")

    chromium.call("Network.enable")
    chromium.call("Page.enable")
    chromium.call("Emulation.setScriptExecutionDisabled", value=True)
    chromium.call(
        "Emulation.setDeviceMetricsOverride",
        width=900,
        height=1200,
        deviceScaleFactor=1,
        mobile=False,
    )
    chromium.call("Page.navigate", url=page.as_uri())
    chromium.wait_for("Page.loadEventFired")
    chromium.settle()

    failed = [e["params"] for e in chromium.named("Network.loadingFailed")]
    assert not failed, failed
    requested = {e["params"]["request"]["url"] for e in chromium.named("Network.requestWillBeSent")}
    assert {url for url in requested if not url.startswith("data:")} == {page.as_uri()}

    shot = base64.b64decode(chromium.call("Page.captureScreenshot", format="png")["data"])
    colours = Image.open(io.BytesIO(shot)).convert("RGB").getcolors(1 << 20) or []
    navy = sum(count for count, colour in colours if colour == NAVY)
    red = sum(count for count, colour in colours if colour == RED)
    assert navy > 2000, "the theme's accent colour is missing: was the style sheet applied?"
    assert red > 500, "the logo is missing"


def test_a_stylesheet_that_is_not_there_is_named(project: Path) -> None:
    folder = project / "templates" / "briefing-note"
    folder.mkdir(parents=True)
    template = (builtin_dir() / "briefing-note" / "brief.html.j2").read_text()
    (folder / "brief.html.j2").write_text(template.replace('href="style.css"', 'href="gone.css"'))
    result = run_cli("build", "-f", "html")
    assert result.exit_code == 1
    assert "gone.css: not found in the template folders" in result.stderr
