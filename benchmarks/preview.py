"""From saving a content file to the new page on screen, with ``make-brief preview``.

Starts ``make-brief preview`` on a copy of the seed brief (as a user does, a process of
its own), waits for its first build, then edits the brief's title several times, each
time timing from the moment the file is saved until:

- **served**: the preview's status says the brief was built with the new title on its
  first page, and that page's new image has been fetched from the server. The script
  follows the preview's event stream, as the page does, so no polling slows the preview;
- **on screen** (when Chromium is installed: headless, driven over the DevTools protocol
  as the tests do, on the page the preview serves): the page's first page image says the
  new title and every page image has loaded. A few lines of script put in the page note
  the time the moment it happens (from the DOM's changes and the images' load events),
  so the browser is not kept busy by the timing either.

Prints the medians (target: under 1 s on screen for the seed brief on a 2-core machine),
every sample, the preview's own build time for each edit with the processor time of it
(on a machine that other work keeps busy, the wall time grows more than the processor
time), and the load average before and after: on a 2-core machine, a load above 2 means
the preview waited for a processor. Nothing is asserted.

    .venv/bin/python benchmarks/preview.py              # 9 edits
    .venv/bin/python benchmarks/preview.py --edits 15 --no-browser
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "content" / "wco-un-counter-terrorism-week-2020.yaml"
SLUG = SEED.stem
TITLE_LINE = re.compile(r"^title: .*$", re.MULTILINE)
PATIENCE = 60.0


class Preview:
    def __init__(self, project: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "make_brief", "preview", f"content/{SEED.name}"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert self.process.stdout is not None
        if not select.select([self.process.stdout], [], [], PATIENCE)[0]:
            sys.exit("make-brief preview did not start")
        line = self.process.stdout.readline()
        match = re.match(r"preview at http://127\.0\.0\.1:(\d+)/ ", line)
        if not match:
            sys.exit(f"make-brief preview said {line!r}")
        self.port = int(match.group(1))
        self.url = f"http://127.0.0.1:{self.port}/"
        self.events: http.client.HTTPResponse | None = None

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url.rstrip("/") + path, timeout=30) as response:
            return response.read()

    def brief(self) -> dict:
        status = json.loads(self.get("/status.json"))
        return next(b for b in status["briefs"] if b["key"] == SLUG)

    def listen(self) -> None:
        """Follow the event stream the page follows: told of each build, nothing polled."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=PATIENCE)
        connection.request("GET", "/events")
        self.events = connection.getresponse()

    def wait_for_title(self, title: str) -> dict:
        """The brief once its first page says ``title`` and that page's image is fetched."""
        assert self.events is not None
        while True:
            brief = self.brief()
            if brief["status"] == "ok" and brief["pages"] and title in brief["pages"][0]["text"]:
                self.get(brief["pages"][0]["image"])
                return brief
            while not self.events.readline().startswith(b"data:"):
                pass  # the next change

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(60)


#: Set up in the page before each edit: records the time (ms since the epoch) at which its
#: first page image says the title and every page image has loaded, watching the DOM and
#: image loads rather than being polled, so the browser is not kept busy by the timing.
ARM = """((title) => {
  window.shownAt = 0;
  const check = () => {
    const images = [...document.querySelectorAll('.page img')];
    if (!window.shownAt && images.length > 0 && images[0].alt.includes(title)
        && images.every((i) => i.complete && i.naturalWidth > 0)) {
      window.shownAt = Date.now();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.getElementById('preview'), { childList: true, subtree: true });
  document.addEventListener('load', check, true);
  check();
})(%s)"""


def arm(chromium, title: str) -> None:
    chromium.call("Runtime.evaluate", expression=ARM % json.dumps(title))


