"""The `devex` command's contract: exit codes, output formats, usage errors and `devex new`.

Most cases call `main()` in-process (fast); a few run the real command in a subprocess, as CI does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.load import load_file
from site_builder.model import Problem
from site_builder.report import as_github, as_json, as_text
from site_builder.scaffold import DRAFT_RULES
from site_builder.validate import validate

OPEN = "opportunities/esdc/esdc-2026-001/opportunity.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def break_open_opportunity(root: Path) -> None:
    """Two problems in one file: a value over the threshold (line 17) and an unknown skill (line 16)."""
    path = root / OPEN
    text = path.read_text("utf-8").replace("value: 4500", "value: 12000")
    path.write_text(text.replace("[javascript, accessibility]", "[javascript, cobol]"), "utf-8")


SKILLS = (
    "(listed: accessibility, data, devops, documentation, java, javascript, python, security, testing, translation, "
    "typescript, ux)"
)
TEXT_REPORT = (
    f"{OPEN}:16:22: skill `cobol` is not in the marketplace's list of skills {SKILLS}: use a listed code or add it "
    "to opportunities/marketplace.yaml\n"
    f"{OPEN}:17:8: `value` 12000 is over the marketplace threshold of 10000 CAD: reduce the scope or use another "
    "procurement route\n"
    "2 problem(s) in 1 file(s).\n"
)
GITHUB_REPORT = (
    f"::error file={OPEN},line=16,col=22,title=devex validate::skill `cobol` is not in the marketplace's list of "
    f"skills {SKILLS}: use a listed code or add it to opportunities/marketplace.yaml\n"
    f"::error file={OPEN},line=17,col=8,title=devex validate::`value` 12000 is over the marketplace threshold of "
    "10000 CAD: reduce the scope or use another procurement route\n"
    "2 problem(s) in 1 file(s).\n"
)


@pytest.fixture
def inside(market: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work from the marketplace's root folder, as a buyer does."""
    monkeypatch.chdir(market)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return market


# ----------------------------------------------------------------------------------------- exit codes


def test_valid_marketplace_exits_0(inside: Path, capsys) -> None:
    assert run(capsys, "validate") == (0, "All marketplace files are valid.\n", "")


def test_a_clean_report_names_what_was_checked(inside: Path, capsys) -> None:
    """Given paths, the report says those were checked, not the whole marketplace (issue 24)."""
    folder = "opportunities/esdc/esdc-2026-001"
    assert run(capsys, "validate", folder) == (0, f"{folder} is valid.\n", "")
    assert run(capsys, "validate", OPEN) == (0, f"{OPEN} is valid.\n", "")
    assert run(capsys, "validate", folder, "opportunities/esdc") == (0, "The 2 folders given are valid.\n", "")
    assert run(capsys, "validate", folder, OPEN) == (0, "The 2 paths given are valid.\n", "")
    assert run(capsys, "validate", "--format", "github", folder) == (0, f"{folder} is valid.\n", "")
    assert run(capsys, "lint", folder) == (0, f"{folder} is valid.\n", "")
    # JSON's shape is a contract: `valid` says it, whatever was checked
    assert run(capsys, "validate", "--format", "json", folder) == (0, as_json([]), "")


def test_invalid_marketplace_exits_1_with_text_report(inside: Path, capsys) -> None:
    break_open_opportunity(inside)
    assert run(capsys, "validate") == (1, TEXT_REPORT, "")
    assert run(capsys, "validate", "--format", "text") == (1, TEXT_REPORT, "")


def test_github_format(inside: Path, capsys) -> None:
    break_open_opportunity(inside)
    assert run(capsys, "validate", "--format", "github") == (1, GITHUB_REPORT, "")


def test_json_format(inside: Path, capsys) -> None:
    break_open_opportunity(inside)
    code, out, _ = run(capsys, "validate", "--format", "json")
    assert code == 1
    assert json.loads(out) == {
        "valid": False,
        "problems": [
            {
                "file": OPEN,
                "line": 16,
                "col": 22,
                "path": "skills[1]",
                "rule": "invalid",
                "message": f"skill `cobol` is not in the marketplace's list of skills {SKILLS}: use a listed code or "
                "add it to opportunities/marketplace.yaml",
            },
            {
                "file": OPEN,
                "line": 17,
                "col": 8,
                "path": "value",
                "rule": "invalid",
                "message": "`value` 12000 is over the marketplace threshold of 10000 CAD: reduce the scope or use "
                "another procurement route",
            },
        ],
    }
    assert (
        run(capsys, "validate", "--format", "json", "opportunities/ssc")[1]
        == '{\n  "valid": true,\n  "problems": []\n}\n'
    )


