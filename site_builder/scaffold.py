"""`devex new`: a valid opportunity.yaml with the next free id, so buyers start from something that passes."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from site_builder.business_days import add_business_days
from site_builder.dump import checked_yaml, dump_yaml, write_atomic
from site_builder.errors import BadAnswer, DevexError, InvalidMarketplace, RefusedWrite, UsageError
from site_builder.lint.wording import PLACEHOLDER_MARKS
from site_builder.load import load_bytes
from site_builder.locale import local_day
from site_builder.model import SETTINGS_FILE, Problem, Settings
from site_builder.reading import read_settings
from site_builder.selection.method import public_draw_since
from site_builder.sources import DATA_DIR
from site_builder.validate import check_draft

SCHEMA_HINT = "../../../schema/opportunity.schema.json"
DESCRIPTION_PLACEHOLDER = {
    "en": f"{PLACEHOLDER_MARKS['en']} explain the background and the problem.",
    "fr": f"{PLACEHOLDER_MARKS['fr']} expliquer le contexte et le problème.",
}
# Rules a fresh scaffold breaks on purpose, in the fields it fills for the buyer to rewrite (the description's
# placeholder, the teaser copied from the title): `create` lets them pass there, and only there (a title the
# buyer typed as `TBD` is refused).
DRAFT_RULES = frozenset({"placeholder", "teaser-is-title"})
DRAFT_FIELDS = frozenset({"description.en", "description.fr", "teaser.en", "teaser.fr"})
DEPARTMENT_CODE = re.compile(r"^[a-z][a-z0-9]{1,15}$")
QA_CRITERIA = {
    "en": [
        "The pull request passes the repository's automated tests and adds tests for the change.",
        "No new security issue: no secrets in code, dependencies pinned, input validated.",
        "User interface changes meet WCAG 2.1 AA.",
    ],
    "fr": [
        "La demande de tirage réussit les tests automatisés du dépôt et ajoute des tests pour la modification.",
        "Aucun nouveau problème de sécurité : aucun secret dans le code, dépendances figées, entrées validées.",
        "Les changements à l'interface respectent les WCAG 2.1 AA.",
    ],
}


@dataclass(frozen=True)
class Draft:
    """What a buyer answers; everything else gets a safe default they can edit."""

    department: str
    title_en: str
    title_fr: str
    value: float
    repository: str
    closing: str
    start: str
    delivery: str
    contact_name: str
    contact_email: str
    project: str
    skills: tuple[str, ...]
    licence: str = "MIT"
    posted: str = ""


def next_id(root: Path, department: str, year: int) -> str:
    """The next free `<department>-<year>-<number>`, counting every department's folders (ids are global)."""
    pattern = re.compile(rf"^{re.escape(department)}-{year}-([0-9]{{3,}})$")
    used = [int(m.group(1)) for folder in (root / DATA_DIR).glob("*/*") if (m := pattern.match(folder.name))]
    return opportunity_id(department, year, max(used, default=0) + 1)


def opportunity_id(department: str, year: int, number: int) -> str:
    """The number has at least three digits (001 ... 999, then 1000 ...), as the schema's id pattern says."""
    return f"{department}-{year}-{number:03d}"


def opportunity_data(ident: str, draft: Draft) -> dict[str, Any]:
    return {
        "id": ident,
        "status": "open",
        "department": draft.department,
        "title": {"en": draft.title_en, "fr": draft.title_fr},
        "teaser": {"en": draft.title_en, "fr": draft.title_fr},
        "description": dict(DESCRIPTION_PLACEHOLDER),
        "skills": list(draft.skills),
        "value": draft.value,
        "repository": draft.repository,
        "licence": draft.licence,
        "remote": True,
        "classification": "unclassified",
        "posted": draft.posted or date.today().isoformat(),
        "closing": draft.closing,
        "start": draft.start,
        "delivery": draft.delivery,
        "acceptance_criteria": QA_CRITERIA,
        "evaluation_criteria": {
            "en": ["Has a public GitHub account with at least one merged pull request in a public repository."],
            "fr": [
                "Possède un compte GitHub public avec au moins une demande de tirage fusionnée dans un dépôt public."
            ],
        },
        "contact": {"name": draft.contact_name, "email": draft.contact_email},
        "project": {"name": draft.project},
    }


