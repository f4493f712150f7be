"""Fixtures of the bench tests; the shared ones (repo_root) come from tests/conftest.py.

`bench` is not an installed package: `python -m pytest` from the repository root finds it, and this makes
`pytest tests/bench` find it too.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
