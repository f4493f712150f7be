"""Folders that do not validate on main (issue 21): one department's mistake never stops the marketplace.

`load_marketplace(keep_going=True)` sets each folder whose files do not validate aside in `Marketplace.broken`
(a stray file outside any opportunity folder under its own path), and no step of the plan touches it. After
the plan is applied, each one is named in the run's log and in the job summary, and reported in ONE issue:
opened by the automation the first time, found again on later runs by the signed marker on the first line of
its body (`markers`, scoped to the repository, never the title), edited only when what it says changes, and
closed with a short comment once nothing in it fails any more. The issue mentions the department's
`codeowners` (marketplace.yaml), or the maintainers for a file outside every opportunity folder.

Problems quote the files, which anyone may propose in a pull request, so their text is only ever shown
inert: in a fenced block longer than any run of backticks in it in the issue (no Markdown, HTML or @mention
works there), as code spans in the summary's table, and always on one line with control and format
characters written as escapes, so a log line never starts a workflow command and no bidirectional control
reorders what a reader sees.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from site_builder.codeowners import department_owners, maintainers
from site_builder.errors import GitHubError
from site_builder.github_sync.client import Client
from site_builder.github_sync.discussions import Repository
from site_builder.github_sync.markers import escape_comments, first_marker, marker, same_actor, seal, trusted
from site_builder.model import DATA_DIR, Marketplace, Problem, Settings

BROKEN, REPAIRED = "broken", "repaired"
RUNBOOK = "docs/dev/runbook.md"
PROBLEMS_LIMIT = 50_000  # characters of problems in an issue: GitHub refuses a body over 65,536
LINE_LIMIT = 2_000  # characters of one problem, in the issue and the log
SUMMARY_ROWS = 30  # problems of one folder in the job summary's table
_ID = re.compile(r"(?P<department>[a-z][a-z0-9]{1,15})-[0-9]{4}-[0-9]{3,}")
_OWNER = re.compile(r"@[A-Za-z0-9-]+(?:/[A-Za-z0-9_.-]+)?")
_URL = re.compile(r"https?://[^\s()<>|\\`\"']+")
_HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp"}  # controls, format (bidi, zero-width), surrogates, line separators


@dataclass(frozen=True)
class Broken:
    """One folder set aside (`opportunities/<department>/<id>`), or a stray file, with its problems."""

    key: str
    problems: tuple[Problem, ...]

    @property
    def is_folder(self) -> bool:
        return any(problem.file.startswith(f"{self.key}/") for problem in self.problems)

    @property
    def department(self) -> str | None:
        parts = self.key.split("/")
        return parts[1] if self.is_folder and len(parts) == 3 and parts[0] == DATA_DIR else None

    @property
    def ident(self) -> str | None:
        """The opportunity id the folder is named after, when it is named like one of its department."""
        name = self.key.rsplit("/", 1)[-1]
        found = _ID.fullmatch(name)
        return name if found and found["department"] == self.department else None

    @property
    def mark(self) -> str:
        """The id its issue's marker carries: the opportunity's id, else a digest of the path (any characters)."""
        digest = hashlib.sha256(self.key.encode("utf-8", "surrogatepass")).hexdigest()
        return self.ident or f"path.{digest[:24]}"

    @property
    def name(self) -> str:
        return self.ident or shorten(printable(self.key), 100)  # twice in a title: GitHub takes 256 characters


def broken_of(marketplace: Marketplace) -> list[Broken]:
    return [Broken(key, tuple(problems)) for key, problems in sorted(marketplace.broken.items())]


# ---------------------------------------------------------------- showing strangers' text inertly


def printable(text: str) -> str:
    """`text` on one line: every control, format or separator character written as its Python escape."""
    return "".join(
        char.encode("unicode_escape").decode("ascii") if unicodedata.category(char) in _HIDDEN else char
        for char in text
    )


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _longest_run(text: str, char: str) -> int:
    return max((len(run) for run in re.findall(f"{re.escape(char)}+", text)), default=0)


def code_span(text: str) -> str:
    """`text` as an inline code span, shown as typed: never read as Markdown, HTML, a link or a mention."""
    text = printable(text)
    fence = "`" * (_longest_run(text, "`") + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def fenced(lines: Sequence[str]) -> str:
    """Lines (each already on one line) in a fenced block no line of them can close."""
    text = "\n".join(lines)
    fence = "`" * max(3, _longest_run(text, "`") + 1)
    return f"{fence}text\n{text}\n{fence}"


def table_cell(text: str) -> str:
    """`text` as a code span in a GFM table cell. The table is split on `|` before anything else is read, and a
    backslash escapes the next punctuation character there, so every pipe is escaped with an odd number of
    backslashes before it; inside the code span nothing else is read."""
    span = code_span(shorten(printable(text), 500))
    return re.sub(r"(\\*)\|", lambda found: found[1] + "\\" * (len(found[1]) % 2) + "\\|", span)


# ---------------------------------------------------------------- the log and the job summary


def log_lines(items: Sequence[Broken]) -> list[str]:
    """What the run's log says of the folders set aside, one printable line per problem."""
    if not items:
        return []
    lines = [f"Set aside, not valid on main ({len(items)}): no step touches them until they validate again"]
    for item in items:
        lines.append(f"  {printable(item.key)}: {len(item.problems)} problem(s)")
        lines += [f"    {shorten(printable(problem.format()), LINE_LIMIT)}" for problem in item.problems]
    return lines


