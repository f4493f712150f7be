"""Python's cyclic garbage collector, kept out of the way of bulk work.

Loading, rendering and exporting a marketplace build hundreds of thousands of containers (dicts, lists,
tuples, strings) that reference counting frees and that form no reference cycles. Left on, the collector
counts those allocations and now and then walks the whole heap, everything already loaded included: at
10,000 opportunities that was a quarter of validation's time and a sixth of the exports', and it grew faster
than linearly. Pausing loses nothing: a cycle some library makes is found by the first pass afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Run the block without the cyclic collector, then restore it as it was (also when the block raises)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
