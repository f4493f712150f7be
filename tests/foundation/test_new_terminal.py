"""`devex new` in a terminal, as a buyer new to Git meets it: each answer checked as it is typed and asked again
with the reason, the codes listed, amounts read as people write them, dates suggested from the clock, nothing
written until every answer holds, and nothing at all when the buyer stops (issue 24, finding 3).

The sessions run the real command in a pseudo-terminal (stdlib `pty`): it is the command's standard input,
output and error and its controlling terminal, so Ctrl-C and Ctrl-D act as they do for a buyer. The terminal
echoes what is typed, so a transcript reads as the buyer's screen. The questions themselves (amounts, codes,
the final check) are also tried in-process, where they are quick.
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from site_builder.errors import BadAnswer
from site_builder.load import load_file
from site_builder.scaffold import DRAFT_FIELDS, DRAFT_RULES, QUESTIONS, Interview, read_amount, suggested_closing
from site_builder.validate import validate

NOW = "2027-03-01T10:00:00-05:00"  # a Monday, after the base marketplace's public_draw_since (2027-01-01)
WRITTEN = "opportunities/esdc/esdc-2027-001/opportunity.yaml"
WAIT = 60.0  # seconds for the command to answer: generous, for a busy machine


class Terminal:
    """`devex new ARGS` running in a pseudo-terminal at `root`; `answer` waits for a question, then types."""

    def __init__(self, root: Path, *args: str) -> None:
        environment = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
        environment["PYTHONUTF8"] = "1"
        command = [sys.executable, "-m", "site_builder", "new", *args]
        pid, fd = pty.fork()
        if pid == 0:  # the child: only calls that cannot leave it running Python on a failure
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)  # as a shell starts a command, even from one ignoring it
                os.chdir(root)
                os.execve(sys.executable, command, environment)
            finally:
                os._exit(127)
        self.pid, self.fd, self.output, self.mark, self.status = pid, fd, b"", 0, None

    @property
    def transcript(self) -> str:
        """What the buyer's screen shows, with the terminal's line ends as Python's."""
        return self.output.decode("utf-8").replace("\r\n", "\n")

    def _read(self, until: float) -> bool:
        """Read what is there within the time left; False once the command has closed the terminal."""
        ready, _, _ = select.select([self.fd], [], [], max(until - time.monotonic(), 0))
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the command exited and the terminal is closed
            return False
        self.output += chunk
        return bool(chunk)

    def wait_for(self, question: str) -> str:
        """Wait until the command asks `question` (the text before its `: `); what it printed meanwhile."""
        until = time.monotonic() + WAIT
        while True:
            shown = self.output[self.mark :].decode("utf-8", "replace").replace("\r\n", "\n")
            last = shown.rsplit("\n", 1)[-1]
            if last.startswith(question) and last.endswith(": "):
                return shown
            if time.monotonic() > until or not self._read(until):
                raise AssertionError(f"not asked {question!r}; the screen shows:\n{self.transcript}")

    def answer(self, question: str, text: str) -> str:
        """Type `text` and Enter when `question` is asked; what the command printed before asking."""
        shown = self.wait_for(question)
        self.mark = len(self.output)
        os.write(self.fd, text.encode("utf-8") + b"\r")
        return shown

    def press(self, question: str, key: bytes) -> None:
        """Press a control key (Ctrl-C, Ctrl-D) at `question`, once the command waits for the answer. A Ctrl-C
        between the question shown and the read begun is seen by Python only when the read returns (a race of
        microseconds a person never meets), so the command is first seen asleep in its read."""
        self.wait_for(question)
        self._asleep()
        self.mark = len(self.output)
        os.write(self.fd, key)

    def _asleep(self) -> None:
        stat = Path(f"/proc/{self.pid}/stat")
        if not stat.exists():
            time.sleep(0.5)
            return
        until = time.monotonic() + WAIT
        while stat.read_text().rsplit(")", 1)[1].split()[0] != "S" and time.monotonic() < until:
            time.sleep(0.01)

    def end(self) -> int:
        """Read to the end and wait for the command; its exit code."""
        until = time.monotonic() + WAIT
        while time.monotonic() < until and self._read(until):
            pass
        while time.monotonic() < until:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            time.sleep(0.05)
        raise AssertionError(f"the command did not end; the screen shows:\n{self.transcript}")

    def close(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)


