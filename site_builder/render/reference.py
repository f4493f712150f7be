"""The file format reference, generated from `schema/*.json` so it can never drift from what the validator
checks. Schema descriptions are written "English. / Français.": each language page takes its half. The
separator is the one " / " outside `code spans`, since a quoted line such as `Application / Candidature` holds
one too; a text with more than one outside code would be split by guesswork, so it stops the build instead."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from site_builder import paths
from site_builder.errors import InvalidMarketplace
from site_builder.i18n import t
from site_builder.model import Problem
from site_builder.pages import Page
from site_builder.render.markup import block, front_matter, heading
from site_builder.render.sanitize import escape

FILES = (
    ("opportunity", "opportunities/<department>/<id>/opportunity.yaml"),
    ("award", "opportunities/<department>/<id>/award.yaml"),
    ("bids", "opportunities/<department>/<id>/bids.yaml"),
    ("marketplace", "opportunities/marketplace.yaml"),
)
_REFS = ("text", "list", "date", "datetime", "https_url", "github_login", "opportunity_id", "money")
_CODE_OR_SEPARATOR = re.compile(r"`[^`]*`|( / )")


def _separators(text: str) -> list[int]:
    """Where " / " stands outside a `code span` in `text`: the candidates for the split between languages."""
    return [found.start(1) for found in _CODE_OR_SEPARATOR.finditer(text) if found.group(1)]


def half(text: str, lang: str, where: str) -> str:
    """The `lang` half of an "English / French" schema text, or a clear error naming the schema file."""
    separators = _separators(text)
    english, french = (text[: separators[0]], text[separators[0] + 3 :]) if len(separators) == 1 else ("", "")
    if not english.strip() or not french.strip():
        reason = "has no French half" if not separators else f'has {len(separators)} " / " outside `code`'
        message = f"{where}: the description {reason}: write it as `English. / Français.`"
        raise InvalidMarketplace([Problem(where.split(" ")[0], 1, 1, message, rule="translation")])
    return (english if lang == "en" else french).strip()


def _rows(node: dict[str, Any], prefix: str, required: set[str]) -> Iterator[tuple[str, bool, dict[str, Any]]]:
    for name, child in node.get("properties", {}).items():
        field = f"{prefix}{name}"
        yield field, name in required, child
        yield from _nested(child, field)


def _nested(child: dict[str, Any], field: str) -> Iterator[tuple[str, bool, dict[str, Any]]]:
    if child.get("type") == "object" and "properties" in child:
        yield from _rows(child, f"{field}.", set(child.get("required", [])))
    elif child.get("type") == "array" and isinstance(child.get("items"), dict) and "properties" in child["items"]:
        items = child["items"]
        yield from _rows(items, f"{field}[].", set(items.get("required", [])))
    elif isinstance(child.get("additionalProperties"), dict):
        extra = child["additionalProperties"]
        if "properties" in extra:
            yield from _rows(extra, f"{field}.<code>.", set(extra.get("required", [])))


def _kind(node: dict[str, Any], lang: str) -> str:
    ref = node.get("$ref", "")
    if ref.startswith("text.schema.json#/$defs/"):
        name = ref.rsplit("/", 1)[1]
        return t(f"ref.{name}", lang) if name in _REFS else name
    if "enum" in node:
        return t("ref.enum", lang, values=", ".join(str(value) for value in node["enum"]))
    if "const" in node:
        return t("ref.const", lang, value=str(node["const"]).lower())
    kind = node.get("type", "")
    if kind == "array":
        return t("ref.array", lang)
    if kind == "object":
        return t("ref.object", lang)
    return t(f"ref.{kind}", lang) if kind in ("string", "number", "boolean", "integer") else kind


def _field_name(field: str) -> str:
    """`bids[].kind` as unbreakable parts with a break allowed after each dot, so a narrow column wraps a long
    name between its parts, never inside a word (pages.css keeps each part on one line)."""
    parts = re.findall(r"[^.]+\.|[^.]+$", field)
    spans = "<wbr>".join(f'<span class="devex-field__part">{escape(part)}</span>' for part in parts)
    return f'<code class="devex-field">{spans}</code>'


def _table(name: str, schema: dict[str, Any], lang: str) -> str:
    head = "".join(
        f'<th scope="col">{escape(t(key, lang))}</th>'
        for key in ("ref.field", "ref.required", "ref.kind", "ref.description")
    )
    body = []
    for field, required, node in _rows(schema, "", set(schema.get("required", []))):
        description = node.get("description")
        text = half(description, lang, f"{paths.schema_file(name + '.schema.json')} `{field}`") if description else ""
        yes = t("ref.yes" if required else "ref.no", lang)
        body.append(
            f"<tr><td>{_field_name(field)}</td><td>{escape(yes)}</td>"
            f"<td>{escape(_kind(node, lang))}</td><td>{escape(text)}</td></tr>"
        )
    return f'<table class="devex-reference"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def page(schemas: dict[str, dict[str, Any]], lang: str) -> Page:
    """`schemas` by file name (`opportunity.schema.json`), as site_builder.schemas reads them."""
    title = t("nav.format", lang)
    parts = [
        front_matter(title),
        block(heading(1, title)),
        block(f'<p class="devex-lead">{escape(t("ref.intro", lang))}</p>'),
    ]
    for kind, location in FILES:
        schema = schemas[f"{kind}.schema.json"]
        where = paths.schema_file(f"{kind}.schema.json")
        parts.append(block(heading(2, half(schema["title"], lang, where), ident=kind)))
        parts.append(
            block(
                f"<p><code>{escape(location)}</code> · "
                f"<code>{escape(where)}</code></p><p>{escape(half(schema['description'], lang, where))}</p>"
            )
        )
        parts.append(block(_table(kind, schema, lang)))
    return Page(paths.guide(lang, paths.FILE_FORMAT_GUIDE), lang, title, "\n".join(parts))
