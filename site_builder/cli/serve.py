"""`devex serve [--dev-addr HOST:PORT] [--config-file FILE] [--full]`: `mkdocs serve` through the library.

The devex plugin also watches opportunities/ and schema/, so editing a YAML file rebuilds the site. Builds
are `--dirty` by default: only pages whose content changed are written again (see docs/dev/site.md)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from mkdocs.commands.serve import serve
from mkdocs.exceptions import Abort

from site_builder.cli.build import config_file, show_mkdocs_log


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser("serve", help="preview the site with live reload; rebuilds when a YAML changes")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="default: 127.0.0.1:8000")
    parser.add_argument("--config-file", type=Path, help="the MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument(
        "--full", action="store_true", help="rebuild every page on each change instead of only the changed ones"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print warnings and errors only")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = config_file(args)
    handler = show_mkdocs_log(args.quiet)
    try:
        # Not strict: a preview must survive a warning (and a dirty build always warns that it is one).
        serve(config_file=str(path), dev_addr=args.dev_addr, build_type=None if args.full else "dirty", strict=False)
    except Abort as error:
        print(f"devex serve: {error.message}", file=sys.stderr)
        return 1
    except OSError as error:  # the address is taken, or not ours to listen on
        print(f"devex serve: cannot listen on {args.dev_addr}: {error.strerror}", file=sys.stderr)
        return 1
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return 0
