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

`--base` also times the pull request check (issue 26: within 1 s at 2,000): a copy of the marketplace made a
Git repository with one commit, then one opportunity edited in the working tree (its contact's name, which
needs no addendum at any clock), and `devex validate --base HEAD` timed, median of `--runs` runs after a
warm-up. The edit must be accepted (exit 0), so the figure is that of a check that passes.

`--pythonpath DIR` runs devex from another copy of the code (such as `git archive` of an earlier commit), so
a before and an after are measured by the same script on the same files.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
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


@dataclass(frozen=True)
class BaseRow:
    """Medians of `devex validate --base HEAD` for one marketplace size, one opportunity changed."""

    opportunities: int
    changed: str
    devex: Timing


def pull_request(root: Path, out: Path) -> tuple[Path, str]:
    """A Git copy of the marketplace at `root` (cached beside it) with one opportunity edited since its only
    commit, and that opportunity's folder. The edit is the smallest a buyer makes: the contact's name of an open
    opportunity that has no applications yet (a term, such as the description, would need an addendum dated
    by CI's clock)."""
    repo = out / f"git-{root.name}"
    if not (repo / ".complete").is_file():
        staging = out / f".staging-{repo.name}"
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(root, staging)
        git = ["git", "-C", str(staging), "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
        subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-q", "-m", "marketplace"], check=True)
        (staging / ".git" / "info" / "exclude").write_text(".complete\n", encoding="utf-8")
        (staging / ".complete").write_text("committed\n", encoding="utf-8")
        shutil.rmtree(repo, ignore_errors=True)
        staging.rename(repo)
    subprocess.run(["git", "-C", str(repo), "checkout", "-q", "--", "."], check=True)  # undo an earlier edit
    for path in sorted(repo.glob("opportunities/*/*/opportunity.yaml")):
        text = path.read_text("utf-8")
        opening = "\ncontact:\n  name: "
        if "\nstatus: open\n" in text and not (path.parent / "bids.yaml").exists() and opening in text:
            path.write_text(text.replace(opening, f"{opening}Benchmark ", 1), "utf-8")
            return repo, str(path.parent.relative_to(repo))
    raise SystemExit(f"no open opportunity without applications in {root} to edit")


def base_command(repo: Path) -> list[str]:
    return [sys.executable, "-m", "site_builder", "validate", "--base", "HEAD", "--root", str(repo)]


def measure_base(root: Path, count: int, runs: int, pythonpath: str | None, out: Path) -> BaseRow:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    repo, changed = pull_request(root, out)
    command = base_command(repo)
    timed(command, env, repo)  # warm-up
    timings = [timed(command, env, repo) for _ in range(runs)]
    median = Timing(statistics.median(t.cpu for t in timings), statistics.median(t.wall for t in timings))
    return BaseRow(count, changed, median)


def base_table(rows: list[BaseRow]) -> str:
    lines = [
        "| opportunities | folder changed | `devex validate --base HEAD` CPU (s) | wall (s) |",
        "|---:|---|---:|---:|",
    ]
    lines += [f"| {r.opportunities:,} | `{r.changed}` | {r.devex.cpu:.2f} | {r.devex.wall:.2f} |" for r in rows]
    return "\n".join(lines)


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
    parser.add_argument("--base", action="store_true", help="also time `devex validate --base` on a one-folder change")
    parser.add_argument("--no-ratio", dest="ratio", action="store_false", help="skip the ratio to the bare parse")
    args = parser.parse_args(argv)
    rows, base_rows = [], []
    for count in args.sizes:
        root = marketplace(args.out, count, args.seed)
        if args.ratio:
            rows.append(measure(root, count, args.runs, args.pythonpath))
        if args.base:
            base_rows.append(measure_base(root, count, args.runs, args.pythonpath, args.out))
        print(f"measured {count:,} opportunities", file=sys.stderr)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Machine: {machine()}; load average at the end {load}\n")
    if rows:
        print(table(rows))
    if base_rows:
        print(("\n" if rows else "") + base_table(base_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
