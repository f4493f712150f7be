"""Open data: the marketplace as machine-readable files. (The pages that present them, open data and
statistics, are made by `site_builder.render`.)

`assets` is the single entry point the site build (and `devex export`) calls; each format lives in its own
module and is a pure function of the marketplace and the build context:

    data/opportunities.json     opportunities_json   the whole marketplace, versioned, with its JSON Schema
    data/ocds.json              ocds                 Open Contracting Data Standard 1.1 release package
    data/proactive-disclosure.csv  disclosure        rows of the GC proactive disclosure of contracts dataset
    feed.xml, fr/feed.xml       feeds                Atom feeds of new opportunities, addenda and awards
    opportunities.ics           ical                 closing times as iCalendar events
    schema/*.schema.json        schema_files         every JSON Schema, so the data can be validated
"""

from __future__ import annotations

from site_builder import collector
from site_builder.export import disclosure, feeds, ical, ocds, opportunities_json, schema_files
from site_builder.export.common import site_url
from site_builder.export.facts import process_facts
from site_builder.model import Marketplace
from site_builder.pages import Asset, BuildContext


def assets(marketplace: Marketplace, context: BuildContext) -> list[Asset]:
    """Every data file, sorted by path. The facts they share are derived once, for all of them."""
    with collector.paused():
        facts = process_facts(marketplace)
        found = [
            opportunities_json.asset(marketplace, context, facts),
            *ocds.assets(marketplace, context, facts),
            disclosure.asset(marketplace, site_url(marketplace, context), facts),
            *feeds.assets(marketplace, context, facts),
            ical.asset(marketplace, context, facts),
            *schema_files.assets(),
        ]
    return sorted(found, key=lambda asset: asset.path)
