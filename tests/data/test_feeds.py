"""/feed.xml and /fr/feed.xml: valid Atom (RFC 4287's RELAX NG schema plus the rules it cannot express),
with stable entry ids and dates taken from the data."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from site_builder.export.feeds import MAX_ENTRIES

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
SCHEMA = etree.RelaxNG(etree.parse(str(Path(__file__).parent / "atom.rng")))


def rfc4287_problems(content: bytes) -> list[str]:
    """What RFC 4287 requires beyond its schema: absolute ids, unique per feed, RFC 3339 dates with an
    offset, an author for every entry, an alternate link or content per entry, and one self link."""
    root = etree.fromstring(content)
    problems = [] if SCHEMA.validate(root) else [str(SCHEMA.error_log.last_error)]
    ids = [node.text for node in root.iter(f"{ATOM}id")]
    problems += [f"duplicate id {i}" for i in {i for i in ids if ids.count(i) > 1}]
    problems += [f"relative id {i}" for i in ids if not re.match(r"^[a-z][a-z0-9+.-]*:", i or "")]
    for tag in ("updated", "published"):
        problems += [
            f"{tag} {node.text} is not RFC 3339"
            for node in root.iter(f"{ATOM}{tag}")
            if not RFC3339.match(node.text or "")
        ]
    has_feed_author = root.find(f"{ATOM}author") is not None
    for entry in root.findall(f"{ATOM}entry"):
        if not has_feed_author and entry.find(f"{ATOM}author") is None:
            problems.append("entry without author")
        alternates = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        if entry.find(f"{ATOM}content") is None and not alternates:
            problems.append("entry without content or alternate link")
    if len([link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]) != 1:
        problems.append("a feed should have exactly one self link")
    return problems


@pytest.mark.parametrize("path", ["feed.xml", "fr/feed.xml"])
def test_feeds_are_valid_atom(every, path):
    assert rfc4287_problems(every.files[path]) == []


def test_the_check_does_find_broken_feeds(small):
    content = small.files["feed.xml"]
    assert rfc4287_problems(content.replace(b"<updated>2027", b"<updated>27", 1))
    first, second = [node.text.encode() for node in etree.fromstring(content).iter(f"{ATOM}id")][1:3]
    duplicated = content.replace(b">" + second + b"<", b">" + first + b"<")
    assert any("duplicate" in problem for problem in rfc4287_problems(duplicated))
    assert rfc4287_problems(content.replace(b"<title>", b"<titel>", 1).replace(b"</title>", b"</titel>", 1))


def entries(content: bytes) -> list[dict[str, str]]:
    root = etree.fromstring(content)
    return [
        {child.tag.removeprefix(ATOM): child.text or child.get("href", "") for child in entry}
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_entries_are_new_opportunities_addenda_awards_and_cancellations_newest_first(small):
    found = entries(small.files["feed.xml"])
    fragments = [entry["id"].rsplit("#", 1)[1] for entry in found]
    marketplace = small.marketplace.opportunities
    expected = (
        len(marketplace)
        + sum(len(o.data.get("addenda", [])) for o in marketplace)
        + sum(1 for o in marketplace if o.award)
        + sum(1 for o in marketplace if o.status == "cancelled")
    )
    assert len(found) == expected
    assert set(fragments) == {"posted", "addendum-1", "awarded", "cancelled"}
    moments = [datetime.fromisoformat(entry["updated"]) for entry in found]
    assert moments == sorted(moments, reverse=True)
    awarded = next(entry for entry in found if entry["id"].endswith("tbs-2026-001/#awarded"))
    assert awarded["updated"] == "2026-01-23T00:00:00-05:00"
    assert awarded["summary"] == "Awarded to Alice Martin Consulting for $7,500."
    root = etree.fromstring(small.files["feed.xml"])
    assert root.find(f"{ATOM}updated").text == found[0]["updated"]  # the newest event, not the build time


@pytest.mark.parametrize(
    ("lang", "title", "summary"),
    [
        ("en", "Cancelled: Fix issue 004", "Reason: The team fixed it while upgrading the toolkit."),
        ("fr", "Annulée : Corriger le problème 004", "Motif : L'équipe l'a corrigé en mettant à niveau l'outil."),
    ],
)
def test_a_cancellation_is_an_entry_with_its_reason_in_the_feeds_language(small, lang, title, summary):
    found = entries(small.files["feed.xml" if lang == "en" else "fr/feed.xml"])
    cancelled = {
        entry["id"].split("/opportunities/")[1]: entry for entry in found if entry["id"].endswith("#cancelled")
    }
    assert set(cancelled) == {"esdc-2026-004/#cancelled", "ssc-2026-002/#cancelled"}
    before_closing = cancelled["esdc-2026-004/#cancelled"]
    assert before_closing["title"].startswith(title) and before_closing["summary"] == summary
    assert before_closing["updated"] == "2026-08-25T00:00:00-04:00"  # the cancellation's date, from the file
    after_termination = cancelled["ssc-2026-002/#cancelled"]
    assert after_termination["updated"] == "2026-06-30T00:00:00-04:00"


def test_french_feed_is_in_french(small):
    root = etree.fromstring(small.files["fr/feed.xml"])
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    found = entries(small.files["fr/feed.xml"])
    posted = next(entry for entry in found if entry["id"].endswith("/fr/opportunities/tbs-2026-002/#posted"))
    assert posted["title"].startswith("Nouvelle occasion : Corriger")
    assert posted["summary"] == (
        "Une courte correction avec un test. Valeur : 2\u00a0500\u00a0$. "
        "Clôture : 14 avril 2026 à 14 h 00 HAE (UTC\u221204:00)."
    )


def test_large_marketplaces_keep_the_newest_entries_only(generated):
    found = entries(generated.files["feed.xml"])
    assert len(found) == MAX_ENTRIES
    newest_posting = max(opp.data["posted"] for opp in generated.marketplace.opportunities)
    assert found[0]["updated"][:10] >= newest_posting


def topic_feeds(built) -> list[str]:
    return sorted(path for path in built.files if "feeds/" in path and path.endswith(".xml") and "sitemap" not in path)


def test_every_skill_and_department_has_a_valid_feed_in_both_languages(every):
    settings = every.marketplace.settings
    expected = {f"feeds/skill-{code}.xml" for code in settings.skills}
    expected |= {f"feeds/department-{code}.xml" for code in settings.departments}
    expected.add("feeds/all.xml")  # the main feed again, named by the home page beside the topic feeds
    assert set(topic_feeds(every)) == expected | {f"fr/{path}" for path in expected}
    for prefix in ("", "fr/"):
        assert every.files[f"{prefix}feeds/all.xml"] == every.files[f"{prefix}feed.xml"]
    for path in topic_feeds(every):
        assert rfc4287_problems(every.files[path]) == [], path


@pytest.mark.parametrize("kind", ["skill", "department"])
def test_a_topic_feed_holds_the_events_of_its_opportunities_only(small, kind):
    """The entries of feeds/<kind>-<code>.xml are exactly those of the whole feed whose opportunity has that
    skill or department (the small marketplace has fewer events than MAX_ENTRIES, so none is cut)."""
    everything = entries(small.files["feed.xml"])
    by_id = small.marketplace.by_id()

    def ident(entry):
        return entry["id"].split("/opportunities/")[1].split("/")[0]

    codes = small.marketplace.settings.skills if kind == "skill" else small.marketplace.settings.departments
    nonempty = 0
    for code in codes:
        found = entries(small.files[f"feeds/{kind}-{code}.xml"])
        mine = [
            entry
            for entry in everything
            if (
                code in by_id[ident(entry)].data["skills"]
                if kind == "skill"
                else by_id[ident(entry)].department == code
            )
        ]
        assert [entry["id"] for entry in found] == [entry["id"] for entry in mine], code
        nonempty += bool(found)
        root = etree.fromstring(small.files[f"fr/feeds/{kind}-{code}.xml"])
        self_link = next(link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self")
        assert self_link.endswith(f"/fr/feeds/{kind}-{code}.xml")
    assert nonempty >= 2


def test_the_feeds_folder_has_the_sitemap_materials_script_asks_for(every):
    """Material's script fetches sitemap.xml from the folder of a page's feed link: it must exist (no 404)."""
    for lang_prefix in ("", "fr/"):
        root = etree.fromstring(every.files[f"{lang_prefix}feeds/sitemap.xml"])
        assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
