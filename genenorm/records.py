"""Every output shape of genenorm, defined once: the JSONL records and their JSON Schema, the
TSV columns, the text table's columns and the pandas frames' columns.

The writers (`genenorm.report`), the command line, the frames (`genenorm.frames`), the Dask
helpers (`genenorm.scale`) and the HTTP server take their columns and records from here, so
that a column is named, ordered and typed in one place.

Shapes:

* **page record** (`page_record`): one JSONL line of ``genenorm check``, `PageReport.to_dict`
  then ``hit_tables`` and ``schema_version``;
* **hit row record** (`hit_records`): one JSONL line of ``genenorm check-hits``, the table's
  own columns (text) then `HIT_COLUMNS` (``reasons`` and ``support`` as reason objects,
  ``confidence`` a number) and ``schema_version``;
* **resolution record** (`resolution_record`): one JSONL line of ``genenorm resolve``,
  `Resolution.to_dict` then ``schema_version``.

New keys are appended, so that the keys of every older version keep their order.
* TSV rows: `KEYWORD_COLUMNS` (`keyword_rows`), `RESOLVE_COLUMNS` (`resolution_row`) and
  `HIT_COLUMNS` appended to a hit table (`hit_rows`);
* the text table's columns, `TABLE_COLUMNS`;
* frame columns (name → pandas dtype): `RESOLUTION_FRAME_COLUMNS`, `KEYWORD_FRAME_COLUMNS`,
  `HIT_FRAME_COLUMNS`, `ORGANISM_FRAME_COLUMNS`, `SUGGESTION_FRAME_COLUMNS`, and
  `HIT_VERDICT_DTYPES` for the columns ``scale.judge_hits`` appends.

`json_schema` is the JSON Schema (draft 2020-12) of the three JSONL records, printed by
``genenorm schema``; its object schemas are read off the attrs result classes of
`genenorm.models`, as the server's OpenAPI document is, so they cannot drift from
``to_dict``.

Examples:
    >>> from genenorm.records import SCHEMA_VERSION, json_schema
    >>> schema = json_schema()
    >>> schema["$defs"]["PageRecord"]["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    True
"""

from __future__ import annotations

import enum
import json
import types
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from json.encoder import encode_basestring
from operator import add, itemgetter
from typing import TYPE_CHECKING, Any, Final

import attrs

from .models import _round3

if TYPE_CHECKING:
    from .models import Resolution
    from .page_models import HitVerdict, PageReport, Reason

__all__ = [
    "HIT_COLUMNS",
    "HIT_FRAME_COLUMNS",
    "HIT_VERDICT_DTYPES",
    "ID_KEYS",
    "KEYWORD_COLUMNS",
    "KEYWORD_FRAME_COLUMNS",
    "ORGANISM_FRAME_COLUMNS",
    "RESOLUTION_FRAME_COLUMNS",
    "RESOLVE_COLUMNS",
    "SCHEMA_ID",
    "SCHEMA_VERSION",
    "SUGGESTION_FRAME_COLUMNS",
    "TABLE_COLUMNS",
    "component_schemas",
    "hit_cells",
    "hit_line_texts",
    "hit_record_texts",
    "hit_records",
    "hit_rows",
    "id_column",
    "json_schema",
    "json_text",
    "keyword_rows",
    "page_record",
    "resolution_record",
    "resolution_row",
]

#: Version of the JSONL records, written as ``schema_version`` in each of them. Raised only
#: when a key is removed, renamed or changes its JSON type; added keys keep it.
SCHEMA_VERSION: Final = 1
#: The ``$id`` of `json_schema`.
SCHEMA_ID: Final = f"https://genenorm.invalid/schema/records-v{SCHEMA_VERSION}.json"

#: One encoder for every JSONL record: ``json.dumps(record, ensure_ascii=False)`` makes a
#: new encoder per call; this one is made once and skips the check for circular references
#: (records are trees of dicts, lists and scalars). Same bytes.
_ENCODE = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def json_text(record: Mapping[str, Any]) -> str:
    """*record* as the text of one JSONL line, without the newline (write it separately: a
    page's record is tens of kilobytes, not worth copying to append one character): the
    text of ``json.dumps(record, ensure_ascii=False)``.

    Examples:
        >>> json_text({"query": "TNF-α", "symbol": "TNF", "score": 1.0})
        '{"query": "TNF-α", "symbol": "TNF", "score": 1.0}'
    """
    return _ENCODE(record)


