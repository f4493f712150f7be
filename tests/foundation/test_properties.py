"""Property tests (hypothesis): whatever the bytes, the loader and the validator answer with problems at
real positions and never raise; generated valid opportunities pass; each kind of mutation fails cleanly
with the expected rule, on the mutated field's line."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from site_builder.dump import write_yaml
from site_builder.lint import placeholder, teaser_is_title, untranslated, wrong_language
from site_builder.load import load_bytes
from site_builder.model import Document, Opportunity, Problem, Settings
from site_builder.scaffold import SCHEMA_HINT
from site_builder.validate import validate

HERE = Path(__file__).resolve().parent
BASE = HERE / "base"
FILE = "opportunities/esdc/esdc-2026-001/opportunity.yaml"
VALID_TEXT = (BASE / FILE).read_text("utf-8")
SKILLS = ["python", "javascript", "typescript", "java", "accessibility", "security", "testing", "documentation",
          "devops", "data", "ux", "translation"]  # fmt: skip
LICENCES = ["MIT", "Apache-2.0", "BSD-3-Clause", "GPL-3.0-or-later", "MPL-2.0", "EUPL-1.2", "0BSD"]
OFFSETS = ["-05:00", "-04:00", "-03:30", "Z", "+00:00", "+05:30"]
PROPERTIES = {
    "id", "status", "department", "title", "teaser", "description", "skills", "value", "repository", "issue",
    "licence", "remote", "classification", "posted", "closing", "start", "delivery", "acceptance_criteria",
    "evaluation_criteria", "contact", "project", "discussion", "addenda",
}  # fmt: skip
# DEVEX_FUZZ_SCALE=20 for a deeper run by hand; the suite keeps the counts modest
SCALE = int(os.environ.get("DEVEX_FUZZ_SCALE", "1"))
FUZZ = settings(max_examples=150 * SCALE, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
VALID = settings(max_examples=30 * SCALE, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# ------------------------------------------------------------------------------------------- strategies

YAML_TOKENS = st.sampled_from(
    ["id", "value", "status", ":", ": ", " ", "  ", "\n", "\r\n", "\r", "- ", "-", "[", "]", "{", "}", ",", "? ",
     "&a ", "*a", "!!str ", "!!python/object/apply:os.system ", "!x ", "'", '"', "\\", "\\u202E", "#", "# c\n",
     "---\n", "...\n", "|\n", ">-\n", "%YAML 1.2\n", "%TAG ! tag:x,2000:\n", "\t", "é", "中", "🙂", "\u202e",
     "\x00", "\ufeff", "\u2028", "0", "010", "1e5", "1e400", "-0", "true", "no", "null", "~", "12:30",
     "2026-02-30", "2026-12-04T14:00:00-05:00", "https://x", "javascript:alert(1)", "@", "`", "%", "=",
     "<<: ", "a" * 200]
)  # fmt: skip
YAMLISH = st.lists(YAML_TOKENS, max_size=60).map("".join)


@st.composite
def mutated_text(draw: st.DrawFn) -> bytes:
    """The valid opportunity with a few random edits: insertions, deletions, swapped or repeated lines."""
    text = VALID_TEXT
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "repeat-line", "swap-lines", "indent"]))
        if action == "insert":
            text = text[:where] + draw(YAML_TOKENS | st.text(max_size=5)) + text[where:]
        elif action == "delete":
            text = text[:where] + text[where + draw(st.integers(1, 40)) :]
        else:
            lines = text.split("\n")
            index = draw(st.integers(0, len(lines) - 1))
            if action == "repeat-line":
                lines.insert(index, lines[index])
            elif action == "swap-lines":
                other = draw(st.integers(0, len(lines) - 1))
                lines[index], lines[other] = lines[other], lines[index]
            else:
                lines[index] = " " * draw(st.integers(1, 3)) + lines[index]
            text = "\n".join(lines)
    return text.encode("utf-8", "surrogatepass")


SAFE_CHARACTERS = st.characters(
    blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp"),  # controls and invisible format characters (bidi among them)
    blacklist_characters="\ufffe\uffff",  # the non-characters YAML forbids, which the strict loader refuses
)
MARKDOWN = st.sampled_from(
    ["**bold**", "_em_", "`code`", "[link](https://example.org)", "# Heading", "- item", "1. first", "> quote",
     "<b>html</b>", "---", "key: value", "#hashtag", "'single'", '"double"', "a & b", "100 %", "C:\\path",
     "«guillemets»", "l'été", "Œuvre", "中文", "עברית", "العربية", "🙂👍🏽", "e\u0301", "\u00a0nbsp"]
)  # fmt: skip
WORDS = (  # a blank text is refused by the schema (`pattern: \\S`): every generated text holds a character
    st.lists(st.text(SAFE_CHARACTERS, min_size=1, max_size=12) | MARKDOWN, min_size=1, max_size=8)
    .map(" ".join)
    .filter(lambda text: text.strip() != "")
)
PARAGRAPHS = st.lists(WORDS, min_size=1, max_size=3).map("\n\n".join)


def text_pair(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({"en": strategy, "fr": strategy})


@st.composite
def valid_opportunity(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A valid opportunity for the base marketplace: (its folder, its data)."""
    department = draw(st.sampled_from(["esdc", "tbs", "ssc"]))
    posted = draw(st.dates(date(2020, 1, 1), date(2030, 12, 31)))
    ident = f"{department}-{posted.year}-{draw(st.integers(100, 999)):03d}"
    closing_day = posted + timedelta(days=draw(st.integers(1, 60)))
    clock = datetime.min.time().replace(hour=draw(st.integers(0, 23)), minute=draw(st.integers(0, 59)))
    offset = draw(st.sampled_from(OFFSETS))
    start = closing_day + timedelta(days=draw(st.integers(2, 30)))
    delivery = start + timedelta(days=draw(st.integers(0, 90)))
    criteria = draw(st.integers(1, 4))
    evaluation = draw(st.integers(1, 3))
    value = draw(
        st.integers(1, 10000) | st.decimals("0.01", "10000", places=2).map(float) | st.sampled_from([10000, 0.01])
    )
    data: dict[str, Any] = {
        "id": ident,
        "status": draw(st.sampled_from(["open", "closed", "cancelled", "unsuccessful"])),
        "department": department,
        "title": draw(text_pair(WORDS)),
        "teaser": draw(text_pair(WORDS)),
        "description": draw(text_pair(PARAGRAPHS)),
        "skills": draw(st.lists(st.sampled_from(SKILLS), min_size=1, max_size=10, unique=True)),
        "value": value,
        "repository": f"https://github.com/{department}/{draw(st.from_regex(r'[a-z][a-z0-9-]{0,20}', fullmatch=True))}",
        "licence": draw(st.sampled_from(LICENCES)),
        "remote": True,
        "classification": "unclassified",
        "posted": posted.isoformat(),
        "closing": f"{closing_day.isoformat()}T{clock.isoformat()}{offset}",
        "start": start.isoformat(),
        "delivery": delivery.isoformat(),
        "acceptance_criteria": {
            "en": draw(st.lists(WORDS, min_size=criteria, max_size=criteria)),
            "fr": draw(st.lists(WORDS, min_size=criteria, max_size=criteria)),
        },
        "evaluation_criteria": {
            "en": draw(st.lists(WORDS, min_size=evaluation, max_size=evaluation)),
            "fr": draw(st.lists(WORDS, min_size=evaluation, max_size=evaluation)),
        },
        "contact": {
            "name": draw(WORDS),
            "email": draw(
                st.from_regex(r"[a-z][a-z0-9]{0,10}(\.[a-z0-9]{1,8})?@[a-z]{2,10}\.(gc\.)?ca", fullmatch=True)
            ),
        },
        "project": {"name": draw(WORDS)},
    }
    if draw(st.booleans()):
        data["issue"] = f"{data['repository']}/issues/{draw(st.integers(1, 99999))}"
    if draw(st.booleans()):
        data["project"]["url"] = data["repository"]
    days = sorted(draw(st.lists(st.integers(0, 30), max_size=3)))
    if days:
        data["addenda"] = [
            {"date": (posted + timedelta(days=day)).isoformat(), "text": draw(text_pair(PARAGRAPHS))} for day in days
        ]
    if data["status"] == "cancelled":
        day = posted + timedelta(days=draw(st.integers(0, 30)))
        data["cancellation"] = {"date": day.isoformat(), "reason": draw(text_pair(PARAGRAPHS))}
    return f"opportunities/{department}/{ident}", data