def test_paths_limit_the_report(inside: Path, capsys) -> None:
    break_open_opportunity(inside)
    assert run(capsys, "validate", "opportunities/tbs", "opportunities/ssc/ssc-2026-001/award.yaml")[0] == 0
    assert run(capsys, "validate", "opportunities/esdc")[0] == 1
    assert run(capsys, "validate", OPEN) == (1, TEXT_REPORT, "")
    assert run(capsys, "validate", "opportunities")[0] == 1


def test_root_flag_works_from_anywhere(market: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert run(capsys, "validate", "--root", str(market))[0] == 0


# ------------------------------------------------------------------------------------------ usage errors


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ((), "devex: the following arguments are required: COMMAND: see `devex --help`\n"),
        (("validate", "--nope"), "devex: unrecognized arguments: --nope: see `devex --help`\n"),
        (
            ("validate", "--format", "xml"),
            "devex: validate: argument --format: invalid choice: 'xml' (choose from 'github', 'json', 'text'): "
            "see `devex validate --help`\n",
        ),
        (
            ("validate", "--base"),
            "devex: validate: argument --base: expected one argument: see `devex validate --help`\n",
        ),
        (("validate", "nope.yaml"), "devex: nope.yaml: no such file or folder\n"),
        (
            ("validate", "README.md"),
            "devex: README.md is not under opportunities/: only marketplace data is validated\n",
        ),
    ],
)
def test_usage_errors_exit_2(inside: Path, capsys, argv: tuple[str, ...], message: str) -> None:
    (inside / "README.md").write_text("# marketplace\n", "utf-8")
    assert run(capsys, *argv) == (2, "", message)


def test_unknown_command_exits_2(inside: Path, capsys) -> None:
    code, out, err = run(capsys, "frobnicate")
    assert (code, out) == (2, "")
    assert err.startswith("devex: argument COMMAND: invalid choice: 'frobnicate' (choose from ")
    assert "'validate'" in err and "'new'" in err and err.endswith("see `devex --help`\n")


def test_path_outside_the_repository_exits_2(inside: Path, tmp_path: Path, capsys) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("a: 1\n", "utf-8")
    assert run(capsys, "validate", str(outside)) == (
        2,
        "",
        f"devex: {outside} is outside the marketplace repository {inside}\n",
    )


def test_not_inside_a_marketplace_exits_2(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "validate") == (
        2,
        "",
        f"devex: no opportunities/marketplace.yaml found in {tmp_path.resolve()} or above: "
        "run this inside the marketplace repository\n",
    )


# ------------------------------------------------------------------------------------------ reporters


TRICKY = Problem("opportunities/a,b/c:d%e.yaml", 3, 7, "50% done: first line\nsecond, line\r")


def test_github_escapes_workflow_command_properties_and_data() -> None:
    assert as_github([TRICKY]) == (
        "::error file=opportunities/a%2Cb/c%3Ad%25e.yaml,line=3,col=7,title=devex validate::"
        "50%25 done: first line%0Asecond, line%0D\n"
        "1 problem(s) in 1 file(s).\n"
    )


def test_github_with_no_problem_prints_only_the_summary() -> None:
    assert as_github([]) == "All marketplace files are valid.\n"


def test_text_and_json_keep_text_as_written() -> None:
    assert as_text([TRICKY]) == (
        "opportunities/a,b/c:d%e.yaml:3:7: 50% done: first line\nsecond, line\r\n1 problem(s) in 1 file(s).\n"
    )
    assert json.loads(as_json([TRICKY]))["problems"][0]["message"] == TRICKY.message
    assert as_json([]) == '{\n  "valid": true,\n  "problems": []\n}\n'


def test_text_counts_files_not_problems() -> None:
    problems = [Problem("a.yaml", 1, 1, "x"), Problem("a.yaml", 2, 1, "y"), Problem("b.yaml", 1, 1, "z")]
    assert as_text(problems).endswith("\n3 problem(s) in 2 file(s).\n")