# --------------------------------------------------------------------------- TSV and table

#: Columns of ``genenorm resolve`` (TSV): one row per term.
RESOLVE_COLUMNS: Final = (
    "query", "status", "symbol", "hgnc_id", "name", "locus_type", "entrez", "ensembl",
    "match", "family", "candidates", "source", "release",
)  # fmt: skip

#: Columns of ``genenorm check --format tsv`` (one row per keyword, then one per suggestion
#: with ``kind`` = ``suggestion``, and one per page error with ``kind`` = ``error``).
KEYWORD_COLUMNS: Final = (
    "figid", "path", "keyword", "kind", "verdict", "symbol", "hgnc_id", "status", "reasons",
    "details", "terms", "words", "ids", "confidence", "support", "matched_as",
)  # fmt: skip

#: The columns ``genenorm check-hits`` (and ``scale.judge_hits``) append to every row of a
#: hit table, with their pandas dtypes.
HIT_VERDICT_DTYPES: Final[Mapping[str, str]] = {
    "verdict": "category",
    "reasons": "string",
    "current_symbol": "string",
    "hgnc_id": "string",
    "confidence": "Float64",
    "support": "string",
}
#: Columns appended by ``genenorm check-hits`` to every row of a hit table.
HIT_COLUMNS: Final = tuple(HIT_VERDICT_DTYPES)

#: Columns of ``genenorm check --format table`` (its header line): the last column holds the
#: identifiers of a chemical, or the reasons of a gene.
TABLE_COLUMNS: Final = ("keyword", "kind", "verdict", "symbol", "ids or reasons")

# --------------------------------------------------------------------------- frames

#: Keys of `KeywordVerdict.ids`, each a column of the keywords frame.
ID_KEYS: Final = (
    "ncbigene", "ensembl", "famplex", "mesh", "chebi", "drugbank", "seed.compound"
)  # fmt: skip


def id_column(key: str) -> str:
    """The frame column of an `ids` key: the key, dots made underscores (``seed_compound``)."""
    return key.replace(".", "_")


#: Columns of `genenorm.frames.resolutions_frame`: one row per `Resolution`.
RESOLUTION_FRAME_COLUMNS: Final[Mapping[str, str]] = {
    "query": "string",
    "status": "category",
    "symbol": "string",
    "hgnc_id": "string",
    "name": "string",
    "locus_type": "string",
    "entrez": "string",
    "ensembl": "string",
    "match": "category",
    "family": "string",
    "candidates": "string",
    "n_candidates": "Int64",
    "is_gene": "boolean",
    "source": "string",
    "release": "string",
}

#: Columns of `genenorm.frames.keywords_frame`: one row per `KeywordVerdict`.
KEYWORD_FRAME_COLUMNS: Final[Mapping[str, str]] = {
    "figid": "string",
    "path": "string",
    "position": "Int64",
    "keyword": "string",
    "kind": "category",
    "verdict": "category",
    "symbol": "string",
    "hgnc_id": "string",
    "status": "category",
    "reasons": "string",
    "reason_details": "string",
    "terms": "string",
    "words": "string",
    "mentions": "string",
    "siblings": "string",
    **dict.fromkeys((id_column(k) for k in ID_KEYS), "string"),
    "confidence": "Float64",
    "support": "string",
    "matched_as": "category",
}

#: Columns of `genenorm.frames.hits_frame`: one row per `HitVerdict`.
HIT_FRAME_COLUMNS: Final[Mapping[str, str]] = {
    "figid": "string",
    "path": "string",
    "row": "Int64",
    "organism_id": "string",
    "gene_id": "string",
    "word": "string",
    "match": "string",
    "source": "string",
    "symbol": "string",
    "current_symbol": "string",
    "hgnc_id": "string",
    "verdict": "category",
    "reasons": "string",
    "reason_details": "string",
    "confidence": "Float64",
    "support": "string",
    "matched_as": "category",
}

