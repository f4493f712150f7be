"""`devex build` on real marketplaces: what `make site` produces, what a bad marketplace stops, and the shape
of the built site (languages, navigation, statuses at the build's clock, sizes)."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from site_builder import lifecycle, schemas
from site_builder.clock import closing_time
from site_builder.pages import BuildContext, Page, SearchDocument
from site_builder.render import site
from site_builder.render.navigation import GUIDES
from site_builder.validate import load_marketplace

OPEN_ID = "esdc-2026-001"  # open in the sample, closing 2026-12-04T14:00:00-05:00


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def url_path(site_dir: Path, file: Path) -> str:
    relative = file.relative_to(site_dir).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


class Links(HTMLParser):
    """Collects the main menu's links (overrides/partials/gc-header.html) and the language toggle of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.nav_links: list[str] = []
        self.toggle: dict[str, str] = {}
        self.html_lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.html_lang = values.get("lang", "")
        if tag == "nav" and "gc-menu" in values.get("class", "").split():
            self.depth = 1
        if self.depth and tag == "a":
            self.nav_links.append(values.get("href", ""))
        if tag == "a" and "devex-language__link" in values.get("class", ""):
            self.toggle = values

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "nav":
            self.depth = 0


def parse(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


def test_make_site_builds_the_sample_in_both_languages(sample_site, repo_root: Path) -> None:
    marketplace = load_marketplace(repo_root)
    for opp in marketplace.opportunities:
        for prefix in ("", "fr/"):
            assert (sample_site.site / f"{prefix}opportunities/{opp.id}/index.html").is_file()
    for page in (
        "",
        "archive/",
        "departments/",
        "skills/",
        "guides/buyers/",
        "guides/suppliers/",
        "guides/terms/",
        "guides/selection/",
    ):
        assert (sample_site.site / page / "index.html").is_file(), page
        assert (sample_site.site / "fr" / page / "index.html").is_file(), page
    assert not (sample_site.site / "dev").exists(), "docs/dev/ is developer documentation, not part of the site"
    tracked = subprocess.run(["git", "ls-files", "docs"], cwd=repo_root, capture_output=True, text=True).stdout
    assert "opportunities/" not in tracked, "generated Markdown must not be committed"


def test_every_page_has_its_language_and_a_toggle_to_the_same_page(sample_site) -> None:
    pages = html_pages(sample_site.site)
    assert len(pages) > 60
    for file in pages:
        path = url_path(sample_site.site, file)
        links = parse(file.read_text("utf-8"))
        french = path.startswith("fr/")
        assert links.html_lang == ("fr" if french else "en"), path
        if path == "404.html":
            continue
        other = path[3:] if french else "fr/" + path
        assert (sample_site.site / other / "index.html").is_file(), f"{path} has no {other}"
        target = (file.parent / links.toggle["href"]).resolve()
        assert target == (sample_site.site / other).resolve(), path
        assert links.toggle["hreflang"] == ("en" if french else "fr")


def test_the_menu_is_one_shape_and_never_lists_an_opportunity(sample_site) -> None:
    """The main menu names the listings, statistics, open data and guides: the same entries on every page of a
    language (the 404 page has the English menu), never an opportunity, so no page grows with the marketplace."""
    shapes: dict[str, set[tuple[str, ...]]] = {"en": set(), "fr": set()}
    for file in html_pages(sample_site.site):
        links = parse(file.read_text("utf-8"))
        assert not any("opportunities/" in href for href in links.nav_links), file
        path = url_path(sample_site.site, file)
        base = "../" * path.count("/")
        hrefs = [href if path == "404.html" else href.removeprefix(base).removeprefix("./") for href in links.nav_links]
        shapes["fr" if path.startswith("fr/") else "en"].add(tuple(hrefs))
    for lang, found in shapes.items():
        assert len(found) <= 2, (lang, found)  # the 404 page's addresses start from the site's path
        assert any(len(shape) == 7 for shape in found), found
        assert all(len(shape) == 7 for shape in found), found


def test_statistics_and_open_data_pages_are_linked_when_they_exist(sample_site) -> None:
    for prefix in ("", "fr/"):
        for path in (prefix, f"{prefix}guides/buyers/"):
            links = parse(sample_site.html(path))
            for page in ("statistics", "data"):
                if (sample_site.site / prefix / page / "index.html").is_file():
                    assert any(href.rstrip("/").endswith(page) for href in links.nav_links), (path, page)


def test_the_status_shown_is_the_one_at_build_time(repo_root: Path, tools, tmp_path: Path) -> None:
    closing = "2026-12-04T14:00:00-05:00"
    before = tools.build(repo_root, tmp_path / "before", when="2026-12-04T13:59:59-05:00")
    after = tools.build(repo_root, tmp_path / "after", when=closing)
    assert before.returncode == 0 and after.returncode == 0, after.stderr
    assert 'devex-badge--open">Open<' in before.html(f"opportunities/{OPEN_ID}/")
    assert 'devex-badge--closed">Closed<' in after.html(f"opportunities/{OPEN_ID}/")
    assert 'devex-badge--closed">Fermée<' in after.html(f"fr/opportunities/{OPEN_ID}/")
    assert "1 hour left" in before.html("")


def test_open_opportunities_come_first_closing_soonest_first(sample_site, repo_root: Path, tools) -> None:
    marketplace = load_marketplace(repo_root)
    home = sample_site.html("")
    order = re.findall(r'<h2 class="devex-card__title"><a href="opportunities/([a-z0-9-]+)/"', home)
    assert sorted(order) == sorted(opp.id for opp in marketplace.opportunities)
    by_id = marketplace.by_id()
    statuses = [lifecycle.effective_status(by_id[i].data, tools.now()) for i in order]
    open_count = statuses.count("open")
    assert open_count >= 1 and statuses[:open_count] == ["open"] * open_count
    closings = [closing_time(by_id[i].data) for i in order[:open_count]]
    assert closings == sorted(closings)


def test_a_broken_opportunity_is_set_aside_and_the_others_published(repo_root: Path, tools, tmp_path: Path) -> None:
    """Issue 21: one opportunity's trouble stays its own. The site is written without it, the build names it
    with file and line and exits 3, so the pages workflow deploys the others and then fails loudly."""
    root = tools.copy_marketplace(repo_root, tmp_path / "market")
    target = root / "opportunities/esdc" / OPEN_ID / "opportunity.yaml"
    text = target.read_text("utf-8")
    line = text.splitlines().index("value: 4500") + 1
    target.write_text(text.replace("value: 4500", "value: 45000"), "utf-8")
    built = tools.build(repo_root, tmp_path / "site", root=root)
    assert built.returncode == 3, built.stderr
    assert f"opportunities/esdc/{OPEN_ID}/opportunity.yaml:{line}:8: `value` 45000 is over" in built.stderr
    assert f"without 1 opportunity folder(s) whose files do not validate: opportunities/esdc/{OPEN_ID}" in built.stderr
    assert "Traceback" not in built.stderr
    pages = {path.parent.name for path in (tmp_path / "site").glob("opportunities/*/index.html")}
    assert OPEN_ID not in pages and len(pages) >= 5


def test_invalid_settings_still_fail_the_build(repo_root: Path, tools, tmp_path: Path) -> None:
    root = tools.copy_marketplace(repo_root, tmp_path / "market")
    settings = root / "opportunities" / "marketplace.yaml"
    settings.write_text(settings.read_text("utf-8").replace("threshold: 10000", "threshold: lots"), "utf-8")
    built = tools.build(repo_root, tmp_path / "site", root=root)
    assert built.returncode == 1
    assert "opportunities/marketplace.yaml:" in built.stderr and "Traceback" not in built.stderr


def test_a_blank_french_text_sets_the_opportunity_aside_with_file_and_line(
    repo_root: Path, tools, tmp_path: Path
) -> None:
    root = tools.copy_marketplace(repo_root, tmp_path / "market")
    target = root / "opportunities/esdc" / OPEN_ID / "opportunity.yaml"
    data_lines = target.read_text("utf-8").splitlines()
    index = next(i for i, line in enumerate(data_lines) if line.startswith("  fr: Les utilisateurs du clavier"))
    data_lines[index] = '  fr: " "'
    target.write_text("\n".join(data_lines) + "\n", "utf-8")
    built = tools.build(repo_root, tmp_path / "site", root=root)
    assert built.returncode == 3
    expected = (
        f"opportunities/esdc/{OPEN_ID}/opportunity.yaml:{index + 1}:7: "
        '`teaser.fr` has the wrong form: " ": write the French text: it cannot be blank'
    )
    assert expected in built.stderr
    assert "Traceback" not in built.stderr


def test_a_wrong_clock_is_a_clear_error(repo_root: Path, tools, tmp_path: Path) -> None:
    built = tools.build(repo_root, tmp_path / "site", when="next tuesday")
    assert built.returncode == 1
    assert "DEVEX_NOW must be an ISO date-time such as 2026-12-04T14:00:00-05:00, not 'next tuesday'" in built.stderr
    naive = tools.build(repo_root, tmp_path / "site2", when="2026-11-25T12:00:00")
    assert naive.returncode == 1 and "needs a UTC offset" in naive.stderr


def test_search_indexes_every_opportunity_once_per_language_and_nothing_else(sample_site, repo_root: Path) -> None:
    """Pagefind (site_builder/search_index.py) indexes each opportunity's search document, split by <html lang>:
    every opportunity and every guide once in each language's index, never a listing; the documents' folder is
    gone after."""
    entry = json.loads((sample_site.site / "pagefind/pagefind-entry.json").read_text("utf-8"))
    opportunities = load_marketplace(repo_root).opportunities
    assert {lang: index["page_count"] for lang, index in entry["languages"].items()} == {
        "en": len(opportunities) + len(GUIDES),
        "fr": len(opportunities) + len(GUIDES),
    }
    assert [path.name for path in sample_site.site.iterdir() if path.name.startswith(".")] == []
    assert not (sample_site.site / "search/search_index.json").exists()  # Material's search and its index are gone


def test_a_search_document_holds_what_suppliers_search_by_and_nothing_else(repo_root: Path, tools) -> None:
    """Title, teaser, department, skills, project, identifier, description and both criteria lists, in the
    page's language, for the page's address; not the contact, the dates or the award."""
    sample = load_marketplace(repo_root)
    context = BuildContext(tools.now(), tools.now(), sample.settings.site_url)
    made = site(sample, context, schemas.schema_documents())
    documents = {item.src_uri: item for item in made if isinstance(item, SearchDocument)}
    pages = {item.src_uri for item in made if isinstance(item, Page)}
    expected = {f"{prefix}opportunities/{opp.id}.md" for opp in sample.opportunities for prefix in ("", "fr/")}
    assert set(documents) == expected
    assert set(documents) <= pages
    for opp in sample.opportunities:
        for lang, prefix in (("en", ""), ("fr", "fr/")):
            document = documents[f"{prefix}opportunities/{opp.id}.md"]
            assert document.lang == lang and f'<html lang="{lang}">' in document.html
            text = html.unescape(re.sub(r"<[^>]+>", " ", document.html))
            words = " ".join(text.split())
            for field in ("title", "teaser"):
                assert " ".join(opp.data[field][lang].split()) in words
            for field in ("acceptance_criteria", "evaluation_criteria"):
                for item in opp.data[field][lang]:
                    assert " ".join(re.sub(r"[`*_]", "", item).split()) in words, item
            assert opp.data["project"]["name"] in words and opp.id in words
            assert sample.settings.departments[opp.department]["name"][lang] in words
            for skill in opp.data["skills"]:
                assert sample.settings.skills[skill][lang] in words
            assert opp.data["contact"]["email"] not in words
            assert opp.data["contact"]["name"] not in words
            if opp.award:
                assert opp.award["supplier"]["name"] not in words


def test_the_filters_index_lists_every_opportunity_with_its_status_at_build_time(
    sample_site, repo_root: Path, tools
) -> None:
    marketplace = load_marketplace(repo_root)
    for lang in ("en", "fr"):
        rows = json.loads((sample_site.site / f"assets/devex/opportunities.{lang}.json").read_text("utf-8"))
        assert {row["id"] for row in rows} == {opp.id for opp in marketplace.opportunities}
        for row in rows:
            opp = marketplace.by_id()[row["id"]]
            assert row["status"] == lifecycle.effective_status(opp.data, tools.now())
            assert (sample_site.site / row["url"] / "index.html").is_file()


def test_opportunity_pages_stay_under_40_kilobytes(sample_site) -> None:
    for file in (sample_site.site / "opportunities").rglob("index.html"):
        assert file.stat().st_size < 40 * 1024, file
    for file in (sample_site.site / "fr/opportunities").rglob("index.html"):
        assert file.stat().st_size < 40 * 1024, file


def _normalized(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def test_mkdocs_markdown_would_render_every_generated_page_to_the_same_html(repo_root: Path, tools) -> None:
    """The plugin hands generated pages to the theme without a second Markdown pass: prove the pass would
    change nothing, with the Markdown extensions of mkdocs.yml."""
    config = yaml.safe_load((repo_root / "mkdocs.yml").read_text("utf-8"))
    extensions, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        extensions.append(name)
        configs[name] = options or {}
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
    context = BuildContext(tools.now(), tools.now(), "https://example.org/")
    for item in site(load_marketplace(repo_root), context, schemas.schema_documents(), more=[]):
        if isinstance(item, Page):
            body = item.markdown.split("\n---\n", 1)[1]
            converter.reset()
            assert _normalized(converter.convert(body)) == _normalized(body), item.src_uri


@pytest.fixture(scope="session")
def scale_site(tmp_path_factory: pytest.TempPathFactory, repo_root: Path, tools):
    """1,000 synthetic opportunities, built once."""
    from bench.generate import generate

    folder = tmp_path_factory.mktemp("scale")
    root = generate(folder / "market", 1000)
    built = tools.build(repo_root, folder / "site", root=root)
    assert built.returncode == 0, built.stderr
    return built


def test_a_thousand_opportunities_keep_pages_bounded(scale_site) -> None:
    sizes = [f.stat().st_size for f in (scale_site.site / "opportunities").rglob("index.html")]
    assert len(sizes) == 1000
    assert max(sizes) < 40 * 1024
    home = scale_site.html("")
    assert home.count('class="devex-card"') == 50
    assert 'rel="next"' in home
    first = min(path.parent.name for path in (scale_site.site / "opportunities").glob("*/index.html"))
    pages = ("", "page/2/", "skills/python/", "fr/archive/", f"opportunities/{first}/")
    navs = {len(parse(scale_site.html(p)).nav_links) for p in pages}
    assert len(navs) == 1


def test_a_missing_configuration_is_a_usage_error(repo_root: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "site_builder", "build", "--config-file", str(tmp_path / "none.yml")],
        cwd=repo_root,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "none.yml: no such MkDocs configuration file" in done.stderr


def test_a_build_leaves_the_garbage_collector_as_it_found_it(
    repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tools
) -> None:
    """The plugin freezes the marketplace out of the collector's way while MkDocs renders: the freeze must end
    with the build, whether it succeeds or fails after the freeze (under `serve`, the process lives on)."""
    import gc

    from mkdocs.exceptions import Abort, PluginError

    from site_builder import mkdocs_plugin
    from site_builder.cli.build import build_site

    monkeypatch.setenv("DEVEX_NOW", tools.NOW)
    frozen_before = gc.get_freeze_count()
    build_site(repo_root / "mkdocs.yml", site_dir=tmp_path / "site")
    assert (tmp_path / "site" / "opportunities" / OPEN_ID / "index.html").is_file()
    assert gc.get_freeze_count() == frozen_before and gc.isenabled()

    seen = []

    def fail_after_the_freeze(self, nav, *, config, files):
        seen.append(gc.get_freeze_count())
        raise PluginError("stopped on purpose")

    monkeypatch.setattr(mkdocs_plugin.DevexPlugin, "on_nav", fail_after_the_freeze)
    with pytest.raises(Abort):
        build_site(repo_root / "mkdocs.yml", site_dir=tmp_path / "again")
    assert seen and seen[0] > frozen_before, "the marketplace was frozen while the build ran"
    assert gc.get_freeze_count() == frozen_before and gc.isenabled()


def test_skill_and_department_listings_link_their_feeds(sample_site) -> None:
    """Each listing names its Atom feed in its head (for feed readers) and in its text (for people); the feeds
    live in one folder whose sitemap.xml exists, since Material's script fetches it beside every feed link."""
    site = sample_site.site
    for listing, feed in (
        ("skills/python/index.html", "feeds/skill-python.xml"),
        ("fr/departments/esdc/index.html", "fr/feeds/department-esdc.xml"),
    ):
        html = (site / listing).read_text("utf-8")
        head = html.split("</head>")[0]
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)"', head)
        assert len(links) == 1, listing
        target = (site / listing).parent.joinpath(links[0]).resolve()
        assert target == (site / feed).resolve() and target.is_file()
        assert (target.parent / "sitemap.xml").is_file()
        assert 'class="devex-follow"' in html
    for home, feed in (("index.html", "feed.xml"), ("fr/index.html", "fr/feed.xml")):  # the main feed, by its copy
        head = (site / home).read_text("utf-8").split("</head>")[0]
        [href] = re.findall(r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)"', head)
        target = (site / home).parent.joinpath(href).resolve()
        assert target.read_bytes() == (site / feed).read_bytes() and (target.parent / "sitemap.xml").is_file()
    for page in ("opportunities/esdc-2026-001/index.html", "guides/follow/index.html"):
        assert 'rel="alternate" type="application/atom+xml"' not in (site / page).read_text("utf-8").split("</head>")[0]


def test_the_follow_page_lists_every_feed_and_the_calendar_in_both_languages(sample_site, repo_root: Path) -> None:
    settings = load_marketplace(repo_root).settings
    for prefix in ("", "fr/"):
        html = (sample_site.site / prefix / "guides/follow/index.html").read_text("utf-8")
        for code in settings.skills:
            assert f"feeds/skill-{code}.xml" in html
        for code in settings.departments:
            assert f"feeds/department-{code}.xml" in html
        assert "opportunities.ics" in html
        assert f"https://github.com/{settings.data['repository']}/discussions" in html