# ------------------------------------------------------------------------------- the real command, in CI


def test_subprocess_valid_and_invalid(market: Path, fdn) -> None:
    done = fdn.devex("validate", cwd=market)
    assert (done.returncode, done.stdout, done.stderr) == (0, "All marketplace files are valid.\n", "")
    break_open_opportunity(market)
    done = fdn.devex("validate", cwd=market)
    assert (done.returncode, done.stdout, done.stderr) == (1, TEXT_REPORT, "")


def test_subprocess_github_actions_makes_github_the_default(market: Path, fdn) -> None:
    break_open_opportunity(market)
    done = fdn.devex("validate", cwd=market, env={"GITHUB_ACTIONS": "true"})
    assert (done.returncode, done.stdout) == (1, GITHUB_REPORT)
    assert fdn.devex("validate", "--format", "text", cwd=market, env={"GITHUB_ACTIONS": "true"}).stdout == TEXT_REPORT
    assert fdn.devex("validate", cwd=market, env={"GITHUB_ACTIONS": "false"}).stdout == TEXT_REPORT


def test_subprocess_usage_error_has_no_traceback(tmp_path: Path, fdn) -> None:
    done = fdn.devex("validate", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("devex: no opportunities/marketplace.yaml found in ")


def test_console_script_is_installed(market: Path, fdn) -> None:
    script = fdn.repo / ".venv" / "bin" / "devex"
    if not script.exists():
        pytest.fail("no `devex` console script in .venv: run `scripts/setup` (it installs the project)", pytrace=False)
    done = subprocess.run([str(script), "validate"], cwd=market, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (0, "All marketplace files are valid.\n")
    assert os.access(script, os.X_OK)


def test_a_command_imports_only_its_own_module(market: Path, fdn) -> None:
    """`devex validate` runs under every pull request check: it must not pay for the site's libraries (MkDocs,
    Jinja2, Babel, icalendar), which the other commands import; `--help` still lists every command."""
    probe = (
        "import sys\n"
        "from site_builder.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "heavy = sorted(n for n in ('mkdocs', 'jinja2', 'babel', 'icalendar', 'github') if n in sys.modules)\n"
        "commands = sorted(n[17:] for n in sys.modules if n.startswith('site_builder.cli.') and '._' not in n)\n"
        "print(code, heavy, commands)\n"
    )

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        args = [sys.executable, "-c", probe, *argv]
        return subprocess.run(args, cwd=market, capture_output=True, text=True, timeout=120, check=False)

    done = run("validate")
    assert done.stdout.splitlines()[-1] == "0 [] ['validate']", done.stderr
    done = run("intake-review")
    assert done.stdout.splitlines()[-1].endswith("['intake_review']"), done.stderr
    listing = fdn.devex("--help", cwd=market).stdout
    assert all(command in listing for command in ("applicants", "build", "validate", "verify", "intake-review"))


def test_help_and_version_exit_0(tmp_path: Path, fdn) -> None:
    assert fdn.devex("--help", cwd=tmp_path).returncode == 0
    version = fdn.devex("--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("devex ")


# ------------------------------------------------------------------------------------------- devex new


NEW_FLAGS = [
    "--title-en", "Add a dark theme",
    "--title-fr", "Ajouter un thème sombre",
    "--repository", "https://github.com/esdc-edsc/benefits-estimator",
    "--closing", "2026-12-10T14:00:00-05:00",
    "--start", "2026-12-14",
    "--delivery", "2026-12-21",
    "--contact-name", "Marie Tremblay",
    "--contact-email", "marie.tremblay@example.gc.ca",
    "--project", "Benefits estimator",
    "--posted", "2026-11-21",
]  # fmt: skip


def new(capsys, *extra: str, department: str = "esdc", value: str = "2500", skills: str = "javascript,ux"):
    return run(capsys, "new", "--department", department, "--value", value, "--skills", skills, *NEW_FLAGS, *extra)


def folders(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in (root / "opportunities").rglob("*") if path.is_dir()}


def test_new_creates_a_valid_opportunity_with_the_next_free_id(inside: Path, capsys) -> None:
    code, out, err = new(capsys)
    created = "opportunities/esdc/esdc-2026-002/opportunity.yaml"
    assert (code, err) == (0, "")
    assert out == (
        f"Created {created}: fill in the description, teaser and criteria, run `devex lint "
        "opportunities/esdc/esdc-2026-002` until it reports no error, then open a pull request.\n"
    )
    text = (inside / created).read_text("utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../../schema/opportunity.schema.json\nid: esdc-2026-002\n"
    )
    # a fresh scaffold is valid but for what the buyer has yet to write: it cannot be merged as it is
    assert {problem.rule for problem in validate(inside)} == {"placeholder", "teaser-is-title"}
    data = load_file(inside / created).data
    assert data["value"] == 2500 and isinstance(data["value"], int)
    assert data["skills"] == ["javascript", "ux"]
    assert data["title"] == {"en": "Add a dark theme", "fr": "Ajouter un thème sombre"}
    assert data["status"] == "open" and "discussion" not in data
    assert data["posted"] == "2026-11-21"
    # and the next one after that
    assert new(capsys)[0] == 0
    assert (inside / "opportunities/esdc/esdc-2026-003/opportunity.yaml").exists()


def test_new_counts_ids_in_every_department(inside: Path, capsys) -> None:
    """Ids are global: a tbs-2026-005 folder in any department is taken."""
    (inside / "opportunities/esdc/tbs-2026-005").mkdir()
    code, out, _ = new(capsys, department="tbs", skills="python")
    assert code == 0
    assert "opportunities/tbs/tbs-2026-006/opportunity.yaml" in out


def test_new_with_decimal_value_keeps_cents(inside: Path, capsys) -> None:
    assert new(capsys, value="2500.50")[0] == 0
    assert "value: 2500.5\n" in (inside / "opportunities/esdc/esdc-2026-002/opportunity.yaml").read_text("utf-8")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"value": "12000"},
            "opportunities/esdc/esdc-2026-002/opportunity.yaml:17:8: `value` 12000 is over the marketplace threshold "
            "of 10000 CAD: reduce the scope or use another procurement route",
        ),
        (
            {"skills": "javascript,cobol"},
            "opportunities/esdc/esdc-2026-002/opportunity.yaml:16:3: skill `cobol` is not in the marketplace's list "
            f"of skills {SKILLS}: use a listed code or add it to opportunities/marketplace.yaml",
        ),
        (
            {"department": "dnd"},
            "opportunities/dnd/dnd-2026-001/opportunity.yaml:4:13: `department` dnd is not registered in "
            "opportunities/marketplace.yaml: registered: esdc, ssc, tbs",
        ),
    ],
)
def test_new_invalid_result_exits_1_and_leaves_nothing(inside: Path, capsys, options: dict, message: str) -> None:
    before = folders(inside)
    code, out, err = new(capsys, **options)
    assert (code, out) == (1, "")
    assert err == f"{message}\n1 problem(s) in 1 file(s).\n"
    assert folders(inside) == before