#: Columns of `genenorm.frames.organisms_frame`: one row per `FigureOrganism` of a page.
ORGANISM_FRAME_COLUMNS: Final[Mapping[str, str]] = {
    "figid": "string",
    "path": "string",
    "taxon": "string",
    "name": "string",
    "group": "category",
    "score": "Float64",
    "evidence": "string",
}

#: Columns of `genenorm.frames.suggestions_frame`: one row per `Suggestion`.
SUGGESTION_FRAME_COLUMNS: Final[Mapping[str, str]] = {
    "figid": "string",
    "path": "string",
    "symbol": "string",
    "hgnc_id": "string",
    "text": "string",
    "start": "Int64",
    "end": "Int64",
}

# --------------------------------------------------------------------------- rows


def _confidence_text(value: float | None) -> str | None:
    """A confidence as written in TSV: three decimals."""
    return None if value is None else f"{value:.3f}"


def _codes(reasons: Iterable[Reason]) -> str:
    return ",".join(r.code for r in reasons)


def resolution_row(r: Resolution) -> list[object]:
    """The TSV row of one resolution (columns `RESOLVE_COLUMNS`)."""
    cands = "|".join(f"{c.symbol}({c.relation})" for c in r.candidates)
    return [
        r.query, r.status, r.symbol, r.hgnc_id, r.name, r.locus_type, r.entrez, r.ensembl,
        r.match, r.family, cands, r.source, r.release,
    ]  # fmt: skip


def keyword_rows(report: PageReport) -> list[list[object]]:
    """The TSV rows of one page report (columns `KEYWORD_COLUMNS`)."""
    rows: list[list[object]] = []
    for k in report.keywords:
        rows.append(
            [
                report.figid, report.path, k.keyword, k.kind, k.verdict, k.symbol, k.hgnc_id,
                k.status, _codes(k.reasons), " | ".join(r.detail for r in k.reasons),
                ",".join(k.evidence.terms), ",".join(k.evidence.words),
                ",".join(f"{a}:{b}" for a, b in k.ids), _confidence_text(k.confidence),
                _codes(k.support), k.matched_as,
            ]
        )  # fmt: skip
    tail: list[object] = [None] * 6  # terms … matched_as
    for s in report.suggestions:
        where = f"named in the text at {s.start}-{s.end}"
        rows.append(
            [report.figid, report.path, s.text, "suggestion", None, s.symbol, s.hgnc_id, None,
             None, where, *tail]
        )  # fmt: skip
    for e in report.errors:
        rows.append([report.figid, report.path, None, "error", *[None] * 5, e, *tail])
    return rows


def hit_rows(
    columns: Sequence[str],
    raw_rows: Sequence[Sequence[tuple[str, str]]],
    verdicts: Sequence[HitVerdict],
) -> Iterable[dict[str, Any]]:
    """Every original hit row with `HIT_COLUMNS` appended as text (the TSV form), as dicts in
    column order."""
    wanted = frozenset(columns)
    for raw, v in zip(raw_rows, verdicts, strict=True):
        row = _original(columns, raw, wanted)
        row["verdict"] = str(v.verdict)
        row["reasons"] = _codes(v.reasons)
        row["current_symbol"] = v.current_symbol
        row["hgnc_id"] = v.hgnc_id
        row["confidence"] = _confidence_text(v.confidence)
        row["support"] = _codes(v.support)
        yield row


