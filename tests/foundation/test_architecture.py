"""The layers of docs/dev/architecture.md hold: `lint-imports` checks the contracts in pyproject.toml, and no
import inside a function hides an arrow from it (the one fair use: a command deferring a heavy import)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "site_builder"


def nested_imports(path: Path, root: Path = PACKAGE.parent) -> list[str]:
    """`file:line module` for every import of the package made inside a function of `path`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            module = inner.module if isinstance(inner, ast.ImportFrom) else None
            names = [alias.name for alias in inner.names] if isinstance(inner, ast.Import) else [module or ""]
            if isinstance(inner, ast.Import | ast.ImportFrom) and any(n.startswith("site_builder") for n in names):
                found.append(f"{path.relative_to(root)}:{inner.lineno} {', '.join(names)}")
    return found


def test_no_import_inside_a_function_dodges_the_layers() -> None:
    hidden = [
        line
        for path in sorted(PACKAGE.rglob("*.py"))
        if "cli" not in path.relative_to(PACKAGE).parts[:1]
        for line in nested_imports(path)
    ]
    assert hidden == []


def test_the_check_finds_an_import_inside_a_function(tmp_path: Path) -> None:
    sample = tmp_path / "probe.py"
    sample.write_text("import site_builder\n\n\ndef f():\n    from site_builder import validate\n", "utf-8")
    assert nested_imports(sample, tmp_path) == ["probe.py:5 site_builder"]


def test_the_import_contracts_are_kept() -> None:
    linter = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(linter)], cwd=PACKAGE.parent, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout
