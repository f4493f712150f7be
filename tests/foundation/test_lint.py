"""The opportunity linter: every rule has a failing and a passing case with exact messages and positions;
errors fail `validate` and `lint` (exit 1), warnings show in every format and exit 0; contract splitting
reads its window from the settings and gives way only to a justification the page shows."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder import lint
from site_builder.business_days import add_business_days, business_days
from site_builder.lint import description_why, placeholder, posting_window, split_contracts, wording
from site_builder.lint.texts import strings
from site_builder.load import load_bytes
from site_builder.model import ERROR, WARNING, Document, format_path
from site_builder.render import opportunity as opportunity_page
from site_builder.validate import check, load_marketplace, validate

HERE = Path(__file__).resolve().parent
LINT = HERE / "lint"
MODULES = {module.RULE: module for module in (*lint.RULES, split_contracts)}
CASES = sorted(f"{rule}/{kind}" for rule in MODULES for kind in ("fails", "passes"))
OPEN = "opportunities/esdc/esdc-2026-001/opportunity.yaml"
SPLIT = "opportunities/tbs/tbs-2026-002/award.yaml"


def expected(case: str) -> list[str]:
    return (LINT / case / "expected.txt").read_text("utf-8").splitlines()


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    assert sorted(path.name for path in LINT.iterdir() if path.is_dir()) == sorted(MODULES)
    for case in CASES:
        assert (LINT / case / "opportunities").is_dir(), case


def test_the_base_marketplace_is_clean_of_warnings_too(market: Path) -> None:
    assert check(market) == []


@pytest.mark.parametrize("case", CASES)
def test_case_gives_its_expected_problems(case: str, market: Path, fdn) -> None:
    fdn.apply_case(LINT / case, market)
    problems = check(market)
    assert [problem.format() for problem in problems] == expected(case)
    rule, kind = case.split("/")
    if kind == "passes":
        assert problems == []
        return
    module = MODULES[rule]
    assert problems and {(p.rule, p.severity, p.fix) for p in problems} == {(rule, module.SEVERITY, module.FIX)}
    # errors make the marketplace invalid; warnings never do
    assert [p.format() for p in validate(market)] == (expected(case) if module.SEVERITY == ERROR else [])


def test_the_sample_marketplace_has_no_errors(repo_root: Path) -> None:
    assert [problem.format() for problem in check(repo_root) if problem.is_error] == []


# ------------------------------------------------------------------------------- CLI: formats, exit codes


def test_warnings_alone_exit_0_in_lint_and_validate(market: Path, fdn) -> None:
    fdn.apply_case(LINT / "posting-window/fails", market)
    message = (
        f"{OPEN}:24:10: warning: the posting is open 4 business day(s), from 2026-11-30 to 2026-12-04: give "
        "suppliers at least 5, closing on 2026-12-07 or later"
    )
    linted = fdn.devex("lint", cwd=market)
    assert (linted.returncode, linted.stderr) == (0, "")
    assert linted.stdout == (f"{message}\n    fix: {posting_window.FIX}\n1 warning(s) in 1 file(s); no errors.\n")
    validated = fdn.devex("validate", cwd=market)
    assert (validated.returncode, validated.stdout) == (0, f"{message}\n1 warning(s) in 1 file(s); no errors.\n")


def test_warnings_are_github_annotations(market: Path, fdn) -> None:
    fdn.apply_case(LINT / "closing-hours/fails", market)
    done = fdn.devex("validate", "--format", "github", cwd=market)
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        f"::warning file={OPEN},line=24,col=10,title=devex validate::closes on Friday 2026-12-04 at 17:30 in "
        "America/Toronto, outside business hours (Monday to Friday, 09:00 to 17:00) (fix: set `closing` to a "
        "weekday between 09:00 and 17:00 in the marketplace's time zone, such as 14:00)",
        "1 warning(s) in 1 file(s); no errors.",
    ]
    # inside GitHub Actions the format is chosen for the buyer
    assert fdn.devex("lint", cwd=market, env={"GITHUB_ACTIONS": "true"}).stdout.startswith("::warning file=")


def test_errors_exit_1_with_warnings_beside_them(market: Path, fdn) -> None:
    fdn.apply_case(LINT / "untranslated/fails", market)
    path = market / OPEN
    path.write_text(path.read_text("utf-8").replace('posted: "2026-11-20"', 'posted: "2026-11-30"'), "utf-8")
    done = fdn.devex("lint", "opportunities/esdc", cwd=market)
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == "2 problem(s) in 1 file(s), and 1 warning(s)."
    assert "::error file=" in fdn.devex("validate", "--format", "github", cwd=market).stdout


def test_json_keeps_errors_in_problems_and_adds_warnings(market: Path, fdn) -> None:
    fdn.apply_case(LINT / "description-why/fails", market)
    done = fdn.devex("lint", "--format", "json", cwd=market)
    report = json.loads(done.stdout)
    assert (done.returncode, report["valid"], report["problems"]) == (0, True, [])
    assert report["warnings"][0] == {
        "file": OPEN,
        "line": 12,
        "col": 7,
        "path": "description.en",
        "rule": "description-why",
        "message": "`description.en` has 1 sentence(s): say the background and why the work matters in at least 3",
        "fix": description_why.FIX,
    }


# ---------------------------------------------------------------------------------------- contract splitting


def test_split_window_comes_from_the_settings(market: Path, fdn) -> None:
    fdn.apply_case(LINT / "contract-split/fails", market)
    settings = market / "opportunities/marketplace.yaml"
    text = settings.read_text("utf-8")
    settings.write_text(f"{text}split_window_days: 21\n", "utf-8")  # the two awards are 22 days apart
    assert check(market) == []
    settings.write_text(f"{text}split_window_days: 22\n", "utf-8")
    message = expected("contract-split/fails")[0].replace("within 30 days", "within 22 days")
    assert [problem.format() for problem in check(market)] == [message]


def test_split_is_found_when_only_the_new_award_is_checked(market: Path, fdn) -> None:
    """A buyer linting their own folder still sees the earlier award of another folder."""
    fdn.apply_case(LINT / "contract-split/fails", market)
    problems = validate(market, [market / "opportunities/tbs/tbs-2026-002"])
    assert [problem.format() for problem in problems] == expected("contract-split/fails")
    assert validate(market, [market / "opportunities/esdc"]) == []


def test_the_first_award_of_a_run_is_not_the_one_reported(market: Path, fdn) -> None:
    fdn.apply_case(LINT / "contract-split/fails", market)
    assert {problem.file for problem in check(market)} == {SPLIT}


def test_a_recorded_justification_is_shown_on_the_page(market: Path, fdn) -> None:
    fdn.apply_case(LINT / "contract-split/passes", market)
    opp = load_marketplace(market).by_id()["tbs-2026-002"]
    now = datetime(2026, 11, 29, tzinfo=UTC)
    english = opportunity_page.page(opp, load_marketplace(market).settings, now, "en").markdown
    french = opportunity_page.page(opp, load_marketplace(market).settings, now, "fr").markdown
    assert '<h3 id="split-justification">Why this contract is separate from earlier awards' in english
    assert "it came from usability testing in October." in english
    assert '<h3 id="split-justification">Pourquoi ce contrat est distinct' in french
    assert "il vient des essais d'utilisabilité d'octobre.</p>" in french


# ------------------------------------------------------------------------------------------ the wording


@pytest.mark.parametrize(
    ("text", "lang", "verb"),
    [
        ("Has a public GitHub account with a merged pull request.", "en", True),
        ("A test checks every message.", "en", True),
        ("Python skills.", "en", False),
        ("Coverage of the date field by a test.", "en", False),
        ("Possède un compte GitHub public.", "fr", True),
        ("Un test vérifie chaque message.", "fr", True),
        ("Aucun secret dans le code, dépendances figées.", "fr", True),
        ("Connaissance de Python.", "fr", False),
        ("Contributes to an open-source project.", "en", True),
        ("Démontre une expérience en accessibilité.", "fr", True),
        ("Expérience en Python.", "fr", False),
    ],
)
def test_verbs(text: str, lang: str, verb: bool) -> None:
    assert wording.has_verb(text, lang) is verb


def test_vague_words_are_whole_words_in_their_language() -> None:
    assert wording.vague_words("Good knowledge of Python, as needed.", "en") == ["good", "as needed"]
    assert wording.vague_words("Goodwill is not vague.", "en") == []
    assert wording.vague_words("Une bonne connaissance au besoin.", "fr") == ["bonne", "au besoin"]


def _vague_by_regex(text: str, lang: str) -> list[str]:
    """The straightforward matcher: one search per phrase, between spaces, in the words joined by spaces."""
    lowered = " ".join(wording.words(text))
    return [phrase for phrase in wording.VAGUE_WORDS[lang] if re.search(rf"(?<!\S){re.escape(phrase)}(?!\S)", lowered)]


# Texts made of the vague phrases themselves, their pieces, near misses and punctuation, in any case.
_PIECES = sorted(
    {piece for phrases in wording.VAGUE_WORDS.values() for phrase in phrases for piece in (phrase, *phrase.split())}
    | {"goodwill", "non-quality", "as", "needed", "de", "l'", "qualité-prix", "Étc", "BONNE"}
)
_SEPARATORS = [" ", "  ", "\n", ", ", ".", "-", "'", "_", "1", "/", " (", ") "]


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SEPARATORS), st.booleans()), max_size=12),
    lang=st.sampled_from(sorted(wording.VAGUE_WORDS)),
)
def test_vague_words_match_the_regular_expression_matcher(pieces: list[tuple[str, str, bool]], lang: str) -> None:
    """The matcher looks phrases up by their first word: it finds what a regex per phrase finds, in list order."""
    text = "".join((piece.upper() if upper else piece) + separator for piece, separator, upper in pieces)
    assert wording.vague_words(text, lang) == _vague_by_regex(text, lang)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=80), lang=st.sampled_from(sorted(wording.VAGUE_WORDS)))
def test_vague_words_match_the_regular_expression_matcher_on_any_text(text: str, lang: str) -> None:
    assert wording.vague_words(text, lang) == _vague_by_regex(text, lang)


def test_words_are_a_fresh_list_each_time() -> None:
    """`words` is cached underneath: a caller changing its list must not change the next caller's."""
    first = wording.words("Good tests")
    first.append("changed")
    assert wording.words("Good tests") == ["good", "tests"]