def hit_cells(
    columns: Sequence[str],
    raw_rows: Sequence[Sequence[tuple[str, str]]],
    verdicts: Sequence[HitVerdict],
) -> Iterator[list[str | None]]:
    """The cells of `hit_rows`, as lists in the order of *columns* then `HIT_COLUMNS` (the
    TSV form: ``row.get(c)`` for each of those columns), built from the fields directly when
    a row holds exactly *columns* in order and no column is one of `HIT_COLUMNS`."""
    out_columns = [*columns, *HIT_COLUMNS]
    if not _plain_columns(columns):
        for row in hit_rows(columns, raw_rows, verdicts):
            yield [row.get(c) for c in out_columns]
        return
    columns = tuple(columns)
    wanted = frozenset(columns)
    first, second = _first, _second
    verdict_texts: dict[object, str] = {}
    for raw, v in zip(raw_rows, verdicts, strict=True):
        cells: list[str | None]
        if tuple(map(first, raw)) == columns:
            cells = list(map(second, raw))
        else:
            row = _original(columns, raw, wanted)
            cells = [row.get(c) for c in columns]
        verdict = verdict_texts.get(v.verdict)
        if verdict is None:
            verdict = verdict_texts[v.verdict] = str(v.verdict)
        reasons, support, confidence = v.reasons, v.support, v.confidence
        cells += (
            verdict,
            ",".join([r.code for r in reasons]) if reasons else "",  # `_codes`
            v.current_symbol,
            v.hgnc_id,
            None if confidence is None else f"{confidence:.3f}",  # `_confidence_text`
            ",".join([r.code for r in support]) if support else "",
        )
        yield cells


def hit_line_texts(
    columns: Sequence[str],
    lines: Sequence[str | Sequence[str]],
    verdicts: Sequence[HitVerdict],
) -> Iterator[str | None]:
    """For each row kept as its line (its cells joined by tabs, as
    `genenorm.pfocr.HitRows` keeps them), the text of its `hit_cells` joined by tabs
    (``None`` cells empty) without splitting the line into cells to join them back; ``None``
    for a row kept as a list, or whose line does not hold exactly *columns*' cells, and for
    every row when a column is not plain (`hit_cells` must place their cells then)."""
    if not _plain_columns(columns):
        yield from (None for _ in verdicts)
        return
    tabs = len(columns) - 1
    verdict_texts: dict[object, str] = {}
    for line, v in zip(lines, verdicts, strict=True):
        if not isinstance(line, str) or line.count("\t") != tabs:
            yield None
            continue
        verdict = verdict_texts.get(v.verdict)
        if verdict is None:
            verdict = verdict_texts[v.verdict] = str(v.verdict)
        reasons, support, confidence = v.reasons, v.support, v.confidence
        yield "\t".join(
            (
                line,
                verdict,
                ",".join([r.code for r in reasons]) if reasons else "",  # `_codes`
                v.current_symbol or "",
                v.hgnc_id or "",
                "" if confidence is None else f"{confidence:.3f}",  # `_confidence_text`
                ",".join([r.code for r in support]) if support else "",
            )
        )


def _plain_columns(columns: Sequence[str]) -> bool:
    """No column twice, and none that a hit row record or row adds (`HIT_COLUMNS`,
    ``schema_version``): the row's own cells keep their places, the judged ones follow."""
    return len(set(columns)) == len(columns) and not _ADDED.intersection(columns)


_ADDED = frozenset({*HIT_COLUMNS, "schema_version"})


_first, _second = itemgetter(0), itemgetter(1)


def _original(
    columns: Sequence[str], raw: Sequence[tuple[str, str]], wanted: frozenset[str]
) -> dict[str, Any]:
    """The row's own cells, then an empty cell for every column of *columns* (whose set is
    *wanted*) that it lacks."""
    row: dict[str, Any] = dict(raw)
    if not row.keys() >= wanted:
        for c in columns:
            row.setdefault(c, "")
    return row


# --------------------------------------------------------------------------- JSONL records


def page_record(report: PageReport, *, hit_tables: Sequence[str] = ()) -> dict[str, Any]:
    """One JSONL line of ``genenorm check``: `PageReport.to_dict`, then ``hit_tables`` (the
    tables the page's hits were read from, paths as found) and ``schema_version``."""
    record = report.to_dict()
    record["hit_tables"] = list(hit_tables)
    record["schema_version"] = SCHEMA_VERSION
    return record


def resolution_record(r: Resolution) -> dict[str, Any]:
    """One JSONL line of ``genenorm resolve``: `Resolution.to_dict`, then ``schema_version``."""
    return {**r.to_dict(), "schema_version": SCHEMA_VERSION}