@pytest.fixture
def terminal(market: Path) -> Iterator[Callable[..., Terminal]]:
    """Start sessions at the marketplace; any left running when the test ends is stopped."""
    started: list[Terminal] = []

    def start(*args: str) -> Terminal:
        session = Terminal(market, *args)
        started.append(session)
        return session

    yield start
    for session in started:
        session.close()


def folders(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in (root / "opportunities").rglob("*")}


DEPARTMENT = "Department code (from the list above)"
CLOSING = "Closing date and time in America/Toronto"
SKILLS = "Skills, comma-separated codes"

# One whole session: every kind of answer a buyer new to all this may give, and what the screen shows.
SESSION = [
    (DEPARTMENT, ""),
    (DEPARTMENT, "Health Canada"),
    (DEPARTMENT, "ESDC"),
    ("Title in English", "Add a dark theme"),
    ("Title in French", "Add a dark theme"),
    ("Title in French", "Ajouter un thème sombre"),
    ("Fixed price in CAD", "8500 dollars"),
    ("Fixed price in CAD", "$12,000"),
    ("Fixed price in CAD", "8500.555"),
    ("Fixed price in CAD", "$8,500"),
    ("Repository where the work happens", "github.com/esdc-edsc/benefits-estimator"),
    ("Repository where the work happens", "https://github.com/esdc-edsc/benefits-estimator"),
    (CLOSING, "2026-12-01T14:00:00-05:00"),
    (CLOSING, "2027-03-03"),
    (CLOSING, "2027-03-08"),
    ("Start date", "2027-03-08"),
    ("Start date", "2027-03-09"),
    ("Delivery date", "next month"),
    ("Delivery date", "2027-03-23"),
    ("Contact name", "Marie Tremblay"),
    ("Contact email", "marie.tremblay"),
    ("Contact email", "marie.tremblay@example.gc.ca"),
    ("Project name", "Benefits estimator"),
    (SKILLS, "?"),
    (SKILLS, "pyhton, UX"),
    (SKILLS, "python, UX"),
]
SCREEN = """\
Departments of this marketplace (code and name):
  esdc  Employment and Social Development Canada
  tbs   Treasury Board of Canada Secretariat
  ssc   Shared Services Canada
Department code (from the list above):\x20
  an answer is needed: this question cannot be left blank
Department code (from the list above): Health Canada
  'Health Canada' is not a department of this marketplace: answer one of its codes (esdc, tbs, ssc); a \
department not listed is added to opportunities/marketplace.yaml by the marketplace's maintainers
Department code (from the list above): ESDC
Title in English: Add a dark theme
Title in French / Titre en français: Add a dark theme
  `title.fr` is a copy of `title.en`: both languages must be written
Title in French / Titre en français: Ajouter un thème sombre
Fixed price in CAD, taxes included, at most 10000: 8500 dollars
  '8500 dollars' is not an amount in dollars: write it as 8500, $8,500 or 8 500.50
Fixed price in CAD, taxes included, at most 10000: $12,000
  `value` 12000 is over the marketplace threshold of 10000 CAD: reduce the scope or use another procurement route
Fixed price in CAD, taxes included, at most 10000: 8500.555
  '8500.555' has more than two decimals: give dollars and cents, such as 8500.50
Fixed price in CAD, taxes included, at most 10000: $8,500
Repository where the work happens (https://...): github.com/esdc-edsc/benefits-estimator
  `repository` has the wrong form: "github.com/esdc-edsc/benefits-estimator": write a full web address starting \
with https://
Repository where the work happens (https://...): https://github.com/esdc-edsc/benefits-estimator
Closing date and time in America/Toronto, at least 5 business days from today (such as 2027-03-08 14:00): \
2026-12-01T14:00:00-05:00
  2026-12-01 14:00 is already past (it is 2027-03-01 10:00 in America/Toronto): answer a later time, such as \
2027-03-08 14:00
Closing date and time in America/Toronto, at least 5 business days from today (such as 2027-03-08 14:00): \
2027-03-03
  suppliers need at least 5 business days to apply: close on 2027-03-08 or later, such as 2027-03-08 14:00
Closing date and time in America/Toronto, at least 5 business days from today (such as 2027-03-08 14:00): \
2027-03-08
  Closes on Monday 2027-03-08 at 14:00 (America/Toronto), written as 2027-03-08T14:00:00-05:00
Start date, after the closing day (such as 2027-03-09): 2027-03-08
  the work starts after the closing day (2027-03-08): answer a later day, such as 2027-03-09
Start date, after the closing day (such as 2027-03-09): 2027-03-09
Delivery date, on or after the start (such as 2027-03-23): next month
  'next month' is not a date: write it as YYYY-MM-DD, such as 2027-03-23
Delivery date, on or after the start (such as 2027-03-23): 2027-03-23
Contact name: Marie Tremblay
Contact email: marie.tremblay
  `contact.email` has the wrong form: "marie.tremblay": write an email address such as jane.doe@canada.ca
Contact email: marie.tremblay@example.gc.ca
Project name: Benefits estimator
Skills, comma-separated codes such as python, javascript (? lists them): ?
Skills of this marketplace (code and name):
  python         Python
  javascript     JavaScript
  typescript     TypeScript
  java           Java
  accessibility  Accessibility
  security       Security
  testing        Automated testing
  documentation  Documentation
  devops         DevOps and CI
  data           Data and open data
  ux             User experience design
  translation    Bilingual content
Skills, comma-separated codes such as python, javascript (? lists them): pyhton, UX
  'pyhton' is not a skill code of this marketplace (nearest: python); type ? to list every code
Skills, comma-separated codes such as python, javascript (? lists them): python, UX
Created opportunities/esdc/esdc-2027-001/opportunity.yaml: fill in the description, teaser and criteria, run \
`devex lint opportunities/esdc/esdc-2027-001` until it reports no error, then open a pull request.
"""


