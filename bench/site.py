"""Site build timing: `python -m bench.site 1000 10000 [--out bench/out/site] [--site-root DIR] [--repeat 3]
[--json FILE]`.

For each count N it builds, each in a fresh process so nothing is cached between runs:
1. the marketplace site: a synthetic marketplace of N opportunities (bench.generate) through `devex build`,
   both languages, with every listing, department and skill page and the open-data outputs;
2. the baseline the issue names: plain Material for MkDocs (same theme, search plugin and Markdown
   extensions, no devex plugin) on 2N one-screen plain Markdown pages with a bounded navigation.
It prints one line per build (wall and CPU seconds, pages, bytes) and the ratio, and with `--json` writes
the figures. CPU time (user + system of the build process) is the fair measure on a shared machine; wall
time is shown beside it. Each build writes into an empty folder on a RAM disk when there is one (--site-root).
Figures and the command that made them go in docs/dev/site.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOW = "2026-11-25T12:00:00-05:00"
PARAGRAPH = (
    "Departments post small pieces of open-source work with a fixed price, and suppliers across the country "
    "apply in the open. This paragraph stands for the background an opportunity gives, in plain language, "
    "long enough to fill a few lines of a screen."
)


@dataclass
class Figure:
    kind: str
    count: int
    pages: int
    wall: float
    cpu: float
    bytes: int
    largest_opportunity_page: int = 0


def plain_page(number: int) -> str:
    """A one-screen Markdown page: a title, paragraphs, a list and a small table."""
    rows = "\n".join(f"| Item {i} | {i * 500} |" for i in range(1, 7))
    items = "\n".join(f"- Point {i} of page {number}" for i in range(1, 6))
    return (
        f"# Plain page {number}\n\n{PARAGRAPH}\n\n## Details\n\n{PARAGRAPH}\n\n{items}\n\n"
        f"| Name | Value |\n| --- | --- |\n{rows}\n\n{PARAGRAPH}\n"
    )


def write_baseline(folder: Path, pages: int) -> Path:
    """A plain Material project with `pages` pages under p/ and a bounded navigation of five entries."""
    docs = folder / "docs"
    (docs / "p").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nPlain pages.\n", "utf-8")
    for number in range(pages):
        (docs / "p" / f"{number}.md").write_text(plain_page(number), "utf-8")
    nav = "\n".join(f"  - p/{i}.md" for i in range(min(4, pages)))
    config = (
        "site_name: Baseline\nsite_url: https://example.org/\ntheme:\n  name: material\n"
        "plugins:\n  - search:\n      lang: [en, fr]\n"
        "markdown_extensions:\n  - toc\n  - attr_list\n  - md_in_html\n  - admonition\n  - tables\n  - def_list\n"
        f"nav:\n  - index.md\n{nav}\nnot_in_nav: |\n  /p/\n"
    )
    (folder / "mkdocs.yml").write_text(config, "utf-8")
    return folder / "mkdocs.yml"


def timed(command: list[str], env: dict[str, str], output: Path, cwd: Path = REPO) -> tuple[float, float]:
    """Wall and CPU seconds of one child process that builds into `output`, removed first (untimed): every
    build starts from an empty folder, as one in CI does, instead of first deleting the previous site."""
    shutil.rmtree(output, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def default_site_root() -> Path:
    """Where built sites go: a RAM disk when there is one. On this shared machine the cost of writing many
    small files to disk varied fivefold within an hour (system time), which decided the ratio more than
    either build did; in memory both builds write the same way every time."""
    ram = Path("/dev/shm")
    return ram / "devex-bench" if ram.is_dir() and os.access(ram, os.W_OK) else REPO / "bench" / "out" / "site"


def measure_site(site: Path) -> tuple[int, int, int]:
    """HTML pages, total bytes, and the largest opportunity page in bytes."""
    pages = total = largest = 0
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html":
                pages += 1
                if "/opportunities/" in path.as_posix():
                    largest = max(largest, size)
    return pages, total, largest


def phases(market: Path) -> dict[str, float]:
    """CPU seconds of the plugin's own steps, in this process and with the garbage collector handled as the
    plugin handles it: validating and loading the marketplace (site_builder.validate), making the pages
    (site_builder.render) and the open data (site_builder.export)."""
    from datetime import datetime

    from site_builder import collector, export, render, schemas
    from site_builder.pages import BuildContext
    from site_builder.validate import load_marketplace

    now = datetime.fromisoformat(NOW)
    with collector.kept():
        start = time.process_time()
        marketplace = load_marketplace(market)
        loaded = time.process_time()
        context = BuildContext(now, now, marketplace.settings.site_url)
        render.site(marketplace, context, schemas.schema_documents())
        rendered = time.process_time()
        export.assets(marketplace, context)
        exported = time.process_time()
    collector.release()
    return {"load": loaded - start, "render": rendered - loaded, "export": exported - rendered}


def run(count: int, out: Path, repeat: int, sites: Path) -> list[Figure]:
    """Both builds `repeat` times, alternating so load on the machine hits both alike; the best of each.
    The marketplaces and the baseline's Markdown stay in `out`; the built sites go to `sites`."""
    from bench.generate import generate

    work = out / str(count)
    market = work / "market"
    if not (market / "opportunities").is_dir():
        shutil.rmtree(work, ignore_errors=True)
        generate(market, count)
    env = {**os.environ, "DEVEX_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    baseline = work / "baseline"
    site, plain_site = sites / str(count) / "site", sites / str(count) / "baseline-site"
    shutil.rmtree(baseline, ignore_errors=True)
    config = write_baseline(baseline, 2 * count)
    devex = [str(REPO / ".venv/bin/devex"), "build", "-q", "--root", str(market), "--site-dir", str(site)]
    mkdocs = [str(REPO / ".venv/bin/mkdocs"), "build", "-q", "-f", str(config), "-d", str(plain_site)]
    ours: list[tuple[float, float]] = []
    plain: list[tuple[float, float]] = []
    for _ in range(repeat):
        ours.append(timed(devex, env, site))
        plain.append(timed(mkdocs, env, plain_site))
    pages, total, largest = measure_site(site)
    figures = [Figure("marketplace", count, pages, min(w for w, _ in ours), min(c for _, c in ours), total, largest)]
    pages, total, _ = measure_site(plain_site)
    figures.append(Figure("plain Material", count, pages, min(w for w, _ in plain), min(c for _, c in plain), total))
    for folder in (baseline, site, plain_site):
        shutil.rmtree(folder, ignore_errors=True)
    return figures


def serve_config(market: Path, target: Path) -> Path:
    """The project's mkdocs.yml pointed at a synthetic marketplace (absolute docs and overrides folders)."""
    import yaml

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    config["docs_dir"] = str(REPO / "docs")
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    config["plugins"] = [p if p != "devex" else {"devex": {"root": str(market)}} for p in config["plugins"]]
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return target


def _fetch(url: str) -> str:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def _wait_for(url: str, text: str, limit: float, process: subprocess.Popen) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if process.poll() is not None:
            raise RuntimeError(f"devex serve stopped with exit code {process.returncode}")
        if text in _fetch(url):
            return time.perf_counter() - start
        time.sleep(0.1)
    raise TimeoutError(f"{url} never showed {text!r} within {limit} s")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure_serve(count: int, out: Path, full: bool) -> dict[str, float]:
    """Start `devex serve`, wait for the first build, retitle one opportunity and time until its page
    shows the new title: the rebuild as a buyer previewing an edit sees it."""
    from bench.generate import generate

    work = out / str(count)
    market = work / "market"
    if not (market / "opportunities").is_dir():
        shutil.rmtree(work, ignore_errors=True)
        generate(market, count)
    config = serve_config(market, work / "serve.yml")
    target = sorted((market / "opportunities").glob("*/*/opportunity.yaml"))[count // 2]
    original = target.read_text("utf-8")
    ident = target.parent.name
    port = _free_port()
    command = [str(REPO / ".venv/bin/devex"), "serve", "-q", "--config-file", str(config)]
    command += ["--dev-addr", f"127.0.0.1:{port}"] + (["--full"] if full else [])
    env = {**os.environ, "DEVEX_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/marketplace/opportunities/{ident}/"
    try:
        first = _wait_for(url, ident, 1800, process)
        marker = f"Retitled {int(time.time())}"
        lines = original.splitlines()
        at = lines.index("title:") + 1
        lines[at] = f"  en: {marker}"
        target.write_text("\n".join(lines) + "\n", "utf-8")
        rebuild = _wait_for(url, marker, 1800, process)
    finally:
        target.write_text(original, "utf-8")
        process.terminate()
        process.wait(30)
    return {"first_build": first, "rebuild": rebuild}


def stage_for_zensical(market: Path, folder: Path) -> Path:
    """Zensical runs no MkDocs plugin, so write what the plugin adds in memory to disk: the same pure
    functions (render.site, export.assets), the docs/ folder beside them, and a configuration whose
    navigation is both languages' one after the other (Zensical has a single navigation)."""
    from datetime import datetime

    import yaml

    from site_builder import export, render, schemas
    from site_builder.pages import BuildContext, Page, SearchDocument
    from site_builder.render.navigation import navigation
    from site_builder.validate import load_marketplace

    marketplace = load_marketplace(market)
    now = datetime.fromisoformat(NOW)
    context = BuildContext(now, now, marketplace.settings.site_url)
    extra = render.about_pages(marketplace, context)
    outputs = [
        *render.site(marketplace, context, schemas.schema_documents(), more=extra),
        *export.assets(marketplace, context),
    ]
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(REPO / "docs", folder / "docs", ignore=shutil.ignore_patterns("dev"))
    for item in outputs:
        if isinstance(item, SearchDocument):
            continue  # Zensical has its own search
        target = folder / "docs" / (item.src_uri if isinstance(item, Page) else item.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(item, Page):
            target.write_text(item.markdown, "utf-8")
        else:
            target.write_bytes(item.content)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    config["docs_dir"], config["site_dir"] = "docs", "site"  # Zensical 0.0.73 panics on absolute paths
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    config["plugins"] = [plugin for plugin in config["plugins"] if plugin != "devex"]
    config["nav"] = [*navigation("en", extra), {"Français": navigation("fr", extra)}]
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return folder / "mkdocs.yml"


def measure_zensical(count: int, out: Path) -> None:
    """Build the same pages with `zensical build` and print how far it gets."""
    from bench.generate import generate

    work = out / str(count)
    market = work / "market"
    if count and not (market / "opportunities").is_dir():
        shutil.rmtree(work, ignore_errors=True)
        generate(market, count)
    folder = work / "zensical"
    config = stage_for_zensical(market if count else REPO, folder)
    zensical = shutil.which("zensical", path=str(REPO / ".venv/bin"))
    if zensical is None:
        print("zensical is not installed: .venv/bin/pip install zensical==0.0.73")
        return
    env = {**os.environ, "NO_COLOR": "1"}
    wall, cpu = timed([zensical, "build", "--clean", "-f", str(config)], env, cwd=folder)
    site = folder / "site"
    pages, total, largest = measure_site(site)
    french = site / "fr" / "index.html"
    lang = re.search(r"<html lang=\"([a-z]+)\"", french.read_text("utf-8")).group(1) if french.is_file() else "-"
    print(
        f"zensical        N={count:6} pages={pages:6} wall={wall:7.1f}s cpu={cpu:7.1f}s size={total / 1e6:7.1f}MB "
        f"largest-opportunity-page={largest / 1024:.1f}KB; <html lang> of fr/index.html: {lang}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="+", type=int)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "site")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind; the best one counts")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument(
        "--site-root", type=Path, default=default_site_root(), help="where the built sites go (default: a RAM disk)"
    )
    parser.add_argument("--serve", action="store_true", help="time `devex serve` rebuilds instead of builds")
    parser.add_argument(
        "--zensical", action="store_true", help="build the same pages with `zensical build` (0 = the sample)"
    )
    args = parser.parse_args(argv)
    if args.zensical:
        for count in args.counts:
            measure_zensical(count, args.out)
        return 0
    if args.serve:
        for count in args.counts:
            for full in (False, True):
                times = measure_serve(count, args.out, full)
                kind = "serve --full" if full else "serve (dirty)"
                print(
                    f"{kind:15} N={count:6} first build {times['first_build']:.1f}s, "
                    f"rebuild after one edit {times['rebuild']:.1f}s",
                    flush=True,
                )
        return 0
    every = []
    for count in args.counts:
        figures = run(count, args.out, args.repeat, args.site_root)
        every += figures
        ours, plain = figures
        for figure in figures:
            print(
                f"{figure.kind:15} N={count:6} pages={figure.pages:6} wall={figure.wall:7.1f}s "
                f"cpu={figure.cpu:7.1f}s size={figure.bytes / 1e6:7.1f}MB"
                + (f" largest-opportunity-page={figure.largest_opportunity_page / 1024:.1f}KB" if figure.pages else "")
            )
        print(f"ratio N={count}: cpu {ours.cpu / plain.cpu:.2f}x, wall {ours.wall / plain.wall:.2f}x", flush=True)
        steps = phases(args.out / str(count) / "market")
        rest = ours.cpu - steps["load"] - steps["export"]
        print(
            f"  of which validate+load {steps['load']:.1f}s, render {steps['render']:.1f}s, "
            f"export {steps['export']:.1f}s; without validation and export: {rest:.1f}s = "
            f"{rest / plain.cpu:.2f}x plain Material",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps([asdict(f) for f in every], indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
