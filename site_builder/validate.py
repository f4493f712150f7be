"""Validation pipeline: files -> strict YAML -> JSON Schema -> lifecycle rules -> (optionally) change rules.

Checks collect Problems; nothing here prints or exits. `load_marketplace` is the door every other
stage (site, exports, GitHub sync) walks through, so they only ever see a marketplace that passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from site_builder import archive, collector, lifecycle, lint, schemas, text_limits
from site_builder.errors import InvalidMarketplace, UsageError
from site_builder.model import Document, Marketplace, Opportunity, Problem, Settings
from site_builder.sources import DATA_DIR, GitCommit, Overlay, Source, WorkingTree

SETTINGS_FILE = f"{DATA_DIR}/marketplace.yaml"
FOLDER_FILES = {
    "opportunity.yaml": "opportunity",
    "award.yaml": "award",
    "bids.yaml": "bids",
    "evaluation.yaml": "evaluation",  # read by site_builder.selection
    "selection.yaml": "selection",
}


@dataclass
class Reading:
    """What one source holds: settings, the opportunities whose files all passed their schema, problems."""

    settings: Settings | None = None
    opportunities: dict[str, Opportunity] = field(default_factory=dict)
    present: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


def find_root(start: Path) -> Path:
    """The marketplace repository holding `start`: the nearest folder with opportunities/marketplace.yaml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise UsageError(f"no {SETTINGS_FILE} found in {start} or above: run this inside the marketplace repository")


def validate(root: Path, paths: list[Path] | None = None, base: str | None = None) -> list[Problem]:
    """Every error in the marketplace at `root` (or in the folders holding `paths`), sorted."""
    return _run(root, paths, base, warnings=False)[1]


def check(root: Path, paths: list[Path] | None = None, base: str | None = None) -> list[Problem]:
    """Every error and every warning of the opportunity linter, sorted: what `devex validate` and `lint` show."""
    return _run(root, paths, base)[1]


def check_draft(root: Path, texts: dict[str, str]) -> list[Problem]:
    """Every problem of the folders holding `texts` (repository-relative file name -> content), read as if
    written over the working tree at `root`; nothing is written, so a failed check leaves no trace."""
    selected = {"/".join(PurePosixPath(name).parts[:3]) for name in texts}
    return _check(Overlay(WorkingTree(root), texts), selected, root, None, warnings=False)[1]


def load_marketplace(root: Path) -> Marketplace:
    """The whole valid marketplace, or InvalidMarketplace with every problem."""
    reading, problems = _run(root, None, None, warnings=False)
    if problems:
        raise InvalidMarketplace(problems)
    assert reading.settings is not None
    opportunities = tuple(sorted(reading.opportunities.values(), key=lambda opp: opp.id))
    return Marketplace(root, reading.settings, opportunities)


def _run(
    root: Path, paths: list[Path] | None, base: str | None, *, warnings: bool = True
) -> tuple[Reading, list[Problem]]:
    """Read the working tree once, then check it."""
    return _check(WorkingTree(root), _selector(root, paths), root, base, warnings=warnings)


def _check(
    source: Source, selected: set[str] | None, root: Path, base: str | None, *, warnings: bool = True
) -> tuple[Reading, list[Problem]]:
    """Schema problems, lifecycle rules, the linter (its warnings only when asked for), and the change
    against `base`."""
    with collector.paused():  # thousands of files become plain, acyclic data
        reading = read(source, selected)
        problems = list(reading.problems)
        if reading.settings is not None:
            for opp in reading.opportunities.values():
                found = lifecycle.check_opportunity(opp, reading.settings)
                # the linter reads dates and lists that the lifecycle rules have vouched for
                problems += found or lint.check_opportunity(opp, reading.settings, warnings=warnings)
                problems += text_limits.check_opportunity(opp)
                problems += [] if found else _selection_problems(root, opp, reading.settings)
            peers = _peers(source, selected, reading)
            problems += lint.check_awards(reading.opportunities.values(), peers, reading.settings)
        if base is not None:
            problems += _check_changes(GitCommit(root, base), reading, selected)
    return reading, sorted(set(problems))


def _selection_problems(root: Path, opp: Opportunity, settings: Settings) -> list[Problem]:
    """The selection chain (`devex verify`'s checks) where the public method applies: an evaluation or a selection
    record exists, or an award of an opportunity closed on or after `public_draw_since`."""
    from site_builder.selection.method import needs_public_draw
    from site_builder.selection.verify import selection_problems

    if opp.evaluation_document or opp.selection_document or needs_public_draw(opp, settings):
        return selection_problems(root, opp, settings)
    return []


def _peers(source: Source, selected: set[str] | None, reading: Reading) -> list[Opportunity]:
    """Every valid opportunity of the departments checked, for rules that weigh awards together."""
    if selected is None:
        return list(reading.opportunities.values())
    departments = {folder.rsplit("/", 1)[0] for folder in selected}
    every = {"/".join(PurePosixPath(name).parts[:3]) for name in source.files()}
    wider = {folder for folder in every if folder.rsplit("/", 1)[0] in departments}
    return list(read(source, wider).opportunities.values())


