"""The largest briefs make-brief accepts: how long each takes and how much memory.

SECURITY.md promises bounded work. This script builds the briefs at the edges of the
content format's limits, each in a fresh process (``make-brief build -j 1 --force``, PDF
and DOCX), and prints its wall time and peak memory (the child's maximum resident set
size), against the target of 500 MB:

- ``table-500x20``: one annex table at the documented maximum, 500 rows of 20 columns;
- ``text-150k``: 150,000 characters of text (the most a brief may hold) in twelve annexes;
- ``refused-300-pages``: a valid file whose text would lay out to far more than 40 pages,
  stopped by the page limit during layout.

Usage::

    .venv/bin/python benchmarks/limits.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MB = 500


def table_brief(rows: int = 500, cols: int = 20) -> str:
    lines = [
        "title: The largest table",
        "date: 2020-07-10",
        "summary: One annex table at the documented maximum.",
        "annexes:",
        "  - title: Data",
        "    table:",
        "      columns: [" + ", ".join(f"C{c}" for c in range(cols)) + "]",
        "      rows:",
    ]
    lines += [
        "        - [" + ", ".join(f"r{r}c{c}" for c in range(cols)) + "]" for r in range(rows)
    ]
    return "\n".join(lines) + "\n"


def text_brief(characters: int = 149_000, annexes: int = 12) -> str:
    per_annex = characters // annexes
    words = ("Customs administrations exchange advance cargo information " * 400)[:per_annex]
    body = words.rsplit(" ", 1)[0]
    lines = [
        "title: The most text",
        "date: 2020-07-10",
        "summary: As long as a brief may be.",
        "annexes:",
    ]
    lines += [f"  - title: Annex {n}\n    body: {body}" for n in range(annexes)]
    return "\n".join(lines) + "\n"


def too_many_pages_brief() -> str:
    # Short paragraphs, each a page-length list item: well within the text limits, far
    # past forty pages once laid out.
    steps = "\n".join(f"  - Step {n}." for n in range(2000))
    return f"title: Too long\ndate: 2020-07-10\nsummary: Many steps.\nnext_steps:\n{steps}\n"


CASES = {
    "table-500x20": table_brief,
    "text-150k": text_brief,
    "refused-300-pages": too_many_pages_brief,
}


def measure(path: Path, out: Path) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit status of one build in a new process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "make_brief", "-q", "build", str(path), "--out", str(out),
         "-j", "1", "--force", "-f", "pdf", "-f", "docx"],
        capture_output=True,
        text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest of any child so far; _isolated runs each
    # measurement in a process of its own, so this is the one build's peak.
    return seconds, max(peak, before) / 1024, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="make-brief-limits-") as tmp:
        folder = Path(tmp)
        for name, make in CASES.items():
            path = folder / f"{name}.yaml"
            path.write_text(make(), encoding="utf-8")
            times, peaks, codes = [], [], set()
            for _ in range(args.runs):
                seconds, peak, code = _isolated(path, folder / "out")
                times.append(seconds)
                peaks.append(peak)
                codes.add(code)
            verdict = "met" if max(peaks) < TARGET_MB else "MISSED"
            print(
                f"{name:>18}: {statistics.median(times):6.1f} s, peak {max(peaks):5.0f} MB "
                f"(target < {TARGET_MB} MB: {verdict}), exit {sorted(codes)}, "
                f"{path.stat().st_size // 1024} KB"
            )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


def _isolated(path: Path, out: Path) -> tuple[float, float, int]:
    """One measurement in a helper process of its own, so ru_maxrss is this build's."""
    code = (
        "import sys, pathlib; sys.path.insert(0, sys.argv[3]);"
        "from limits import measure;"
        "s, p, c = measure(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]));"
        "print(s, p, c)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), str(out), str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, peak, status = done.stdout.split()
    return float(seconds), float(peak), int(status)


if __name__ == "__main__":
    main()
