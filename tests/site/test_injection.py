"""Descriptions are Markdown written by many hands: an injection corpus, each payload put into every text of
its own opportunity (title, teaser, description, a criterion, an addendum, project and contact names), the
marketplace built with `devex build`, and every built page checked. The applications a closed opportunity's page
publishes (issue 25) are strangers' text too: every payload is an archived application of one closed opportunity,
and, in memory, a sealed application's plaintext."""

from __future__ import annotations

import copy
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from site_builder import archive
from site_builder.archive.applications import APPLICATION_LINE
from site_builder.dump import dump_yaml
from site_builder.site import chrome

TEMPLATE = "opportunities/esdc/esdc-2026-001/opportunity.yaml"  # open, no award: the same page template
RECEIVED = "opportunities/tbs/tbs-2026-007"  # closed (unsuccessful), its archive replaced by one of the payloads
PAYLOADS = {
    "xss01": "<script>alert('xss01')</script>",
    "xss02": "<img src=x onerror=alert('xss02')>",
    "xss03": "<svg onload=alert('xss03')><circle r=1 /></svg>",
    "xss04": '<iframe src="https://evil.example/xss04"></iframe>',
    "xss05": "<style>body{display:none} /* xss05 */</style>",
    "xss06": "[click](javascript:alert('xss06'))",
    "xss07": "[click](JaVaScRiPt:alert('xss07'))",
    "xss08": "[click](data:text/html;base64,PHNjcmlwdD54c3MwODwvc2NyaXB0Pg==)",
    "xss09": "[click](vbscript:msgbox('xss09'))",
    "xss10": "<a href=\"javascript:alert('xss10')\">x</a>",
    "xss11": "<a href=\"  javascript:alert('xss11')\">x</a>",
    "xss12": "<a href=\"jav&#x09;ascript:alert('xss12')\">x</a>",
    "xss13": '<form action="https://evil.example/xss13"><input name="p"><button>Go</button></form>',
    "xss14": '<input type="text" value="xss14" autofocus onfocus="alert(14)">',
    "xss15": "<textarea>xss15</textarea><select><option>xss15</option></select>",
    "xss16": '<object data="https://evil.example/xss16.swf"></object>',
    "xss17": '<embed src="https://evil.example/xss17.swf">',
    "xss18": "<div style=\"background:url(javascript:alert('xss18'))\">styled</div>",
    "xss19": "<p onclick=\"alert('xss19')\">click me</p>",
    "xss20": "<body onload=alert('xss20')>",
    "xss21": '<meta http-equiv="refresh" content="0;url=https://evil.example/xss21">',
    "xss22": '<base href="https://evil.example/xss22/">',
    "xss23": '<link rel="stylesheet" href="https://evil.example/xss23.css">',
    "xss24": "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss24')>",
    "xss25": "<noscript><p title=\"</noscript><img src=x onerror=alert('xss25')>\">",
    "xss26": "![x](javascript:alert('xss26'))",
    "xss27": "<details open ontoggle=alert('xss27')><summary>s</summary></details>",
    "xss28": "<scr<script>ipt>alert('xss28')</scr</script>ipt>",
    "xss29": "</title><script>alert('xss29')</script>",
    "xss30": "text {: onclick=\"alert('xss30')\" } and {#xss30 .evil onmouseover=alert(1)}",
    "xss31": "<a href=\"data:text/html,<script>alert('xss31')</script>\">x</a>",
    "xss32": "<svg><a xlink:href=\"javascript:alert('xss32')\"><text>x</text></a></svg>",
    "xss33": "&lt;script&gt;alert('xss33')&lt;/script&gt; &lt;/title&gt;",
    "xss34": "<video><source onerror=\"alert('xss34')\"></video><audio src=x onerror=alert(34)>",
    "xss35": "[a plain external link](https://good.example/xss35) and https://good.example/auto-xss35",
    "xss36": '<template><script>alert("xss36")</script></template><frameset onload=alert(36)>',
    "xss37": "``` html\n<script>alert('xss37')</script>\n```",
    "xss38": "[x](java\nscript:alert('xss38'))",
    "xss39": "--8<-- \"/etc/passwd\"\n\n{% include 'xss39' %} {{ config.site_name }}",
}
DANGEROUS_TAGS = {
    "script",
    "iframe",
    "style",
    "object",
    "embed",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "option",
    "meta",
    "base",
    "link",
    "svg",
    "math",
    "frame",
    "frameset",
    "video",
    "audio",
    "source",
    "noscript",
    "details",
    "template",
    "img",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcset"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
REL = {"nofollow", "noopener", "ugc"}


def ident(number: int) -> str:
    return f"esdc-2027-{number:03d}"


def with_payload(template: dict, number: int, payload: str) -> dict:
    data = copy.deepcopy(template)
    data["id"] = ident(number)
    for field in ("title", "teaser", "description"):
        data[field] = {"en": f"{field} {payload}", "fr": f"{field} fr {payload}"}
    for field in ("acceptance_criteria", "evaluation_criteria"):
        data[field] = {lang: [*items[:-1], f"{items[-1]} {payload}"] for lang, items in data[field].items()}
    data["addenda"] = [{"date": data["posted"], "text": {"en": f"Addendum {payload}", "fr": f"Addenda {payload}"}}]
    data["project"] = {"name": f"Project {payload}", "url": "https://github.com/esdc-edsc/benefits-estimator"}
    data["contact"] = {"name": f"Contact {payload}", "email": "marie.tremblay@hrsdc-rhdcc.gc.ca"}
    return data


@pytest.fixture(scope="module")
def injected(repo_root: Path, tools, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("injection")
    root = tools.copy_marketplace(repo_root, folder / "market")
    template = yaml.safe_load((repo_root / TEMPLATE).read_text("utf-8"))
    for number, payload in enumerate(PAYLOADS.values(), start=1):
        target = root / "opportunities/esdc" / ident(number)
        target.mkdir()
        (target / "opportunity.yaml").write_text(dump_yaml(with_payload(template, number, payload)), "utf-8")
    write_payload_archive(root / RECEIVED)
    built = tools.build(repo_root, folder / "site", root=root)
    assert built.returncode == 0, built.stderr
    return built


def write_payload_archive(folder: Path) -> None:
    """The opportunity's archive written again as sync writes one: every payload an on-time application."""
    old = yaml.safe_load((folder / "bids.yaml").read_text("utf-8"))
    bids = [
        {
            "author": f"applicant-{number}",
            "created": "2026-09-20T14:00:00Z",
            "updated": "2026-09-20T14:00:00Z",
            "url": f"{old['discussion']}#discussioncomment-{number}",
            "comment": f"DC_payload{number}",
            "reply_to": None,
            "late": False,
            "edited_after_closing": False,
            "association": "NONE",
            "kind": "application",
            "body": f"{APPLICATION_LINE}\n\nApplication {payload}\n",
        }
        for number, payload in enumerate(PAYLOADS.values(), start=1)
    ]
    snapshot = {key: old[key] for key in ("opportunity", "discussion", "closing", "taken")}
    index, files = archive.split({**snapshot, "application_rule": 2, "bids": bids})
    archive.write(folder, index, files)


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <title>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._in_title = tag == "title"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def elements(html: str) -> Elements:
    parsed = Elements()
    parsed.feed(html)
    return parsed


def dangerous_counts(parsed: Elements) -> dict[str, int]:
    counts: dict[str, int] = {}
    for tag, _attrs in parsed.tags:
        if tag in DANGEROUS_TAGS:
            counts[tag] = counts.get(tag, 0) + 1
    return counts


CHROME_LINKS = {url for links in (chrome.CANADA_CA, chrome.GC_TERMS, chrome.GC_PRIVACY) for url in links.values()}
"""The Government of Canada header's and footer's own links (site/chrome.py), the same on every page: not text
from an opportunity, so not marked as user links."""


def scheme_of(url: str) -> str:
    squeezed = "".join(ch for ch in url if not ch.isspace() and ord(ch) >= 32).lower()
    return squeezed


def assert_safe(parsed: Elements, where: str, marker: str | None = None, *, user_links: bool = True) -> None:
    """No event handler or dangerous URL anywhere; the marker only in an https link; and, on pages made from
    the opportunities (`user_links`), every external link with rel="nofollow noopener ugc"."""
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{where}: event handler {name} on <{tag}>"
            if name in URL_ATTRIBUTES:
                assert not scheme_of(value).startswith(BAD_SCHEMES), f"{where}: <{tag} {name}={value!r}>"
            if marker and marker in value:
                external = tag == "a" and name == "href" and value.startswith("https://")
                assert external, f"{where}: {marker} reached the attribute {name} of <{tag}>"
        href = attrs.get("href", "")
        if user_links and tag == "a" and href.startswith(("http://", "https://")) and href not in CHROME_LINKS:
            assert set(attrs.get("rel", "").split()) >= REL, f"{where}: external link without rel: {attrs}"


def test_the_corpus_is_large_enough() -> None:
    assert len(PAYLOADS) >= 25


@pytest.mark.parametrize(("number", "marker"), list(enumerate(PAYLOADS, start=1)), ids=list(PAYLOADS))
def test_each_payload_is_harmless_on_its_opportunity_page(injected, number: int, marker: str) -> None:
    clean = {lang: elements(injected.html(f"{lang}opportunities/esdc-2026-001/")) for lang in ("", "fr/")}
    for lang in ("", "fr/"):
        where = f"{lang}opportunities/{ident(number)}/"
        parsed = elements(injected.html(where))
        assert_safe(parsed, where, marker)
        assert dangerous_counts(parsed) == dangerous_counts(clean[lang]), where
        title = f"title {PAYLOADS[marker]}" if lang == "" else f"title fr {PAYLOADS[marker]}"
        assert title in parsed.title, "the title must show the payload as plain text"


def test_listing_pages_show_the_payloads_as_text_only(injected, sample_site) -> None:
    """Titles and teasers with payloads appear on every listing: each listing page keeps exactly the
    elements the same page has in the clean sample site."""
    checked = 0
    for file in sorted(injected.site.rglob("*.html")):
        relative = file.relative_to(injected.site)
        parsed = elements(file.read_text("utf-8"))
        written_by_us = relative.parts[0 if relative.parts[0] != "fr" else 1] in ("guides", "data", "statistics")
        assert_safe(parsed, str(relative), user_links=not written_by_us)
        clean = sample_site.site / relative
        if clean.is_file() and "opportunities" not in relative.parts:
            assert dangerous_counts(parsed) == dangerous_counts(elements(clean.read_text("utf-8"))), relative
            checked += 1
    assert checked > 40


def test_links_in_descriptions_are_kept_with_rel(injected) -> None:
    html = injected.html(f"opportunities/{ident(list(PAYLOADS).index('xss35') + 1)}/")
    assert 'href="https://good.example/xss35" rel="nofollow noopener ugc"' in html
    assert 'href="https://good.example/auto-xss35" rel="nofollow noopener ugc"' in html


def test_escaped_text_stays_text_even_in_the_title(injected) -> None:
    number = list(PAYLOADS).index("xss33") + 1
    parsed = elements(injected.html(f"opportunities/{ident(number)}/"))
    assert "&lt;script&gt;alert('xss33')" in parsed.title
    html = injected.html(f"opportunities/{ident(number)}/")
    assert "&amp;lt;script&amp;gt;alert(&#x27;xss33&#x27;)" in html


def test_a_closing_title_tag_in_a_title_stays_inside_it(injected) -> None:
    number = list(PAYLOADS).index("xss29") + 1
    parsed = elements(injected.html(f"opportunities/{ident(number)}/"))
    assert "</title><script>alert('xss29')</script>" in parsed.title


# --- the applications received, after closing (render/received.py)


@pytest.mark.parametrize("lang", ["", "fr/"])
def test_archived_applications_are_published_harmlessly(injected, sample_site, lang: str) -> None:
    """Every payload, an application on one closed opportunity's page: no event handler, dangerous URL or element
    more than the same page of the clean sample, each payload's marker in no attribute but an https link, and each
    application shown (its author's link, its text)."""
    where = f"{lang}opportunities/tbs-2026-007/"
    html = injected.html(where)
    parsed = elements(html)
    for marker in PAYLOADS:
        assert_safe(parsed, where, marker)
    assert dangerous_counts(parsed) == dangerous_counts(elements(sample_site.html(where)))
    section = html.split('id="applications"')[1]
    for number in range(1, len(PAYLOADS) + 1):
        assert f'href="https://github.com/applicant-{number}" rel="nofollow noopener ugc"' in section
    assert section.count('class="devex-received__item"') == len(PAYLOADS)


def test_a_sealed_plaintext_is_published_as_harmlessly(repo_root: Path) -> None:
    """A sealed application's plaintext (bids/NNNN.plaintext.md) goes through the same rendering: each payload as
    the plaintext of an opened sealed application, rendered in memory, keeps no dangerous element or attribute."""
    import dataclasses

    from site_builder.render import received
    from site_builder.validate import load_marketplace

    sample = load_marketplace(repo_root)
    opp = sample.by_id()["tbs-2026-007"]
    entries, texts = [], {}
    for number, payload in enumerate(PAYLOADS.values(), start=1):
        name = f"bids/{number:04d}.md"
        plain = f"bids/{number:04d}.plaintext.md"
        texts[name] = b"Application / Candidature\n\n-----BEGIN AGE ENCRYPTED FILE-----\n..."
        texts[plain] = f"{APPLICATION_LINE}\n\nSealed {payload}\n".encode()
        block = {"round": 1, "chain_hash": "0" * 64, "file_key": "0" * 32, "file": plain, "size": 1, "sha256": "0" * 64}
        entries.append(
            {
                "author": f"sealer-{number}",
                "created": "2026-09-20T14:00:00Z",
                "url": "https://github.com/x#c",
                "late": False,
                "kind": "application",
                "file": name,
                "sealed": block,
            }
        )
    bids = dataclasses.replace(opp.bids_document, data={**opp.bids, "bids": entries})
    closed = dataclasses.replace(opp, bids_document=bids, texts=texts)
    for lang in ("en", "fr"):
        html = received.section(closed, sample.settings, "closed", lang)
        parsed = elements(html)
        for marker in PAYLOADS:
            assert_safe(parsed, f"sealed ({lang})", marker)
        assert dangerous_counts(parsed) == {}
        assert "BEGIN AGE" not in html  # the plaintext, never the ciphertext
        assert html.count('class="devex-received__mark devex-received__mark--sealed"') == len(PAYLOADS)
