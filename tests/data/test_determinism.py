"""The same repository gives byte-identical files: across runs, across build times, through `devex export`;
only the last commit's time (`published`) appears inside the data, and only where it belongs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from open_data_support import build

from site_builder.export import assets
from site_builder.validate import load_marketplace

TIMESTAMPED = {"data/opportunities.json", "data/ocds.json"}


def test_two_runs_give_byte_identical_files(every):
    again = build(every.root)
    assert again.files == every.files
    assert {uri: page.markdown for uri, page in again.pages.items()} == {
        uri: page.markdown for uri, page in every.pages.items()
    }


def test_the_build_time_changes_no_data_file(small):
    later = replace(small.context, now=small.context.now + timedelta(days=400))
    files = {asset.path: asset.content for asset in assets(small.marketplace, later)}
    assert files == small.files


def test_published_appears_only_as_the_package_dates(small):
    later = replace(small.context, published=small.context.published + timedelta(hours=1))
    files = {asset.path: asset.content for asset in assets(small.marketplace, later)}
    changed = {path for path in files if files[path] != small.files[path]}
    assert changed == TIMESTAMPED
    before, after = json.loads(small.files["data/ocds.json"]), json.loads(files["data/ocds.json"])
    assert before["releases"] == after["releases"] and before["publishedDate"] != after["publishedDate"]
    before, after = json.loads(small.files["data/opportunities.json"]), json.loads(files["data/opportunities.json"])
    assert {k: v for k, v in before.items() if k != "published"} == {k: v for k, v in after.items() if k != "published"}


def test_json_is_written_canonically(every):
    """Compact (no whitespace), sorted keys, UTF-8 as is, one final newline: one spelling for one content,
    also where the long lists are written a batch at a time."""
    for path in ("data/opportunities.json", "data/ocds.json"):
        content = every.files[path]
        canonical = json.dumps(json.loads(content), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        assert content == (canonical + "\n").encode("utf-8")
        assert content.count(b"\n") == 1


def test_streamed_json_is_the_canonical_json_of_the_whole_document(small):
    """What ocds.assets and opportunities_json.asset write a process at a time is the canonical JSON of the
    whole document: what Python's json module writes of it with sorted keys and no whitespace."""
    for name in ("data/ocds.json", "data/opportunities.json"):
        written = small.files[name]
        canonical = json.dumps(json.loads(written), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        assert written == (canonical + "\n").encode("utf-8"), name


def devex(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).parent / "devex"), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env={**os.environ, "NO_COLOR": "1"})


def test_devex_export_writes_the_same_bytes_twice(small, tmp_path):
    for name in ("one", "two"):
        done = devex("export", "--out", str(tmp_path / name), "--published", "2026-11-24T12:30:00Z", cwd=small.root)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"wrote {len(small.files)} files to {tmp_path / name}"
    for path, content in small.files.items():
        assert (tmp_path / "one" / path).read_bytes() == content == (tmp_path / "two" / path).read_bytes()
    assert not list(tmp_path.rglob("*.tmp"))


def test_devex_export_takes_published_from_the_last_commit(small, tmp_path):
    repo = tmp_path / "repo"
    subprocess.run(["cp", "-r", str(small.root), str(repo)], check=True)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    environment = {
        **os.environ,
        "GIT_COMMITTER_DATE": "2026-11-24T12:30:00+00:00",
        "GIT_AUTHOR_DATE": "2026-11-24T12:30:00+00:00",
    }
    subprocess.run([*git, "commit", "-q", "-m", "data"], check=True, env=environment)
    done = devex("export", "--out", str(tmp_path / "out"), cwd=repo)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "data" / "ocds.json").read_bytes() == small.files["data/ocds.json"]


def test_devex_export_exit_codes(small, tmp_path):
    no_git = devex("export", "--out", str(tmp_path / "x"), cwd=small.root)
    assert no_git.returncode == 2 and "pass --published" in no_git.stderr
    bad_time = devex("export", "--out", str(tmp_path / "x"), "--now", "tomorrow", cwd=small.root)
    assert bad_time.returncode == 2 and "--now must be an ISO date-time" in bad_time.stderr
    assert devex("export", cwd=small.root).returncode == 2  # --out is required
    broken = tmp_path / "broken"
    subprocess.run(["cp", "-r", str(small.root), str(broken)], check=True)
    opportunity = broken / "opportunities" / "tbs" / "tbs-2026-002" / "opportunity.yaml"
    opportunity.write_text(opportunity.read_text("utf-8").replace("value: 2500", "value: -1"), encoding="utf-8")
    invalid = devex("export", "--out", str(tmp_path / "y"), "--published", "2026-11-24T12:30:00Z", cwd=broken)
    assert invalid.returncode == 1 and "opportunity.yaml:" in invalid.stderr and "Traceback" not in invalid.stderr
    assert not (tmp_path / "y").exists()


def test_an_unwritable_output_is_a_clear_error(small, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = devex("export", "--out", str(blocker), "--published", "2026-11-24T12:30:00Z", cwd=small.root)
    assert done.returncode == 1 and "cannot write" in done.stderr and "Traceback" not in done.stderr


def test_load_once_more_from_disk_gives_the_same(small):
    assert assets(load_marketplace(small.root), small.context) == assets(small.marketplace, small.context)