def posted_day(text: str, today: date | None = None) -> date:
    """The posting day `--posted` gives (YYYY-MM-DD), or `today` (default: the machine's today); UsageError."""
    try:
        return date.fromisoformat(text) if text else today or date.today()
    except ValueError as error:
        raise UsageError(f"new: --posted must be a date as YYYY-MM-DD, not {text!r}") from error


def drafted(root: Path, draft: Draft) -> tuple[Path, str, list[Problem]]:
    """Where the new opportunity would be written, its text, and the problems `check_draft` finds in it over
    the working tree (but for what a fresh scaffold leaves for the buyer to write); nothing is written."""
    ident = next_id(root, draft.department, posted_day(draft.posted).year)
    target = root / DATA_DIR / draft.department / ident / "opportunity.yaml"
    text = checked_yaml(target, opportunity_data(ident, draft), SCHEMA_HINT)
    found = check_draft(root, {target.relative_to(root).as_posix(): text})
    return target, text, [p for p in found if p.rule not in DRAFT_RULES or p.path not in DRAFT_FIELDS]


def create(root: Path, draft: Draft) -> Path:
    """Validate the new opportunity in memory, over the working tree, then write it in one step; on any
    problem raise, and the checkout is as it was."""
    if not DEPARTMENT_CODE.match(draft.department):
        raise UsageError(
            f"new: {draft.department!r} is not a department code: use its short lower-case code, such as esdc"
        )
    target, text, problems = drafted(root, draft)
    if problems:
        raise InvalidMarketplace(problems)
    target.parent.mkdir(parents=True, exist_ok=False)
    write_atomic(target, text)
    return target


# ------------------------------------------------------------------ `devex new` in a terminal: the interview
# Each answer is read and checked as it is given, by its own reading (amounts, codes, dates) and by the draft
# check over the working tree (only the problems the answer itself causes); a bad answer is asked again.

QUESTIONS = {
    "department": "Department code (for example esdc)",
    "title_en": "Title in English",
    "title_fr": "Title in French / Titre en français",
    "value": "Fixed price in CAD, taxes included",
    "repository": "Repository where the work happens (https://...)",
    "closing": "Closing date and time with offset (2026-12-01T14:00:00-05:00)",
    "start": "Start date (YYYY-MM-DD)",
    "delivery": "Delivery date (YYYY-MM-DD)",
    "contact_name": "Contact name",
    "contact_email": "Contact email",
    "project": "Project name",
    "skills": "Skills, comma-separated codes (for example python,accessibility)",
}
# The question each field of the draft comes from: a problem the draft check finds there is that answer's.
FIELD_QUESTIONS = {
    "id": "department",
    "department": "department",
    "title.en": "title_en",
    "teaser.en": "title_en",
    "title.fr": "title_fr",
    "teaser.fr": "title_fr",
    "value": "value",
    "repository": "repository",
    "closing": "closing",
    "start": "start",
    "delivery": "delivery",
    "contact.name": "contact_name",
    "contact.email": "contact_email",
    "project.name": "project",
    "skills": "skills",
}
CLOSING_HOUR = time(14, 0)  # mid-afternoon on a business day: someone is there to answer last questions
WORK_DAYS = 10  # the delivery suggested: two weeks of business days after the start
AMOUNT = re.compile(
    r"^(?:CAD|\$)?\s*(?P<units>[0-9]{1,3}(?:[ ,\u00a0\u202f][0-9]{3})+|[0-9]+)"
    r"(?:[.,](?P<cents>[0-9]+))?\s*(?:\$|CAD)?$",
    re.IGNORECASE,
)
DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
MOMENT = re.compile(
    r"^(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})"
    r"(?:[ T]+(?P<hour>[0-9]{1,2})[:h](?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?)?"
    r"\s*(?P<offset>Z|[+-][0-9]{2}:?[0-9]{2})?$",
    re.IGNORECASE,
)


def question_of(path: str) -> str | None:
    """The question whose answer a field of the draft holds (`skills[1]` -> skills), or None (not asked)."""
    return FIELD_QUESTIONS.get(re.sub(r"\[[0-9]+\]$", "", path))


