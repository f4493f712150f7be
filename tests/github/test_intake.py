"""The New opportunity issue form: the committed form is the one the parser reads, and `devex intake` turns
an issue into a pull request holding a valid opportunity, or comments with what to fix, without
duplicating anything when the issue is edited or the run is repeated."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from github_standin import BOT_LOGIN, is_mutation
from github_testkit import MARKET, devex

from site_builder.github_sync import issue_form
from site_builder.load import load_bytes
from site_builder.model import Settings
from site_builder.validate import load_marketplace

ANSWERS = {
    "department": "esdc — Employment and Social Development Canada / Emploi et Développement social Canada",
    "title_en": "Add a print stylesheet",
    "title_fr": "Ajouter une feuille de style d'impression",
    "teaser_en": "Printed results are unreadable.",
    "teaser_fr": "Les résultats imprimés sont illisibles.",
    "description_en": "Printing the results page cuts the table.\n\nMake it print on one page.",
    "description_fr": "L'impression de la page coupe le tableau.\n\nFaites-la tenir sur une page.",
    "skills": "javascript — JavaScript / JavaScript, accessibility — Accessibility / Accessibilité",
    "value": "$2,500",
    "repository": "https://github.com/esdc-edsc/benefits-estimator",
    "issue": "_No response_",
    "licence": "MIT",
    "closing": "2026-12-10 14:00",
    "start": "2026-12-14",
    "delivery": "2026-12-21",
    "acceptance_en": "- The table prints on one page.\n- A test covers the print stylesheet.",
    "acceptance_fr": "- Le tableau s'imprime sur une page.\n- Un test couvre la feuille de style.",
    "evaluation_en": "Has shipped CSS to a public repository.",
    "evaluation_fr": "A publié du CSS dans un dépôt public.",
    "contact_name": "Marie Tremblay",
    "contact_email": "marie.tremblay@example.gc.ca",
    "project_name": "Benefits estimator",
    "project_url": "https://github.com/esdc-edsc/benefits-estimator",
    "approvals": "- [X] My manager approved the spending. / Mon gestionnaire a approuvé la dépense.\n"
    "- [X] Finance committed the funds. / Les finances ont engagé les fonds.\n"
    "- [X] Both languages say the same thing. / Les deux langues disent la même chose.",
}


def render(answers: dict[str, str]) -> str:
    """An issue body as GitHub renders a submitted form."""
    return "".join(f"### {f.label}\n\n{answers.get(f.id, '_No response_')}\n\n" for f in issue_form.FIELDS)


def write_event(tmp_path: Path, world, body: str, action: str = "opened", number: int | None = None) -> Path:
    number = number or world.add_issue(MARKET, "New opportunity: print", body, "marie")
    world.repositories[MARKET].issues[number]["body"] = body
    event = {
        "action": action,
        "issue": {
            "number": number,
            "title": "New opportunity: print",
            "body": body,
            "user": {"login": "marie"},
            "created_at": "2026-11-22T15:00:00Z",
            "labels": [{"name": "opportunity-request"}],
            "author_association": "MEMBER",
        },
        "repository": {"full_name": MARKET},
    }
    path = tmp_path / f"event-{number}-{action}.json"
    path.write_text(json.dumps(event))
    return path


# ---------------------------------------------------------------- the form and the parser share one table


def test_the_committed_form_is_generated_from_the_parsers_table(repo_root):
    settings = Settings(yaml.safe_load((repo_root / "opportunities" / "marketplace.yaml").read_text()))
    committed = (repo_root / ".github" / "ISSUE_TEMPLATE" / "new-opportunity.yml").read_text()
    assert committed == issue_form.form_yaml(settings), "regenerate: python -m site_builder.github_sync.issue_form"
    form = yaml.safe_load(committed)
    labelled = [element for element in form["body"] if element["type"] != "markdown"]
    assert [(e["id"], e["attributes"]["label"]) for e in labelled] == [(f.id, f.label) for f in issue_form.FIELDS]
    assert form["labels"] == [issue_form.LABEL]
    assert len({f.label for f in issue_form.FIELDS}) == len(issue_form.FIELDS)


def test_the_form_passes_githubs_issue_form_schema(repo_root):
    form = repo_root / ".github" / "ISSUE_TEMPLATE"
    checker = Path(sys.executable).with_name("check-jsonschema")
    done = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-issue-forms", str(form / "new-opportunity.yml")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    config = yaml.safe_load((form / "config.yml").read_text())
    assert config["blank_issues_enabled"] is True and config["contact_links"]


def test_every_answer_lands_in_a_field_of_the_opportunity(repo_root):
    settings = load_marketplace(repo_root).settings
    answer = issue_form.parse_body(render(ANSWERS), settings)
    assert answer.problems == []
    assert answer.values["skills"] == ["javascript", "accessibility"]
    assert answer.values["acceptance_en"] == ["The table prints on one page.", "A test covers the print stylesheet."]
    assert "issue" not in answer.values
    paths = {f.path for f in issue_form.FIELDS if f.path}
    assert len(paths) == len([f for f in issue_form.FIELDS if f.kind != "checks"])
    assert (
        issue_form.label_for("acceptance_criteria.fr[1]")
        == "Acceptance criteria in French (one per line) / Critères d'acceptation en français"
    )


def test_unticked_boxes_and_empty_answers_are_named_by_label(repo_root):
    settings = load_marketplace(repo_root).settings
    answers = {**ANSWERS, "approvals": "- [ ] My manager approved the spending.", "title_fr": "_No response_"}
    problems = dict(issue_form.parse_body(render(answers), settings).problems)
    assert problems == {
        "Title in French / Titre en français": "is empty: answer it",
        "Approvals / Approbations": "tick every box before the opportunity can be posted",
    }


# ---------------------------------------------------------------- devex intake against the stand-in


def test_a_valid_issue_becomes_a_pull_request_once(market, world, github_env, tmp_path):
    event = write_event(tmp_path, world, render(ANSWERS))
    run = devex("intake", "--event", str(event), root=market.root)
    assert run.code == 0, run.err
    repo = world.repositories[MARKET]
    [pull] = repo.pulls
    assert pull["title"] == "esdc-2026-002: Add a print stylesheet"
    assert pull["head"] == "gc-devex:intake/issue-1" and pull["base"] == "main"
    assert "Closes #1" in pull["body"] and pull["author"] == BOT_LOGIN
    path = "opportunities/esdc/esdc-2026-002/opportunity.yaml"
    text = repo.files["intake/issue-1"][path]
    data = load_bytes(text.encode(), path).data
    assert data["closing"] == "2026-12-10T14:00:00-05:00" and data["value"] == 2500 and data["posted"] == "2026-11-22"
    assert data["project"] == {"name": "Benefits estimator", "url": "https://github.com/esdc-edsc/benefits-estimator"}
    assert "issue" not in data and data["status"] == "open"
    # the checkout is left as it was, and the file is valid in it
    assert not (market.root / path).exists()
    (market.root / path).parent.mkdir(parents=True)
    (market.root / path).write_text(text)
    assert devex("validate", "--base", "HEAD", "--now", "2026-11-22T12:00:00-05:00", root=market.root).code == 0
    (market.root / path).unlink()
    (market.root / path).parent.rmdir()
    [comment] = repo.issues[1]["comments"]
    assert comment["body"].startswith("<!-- devex:intake issue-1 -->")
    assert f"Pull request #{pull['number']} holds `{path}`" in comment["body"]

    again = devex(
        "intake", "--event", str(write_event(tmp_path, world, render(ANSWERS), "edited", 1)), root=market.root
    )
    assert again.code == 0, again.err
    assert len(repo.pulls) == 1 and len(repo.issues[1]["comments"]) == 1
    writes = [r for r in world.requests if r.method in ("POST", "PUT", "PATCH") and r.kind != "query"]
    assert [(r.method, r.path.rsplit("/", 1)[-1]) for r in writes] == [
        ("POST", "refs"),
        ("PUT", "opportunity.yaml"),
        ("POST", "pulls"),
        ("POST", "comments"),
    ]

    edited = render({**ANSWERS, "value": "3000"})
    assert (
        devex("intake", "--event", str(write_event(tmp_path, world, edited, "edited", 1)), root=market.root).code == 0
    )
    assert "value: 3000" in repo.files["intake/issue-1"][path]
    assert len(repo.pulls) == 1


def test_an_invalid_issue_gets_one_comment_listing_what_to_fix(market, world, github_env, tmp_path):
    answers = {**ANSWERS, "value": "25000", "contact_email": "marie", "closing": "next friday"}
    run = devex("intake", "--event", str(write_event(tmp_path, world, render(answers))), root=market.root)
    assert run.code == 0, run.err
    repo = world.repositories[MARKET]
    assert repo.pulls == [] and "refs/heads/intake/issue-1" not in repo.refs
    [comment] = repo.issues[1]["comments"]
    assert (
        "- **Closing date and time / Date et heure de clôture**: 'next friday' is not a date and time"
        in comment["body"]
    )
    answers["closing"] = ANSWERS["closing"]
    rerun = devex(
        "intake", "--event", str(write_event(tmp_path, world, render(answers), "edited", 1)), root=market.root
    )
    assert rerun.code == 0
    [comment] = repo.issues[1]["comments"]
    body = comment["body"]
    assert "- **Contact email / Courriel de la personne-ressource**: `contact.email` has the wrong form" in body
    assert "Closing date" not in body
    answers["contact_email"] = ANSWERS["contact_email"]
    event = write_event(tmp_path, world, render(answers), "edited", 1)
    assert devex("intake", "--event", str(event), root=market.root).code == 0
    [comment] = repo.issues[1]["comments"]
    value_label = "Value in CAD, taxes included / Valeur en dollars canadiens, taxes incluses"
    assert f"- **{value_label}**: `value` 25000 is over the marketplace threshold of 10000 CAD" in comment["body"]

    fixed = render(ANSWERS)
    assert devex("intake", "--event", str(write_event(tmp_path, world, fixed, "edited", 1)), root=market.root).code == 0
    assert len(repo.pulls) == 1 and len(repo.issues[1]["comments"]) == 1
    assert "Pull request #" in repo.issues[1]["comments"][0]["body"]


def test_a_lost_answer_while_opening_the_pull_request_does_not_open_two(market, world, github_env, tmp_path):
    world.fail(lambda r: r.method == "POST" and r.path.endswith("/pulls"), kind="lost")
    run = devex("intake", "--event", str(write_event(tmp_path, world, render(ANSWERS))), root=market.root)
    assert run.code == 0, run.err
    assert len(world.repositories[MARKET].pulls) == 1


def test_two_open_requests_get_different_ids(market, world, github_env, tmp_path):
    first = devex("intake", "--event", str(write_event(tmp_path, world, render(ANSWERS))), root=market.root)
    second = devex("intake", "--event", str(write_event(tmp_path, world, render(ANSWERS))), root=market.root)
    assert first.code == second.code == 0
    titles = sorted(pull["title"].split(":")[0] for pull in world.repositories[MARKET].pulls)
    assert titles == ["esdc-2026-002", "esdc-2026-003"]


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        ({"action": "opened", "issue": {"number": 3, "labels": [{"name": "bug"}]}}, "does not carry"),
        ({"action": "closed", "issue": {"number": 3, "labels": [{"name": "opportunity-request"}]}}, "is closed"),
        ({"action": "opened", "issue": {"number": 3, "pull_request": {}}}, "not about an issue"),
    ],
)
def test_other_events_are_left_alone(market, world, github_env, tmp_path, event, reason):
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event))
    run = devex("intake", "--event", str(path), root=market.root)
    assert run.code == 0 and reason in run.out
    assert world.requests == []


def test_an_unreadable_event_file_is_a_plain_error(market, github_env, tmp_path):
    path = tmp_path / "event.json"
    path.write_text("{not json")
    run = devex("intake", "--event", str(path), root=market.root)
    assert run.code == 1 and run.err.startswith("devex: cannot read the event file") and "Traceback" not in run.err


def test_intake_mutations_never_use_graphql_for_writes(market, world, github_env, tmp_path):
    devex("intake", "--event", str(write_event(tmp_path, world, render(ANSWERS))), root=market.root)
    assert world.mutations() == []
    assert not any(is_mutation("createDiscussion")(r) for r in world.requests)


def test_the_request_is_validated_without_writing_into_the_checkout(market, monkeypatch):
    """A run stopped while the request is validated leaves the checkout exactly as it was."""
    from site_builder.github_sync import intake_check

    def snapshot() -> dict[str, bytes]:
        return {p.relative_to(market.root).as_posix(): p.read_bytes() for p in market.root.rglob("*") if p.is_file()}

    before = snapshot()
    checked = []

    def crashing_check(root, texts):
        checked.extend(texts)
        assert snapshot() == before, "nothing is written while the request is validated"
        raise KeyboardInterrupt

    monkeypatch.setattr(intake_check, "check_draft", crashing_check)
    issue = intake_check.Issue(1, "Add a print stylesheet", render(ANSWERS), "buyer", "2026-11-22T15:00:00Z", MARKET)
    with pytest.raises(KeyboardInterrupt):
        intake_check.check(market.root, issue, lambda department, year: f"{department}-{year}-002")
    assert checked == ["opportunities/esdc/esdc-2026-002/opportunity.yaml"]
    assert snapshot() == before
