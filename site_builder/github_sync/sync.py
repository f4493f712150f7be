"""`devex sync`: observe GitHub, print the plan, apply it, report what does not validate; one run at a time.

A folder whose files do not validate on main is set aside (`load_marketplace(keep_going=True)`): no step
touches it, every other opportunity is served in the same run, and then it is named in the log and the job
summary and reported in its issue (`broken`). Only broken settings (marketplace.yaml) still stop the run.

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
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from site_builder import archive
from site_builder.errors import GitHubError
from site_builder.github_sync import discussions
from site_builder.github_sync.apply import Context, Flag, apply
from site_builder.github_sync.broken import Broken, Reporter, Reports, broken_of, log_lines, write_summary
from site_builder.github_sync.client import Client
from site_builder.github_sync.config import Config
from site_builder.github_sync.markers import KEY_VARIABLE
from site_builder.github_sync.plan import Plan, comments_wanted, compute_plan, histories_wanted
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


@dataclass(frozen=True)
class Outcome:
    """What a run did: the plan, the opportunities flagged while applying it (each needs a person; the rest was
    done), the folders set aside as broken and what became of their issues."""

    plan: Plan
    flags: list[Flag] = field(default_factory=list)
    broken: list[Broken] = field(default_factory=list)
    reports: Reports = field(default_factory=Reports)
    notes: list[Flag] = field(default_factory=list)  # done, but a person must look (an archive's edited comments)

    @property
    def failed(self) -> bool:
        """Whether the run must end with exit 1 (after all its work): something waits for a person."""
        return bool(self.plan.notices or self.flags or self.broken or self.reports.failures or self.notes)


def run_sync(
    root: Path,
    config: Config,
    now: datetime,
    dry_run: bool,
    log: Callable[[str], None],
    client: Client | None = None,
    summary: Path | None = None,
) -> Outcome:
    """Plan (and unless `dry_run`, apply) one sync of the marketplace at `root` with GitHub, then report the
    folders set aside as broken (their issues; the job summary `summary`, when given, even if GitHub failed)."""
    if len(config.marker_key) < MIN_KEY_LENGTH:
        raise GitHubError(
            f"{KEY_VARIABLE} is not set or shorter than {MIN_KEY_LENGTH} characters: sync signs its markers with it "
            "so nobody can forge them (docs/dev/repository-settings.md); set it as a secret of the sync environment"
        )
    with contextlib.nullcontext() if dry_run else sync_lock(root):
        for leftover in [] if dry_run else archive.discard_interrupted(root):
            log(f"removed {leftover}, left by an interrupted bids archive: it is written again")
        marketplace = load_marketplace(root, keep_going=True)
        broken = broken_of(marketplace)
        for line in log_lines(broken):
            log(line)
        client = client or Client(config)
        flags: list[Flag] = []
        notes: list[Flag] = []
        reports = Reports()
        try:
            repository = discussions.read_repository(client)
            wanted = comments_wanted(marketplace, repository, now)
            histories = histories_wanted(marketplace, repository, now)
            comments = {
                ident: discussions.read_comments(client, ident, history=ident in histories) for ident in sorted(wanted)
            }
            plan = compute_plan(marketplace, repository, comments, now)
            log(plan.format(config.repository, now).rstrip("\n"))
            if not dry_run and plan.actions:
                context = Context(client, repository, marketplace, now, log)
                flags, notes = apply(plan, context), context.notes
            if broken:
                log(f"Issues of broken folders:{' not checked in a dry run' if dry_run else ''}")
            if not dry_run:  # also with nothing broken: the issues of folders repaired since are closed
                reports = Reporter(client, repository, marketplace.settings, log).run(broken)
        finally:
            client.close()
            if summary is not None and broken:
                write_summary(summary, broken, reports)
    return Outcome(plan, flags, broken, reports, notes)