def hit_records(
    columns: Sequence[str],
    raw_rows: Sequence[Sequence[tuple[str, str]]],
    verdicts: Sequence[HitVerdict],
) -> Iterable[dict[str, Any]]:
    """The JSONL lines of ``genenorm check-hits``: the table's own columns (text, in order),
    then `HIT_COLUMNS` as in `HitVerdict.to_dict` (``reasons`` and ``support`` are lists of
    reason objects, ``confidence`` is a number), then ``schema_version``."""
    wanted = frozenset(columns)
    for raw, v in zip(raw_rows, verdicts, strict=True):
        row = _original(columns, raw, wanted)
        row.update(v.judged())  # `HIT_COLUMNS`, without building the rest of `to_dict`
        row["schema_version"] = SCHEMA_VERSION
        yield row


def hit_record_texts(
    columns: Sequence[str],
    raw_rows: Sequence[Sequence[tuple[str, str]]],
    verdicts: Sequence[HitVerdict],
) -> Iterator[str]:
    """`json_text` of each of `hit_records`, the same text, written from the fields directly
    (without the record's dicts and lists) when a row holds exactly *columns* in order and no
    column is one that the record adds."""
    if not _plain_columns(columns):
        for record in hit_records(columns, raw_rows, verdicts):
            yield json_text(record)
        return
    enc = encode_basestring  # what `json_text`'s encoder writes a string with
    columns = tuple(columns)
    keys = [enc(c) + ": " for c in columns]
    wanted = frozenset(columns)
    first, second = _first, _second
    verdict_texts: dict[object, str] = {}
    reason_texts: dict[object, str] = {}
    for raw, v in zip(raw_rows, verdicts, strict=True):
        if tuple(map(first, raw)) == columns:
            own = ", ".join(map(add, keys, map(enc, map(second, raw))))
        else:
            row = _original(columns, raw, wanted)
            own = ", ".join([enc(k) + ": " + enc(value) for k, value in row.items()])
        verdict = verdict_texts.get(v.verdict)
        if verdict is None:
            verdict = verdict_texts[v.verdict] = enc(str(v.verdict))
        symbol, hgnc_id, confidence = v.current_symbol, v.hgnc_id, v.confidence
        yield (
            f'{{{own}{", " if own else ""}"verdict": {verdict}, '
            f'"reasons": [{_reason_texts(v.reasons, reason_texts)}], '
            f'"current_symbol": {"null" if symbol is None else enc(symbol)}, '
            f'"hgnc_id": {"null" if hgnc_id is None else enc(hgnc_id)}, '
            f'"confidence": {"null" if confidence is None else _json_float(confidence)}, '
            f'"support": [{_reason_texts(v.support, reason_texts)}], '
            f'"schema_version": {SCHEMA_VERSION}}}'
        )


def _reason_texts(reasons: Sequence[Reason], codes: dict[object, str]) -> str:
    """The JSON of `Reason.to_dict` of each reason, comma-separated (*codes*: the text before
    the detail, by reason code, filled as met)."""
    if not reasons:
        return ""
    enc = encode_basestring
    parts = []
    for r in reasons:
        head = codes.get(r.code)
        if head is None:
            head = codes[r.code] = f'{{"code": {enc(str(r.code))}, "detail": '
        parts.append(f'{head}{enc(r.detail)}, "weight": {_json_float(r.weight)}}}')
    return ", ".join(parts)


#: What `json_text` writes for the floats that ``repr`` writes otherwise.
_NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


#: `_json_float` of the weights and confidences met so far: a few hundred distinct values
#: (716 in the 2020 hit table's 226,954), each written many times.
_FLOAT_TEXTS: dict[float, str] = {}


def _json_float(x: float) -> str:
    """`json_text` of ``_round3(x)`` (a rounded weight or confidence, as ``to_dict`` has it),
    memoised for floats (as `_round3`, not ``0.0`` and ``-0.0``, equal keys written
    differently; nor NaN; nor an int, equal to a float written otherwise)."""
    text = _FLOAT_TEXTS.get(x) if type(x) is float else None
    if text is None:
        text = repr(_round3(x))
        text = _NON_FINITE.get(text, text)
        if x and x == x and type(x) is float and len(_FLOAT_TEXTS) < 65_536:
            _FLOAT_TEXTS[x] = text
    return text


# --------------------------------------------------------------------------- JSON Schema

