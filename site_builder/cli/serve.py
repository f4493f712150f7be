"""`devex serve [--dev-addr HOST:PORT] [--config-file FILE] [--full]`: a live preview of the site
(`site_builder/site/preview.py`: MkDocs' live-reload server and builds, as `mkdocs serve --dirty`).

It prints the address it serves, path of `site_url` included (http://127.0.0.1:8000/marketplace/ for the sample).
The devex plugin also watches opportunities/ and schema/, so saving a YAML file rebuilds the site; a build that
fails shows its problems in place of every page, and opportunities set aside are named at the top of every page.
Rebuilds are dirty by default: only pages whose content changed are written again (docs/dev/site.md)."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

from mkdocs.exceptions import Abort

from site_builder.cli.build import config_file, show_mkdocs_log
from site_builder.site.preview import Preview


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser("serve", help="preview the site with live reload; rebuilds when a YAML changes")
    parser.add_argument(
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="where to listen (default: 127.0.0.1:8000; port 0: any free port); the address served is printed",
    )
    parser.add_argument("--config-file", type=Path, help="the MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument(
        "--full", action="store_true", help="rebuild every page on each change instead of only the changed ones"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print warnings, errors and the address only")
    parser.set_defaults(run=run)


def announce(url: str) -> None:
    print(f"devex serve: the site is served at {url} (live reload on; Ctrl+C stops)", file=sys.stderr, flush=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # a termination stops the preview as Ctrl+C does: its temporary folder is removed


def run(args: argparse.Namespace) -> int:
    path = config_file(args)
    handler = show_mkdocs_log(args.quiet)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        Preview(str(path), dev_addr=args.dev_addr, dirty=not args.full).run(announce)
    except Abort as error:  # mkdocs.yml cannot be loaded
        print(f"devex serve: {error.message}", file=sys.stderr)
        return 1
    except OSError as error:  # the address is taken, or not ours to listen on
        print(f"devex serve: cannot listen on {args.dev_addr}: {error.strerror}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
        logging.getLogger("mkdocs").removeHandler(handler)
    return 0
