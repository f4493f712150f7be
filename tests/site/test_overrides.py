"""The templates copied from Material into overrides/ are Material's own with only the edits named here (and in
docs/dev/site.md), so none drifts silently from the installed Material: when Material changes one of them, the
test fails and says which to carry again. Each edit exists to make a page clean in the engines
(tests/site/test_engines.py): the reason is written beside it."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

REPO = Path(__file__).resolve().parents[2]
MATERIAL = Path(material.__file__).parent / "templates"
GENERATED = "{#-\n  This file was automatically generated - do not edit\n-#}\n"

# template -> [(Material's text, ours)], applied in order; the first edit replaces Material's header with ours.
EDITS: dict[str, list[tuple[str, str]]] = {
    "base.html": [
        (
            GENERATED,
            "{#- Material's base.html, carried to overrides/ because what is fixed here is outside any block\n"
            "    (tests/site/test_overrides.py lists every edit; docs/dev/site.md says why):\n"
            "    - no `autocomplete` on the drawer and search checkboxes (HTML allows it on text fields only);\n"
            "    - no `hreflang` alternates in the head: they are absolute, per page, in sitemap.xml instead\n"
            "      (overrides/sitemap.xml), because Material's script fetches `sitemap.xml` beside every\n"
            "      `link[rel=alternate]`: a 404 for `fr/sitemap.xml`, and one per page for per-page links;\n"
            "    - the `__config` script and script tags inside `{% call devex_shared(...) %}`, which renders them\n"
            "      once for all pages of a language and depth (site_builder/shared_chrome.py).\n"
            "    Its header, navigation, container and footer blocks are replaced in main.html by the Government of\n"
            "    Canada's elements. -#}\n",
        ),
        (
            "      {% if config.extra.alternate is iterable %}\n"
            "        {% for alt in config.extra.alternate %}\n"
            '          <link rel="alternate" href="{{ alt.link | url }}" '
            "hreflang=\"{{ alt.lang | d(lang.t('language')) }}\">\n"
            "        {% endfor %}\n"
            "      {% endif %}\n",
            "",
        ),
        ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
        # Material's script needs the search toggle even with its search gone (overrides/partials/gc-header.html):
        # named, so that pa11y's F68 / H91 see no unlabelled checkbox (it is display: none, out of reach anyway)
        ('id="__search" autocomplete="off">', 'id="__search" aria-label="{{ lang.t(\'search\') }}" tabindex="-1">'),
        # Not for an engine but for build time: parts that are the same on many pages are rendered once
        # (site_builder/shared_chrome.py; tests/site/test_shared_chrome.py compares with a fresh rendering).
        ("    {% block config %}\n", '    {% block config %}\n      {% call devex_shared("config") %}\n'),
        (
            "      </script>\n    {% endblock %}\n    {% block scripts %}\n",
            "      </script>\n      {% endcall %}\n    {% endblock %}\n    {% block scripts %}\n"
            '      {% call devex_shared("scripts") %}\n',
        ),
        (
            "      {% endfor %}\n    {% endblock %}\n  </body>\n",
            "      {% endfor %}\n      {% endcall %}\n    {% endblock %}\n  </body>\n",
        ),
    ],
}
CARRIED = sorted(EDITS)


def carried(name: str) -> str:
    """Material's installed template with our edits applied; each edit must match exactly once."""
    text = (MATERIAL / name).read_text("utf-8")
    for theirs, ours in EDITS[name]:
        if text.count(theirs) != 1:
            pytest.fail(
                f"Material {material.__version__} changed {name}: the text our edit replaces is no longer there "
                f"once:\n{theirs}\ncarry the edit again (docs/dev/site.md, 'Material's chrome')",
                pytrace=False,
            )
        text = text.replace(theirs, ours)
    return text


@pytest.mark.parametrize("name", CARRIED)
def test_each_carried_template_is_materials_own_with_only_the_named_edits(name: str) -> None:
    ours = (REPO / "overrides" / name).read_text("utf-8")
    assert ours == carried(name), f"overrides/{name} differs from Material's with the edits of {__name__}"


def test_every_template_in_overrides_is_carried_here_or_our_own() -> None:
    # written for this site, nothing of Material's to follow
    ours = {
        "main.html",
        "404.html",
        "partials/devex-search.html",
        "partials/gc-header.html",
        "partials/gc-footer.html",
        "sitemap.xml",
    }
    present = {path.relative_to(REPO / "overrides").as_posix() for path in (REPO / "overrides").rglob("*.*")}
    assert present == set(CARRIED) | ours
