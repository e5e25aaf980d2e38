"""The published page in a real browser, with JavaScript off: Debian's headless Chromium.

Chromium is driven over its DevTools protocol on a pipe (``--remote-debugging-pipe``), not
through its ``--screenshot``/``--dump-dom`` switches: those run JavaScript of their own,
so with scripts disabled they silently write nothing. Here scripts are switched off for
the page (``Emulation.setScriptExecutionDisabled``) before it loads, then the test takes a
1280x1600 screenshot, reads the DOM as Chromium built it, and lays the page out at a
phone's width. The screenshot is kept at docs/images/site-index.png for people to look at.

Without Chromium the test is skipped, except in CI (``CI=true``), where it fails: the
project's test set-up installs it.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import io
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from .conftest import ROOT
from .test_publish import make_project, parse_page, publish, resolve, site_manifest

SCREENSHOT = ROOT / "docs" / "images" / "site-index.png"
NAVY = (0x1D, 0x3F, 0x6E)  # the briefs' accent colour, --accent in both style sheets
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
]


class Chromium:
    """Just enough of the DevTools protocol: commands and events as NUL-ended JSON on
    file descriptors 3 (to Chromium) and 4 (from it)."""

    def __init__(self, executable: str, profile: Path) -> None:
        to_browser, from_browser = os.pipe(), os.pipe()
        # The child's ends, moved above 4 first so that placing them cannot clash.
        child_in = fcntl.fcntl(to_browser[0], fcntl.F_DUPFD, 10)
        child_out = fcntl.fcntl(from_browser[1], fcntl.F_DUPFD, 10)

        def place_pipes() -> None:
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=place_pipes,
            close_fds=False,
        )
        for fd in (to_browser[0], from_browser[1], child_in, child_out):
            os.close(fd)
        self.writer, self.reader = to_browser[1], from_browser[0]
        self.buffer = b""
        self.last_id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    def open_page(self) -> None:
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        attached = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)
        self.session = attached["sessionId"]

    def call(self, method: str, timeout: float = 30, **params: Any) -> dict[str, Any]:
        self.last_id += 1
        message: dict[str, Any] = {"id": self.last_id, "method": method, "params": params}
        if self.session and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self.session
        os.write(self.writer, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive(timeout)
            if reply.get("id") == self.last_id:
                assert "error" not in reply, f"{method}: {reply['error']}"
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, event: str, timeout: float = 30) -> dict[str, Any]:
        for seen in self.events:
            if seen.get("method") == event:
                return seen
        while True:
            message = self._receive(timeout)
            self.events.append(message)
            if message.get("method") == event:
                return message

    def settle(self, quiet: float = 0.5, timeout: float = 15) -> None:
        """Wait until every request has finished and nothing happened for ``quiet`` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            started = {e["params"]["requestId"] for e in self.named("Network.requestWillBeSent")}
            ended = {
                e["params"]["requestId"]
                for e in self.named("Network.loadingFinished") + self.named("Network.loadingFailed")
            }
            try:
                self.events.append(self._receive(quiet))
            except TimeoutError:
                if started <= ended:
                    return
        raise TimeoutError("the page kept loading")

    def named(self, event: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e.get("method") == event]

    def close(self) -> None:
        with contextlib.suppress(OSError, TimeoutError, EOFError, AssertionError):
            self.call("Browser.close", timeout=5)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        os.close(self.writer)
        os.close(self.reader)

    def _receive(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.reader], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self.reader, 1 << 20)
            if not chunk:
                raise EOFError("Chromium closed the pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_the_index_renders_in_chromium_without_javascript(chromium: Chromium, tmp_path: Path):
    from PIL import Image

    project = make_project(tmp_path / "project")
    site = project / "site"
    assert publish(project, site).exit_code == 0
    briefs = site_manifest(site)["briefs"]

    chromium.call("Network.enable")
    chromium.call("Page.enable")
    chromium.call("Emulation.setScriptExecutionDisabled", value=True)
    chromium.call(
        "Emulation.setDeviceMetricsOverride",
        width=1280,
        height=1600,
        deviceScaleFactor=1,
        mobile=False,
    )
    chromium.call("Page.navigate", url=(site / "index.html").as_uri())
    chromium.wait_for("Page.loadEventFired")
    chromium.settle()

    # Everything the page asked for was there.
    failed = [e["params"] for e in chromium.named("Network.loadingFailed")]
    assert not failed, failed
    requested = {e["params"]["request"]["url"] for e in chromium.named("Network.requestWillBeSent")}
    assert {(site / b["thumbnail"]["file"]).as_uri() for b in briefs[:4]} <= requested

    # The DOM as Chromium built it: every brief, every title, every address resolves.
    root = chromium.call("DOM.getDocument", depth=-1)["root"]
    dom = chromium.call("DOM.getOuterHTML", nodeId=root["nodeId"])["outerHTML"]
    page = parse_page(dom)
    assert page.tags.count("article") == len(briefs)
    for brief in briefs:
        assert " ".join(brief["title"].split()) in page.folded_text
    for url in page.urls:
        resolve(site, site / "index.html", url, page.ids)

    # A picture of it: not blank, in the briefs' navy, and kept for people to look at.
    shot = base64.b64decode(chromium.call("Page.captureScreenshot", format="png")["data"])
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    assert image.size == (1280, 1600)
    assert len(image.getcolors(1 << 20) or []) > 100
    navy = sum(count for count, colour in image.getcolors(1 << 20) if colour == NAVY)
    assert navy > 5000, "the accent colour is missing: was the style sheet applied?"
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    SCREENSHOT.write_bytes(shot)

    # On a phone the page fits its width: nothing to scroll sideways.
    chromium.call(
        "Emulation.setDeviceMetricsOverride",
        width=390,
        height=844,
        deviceScaleFactor=2,
        mobile=True,
    )
    size = chromium.call("Page.getLayoutMetrics")["cssContentSize"]
    assert size["width"] <= 390, size
