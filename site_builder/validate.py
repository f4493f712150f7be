"""Validation pipeline: read (strict YAML, JSON Schema) -> lifecycle rules, selection chain, linter -> (optionally)
change rules against a base commit.

Checks collect Problems; nothing here prints or exits. `load_marketplace` is the door every other stage (site,
exports, GitHub sync) walks through, so they only ever see a marketplace that passed; `load_opportunity` reads
one folder again after automation wrote to it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from site_builder import collector, lifecycle, lint, text_limits
from site_builder.errors import InvalidMarketplace, UsageError
from site_builder.model import DATA_DIR, SETTINGS_FILE, WARNING, Marketplace, Opportunity, Problem, Settings
from site_builder.reading import Reading, changed_folders, read, read_awards, read_mentioning, selected_folders
from site_builder.selection.method import needs_public_draw
from site_builder.selection.unsealing import sealing_problems
from site_builder.selection.verify import Verification, check_selection
from site_builder.sources import GitCommit, Overlay, Source, WorkingTree


def validate(
    root: Path, paths: list[Path] | None = None, base: str | None = None, now: datetime | None = None
) -> list[Problem]:
    """Every error in the marketplace at `root` (or in the folders holding `paths`), sorted. A change against
    `base` is judged at `now` (default: the current time, CI's clock)."""
    with collector.paused():  # the reading is freed before the collector is back, so it never walks it
        return [problem for problem in _run(root, paths, base, warnings=False, now=now)[1] if problem.is_error]


def check(
    root: Path, paths: list[Path] | None = None, base: str | None = None, now: datetime | None = None
) -> list[Problem]:
    """Every error and every warning of the opportunity linter, sorted: what `devex validate` and `lint` show."""
    with collector.paused():
        return _run(root, paths, base, now=now)[1]


def check_draft(root: Path, texts: dict[str, str]) -> list[Problem]:
    """Every problem of the folders holding `texts` (repository-relative file name -> content), read as if
    written over the working tree at `root`; nothing is written, so a failed check leaves no trace."""
    selected = {"/".join(PurePosixPath(name).parts[:3]) for name in texts}
    return _check(Overlay(WorkingTree(root), texts), selected, root, None, warnings=False)[1]


def load_marketplace(root: Path, *, keep_going: bool = False) -> Marketplace:
    """The whole valid marketplace, or InvalidMarketplace with every problem.

    With `keep_going` (sync and the site build), one opportunity's trouble stays its own: a folder with a
    problem is set aside in `Marketplace.broken` with its problems (a stray file outside any folder, under its
    own name) and the others load; only a problem with the settings still stops everything, since every rule
    reads them."""
    reading, problems = _run(root, None, None, warnings=False)
    broken: dict[str, list[Problem]] = {}
    for problem in problems:
        broken.setdefault(_folder_of(problem.file), []).append(problem)
    if (problems and not keep_going) or SETTINGS_FILE in broken:
        raise InvalidMarketplace(problems if not keep_going else broken[SETTINGS_FILE])
    assert reading.settings is not None
    usable = (opp for opp in reading.opportunities.values() if opp.folder not in broken)
    opportunities = tuple(sorted(usable, key=lambda opp: opp.id))
    aside = {folder: tuple(found) for folder, found in sorted(broken.items())}
    return Marketplace(root, reading.settings, opportunities, aside)


def _folder_of(file: str) -> str:
    """The opportunity folder (`opportunities/<department>/<id>`) a problem's file is in, or the file itself."""
    parts = PurePosixPath(file).parts
    return "/".join(parts[:3]) if len(parts) >= 4 and parts[0] == DATA_DIR else file


def load_opportunity(marketplace: Marketplace, folder: str) -> Opportunity:
    """One folder of a loaded marketplace read and checked again (after automation wrote to it), with the
    settings already read; InvalidMarketplace with its problems."""
    reading, problems = _check(WorkingTree(marketplace.root), {folder}, marketplace.root, None, warnings=False)
    mine = [problem for problem in problems if problem.file.startswith(f"{folder}/")]
    if mine or folder not in reading.opportunities:
        raise InvalidMarketplace(mine or [Problem(f"{folder}/opportunity.yaml", 1, 1, "could not be read")])
    return reading.opportunities[folder]


def verify_opportunity(root: Path, ident: str) -> Verification:
    """`devex verify`: one opportunity's selection chain; UsageError when the marketplace has no such id."""
    folder = find_folder(root, ident)
    reading = read(WorkingTree(root), {folder})
    mine = [p for p in reading.problems if p.file == SETTINGS_FILE or p.file.startswith(f"{folder}/")]
    opp = reading.opportunities.get(folder)
    if opp is not None and reading.settings is not None:
        mine += sealing_problems(opp, reading.settings)  # the archive's round first: the entries are judged by it
    result = Verification(ident)
    if mine:
        result.problem = sorted(mine)[0]
        return result
    assert reading.settings is not None and opp is not None
    check_selection(opp, reading.settings, result, WorkingTree(root).raw)
    return result


def find_folder(root: Path, ident: str) -> str:
    """`opportunities/<department>/<ident>`, or UsageError naming the id."""
    for name in WorkingTree(root).files():
        parts = PurePosixPath(name).parts
        if len(parts) == 4 and parts[2] == ident and parts[3] == "opportunity.yaml":
            return "/".join(parts[:3])
    raise UsageError(f"no opportunity {ident} in {root / 'opportunities'}")


def _run(
    root: Path, paths: list[Path] | None, base: str | None, *, warnings: bool = True, now: datetime | None = None
) -> tuple[Reading, list[Problem]]:
    """Read the working tree once, then check it. A change against `base` (CI on a pull request) is checked in
    full where it touches: its own folders, read and checked at both commits; the others only as far as the rules
    across opportunities need them (ids, the department's awards)."""
    selected = selected_folders(root, paths)
    if base is not None and not paths:
        selected = changed_folders(root, base)
    return _check(WorkingTree(root), selected, root, base, warnings=warnings, now=now)


def _check(
    source: Source,
    selected: set[str] | None,
    root: Path,
    base: str | None,
    *,
    warnings: bool = True,
    now: datetime | None = None,
) -> tuple[Reading, list[Problem]]:
    """Schema problems, lifecycle rules, the selection chain, the linter (its warnings only when asked for),
    and the change against `base`."""
    with collector.paused():  # thousands of files become plain, acyclic data
        reading = read(source, selected)
        problems = list(reading.problems)
        if reading.settings is not None:
            for opp in reading.opportunities.values():
                found = lifecycle.check_opportunity(opp, reading.settings)
                # the linter and the selection chain read dates and lists that the lifecycle rules vouched for
                problems += found or lint.check_opportunity(opp, reading.settings, warnings=warnings)
                problems += text_limits.check_opportunity(opp)
                problems += [] if found else _selection_problems(opp, reading.settings)
                problems += [] if found else sealing_problems(opp, reading.settings)
            peers = _peers(source, selected, reading)
            problems += lint.check_awards(reading.opportunities.values(), peers, reading.settings)
        if base is not None:
            clock = now or datetime.now(UTC)
            before = read(GitCommit(root, base, selected), selected)
            problems += _check_changes(before, source, reading, selected, clock)
            if selected is not None:
                problems = _already_on_main(problems, before)
    return reading, sorted(set(problems))


ALREADY = "already on main, not this change's: "


def _already_on_main(problems: list[Problem], before: Reading) -> list[Problem]:
    """A department's pull request is judged on its own change: an error its folders already had at the base
    commit (same file, same rule, same message; lines may have moved) is shown as a warning saying so, and
    does not fail the check. Only for a change of opportunity folders: a change to the rules themselves is
    checked against the whole marketplace, where every error is the change's."""
    known = {(p.file, p.rule, p.message) for p in _folder_problems(before)}
    return [
        replace(p, severity=WARNING, message=ALREADY + p.message)
        if p.is_error and (p.file, p.rule, p.message) in known
        else p
        for p in problems
    ]


def _folder_problems(reading: Reading) -> list[Problem]:
    """The errors of each folder of a reading by the rules on one commit (schema, lifecycle, selection chain)."""
    problems = list(reading.problems)
    if reading.settings is not None:
        for opp in reading.opportunities.values():
            found = lifecycle.check_opportunity(opp, reading.settings)
            problems += found or [*_selection_problems(opp, reading.settings), *sealing_problems(opp, reading.settings)]
    return problems


def _selection_problems(opp: Opportunity, settings: Settings) -> list[Problem]:
    """The selection chain (`devex verify`'s checks) where the public method applies: an evaluation or a selection
    record exists, or an award of an opportunity closed on or after `public_draw_since`."""
    if opp.evaluation_document or opp.selection_document or needs_public_draw(opp, settings):
        result = Verification(opp.id)
        check_selection(opp, settings, result)
        return [result.problem] if result.problem else []
    return []


def _peers(source: Source, selected: set[str] | None, reading: Reading) -> list[Opportunity]:
    """The awards of the departments checked, for rules that weigh awards together: the checked opportunities as
    read, and of the others only their opportunity.yaml and award.yaml."""
    if selected is None:
        return list(reading.opportunities.values())
    departments = {folder.rsplit("/", 1)[0] for folder in selected}
    files = set(source.files())
    every = {"/".join(PurePosixPath(name).parts[:3]) for name in files}
    others = {folder for folder in every if folder.rsplit("/", 1)[0] in departments} - selected
    return [*reading.opportunities.values(), *read_awards(source, files, others)]


def _check_changes(
    before: Reading, source: Source, head: Reading, selected: set[str] | None, now: datetime
) -> list[Problem]:
    """Rules on what a pull request may change, folder by folder against the base commit (`before`), at CI's
    clock `now` and under the base commit's settings (a change never judges itself by the rules it brings)."""
    settings = before.settings or head.settings
    if settings is None:
        return []  # no readable settings at either commit: reported as the settings' own problem
    moment = lifecycle.Moment(now, settings)
    problems, changed, posted = [], set(), []
    for folder in sorted(set(before.opportunities) | set(head.opportunities)):
        old, new = before.opportunities.get(folder), head.opportunities.get(folder)
        if new is None and folder in head.present:
            continue  # still there but invalid: its own problems are already reported
        if _differs(old, new):
            changed.add(folder)
            found, corrected = lifecycle.check_corrections_change(old, new, moment)
            change = lifecycle.check_change(old, new, f"{folder}/opportunity.yaml", moment)
            problems += found + [p for p in change if p.file.rsplit("/", 1)[-1] not in corrected]
        if old is None and new is not None:
            posted.append(new)
    if posted:
        others = _mentioning(source, head, selected, posted)
        problems += [problem for new in posted for problem in lifecycle.check_relaunch(new, others)]
    if before.settings is not None and head.settings is not None:
        problems += lifecycle.check_settings_change(before.settings, head.settings, changed, moment)
    return problems


def _differs(old: Opportunity | None, new: Opportunity | None) -> bool:
    """Whether a folder changed between the two commits, in any of its files."""
    if old is None or new is None:
        return old is not new
    documents = (
        "document",
        "award_document",
        "bids_document",
        "evaluation_document",
        "selection_document",
        "corrections_document",
    )
    return any(
        (getattr(old, name) and getattr(old, name).data) != (getattr(new, name) and getattr(new, name).data)
        for name in documents
    )


def _mentioning(
    source: Source, head: Reading, selected: set[str] | None, posted: list[Opportunity]
) -> list[Opportunity]:
    """The opportunities the new ones' `issue` or `replaces` name: all of them when everything was read, else
    the checked ones and those of the others whose text holds one (one listing and one search of their bytes
    for all the new ones together)."""
    if selected is None:
        return list(head.opportunities.values())
    files = set(source.files())
    every = {"/".join(PurePosixPath(name).parts[:3]) for name in files if name.endswith("/opportunity.yaml")}
    needles = {new.data.get(key, "") for new in posted for key in ("issue", "replaces")}
    return [*head.opportunities.values(), *read_mentioning(source, files, every - selected, needles)]
