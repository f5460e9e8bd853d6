"""JSON Schemas of the API's responses, derived from the result classes of `genenorm.models`.

The server keeps no hand-written copy of the output contract: every response body is built
by the library's own ``to_dict`` methods and writers, and its schema is read off the attrs
classes those methods serialise (field names, types, enums) by
`genenorm.records.component_schemas`, the same derivation as the JSON Schema of the JSONL
records (``genenorm schema``). A field added to a model appears in the OpenAPI document by
itself; ``additionalProperties`` stays open so that clients written against an older
document keep working (the contract only ever adds keys).
"""

from __future__ import annotations

from ..records import component_schemas

__all__ = ["component_schemas", "schema_ref"]


def schema_ref(cls: type) -> dict[str, str]:
    """A ``$ref`` to the component schema of an attrs class."""
    return {"$ref": f"#/components/schemas/{cls.__name__}"}