#: Fields stored as ``tuple[tuple[str, str], ...]`` that ``to_dict`` writes as JSON objects.
_PAIR_TUPLE = tuple[tuple[str, str], ...]


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _type_schema(tp: Any, found: dict[str, type], ref: str) -> dict[str, Any]:
    """The JSON Schema of one annotated type; attrs classes met on the way go to *found*."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        others = [a for a in args if a is not type(None)]
        inner = _type_schema(others[0], found, ref) if len(others) == 1 else {}
        return _nullable(inner) if type(None) in args else inner
    if tp == _PAIR_TUPLE:
        return {"type": "object", "additionalProperties": {"type": "string"}}
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return {"type": "array", "items": _type_schema(args[0], found, ref)}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"type": "string", "enum": [str(m.value) for m in tp]}
    if isinstance(tp, type) and attrs.has(tp):
        found.setdefault(tp.__name__, tp)
        return {"$ref": f"{ref}{tp.__name__}"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if tp in simple:
        return {"type": simple[tp]}
    return {}  # anything else: any JSON value


def _class_schema(cls: type, found: dict[str, type], ref: str) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    fields = [f for f in attrs.fields(cls) if f.init]
    return {
        "type": "object",
        "title": cls.__name__,
        "description": (cls.__doc__ or "").strip().split("\n")[0],
        "properties": {f.name: _type_schema(hints[f.name], found, ref) for f in fields},
        "required": [f.name for f in fields],
        "additionalProperties": True,
    }


def component_schemas(
    *roots: type, ref: str = "#/components/schemas/"
) -> dict[str, dict[str, Any]]:
    """JSON Schemas of the ``to_dict`` form of *roots* and of every attrs class they contain,
    by class name, read off their attrs fields; references to each other start with *ref*.

    ``additionalProperties`` stays open: the contract only ever adds keys.

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
                done[name] = _class_schema(cls, found, ref)
    return dict(sorted(done.items()))


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of every JSONL record genenorm writes.

    A record is one of ``$defs/PageRecord`` (``genenorm check``), ``$defs/HitRowRecord``
    (``genenorm check-hits``) or ``$defs/ResolutionRecord`` (``genenorm resolve``); each
    carries ``schema_version`` = `SCHEMA_VERSION`.
    """
    from .models import Resolution
    from .page_models import HitVerdict, PageReport

    ref = "#/$defs/"
    defs = component_schemas(PageReport, Resolution, HitVerdict, ref=ref)
    version = {
        "type": "integer",
        "const": SCHEMA_VERSION,
        "description": "version of the record shape; raised only when a key is removed, "
        "renamed or changes its JSON type",
    }

    def record(base: str, title: str, extra: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "title": title,
            "allOf": [{"$ref": f"{ref}{base}"}],
            "type": "object",
            "properties": {"schema_version": version, **extra},
            "required": ["schema_version", *extra],
        }

    defs["PageRecord"] = record(
        "PageReport",
        "One line of `genenorm check --format jsonl`: a page report",
        {
            "hit_tables": {
                "type": "array",
                "items": {"type": "string"},
                "description": "the hit tables the page's hits were read from (`--hits`, "
                "or the page's `_data/<figid>-genes.tsv`, `-chemicals.tsv`, `-diseases.tsv`); "
                "empty when none was used",
            }
        },
    )
    defs["ResolutionRecord"] = record(
        "Resolution", "One line of `genenorm resolve --format jsonl`: a resolution", {}
    )
    verdict_props = defs["HitVerdict"]["properties"]
    defs["HitRowRecord"] = {
        "title": "One line of `genenorm check-hits --format jsonl`: a hit table row and its verdict",
        "type": "object",
        "properties": {
            "schema_version": version,
            **{c: verdict_props[c] for c in HIT_COLUMNS},
        },
        "required": ["schema_version", *HIT_COLUMNS],
        "additionalProperties": {
            "type": "string",
            "description": "the hit table's own columns, as text",
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "genenorm JSONL records",
        "description": "Every line genenorm writes with --format jsonl is one of these records.",
        "anyOf": [
            {"$ref": f"{ref}PageRecord"},
            {"$ref": f"{ref}HitRowRecord"},
            {"$ref": f"{ref}ResolutionRecord"},
        ],
        "$defs": defs,
    }