def test_a_whole_session_asks_again_until_each_answer_holds_then_writes_a_valid_file(market: Path, terminal) -> None:
    before = folders(market)
    session = terminal("--now", NOW)
    for question, text in SESSION:
        session.answer(question, text)
        assert folders(market) == before, "nothing is written before the last answer holds"
    assert session.end() == 0
    assert session.transcript == SCREEN
    assert "split" not in session.transcript and not re.search(r"--[a-z]", session.transcript), "no flag named"
    assert not re.search(r"\.yaml:[0-9]", session.transcript), "no position in a file that was not written"
    assert folders(market) == before | {"opportunities/esdc/esdc-2027-001", WRITTEN}
    data = load_file(market / WRITTEN).data
    assert data["department"] == "esdc" and data["id"] == "esdc-2027-001"
    assert data["value"] == 8500 and isinstance(data["value"], int)
    assert data["title"] == {"en": "Add a dark theme", "fr": "Ajouter un thème sombre"}
    assert (data["posted"], data["closing"]) == ("2027-03-01", "2027-03-08T14:00:00-05:00")
    assert (data["start"], data["delivery"]) == ("2027-03-09", "2027-03-23")
    assert data["skills"] == ["python", "ux"]
    assert data["contact"] == {"name": "Marie Tremblay", "email": "marie.tremblay@example.gc.ca"}
    # valid but for what only the buyer can write, where the scaffold left it
    left = validate(market)
    assert left and all(p.rule in DRAFT_RULES and p.path in DRAFT_FIELDS for p in left), left


