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


@contextmanager
def kept() -> Iterator[None]:
    """`paused`, for data that outlives the block (a site build's marketplace and pages): what the block made
    is frozen out of the collector's walks before it is switched on again, so neither its first pass nor the
    full passes after it walk that data again and again. Call `release()` once the data is done with."""
    with paused():
        yield
        gc.freeze()


def release() -> None:
    """End what `kept` froze: the objects go back to the collector's oldest generation."""
    gc.unfreeze()
