"""`devex export --out DIR [--now ISO] [--published ISO]`: write every open-data file, without MkDocs."""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from site_builder.cli._options import add_root, marketplace_root
from site_builder.errors import DevexError, UsageError
from site_builder.export import assets
from site_builder.pages import Asset, BuildContext
from site_builder.validate import load_marketplace


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser("export", help="write the open-data files (JSON, OCDS, CSV, feeds, calendar)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write the files into")
    parser.add_argument("--now", type=_moment, help="time of the build, with offset (default: now)")
    parser.add_argument(
        "--published", type=_moment, help="publication time inside the data (default: the last commit's time)"
    )
    parser.add_argument("--site-url", default="", help="the site's address (default: site_url in marketplace.yaml)")
    add_root(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = marketplace_root(args)
    marketplace = load_marketplace(root)
    published = args.published or last_commit_time(root)
    context = BuildContext(now=args.now or datetime.now(UTC), published=published, site_url=args.site_url)
    written = assets(marketplace, context)
    for asset in written:
        try:
            write_asset(args.out, asset)
        except OSError as error:
            raise DevexError(f"cannot write {args.out / asset.path}: {error.strerror or error}") from error
    print(f"wrote {len(written)} files to {args.out}")
    return 0


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date and time such as 2026-12-01T14:00:00-05:00"
        ) from error
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no UTC offset: add one, such as -05:00 or Z")
    return moment


def last_commit_time(root: Path) -> datetime:
    """The committer time of HEAD: the one timestamp published data may carry, so rebuilds match."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%cI"], capture_output=True, text=True, check=True
        )
    except (FileNotFoundError, subprocess.CalledProcessError) as error:
        raise UsageError(f"cannot read the last commit of {root}: pass --published") from error
    if not done.stdout.strip():
        raise UsageError(f"{root} has no commit yet: pass --published")
    return datetime.fromisoformat(done.stdout.strip())


def write_asset(out: Path, asset: Asset) -> None:
    """Write one file whole: a temporary file in the same folder, then a rename over the target."""
    target = out / asset.path
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(asset.content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
