"""Batch builds of many briefs: make-brief against the pandoc pipeline, in the same run.

Usage::

    .venv/bin/python benchmarks/batch.py                   # 200 briefs, medians of 3 runs
    .venv/bin/python benchmarks/batch.py --briefs 100 --runs 5
    .venv/bin/python benchmarks/batch.py --quick           # 20 briefs, 1 run: a smoke check
    .venv/bin/python benchmarks/batch.py --json out.json   # also write every figure

It generates the briefs (``benchmarks/generate.py``: 1 to 4 pages each, fixed seed, each
validated; briefing notes, talking points and meeting reports in turn, or notes only with
``--types note`` as the figures before brief types were) into a temporary folder, as content files and as the same text in Markdown,
then times, as a user would run them:

- ``make-brief build content -o out -f pdf -f docx --jobs N --report json`` into an empty
  folder, with N = 1 and N = 2 (the default, one per core);
- the same command again with nothing changed (no-op), and after one content file changed;
- the pipeline a user would otherwise script, one process per brief and format:
  ``pandoc b.md -o b.docx`` and ``pandoc b.md -o b.pdf --pdf-engine=weasyprint`` (the
  venv's WeasyPrint, put first on PATH), one brief at a time (a shell loop) and two at a
  time (``xargs -P 2``);
- WeasyPrint alone on the HTML make-brief lays out, ``write_pdf`` per brief in one warm
  process with one kept font configuration (PDF only, untagged), set beside the time per
  brief that issue 18's 5x leaves for both formats.

Each figure is the median of ``--runs`` runs; the runs interleave make-brief and pandoc,
so both see the same machine load. Wall time is what the targets speak of; CPU time
(user + system of every process, from ``getrusage(RUSAGE_CHILDREN)``) is printed beside it,
as it suffers less from other work on the machine.

Peak memory per worker: while each full build runs, a thread reads ``VmHWM`` (the kernel's
own peak resident set size) from ``/proc/PID/status`` for the make-brief process and each
of its children every 0.1 s. With ``--jobs 1`` the one process renders; with ``--jobs 2``
the pool's processes do (they are forked, so their RSS counts pages shared with the
parent). ``wait4``'s ``ru_maxrss`` for the whole process tree is printed as a check.

It prints a Markdown table and the targets of issues 4 and 18 (met or not); it asserts
nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from generate import SEED, corpus_types, generate

VENV_BIN = Path(sys.executable).parent
FORMATS = ("pdf", "docx")
MiB = 1024 * 1024

# Targets of issue 4, item 9.
NOOP_SECONDS = 1.0
PEER_RATIO = 3.0
JOBS_RATIO = 1.7
WORKER_BYTES = 400 * 1000 * 1000  # 400 MB
# Targets of issue 18, item 3.
PEER_RATIO_18 = 5.0
JOBS_RATIO_18 = 1.8


# --- running and measuring one command ---------------------------------------------------


@dataclass
class Measure:
    """One timed run: wall seconds, CPU seconds of every process, memory peaks in bytes."""

    wall: float
    cpu: float
    tree_maxrss: int = 0  # wait4: the largest single process of the tree
    main_peak: int = 0  # VmHWM of the command's own process
    child_peaks: list[int] = field(default_factory=list)  # VmHWM of each child process
    stdout: str = ""


def _children_usage() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _ppids() -> dict[int, int]:
    """pid -> parent pid for every process (/proc, no dependency)."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: fields start after the last ')'.
        found[int(entry.name)] = int(stat[stat.rindex(b")") + 2 :].split()[1])
    return found


