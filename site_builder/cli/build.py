"""`devex build [--strict | --no-strict] [--site-dir DIR] [--config-file FILE]`: `mkdocs build --strict`
through the library, so the same plugin, checks and messages apply; exit 1 on any warning or invalid settings.

Exit 3: the site was built and written, but opportunities whose files do not validate were set aside (not
published), each reported with its problems: one opportunity's trouble stays its own, so the pages workflow
deploys the others and then fails loudly (issue 21)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from site_builder.errors import UsageError
from site_builder.reading import find_root
from site_builder.report import REPORTERS

CONFIG_NAME = "mkdocs.yml"
EXIT_SET_ASIDE = 3


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser("build", help="build the bilingual site into site/ (strict: warnings fail)")
    add_config_arguments(parser)
    parser.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="fail on any MkDocs warning, as `mkdocs build --strict` (default: on)",
    )
    parser.add_argument("--site-dir", type=Path, help="where to write the site (default: site/ beside mkdocs.yml)")
    parser.set_defaults(run=run)


def add_config_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config-file", type=Path, help="the MkDocs configuration (default: mkdocs.yml of the repo)")
    parser.add_argument(
        "--root", type=Path, help="build this marketplace repository instead of the one mkdocs.yml names"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print warnings and errors only")


def config_file(args: argparse.Namespace) -> Path:
    """The mkdocs.yml to use: the one given, or the one at the root of the marketplace repository."""
    path = args.config_file or find_root(Path.cwd()) / CONFIG_NAME
    if not path.is_file():
        raise UsageError(f"{path}: no such MkDocs configuration file")
    return path


def show_mkdocs_log(quiet: bool) -> logging.Handler:
    """MkDocs reports through the `mkdocs` logger; print it the way `mkdocs build` does."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    return handler


def load(path: Path, *, root: Path | None = None, **options: object) -> MkDocsConfig:
    """The MkDocs configuration at `path`, pointed at another marketplace `root` when one is given."""
    try:
        config = load_config(config_file=str(path), **options)
    except ConfigurationError as error:
        raise UsageError(f"{path}: {error}") from error
    if root is not None:
        if "devex" not in config.plugins:
            raise UsageError(f"{path} does not use the devex plugin, so --root has nothing to point")
        config.plugins["devex"].config["root"] = str(root.resolve())
    return config


def build_site(
    path: Path, *, strict: bool = True, site_dir: Path | None = None, root: Path | None = None
) -> MkDocsConfig:
    """Build the site of `path` (mkdocs.yml); raises Abort on failure, after MkDocs has logged why."""
    options: dict[str, object] = {"strict": strict}
    if site_dir is not None:
        options["site_dir"] = str(site_dir.resolve())
    config = load(path, root=root, **options)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return config


def run(args: argparse.Namespace) -> int:
    path = config_file(args)
    handler = show_mkdocs_log(args.quiet)
    try:
        config = build_site(path, strict=args.strict, site_dir=args.site_dir, root=args.root)
    except Abort as error:
        print(f"devex build: {error.message}", file=sys.stderr)
        return 1
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    plugin = config.plugins.get("devex")
    broken = getattr(plugin, "broken", {})
    if broken:
        problems = [problem for found in broken.values() for problem in found]
        reporter = REPORTERS["github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"]
        print(
            f"devex build: the site was written without {len(broken)} opportunity folder(s) whose files do not "
            f"validate: {', '.join(broken)} (docs/dev/runbook.md)",
            file=sys.stderr,
        )
        sys.stderr.write(reporter(problems))
        return EXIT_SET_ASIDE
    return 0
