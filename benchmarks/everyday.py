"""The commands a person runs many times a day, each beside the engine it stands on.

Usage::

    .venv/bin/python benchmarks/everyday.py                # 5 rounds, 200 briefs to check
    .venv/bin/python benchmarks/everyday.py --rounds 9 --json figures.json
    .venv/bin/python benchmarks/everyday.py --quick        # 2 rounds, 40 briefs: a smoke check

In one run, interleaved (the cold commands in another order every round, each round
starting with the next one and every other round going backwards; the warm pairs swapped
every round), so that all see the same machine, it times as a user runs them:

- ``make-brief -q check content`` on the briefs ``generate.py`` writes (target: < 1 s);
- one cold brief, ``make-brief build SEED.yaml -f pdf --force -o OUT``, against
  ``weasyprint SEED.html out.pdf`` on the HTML make-brief itself writes for that brief
  with ``-f html`` (standalone: its stylesheets and images inside); target: make-brief
  within 1.15 times the weasyprint command;
- one warm brief, in this process after a first one: make-brief's PDF writer on the seed's
  render job (the path a build worker takes) against WeasyPrint's
  ``HTML(filename=SEED.html).write_pdf(font_config=...)`` with one FontConfiguration
  kept across the rounds: what make-brief adds to the engine once everything is loaded.

Two more pairs say what the first two ratios are made of (figures, no targets):

- the same document, cold: the weasyprint command on the very HTML make-brief's PDF
  writer lays out (``-u`` the template folder, so the set's ``@font-face`` fonts load),
  untagged and tagged (``--pdf-variant pdf/ua-1``, as make-brief prints). The standalone
  HTML of the first pair has no ``@font-face`` rules and lays out in fewer pages; against
  the tagged command on the same document, what remains is make-brief's own work;
- what PDF/UA-1 tagging costs, warm: make-brief's ``print_pdf`` on the seed's job tagged
  (``pdf/ua-1``, what ``make-brief build`` writes) and untagged (``None``).

Each figure is the median of the rounds, with the machine's load average (1 minute, from
``os.getloadavg``) at the start of each measure beside it: on a 2-core machine a load
above 1 means the figures are upper bounds. It prints a Markdown table and whether each
target is met; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generate import SEED, generate

if TYPE_CHECKING:
    from make_brief.render.job import RenderJob

VENV_BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]
SEED_FILE = ROOT / "content" / "wco-un-counter-terrorism-week-2020.yaml"
CHECK_TARGET = 1.0  # seconds, for 200 briefs
COLD_TARGET = 1.15  # make-brief's cold PDF over the weasyprint command's


class Series:
    """Wall times of one step, each with the load average when it started."""

    def __init__(self) -> None:
        self.walls: list[float] = []
        self.loads: list[float] = []

    def time(self, step: Callable[[], object]) -> None:
        self.loads.append(os.getloadavg()[0])
        start = time.perf_counter()
        step()
        self.walls.append(time.perf_counter() - start)

    @property
    def median(self) -> float:
        return statistics.median(self.walls) if self.walls else float("nan")

    def load(self) -> str:
        if not self.loads:
            return "-"
        return f"{statistics.median(self.loads):.2f} ({min(self.loads):.2f}-{max(self.loads):.2f})"


def run(cmd: Sequence[str | Path], cwd: Path) -> None:
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed ({done.returncode}):\n{done.stderr}")


def make_brief(*args: str | Path) -> list[str | Path]:
    return [VENV_BIN / "make-brief", *args]


def warm_pair(folder: Path, seed: Path, html: Path, rounds: int) -> tuple[Series, Series]:
    """make-brief's PDF writer on the seed's job against WeasyPrint's write_pdf on the
    HTML make-brief wrote, both in this process, each after a first run not counted."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from make_brief.build.check import prepare
    from make_brief.build.run import Renderer, RenderSettings
    from make_brief.content.config import load_config

    config = load_config(None, root=folder)
    renderer = Renderer(RenderSettings(folder / "warm-out", ("pdf",), config))
    job = renderer.job(prepare(seed, config))
    writer = next(fmt for fmt in renderer.formats if fmt.name == "pdf").load_writer()
    fonts = FontConfiguration()

    def ours() -> None:
        writer.render(job)

    def engine() -> None:
        HTML(filename=str(html)).write_pdf(font_config=fonts)

    ours()
    engine()
    mine, theirs = Series(), Series()
    for index in range(rounds):
        pair = [(mine, ours), (theirs, engine)]
        for series, step in pair if index % 2 == 0 else reversed(pair):
            series.time(step)
    return mine, theirs


def _seed_job(folder: Path, seed: Path, out: str) -> RenderJob:
    from make_brief.build.check import prepare
    from make_brief.build.run import Renderer, RenderSettings
    from make_brief.content.config import load_config

    config = load_config(None, root=folder)
    renderer = Renderer(RenderSettings(folder / out, ("pdf",), config))
    return renderer.job(prepare(seed, config))


def write_job_html(folder: Path, seed: Path) -> tuple[Path, str]:
    """The HTML make-brief's PDF writer lays out for the seed, in a file, and its base URL
    (the template folder, where its stylesheet and fonts are)."""
    job = _seed_job(folder, seed, "job-out")
    path = folder / "job.html"
    path.write_text(job.html, encoding="utf-8")
    return path, job.base_url