def test_answers_given_as_flags_are_checked_and_a_bad_one_is_asked_again(market: Path, terminal) -> None:
    session = terminal("--now", NOW, "--department", "esdc", "--value", "$8,500", "--closing", "2027-01-04")
    session.answer("Title in English", "Add a dark theme")
    session.answer("Title in French", "Ajouter un thème sombre")
    shown = session.answer("Repository where the work happens", "https://github.com/esdc-edsc/benefits-estimator")
    assert "Departments of this marketplace" not in shown  # the department was given, and held
    shown = session.answer(CLOSING, "2027-03-10 15:30")
    assert (
        "\n--closing '2027-01-04' cannot be used:\n  2027-01-04 14:00 is already past (it is 2027-03-01 10:00 in "
        "America/Toronto): answer a later time, such as 2027-03-08 14:00\n"
    ) in shown
    shown = session.answer("Start date", "2027-03-11")
    assert "Closes on Wednesday 2027-03-10 at 15:30 (America/Toronto), written as 2027-03-10T15:30:00-05:00" in shown
    session.press("Delivery date", b"\x03")  # Ctrl-C
    assert session.end() == 130
    assert session.transcript.endswith("devex: new: stopped before the last question: nothing was written\n")
    assert not (market / "opportunities/esdc/esdc-2027-001").exists()


def test_suggested_dates_follow_the_clock_and_ctrl_d_writes_nothing(market: Path, terminal) -> None:
    """On a Friday afternoon, the closing suggested is five business days on at 14:00, the start and the
    delivery after it; all of them after the clock. Ctrl-D at the next question stops with nothing written."""
    before = folders(market)
    now = "2027-03-05T16:30:00-05:00"
    session = terminal("--now", now, "--department", "tbs", "--title-en", "Add a dark theme")
    session.answer("Title in French", "Ajouter un thème sombre")
    session.answer("Fixed price in CAD", "8 500")
    session.answer("Repository where the work happens", "https://github.com/tbs-sct/forms")
    asked = session.answer(CLOSING, "2027-03-12")
    closing = re.search(r"such as ([0-9-]+ [0-9:]+)\)", asked.rsplit("\n", 1)[-1])
    assert closing and closing.group(1) == "2027-03-12 14:00"
    asked = session.answer("Start date", "2027-03-15")
    start = re.search(r"such as ([0-9-]+)\)", asked.rsplit("\n", 1)[-1])
    assert start and start.group(1) == "2027-03-15"
    session.answer("Delivery date", "2027-03-29")
    asked = session.wait_for("Contact name")
    delivery = re.search(r"such as ([0-9-]+)\)", session.transcript.split("Delivery date")[1])
    assert delivery and delivery.group(1) == "2027-03-29"
    assert datetime.fromisoformat(f"{closing.group(1)}-05:00") > datetime.fromisoformat(now)
    assert start.group(1) > closing.group(1)[:10] and delivery.group(1) >= start.group(1)
    session.press("Contact name", b"\x04")  # Ctrl-D
    assert session.end() == 130
    assert session.transcript.endswith("devex: new: stopped before the last question: nothing was written\n")
    assert folders(market) == before


# ---------------------------------------------------------------------------------- the questions, in-process


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("8500", 8500),
        ("$8,500", 8500),
        ("8 500", 8500),
        ("8500.00", 8500),
        ("8 500,00 $", 8500),
        ("8\u00a0500,50 $", 8500.5),
        ("CAD 8,500.25", 8500.25),
        ("12,000", 12000),  # over the threshold: read, then refused by the marketplace's rule
    ],
)
def test_amounts_are_read_as_people_write_them(text: str, amount: float) -> None:
    read = read_amount(text)
    assert read == amount and type(read) is type(amount)


@pytest.mark.parametrize("text", ["lots", "-5", "1e4", "8500.555", "8.500,00", "$", "8,50,0"])
def test_amounts_that_are_not_dollars_and_cents_are_refused(text: str) -> None:
    with pytest.raises(BadAnswer):
        read_amount(text)


def interview(market: Path, now: str = NOW) -> Interview:
    return Interview.begin(market, datetime.fromisoformat(now))


ANSWERS = {
    "department": "esdc",
    "title_en": "Add a dark theme",
    "title_fr": "Ajouter un thème sombre",
    "value": "8500",
    "repository": "https://github.com/esdc-edsc/benefits-estimator",
    "closing": "2027-03-08 14:00",
    "start": "2027-03-09",
    "delivery": "2027-03-23",
    "contact_name": "Marie Tremblay",
    "contact_email": "marie.tremblay@example.gc.ca",
    "project": "Benefits estimator",
    "skills": "python",
}


