"""Where one warm worker's time goes: loading, HTML, PDF and DOCX per brief, in one process.

Generates briefs (as batch.py does), renders each in this process the way a worker does
(one Renderer, kept warm), and prints the median time of every step over the briefs after
the first (which pays for imports and first-use set-up). A profile's starting point:
a step that grows here is the one to look at with py-spy.

    .venv/bin/python benchmarks/writers.py            # 40 briefs
    .venv/bin/python benchmarks/writers.py --briefs 100
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from generate import SEED, generate

from make_brief.build.check import prepare
from make_brief.build.run import Renderer, RenderSettings
from make_brief.content.config import load_config


def measure(folder: Path, paths: list[Path]) -> dict[str, list[float]]:
    config = load_config(None, root=folder)
    renderer = Renderer(RenderSettings(folder / "out", ("pdf", "docx"), config))
    times: dict[str, list[float]] = {"load and check": [], "html": [], "pdf": [], "docx": []}
    for index, path in enumerate(paths):
        step: dict[str, float] = {}
        start = time.perf_counter()
        item = prepare(path, config)
        step["load and check"] = time.perf_counter() - start
        start = time.perf_counter()
        job = renderer.job(item)
        step["html"] = time.perf_counter() - start
        for fmt in renderer.formats:
            start = time.perf_counter()
            fmt.load_writer().render(job)
            step[fmt.name] = time.perf_counter() - start
        if index:  # the first brief pays for imports and first use
            for name, seconds in step.items():
                times[name].append(seconds)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="make-brief-writers-") as tmp:
        folder = Path(tmp)
        content, _ = generate(folder, args.briefs, args.seed)
        times = measure(folder, sorted(content))
    print(f"### One warm worker, {args.briefs - 1} briefs (the first is not counted)\n")
    print("| step | median | total |")
    print("|---|---|---|")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values) * 1000:.1f} ms | {sum(values):.2f} s |")


if __name__ == "__main__":
    main()