def summary(items: Sequence[Broken], reports: Reports) -> str:
    """Markdown for the job summary (GITHUB_STEP_SUMMARY): a table of the problems, with each folder's issue."""
    lines = [
        "### Set aside: not valid on main / Mis de côté : non valide sur main",
        "",
        "Sync served every other opportunity; these wait until their files validate again, and the run fails "
        "until then. / La synchronisation a traité toutes les autres occasions; celles-ci attendent que leurs "
        "fichiers soient de nouveau valides, et l'exécution échoue d'ici là.",
        "",
        "| Folder / Dossier | File:line:col / Fichier:ligne:col | Problem / Problème | Issue |",
        "|---|---|---|---|",
    ]
    for item in items:
        issue = _issue_link(reports.issues.get(item.key, ""))
        folder = table_cell(item.key)
        for problem in item.problems[:SUMMARY_ROWS]:
            where = table_cell(f"{problem.file}:{problem.line}:{problem.col}")
            lines.append(f"| {folder} | {where} | {table_cell(problem.message)} | {issue} |")
        if len(item.problems) > SUMMARY_ROWS:
            more = len(item.problems) - SUMMARY_ROWS
            lines.append(f"| {folder} | | {more} more / de plus: `devex validate` | {issue} |")
    if reports.failures:
        lines += ["", "Not reported this time, tried again next run / Non signalé cette fois, réessayé :", ""]
        lines += [f"- {code_span(shorten(failure, 1000))}" for failure in reports.failures]
    return "\n".join(lines) + "\n\n"


def write_summary(path: Path, items: Sequence[Broken], reports: Reports) -> None:
    """Append the summary to the job summary file (Actions shows it on the run's page)."""
    with path.open("a", encoding="utf-8", errors="backslashreplace") as handle:
        handle.write(summary(items, reports))


def _issue_link(url: str) -> str:
    number = url.rstrip("/").rsplit("/", 1)[-1]
    return f"[#{number}]({url})" if _URL.fullmatch(url) and number.isdigit() else ""


# ---------------------------------------------------------------- the issue


def owners_of(item: Broken, settings: Settings) -> list[str]:
    """Who is mentioned: the department's codeowners (marketplace.yaml), else the maintainers."""
    team = maintainers(settings)
    owners = department_owners(settings).get(item.department or "", [team])
    return [owner for owner in owners if _OWNER.fullmatch(owner)] or [team]


