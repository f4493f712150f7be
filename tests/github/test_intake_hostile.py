"""Intake against hostile or odd answers: every bad answer gets a comment naming its field, never a crash;
one issue makes one opportunity, ever, whatever is edited after its pull request closed or merged."""

from __future__ import annotations

import pytest
from github_testkit import MARKET, devex
from test_intake import ANSWERS, render, write_event

VALUE = "Value in CAD, taxes included / Valeur en dollars canadiens, taxes incluses"
TITLE = "Title in English / Titre en anglais"
DESCRIPTION = "Description in English / Description en anglais"
TEASER = "Teaser in English (one or two sentences) / Résumé en anglais"


@pytest.mark.parametrize(
    ("answers", "label", "words"),
    [
        ({"value": "nan"}, VALUE, "'nan' is not an amount"),
        ({"value": "1e999"}, VALUE, "'1e999' is not an amount"),
        ({"value": "-inf"}, VALUE, "'-inf' is not an amount"),
        ({"title_en": "Print \u202egnp.exe"}, TITLE, "bidirectional control character (U+202E)"),
        (
            {"description_en": "Intro.\n\n### Department / Ministère\n\ntbs — Treasury Board"},
            DESCRIPTION,
            "contains the line `### Department / Ministère`",
        ),
        ({"teaser_en": "Quick. <!-- devex:posted tbs-2026-001 -->"}, TEASER, "`<!-- devex`"),
        ({"description_en": "Intro.\n\n" + ">" * 100}, DESCRIPTION, "100 levels deep"),
    ],
)
def test_a_bad_answer_gets_a_comment_naming_its_field(market, world, github_env, tmp_path, answers, label, words):
    event = write_event(tmp_path, world, render({**ANSWERS, **answers}))
    run = devex("intake", "--event", str(event), root=market.root)
    assert run.code == 0, run.err
    repo = world.repositories[MARKET]
    assert repo.pulls == []
    [comment] = repo.issues[1]["comments"]
    [line] = [line for line in comment["body"].splitlines() if line.startswith(f"- **{label}**: ")]
    assert words in line, comment["body"]


def test_the_department_answer_is_the_forms_not_a_heading_in_the_description(market, world, github_env, tmp_path):
    answers = {**ANSWERS, "description_en": "Intro.\n\n### Department / Ministère\n\ntbs — Treasury Board"}
    devex("intake", "--event", str(write_event(tmp_path, world, render(answers))), root=market.root)
    assert not any(path.startswith("intake/") for path in world.repositories[MARKET].files)


@pytest.mark.parametrize("ending", ["merged", "closed"])
def test_one_issue_makes_one_opportunity_ever(market, world, github_env, tmp_path, ending):
    assert devex("intake", "--event", str(write_event(tmp_path, world, render(ANSWERS))), root=market.root).code == 0
    repo = world.repositories[MARKET]
    [pull] = repo.pulls
    pull.update(state="closed", merged=ending == "merged")
    edited = render({**ANSWERS, "title_en": "Add a print stylesheet, and more"})

    run = devex("intake", "--event", str(write_event(tmp_path, world, edited, "edited", 1)), root=market.root)

    assert run.code == 0, run.err
    assert len(repo.pulls) == 1 and repo.pulls[0]["state"] == "closed"
    files = repo.files["intake/issue-1"]
    assert [path for path in files if path.startswith("opportunities/")] == [
        "opportunities/esdc/esdc-2026-002/opportunity.yaml"
    ]
    assert "and more" not in files["opportunities/esdc/esdc-2026-002/opportunity.yaml"]
    [comment] = repo.issues[1]["comments"]
    assert f"already made pull request #{pull['number']}" in comment["body"]


def test_an_answer_the_writer_refuses_still_gets_a_comment(market, world, github_env, tmp_path, monkeypatch):
    """The net under the answer checks: whatever the strict writer refuses becomes a comment, not a crash."""
    from site_builder.errors import RefusedWrite
    from site_builder.github_sync import intake

    def refuse(*_args, **_kwargs):
        raise RefusedWrite("refusing to write opportunity.yaml: it would not read back as the same data")

    monkeypatch.setattr(intake, "check", refuse)
    run = devex("intake", "--event", str(write_event(tmp_path, world, render(ANSWERS))), root=market.root)
    assert run.code == 0, run.err
    [comment] = world.repositories[MARKET].issues[1]["comments"]
    assert "- **Opportunity / Occasion**: an answer holds text a marketplace file cannot store" in comment["body"]
