"""How far `devex validate` is from a bare YAML parse of the same files: `python -m bench.parse_ratio`.

Issue 26 sets the goal: the whole `devex validate --root DIR` process within 1.5x of a process that only
parses every `*.yaml` of the marketplace with libyaml (`yaml.load(f, Loader=yaml.CSafeLoader)`), and linear
in the number of opportunities. Both are timed as whole processes (interpreter start-up and imports
included), in paired runs: each pair runs the two commands one after the other, alternating which goes
first, so a busy spell on a shared machine weighs on both. Each figure is the median over `--runs` pairs,
after one untimed warm-up of each (a warm file cache). CPU time (user + system, from the kernel's count for
the child) is the main figure, since it moves less than wall time when other jobs share the cores; the
ratio is the median of the per-pair ratios. Marketplaces come from `bench.generate`, cached under
bench/out/ as `bench.validate` caches them. Prints a Markdown table.

`--pythonpath DIR` runs devex from another copy of the code (such as `git archive` of an earlier commit), so
a before and an after are measured by the same script on the same files.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.validate import REPO, machine, marketplace

DEFAULT_SIZES = (2000, 10000)
# The bare parse: every YAML file of the marketplace, read by libyaml's C loader and nothing else.
PARSE = (
    "import pathlib, sys, yaml\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).glob('opportunities/**/*.yaml')):\n"
    "    with open(path, 'rb') as handle:\n"
    "        yaml.load(handle, Loader=yaml.CSafeLoader)\n"
)


@dataclass(frozen=True)
class Timing:
    cpu: float
    wall: float


@dataclass(frozen=True)
class Row:
    """Medians over the pairs for one marketplace size."""

    opportunities: int
    yaml_files: int
    devex: Timing
    parse: Timing
    cpu_ratio: float
    wall_ratio: float


def devex_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "site_builder", "validate", "--root", str(root)]


def parse_command(root: Path) -> list[str]:
    return [sys.executable, "-c", PARSE, str(root)]


def timed(args: list[str], env: dict[str, str], cwd: Path) -> Timing:
    """One run of `args`: its CPU time (user + system, the child's own) and wall time. Exit 0 is required
    (`devex validate` exits 0 when it finds only warnings, which generated marketplaces may hold). Run in the
    marketplace, not in this repository, so that `--pythonpath` comes first on the child's path."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{args[:4]} failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(cpu, wall)


def measure(root: Path, count: int, runs: int, pythonpath: str | None) -> Row:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    devex, parse = devex_command(root), parse_command(root)
    timed(devex, env, root)  # warm-ups: the file cache and the interpreter's bytecode caches
    timed(parse, env, root)
    pairs = []
    for index in range(runs):
        if index % 2 == 0:
            first = timed(devex, env, root)
            pairs.append((first, timed(parse, env, root)))
        else:
            second = timed(parse, env, root)
            pairs.append((timed(devex, env, root), second))
    return Row(
        opportunities=count,
        yaml_files=sum(1 for _ in root.glob("opportunities/**/*.yaml")),
        devex=Timing(statistics.median(d.cpu for d, _ in pairs), statistics.median(d.wall for d, _ in pairs)),
        parse=Timing(statistics.median(p.cpu for _, p in pairs), statistics.median(p.wall for _, p in pairs)),
        cpu_ratio=statistics.median(d.cpu / p.cpu for d, p in pairs),
        wall_ratio=statistics.median(d.wall / p.wall for d, p in pairs),
    )


def table(rows: list[Row]) -> str:
    lines = [
        "| opportunities | YAML files | `devex validate` CPU (s) | bare parse CPU (s) | **ratio (CPU)** "
        "| `devex validate` wall (s) | bare parse wall (s) | ratio (wall) | devex ms CPU per opp. |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        per_opp = row.devex.cpu / row.opportunities * 1000
        lines.append(
            f"| {row.opportunities:,} | {row.yaml_files:,} | {row.devex.cpu:.2f} | {row.parse.cpu:.2f} "
            f"| **{row.cpu_ratio:.2f}x** | {row.devex.wall:.2f} | {row.parse.wall:.2f} | {row.wall_ratio:.2f}x "
            f"| {per_opp:.2f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.parse_ratio", description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(DEFAULT_SIZES), help="numbers of opportunities")
    parser.add_argument("--runs", type=int, default=7, help="timed pairs per size; medians are kept (default 7)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out", help="where marketplaces are cached")
    parser.add_argument("--pythonpath", help="run devex from this copy of the code (PYTHONPATH) instead")
    args = parser.parse_args(argv)
    rows = []
    for count in args.sizes:
        root = marketplace(args.out, count, args.seed)
        rows.append(measure(root, count, args.runs, args.pythonpath))
        print(f"measured {count:,} opportunities", file=sys.stderr)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Machine: {machine()}; load average at the end {load}\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