def issue_title(item: Broken, branch: str) -> str:
    branch = printable(branch)
    return f"{item.name} does not validate on {branch} / {item.name} n'est pas valide sur {branch}"


def issue_body(item: Broken, settings: Settings, runbook: str, branch: str) -> str:
    """The issue's text (before `seal` signs its marker): bilingual, every problem in one fenced block."""
    where, on, owners = code_span(item.key), code_span(branch), " ".join(owners_of(item, settings))
    shown, more = _problem_lines(item.problems)
    if item.is_folder:
        english = (
            f"{owners}: the folder {where} does not validate on {on}, so automation has set it aside. Until it "
            "validates again nothing is done for it: it is not posted, closed at its closing time, archived, drawn "
            "or announced. Every other opportunity goes on as usual. Fix the files below in a pull request "
            "(`devex validate` shows the same problems, `devex lint` how to fix them)."
        )
        french = (
            f"{owners} : le dossier {where} n'est pas valide sur {on}; l'automatisation l'a donc mis de côté. "
            "Tant qu'il n'est pas de nouveau valide, rien n'est fait pour lui : il n'est ni publié, ni fermé à "
            "sa date de clôture, ni archivé, ni tiré au sort, ni annoncé. Toutes les autres occasions suivent "
            "leur cours. Corrigez les fichiers ci-dessous dans une demande de tirage (`devex validate` montre "
            "les mêmes problèmes, `devex lint` comment les corriger)."
        )
    else:
        english = (
            f"{owners}: the file {where} is outside every opportunity folder and does not validate on {on}. No "
            "opportunity is held up by it. Remove or move it in a pull request."
        )
        french = (
            f"{owners} : le fichier {where} est hors de tout dossier d'occasion et n'est pas valide sur {on}. "
            "Il ne retient aucune occasion. Supprimez-le ou déplacez-le dans une demande de tirage."
        )
    parts = [marker(BROKEN, item.mark), english, french, "`file:line:col: message`", fenced(shown)]
    if more:
        parts.append(f"{more} more / de plus : `devex validate`")
    parts += [
        "This issue is updated when the problems change and closed by automation once they are fixed. / Cette "
        "demande est mise à jour quand les problèmes changent et fermée par l'automatisation une fois qu'ils "
        "sont corrigés.",
        f"Runbook / Guide d'exploitation : {runbook}",
    ]
    return "\n\n".join(parts) + "\n"


def repaired_comment(mark: str) -> str:
    return (
        f"{marker(REPAIRED, mark)}\n"
        "Nothing here fails validation any more (repaired, moved or removed): automation serves it as usual "
        "from this run on. Closing.\n\n"
        "Plus rien ici n'échoue à la validation (corrigé, déplacé ou supprimé) : l'automatisation le traite "
        "normalement dès cette exécution. Fermeture.\n"
    )


def _problem_lines(problems: Sequence[Problem]) -> tuple[list[str], int]:
    """The problems' lines that fit in an issue, and how many did not."""
    lines: list[str] = []
    size = 0
    for index, problem in enumerate(problems):
        line = shorten(printable(problem.format()), LINE_LIMIT)
        size += len(escape_comments(line)) + 1
        if size > PROBLEMS_LIMIT:
            return lines, len(problems) - index
        lines.append(line)
    return lines, 0


def _same_text(old: str | None, new: str) -> bool:
    """Bodies compared as GitHub keeps them (an edit in the browser may bring CRLF line endings)."""
    return (old or "").replace("\r\n", "\n").strip() == new.replace("\r\n", "\n").strip()


@dataclass
class Reports:
    """What reporting did: each broken key's issue (URL), and what could not be done (tried again next run)."""

    issues: dict[str, str] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


