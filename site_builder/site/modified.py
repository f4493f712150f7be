"""When each page's data last changed: the "Date modified" every Government of Canada page ends with.

One `git log` over the whole history, read once per build, gives every file and folder the date of the last
commit that changed it (the first time it appears, newest first), in the marketplace's time zone. A page then
looks up its source: an opportunity's folder, a guide's Markdown file, the `opportunities/` tree for listings
and statistics, `schema/` for the file format reference. A file not committed yet has no date: the page shows
the build's own date, which is when its text was last read. So does one whose last change is beyond the history a
shallow clone holds (`_boundary`): the pages workflow checks out the whole history."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

FIELD = "\x1f"  # starts a commit's line in the log: the committer time follows it


class Modified:
    """The last-change date of every path the history knows, relative to the repository's top folder."""

    def __init__(self, top: Path | None, dates: dict[str, date], fallback: date) -> None:
        self.top, self.dates, self.fallback = top, dates, fallback

    @classmethod
    def read(cls, root: Path, time_zone: str, fallback: datetime) -> Modified:
        """The history of the repository holding `root` (none without git: every page shows `fallback`)."""
        zone = ZoneInfo(time_zone)
        top = _top_folder(root)
        if top is None:
            return cls(None, {}, fallback.astimezone(zone).date())
        try:
            log = subprocess.run(
                ["git", "-C", str(top), "log", f"--format={FIELD}%ct %H", "--name-only", "--no-renames"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        except (OSError, subprocess.CalledProcessError):
            log = ""
        return cls(top, _dates(log, zone, _boundary(top)), fallback.astimezone(zone).date())

    def of(self, path: Path) -> str:
        """`YYYY-MM-DD` of the last commit that changed `path` (a file or a folder), else the fallback date."""
        if self.top is not None:
            try:
                relative = path.resolve().relative_to(self.top).as_posix()
            except ValueError:
                relative = None
            if relative is not None and relative in self.dates:
                return self.dates[relative].isoformat()
        return self.fallback.isoformat()


def _top_folder(root: Path) -> Path | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return Path(done.stdout.strip()).resolve()


def _boundary(top: Path) -> frozenset[str]:
    """The commits a shallow clone's history stops at (none in a whole clone). Git shows each as adding every file
    of its tree, so they date nothing: a page whose data last changed before them shows the fallback date."""
    try:
        done = subprocess.run(
            ["git", "-C", str(top), "rev-parse", "--git-path", "shallow"], capture_output=True, text=True, check=True
        )
        shallow = Path(done.stdout.strip())
        return frozenset((shallow if shallow.is_absolute() else top / shallow).read_text("ascii").split())
    except (OSError, subprocess.CalledProcessError):
        return frozenset()


def _dates(log: str, zone: ZoneInfo, boundary: frozenset[str] = frozenset()) -> dict[str, date]:
    """Each path's newest commit date, and each folder's: the newest date of anything under it. A line of the log
    starting with FIELD is a commit's time, then its hash; the commits of `boundary` date nothing."""
    dates: dict[str, date] = {}
    day: date | None = None
    for line in log.splitlines():
        if line.startswith(FIELD):
            seconds, _, commit = line[1:].partition(" ")
            known = commit not in boundary
            day = datetime.fromtimestamp(int(seconds), UTC).astimezone(zone).date() if known else None
        elif line and day is not None:
            path = line
            while path and path not in dates:  # an ancestor already dated was dated by a newer commit
                dates[path] = day
                path = path.rpartition("/")[0]
    return dates
