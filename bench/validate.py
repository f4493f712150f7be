"""How fast `devex validate` is against `check-jsonschema` on the same files: `python -m bench.validate`.

For each size, a synthetic marketplace (bench.generate, cached under bench/out/) is validated three ways:
devex in-process (`site_builder.validate.validate`), the `devex validate` command (interpreter start-up
included), and `check-jsonschema` on every opportunity.yaml against schema/opportunity.schema.json. devex
checks more than that: award.yaml and bids.yaml too, and every lifecycle rule. Each figure is the best of
`--repeat` runs after one warm-up run, so every tool reads from a warm file cache. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.generate import generate
from site_builder.validate import validate

REPO = Path(__file__).resolve().parent.parent
SCHEMA = REPO / "schema" / "opportunity.schema.json"
BIN = Path(sys.executable).parent
DEFAULT_SIZES = (1000, 5000, 10000)


@dataclass(frozen=True)
class Row:
    """The best times, in seconds, for one marketplace size."""

    opportunities: int
    files: int
    in_process: float
    cli: float
    check_jsonschema: float


def marketplace(out: Path, count: int, seed: int) -> Path:
    """A generated marketplace of `count` opportunities, reused when an earlier run left a complete one.

    Several benches share this cache and may run at once: each generates into its own staging folder and
    renames it into place in one step, so nobody ever reads or deletes a half-written marketplace. The name
    carries a digest of the generator and the settings, so a change to either makes a fresh one.
    """
    root = out / f"market-{count}-seed{seed}-{_generator_digest()}"
    if (root / ".complete").is_file():
        return root
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}-", dir=out))
    try:
        generate(staging, count, seed)
        (staging / ".complete").write_text(f"{count} {seed}\n", encoding="utf-8")
        staging.chmod(0o755)  # mkdtemp makes it private; the cache is for every bench
        try:
            staging.rename(root)
        except OSError:
            if not (root / ".complete").is_file():  # not another run's finished copy: report it
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return root


def _generator_digest() -> str:
    digest = hashlib.sha256()
    for path in (REPO / "bench" / "generate.py", REPO / "opportunities" / "marketplace.yaml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def check_jsonschema_command(files: list[str]) -> list[str]:
    """check-jsonschema with `$ref`s resolved in the local schema/ folder: the schemas' `$id`s are not fetchable."""
    return [
        str(BIN / "check-jsonschema"),
        "--schemafile",
        str(SCHEMA),
        "--base-uri",
        SCHEMA.as_uri(),
        *files,
    ]


def confirm_check_jsonschema_rejects(sample: Path) -> None:
    """A benchmark of a validator that validates nothing would be worthless: a broken file must fail."""
    with tempfile.TemporaryDirectory() as folder:
        broken = Path(folder) / "opportunity.yaml"
        text = sample.read_text(encoding="utf-8")
        broken.write_text(text.replace("\nvalue: ", "\nvalue: lots # ", 1), encoding="utf-8")
        done = subprocess.run(check_jsonschema_command([str(broken)]), capture_output=True, text=True, check=False)
    if done.returncode != 1 or "$.value" not in done.stdout:
        raise SystemExit(f"check-jsonschema did not reject a broken file:\n{done.stdout}{done.stderr}")


def best_of(repeat: int, run: Callable[[], None]) -> float:
    """The fastest of `repeat` timed runs, after one untimed warm-up."""
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def command(args: list[str], cwd: Path) -> Callable[[], None]:
    def run() -> None:
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"{args[0]} failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")

    return run


def in_process(root: Path) -> Callable[[], None]:
    def run() -> None:
        problems = validate(root)
        if problems:
            raise SystemExit(f"the generated marketplace is invalid: {problems[0].format()}")

    return run


def measure(root: Path, count: int, repeat: int) -> Row:
    opportunity_files = sorted(p.relative_to(root).as_posix() for p in root.glob("opportunities/*/*/opportunity.yaml"))
    every_file = list(root.glob("opportunities/**/*.yaml"))
    return Row(
        opportunities=count,
        files=len(every_file),
        in_process=best_of(repeat, in_process(root)),
        cli=best_of(repeat, command([str(BIN / "devex"), "validate", "--root", str(root)], root)),
        check_jsonschema=best_of(repeat, command(check_jsonschema_command(opportunity_files), root)),
    )


def table(rows: list[Row]) -> str:
    def ms(seconds: float, count: int) -> str:
        return f"{seconds / count * 1000:.2f}"

    lines = [
        "| opportunities | files devex reads | devex in-process (s) | ms per opp. | `devex validate` (s) | ms per opp. "
        "| check-jsonschema (s) | ms per opp. | check-jsonschema / `devex validate` |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        n = row.opportunities
        lines.append(
            f"| {n:,} | {row.files:,} | {row.in_process:.2f} | {ms(row.in_process, n)} | {row.cli:.2f} "
            f"| {ms(row.cli, n)} | {row.check_jsonschema:.2f} | {ms(row.check_jsonschema, n)} "
            f"| {row.check_jsonschema / row.cli:.1f}x |"
        )
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line]
        cpu = names[0] if names else cpu
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}" for name in ("check-jsonschema", "jsonschema-rs", "PyYAML")
    )
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {versions}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.validate", description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(DEFAULT_SIZES), help="numbers of opportunities")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per figure; the best is kept (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out", help="where marketplaces are cached")
    args = parser.parse_args(argv)
    rows = []
    for count in args.sizes:
        root = marketplace(args.out, count, args.seed)
        if not rows:
            confirm_check_jsonschema_rejects(next(root.glob("opportunities/*/*/opportunity.yaml")))
        rows.append(measure(root, count, args.repeat))
        print(f"measured {count:,} opportunities", file=sys.stderr)
    print(f"Machine: {machine()}\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