def test_sentences_count_list_items() -> None:
    assert description_why.sentences("One. Two! Three?") == 3
    assert description_why.sentences("Python 3.8 on open.canada.ca is old.") == 1
    assert description_why.sentences("It fails:\n\n- on Firefox\n- on Safari\n") == 3


def test_business_days_skip_weekends() -> None:
    friday = date(2026, 11, 27)
    assert business_days(friday, date(2026, 12, 4)) == 5
    assert business_days(friday, date(2026, 11, 30)) == 1
    assert add_business_days(date(2026, 11, 30), 5) == date(2026, 12, 7)
    assert add_business_days(friday, 1) == date(2026, 11, 30)  # Friday + 1: Monday


def test_severities_are_errors_or_warnings() -> None:
    assert {module.SEVERITY for module in MODULES.values()} == {ERROR, WARNING}


# ------------------------------------------------------------------------------------------- the scaffold


def test_a_fresh_scaffold_is_refused_until_the_buyer_writes(market: Path, fdn) -> None:
    """The issue's walk-through: `devex new` then `devex lint` names every placeholder and the copied teaser."""
    flags = ["--department", "esdc", "--value", "2500", "--skills", "javascript", "--title-en", "Add a dark theme"]
    flags += ["--title-fr", "Ajouter un thème sombre", "--repository", "https://github.com/esdc-edsc/x"]
    flags += ["--closing", "2026-12-10T14:00:00-05:00", "--start", "2026-12-14", "--delivery", "2026-12-21"]
    flags += ["--contact-name", "M T", "--contact-email", "m.t@example.gc.ca", "--project", "P"]
    flags += ["--posted", "2026-11-23"]
    assert fdn.devex("new", *flags, cwd=market).returncode == 0
    folder = "opportunities/esdc/esdc-2026-002"
    done = fdn.devex("lint", folder, cwd=market)
    assert done.returncode == 1
    errors = [line for line in done.stdout.splitlines() if line.startswith(folder) and ": warning: " not in line]
    assert errors == [
        f"{folder}/opportunity.yaml:9:7: `teaser.en` is the same as `title.en`: the listing would say the same "
        "thing twice",
        f"{folder}/opportunity.yaml:10:7: `teaser.fr` is the same as `title.fr`: the listing would say the same "
        "thing twice",
        f"{folder}/opportunity.yaml:12:7: `description.en` still holds the placeholder 'TODO:': write the real text",
        f"{folder}/opportunity.yaml:13:7: `description.fr` still holds the placeholder 'À FAIRE :': "
        "write the real text",
    ]
    assert "    fix: replace the placeholder with your own text, in both languages" in done.stdout


