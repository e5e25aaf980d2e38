"""A briefing book of many briefs against building the same briefs alone.

Usage::

    .venv/bin/python benchmarks/book.py                 # 30 briefs, medians of 3 runs
    .venv/bin/python benchmarks/book.py --briefs 10 --runs 1

It generates the briefs (``benchmarks/generate.py``: the three types in turn, fixed seed,
each validated) into a temporary folder with a book file naming them all (in sections of
five), then times, as a user would run them, each into an empty folder:

- ``make-brief build content -f pdf -f docx --jobs 1`` and ``--jobs 2``: the briefs alone;
- ``make-brief book content/books/all.yaml -f pdf``, ``-f docx`` and both: the book;
- the book again with nothing changed (skipped).

The book lays each brief out twice (once to learn its length, once with its page
numbers) and binds the pages, so its PDF costs about twice a one-process build of the
same briefs; the DOCX needs the PDF's page numbers for its contents, so it costs the PDF
and the Word files. Each figure is the median of ``--runs`` runs, wall time and CPU time
(user + system of the child processes). It prints a Markdown table; it asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import SEED, corpus_types, generate

MAKE_BRIEF = Path(sys.executable).parent / "make-brief"


def write_book(folder: Path, slugs: list[str]) -> Path:
    lines = ["title: Benchmark book", "date: 2024-01-15", "sections:"]
    for start in range(0, len(slugs), 5):
        lines.append(f"  - title: Agenda item {start // 5 + 1}")
        lines.append("    parts:")
        lines += [f"      - {slug}" for slug in slugs[start : start + 5]]
    path = folder / "content" / "books" / "all.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of make-brief (which must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(MAKE_BRIEF), "--quiet", *args], cwd=cwd, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefs", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="make-brief-book-bench-") as tmp:
        folder = Path(tmp)
        yamls, _ = generate(folder, args.briefs, SEED, corpus_types("mix"))
        write_book(folder, [p.stem for p in yamls])
        (folder / "make-brief.toml").write_text('organisation = "Benchmark Customs"\n')
        cases = {
            "briefs alone, pdf+docx, --jobs 1": [
                "build",
                "content",
                "-f",
                "pdf",
                "-f",
                "docx",
                "--jobs",
                "1",
            ],
            "briefs alone, pdf+docx, --jobs 2": [
                "build",
                "content",
                "-f",
                "pdf",
                "-f",
                "docx",
                "--jobs",
                "2",
            ],
            "briefs alone, pdf, --jobs 1": ["build", "content", "-f", "pdf", "--jobs", "1"],
            "book, pdf": ["book", "content/books/all.yaml", "-f", "pdf"],
            "book, docx": ["book", "content/books/all.yaml", "-f", "docx"],
            "book, pdf+docx": ["book", "content/books/all.yaml"],
        }
        figures: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        figures["book, unchanged (skipped)"] = []
        for _ in range(args.runs):
            for name, command in cases.items():
                out = folder / "out"
                shutil.rmtree(out, ignore_errors=True)
                figures[name].append(timed([*command, "-o", str(out)], folder))
                if name == "book, pdf+docx":
                    again = timed([*command, "-o", str(out)], folder)
                    figures["book, unchanged (skipped)"].append(again)
        print(f"{args.briefs} briefs (the three types in turn), medians of {args.runs} run(s)\n")
        print("| what | wall s | CPU s |")
        print("|---|---:|---:|")
        for name, runs in figures.items():
            wall = statistics.median(w for w, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            print(f"| {name} | {wall:.1f} | {cpu:.1f} |")


if __name__ == "__main__":
    main()