def read_amount(text: str) -> int | float:
    """Dollars as people write them (`8500`, `$8,500`, `8 500`, `8500.00`, `8 500,50 $`), at most two decimals:
    a whole number as an int, else a float of the cents; BadAnswer otherwise."""
    match = AMOUNT.match(text.strip())
    if not match:
        raise BadAnswer(f"{text.strip()!r} is not an amount in dollars: write it as 8500, $8,500 or 8 500.50")
    cents = match.group("cents") or ""
    if len(cents) > 2:
        raise BadAnswer(f"{text.strip()!r} has more than two decimals: give dollars and cents, such as 8500.50")
    amount = Decimal(re.sub(r"[^0-9]", "", match.group("units")) + "." + (cents or "0"))
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def earliest_closing(settings: Settings, now: datetime) -> date:
    """The first day a new opportunity may close, as CI's rules judge it on `now`'s day: `posting_days` business
    days away, and not before `public_draw_since`."""
    earliest = add_business_days(local_day(now, settings.time_zone), settings.posting_days)
    since = public_draw_since(settings)
    return max(earliest, since) if since else earliest


def suggested_closing(settings: Settings, now: datetime) -> datetime:
    """The closing to suggest: 14:00 in the marketplace's zone, on the first business day it may close, after
    `now`."""
    zone, day = ZoneInfo(settings.time_zone), earliest_closing(settings, now)
    while day.weekday() >= 5 or datetime.combine(day, CLOSING_HOUR, zone) <= now:
        day += timedelta(1)
    return datetime.combine(day, CLOSING_HOUR, zone)


def suggested_start(closing: str, settings: Settings) -> date:
    """The first business day after the closing day."""
    return add_business_days(local_day(datetime.fromisoformat(closing), settings.time_zone), 1)


def suggested_delivery(start: str) -> date:
    return add_business_days(date.fromisoformat(start), WORK_DAYS)


def _dollars(amount: float) -> str:
    """10000 as `10000`, 9999.5 as `9999.50`: never in exponent form."""
    return f"{amount:.0f}" if float(amount).is_integer() else f"{amount:.2f}"