def test_new_bad_dates_are_reported_with_lines(inside: Path, capsys) -> None:
    before = folders(inside)
    code, _, err = new(capsys, "--closing", "2026-12-10 14:00")
    assert code == 1
    assert err.startswith("opportunities/esdc/esdc-2026-002/opportunity.yaml:23:10: `closing` has the wrong form")
    assert folders(inside) == before


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"value": "lots"}, "devex: new: --value must be a number of dollars, such as 8500, not 'lots'\n"),
        ({"value": "nan"}, "devex: new: --value must be a number of dollars, such as 8500, not 'nan'\n"),
        ({"value": "1e400"}, "devex: new: --value must be a number of dollars, such as 8500, not '1e400'\n"),
        (
            {"department": "../../outside"},
            "devex: new: '../../outside' is not a department code: use its short lower-case code, such as esdc\n",
        ),
    ],
)
def test_new_usage_errors_exit_2_and_leave_nothing(inside: Path, capsys, options: dict, message: str) -> None:
    before = folders(inside)
    assert new(capsys, **options) == (2, "", message)
    assert folders(inside) == before
    assert not (inside.parent / "outside").exists()


def test_new_bad_posted_date_is_a_usage_error(inside: Path, capsys) -> None:
    assert new(capsys, "--posted", "someday") == (
        2,
        "",
        "devex: new: --posted must be a date as YYYY-MM-DD, not 'someday'\n",
    )


