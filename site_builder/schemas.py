"""The JSON Schemas in `schema/`: the one source of shape, compiled once, with errors in plain language.

Validation runs on jsonschema-rs (compiled, several times faster than pure Python); each error's
`instance_path` is mapped back onto the YAML positions that `load` recorded. A schema node may carry an
`x-hint` annotation: the advice appended to any error at that node, so messages live beside the rule.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

from site_builder.model import Document, Problem, format_path

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
KINDS = ("opportunity", "award", "bids", "marketplace")
_TYPE_NAMES = {
    "object": "a mapping of fields",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "empty",
}


@cache
def schema_documents() -> dict[str, dict[str, Any]]:
    """Every schema file by its file name, read once."""
    return {path.name: json.loads(path.read_text("utf-8")) for path in sorted(SCHEMA_DIR.glob("*.schema.json"))}


@cache
def _validator(kind: str) -> Any:
    documents = schema_documents()
    registry = jsonschema_rs.Registry([(doc["$id"], doc) for doc in documents.values()])
    schema = documents[f"{kind}.schema.json"]
    return jsonschema_rs.Draft202012Validator(schema, validate_formats=True, registry=registry)


def check(document: Document, kind: str) -> list[Problem]:
    """Validate one loaded document against the schema of its kind; problems sorted by position."""
    problems: dict[tuple, Problem] = {}
    for error in _validator(kind).iter_errors(document.data):
        problem = _problem(document, kind, error)
        problems.setdefault(
            (
                problem.line,
                problem.col,
                problem.rule == "required",
                problem.message if problem.rule == "required" else "",
            ),
            problem,
        )
    return sorted(problems.values())


def _problem(document: Document, kind: str, error: Any) -> Problem:
    path = tuple(error.instance_path)
    name = error.kind.name
    details = error.kind.as_dict()
    node = _schema_node(kind, list(error.schema_path)[:-1])
    hint = node.get("x-hint") if isinstance(node, dict) else None
    field = f"`{format_path(path)}`" if path else "the file"
    if name == "required":
        missing = details.get("property") or _quoted(error.message)
        return document.problem(path, f"{field} is missing the required field `{missing}`: add it", rule="required")
    if name == "additionalProperties":
        return _unknown_fields(document, kind, path, details.get("unexpected") or [], node)
    if name == "propertyNames":
        key = _quoted(error.message)
        advice = _advice(hint or "write codes in lower case, such as esdc or python")
        return document.problem((*path, key), f"`{key}` is not an accepted code{advice}", key=True)
    described = (
        f"is {_show(error.instance)}, which is not accepted"
        if name == "enum" and hint
        else _describe(name, details, error.instance)
    )
    message = f"{field} {described}{_advice(hint)}"
    return document.problem(path, message, rule=name)


def _unknown_fields(document: Document, kind: str, path: tuple, unexpected: list[str], node: Any) -> Problem:
    key = sorted(unexpected)[0] if unexpected else "?"
    allowed = sorted((node or {}).get("properties", {})) if isinstance(node, dict) else []
    close = difflib.get_close_matches(key, allowed, n=1)
    advice = f": did you mean `{close[0]}`?" if close else f": remove it (accepted here: {', '.join(allowed)})"
    return document.problem((*path, key), f"`{key}` is not a field of {kind} files{advice}", key=True, rule="unknown")


def _describe(name: str, details: dict[str, Any], instance: Any) -> str:
    got = _show(instance)
    if name == "type":
        wanted = details.get("types") or []
        names = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in wanted)
        return f"must be {names}, not {_kind_of(instance)} {got}".rstrip()
    if name == "enum":
        return f"is {got}, which is not one of: {', '.join(map(str, details.get('options', [])))}"

    if name == "const":
        return f"must be {json.dumps(details.get('expected_value'))}, not {got}"
    if name in ("exclusiveMinimum", "minimum"):
        return (
            f"must be more than {details.get('limit')}"
            if name == "exclusiveMinimum"
            else f"must be at least {details.get('limit')}"
        )
    if name in ("exclusiveMaximum", "maximum"):
        return f"must be at most {details.get('limit')}"
    if name == "minLength":
        return "must not be empty"
    if name == "maxLength":
        return f"is too long (at most {details.get('limit')} characters)"
    if name == "minItems":
        return f"needs at least {details.get('limit')} item(s)"
    if name == "maxItems":
        return f"has too many items (at most {details.get('limit')})"
    if name == "minProperties":
        return "must not be empty"
    if name == "uniqueItems":
        return "lists the same item twice: remove the repeat"
    if name == "format":
        return f"is not a valid {details.get('format', 'value')}: {got}"
    if name == "pattern":
        return f"has the wrong form: {got}"
    return f"is not valid ({name})"


def _advice(hint: str | None) -> str:
    return f": {hint}" if hint else ""


def _kind_of(instance: Any) -> str:
    if instance is None:
        return "empty"
    if isinstance(instance, bool):
        return "true/false"
    if isinstance(instance, (int, float)):
        return "the number"
    if isinstance(instance, str):
        return "the text"
    return "a list" if isinstance(instance, list) else "a mapping"


def _show(instance: Any) -> str:
    if isinstance(instance, (dict, list)) or instance is None:
        return ""
    text = json.dumps(instance, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + '..."'


def _quoted(message: str) -> str:
    """The first quoted name in a validator message, for the few error kinds that carry no detail."""
    for quote in ('"', "'"):
        if quote in message:
            return message.split(quote)[1]
    return message


def _schema_node(kind: str, schema_path: list[Any]) -> Any:
    """The schema node an error came from. After a `$ref`, jsonschema-rs gives the path inside the
    referenced file, so the kind's own file is tried first, then the shared ones."""
    documents = schema_documents()
    own = f"{kind}.schema.json"
    for name in (own, *sorted(set(documents) - {own})):
        node = _walk(documents[name], schema_path, documents)
        if node is not None:
            return node
    return None


def _walk(node: Any, schema_path: list[Any], documents: dict[str, dict[str, Any]]) -> Any:
    for part in schema_path:
        node = _follow_ref(node, documents)
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            node = node[part]
        else:
            return None
    return _follow_ref(node, documents)


def _follow_ref(node: Any, documents: dict[str, dict[str, Any]]) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        file, _, pointer = node["$ref"].partition("#")
        target: Any = documents.get(file, {})
        for part in pointer.strip("/").split("/") if pointer else []:
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node
