"""The `devex` command: parses arguments only; each command module calls a library function.

Exit codes are a contract: 0 success, 1 invalid data (or a failed operation), 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from site_builder import __version__
from site_builder.errors import DevexError, InvalidMarketplace, UsageError
from site_builder.report import as_text


def _command_modules() -> list[str]:
    """Every module of this package is one command: adding a command never edits this file."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))


EXIT_INVALID, EXIT_USAGE = 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        command = self.prog.partition(" ")[2]
        advice = f"see `{self.prog} --help`"
        raise UsageError(f"{command}: {message}: {advice}" if command else f"{message}: {advice}")


def _named_command(argv: Sequence[str]) -> str | None:
    """The command `argv` names, if it names one: the first word that is not an option (`devex` itself takes
    no option with a value), when it is a command module's name."""
    first = next((word for word in argv if not word.startswith("-")), "")
    module = first.replace("-", "_")
    return module if module in _command_modules() else None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv`: only the command it names is imported (`devex validate` never pays for MkDocs,
    Jinja2 or Babel, about 0.35 s of start-up); with no command named, or for `--help`, all of them."""
    named = _named_command(argv) if argv is not None else None
    parser = _Parser(prog="devex", description="Run the GC Developers Exchange marketplace from its Git repository.")
    parser.add_argument("--version", action="version", version=f"devex {__version__}")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subcommands.required = True
    for name in [named] if named else _command_modules():
        importlib.import_module(f"site_builder.cli.{name}").register(subcommands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        args = build_parser(words).parse_args(words)
        return int(args.run(args))
    except UsageError as error:
        print(f"devex: {error}", file=sys.stderr)
        return EXIT_USAGE
    except InvalidMarketplace as error:
        sys.stderr.write(as_text(error.problems))
        return EXIT_INVALID
    except DevexError as error:
        print(f"devex: {error}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
