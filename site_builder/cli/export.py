"""`devex export --out DIR [--now ISO] [--published ISO]`: write every open-data file, without MkDocs."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from site_builder.cli._options import add_root, marketplace_root
from site_builder.clock import BadTime, last_commit_time, parse_moment
from site_builder.dump import write_atomic
from site_builder.errors import DevexError, UsageError
from site_builder.export import assets
from site_builder.pages import Asset, BuildContext
from site_builder.validate import load_marketplace


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser("export", help="write the open-data files (JSON, OCDS, CSV, feeds, calendar)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write the files into")
    parser.add_argument("--now", type=_moment("--now"), help="time of the build, with offset (default: now)")
    parser.add_argument(
        "--published",
        type=_moment("--published"),
        help="publication time inside the data (default: the last commit's time)",
    )
    parser.add_argument("--site-url", default="", help="the site's address (default: site_url in marketplace.yaml)")
    add_root(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = marketplace_root(args)
    marketplace = load_marketplace(root)
    published = args.published or last_commit_time(root)
    if published is None:
        raise UsageError(f"cannot read the last commit of {root}: pass --published")
    context = BuildContext(now=args.now or datetime.now(UTC), published=published, site_url=args.site_url)
    written = assets(marketplace, context)
    for asset in written:
        try:
            write_asset(args.out, asset)
        except OSError as error:
            raise DevexError(f"cannot write {args.out / asset.path}: {error.strerror or error}") from error
    print(f"wrote {len(written)} files to {args.out}")
    return 0


def _moment(name: str) -> Callable[[str], datetime]:
    """An argparse type for the option `name`: a time with its UTC offset."""

    def parse(text: str) -> datetime:
        try:
            return parse_moment(text, name)
        except BadTime as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return parse


def write_asset(out: Path, asset: Asset) -> None:
    """Write one file whole (`dump.write_atomic`): a reader never sees half a file."""
    write_atomic(out / asset.path, asset.content)
