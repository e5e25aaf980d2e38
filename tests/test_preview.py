"""``make-brief preview`` as a user runs it: a process serving a page that follows saves.

The preview runs as a subprocess on a copy of the seed brief, with its own temporary
folder (to see that it leaves nothing there). One test drives Debian's headless Chromium
over the DevTools protocol (the client of tests/test_publish_browser.py), with scripts on,
as a writer's browser would be: edit the file and the page shows the new text; break it
and the page shows the problem at its line, as the command line prints it, in place of
the pages; fix it and the pages come back; Ctrl-C and the process ends, cleanly. Other
tests ask the server directly: a folder's index, the templates and make-brief.toml
watched, what the server refuses.

What is on the page is read from the DOM: the alternative text of each page image is the
page's text as PDFium extracts it. No test asserts a time; benchmarks/preview.py measures.
Without Chromium the browser test is skipped, except in CI (``CI=true``), where it fails.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import SEED
from .test_publish_browser import Chromium

SLUG = SEED.stem
TITLE_LINE = re.compile(r"^title: .*$", re.MULTILINE)
#: Long enough for a cold start (imports, fonts) on a busy 2-core machine.
PATIENCE = 90.0


class Preview:
    """A ``make-brief preview`` process, in its own session and temporary folder."""

    def __init__(self, project: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.tmp = project.parent / "preview-tmp"
        self.tmp.mkdir()
        env = {**os.environ, **(env or {}), "TMPDIR": str(self.tmp), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "make_brief", "preview", *args],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        line = self._first_line(PATIENCE)
        match = re.fullmatch(r"preview at (http://127\.0\.0\.1:(\d+)/) \(Ctrl-C stops\)\n", line)
        assert match, f"not the line that says where: {line!r}"
        self.url, self.port = match.group(1), int(match.group(2))

    def _first_line(self, timeout: float) -> str:
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            self.process.kill()
            _, err = self.process.communicate()
            pytest.fail(f"make-brief preview said nothing in {timeout} s; stderr:\n{err}")
        return self.process.stdout.readline()

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
        request = urllib.request.Request(self.url.rstrip("/") + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def status(self) -> dict[str, Any]:
        code, _, body = self.get("/status.json")
        assert code == 200
        return json.loads(body)

    def wait_for(self, what: str, check: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """The status once ``check`` holds for it; fails after PATIENCE seconds."""
        deadline = time.monotonic() + PATIENCE
        while True:
            status = self.status()
            if not status["building"] and check(status):
                return status
            if time.monotonic() > deadline:
                pytest.fail(f"the preview never showed {what}; it shows:\n{json.dumps(status)}")
            assert self.process.poll() is None, self.process.communicate()
            time.sleep(0.1)

    def stop(self, signum: int = signal.SIGINT) -> tuple[int, str, str]:
        self.process.send_signal(signum)
        out, err = self.process.communicate(timeout=60)
        return self.process.returncode, out, err

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


def brief(status: dict[str, Any], key: str = SLUG) -> dict[str, Any]:
    return next(b for b in status["briefs"] if b["key"] == key)


def shows(text: str, key: str = SLUG) -> Callable[[dict[str, Any]], bool]:
    def check(status: dict[str, Any]) -> bool:
        found = brief(status, key)
        return found["status"] == "ok" and text in " ".join(p["text"] for p in found["pages"])

    return check


def retitled(path: Path, title: str) -> None:
    path.write_text(TITLE_LINE.sub(f"title: {title}", path.read_text(encoding="utf-8"), 1))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    (folder / "content").mkdir(parents=True)
    shutil.copy(SEED, folder / "content" / SEED.name)
    return folder


@pytest.fixture
def preview(project: Path) -> Iterator[Callable[..., Preview]]:
    started: list[Preview] = []

    def start(*args: str, env: dict[str, str] | None = None) -> Preview:
        started.append(Preview(project, *args, env=env))
        return started[-1]

    yield start
    for process in started:
        process.kill()


def assert_stopped_cleanly(run: Preview, signum: int = signal.SIGINT) -> None:
    code, out, err = run.stop(signum)
    assert code == 0, (code, err)
    assert "Traceback" not in err, err
    assert err.splitlines()[-1] == "preview stopped", err
    with pytest.raises(ProcessLookupError):  # nothing it started lives on
        os.killpg(run.process.pid, 0)
    assert not list(run.tmp.iterdir()), "left in the temporary folder"


# In a browser.


PAGE_STATE = """(() => {
  const images = [...document.querySelectorAll('.page img')];
  return {
    alts: images.map((i) => i.alt),
    loaded: images.length > 0 && images.every((i) => i.complete && i.naturalWidth > 0),
    problems: [...document.querySelectorAll('.problems code')].map((c) => c.textContent),
    live: document.getElementById('live').textContent,
  };
})()"""


def page_state(chromium: Chromium) -> dict[str, Any]:
    reply = chromium.call("Runtime.evaluate", expression=PAGE_STATE, returnByValue=True)
    return reply["result"]["value"]


def wait_on_page(
    chromium: Chromium, what: str, check: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    deadline = time.monotonic() + PATIENCE
    while True:
        state = page_state(chromium)
        if check(state):
            return state
        if time.monotonic() > deadline:
            pytest.fail(f"the page never showed {what}; it shows:\n{json.dumps(state)[:2000]}")
        time.sleep(0.1)


def test_the_page_follows_edits_breakage_and_fixes(
    project: Path, preview: Callable[..., Preview], chromium: Chromium, tmp_path: Path
) -> None:
    from PIL import Image

    content = project / "content" / SEED.name
    original = content.read_text(encoding="utf-8")
    run = preview(f"content/{SEED.name}")
    run.wait_for("the seed brief", shows("Counter-Terrorism Week"))

    chromium.call("Runtime.enable")
    chromium.call("Log.enable")
    chromium.call("Page.enable")
    chromium.call(
        "Emulation.setDeviceMetricsOverride",
        width=1100,
        height=1400,
        deviceScaleFactor=1,
        mobile=False,
    )
    chromium.call("Page.navigate", url=run.url)
    chromium.wait_for("Page.loadEventFired")
    first = wait_on_page(chromium, "the pages", lambda s: s["loaded"])
    assert len(first["alts"]) >= 2
    assert first["alts"][0].startswith(f"Page 1 of {len(first['alts'])}: ")
    assert "Counter-Terrorism Week" in first["alts"][0]

    # An edit: the page shows the new text, without being reloaded.
    chromium.call("Runtime.evaluate", expression="window.notReloaded = true")
    retitled(content, "Customs at the Counter-Terrorism Week, as edited")
    wait_on_page(
        chromium,
        "the new title",
        lambda s: (
            s["loaded"] and "Customs at the Counter-Terrorism Week, as edited" in s["alts"][0]
        ),
    )
    kept = chromium.call("Runtime.evaluate", expression="window.notReloaded === true")
    assert kept["result"]["value"] is True, "the page was reloaded instead of updated"

    # Broken: the problem at its line, as the command line prints it, instead of pages.
    line = next(n for n, text in enumerate(original.splitlines(), 1) if text.startswith("title:"))
    content.write_text(original.replace("\ntitle:", "\ntitel:", 1), encoding="utf-8")
    broken = wait_on_page(chromium, "the problem", lambda s: s["problems"])
    assert broken["problems"] == [
        f"content/{SEED.name}:{line}:1: titel: unknown field; did you mean 'title'?"
    ]
    assert broken["alts"] == []
    shot = base64.b64decode(chromium.call("Page.captureScreenshot", format="png")["data"])
    (tmp_path / "preview-broken.png").write_bytes(shot)

    # Fixed: the pages come back.
    content.write_text(original, encoding="utf-8")
    back = wait_on_page(chromium, "the pages again", lambda s: s["loaded"] and not s["problems"])
    assert back["alts"] == first["alts"]
    assert back["live"] == ""
    shot = base64.b64decode(chromium.call("Page.captureScreenshot", format="png")["data"])
    (tmp_path / "preview.png").write_bytes(shot)
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    assert len(image.getcolors(1 << 20) or []) > 50, "a blank screen"

    # Nothing the page did was refused (the Content-Security-Policy) or failed.
    errors = [
        e["params"]
        for e in chromium.events
        if e.get("method") == "Runtime.exceptionThrown"
        or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
    ]
    assert not errors, errors

    # Ctrl-C: one line, status 0, nothing left running or behind; the page says so.
    assert_stopped_cleanly(run)
    wait_on_page(chromium, "that the preview stopped", lambda s: "stopped" in s["live"])


# Over HTTP.


def test_a_folder_has_an_index_and_a_page_per_brief(
    project: Path, preview: Callable[..., Preview]
) -> None:
    french = project / "content" / "fr.yaml"
    shutil.copy(SEED.with_name(f"{SLUG}-fr.yaml"), french)
    run = preview()  # content/, by default
    status = run.wait_for("both briefs", lambda s: all(b["status"] == "ok" for b in s["briefs"]))
    assert [b["key"] for b in status["briefs"]] == ["fr", SLUG]
    code, _, index = run.get("/")
    assert code == 200
    assert f'href="/b/{SLUG}/"'.encode() in index and b'href="/b/fr/"' in index
    code, _, page = run.get("/b/fr/")
    assert code == 200 and b"Semaine" in page

    # One brief edited: only that one is built again.
    before = brief(status)["version"]
    retitled(french, "Le titre a changé")
    status = run.wait_for("the French edit", shows("Le titre a changé", "fr"))
    assert brief(status)["version"] == before

    # A brief removed leaves the index; one added joins it.
    french.unlink()
    shutil.copy(SEED, project / "content" / "copy.yaml")
    status = run.wait_for(
        "the new list", lambda s: [b["key"] for b in s["briefs"]] == ["copy", SLUG]
    )
    status = run.wait_for("the copy built", shows("Counter-Terrorism Week", "copy"))
    code, _, _ = run.get("/b/fr/")
    assert code == 404
    assert_stopped_cleanly(run, signal.SIGTERM)


def test_templates_and_the_project_config_are_watched(
    project: Path, preview: Callable[..., Preview]
) -> None:
    run = preview(f"content/{SEED.name}")
    run.wait_for("the seed brief", shows("Briefing note"))

    # A project templates/ folder appears, overriding one label.
    labels = project / "templates" / "briefing-note" / "labels"
    labels.mkdir(parents=True)
    (labels / "en.yaml").write_text("document_type: Speaking notes for the preview\n")
    run.wait_for("the project's label", shows("Speaking notes for the preview"))

    # make-brief.toml broken: its problem, at its line, on the page; fixed: the pages.
    config = project / "make-brief.toml"
    config.write_text('organisation = "Customs of Nowhere"\nlanguage = english\n')
    status = run.wait_for("the config's problem", lambda s: s["alert"])
    assert status["alert"][0].startswith("make-brief.toml:2:"), status["alert"]
    code, _, page = run.get(f"/b/{SLUG}/fragment")
    assert code == 200 and b"make-brief.toml:2:" in page and b"<img" not in page
    config.write_text('organisation = "Customs of Nowhere"\n')
    run.wait_for("the organisation", shows("Customs of Nowhere"))
    assert_stopped_cleanly(run)


def test_the_server_serves_only_its_own_pages(
    project: Path, preview: Callable[..., Preview], tmp_path: Path
) -> None:
    # --open hands the address to the user's browser (here a script that notes it).
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf %s "$1" > {opened}\n')
    browser.chmod(0o755)
    run = preview(f"content/{SEED.name}", "--port", "0", "--open", env={"BROWSER": f"{browser} %s"})
    status = run.wait_for("the seed brief", shows("Counter-Terrorism Week"))
    assert opened.read_text() == run.url

    code, headers, _ = run.get("/")
    assert code == 200  # redirected to the brief's page, the only one
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    image = brief(status)["pages"][0]["image"]
    code, headers, png = run.get(image)
    assert code == 200 and headers["Content-Type"] == "image/png"
    assert png.startswith(b"\x89PNG")
    for path in (
        "/etc/passwd",
        "/../../../etc/passwd",
        "/b/..%2F..%2Fetc%2Fpasswd/",
        f"/b/{SLUG}/../../content/{SEED.name}",
        f"/content/{SEED.name}",
        "/img/0123.png",
        "/preview.js/../../__init__.py",
    ):
        assert run.get(path)[0] == 404, path
    # A page elsewhere that points a name at 127.0.0.1 cannot read the preview.
    assert run.get("/", {"Host": f"attacker.example:{run.port}"})[0] == 421

    # Listening on 127.0.0.1 only; a port in use is a usage error.
    if shutil.which("ss"):
        listening = subprocess.run(
            ["ss", "-Hltn", f"sport = :{run.port}"], capture_output=True, text=True, check=True
        )
        assert listening.stdout.split()[3] == f"127.0.0.1:{run.port}", listening.stdout
    taken = subprocess.run(
        [sys.executable, "-m", "make_brief", "preview", "--port", str(run.port)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
    )
    assert taken.returncode == 2, taken.stderr
    assert f"cannot listen on 127.0.0.1:{run.port}" in taken.stderr
    assert_stopped_cleanly(run)


def test_a_missing_path_is_a_usage_error(project: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "make_brief", "preview", "nowhere/"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
    )
    assert done.returncode == 2
    assert done.stderr == "error: nowhere: no such file or folder\n"


def test_the_command_line_loads_no_preview_until_it_runs() -> None:
    """``make-brief --help`` lists the command without importing what it runs on."""
    code = (
        "import sys; from make_brief.cli import main; "
        "from make_brief.commands import preview; "
        "heavy = [m for m in ('make_brief.preview', 'watchfiles', 'weasyprint', "
        "'pypdfium2', 'http.server') if m in sys.modules]; print(heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    helped = subprocess.run(
        [sys.executable, "-m", "make_brief", "--help"], capture_output=True, text=True, check=True
    )
    assert re.search(r"^\s+preview\s+Show PATHS", helped.stdout, re.MULTILINE), helped.stdout