def test_every_question_has_an_answer_in_the_example(market: Path) -> None:
    assert list(ANSWERS) == list(QUESTIONS)
    asking = interview(market)
    assert all(asking.answer(name, text) == [] for name, text in ANSWERS.items())
    assert asking.recheck() is None


@pytest.mark.parametrize(("text", "code"), [("ESDC", "esdc"), ("Esdc", "esdc"), (" edsc ", "esdc"), ("SCT", "tbs")])
def test_a_department_is_its_code_or_abbreviation_in_any_case(market: Path, text: str, code: str) -> None:
    asking = interview(market)
    assert asking.answer("department", text) == []
    assert asking.answers["department"] == code


def test_skills_are_codes_or_names_in_any_case_once_each(market: Path) -> None:
    asking = interview(market)
    assert asking.answer("skills", "Python, user experience design, ux, ACCESSIBILITY") == []
    assert asking.answers["skills"] == ("python", "ux", "accessibility")
    assert asking.answer("skills", "python javascript") == []
    assert asking.answers["skills"] == ("python", "javascript")
    assert asking.answer("skills", "cobol, tests") == [
        "'cobol' is not a skill code of this marketplace; 'tests' is not a skill code of this marketplace "
        "(nearest: testing); type ? to list every code"
    ]
    assert asking.answers["skills"] == ("python", "javascript"), "a refused answer leaves the last one held"


def test_a_typed_placeholder_is_refused_where_the_buyer_typed_it(market: Path) -> None:
    asking = interview(market)
    assert asking.answer("title_en", "TBD") == ["`title.en` still holds the placeholder 'TBD': write the real text"]


def test_an_invisible_character_is_refused_as_it_is_typed(market: Path) -> None:
    asking = interview(market)
    assert asking.answer("project", "Benefits \u202eestimator") == [
        "the answer contains an invisible bidirectional control character (U+202E): delete it"
    ]


def test_the_final_check_names_the_question_of_an_answer_that_no_longer_holds(market: Path) -> None:
    """The buyer left the terminal for a few days: the closing answered is now too soon, and that question is
    named; a week on, it is past."""
    asking = interview(market)
    for name, text in ANSWERS.items():
        assert asking.answer(name, text) == []
    asking.now += timedelta(days=2)
    assert asking.recheck() == (
        "closing",
        ["suppliers need at least 5 business days to apply: close on 2027-03-10 or later, such as 2027-03-10 14:00"],
    )
    asking.now += timedelta(days=5, hours=5)
    assert asking.recheck() == (
        "closing",
        [
            "2027-03-08 14:00 is already past (it is 2027-03-08 15:00 in America/Toronto): answer a later time, "
            "such as 2027-03-15 14:00"
        ],
    )


def test_the_final_check_maps_a_problem_of_the_draft_to_its_question(market: Path) -> None:
    asking = interview(market)
    for name, text in ANSWERS.items():
        assert asking.answer(name, text) == []
    asking.given["title_fr"] = ANSWERS["title_en"]  # as if the check of the answer had let it pass
    assert asking.recheck() == ("title_fr", ["`title.fr` is a copy of `title.en`: both languages must be written"])


def test_the_closing_suggested_is_a_business_day_after_the_clock(market: Path) -> None:
    settings = interview(market).settings
    for now in ("2027-03-01T10:00:00-05:00", "2027-03-05T16:30:00-05:00", "2027-03-06T23:59:00-05:00"):
        moment = datetime.fromisoformat(now)
        suggested = suggested_closing(settings, moment)
        assert suggested > moment and suggested.weekday() < 5 and suggested.hour == 14
    # before public_draw_since (2027-01-01 in the base marketplace), no new opportunity may close earlier
    assert suggested_closing(settings, datetime.fromisoformat("2026-12-21T10:00:00-05:00")).date().isoformat() == (
        "2027-01-01"
    )


def test_a_marketplace_option_given_wrong_is_a_usage_error_before_any_question(market: Path) -> None:
    with pytest.raises(Exception, match=r"new: --licence 'Foo': `licence` is \"Foo\", which is not accepted"):
        Interview.begin(market, datetime.fromisoformat(NOW), licence="Foo")
