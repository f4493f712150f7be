"""Reading the marketplace: which files belong where, each loaded strictly and checked against its schema, once.

Every later stage takes what this module returns (`Settings`, `Opportunity`), never a repository path to read
again. `read_settings` is the one door to `opportunities/marketplace.yaml`; `read` reads the settings and the
selected opportunity folders of one source (working tree, commit or draft).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from site_builder import archive, schemas, text_limits
from site_builder.errors import InvalidMarketplace, UsageError
from site_builder.model import DATA_DIR, SETTINGS_FILE, Document, Opportunity, Problem, Settings
from site_builder.sources import Source, WorkingTree, changed_files

FOLDER_FILES = {
    "opportunity.yaml": "opportunity",
    "award.yaml": "award",
    "bids.yaml": "bids",
    "evaluation.yaml": "evaluation",
    "selection.yaml": "selection",
    "corrections.yaml": "corrections",
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


def read_settings(root: Path) -> Settings:
    """The settings alone, checked as `read` checks them, or InvalidMarketplace naming the file and line: for
    the commands that need no opportunity (code owners, the issue form, intake, sync's repository name)."""
    source = WorkingTree(root)
    problems: list[Problem] = []
    settings = settings_of(source, SETTINGS_FILE in source.files(), problems)
    if settings is None or problems:
        raise InvalidMarketplace(problems)
    return settings


def settings_of(source: Source, present: bool, problems: list[Problem]) -> Settings | None:
    """marketplace.yaml of `source`, loaded strictly, schema-checked and within the text bounds; None (problems
    noted) when missing or not of its schema; a text over its bounds is noted and the settings still read."""
    if not present:
        problems.append(Problem(SETTINGS_FILE, 1, 1, "is missing: the marketplace needs its settings file"))
        return None
    document = checked_document(source, SETTINGS_FILE, "marketplace", problems)
    if document is None:
        return None
    problems += text_limits.check_document(document)
    return Settings(document.data)


def read(source: Source, selected: set[str] | None) -> Reading:
    """Load and schema-check the settings and the selected opportunity folders of one source."""
    reading = Reading()
    files = source.files()
    reading.settings = settings_of(source, SETTINGS_FILE in files, reading.problems)
    folders = _group(source, files, reading.problems)
    reading.problems += _duplicate_ids(folders)
    for folder, names in folders.items():
        if selected is None or folder in selected:
            reading.present.add(folder)
            opp = _read_folder(source, folder, names, reading.problems)
            if opp:
                reading.opportunities[folder] = opp
    return reading


def read_awards(source: Source, files: set[str], folders: set[str]) -> list[Opportunity]:
    """The opportunity.yaml and award.yaml of each folder of `folders` that has an award, schema-checked, and
    nothing else of them: what the rules across opportunities weigh (contract splitting). Their problems are not
    collected: each folder's own are reported when it is checked itself. `files` is the source's listing, which
    the caller has already made."""
    awarded = []
    for folder in sorted(folders):
        opportunity, award = f"{folder}/opportunity.yaml", f"{folder}/award.yaml"
        if opportunity not in files or award not in files:
            continue
        ignored: list[Problem] = []
        document = checked_document(source, opportunity, "opportunity", ignored)
        awarded_document = checked_document(source, award, "award", ignored)
        if document is not None and awarded_document is not None:
            awarded.append(Opportunity(folder, document, awarded_document))
    return awarded


def read_mentioning(source: Source, files: set[str], folders: set[str], needles: set[str]) -> list[Opportunity]:
    """The opportunity.yaml of each folder of `folders` whose text holds one of `needles` (an issue link, an id),
    schema-checked: a rule across opportunities that looks for a few of them reads those only, after a search
    of the bytes, not every file of the marketplace."""
    wanted = [needle.encode("utf-8") for needle in needles if needle]
    found = []
    for folder in sorted(folders):
        name = f"{folder}/opportunity.yaml"
        raw = source.raw(name) if name in files and wanted else b""
        if isinstance(raw, Problem) or not any(needle in raw for needle in wanted):
            continue
        document = checked_document(source, name, "opportunity", [])
        if document is not None:
            found.append(Opportunity(folder, document))
    return found


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
        parts = tuple(name.split("/"))  # the sources list plain relative paths: a split is PurePosixPath's parts
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
    read: dict[str, bytes] = {}
    if bodies or "bids.yaml" in documents:
        problems += archive.check(documents.get("bids.yaml"), bodies, folder, _keeping(source, read))
    return Opportunity(
        folder,
        documents["opportunity.yaml"],
        documents.get("award.yaml"),
        documents.get("bids.yaml"),
        documents.get("evaluation.yaml"),
        documents.get("selection.yaml"),
        documents.get("corrections.yaml"),
        {name: read[path] for name, path in bodies.items() if path in read},
    )


def _keeping(source: Source, kept: dict[str, bytes]) -> Callable[[str], bytes | Problem]:
    """`source.raw`, keeping each file's bytes in `kept` by its path: the archive's texts are read once, checked by
    `archive.check`, and handed on with the opportunity (the page publishes the applications after closing)."""

    def read(path: str) -> bytes | Problem:
        raw = source.raw(path)
        if isinstance(raw, bytes):
            kept[path] = raw
        return raw

    return read


# A change to any of these can change what every file means: it is checked against the whole marketplace.
RULE_PATHS = ("schema/", "site_builder/", "pyproject.toml", SETTINGS_FILE)


def changed_folders(root: Path, base: str) -> set[str] | None:
    """The opportunity folders a change against the commit `base` touches, or None when it reaches the rules
    themselves (the settings, the schemas, the code) or a file outside any folder: then everything is checked."""
    folders: set[str] = set()
    for name in changed_files(root, base):
        parts = PurePosixPath(name).parts
        if name.startswith(RULE_PATHS) or (parts[0] == DATA_DIR and len(parts) < 4):
            return None
        if parts[0] == DATA_DIR:
            folders.add("/".join(parts[:3]))
    return folders


def selected_folders(root: Path, paths: list[Path] | None) -> set[str] | None:
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
