"""The file format reference: each language page shows the whole of its half of every schema description, even
when the text itself holds " / " (as `Application / Candidature` does), and field names break only between
their parts."""

from __future__ import annotations

import copy
import re
from html import escape

import pytest

from site_builder import schemas
from site_builder.errors import InvalidMarketplace
from site_builder.render import reference


def _described_fields() -> list[tuple[str, str, str]]:
    """(schema file, field, description) for every field of every schema the reference shows."""
    documents = schemas.schema_documents()
    found = []
    for kind, _location in reference.FILES:
        schema = documents[f"{kind}.schema.json"]
        for field, _required, node in reference._rows(schema, "", set(schema.get("required", []))):
            if "description" in node:
                found.append((kind, field, node["description"]))
    return found


FIELDS = _described_fields()


def test_there_are_fields_to_check() -> None:
    assert len(FIELDS) > 100
    assert ("bids", "bids[].kind") in {(kind, field) for kind, field, _ in FIELDS}


@pytest.mark.parametrize(("kind", "field", "description"), FIELDS, ids=[f"{k}:{f}" for k, f, _ in FIELDS])
def test_every_description_splits_into_its_two_whole_halves(kind: str, field: str, description: str) -> None:
    """The two halves put back together give the description, and neither cuts a `code span` in two nor holds
    a " / " outside one (which would be the other language's start)."""
    english = reference.half(description, "en", kind)
    french = reference.half(description, "fr", kind)
    assert f"{english} / {french}" == description.strip()
    for half in (english, french):
        assert half.count("`") % 2 == 0, half
        assert " / " not in re.sub(r"`[^`]*`", "", half), half
    pages = {lang: reference.page(schemas.schema_documents(), lang).markdown for lang in ("en", "fr")}
    assert escape(english) in pages["en"] and escape(french) in pages["fr"]


def test_the_kind_of_a_bid_keeps_the_application_line_whole() -> None:
    english = re.sub(r"</?span[^>]*>|<wbr>", "", reference.page(schemas.schema_documents(), "en").markdown)
    row = english.split("bids[].kind")[1].split("</tr>")[0]
    assert "`Application / Candidature`, by someone outside the team), question" in row
    assert "Candidature, question, équipe ou robot" not in row


def test_a_description_with_two_separators_outside_code_is_refused() -> None:
    """Which " / " splits the languages would be a guess: the build stops and names the field."""
    documents = copy.deepcopy(schemas.schema_documents())
    documents["opportunity.schema.json"]["properties"]["value"]["description"] = "Price and / or cost. / Prix."
    with pytest.raises(InvalidMarketplace) as caught:
        reference.page(documents, "en")
    message = caught.value.problems[0].message
    assert "schema/opportunity.schema.json `value`" in message and "`English. / Français.`" in message


def _all_fields() -> list[str]:
    documents = schemas.schema_documents()
    return [
        field
        for kind, _location in reference.FILES
        for field, _required, _node in reference._rows(
            documents[f"{kind}.schema.json"], "", set(documents[f"{kind}.schema.json"].get("required", []))
        )
    ]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_field_names_may_break_only_after_a_dot(lang: str) -> None:
    """Each part of a name is one unbreakable span ending at its dot; a `<wbr>` between parts is the only
    place a line may break (pages.css keeps each span on one line)."""
    html = reference.page(schemas.schema_documents(), lang).markdown
    cells = re.findall(r'<td><code class="devex-field">(.*?)</code></td>', html)
    assert len(cells) == len(_all_fields())
    for cell, field in zip(cells, _all_fields(), strict=True):
        parts = cell.split("<wbr>")
        spans = [re.fullmatch(r'<span class="devex-field__part">(.*?)</span>', part) for part in parts]
        assert all(spans), cell
        names = [span.group(1) for span in spans if span]
        assert "".join(names) == escape(field)
        assert all(name.endswith(".") for name in names[:-1]) and not names[-1].endswith(".")
    assert "bids[].<wbr>" in re.sub(r"</?span[^>]*>", "", html)
