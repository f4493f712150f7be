"""Measure `devex sync` against the stand-in GitHub as the marketplace grows (not collected by pytest).

    .venv/bin/python -m bench.sync 250 1000 4000

For N opportunities, all posted and most of them long finished (the steady state of a marketplace), it
times one sync that finds nothing to do and counts its GraphQL requests; then it times posting 100 new
opportunities (one mutation each). Figures go in docs/dev/automation.md.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "github"))  # the stand-in GitHub the tests use

from github_standin import BOT_TOKEN, DiscussionState, StandIn, World, load_schema  # noqa: E402
from github_testkit import MARKER_KEY, MARKET, cancelled, devex, opportunity  # noqa: E402

from site_builder.dump import write_yaml  # noqa: E402
from site_builder.github_sync.markers import seal  # noqa: E402
from site_builder.github_sync.messages import discussion_body  # noqa: E402
from site_builder.model import Document, Opportunity, Settings  # noqa: E402

STATUSES = ("cancelled", "cancelled", "cancelled", "cancelled", "open")  # finished ones, and some still open


def build(root: Path, world: World, count: int) -> None:
    repo = world.repositories[MARKET]
    category = repo.categories["Opportunities"]
    settings = Settings(yaml.safe_load((REPO / "opportunities" / "marketplace.yaml").read_text("utf-8")))
    for index in range(count):
        department = ("esdc", "tbs")[index % 2]
        ident = f"{department}-{2000 + index // 1998}-{index // 2 % 999 + 1:03d}"
        status = STATUSES[index % len(STATUSES)]
        data = opportunity(ident, **(cancelled("2026-11-21") if status == "cancelled" else {"status": status}))
        number = repo.next_number()
        body = seal(discussion_body(Opportunity("x/y/z", Document("o", data)), settings), MARKER_KEY, repo.id)
        closed = status != "open"
        discussion = DiscussionState(f"D_{number}", number, repo, category, ident, body, "github-actions", world.now())
        discussion.locked = discussion.closed = closed
        repo.discussions.append(discussion)
        data["discussion"] = discussion.url
        folder = root / "opportunities" / ident.split("-")[0] / ident
        write_yaml(folder / "opportunity.yaml", data)


def main(sizes: list[int]) -> None:
    schema = load_schema(REPO / "tests" / "fixtures" / "github" / "schema.graphql")
    print(f"{'opportunities':>13} {'sync, nothing to do':>20} {'GraphQL requests':>17} {'post 100 new':>13}")
    for size in sizes:
        world = World()
        world.add_repository(MARKET)
        server = StandIn(world, schema).start()
        scratch = Path(tempfile.mkdtemp())
        try:
            (scratch / "opportunities").mkdir()
            shutil.copy(REPO / "opportunities" / "marketplace.yaml", scratch / "opportunities")
            build(scratch, world, size)
            os.environ.update({"GITHUB_TOKEN": BOT_TOKEN, "GITHUB_REPOSITORY": MARKET, "GITHUB_API_URL": server.url})
            os.environ["DEVEX_MARKER_KEY"] = MARKER_KEY
            started = time.perf_counter()
            run = devex("sync", "--now", "2026-11-21T10:00:00-05:00", root=scratch)
            idle = time.perf_counter() - started
            assert run.code == 0 and "nothing to do" in run.out, run.out + run.err
            requests = len(world.requests)
            posting = post_new(scratch, world, size)
            print(f"{size:>13} {idle:>19.2f}s {requests:>17} {posting:>12.2f}s")
        finally:
            server.stop()
            shutil.rmtree(scratch)


def post_new(root: Path, world: World, size: int) -> float:
    for index in range(100):
        ident = f"ssc-2027-{index + 1:03d}"
        data = opportunity(ident, posted="2026-11-20")
        write_yaml(root / "opportunities" / "ssc" / ident / "opportunity.yaml", data)
    started = time.perf_counter()
    run = devex("sync", "--now", "2026-11-21T10:00:00-05:00", root=root)
    assert run.code == 0, run.err
    return time.perf_counter() - started


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [250, 1000])
    print(
        f"on {os.cpu_count()} cores; {subprocess.run(['uname', '-m'], capture_output=True, text=True).stdout.strip()}"
    )
