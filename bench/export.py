"""How the open-data exports grow with the marketplace: `python -m bench.export [SIZES...]`.

For each size, a synthetic marketplace (bench.generate, cached under bench/out/ and shared with bench.validate)
is loaded once, then each export is timed in-process, best of `--repeat` runs after a warm-up: the facts the
exports share (derived once per build), the versioned JSON, the OCDS package, the disclosure CSV, both Atom
feeds, the calendar, the statistics pages, and all of `site_builder.export.assets` together. Prints a
Markdown table with the time per 1,000 opportunities, which stays flat when the cost grows linearly, and the
size of each file.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench.validate import marketplace
from site_builder.collector import paused
from site_builder.export import assets, disclosure, feeds, ical, ocds, opportunities_json
from site_builder.export.common import site_url
from site_builder.export.facts import process_facts
from site_builder.model import Marketplace
from site_builder.pages import BuildContext
from site_builder.render import statistics
from site_builder.validate import load_marketplace

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (1000, 5000, 10000)
CONTEXT = BuildContext(
    now=datetime(2026, 11, 25, 12, tzinfo=UTC), published=datetime(2026, 11, 25, 11, tzinfo=UTC), site_url=""
)


def exports(market: Marketplace) -> dict[str, Callable[[], object]]:
    """Each export as a call with no argument, in the order of the table's columns. `assets` derives the
    facts the exports share once (`facts`); each export's column is timed with those facts given."""
    facts = process_facts(market)
    return {
        "facts": lambda: process_facts(market),
        "opportunities.json": lambda: opportunities_json.asset(market, CONTEXT, facts),
        "ocds.json": lambda: ocds.assets(market, CONTEXT, facts),
        "disclosure.csv": lambda: disclosure.asset(market, site_url(market, CONTEXT), facts),
        "feeds": lambda: feeds.assets(market, CONTEXT, facts),
        "calendar": lambda: ical.asset(market, CONTEXT, facts),
        "statistics": lambda: statistics.pages(market, CONTEXT),
        "all": lambda: assets(market, CONTEXT),
    }


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """Best wall time of `repeat` runs after a warm-up, with the garbage collector paused as `assets` pauses it."""
    with paused():
        run()
    times = []
    for _ in range(repeat):
        with paused():
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
    return min(times)


def measure(size: int, repeat: int, seed: int, out: Path) -> tuple[float, dict[str, float], dict[str, int]]:
    root = marketplace(out, size, seed)
    start = time.perf_counter()
    market = load_marketplace(root)
    loading = time.perf_counter() - start
    timings = {name: best_of(repeat, run) for name, run in exports(market).items()}
    sizes = {item.path: len(item.content) for item in assets(market, CONTEXT)}
    return loading, timings, sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.export", description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    args = parser.parse_args(argv)
    machine = platform.processor() or platform.machine()
    print(f"Machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    rows, size_rows, names, file_names = [], [], [], []
    for size in args.sizes:
        loading, timings, sizes = measure(size, args.repeat, args.seed, args.out)
        names = list(timings)
        file_names = [path for path in sorted(sizes) if not path.startswith("schema/")]
        per_thousand = timings["all"] / size * 1000
        rows.append([f"{size:,}", f"{loading:.2f}", *[f"{timings[n]:.2f}" for n in names], f"{per_thousand:.2f}"])
        size_rows.append([f"{size:,}", *[f"{sizes[path] / 1e6:.2f}" for path in file_names]])
    print(_table(["opportunities", "load (s)", *[f"{n} (s)" for n in names], "all, s per 1,000"], rows))
    print()
    print(_table(["opportunities", *[f"{name} (MB)" for name in file_names]], size_rows))
    return 0


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---:|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


if __name__ == "__main__":
    raise SystemExit(main())