class Reporter:
    """The issues of the broken folders, over REST; every mutation looks for its result before a re-send."""

    def __init__(self, client: Client, repository: Repository, settings: Settings, log: Callable[[str], None]):
        self.client, self.repository, self.settings, self.log = client, repository, settings, log
        self.key = client.config.marker_key

    @cached_property
    def repo(self) -> Any:
        return self.client.read(
            "reading the repository", lambda: self.client.rest.get_repo(self.client.config.repository)
        )

    def run(self, items: Sequence[Broken]) -> Reports:
        """Open or update the issue of each broken item, close those of the items that validate again. A GitHub
        failure is noted and the rest goes on; the next run does what is left."""
        reports = Reports()
        try:
            found = self.open_reports()
        except GitHubError as error:
            self._failed(reports, f"could not list the open issues, so nothing was reported: {error}")
            return reports
        for item in items:
            try:
                reports.issues[item.key] = self._ensure(item, found.get(item.mark))
            except GitHubError as error:
                self._failed(reports, f"could not report {printable(item.key)}: {error}")
        wanted = {item.mark for item in items}
        for mark, issue in sorted(found.items()):
            if mark not in wanted:
                try:
                    self._close(issue, mark)
                except GitHubError as error:
                    self._failed(reports, f"could not close issue #{issue.number}: {error}")
        return reports

    def open_reports(self) -> dict[str, Any]:
        """The open issues the automation opened for broken items, by marker id (the oldest of each)."""
        issues = self.client.read(
            "listing the open issues",
            lambda: list(self.repo.get_issues(state="open", sort="created", direction="asc")),
        )
        found: dict[str, Any] = {}
        for issue in sorted(issues, key=lambda issue: issue.number):
            author = issue.user.login if issue.user else None
            mark = first_marker(issue.body or "", self.key, self.repository.id)
            if same_actor(author, self.repository.viewer) and mark and mark[0] == BROKEN:
                found.setdefault(mark[1], issue)
        return found

    def _ensure(self, item: Broken, existing: Any | None) -> str:
        branch = self.repo.default_branch
        runbook = f"{self.repo.html_url}/blob/{branch}/{RUNBOOK}"
        title = issue_title(item, branch)
        body = seal(issue_body(item, self.settings, runbook, branch), self.key, self.repository.id)
        if existing is None:
            created = self.client.write(
                f"opening the issue for {item.name}",
                lambda: self.repo.create_issue(title=title, body=body),
                lambda: self.open_reports().get(item.mark),
            )
            self.log(f"  {item.name}: reported in {created.html_url}")
            return created.html_url
        if existing.title == title and _same_text(existing.body, body):
            self.log(f"  {item.name}: already reported in {existing.html_url}")
            return existing.html_url

        def edited() -> Any | None:
            now = self.repo.get_issue(existing.number)
            return now if now.title == title and _same_text(now.body, body) else None

        self.client.write(f"updating the issue for {item.name}", lambda: existing.edit(title=title, body=body), edited)
        self.log(f"  {item.name}: its problems changed, updated {existing.html_url}")
        return existing.html_url

    def _close(self, issue: Any, mark: str) -> None:
        """Say once that it validates again (the comment's marker is scoped to the issue), then close it."""
        scope = f"{self.repository.id}/issues/{issue.number}"
        viewer = self.repository.viewer

        def said() -> Any | None:
            for comment in issue.get_comments():
                author = comment.user.login if comment.user else None
                if trusted(comment.body, author, viewer, REPAIRED, mark, self.key, scope):
                    return comment
            return None

        if self.client.read(f"reading the comments of issue #{issue.number}", said) is None:
            body = seal(repaired_comment(mark), self.key, scope)
            self.client.write(f"commenting on issue #{issue.number}", lambda: issue.create_comment(body), said)

        def closed() -> Any | None:
            now = self.repo.get_issue(issue.number)
            return now if now.state == "closed" else None

        self.client.write(
            f"closing issue #{issue.number}", lambda: issue.edit(state="closed", state_reason="completed"), closed
        )
        self.log(f"  {mark}: validates again, closed {issue.html_url}")

    def _failed(self, reports: Reports, message: str) -> None:
        reports.failures.append(message)
        self.log(f"  NOT REPORTED: {printable(message)} (the next run tries again)")
