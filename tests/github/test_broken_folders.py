"""Issue 21: one department cannot stop the marketplace. A folder whose files do not validate on main is set
aside and nothing touches it, while every other opportunity is posted, closed, archived and announced in the same
run; the broken one is named in the log and the job summary, reported once in an issue to its department (edited
only when its problems change, closed once it validates again), and the run ends with exit 1."""

from __future__ import annotations

import re

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from github_standin import BOT_LOGIN
from github_testkit import AFTER, BEFORE, MARKER_KEY, MARKET, WORK, devex, moment

from site_builder.github_sync import discussions
from site_builder.github_sync.apply import Context, apply
from site_builder.github_sync.broken import Broken, fenced, issue_body, printable, table_cell
from site_builder.github_sync.client import Client
from site_builder.github_sync.config import from_env
from site_builder.github_sync.markers import marker, seal
from site_builder.github_sync.plan import compute_plan
from site_builder.model import Problem
from site_builder.validate import load_marketplace

GOOD, BROKEN, NEW = "esdc-2026-001", "esdc-2026-002", "esdc-2026-003"
LATER = {"closing": "2026-12-20T14:00:00-05:00", "start": "2026-12-22", "delivery": "2027-01-08"}
SET_ASIDE = f"devex sync: opportunities/esdc/{BROKEN}: does not validate (1 problem(s)), set aside: "
HOSTILE = '"@mallory <img src=x> ```` |a\\\\| [x](https://e.example)"'


def html(markdown: str) -> str:
    """What GitHub's own Markdown (cmark-gfm) makes of a text, with raw HTML kept so an injection would show."""
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def outside_code(rendered: str) -> str:
    """The rendered text without its code blocks and code spans: where a mention or a link would work."""
    return re.sub(r"<pre[^>]*>.*?</pre>|<code>.*?</code>", "", rendered, flags=re.S)


def set_field(market, ident: str, name: str, value: str) -> None:
    path = market.folder(ident) / "opportunity.yaml"
    text = re.sub(rf"^{name}: .*$", lambda _: f"{name}: {value}", path.read_text("utf-8"), count=1, flags=re.M)
    path.write_text(text, "utf-8")