def test_new_refuses_text_that_would_not_read_back(inside: Path, capsys) -> None:
    """A bidirectional control character in a title cannot be written safely: a clean refusal, no traceback."""
    before = folders(inside)
    code, out, err = new(capsys, "--title-en", "Fix \u202eit")
    assert (code, out) == (1, "")
    assert err.startswith("devex: refusing to write ")
    assert "contains an invisible bidirectional control character (U+202E): delete it" in err
    assert folders(inside) == before


def test_new_without_flags_and_without_terminal_exits_2(market: Path, fdn) -> None:
    done = fdn.devex("new", "--department", "esdc", cwd=market)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "devex: new: missing --title-en, --title-fr, --value, --repository, --closing, --start, --delivery, "
        "--contact-name, --contact-email, --project, --skills (or run it in a terminal to be asked)\n"
    )
    assert folders(market) == folders(fdn.base)


def test_new_subprocess_with_all_flags(market: Path, fdn) -> None:
    done = fdn.devex("new", "--department", "ssc", "--value", "900", "--skills", "python", *NEW_FLAGS, cwd=market)
    assert (done.returncode, done.stderr) == (0, "")
    assert (market / "opportunities/ssc/ssc-2026-002/opportunity.yaml").is_file()
    checked = fdn.devex("validate", cwd=market)
    assert checked.returncode == 1  # the placeholders and the copied teaser are left for the buyer to write
    assert "still holds the placeholder 'TODO:': write the real text" in checked.stdout


def renumber(market: Path, number: str) -> None:
    """Give the base's esdc-2026-001 another number, folder and id alike."""
    old = market / "opportunities/esdc/esdc-2026-001"
    new = old.with_name(f"esdc-2026-{number}")
    old.rename(new)
    text = (new / "opportunity.yaml").read_text("utf-8")
    (new / "opportunity.yaml").write_text(text.replace("id: esdc-2026-001", f"id: esdc-2026-{number}"), "utf-8")


def test_the_thousandth_id_of_a_year_follows_999(market: Path, fdn) -> None:
    renumber(market, "999")
    done = fdn.devex("new", "--department", "esdc", "--value", "900", "--skills", "python", *NEW_FLAGS, cwd=market)
    assert (done.returncode, done.stderr) == (0, "")
    written = market / "opportunities/esdc/esdc-2026-1000/opportunity.yaml"
    assert "id: esdc-2026-1000\n" in written.read_text("utf-8")
    left = {problem.rule for problem in validate(market)}
    assert left <= DRAFT_RULES, "only what the buyer has yet to write, nothing about the id"


@pytest.mark.parametrize("number", ["0999", "01000", "99"])
def test_an_id_number_is_written_with_three_digits_or_more_and_no_extra_zero(market: Path, fdn, number: str) -> None:
    renumber(market, number)
    done = fdn.devex("validate", cwd=market)
    assert done.returncode == 1
    assert f"opportunities/esdc/esdc-2026-{number}/opportunity.yaml:2:5: " in done.stdout


def test_new_refuses_a_placeholder_typed_in_an_answer(inside: Path, capsys) -> None:
    """The scaffold's own placeholder (the description) is left for the buyer; one the buyer typed is refused."""
    before = folders(inside)
    code, out, err = new(capsys, "--title-en", "TBD")
    assert (code, out) == (1, "")
    assert err == (
        "opportunities/esdc/esdc-2026-002/opportunity.yaml:6:7: `title.en` still holds the placeholder 'TBD': "
        "write the real text\n1 problem(s) in 1 file(s).\n"
    )
    assert folders(inside) == before


def test_new_posts_on_the_day_of_now_in_the_marketplace_zone(inside: Path, capsys) -> None:
    """With `--now` and no `--posted`, the posting day is the clock's day in the marketplace's time zone."""
    assert NEW_FLAGS[-2] == "--posted"
    code = main(
        [
            "new",
            "--department",
            "esdc",
            "--value",
            "900",
            "--skills",
            "ux",
            *NEW_FLAGS[:-2],
            "--now",
            "2026-11-24T03:30:00Z",
        ]
    )
    assert code == 0
    data = load_file(inside / "opportunities/esdc/esdc-2026-002/opportunity.yaml").data
    assert data["posted"] == "2026-11-23"  # 22:30 in Toronto