def _plain(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


@dataclass
class Interview:
    """The answers a buyer gives `devex new` in a terminal, kept as given (`given`) and as read (`answers`),
    each checked when it is given; `create` writes the opportunity once every answer holds."""

    root: Path
    settings: Settings
    now: datetime
    posted: str
    licence: str = "MIT"
    given: dict[str, str] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def begin(cls, root: Path, now: datetime, posted: str = "", licence: str = "MIT") -> Interview:
        """An interview for the marketplace at `root` at the clock `now`; the options given on the command line
        (`--posted`, `--licence`) are checked first (UsageError), and a marketplace where no opportunity can be
        posted (no department or no skill registered) is refused (DevexError)."""
        settings = read_settings(root)
        for what, listed in (("department", settings.departments), ("skill", settings.skills)):
            if not listed:
                raise DevexError(
                    f"new: no {what} is registered in {SETTINGS_FILE}: ask the marketplace's maintainers to add one"
                )
        day = posted_day(posted, local_day(now, settings.time_zone))
        interview = cls(root, settings, now, day.isoformat(), licence)
        for problem in interview._problems():
            if problem.path in ("licence", "posted"):
                raise UsageError(f"new: --{problem.path} {getattr(interview, problem.path)!r}: {problem.message}")
        return interview

    # -- what the buyer is asked and shown

    def question(self, name: str) -> str:
        """The question for `name`, with what this marketplace accepts and dates suggested from the clock."""
        settings = self.settings
        if name == "department":
            return "Department code (from the list above)"
        if name == "value":
            return f"Fixed price in CAD, taxes included, at most {_dollars(settings.threshold)}"
        if name == "closing":
            return (
                f"Closing date and time in {settings.time_zone}, at least {settings.posting_days} business days "
                f"from today (such as {_plain(suggested_closing(settings, self.now))})"
            )
        if name == "start":
            return f"Start date, after the closing day (such as {self._default('start')})"
        if name == "delivery":
            return f"Delivery date, on or after the start (such as {self._default('delivery')})"
        if name == "skills":
            examples = ", ".join(list(settings.skills)[:2])
            return f"Skills, comma-separated codes such as {examples} (? lists them)"
        return QUESTIONS[name]

    def listing(self, name: str) -> str | None:
        """The codes a question accepts, with their names (departments, skills); None for the others."""
        if name == "department":
            table = {code: entry["name"]["en"] for code, entry in self.settings.departments.items()}
            return "Departments of this marketplace (code and name):\n" + _table(table)
        if name == "skills":
            table = {code: names["en"] for code, names in self.settings.skills.items()}
            return "Skills of this marketplace (code and name):\n" + _table(table)
        return None

    def echo(self, name: str) -> str | None:
        """How an answer was understood, where it could be read more than one way (the closing's time zone)."""
        if name != "closing" or name not in self.answers:
            return None
        moment = datetime.fromisoformat(self.answers["closing"])
        return f"Closes on {moment:%A %Y-%m-%d at %H:%M} ({self.settings.time_zone}), written as {moment.isoformat()}"

    # -- the answers

    def answer(self, name: str, text: str) -> list[str]:
        """Read and check `text` as the answer to `name`: kept when it holds (an empty list), else left as it
        was, with the reasons (at least one)."""
        text = text.strip()
        if not text:
            return ["an answer is needed: this question cannot be left blank"]
        try:
            value = getattr(self, f"_read_{name}", self._read_text)(text)
        except BadAnswer as error:
            return [str(error)]
        before = self.answers.pop(name, None)
        self.answers[name] = value
        try:
            found = _reasons([p for p in self._problems() if question_of(p.path) == name])
        except RefusedWrite as error:  # a text that survived `_read_text` yet does not read back: not expected
            found = [str(error)]
        if found:
            if before is None:
                del self.answers[name]
            else:
                self.answers[name] = before
            return found
        self.given[name] = text
        return []

    def recheck(self) -> tuple[str, list[str]] | None:
        """The first question whose answer no longer holds with all the others given (or the clock moved on),
        with the reasons; None when every answer holds. A problem of the draft that no answer holds is raised
        (InvalidMarketplace): it is a fault of `devex new` itself."""
        for name in QUESTIONS:
            if name not in self.given:
                return name, ["an answer is needed: this question cannot be left blank"]
            reasons = self.answer(name, self.given[name])
            if reasons:
                return name, reasons
        problems = self._problems()
        if problems:
            raise InvalidMarketplace(problems)
        return None

    def draft(self) -> Draft:
        """The answers given, and a stand-in for each question not answered yet."""
        values = {name: self._default(name) for name in QUESTIONS}
        return Draft(**values, licence=self.licence, posted=self.posted)

    def create(self) -> Path:
        return create(self.root, self.draft())

    def _problems(self) -> list[Problem]:
        return drafted(self.root, self.draft())[2]

    def _default(self, name: str) -> Any:
        """The answer to `name`, or for a question not answered yet a stand-in that passes every check, so the
        draft check finds only the problems of the answers given; the dates are the ones suggested."""
        if name in self.answers:
            return self.answers[name]
        settings = self.settings
        if name == "closing":
            return suggested_closing(settings, self.now).isoformat()
        if name == "start":
            return suggested_start(self._default("closing"), settings).isoformat()
        if name == "delivery":
            return suggested_delivery(self._default("start")).isoformat()
        stand_ins = {
            "department": next(iter(settings.departments)),
            "title_en": "Untitled",
            "title_fr": "Sans titre",
            "value": settings.threshold,
            "repository": "https://github.com/example/example",
            "contact_name": "Name",
            "contact_email": "name@example.org",
            "project": "Project",
            "skills": (next(iter(settings.skills)),),
        }
        return stand_ins[name]

    def _read_text(self, text: str) -> str:
        loaded = load_bytes(dump_yaml({"answer": text}).encode("utf-8"), "answer")
        if isinstance(loaded, Problem):
            raise BadAnswer(f"the answer {loaded.message}")
        if loaded.data != {"answer": text}:
            raise BadAnswer("the answer cannot be written as it is: retype it without unusual characters")
        return text

    def _read_department(self, text: str) -> str:
        departments = self.settings.departments
        known = {code.lower(): code for code in departments}
        for code, entry in departments.items():
            for abbreviation in entry.get("abbreviation", {}).values():
                known.setdefault(abbreviation.lower(), code)
        if text.lower() in known:
            return known[text.lower()]
        codes = ", ".join(departments)
        raise BadAnswer(
            f"{text!r} is not a department of this marketplace: answer one of its codes ({codes}); a department "
            f"not listed is added to {SETTINGS_FILE} by the marketplace's maintainers"
        )

    def _read_value(self, text: str) -> int | float:
        return read_amount(text)

    def _read_closing(self, text: str) -> str:
        settings, zone = self.settings, ZoneInfo(self.settings.time_zone)
        suggestion = _plain(suggested_closing(settings, self.now))
        moment = _moment(text, zone)
        if moment is None:
            raise BadAnswer(
                f"{text!r} is not a date and time: write YYYY-MM-DD HH:MM, in {settings.time_zone} time, "
                f"such as {suggestion}"
            )
        moment = moment.astimezone(zone)
        if moment <= self.now:
            raise BadAnswer(
                f"{_plain(moment)} is already past (it is {_plain(self.now.astimezone(zone))} in "
                f"{settings.time_zone}): answer a later time, such as {suggestion}"
            )
        earliest = earliest_closing(settings, self.now)
        if moment.date() < earliest:
            since = public_draw_since(settings)
            why = (
                f"a new opportunity closes on or after {since} (public_draw_since in {SETTINGS_FILE})"
                if since and earliest == since
                else f"suppliers need at least {settings.posting_days} business days to apply"
            )
            raise BadAnswer(f"{why}: close on {earliest} or later, such as {suggestion}")
        return moment.isoformat()

    def _read_start(self, text: str) -> str:
        suggestion = suggested_start(self._default("closing"), self.settings)
        day = _day(text, suggestion)
        closing = local_day(datetime.fromisoformat(self._default("closing")), self.settings.time_zone)
        if day <= closing:
            raise BadAnswer(
                f"the work starts after the closing day ({closing}): answer a later day, such as {suggestion}"
            )
        return day.isoformat()

    def _read_delivery(self, text: str) -> str:
        start = date.fromisoformat(self._default("start"))
        suggestion = suggested_delivery(start.isoformat())
        day = _day(text, suggestion)
        if day < start:
            raise BadAnswer(
                f"the work is delivered on or after its start ({start}): answer a later day, such as {suggestion}"
            )
        return day.isoformat()

    def _read_skills(self, text: str) -> tuple[str, ...]:
        skills = self.settings.skills
        known = {code.lower(): code for code in skills}
        for code, names in skills.items():
            for name in names.values():
                known.setdefault(name.lower(), code)
        chosen: list[str] = []
        unknown = []
        for piece in (piece.strip() for piece in text.split(",")):
            words = piece.lower().split()
            if not piece:
                continue
            if piece.lower() in known:
                chosen.append(known[piece.lower()])
            elif words and all(word in known for word in words):
                chosen += [known[word] for word in words]
            else:
                unknown.append(piece)
        if unknown:
            raise BadAnswer(
                "; ".join(_unknown_skill(piece, known) for piece in unknown) + "; type ? to list every code"
            )
        return tuple(dict.fromkeys(chosen))


def _reasons(problems: list[Problem]) -> list[str]:
    """The messages of an answer's problems; the teaser's are left out where the title (which it copies) has
    one of the same rule: the answer is the title's, said once."""
    titled = {(p.rule, p.path.replace("title", "teaser")) for p in problems if p.path.startswith("title.")}
    return [p.message for p in problems if (p.rule, p.path) not in titled]


def _unknown_skill(piece: str, known: dict[str, str]) -> str:
    nearest = dict.fromkeys(known[match] for match in difflib.get_close_matches(piece.lower(), known, n=5, cutoff=0.6))
    if nearest:
        return f"{piece!r} is not a skill code of this marketplace (nearest: {', '.join(list(nearest)[:3])})"
    return f"{piece!r} is not a skill code of this marketplace"


def _moment(text: str, zone: ZoneInfo) -> datetime | None:
    """A closing as a buyer may type it: a day (at 14:00), a day and a time in the marketplace's zone, or an ISO
    date-time with its offset; None when it reads as none of them."""
    match = MOMENT.match(text.strip())
    if not match:
        return None
    parts = match.groupdict()
    try:
        day = date.fromisoformat(parts["day"])
        hour = time(int(parts["hour"]), int(parts["minute"]), int(parts["second"] or 0)) if parts["hour"] else None
        offset = parts["offset"]
        if offset is None:
            return datetime.combine(day, hour or CLOSING_HOUR, zone)
        if hour is None:
            return None
        offset = "+00:00" if offset.upper() == "Z" else offset
        return datetime.fromisoformat(f"{day}T{hour}{offset}")
    except ValueError:
        return None


def _day(text: str, suggestion: date) -> date:
    try:
        if DAY.match(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise BadAnswer(f"{text!r} is not a date: write it as YYYY-MM-DD, such as {suggestion}")


def _table(names: dict[str, str]) -> str:
    width = max(len(code) for code in names)
    return "\n".join(f"  {code:<{width}}  {name}" for code, name in names.items())