def line_of(market, ident: str, start: str) -> int:
    lines = (market.folder(ident) / "opportunity.yaml").read_text("utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.startswith(start))


def reports(world) -> dict[int, dict]:
    """The issues the automation opened, by number."""
    return world.issues(MARKET, BOT_LOGIN)


def sync(market, now: str = AFTER):
    return devex("sync", "--now", now, root=market.root)


@pytest.fixture
def scene(market, world, github_env, tmp_path, monkeypatch):
    """Two posted opportunities with an application each; then a bad edit to one of them is merged with a new
    opportunity, and the first one's closing time passes."""
    market.add(BROKEN)
    market.commit("a second opportunity")
    assert sync(market, BEFORE).code == 0
    by_ident = {d.title.split(":")[0]: d for d in world.discussions(MARKET)}
    world.comment(by_ident[GOOD], "alice", "I apply.")
    world.comment(by_ident[BROKEN], "bob", "I apply too.")
    set_field(market, BROKEN, "value", "40000")
    market.add(NEW, **LATER)
    market.commit("a bad edit, and a new opportunity")
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    return by_ident, summary


def test_the_others_are_served_in_the_same_run_and_the_broken_one_is_reported_once(market, world, scene):
    by_ident, _ = scene
    good, broken = by_ident[GOOD], by_ident[BROKEN]
    untouched = (market.folder(BROKEN) / "opportunity.yaml").read_bytes()

    run = sync(market)

    assert run.code == 1
    loaded = load_marketplace(market.root, keep_going=True)
    assert loaded.by_id()[GOOD].status == "closed" and loaded.by_id()[GOOD].bids is not None
    assert good.locked and good.comments[-1].body.startswith(f"<!-- devex:closing {GOOD} ")
    assert [d.title.split(":")[0] for d in world.discussions(MARKET)] == [GOOD, BROKEN, NEW]
    assert list(loaded.broken) == [f"opportunities/esdc/{BROKEN}"]
    assert (market.folder(BROKEN) / "opportunity.yaml").read_bytes() == untouched
    assert not broken.locked and [c.author for c in broken.comments] == ["bob"]
    assert sorted(p.name for p in market.folder(BROKEN).iterdir()) == ["opportunity.yaml"]

    where = f"opportunities/esdc/{BROKEN}/opportunity.yaml:{line_of(market, BROKEN, 'value:')}:8"
    assert f"  opportunities/esdc/{BROKEN}: 1 problem(s)\n    {where}: `value` 40000 is over" in run.out
    [(number, issue)] = reports(world).items()
    url = f"https://github.com/{MARKET}/issues/{number}"
    assert f"  {BROKEN}: reported in {url}" in run.out
    assert f"{SET_ASIDE}reported in {url}" in run.err
    assert issue["title"] == f"{BROKEN} does not validate on main / {BROKEN} n'est pas valide sur main"
    body = issue["body"]
    assert re.match(rf"<!-- devex:broken {BROKEN} [0-9a-f]{{64}} -->\n", body)
    assert "@gc-devex/esdc-buyers: the folder `opportunities/esdc/esdc-2026-002` does not validate on `main`" in body
    assert "@gc-devex/esdc-buyers : le dossier `opportunities/esdc/esdc-2026-002` n'est pas valide sur `main`" in body
    assert f"```text\n{where}: `value` 40000 is over the marketplace threshold of 10000 CAD" in body
    assert f"https://github.com/{MARKET}/blob/main/docs/dev/runbook.md" in body
    assert "@gc-devex/maintainers" not in body and len(world.issues(MARKET)) == 1


def test_the_issue_is_edited_only_when_the_problems_change_and_closed_once_repaired(market, world, scene):
    by_ident, summary = scene
    assert sync(market).code == 1
    [number] = reports(world)
    writes = len(world.rest_writes())

    again = sync(market)
    assert again.code == 1 and "nothing to do" in again.out
    assert f"  {BROKEN}: already reported in https://github.com/{MARKET}/issues/{number}" in again.out
    assert len(world.rest_writes()) == writes, "the same problems: nothing opened or edited"

    set_field(market, BROKEN, "value", "50000")
    changed = sync(market)
    assert changed.code == 1 and f"  {BROKEN}: its problems changed, updated" in changed.out
    [edit] = world.rest_writes()[writes:]
    assert (edit.method, edit.path) == ("PATCH", f"/repos/{MARKET}/issues/{number}")
    body = reports(world)[number]["body"]
    assert "`value` 50000 is over" in body and "40000" not in body
    assert list(reports(world)) == [number] and reports(world)[number]["state"] == "open"

    set_field(market, BROKEN, "value", "4500")
    shown = summary.read_text("utf-8")
    repaired = sync(market)
    assert repaired.code == 0, repaired.err
    issue = reports(world)[number]
    assert (issue["state"], issue["state_reason"]) == ("closed", "completed")
    [said] = issue["comments"]
    assert said["body"].startswith(f"<!-- devex:repaired {BROKEN} ") and "Closing." in said["body"]
    assert f"  {BROKEN}: validates again, closed https://github.com/{MARKET}/issues/{number}" in repaired.out
    broken = by_ident[BROKEN]  # served from this run on: closed (late), its application archived
    assert broken.locked and broken.comments[-1].body.startswith(f"<!-- devex:closing {BROKEN} ")
    assert load_marketplace(market.root).by_id()[BROKEN].status == "closed"
    assert summary.read_text("utf-8") == shown, "nothing broken: nothing added to the job summary"

    done = len(world.rest_writes())
    assert sync(market).code == 0 and len(world.rest_writes()) == done and len(issue["comments"]) == 1


def test_the_job_summary_tables_each_problem_with_its_issue(market, world, scene):
    _, summary = scene
    assert sync(market).code == 1
    [number] = reports(world)
    text = summary.read_text("utf-8")
    assert text.startswith("### Set aside: not valid on main / Mis de côté : non valide sur main\n")
    rows = [re.findall(r"<t[dh]>(.*?)</t[dh]>", row) for row in re.findall(r"<tr>(.*?)</tr>", html(text), re.S)]
    line = line_of(market, BROKEN, "value:")
    assert rows[1:] == [
        [
            f"<code>opportunities/esdc/{BROKEN}</code>",
            f"<code>opportunities/esdc/{BROKEN}/opportunity.yaml:{line}:8</code>",
            "<code>`value` 40000 is over the marketplace threshold of 10000 CAD: reduce the scope or use another "
            "procurement route</code>",
            f'<a href="https://github.com/{MARKET}/issues/{number}">#{number}</a>',
        ]
    ]
    assert sync(market).code == 1
    assert summary.read_text("utf-8") == text * 2, "each run appends its own"


def test_a_hostile_value_quoted_by_a_problem_injects_nothing(market, world, scene):
    _, summary = scene
    set_field(market, BROKEN, "value", "4500")
    set_field(market, BROKEN, "status", HOSTILE)

    run = sync(market)

    assert run.code == 1
    [issue] = reports(world).values()
    [problem] = [line for line in run.out.splitlines() if "`status` is" in line]
    assert "@mallory <img src=x> ```` |a\\\\|" in problem
    for markdown in (issue["body"], summary.read_text("utf-8")):
        rendered = html(markdown)
        assert "@mallory &lt;img src=x&gt; ```` |a\\\\|" in rendered, rendered
        assert "<img" not in rendered and "e.example" not in outside_code(rendered)
        assert "mallory" not in outside_code(rendered)
    rendered = html(issue["body"])
    assert rendered.count("<pre") == 1 and "`status` is" in re.search(r"<pre.*?</pre>", rendered, re.S)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", html(summary.read_text("utf-8")), re.S)
    assert [len(re.findall(r"<t[dh]>", row)) for row in rows] == [4, 4]


def test_a_stray_file_outside_every_opportunity_is_reported_to_the_maintainers(market, world, scene):
    by_ident, _ = scene
    set_field(market, BROKEN, "value", "4500")
    stray = market.root / "opportunities" / "esdc" / "notes `@mallory` <b>.md"
    stray.write_text("hello\n", "utf-8")

    run = sync(market)

    assert run.code == 1
    [issue] = reports(world).values()
    body = html(issue["body"])
    assert issue["title"] == (
        "opportunities/esdc/notes `@mallory` <b>.md does not validate on main / "
        "opportunities/esdc/notes `@mallory` <b>.md n'est pas valide sur main"
    )
    assert issue["body"].startswith("<!-- devex:broken path.")
    assert "@gc-devex/maintainers: the file <code>opportunities/esdc/notes `@mallory` &lt;b&gt;.md</code>" in body
    assert "esdc-buyers" not in body and "mallory" not in outside_code(body) and "<b>" not in body
    assert by_ident[BROKEN].locked, "every opportunity is served"
    stray.unlink()
    assert sync(market).code == 0
    assert [issue["state"] for issue in reports(world).values()] == ["closed"]


@pytest.mark.parametrize(
    "fault",
    [
        {"method": "POST", "status": 403, "message": "Resource not accessible by integration", "times": 1},
        {"method": "GET", "status": 503, "message": "Service Unavailable", "times": 100},
    ],
    ids=["refused", "unavailable"],
)
def test_github_failing_while_reporting_stops_nothing_else_and_the_next_run_reports(market, world, scene, fault):
    by_ident, summary = scene
    method = fault.pop("method")
    world.fail(lambda request: request.method == method and request.path == f"/repos/{MARKET}/issues", **fault)

    run = sync(market)

    assert run.code == 1
    assert by_ident[GOOD].locked and (market.folder(GOOD) / "bids.yaml").exists()
    assert [d.title.split(":")[0] for d in world.discussions(MARKET)] == [GOOD, BROKEN, NEW]
    assert "  NOT REPORTED: could not " in run.out
    assert f"{SET_ASIDE}not reported yet" in run.err
    assert reports(world) == {}
    assert "Not reported this time, tried again next run" in summary.read_text("utf-8")

    world.faults.clear()
    retried = sync(market)
    assert retried.code == 1 and f"  {BROKEN}: reported in" in retried.out
    assert len(reports(world)) == 1


def test_an_issue_opened_whose_answer_was_lost_is_not_opened_twice(market, world, scene):
    world.fail(lambda request: request.method == "POST" and request.path == f"/repos/{MARKET}/issues", kind="lost")
    run = sync(market)
    assert run.code == 1 and "the earlier try went through; not sending it again" in run.err
    assert len(reports(world)) == 1
    assert f"set aside: reported in https://github.com/{MARKET}/issues/" in run.err


def test_an_issue_a_person_closed_while_still_broken_is_opened_again(market, world, scene):
    assert sync(market).code == 1
    [first] = reports(world)
    reports(world)[first]["state"] = "closed"
    assert sync(market).code == 1
    assert [issue["state"] for issue in reports(world).values()] == ["closed", "open"]


def test_copied_or_foreign_markers_are_not_taken_for_the_bots_report(market, world, scene):
    """The report is found again only by the bot's own marker, on the first line, signed for this repository:
    a person's copy of its text, or the bot's marker signed for another repository, is never edited or closed."""
    assert sync(market).code == 1
    [number] = reports(world)
    copied = reports(world)[number]["body"]
    reports(world)[number]["state"] = "closed"  # a person closed it while the folder is still broken
    copy = world.add_issue(MARKET, "copy", copied, "mallory")
    elsewhere = seal(f"{marker('broken', BROKEN)}\nold", MARKER_KEY, world.repositories[WORK].id)
    foreign = world.add_issue(MARKET, "foreign", elsewhere, BOT_LOGIN)

    assert sync(market).code == 1

    opened = [n for n, issue in reports(world).items() if issue["state"] == "open" and n != foreign]
    assert len(opened) == 1 and opened[0] > foreign, "a new report, the copies left alone"
    assert world.issues(MARKET)[copy]["body"] == copied and world.issues(MARKET)[foreign]["body"] == elsewhere
    set_field(market, BROKEN, "value", "4500")
    assert sync(market).code == 0
    states = {n: issue["state"] for n, issue in world.issues(MARKET).items()}
    assert states == {number: "closed", copy: "open", foreign: "open", opened[0]: "closed"}


def test_a_dry_run_names_the_broken_folders_and_changes_nothing(market, world, scene):
    mutations = len(world.mutations())
    run = devex("sync", "--now", AFTER, "--dry-run", root=market.root)
    assert run.code == 1
    assert f"  opportunities/esdc/{BROKEN}: 1 problem(s)" in run.out
    assert "Issues of broken folders: not checked in a dry run" in run.out
    assert world.rest_writes() == [] and len(world.mutations()) == mutations and reports(world) == {}


def test_a_folder_that_stops_validating_after_a_write_is_flagged_alone(market, world, github_env):
    """`Context.reload` reads a folder again after a step wrote to it: if it no longer validates, only that
    opportunity is flagged (its later steps wait), and the others are served."""
    market.add(BROKEN)
    market.commit("a second opportunity")
    assert sync(market, BEFORE).code == 0
    marketplace = load_marketplace(market.root, keep_going=True)
    client = Client(from_env())
    repository = discussions.read_repository(client)
    plan = compute_plan(marketplace, repository, {}, moment(AFTER))
    set_field(market, BROKEN, "value", "40000")  # as if a write of this run had left the folder invalid
    lines: list[str] = []
    try:
        flags = apply(plan, Context(client, repository, marketplace, moment(AFTER), lines.append))
    finally:
        client.close()
    assert [(flag.ident, flag.message.split(":")[0]) for flag in flags] == [
        (BROKEN, "could not post the closing comment on discussion #2")
    ]
    assert "InvalidMarketplace" in flags[0].message and "40000" in flags[0].message
    good, broken = world.discussions(MARKET)
    assert good.comments[-1].body.startswith(f"<!-- devex:closing {GOOD} ")
    assert broken.locked and broken.comments == []
    assert load_marketplace(market.root, keep_going=True).by_id()[GOOD].status == "closed"


# ---------------------------------------------------------------- the text, as GitHub's Markdown reads it

TRICKY = [
    "a|b",
    "a\\|b",
    "a\\\\|b",
    "ends with a backslash\\",
    "`tick` | <img src=x> @m ![i](https://e.example/p.png)",
    "```` fence\n| x | y |\n<script>alert(1)</script>",
    " leading and trailing ` ",
    "bidi \u202e and zero width \u200b and escape \x1b[31m and \u2028 separator",
]


@pytest.mark.parametrize("text", TRICKY)
def test_a_summary_cell_stays_one_code_span_in_one_cell(text):
    rendered = html(f"| A | B |\n|---|---|\n| {table_cell(text)} | after |\n")
    [row] = re.findall(r"<tbody>\s*<tr>(.*?)</tr>", rendered, re.S)
    cells = re.findall(r"<td>(.*?)</td>", row, re.S)
    assert len(cells) == 2 and cells[1] == "after"
    assert cells[0].startswith("<code>") and cells[0].endswith("</code>") and cells[0].count("<code>") == 1
    assert "<img" not in rendered and "<script" not in rendered and "<a " not in rendered


@pytest.mark.parametrize("text", TRICKY)
def test_a_problem_line_stays_inside_its_fenced_block(text):
    rendered = html("before\n\n" + fenced([printable(text), "second"]) + "\n\n@after")
    assert rendered.count("<pre") == 1 and "second\n</code></pre>" in rendered
    assert outside_code(rendered) == "<p>before</p>\n\n<p>@after</p>\n"


def test_printable_writes_what_could_hide_or_reorder_text_as_escapes():
    assert printable("a\nb\r\u202ec\x1b\u200bd\u2028e\ud800f é") == "a\\nb\\r\\u202ec\\x1b\\u200bd\\u2028e\\ud800f é"


def test_an_issue_with_thousands_of_problems_stays_under_githubs_limit(market):
    problem = Problem(f"opportunities/esdc/{BROKEN}/opportunity.yaml", 1, 1, "x" * 300)
    item = Broken(f"opportunities/esdc/{BROKEN}", (problem,) * 5000)
    settings = load_marketplace(market.root).settings
    body = seal(issue_body(item, settings, "https://example/runbook", "main"), MARKER_KEY, "R_x")
    assert len(body) < 65536 and re.search(r"\n\d+ more / de plus", body)