_MARKED_TEXTS = st.lists(
    st.sampled_from(
        [
            "TODO",
            "todo",
            ":",
            "TODO:",
            "À FAIRE :",
            "à faire",
            "XXX",
            "xx",
            "tbd",
            "???",
            "https://",
            " ",
            "\t",
            "'",
            '"',
            "\\",
            "\n",
            "x",
            "é",
        ]
    ),
    max_size=6,
).map("".join)
_MARKED_DATA = st.recursive(
    st.one_of(_MARKED_TEXTS, st.integers(), st.none()),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(_MARKED_TEXTS, children, max_size=3)),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(data=st.dictionaries(st.sampled_from(["title", "description", "TODO:"]), _MARKED_DATA, max_size=3))
def test_placeholder_reports_every_string_holding_a_mark_and_no_other(data: dict[str, object]) -> None:
    """The whole-file quick test never hides a mark: the rule reports exactly the strings that hold one."""
    document = Document("opportunities/x/x-1/opportunity.yaml", data)
    opp = SimpleNamespace(document=document, award_document=None, status="open")
    expected = [path for path, text in strings(data) if placeholder.marked(text)]
    assert [problem.path for problem in placeholder.check(opp, None)] == [format_path(path) for path in expected]  # type: ignore[arg-type]


def test_placeholders_people_type_are_errors_at_their_own_line() -> None:
    """Issue 24, finding 2: `(todo: ...)` in lower case, `XXX`, a criterion `TBD` are errors, each at the line it
    is on; "todo" as a word and an address holding `xxx` are not marks."""
    raw = (
        b"description:\n  en: |\n    The estimator is slow.\n\n    It takes (todo: add call volume numbers) too long.\n"
        b"  fr: Le calcul est lent. XXX\n"
        b"acceptance_criteria:\n  en: [TBD]\n  fr: [Les tests passent dans la todo app.]\n"
        b"repository: https://github.com/o/xxx\n"
    )
    document = load_bytes(raw, "opportunities/x/x-1/opportunity.yaml")
    opp = SimpleNamespace(document=document, award_document=None, status="open")
    found = [(p.line, p.col, p.message, p.severity) for p in placeholder.check(opp, None)]  # type: ignore[arg-type]
    assert found == [
        (5, 15, "`description.en` still holds the placeholder 'todo:': write the real text", "error"),
        (6, 7, "`description.fr` still holds the placeholder 'XXX': write the real text", "error"),
        (8, 8, "`acceptance_criteria.en[0]` still holds the placeholder 'TBD': write the real text", "error"),
    ]


def test_placeholders_are_read_where_a_buyer_still_writes() -> None:
    """A closed record was read when it was written: a completed opportunity is not read again (its terms froze
    at closing), an awarded contract's file is (a cure notice, a rationale come later)."""
    opp_doc = Document("x", {"title": {"en": "TBD", "fr": "TBD"}})
    closed = SimpleNamespace(document=opp_doc, award_document=opp_doc, status="completed")
    awarded = SimpleNamespace(document=opp_doc, award_document=opp_doc, status="awarded")
    assert list(placeholder.check(closed, None)) == []  # type: ignore[arg-type]
    assert len(list(placeholder.check(awarded, None))) == 2  # type: ignore[arg-type]  # the award's two texts