def tagging_pair(folder: Path, seed: Path, rounds: int) -> tuple[Series, Series]:
    """make-brief's print_pdf on the seed's job, tagged (PDF/UA-1, what ``build``
    writes) and untagged, both in this process, each after a first run not counted."""
    from make_brief.render.pdf import print_pdf

    job = _seed_job(folder, seed, "tag-out")

    def tagged() -> None:
        print_pdf(job, "pdf/ua-1")

    def untagged() -> None:
        print_pdf(job, None)  # type: ignore[arg-type]

    tagged()
    untagged()
    on, off = Series(), Series()
    for index in range(rounds):
        pair = [(on, tagged), (off, untagged)]
        for series, step in pair if index % 2 == 0 else reversed(pair):
            series.time(step)
    return on, off


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds; medians printed [5]")
    parser.add_argument("--briefs", type=int, default=200, help="briefs to check [200]")
    parser.add_argument("--seed", type=int, default=SEED, help="generate.py's seed")
    parser.add_argument("--quick", action="store_true", help="2 rounds, 40 briefs")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.briefs = 2, 40
    weasyprint = VENV_BIN / "weasyprint"
    if not weasyprint.exists():
        sys.exit(f"{weasyprint} not found: run scripts/setup.sh first")

    with tempfile.TemporaryDirectory(prefix="make-brief-everyday-") as tmp:
        folder = Path(tmp)
        generate(folder, args.briefs, args.seed)
        seed = folder / "seed" / SEED_FILE.name
        seed.parent.mkdir()
        shutil.copyfile(SEED_FILE, seed)
        run(make_brief("build", seed, "-f", "html", "--force", "-o", folder / "html"), folder)
        html = folder / "html" / f"{seed.stem}.html"

        # What the PDF writer lays out, for the weasyprint command on the same document.
        job_html, base_url = write_job_html(folder, seed)

        check, cold, engine_cold = Series(), Series(), Series()
        same, same_tagged = Series(), Series()
        steps = [
            (cold, make_brief("build", seed, "-f", "pdf", "--force", "-o", folder / "out")),
            (engine_cold, [weasyprint, html, folder / "engine.pdf"]),
            (same, [weasyprint, "-u", base_url, job_html, folder / "same.pdf"]),
            (
                same_tagged,
                [
                    weasyprint,
                    "-u",
                    base_url,
                    "--pdf-variant",
                    "pdf/ua-1",
                    job_html,
                    folder / "t.pdf",
                ],
            ),
        ]
        run(make_brief("-q", "check", "content"), folder)  # the page cache, warmed alike
        for _, cmd in steps:
            run(cmd, folder)
        for index in range(args.rounds):
            check.time(lambda: run(make_brief("-q", "check", "content"), folder))
            # Each round starts with another command, and goes the other way every other.
            order = steps[index % len(steps) :] + steps[: index % len(steps)]
            for series, cmd in order if index % 2 == 0 else reversed(order):
                series.time(lambda cmd=cmd: run(cmd, folder))
        warm, engine_warm = warm_pair(folder, seed, html, args.rounds)
        tag_on, tag_off = tagging_pair(folder, seed, args.rounds)

    cold_ratio = cold.median / engine_cold.median
    warm_ratio = warm.median / engine_warm.median
    same_ratio = cold.median / same_tagged.median
    tag_ratio = tag_on.median / tag_off.median

    def met(ok: bool) -> str:
        return "met" if ok else "NOT met"

    print(f"### Everyday commands, median of {args.rounds} interleaved rounds\n")
    print(f"{os.cpu_count()} cores; load average (1 min) at the start of each measure\n")
    print("| step | make-brief | engine | ratio | target | load: median (range) |")
    print("|---|---|---|---|---|---|")
    print(
        f"| `check` of {args.briefs} briefs | {check.median:.2f} s | - | - | "
        f"< {CHECK_TARGET:.0f} s: {met(check.median < CHECK_TARGET)} | {check.load()} |"
    )
    print(
        f"| one cold brief, PDF (`build` / `weasyprint` command) | {cold.median:.2f} s | "
        f"{engine_cold.median:.2f} s | {cold_ratio:.2f}x | <= {COLD_TARGET}x: "
        f"{met(cold_ratio <= COLD_TARGET)} | {cold.load()} / {engine_cold.load()} |"
    )
    print(
        f"| one warm brief, PDF (writer / `write_pdf`) | {warm.median * 1000:.0f} ms | "
        f"{engine_warm.median * 1000:.0f} ms | {warm_ratio:.2f}x | - | "
        f"{warm.load()} / {engine_warm.load()} |"
    )
    print(
        f"| the same document, cold: `weasyprint -u SET job.html`, untagged / tagged | "
        f"- | {same.median:.2f} s / {same_tagged.median:.2f} s | "
        f"{cold.median / same.median:.2f}x / {same_ratio:.2f}x | - | "
        f"{same.load()} / {same_tagged.load()} |"
    )
    print(
        f"| PDF/UA-1 tagging, warm (`print_pdf` tagged / untagged) | "
        f"{tag_on.median * 1000:.0f} ms | {tag_off.median * 1000:.0f} ms | {tag_ratio:.2f}x | - | "
        f"{tag_on.load()} / {tag_off.load()} |"
    )
    if args.json:
        figures = {
            name: {"walls": series.walls, "loads": series.loads}
            for name, series in [
                ("check", check),
                ("cold", cold),
                ("engine_cold", engine_cold),
                ("warm", warm),
                ("engine_warm", engine_warm),
                ("engine_same", same),
                ("engine_same_tagged", same_tagged),
                ("tagged", tag_on),
                ("untagged", tag_off),
            ]
        }
        figures["ratios"] = {  # type: ignore[assignment]
            "cold": cold_ratio,
            "warm": warm_ratio,
            "cold_same_document_tagged": same_ratio,
            "tagging": tag_ratio,
        }
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