# ------------------------------------------------------------------------------------------------ helpers


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A valid marketplace reused across the examples of one test (each example restores what it changes)."""
    return Path(shutil.copytree(BASE, tmp_path / "market"))


def line_count(raw: bytes) -> int:
    return len(re.split(rb"\r\n|\r|\n", raw))


def assert_positioned(problem: Problem, raw: bytes) -> None:
    """The line exists in the file (as editors count lines) and the column is on it."""
    assert 1 <= problem.line <= line_count(raw), problem
    line = re.split(rb"\r\n|\r|\n", raw)[problem.line - 1].decode("utf-8", "replace")
    assert 1 <= problem.col <= len(line) + 1, problem


def key_line(text: str, key: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), 1) if line.startswith(f"{key}:"))


# ----------------------------------------------------------------------------------- never raise, never hang


@FUZZ
@given(raw=st.binary(max_size=3000))
def test_load_bytes_on_any_bytes(raw: bytes) -> None:
    result = load_bytes(raw, "x.yaml")
    assert isinstance(result, Document | Problem)
    if isinstance(result, Problem):
        assert_positioned(result, raw)


@FUZZ
@given(text=YAMLISH)
def test_load_bytes_on_yaml_like_text(text: str) -> None:
    raw = text.encode("utf-8")
    result = load_bytes(raw, "x.yaml")
    assert isinstance(result, Document | Problem)
    if isinstance(result, Problem):
        assert_positioned(result, raw)
    else:
        assert isinstance(result.data, dict)


@FUZZ
@given(raw=mutated_text())
def test_load_bytes_on_mutated_opportunities(raw: bytes) -> None:
    result = load_bytes(raw, "x.yaml")
    assert isinstance(result, Document | Problem)
    if isinstance(result, Problem):
        assert_positioned(result, raw)


@FUZZ
@given(raw=st.one_of(mutated_text(), YAMLISH.map(str.encode), st.binary(max_size=500)))
def test_validate_never_raises_whatever_the_opportunity_holds(workspace: Path, raw: bytes) -> None:
    (workspace / FILE).write_bytes(raw)
    try:
        problems = validate(workspace)
    finally:
        (workspace / FILE).write_text(VALID_TEXT, "utf-8")
    assert all(problem.file == FILE for problem in problems)
    for problem in problems:
        assert problem.message and "Traceback" not in problem.message
        assert_positioned(problem, raw)
    if raw != VALID_TEXT.encode():
        loaded = load_bytes(raw, FILE)
        assert problems or isinstance(loaded, Document)


# ------------------------------------------------------------------------------ valid documents pass


def write(root: Path, folder: str, data: dict[str, Any]) -> str:
    target = root / folder / "opportunity.yaml"
    write_yaml(target, data, SCHEMA_HINT)
    return target.read_text("utf-8")


def written_by_a_buyer(data: dict[str, Any]) -> bool:
    """Random text can be a placeholder, a teaser equal to the title, the same in both languages, or letters the
    language detector takes for the other language: the linter's errors, tested in the corpus; these generated
    opportunities are about shape and lifecycle."""
    opp = Opportunity("generated", Document("generated", data))
    rules = (placeholder, teaser_is_title, untranslated, wrong_language)
    return not any(list(rule.check(opp, Settings({}))) for rule in rules)


@VALID
@given(generated=valid_opportunity())
def test_generated_valid_opportunities_pass(workspace: Path, generated: tuple[str, dict[str, Any]]) -> None:
    folder, data = generated
    assume(written_by_a_buyer(data))
    assume(folder not in ("opportunities/esdc/esdc-2026-001", "opportunities/tbs/tbs-2026-001"))
    assume(folder != "opportunities/ssc/ssc-2026-001")
    try:
        write(workspace, folder, data)
        assert [problem.format() for problem in validate(workspace)] == []
    finally:
        shutil.rmtree(workspace / folder, ignore_errors=True)


# ------------------------------------------------------------------------------ mutations fail cleanly


REQUIRED = sorted(PROPERTIES - {"issue", "discussion", "addenda"})
WRONG_TYPES = {
    "value": "4500",
    "skills": "python",
    "title": "Only in English",
    "remote": "yes",
    "contact": "Marie Tremblay",
    "acceptance_criteria": "all of them",
    "posted": 20261120,
    "status": True,
}


def check_mutation(root: Path, folder: str, data: dict[str, Any], field: str) -> tuple[list[Problem], str]:
    """Write the mutated document, validate, and return the problems of that file; nothing else may fail."""
    # the linter's own errors on random text are the corpus's to test (a mutation may break what it reads)
    with contextlib.suppress(KeyError, TypeError, AttributeError, IndexError):
        assume(written_by_a_buyer(data))
    try:
        text = write(root, folder, data)
        problems = validate(root)
    finally:
        shutil.rmtree(root / folder, ignore_errors=True)
    assert problems, f"mutating {field} was not caught"
    assert {problem.file for problem in problems} == {f"{folder}/opportunity.yaml"}
    for problem in problems:
        assert_positioned(problem, text.encode("utf-8"))
    return problems, text


@VALID
@given(generated=valid_opportunity(), choice=st.data())
def test_dropping_a_required_field(workspace: Path, generated, choice) -> None:
    folder, data = generated
    field = choice.draw(st.sampled_from(REQUIRED))
    del data[field]
    problems, _ = check_mutation(workspace, folder, data, field)
    assert [(p.rule, p.line, p.message) for p in problems] == [
        ("required", 2, f"the file is missing the required field `{field}`: add it")
    ]


@VALID
@given(generated=valid_opportunity(), choice=st.data())
def test_a_wrong_type(workspace: Path, generated, choice) -> None:
    folder, data = generated
    field = choice.draw(st.sampled_from(sorted(WRONG_TYPES)))
    data[field] = WRONG_TYPES[field]
    problems, text = check_mutation(workspace, folder, data, field)
    assert {p.path for p in problems} == {field}
    assert {p.line for p in problems} == {key_line(text, field)}
    assert problems[0].rule in ("type", "const", "enum")
    assert problems[0].message.startswith(f"`{field}` ")


@VALID
@given(
    generated=valid_opportunity(), over=st.integers(1, 10**9) | st.integers(1, 10**11).map(lambda cents: cents / 100)
)
def test_a_value_over_the_threshold(workspace: Path, generated, over: float) -> None:
    folder, data = generated
    data["value"] = round(10000 + over, 2)  # dollars and cents, as a buyer writes them
    problems, text = check_mutation(workspace, folder, data, "value")
    assert [(p.path, p.line, p.col) for p in problems] == [("value", key_line(text, "value"), 8)]
    assert problems[0].message.startswith(f"`value` {data['value']} is over the marketplace threshold of 10000 CAD")


@VALID
@given(generated=valid_opportunity())
def test_swapped_start_and_delivery(workspace: Path, generated) -> None:
    folder, data = generated
    assume(data["start"] != data["delivery"])
    data["start"], data["delivery"] = data["delivery"], data["start"]
    problems, text = check_mutation(workspace, folder, data, "delivery")
    assert [(p.path, p.line, p.message) for p in problems] == [
        (
            "delivery",
            key_line(text, "delivery"),
            f"`delivery` ({data['delivery']}) must be on or after `start` ({data['start']})",
        )
    ]


@VALID
@given(generated=valid_opportunity())
def test_closing_moved_before_posting(workspace: Path, generated) -> None:
    folder, data = generated
    posted = date.fromisoformat(data["posted"])
    data["closing"] = f"{(posted - timedelta(days=1)).isoformat()}T12:00:00-05:00"
    problems, text = check_mutation(workspace, folder, data, "closing")
    assert [(p.path, p.line, p.message) for p in problems] == [
        (
            "closing",
            key_line(text, "closing"),
            f"`closing` ({data['closing']}) must be after the `posted` date ({data['posted']})",
        )
    ]


@VALID
@given(
    generated=valid_opportunity(),
    key=st.from_regex(r"[a-z][a-z_]{2,14}", fullmatch=True).filter(lambda key: key not in PROPERTIES),
    choice=st.data(),
)
def test_an_unknown_field(workspace: Path, generated, key: str, choice) -> None:
    folder, data = generated
    items = list(data.items())
    at = choice.draw(st.integers(0, len(items)))
    data = dict([*items[:at], (key, "extra"), *items[at:]])
    problems, text = check_mutation(workspace, folder, data, key)
    assert [(p.rule, p.line, p.col) for p in problems] == [("unknown", key_line(text, key), 1)]
    assert problems[0].message.startswith(f"`{key}` is not a field of opportunity files: ")
