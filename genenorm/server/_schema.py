"""JSON Schemas of the API's responses, derived from the result classes of `genenorm.models`.

The server keeps no hand-written copy of the output contract: every response body is built
by the library's own ``to_dict`` methods and writers, and its schema is read off the attrs
classes those methods serialise (field names, types, enums). A field added to a model appears
in the OpenAPI document by itself; ``additionalProperties`` stays open so that clients
written against an older document keep working (the contract only ever adds keys).
"""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

import attrs

__all__ = ["component_schemas", "schema_ref"]

#: Fields stored as ``tuple[tuple[str, str], ...]`` that ``to_dict`` writes as JSON objects.
_PAIR_TUPLE = tuple[tuple[str, str], ...]


def schema_ref(cls: type) -> dict[str, str]:
    """A ``$ref`` to the component schema of an attrs class."""
    return {"$ref": f"#/components/schemas/{cls.__name__}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _type_schema(tp: Any, found: dict[str, type]) -> dict[str, Any]:
    """The JSON Schema of one annotated type; attrs classes met on the way go to *found*."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        others = [a for a in args if a is not type(None)]
        inner = _type_schema(others[0], found) if len(others) == 1 else {}
        return _nullable(inner) if type(None) in args else inner
    if tp == _PAIR_TUPLE:
        return {"type": "object", "additionalProperties": {"type": "string"}}
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return {"type": "array", "items": _type_schema(args[0], found)}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"type": "string", "enum": [str(m.value) for m in tp]}
    if isinstance(tp, type) and attrs.has(tp):
        found.setdefault(tp.__name__, tp)
        return schema_ref(tp)
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if tp in simple:
        return {"type": simple[tp]}
    return {}  # anything else: any JSON value


def _class_schema(cls: type, found: dict[str, type]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    fields = [f for f in attrs.fields(cls) if f.init]
    return {
        "type": "object",
        "title": cls.__name__,
        "description": (cls.__doc__ or "").strip().split("\n")[0],
        "properties": {f.name: _type_schema(hints[f.name], found) for f in fields},
        "required": [f.name for f in fields],
        "additionalProperties": True,
    }


def component_schemas(*roots: type) -> dict[str, dict[str, Any]]:
    """Schemas of *roots* and of every attrs class they contain, by class name.

    Examples:
        >>> from genenorm.models import PageReport
        >>> schemas = component_schemas(PageReport)
        >>> sorted(schemas)
        ['Evidence', 'FigureOrganism', 'HitVerdict', 'KeywordVerdict', 'OrganismEvidence', 'PageReport', 'Reason', 'Suggestion']
        >>> schemas["KeywordVerdict"]["properties"]["verdict"]["anyOf"][0]["enum"]
        ['supported', 'uncertain', 'false_hit']
    """
    found: dict[str, type] = {cls.__name__: cls for cls in roots}
    done: dict[str, dict[str, Any]] = {}
    while len(done) < len(found):
        for name, cls in list(found.items()):
            if name not in done:
                done[name] = _class_schema(cls, found)
    return dict(sorted(done.items()))
