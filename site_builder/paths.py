"""Where every page lives, and its address: the site's links between pages, the open-data files' and the
GitHub messages' absolute URLs all come from here. English at the top, French under `fr/`, the same path
below that, so the language toggle only swaps the prefix. URLs assume MkDocs' directory URLs (`x/y.md` is
served at `x/y/`); a data file (`data/ocds.json`) is served at its own path."""

from __future__ import annotations

import posixpath

FRENCH_PREFIX = "fr/"


def localized(lang: str, src_uri: str) -> str:
    """The `lang` version of an English source path."""
    return src_uri if lang == "en" else FRENCH_PREFIX + src_uri


def language_of(src_uri: str) -> str:
    return "fr" if src_uri.startswith(FRENCH_PREFIX) else "en"


def counterpart(src_uri: str) -> str:
    """The same page in the other language."""
    if src_uri.startswith(FRENCH_PREFIX):
        return src_uri[len(FRENCH_PREFIX) :]
    return FRENCH_PREFIX + src_uri


def home(lang: str, number: int = 1) -> str:
    return localized(lang, "index.md" if number == 1 else f"page/{number}.md")


def opportunity(lang: str, ident: str) -> str:
    return localized(lang, f"opportunities/{ident}.md")


def listing(lang: str, base: str, number: int = 1) -> str:
    """A paginated listing under `base` (`archive`, `departments/esdc`): its index, then `page/N`."""
    return localized(lang, f"{base}/index.md" if number == 1 else f"{base}/page/{number}.md")


def url_of(src_uri: str) -> str:
    """The site-relative URL MkDocs gives a Markdown source with directory URLs: '' for the home page."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/" if src_uri.endswith(".md") else stem


def href(from_src: str, to_src: str) -> str:
    """A relative link from one page to another page or file: up to the site's root, then down. (Not the
    shortest path, but computed without `relpath`, which dominated listing pages' cost.)"""
    if from_src == to_src:
        return "./"
    return (to_root(from_src) + url_of(to_src)) or "./"


def source_link(from_src: str, to_src: str) -> str:
    """A relative link written in a Markdown page, which MkDocs resolves from the page's source file (and
    turns into `href` itself): from `fr/data.md` to `data/ocds.json` is `../data/ocds.json`."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def to_root(from_src: str) -> str:
    """The relative path from a page to the site's root folder ('' or '../../')."""
    depth = url_of(from_src).count("/")
    return "../" * depth


def base_url(address: str) -> str:
    """The site's address as every absolute URL starts: ending in one slash."""
    return address if address.endswith("/") else address + "/"


def absolute(base: str, src_uri: str) -> str:
    """The absolute URL of a page or file of the site whose address is `base` (see `base_url`)."""
    return base_url(base) + url_of(src_uri)


FEEDS = "feeds"
"""The folder of the feeds per skill and per department, in each language (export/feeds.py)."""


def topic_feed(lang: str, kind: str, code: str) -> str:
    """`feeds/skill-python.xml`, `fr/feeds/department-esdc.xml`: every topic's feed in one folder, so that the
    one `sitemap.xml` Material's script fetches beside a page's feed link exists (export/feeds.py)."""
    return localized(lang, f"{FEEDS}/{kind}-{code}.xml")


def opportunity_url(base: str, lang: str, ident: str) -> str:
    """`https://site/opportunities/<id>/`, `https://site/fr/opportunities/<id>/`."""
    return absolute(base, opportunity(lang, ident))


def feeds_sitemap(lang: str) -> str:
    """`feeds/sitemap.xml`: the empty sitemap beside the topic feeds, which Material's script fetches."""
    return localized(lang, f"{FEEDS}/sitemap.xml")


def feed(lang: str) -> str:
    """`feed.xml`, `fr/feed.xml`: the whole marketplace's Atom feed in each language."""
    return localized(lang, "feed.xml")


def home_feed(lang: str) -> str:
    """`feeds/all.xml`: the whole marketplace's feed again, byte for byte, in the feeds' folder, for the home
    page's `link rel="alternate"`. Beside `feed.xml`, Material's script would fetch the whole site's sitemap.xml
    on every visit of the home page (megabytes at scale), and a missing `fr/sitemap.xml` on the French one."""
    return localized(lang, f"{FEEDS}/all.xml")


CALENDAR = "opportunities.ics"
"""The closing times as one calendar, in both languages (export/ical.py)."""
OCDS = "data/ocds.json"
OPPORTUNITIES_JSON = "data/opportunities.json"
DISCLOSURE_CSV = "data/proactive-disclosure.csv"
SCHEMAS = "schema"
"""The folder where every JSON Schema is published beside the data (export/schema_files.py)."""


def schema_file(name: str) -> str:
    """`schema/opportunity.schema.json`: a published JSON Schema, by its file name."""
    return f"{SCHEMAS}/{name}"


OPPORTUNITIES_SCHEMA = schema_file("opportunities-data.schema.json")
"""The JSON Schema of OPPORTUNITIES_JSON."""


def data_page(lang: str) -> str:
    """The page listing every published file (render/data_page.py)."""
    return localized(lang, "data.md")


def statistics_page(lang: str) -> str:
    return localized(lang, "statistics.md")


def guide(lang: str, name: str) -> str:
    """`guides/<name>.md`: a guide, written by hand (suppliers, buyers, selection, terms) or generated (follow,
    file-format)."""
    return localized(lang, f"guides/{name}.md")


METHOD_GUIDE = "selection"
"""The guide that states the selection method, which the award and the GitHub messages link to."""
FOLLOW_GUIDE = "follow"
FILE_FORMAT_GUIDE = "file-format"


def card_index(lang: str) -> str:
    """The cards' JSON that the listing filters load (render/filters.py)."""
    return f"assets/devex/opportunities.{lang}.json"


GITHUB = "https://github.com/"


def github_profile(login: str) -> str:
    """A GitHub account's public profile (a supplier's, a login in the statistics)."""
    return f"{GITHUB}{login}"


def github_discussions(repository: str) -> str:
    """The Discussions of the marketplace's repository (`owner/name`), where each opportunity is discussed."""
    return f"{GITHUB}{repository}/discussions"