def read(source: Source, selected: set[str] | None) -> Reading:
    """Load and schema-check the settings and the selected opportunity folders of one source."""
    reading = Reading()
    files = source.files()
    if SETTINGS_FILE in files:
        document = checked_document(source, SETTINGS_FILE, "marketplace", reading.problems)
        reading.settings = Settings(document.data) if document else None
        reading.problems += text_limits.check_document(document) if document else []
    else:
        reading.problems.append(Problem(SETTINGS_FILE, 1, 1, "is missing: the marketplace needs its settings file"))
    folders = _group(source, files, reading.problems)
    reading.problems += _duplicate_ids(folders)
    for folder, names in folders.items():
        if selected is None or folder in selected:
            reading.present.add(folder)
            opp = _read_folder(source, folder, names, reading.problems)
            if opp:
                reading.opportunities[folder] = opp
    return reading


def checked_document(source: Source, name: str, kind: str, problems: list[Problem]) -> Document | None:
    """One file of `source` loaded strictly and checked against its schema; None (problems noted) if it fails."""
    loaded = source.load(name)
    if isinstance(loaded, Problem):
        problems.append(loaded)
        return None
    found = schemas.check(loaded, kind)
    problems += found
    return None if found else loaded


def _group(source: Source, files: list[str], problems: list[Problem]) -> dict[str, dict[str, str]]:
    """Files by opportunity folder (`opportunities/<department>/<id>`); anything else is a problem."""
    folders: dict[str, dict[str, str]] = {}
    for name in files:
        if name == SETTINGS_FILE:
            continue
        parts = PurePosixPath(name).parts
        if len(parts) == 4 and parts[3] in FOLDER_FILES:
            folders.setdefault("/".join(parts[:3]), {})[parts[3]] = name
        elif len(parts) == 5 and parts[3] == archive.BODIES and not source.is_link(name):
            folders.setdefault("/".join(parts[:3]), {})["/".join(parts[3:])] = name
        elif source.is_link(name):
            message = "is a symbolic link: commit the folder itself, not a link"
            problems.append(Problem(name, 1, 1, message, rule="file"))
        else:
            problems.append(Problem(name, 1, 1, _misplaced(parts), rule="file"))
    return folders


def _misplaced(parts: tuple[str, ...]) -> str:
    filename = parts[-1]
    if filename.endswith(".yml") and filename[:-4] + ".yaml" in FOLDER_FILES:
        return f"is not read: rename it to {filename[:-4]}.yaml"
    return (
        "is not a marketplace file: only opportunities/<department>/<id>/ holding opportunity.yaml, "
        "award.yaml and bids.yaml belong here"
    )


def _duplicate_ids(folders: dict[str, dict[str, str]]) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for folder in folders:
        ident = folder.rsplit("/", 1)[1]
        if ident in seen:
            problems.append(
                Problem(
                    f"{folder}/opportunity.yaml",
                    1,
                    1,
                    f"uses the id {ident}, already used by {seen[ident]}: ids must be unique",
                )
            )
        seen.setdefault(ident, folder)
    return problems


def _read_folder(source: Source, folder: str, names: dict[str, str], problems: list[Problem]) -> Opportunity | None:
    if "opportunity.yaml" not in names:
        first = sorted(names.values())[0]
        message = f"has no opportunity.yaml beside it in {folder}: add the opportunity or remove this folder"
        problems.append(Problem(first, 1, 1, message, rule="file"))
        return None
    files = {kind: name for kind, name in names.items() if kind in FOLDER_FILES}
    bodies = {kind: name for kind, name in names.items() if kind not in FOLDER_FILES}
    documents = {kind: checked_document(source, name, FOLDER_FILES[kind], problems) for kind, name in files.items()}
    if any(document is None for document in documents.values()):
        return None
    if bodies or "bids.yaml" in documents:
        problems += archive.check(documents.get("bids.yaml"), bodies, folder, source.raw)
    return Opportunity(
        folder,
        documents["opportunity.yaml"],
        documents.get("award.yaml"),
        documents.get("bids.yaml"),
        documents.get("evaluation.yaml"),
        documents.get("selection.yaml"),
    )


def _selector(root: Path, paths: list[Path] | None) -> set[str] | None:
    """The opportunity folders named by `paths` (None: all of them)."""
    if not paths:
        return None
    folders: set[str] = set()
    every = {"/".join(PurePosixPath(name).parts[:3]) for name in WorkingTree(root).files()}
    for path in paths:
        relative = _relative(root, path)
        if relative in ("", DATA_DIR):
            return None
        if path.is_dir():
            folders |= {folder for folder in every if f"{folder}/".startswith(f"{relative}/")}
        elif relative != SETTINGS_FILE:
            folders.add("/".join(PurePosixPath(relative).parts[:3]))
    return folders


def _relative(root: Path, path: Path) -> str:
    absolute = path.resolve() if not path.is_symlink() else path.parent.resolve() / path.name
    if not absolute.exists() and not path.is_symlink():
        raise UsageError(f"{path}: no such file or folder")
    try:
        relative = absolute.relative_to(root).as_posix()
    except ValueError as error:
        raise UsageError(f"{path} is outside the marketplace repository {root}") from error
    if relative not in ("", ".") and relative.split("/")[0] != DATA_DIR:
        raise UsageError(f"{path} is not under {DATA_DIR}/: only marketplace data is validated")
    return "" if relative == "." else relative


def _check_changes(base: Source, head: Reading, selected: set[str] | None) -> list[Problem]:
    """Rules on what a pull request may change, folder by folder against the base commit."""
    before = read(base, selected)
    problems = []
    for folder in sorted(set(before.opportunities) | set(head.opportunities)):
        old, new = before.opportunities.get(folder), head.opportunities.get(folder)
        if new is None and folder in head.present:
            continue  # still there but invalid: its own problems are already reported
        problems += lifecycle.check_change(old, new, f"{folder}/opportunity.yaml")
    return problems