def _hwm(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class _PeakSampler(threading.Thread):
    """Reads the peak RSS of a process and its children until told to stop. VmHWM only
    grows, so the last reading before a process exits is (nearly) its true peak."""

    def __init__(self, root: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.main = 0
        self.children: dict[int, int] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.main = max(self.main, _hwm(self.root))
            for pid, parent in _ppids().items():
                if parent == self.root:
                    self.children[pid] = max(self.children.get(pid, 0), _hwm(pid))
            self.done.wait(self.interval)


def run(cmd: Sequence[str], cwd: Path, env: dict[str, str], *, sample: bool = False) -> Measure:
    """Run ``cmd`` to completion and measure it; fail loudly if it fails."""
    cpu0 = _children_usage()
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    sampler = _PeakSampler(proc.pid) if sample else None
    if sampler:
        sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    if sampler:
        sampler.done.set()
        sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{out[-2000:]}{err[-2000:]}")
    measure = Measure(wall=wall, cpu=_children_usage() - cpu0, stdout=out)
    if sampler:
        measure.main_peak = sampler.main
        measure.child_peaks = sorted(sampler.children.values(), reverse=True)
    return measure


def run_tree_maxrss(cmd: Sequence[str], cwd: Path, env: dict[str, str]) -> int:
    """ru_maxrss of ``wait4``: the largest resident set of any single process of the tree
    (Linux folds each reaped child's peak into its parent's)."""
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}")
    return usage.ru_maxrss * 1024


# --- the two pipelines -------------------------------------------------------------------


class Bench:
    def __init__(self, folder: Path, yamls: list[Path], mds: list[Path]) -> None:
        self.folder, self.yamls, self.mds = folder, yamls, mds
        self.env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
        self.env["PATH"] = f"{VENV_BIN}{os.pathsep}{self.env.get('PATH', '')}"
        exe = shutil.which("make-brief", path=str(VENV_BIN))
        self.make_brief = [exe] if exe else [sys.executable, "-m", "make_brief"]
        self.pandoc = shutil.which("pandoc", path=self.env["PATH"])
        self.retries: list[str] = []

    def build_cmd(self, out: str, jobs: int) -> list[str]:
        formats = [arg for f in FORMATS for arg in ("-f", f)]
        return [*self.make_brief, "build", "content", "-o", out, *formats, "--jobs", str(jobs),
                "--report", "json"]  # fmt: skip

    def build(self, out: str, jobs: int, *, clean: bool, expect_built: int) -> Measure:
        if clean:
            shutil.rmtree(self.folder / out, ignore_errors=True)
        measure = run(self.build_cmd(out, jobs), self.folder, self.env, sample=clean)
        report = json.loads(measure.stdout)
        if report["built"] != expect_built or report["failed"]:
            raise SystemExit(f"expected {expect_built} built, got {report}")
        return measure

    def pandoc_one(self, md: Path, out: Path) -> None:
        """Both formats of one brief, run in the output folder: pandoc's WeasyPrint engine
        writes its temporary ``html2pdf*.html`` into the working folder, where another
        tool's clean-up once deleted it mid-run. A failed command is run again, up to
        twice, and reported."""
        stem = out / md.stem
        for args in ([f"{stem}.docx"], [f"{stem}.pdf", "--pdf-engine=weasyprint"]):
            for attempt in range(3):
                done = subprocess.run(
                    [self.pandoc, str(md), "-o", *args],
                    cwd=out,  # pandoc's weasyprint engine leaves html2pdf* files in its cwd
                    env=self.env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                if done.returncode == 0 and Path(args[0]).is_file():
                    break
                last = done.stderr.strip().splitlines()[-2:]
                self.retries.append(f"{md.name} -> {Path(args[0]).name}: {' / '.join(last)}")
                if attempt == 2:
                    raise SystemExit(f"pandoc failed 3 times on {md} -> {args[0]}")

    def peer(self, parallel: int) -> Measure:
        out = self.folder / f"pandoc-{parallel}"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        cpu0 = _children_usage()
        start = time.perf_counter()
        with ThreadPoolExecutor(parallel) as pool:
            list(pool.map(lambda md: self.pandoc_one(md, out), self.mds))
        return Measure(wall=time.perf_counter() - start, cpu=_children_usage() - cpu0)

    def touch_one(self, index: int) -> None:
        """Change one brief's title, as an author fixing a typo would."""
        path = self.yamls[index % len(self.yamls)]
        text = path.read_text(encoding="utf-8")
        line = next(x for x in text.splitlines() if x.startswith("title: "))
        path.write_text(text.replace(line, line[:-1] + f' (rev. {index + 1})"'), encoding="utf-8")


# --- the engine alone ---------------------------------------------------------------------


def engine_floor(folder: Path, env: dict[str, str]) -> Measure:
    """WeasyPrint alone on the HTML make-brief lays out, in one warm process: each brief's
    ``HTML(...).write_pdf()`` with one kept FontConfiguration, untagged, no DOCX, nothing of
    make-brief timed but the sum of those calls (the HTML is made first, untimed): what
    printing this HTML costs as WeasyPrint is usually called, to set beside the time a
    target leaves per brief."""
    code = (
        "import json, sys, time\n"
        "from pathlib import Path\n"
        "from make_brief.build.check import prepare\n"
        "from make_brief.build.run import Renderer, RenderSettings\n"
        "from make_brief.content.config import load_config\n"
        "from make_brief.render.weasy import load_weasyprint\n"
        "config = load_config(None, root=Path('.'))\n"
        "renderer = Renderer(RenderSettings(Path('floor-out'), ('pdf',), config))\n"
        "jobs = [renderer.job(prepare(p, config)) for p in sorted(Path('content').glob('*.yaml'))]\n"
        "load_weasyprint()\n"
        "from weasyprint import HTML\n"
        "from weasyprint.text.fonts import FontConfiguration\n"
        "fonts = FontConfiguration()\n"
        "HTML(string=jobs[0].html, base_url=jobs[0].base_url).write_pdf(font_config=fonts)\n"
        "cpu0, start = time.process_time(), time.perf_counter()\n"
        "for job in jobs:\n"
        "    HTML(string=job.html, base_url=job.base_url).write_pdf(font_config=fonts)\n"
        "print(json.dumps([time.perf_counter() - start, time.process_time() - cpu0]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=folder, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"the engine floor failed:\n{done.stderr[-2000:]}")
    wall, cpu = json.loads(done.stdout.strip().splitlines()[-1])
    return Measure(wall=wall, cpu=cpu)


# --- the report --------------------------------------------------------------------------


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _pages(out: Path) -> dict[int, int]:
    from pypdf import PdfReader

    counts: dict[int, int] = {}
    for pdf in out.glob("*.pdf"):
        pages = len(PdfReader(pdf).pages)
        counts[pages] = counts.get(pages, 0) + 1
    return dict(sorted(counts.items()))


def _output_digests(out: Path) -> dict[str, str]:
    manifest = json.loads((out / "manifest.json").read_text())
    return {
        f["file"]: f["sha256"] for brief in manifest["briefs"] for f in brief["formats"].values()
    }


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    pandoc = shutil.which("pandoc")
    import make_brief

    return {
        "make-brief source": str(Path(make_brief.__file__).parent),
        "nproc": str(len(os.sched_getaffinity(0))),
        "cpu": cpu,
        "memory": f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "make-brief": version("make-brief"),
        "weasyprint": version("weasyprint"),
        "python-docx": version("python-docx"),
        "pandoc": subprocess.run([pandoc, "--version"], capture_output=True, text=True)
        .stdout.splitlines()[0]
        .split()[-1]
        if pandoc
        else "missing",
    }


def _row(name: str, wall: list[float], cpu: list[float], note: str = "") -> str:
    return f"| {name} | {_median(wall):.2f} s | {_median(cpu):.1f} s | {note} |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefs", type=int, default=200, help="briefs to generate [200]")
    parser.add_argument("--runs", type=int, default=3, help="runs; medians are printed [3]")
    parser.add_argument("--quick", action="store_true", help="20 briefs, 1 run: a smoke check")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--types",
        choices=["mix", "note"],
        default="mix",
        help="mix: briefing notes, talking points and meeting reports in turn [mix]",
    )
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--book",
        type=int,
        default=0,
        metavar="N",
        help="also time a book of N briefs against the N built alone (benchmarks/book.py)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.briefs, args.runs = 20, 1
    if shutil.which("pandoc") is None:
        raise SystemExit("pandoc is missing: apt-get install -y pandoc")

    command = "python benchmarks/batch.py " + " ".join(sys.argv[1:] if argv is None else list(argv))
    info = machine()
    load_before = os.getloadavg()
    folder = Path(tempfile.mkdtemp(prefix="make-brief-bench-"))
    log: Callable[[str], None] = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    try:
        log(f"generating {args.briefs} briefs in {folder} ...")
        yamls, mds = generate(folder, args.briefs, args.seed, corpus_types(args.types))
        bench = Bench(folder, yamls, mds)
        n = len(yamls)
        # Warm the disk cache and the .pyc files once, untimed.
        run([*bench.make_brief, "build", str(yamls[0]), "-o", "warm"], folder, bench.env)
        bench.pandoc_one(mds[0], folder)

        figures: dict[str, list[float]] = {}
        peaks: dict[str, list[int]] = {"jobs1": [], "jobs2_workers": [], "jobs2_parent": []}
        tree_rss: list[int] = []

        def add(key: str, m: Measure) -> None:
            figures.setdefault(f"{key}_wall", []).append(m.wall)
            figures.setdefault(f"{key}_cpu", []).append(m.cpu)
            log(f"  {key}: {m.wall:.2f} s wall, {m.cpu:.1f} s CPU")

        for r in range(args.runs):
            log(f"run {r + 1} of {args.runs}")
            m1 = bench.build("out-j1", 1, clean=True, expect_built=n)
            add("jobs1", m1)
            peaks["jobs1"].append(m1.main_peak)
            m2 = bench.build("out-j2", 2, clean=True, expect_built=n)
            add("jobs2", m2)
            peaks["jobs2_workers"].extend(m2.child_peaks)
            peaks["jobs2_parent"].append(m2.main_peak)
            add("peer1", bench.peer(1))
            add("peer2", bench.peer(2))
            add("floor", engine_floor(folder, bench.env))
            add("noop", bench.build("out-j2", 2, clean=False, expect_built=0))
            bench.touch_one(r * 37)
            add("one_changed", bench.build("out-j2", 2, clean=False, expect_built=1))
        tree_rss.append(run_tree_maxrss(bench.build_cmd("out-rss", 1), folder, bench.env))
        same_bytes = _output_digests(folder / "out-rss") == _output_digests(folder / "out-j2")
        pages_mb, pages_pd = _pages(folder / "out-j2"), _pages(folder / "pandoc-1")
    finally:
        if args.keep:
            log(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    load_after = os.getloadavg()

    med = {key: _median(values) for key, values in figures.items()}
    worker_peak = max(peaks["jobs1"] + peaks["jobs2_workers"])
    ratio_peer1 = med["peer1_wall"] / med["jobs1_wall"]
    ratio_peer2 = med["peer2_wall"] / med["jobs2_wall"]
    ratio_jobs = med["jobs1_wall"] / med["jobs2_wall"]

    def mark(ok: bool) -> str:
        return "met" if ok else "**missed**"

    fmt = " + ".join(FORMATS)
    print(f"### Batch build of {n} briefs ({fmt}), median of {args.runs} run(s)\n")
    print(f"Command: `{command.strip()}`  ")
    print(
        f"Machine: {info['nproc']} cores ({info['cpu']}), {info['memory']}, Python "
        f"{info['python']}, make-brief {info['make-brief']}, WeasyPrint {info['weasyprint']}, "
        f"python-docx {info['python-docx']}, pandoc {info['pandoc']}; load average "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after  "
    )
    print(f"make-brief from: `{info['make-brief source']}`  ")
    print(
        f"Pages per brief: make-brief {_fmt_pages(pages_mb)}; pandoc + WeasyPrint "
        f"{_fmt_pages(pages_pd)}\n"
    )
    print("| step | wall (median) | CPU (median) | note |")
    print("|---|---|---|---|")
    print(_row("make-brief, full build, `--jobs 1`", figures["jobs1_wall"], figures["jobs1_cpu"]))
    print(_row("make-brief, full build, `--jobs 2`", figures["jobs2_wall"], figures["jobs2_cpu"]))
    print(_row(f"make-brief, no-op rebuild of {n}", figures["noop_wall"], figures["noop_cpu"]))
    print(
        _row(
            "make-brief, rebuild after 1 file changed",
            figures["one_changed_wall"],
            figures["one_changed_cpu"],
        )
    )
    print(
        _row(
            "pandoc pipeline, 1 brief at a time",
            figures["peer1_wall"],
            figures["peer1_cpu"],
            f"{2 * n} pandoc processes, {n} of them run WeasyPrint",
        )
    )
    print(
        _row(
            "pandoc pipeline, 2 briefs at a time",
            figures["peer2_wall"],
            figures["peer2_cpu"],
            "same, as `xargs -P 2`",
        )
    )
    print(
        _row(
            "WeasyPrint alone on make-brief's HTML, warm, 1 process",
            figures["floor_wall"],
            figures["floor_cpu"],
            f"{n} `write_pdf` calls, one kept font configuration, PDF only (no DOCX), "
            "untagged; the HTML made beforehand, untimed",
        )
    )
    print(
        f"| peak RSS, `--jobs 1` process | {max(peaks['jobs1']) / MiB:.0f} MiB | | "
        f"VmHWM; wait4 ru_maxrss of the tree: {max(tree_rss) / MiB:.0f} MiB |"
    )
    print(
        f"| peak RSS, `--jobs 2` worker | {max(peaks['jobs2_workers']) / MiB:.0f} MiB | | "
        f"VmHWM, largest of {len(peaks['jobs2_workers'])} worker samples; parent "
        f"{max(peaks['jobs2_parent']) / MiB:.0f} MiB |"
    )
    print()
    print("| target | measured | |")
    print("|---|---|---|")
    print(
        f"| full build >= {PEER_RATIO:g}x faster than pandoc, 1 process each | "
        f"{ratio_peer1:.2f}x | {mark(ratio_peer1 >= PEER_RATIO)} |"
    )
    print(
        f"| full build >= {PEER_RATIO:g}x faster than pandoc, 2 processes each | "
        f"{ratio_peer2:.2f}x | {mark(ratio_peer2 >= PEER_RATIO)} |"
    )
    print(
        f"| `--jobs 2` >= {JOBS_RATIO:g}x faster than `--jobs 1` | {ratio_jobs:.2f}x | "
        f"{mark(ratio_jobs >= JOBS_RATIO)} |"
    )
    print(
        f"| issue 18: full build >= {PEER_RATIO_18:g}x faster than pandoc, 1 process each | "
        f"{ratio_peer1:.2f}x | {mark(ratio_peer1 >= PEER_RATIO_18)} |"
    )
    print(
        f"| issue 18: full build >= {PEER_RATIO_18:g}x faster than pandoc, 2 processes each | "
        f"{ratio_peer2:.2f}x | {mark(ratio_peer2 >= PEER_RATIO_18)} |"
    )
    print(
        f"| issue 18: `--jobs 2` >= {JOBS_RATIO_18:g}x faster than `--jobs 1` | "
        f"{ratio_jobs:.2f}x | {mark(ratio_jobs >= JOBS_RATIO_18)} |"
    )
    print(
        f"| no-op rebuild of {n} < {NOOP_SECONDS:g} s | {med['noop_wall']:.2f} s | "
        f"{mark(med['noop_wall'] < NOOP_SECONDS)} |"
    )
    print(
        f"| peak memory per worker < 400 MB | {worker_peak / 1e6:.0f} MB | "
        f"{mark(worker_peak < WORKER_BYTES)} |"
    )
    allowed = med["peer1_wall"] / PEER_RATIO_18 / n
    print(
        f"\nThe budget of issue 18's 5x: the pandoc pipeline's {med['peer1_wall'] / n:.2f} s a "
        f"brief (1 at a time) leaves **{allowed * 1000:.0f} ms a brief** for make-brief's PDF "
        f"and DOCX together; WeasyPrint's `write_pdf` alone on make-brief's HTML took "
        f"**{med['floor_wall'] / n * 1000:.0f} ms a brief** (warm, untagged, stylesheets "
        f"parsed per brief as WeasyPrint does); make-brief took "
        f"{med['jobs1_wall'] / n * 1000:.0f} ms a brief, both formats, `--jobs 1`."
    )
    print(
        f"\n`--jobs 1` and `--jobs 2` outputs identical (sha256): {'yes' if same_bytes else 'NO'}"
    )
    if bench.retries:
        print(f"\npandoc commands run again after a failure: {len(bench.retries)}")
        for retry in bench.retries:
            print(f"- {retry}")

    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "command": command.strip(),
                    "machine": info,
                    "load": [load_before, load_after],
                    "briefs": n,
                    "runs": args.runs,
                    "formats": FORMATS,
                    "figures": figures,
                    "medians": med,
                    "peaks": peaks,
                    "tree_maxrss": tree_rss,
                    "pages": {"make-brief": pages_mb, "pandoc": pages_pd},
                    "same_bytes": same_bytes,
                    "pandoc_retries": bench.retries,
                },
                indent=2,
            )
        )
    if args.book:
        # The same comparison benchmarks/book.py makes, in this run, after the batch.
        book = [sys.executable, str(Path(__file__).with_name("book.py")), "--briefs"]
        subprocess.run([*book, str(args.book), "--runs", str(args.runs)], check=True)
    return 0


def _fmt_pages(counts: dict[int, int]) -> str:
    return ", ".join(f"{count} x {pages} p." for pages, count in counts.items())


if __name__ == "__main__":
    sys.exit(main())