def shown_at(chromium) -> float:
    """When the armed title was on screen, in seconds since the epoch."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        reply = chromium.call("Runtime.evaluate", expression="window.shownAt", returnByValue=True)
        if reply["result"]["value"]:
            return reply["result"]["value"] / 1000
        time.sleep(0.05)
    sys.exit("the page never showed the new title")


def open_browser(url: str, profile: Path):
    sys.path.insert(0, str(ROOT))
    from tests.test_publish_browser import Chromium, find_chromium

    executable = find_chromium()
    if executable is None:
        return None
    chromium = Chromium(executable, profile)
    chromium.open_page()
    chromium.call("Page.enable")
    chromium.call(
        "Emulation.setDeviceMetricsOverride",
        width=1100,
        height=1400,
        deviceScaleFactor=1,
        mobile=False,
    )
    chromium.call("Page.navigate", url=url)
    chromium.wait_for("Page.loadEventFired")
    return chromium


def retitle(path: Path, title: str) -> None:
    text = TITLE_LINE.sub(f"title: {title}", path.read_text(encoding="utf-8"), count=1)
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=9)
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between edits")
    parser.add_argument("--no-browser", action="store_true", help="time over HTTP only")
    args = parser.parse_args()

    load_before = os.getloadavg()
    served: list[float] = []
    shown: list[float] = []
    builds: list[float] = []
    cpu: list[float] = []
    with tempfile.TemporaryDirectory(prefix="make-brief-preview-") as tmp:
        project = Path(tmp) / "project"
        (project / "content").mkdir(parents=True)
        content = project / "content" / SEED.name
        shutil.copy(SEED, content)
        preview = Preview(project)
        chromium = None
        try:
            preview.listen()
            preview.wait_for_title("Counter-Terrorism Week")
            if not args.no_browser:
                chromium = open_browser(preview.url, Path(tmp) / "profile")
                if chromium is not None:
                    arm(chromium, "Counter-Terrorism Week")
                    shown_at(chromium)
            for edit in range(1, args.edits + 1):
                time.sleep(args.pause)
                title = f"Customs at the Counter-Terrorism Week, edit {edit} of {args.edits}"
                if chromium is not None:
                    arm(chromium, title)
                retitle(content, title)
                saved, saved_wall = time.perf_counter(), time.time()
                brief = preview.wait_for_title(title)
                served.append(time.perf_counter() - saved)
                builds.append(brief["seconds"])
                cpu.append(brief["cpu_seconds"])
                line = f"edit {edit}: served {served[-1]:.3f} s"
                if chromium is not None:
                    shown.append(shown_at(chromium) - saved_wall)
                    line += f", on screen {shown[-1]:.3f} s"
                print(
                    f"{line}, build {brief['seconds']:.3f} s ({brief['cpu_seconds']:.3f} s CPU)",
                    file=sys.stderr,
                )
        finally:
            if chromium is not None:
                chromium.close()
            preview.stop()
    load_after = os.getloadavg()

    print(f"### make-brief preview: save to page, {args.edits} edits of the seed brief\n")
    command = " ".join([".venv/bin/python", "benchmarks/preview.py", *sys.argv[1:]])
    print(
        f"`{command}`: {os.cpu_count()} cores, Python {sys.version.split()[0]}; load "
        f"average {load_before[0]:.2f} before, {load_after[0]:.2f} after\n"
    )
    print("| from saving the file to | median | min | max |")
    print("|---|---|---|---|")
    for name, samples in (("the page on screen (Chromium)", shown), ("the image served", served)):
        if samples:
            print(
                f"| {name} | {statistics.median(samples):.3f} s | {min(samples):.3f} s "
                f"| {max(samples):.3f} s |"
            )
    print(
        f"| (the preview's build: check, PDF, page images) | {statistics.median(builds):.3f} s "
        f"| {min(builds):.3f} s | {max(builds):.3f} s |"
    )
    print(
        f"| (of which the builder was on a processor) "
        f"| {statistics.median(cpu):.3f} s | {min(cpu):.3f} s | {max(cpu):.3f} s |"
    )
    print(f"\nsamples on screen: {', '.join(f'{s:.3f}' for s in shown) or 'none (no Chromium)'}")
    print(f"samples served: {', '.join(f'{s:.3f}' for s in served)}")


if __name__ == "__main__":
    main()
