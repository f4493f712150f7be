"""`devex sync`: observe GitHub, print the plan, apply it; one run at a time per checkout.

A lock file in `.git/` keeps two syncs in the same checkout apart (the second waits, then finds nothing
left to do); across runners the workflow's concurrency group does the same, and every mutation still
looks for its marker before it is re-sent.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from site_builder import archive
from site_builder.errors import GitHubError
from site_builder.github_sync import discussions
from site_builder.github_sync.apply import Context, Flag, apply
from site_builder.github_sync.client import Client
from site_builder.github_sync.config import Config
from site_builder.github_sync.markers import KEY_VARIABLE
from site_builder.github_sync.plan import Plan, comments_wanted, compute_plan
from site_builder.validate import load_marketplace

LOCK_WAIT = 600.0
MIN_KEY_LENGTH = 32


@contextlib.contextmanager
def sync_lock(root: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold an exclusive lock on this checkout for the whole run; wait for another run to finish first."""
    folder = root / ".git" if (root / ".git").is_dir() else root
    handle = os.open(folder / "devex-sync.lock", os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise GitHubError(
                        f"another devex sync has held {folder}/devex-sync.lock for {wait:.0f} s"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(handle)


def run_sync(
    root: Path, config: Config, now: datetime, dry_run: bool, log: Callable[[str], None], client: Client | None = None
) -> tuple[Plan, list[Flag]]:
    """Plan (and unless `dry_run`, apply) one sync of the marketplace at `root` with GitHub.

    Returns the plan and the opportunities flagged while applying it (each needs a person; the rest was done).
    """
    flags: list[Flag] = []
    if len(config.marker_key) < MIN_KEY_LENGTH:
        raise GitHubError(
            f"{KEY_VARIABLE} is not set or shorter than {MIN_KEY_LENGTH} characters: sync signs its markers with it "
            "so nobody can forge them (docs/dev/repository-settings.md); set it as a secret of the sync environment"
        )
    with contextlib.nullcontext() if dry_run else sync_lock(root):
        for leftover in [] if dry_run else archive.discard_interrupted(root):
            log(f"removed {leftover}, left by an interrupted bids archive: it is written again")
        marketplace = load_marketplace(root)
        client = client or Client(config)
        try:
            repository = discussions.read_repository(client)
            wanted = comments_wanted(marketplace, repository, now)
            comments = {ident: discussions.read_comments(client, ident) for ident in sorted(wanted)}
            plan = compute_plan(marketplace, repository, comments, now)
            log(plan.format(config.repository, now).rstrip("\n"))
            if not dry_run and plan.actions:
                flags = apply(plan, Context(client, repository, marketplace, now, log))
        finally:
            client.close()
    return plan, flags
