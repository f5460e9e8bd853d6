"""A local MyGene.info-compatible HTTP server, for testing code that talks to MyGene.info.

The server speaks the subset of MyGene.info v3 that the unmodified ``mygene`` client uses
(``POST /v3/query``, ``GET /v3/query``, ``POST /v3/gene``, ``GET /v3/gene/<id>``,
``GET /v3/metadata``), with the same argument parsing, field shapes and quirks: previous
symbols folded into ``alias``, ``alias`` a string when there is one and a list otherwise,
``ensembl`` a dict or a list of dicts, ``HGNC`` a bare number, and an alias hit that can
outrank the exact symbol (``ROR1`` gives RORA first, as the real service does).

Its documents are built from the genenorm snapshot (one per approved HGNC gene with an NCBI
Gene ID) plus a few real recorded documents. Tests can script faults (HTTP errors with or
without ``Retry-After``, HTML bodies, stalls, connection resets), add latency to every request
and count requests through a log.

It uses only the standard library (and genenorm), binds to ``127.0.0.1`` on an ephemeral port,
and runs in background threads::

    with MyGeneServer() as server:
        source = MyGeneSource(server.url)
        server.inject(Fault.error(503), count=2)
        ...
        assert server.count("/v3/query") == 3

Documents are shared between servers and must be treated as read-only.
"""

from __future__ import annotations

import contextlib
import copy
import fnmatch
import functools
import json
import logging
import re
import shlex
import socket
import struct
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import attrs

__all__ = [
    "DEFAULT_METADATA",
    "PINNED_SCORES",
    "RECORDED_DOCUMENTS",
    "Fault",
    "MyGeneServer",
    "RecordedRequest",
    "snapshot_documents",
]

logger = logging.getLogger(__name__)

Document = dict[str, Any]

#: ``GET /v3/metadata`` of the test server: the real build 20210517 (contract example 10),
#: reduced to what clients read.
DEFAULT_METADATA: dict[str, Any] = {
    "biothing_type": "gene",
    "build_date": "2021-05-17T23:30:04.024669",
    "build_version": "20210517",
    "genome_assembly": {
        "human": "hg38", "mouse": "mm39", "rat": "rn6", "fruitfly": "dm6", "nematode": "ce11",
        "zebrafish": "danRer11", "thale-cress": "araTha1", "frog": "xenTro9", "pig": "susScr11",
    },
    "src": {
        "entrez": {
            "stats": {
                "entrez_accession": 32171067, "entrez_gene": 32266784, "entrez_genomic_pos": 907472,
                "entrez_go": 196381, "entrez_refseq": 32149997, "entrez_retired": 394690,
            },
            "version": "20210514",
        },
    },
    "stats": {
        "total": 44146548, "total_ensembl_genes": 46536851,
        "total_ensembl_genes_mapped_to_entrez": 6000867, "total_ensembl_only_genes": 11879764,
        "total_entrez_genes": 32266784, "total_genes": 44146548, "total_species": 32834,
    },
    "taxonomy": {
        "human": 9606, "mouse": 10090, "rat": 10116, "fruitfly": 7227, "nematode": 6239,
        "zebrafish": 7955, "thale-cress": 3702, "frog": 8364, "pig": 9823,
    },
}  # fmt: skip

#: Real documents from the recorded examples; they replace the snapshot-built document with
#: the same ``_id`` (real NCBI alias lists) or add genes the snapshot lacks.
RECORDED_DOCUMENTS: tuple[Document, ...] = (
    # mygene.info@64d38f5d test fixture (build 20210517): entrezgene as a *string*.
    {
        "_id": "1017", "symbol": "CDK2", "name": "cyclin dependent kinase 2",
        "alias": ["CDKN2", "p33(CDK2)"], "HGNC": "1771", "MIM": "116953", "entrezgene": "1017",
        "taxid": 9606, "type_of_gene": "protein-coding", "map_location": "12q13.2",
        "ensembl": {"gene": "ENSG00000123374", "type_of_gene": "protein_coding"},
    },
    # biothings_annotator recordings (2024): real NCBI alias lists, in code-point order.
    {
        "_id": "1081", "symbol": "CGA", "name": "glycoprotein hormones, alpha polypeptide",
        "alias": ["CG-ALPHA", "FSHA", "GPA1", "GPHA1", "GPHa", "HCG", "LHA", "TSHA"],
        "HGNC": "1885", "MIM": "118850", "entrezgene": "1081", "taxid": 9606,
        "type_of_gene": "protein-coding", "ensembl": {"gene": "ENSG00000135346"},
    },
    {
        "_id": "1411", "symbol": "CRYBA1", "name": "crystallin beta A1",
        "alias": ["CRYB1", "CTRCT10"], "HGNC": "2394", "MIM": "123610", "entrezgene": "1411",
        "taxid": 9606, "type_of_gene": "protein-coding", "ensembl": {"gene": "ENSG00000108255"},
    },
    # mygene.info#138: an Ensembl-only human gene (no symbol, no HGNC) ...
    {"_id": "ENSG00000283341", "taxid": 9606, "ensembl": {"type_of_gene": "lncRNA"}},
    # ... and non-human genes: an alias as a single string, a retired ID.
    {
        "_id": "42290922", "symbol": "sleB", "name": "spore cortex-lytic enzyme",
        "alias": "AF331_03145", "entrezgene": "42290922", "taxid": 189381,
        "type_of_gene": "protein-coding", "locus_tag": "AF331_RS03130",
    },
    {
        "_id": "102931687", "symbol": "LOC102931687", "name": "flavin-containing monooxygenase 5",
        "entrezgene": "102931687", "taxid": 8469, "type_of_gene": "protein-coding",
        "retired": 102938628, "locus_tag": "UY3_08384",
    },
)  # fmt: skip

#: Scores pinned per (lower-cased term, ``_id``): mygene.py#29, where the alias hit RORA
#: outranks the exact symbol ROR1 in ``querymany``.
PINNED_SCORES: dict[tuple[str, str], float] = {
    ("ror1", "6095"): 20.448282,
    ("ror1", "4919"): 17.575073,
}

_SPECIES = {
    "human": "9606", "mouse": "10090", "rat": "10116", "fruitfly": "7227", "nematode": "6239",
    "zebrafish": "7955", "thale-cress": "3702", "frog": "8364", "pig": "9823",
}  # fmt: skip
_DEFAULT_SCOPES = ("_id", "entrezgene", "ensembl.gene", "retired")
_DEFAULT_QUERY_FIELDS = ("name", "symbol", "taxid", "entrezgene")
_SCOPE_REWRITES = {
    "ensemblgene": "ensembl.gene", "hgnc": "HGNC", "mim": "MIM", "refseq": "refseq_agg",
    "accession": "accession_agg", "uniprot": "uniprot.*", "reporter": "reporter.*",
}  # fmt: skip
_TRUE = frozenset({"1", "true", "yes", "y", "t"})
_SPLIT_CHARS = " \t\n\x0b\x0c\r|,+"

# HGNC locus types → NCBI type_of_gene.
_TYPE_OF_GENE = {
    "gene with protein product": "protein-coding", "RNA, ribosomal": "rRNA",
    "RNA, transfer": "tRNA", "RNA, small nucleolar": "snoRNA", "RNA, small nuclear": "snRNA",
    "RNA, misc": "miscRNA", "unknown": "unknown", "region": "biological-region",
}  # fmt: skip


# --------------------------------------------------------------------------- documents


def _type_of_gene(locus_type: str) -> str:
    if locus_type in _TYPE_OF_GENE:
        return _TYPE_OF_GENE[locus_type]
    if locus_type.startswith("RNA"):
        return "ncRNA"
    if "pseudogene" in locus_type:
        return "pseudo"
    return "other"


@functools.cache
def _snapshot_documents(data_dir: str | None) -> tuple[Document, ...]:
    from .lexicon import Lexicon, default_lexicon

    lexicon = default_lexicon() if data_dir is None else Lexicon.from_dir(data_dir)
    docs: list[Document] = []
    for gene in lexicon.genes:
        if gene.status != "approved" or not gene.entrez:
            continue
        number = gene.hgnc_id.removeprefix("HGNC:")
        doc: Document = {
            "_id": gene.entrez,
            "symbol": gene.symbol,
            "name": gene.name,
            "HGNC": number,
            "entrezgene": int(gene.entrez),
            "taxid": 9606,
            "type_of_gene": _type_of_gene(gene.locus_type),
        }
        synonyms = sorted(set(gene.aliases) | set(gene.previous))
        if len(synonyms) == 1:
            doc["alias"] = synonyms[0]
        elif synonyms:
            doc["alias"] = synonyms
        if gene.ensembl:
            if gene.symbol == "FLOT1" or int(number) % 500 == 0:
                # a few genes on alternate haplotypes: a list, the alternate ID first
                alternate = "ENSG99" + gene.ensembl.removeprefix("ENSG00")
                doc["ensembl"] = [{"gene": alternate}, {"gene": gene.ensembl}]
            else:
                doc["ensembl"] = {"gene": gene.ensembl}
        docs.append(doc)
    by_id = {d["_id"]: i for i, d in enumerate(docs)}
    for recorded in RECORDED_DOCUMENTS:
        i = by_id.get(recorded["_id"])
        if i is None:
            docs.append(recorded)
        else:
            docs[i] = recorded
    return tuple(docs)


def snapshot_documents(data_dir: str | Path | None = None) -> tuple[Document, ...]:
    """MyGene.info-shaped human gene documents built from a genenorm snapshot.

    One document per approved HGNC gene with an NCBI Gene ID: ``_id`` (the Entrez ID),
    ``symbol``, ``name``, ``alias`` (aliases and previous symbols together, as MyGene.info
    serves them: a string when there is one, a sorted list otherwise, absent when none),
    ``HGNC`` (the bare number), ``entrezgene`` (an int), ``ensembl`` (``{"gene": …}``, or a
    list of such dicts for FLOT1 and every gene whose HGNC number is a multiple of 500, the
    first element an invented alternate-haplotype ID), ``type_of_gene`` and ``taxid`` 9606.
    `RECORDED_DOCUMENTS` replace or extend them. Built once per data directory.

    Args:
        data_dir: a genenorm data directory (default: the snapshot in use).

    Returns:
        The documents; shared, so never modify them.
    """
    return _snapshot_documents(None if data_dir is None else str(data_dir))


# --------------------------------------------------------------------------- faults and log


@attrs.frozen
class Fault:
    """A scripted response that replaces (or delays) the normal one.

    Build faults with the class methods; the fields combine: the server first waits
    ``stall`` seconds, then resets the connection (``reset``), sends ``status`` with
    ``body``, or, when ``status`` is ``None``, answers normally.
    """

    #: HTTP status to send instead of the normal answer (``None``: the normal answer).
    status: int | None = None
    body: bytes = b""
    content_type: str = "application/json; charset=UTF-8"
    headers: tuple[tuple[str, str], ...] = ()
    #: Seconds to wait before answering.
    stall: float = 0.0
    #: Reset the TCP connection instead of answering.
    reset: bool = False
    #: Seconds between the bytes of the answer, sent one at a time (0: all at once).
    drip: float = 0.0
    #: With ``drip``, drip the status line and headers too (else only the body).
    drip_headers: bool = False
    #: Send a generated 200 body of this many bytes instead (streamed, never held whole).
    size: int = 0
    #: With ``size``: declare ``Content-Length`` (else close the connection to end the body).
    declare_length: bool = True
    #: With ``size``: gzip the generated body (``Content-Encoding: gzip``, a compression bomb).
    gzip: bool = False

    @classmethod
    def error(cls, status: int, *, retry_after: str | float | None = None) -> Fault:
        """A MyGene.info-style JSON error (``{"code", "success", "error"}``).

        Args:
            status: the HTTP status, e.g. 429, 500, 503.
            retry_after: value of a ``Retry-After`` header (seconds or an HTTP date).
        """
        reason = {429: "Too Many Requests", 500: "N/A", 503: "Service Unavailable"}.get(
            status, "Error"
        )
        body = json.dumps({"code": status, "success": False, "error": reason}).encode()
        headers = () if retry_after is None else (("Retry-After", str(retry_after)),)
        return cls(status=status, body=body, headers=headers)

    @classmethod
    def html(cls, status: int = 502) -> Fault:
        """An HTML page, as a front proxy sends (``502 Bad Gateway``), or with status 200."""
        title = "200 OK" if status == 200 else f"{status} Bad Gateway"
        body = f"<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>"
        return cls(status=status, body=body.encode(), content_type="text/html")

    @classmethod
    def json(cls, payload: object, status: int = 200) -> Fault:
        """Any JSON body, e.g. an object where the client expects an array."""
        return cls(status=status, body=json.dumps(payload).encode())

    @classmethod
    def delay(cls, seconds: float) -> Fault:
        """Stall *seconds* before the normal answer (beyond a client timeout: a timeout)."""
        return cls(stall=seconds)

    @classmethod
    def slow_drip(cls, seconds_per_byte: float, *, headers: bool = False) -> Fault:
        """The normal answer, one byte every *seconds_per_byte* (a read timeout never trips).

        Args:
            seconds_per_byte: the wait before each byte.
            headers: drip the status line and headers too, not only the body.
        """
        return cls(drip=seconds_per_byte, drip_headers=headers)

    @classmethod
    def huge(cls, size: int, *, declare_length: bool = True, gzip: bool = False) -> Fault:
        """A 200 answer with a body of *size* bytes (white space: valid JSON padding).

        Args:
            size: body length (decoded, with *gzip*); the server streams it in 64 KiB parts.
            declare_length: send ``Content-Length`` (without it the connection closes at the
                end of the body).
            gzip: send the body gzip-compressed (about 1,000 times smaller on the wire).
        """
        return cls(status=200, size=size, declare_length=declare_length, gzip=gzip)

    @classmethod
    def connection_reset(cls) -> Fault:
        """Read the request, then reset the connection without answering."""
        return cls(reset=True)


@attrs.frozen
class RecordedRequest:
    """One request the server received."""

    method: str
    #: Path without the query string, e.g. ``/v3/query/``.
    path: str
    #: Number of query terms (``q`` of POST ``/query``) or ids (``ids`` of POST ``/gene``).
    terms: int
    #: Merged parameters (query string and form), as sent.
    params: tuple[tuple[str, str], ...] = ()
    #: The scripted fault applied, if any.
    fault: Fault | None = None


# --------------------------------------------------------------------------- parsing


class _BadRequestError(Exception):
    def __init__(self, body: Mapping[str, Any], status: int = 400) -> None:
        super().__init__(body.get("error"))
        self.body = {"code": status, "success": False, **body}
        self.status = status


def _split_ids(value: str, keyword: str = "q") -> list[str]:
    """MyGene.info's ``split_ids``: shlex, POSIX mode, ``|,+`` and space as separators."""
    lexer = shlex.shlex(value, posix=True)
    lexer.whitespace = _SPLIT_CHARS
    lexer.whitespace_split = True
    lexer.commenters = ""
    try:
        tokens = list(lexer)
    except ValueError as err:
        raise _BadRequestError(
            {"error": "Bad Request", "keyword": keyword, "reason": str(err)}
        ) from None
    return [t.strip() for t in tokens if t.strip()]


def _bool(value: str | None, *, get: bool) -> bool:
    if value is None:
        return False
    if value == "":
        return get
    try:
        return float(value) > 0
    except ValueError:
        return value.lower() in _TRUE


def _int(params: Mapping[str, str], names: Sequence[str], default: int, maximum: int) -> int:
    for name in names:
        if name in params:
            raw = params[name]
            try:
                value = int(raw)
            except ValueError:
                raise _BadRequestError(
                    {"error": "Bad Request", "keyword": names[0], "reason": "Expect type int."}
                ) from None
            if value > maximum:
                body: dict[str, Any] = {
                    "error": "Bad Request", "keyword": names[0], "max": maximum, "num": value,
                }  # fmt: skip
                if len(names) > 1:
                    body["alias"] = names[1]
                raise _BadRequestError(body)
            return value
    return default


def _taxids(params: Mapping[str, str]) -> frozenset[str] | None:
    items = _split_ids(params.get("species", "all"), "species")
    out: set[str] = set()
    for item in items:
        if item.lower() == "all":
            return None
        for name, taxid in _SPECIES.items():
            item = re.sub(re.escape(name), taxid, item, flags=re.IGNORECASE)
        if not item.isdigit():
            raise _BadRequestError({"error": "cannot map some species to taxids."})
        out.add(item)
    return frozenset(out)


def _leaves(value: Any, parts: Sequence[str]) -> Iterator[Any]:
    """Every leaf value at a dotted path, through dicts and lists of dicts."""
    if isinstance(value, list):
        for element in value:
            yield from _leaves(element, parts)
        return
    if not parts:
        yield value
        return
    if isinstance(value, dict):
        head, rest = parts[0], parts[1:]
        if head == "*":
            for v in value.values():
                yield from _leaves(v, rest)
        elif head in value:
            yield from _leaves(value[head], rest)


def _project(value: Any, paths: list[list[str]]) -> Any:
    """Keep only the dotted *paths* of a value (``None`` when nothing is left)."""
    if any(not p for p in paths):
        return value
    if isinstance(value, list):
        kept = [_project(v, paths) for v in value]
        kept = [v for v in kept if v not in (None, {}, [])]
        return kept or None
    if isinstance(value, dict):
        by_key: dict[str, list[list[str]]] = {}
        for p in paths:
            by_key.setdefault(p[0], []).append(p[1:])
        out = {}
        for key, sub in by_key.items():
            if key in value:
                v = _project(value[key], sub)
                if v is not None:
                    out[key] = v
        return out or None
    return None


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(v, f"{prefix}.{k}" if prefix else k, out)
    elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
        for v in value:
            _flatten(v, prefix, out)
    elif prefix in out:
        old = out[prefix]
        out[prefix] = [*(old if isinstance(old, list) else [old]), value]
    else:
        out[prefix] = value


# --------------------------------------------------------------------------- the index


class _Index:
    """Documents with lazily built per-field keyword indexes."""

    def __init__(self, documents: Iterable[Mapping[str, Any]]) -> None:
        self.docs: list[Mapping[str, Any]] = list(documents)
        self._fields: dict[str, dict[str, list[int]]] = {}
        self._lock = threading.Lock()

    def add(self, documents: Iterable[Mapping[str, Any]]) -> None:
        with self._lock:
            self.docs.extend(documents)
            self._fields.clear()

    def field(self, path: str) -> dict[str, list[int]]:
        with self._lock:
            index = self._fields.get(path)
            if index is None:
                index = {}
                parts = path.split(".")
                for i, doc in enumerate(self.docs):
                    values = [doc.get("_id")] if path == "_id" else _leaves(doc, parts)
                    seen = set()
                    for v in values:
                        if isinstance(v, (str, int)) and not isinstance(v, bool):
                            key = str(v) if path in ("_id", "retired") else str(v).lower()
                            if key not in seen:
                                seen.add(key)
                                index.setdefault(key, []).append(i)
                self._fields[path] = index
            return index

    def match(self, path: str, term: str) -> list[int]:
        if path == "_id":
            return self.field(path).get(term, [])
        if path == "retired":
            return self.field(path).get(term, []) if term.isdigit() else []
        if path.endswith(".*"):
            prefix = path[:-2]
            hits: list[int] = []
            for key in ("Swiss-Prot", "TrEMBL"):
                hits.extend(self.field(f"{prefix}.{key}").get(term.lower(), []))
            return hits
        return self.field(path).get(term.lower(), [])


# --------------------------------------------------------------------------- the server


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "MyGeneTestServer/1"
    #: idle keep-alive connections are dropped after this many seconds
    timeout = 30
    # headers and body leave in separate writes; without this, Nagle's algorithm and delayed
    # ACKs add 40 ms to every response
    disable_nagle_algorithm = True
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s - " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _handle(self, method: str) -> None:
        app = self.server.app
        split = urlsplit(self.path)
        path = unquote(split.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        pairs = parse_qsl(split.query, keep_blank_values=True)
        if method == "POST" and body:
            ctype = self.headers.get("Content-Type", "")
            text = body.decode("utf-8", errors="replace")
            if ctype.startswith("application/json"):
                try:
                    loaded = json.loads(text)
                except ValueError:
                    loaded = None
                if isinstance(loaded, dict):
                    pairs += [
                        (k, v if isinstance(v, str) else json.dumps(v)) for k, v in loaded.items()
                    ]
            else:
                pairs += parse_qsl(text, keep_blank_values=True)
        params = dict(pairs)  # a duplicate key keeps its last value
        fault = app.take_fault(method, path)
        app.record(RecordedRequest(method, path, app.count_terms(method, path, params),
                                   tuple(pairs), fault))  # fmt: skip
        if app.latency:
            app.stopping.wait(app.latency)
        if fault is not None:
            if fault.stall:
                app.stopping.wait(fault.stall)
            if fault.reset:
                self._reset()
                return
            if fault.size:
                self._send_huge(fault)
                return
            if fault.status is not None:
                self._send(fault.status, fault.body, fault.content_type, fault.headers, fault)
                return
        try:
            status, payload = app.dispatch(method, path, params)
        except _BadRequestError as err:
            status, payload = err.status, err.body
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self._send(status, data, "application/json; charset=UTF-8", (), fault)

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        headers: Sequence[tuple[str, str]],
        fault: Fault | None = None,
    ) -> None:
        if fault is not None and fault.drip:
            self._send_drip(status, body, content_type, fault)
            return
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            if status == 200:
                self.send_header("Cache-Control", "max-age=604800, public")
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
        except OSError:  # the client gave up (timeout) or went away
            self.close_connection = True

    def _send_drip(self, status: int, body: bytes, content_type: str, fault: Fault) -> None:
        """Send the answer one byte at a time, ``fault.drip`` seconds apart."""
        self.close_connection = True
        head = (
            f"HTTP/1.1 {status} {'OK' if status == 200 else 'Error'}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        ).encode("ascii")
        stopping = self.server.app.stopping
        try:
            if not fault.drip_headers:
                self.wfile.write(head)
                self.wfile.flush()
            for i in range(len(body) + (len(head) if fault.drip_headers else 0)):
                data = head + body if fault.drip_headers else body
                if stopping.wait(fault.drip):
                    return
                self.wfile.write(data[i : i + 1])
                self.wfile.flush()
        except OSError:  # the client gave up (its deadline) or went away
            return

    def _send_huge(self, fault: Fault) -> None:
        """A 200 body of ``fault.size`` bytes, generated while it is sent."""
        import zlib

        self.close_connection = True
        stopping = self.server.app.stopping
        part = b" " * 65536
        packer = zlib.compressobj(wbits=zlib.MAX_WBITS | 16) if fault.gzip else None

        def parts() -> Iterator[bytes]:
            left = fault.size
            while left > 0:
                chunk = part[: min(left, len(part))]
                left -= len(chunk)
                yield packer.compress(chunk) if packer is not None else chunk
            if packer is not None:
                yield packer.flush()

        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            if fault.gzip:
                self.send_header("Content-Encoding", "gzip")
            elif fault.declare_length:
                self.send_header("Content-Length", str(fault.size))
            self.send_header("Connection", "close")
            self.end_headers()
            for chunk in parts():
                if stopping.is_set():
                    return
                if chunk:
                    self.wfile.write(chunk)
            self.wfile.flush()
        except OSError:  # the client stopped reading (its cap) or went away
            return

    def _reset(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):  # already closed
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], app: MyGeneServer) -> None:
        self.app = app
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.connections_lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.connections_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.debug("test server: error serving %s", client_address, exc_info=True)


class MyGeneServer:
    """A MyGene.info-compatible server on ``127.0.0.1``, started as a context manager.

    Args:
        documents: the gene documents to serve (default: `snapshot_documents` of
            *data_dir*). Documents are never modified.
        data_dir: genenorm data directory the default documents come from.
        metadata: body of ``GET /v3/metadata`` (default: `DEFAULT_METADATA`).
        scores: ``_score`` pinned per (lower-cased term, ``_id``) for ``POST /v3/query``
            (default: `PINNED_SCORES`); otherwise a symbol match scores 20.0, an
            alias match 10.0, other fields 15.0, and ties go by ``_id``.
        latency: seconds added to every request (settable later through `latency`).
        host: address to bind (keep the loopback default).
        port: port to bind (default 0: an ephemeral port).

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        documents: Iterable[Mapping[str, Any]] | None = None,
        *,
        data_dir: str | Path | None = None,
        metadata: Mapping[str, Any] | None = None,
        scores: Mapping[tuple[str, str], float] | None = None,
        latency: float = 0.0,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        if documents is None:
            documents = snapshot_documents(data_dir)
        self._index = _Index(documents)
        self.metadata: dict[str, Any] = copy.deepcopy(
            dict(DEFAULT_METADATA if metadata is None else metadata)
        )
        self.scores: dict[tuple[str, str], float] = dict(
            PINNED_SCORES if scores is None else scores
        )
        #: Seconds added to every request.
        self.latency = latency
        #: Every request received, in arrival order.
        self.requests: list[RecordedRequest] = []
        self.stopping = threading.Event()
        self._address = (host, port)
        self._faults: list[tuple[str, str | None, Fault, int | None]] = []
        self._lock = threading.Lock()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> MyGeneServer:
        """Bind and serve in a background thread; returns the server itself.

        Raises:
            RuntimeError: the server is already running.
        """
        if self._httpd is not None:
            msg = "the MyGene test server is already running"
            raise RuntimeError(msg)
        self.stopping.clear()
        for path in ("symbol", "alias"):  # index now, not on the first (timed) request
            self._index.field(path)
        self._httpd = _HTTPServer(self._address, self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
            name="genenorm-mygene-test-server", daemon=True,
        )  # fmt: skip
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, drop open connections and release the port."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self.stopping.set()
        httpd.shutdown()
        with httpd.connections_lock:
            open_connections = list(httpd.connections)
        for conn in open_connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> MyGeneServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound port.

        Raises:
            RuntimeError: the server is not running.
        """
        if self._httpd is None:
            msg = "the MyGene test server is not running"
            raise RuntimeError(msg)
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """Base URL to give the client, e.g. ``http://127.0.0.1:41234/v3``."""
        return f"http://{self._address[0]}:{self.port}/v3"

    # ------------------------------------------------------------------ scripting

    def inject(
        self,
        *faults: Fault,
        count: int | None = 1,
        path: str = "/v3/query",
        method: str | None = None,
    ) -> None:
        """Queue faults for the next matching requests, in order.

        Args:
            *faults: faults to apply, one request each, in order.
            count: how many requests each fault applies to (``None``: every request until
                `clear_faults`).
            path: path prefix the faults apply to (a trailing ``/`` is ignored).
            method: ``GET`` or ``POST`` (default: both).
        """
        with self._lock:
            for fault in faults:
                self._faults.append((path.rstrip("/"), method, fault, count))

    def clear_faults(self) -> None:
        """Forget every queued fault."""
        with self._lock:
            self._faults.clear()

    def reset(self) -> None:
        """Forget queued faults and the request log, and set latency back to zero."""
        with self._lock:
            self._faults.clear()
            self.requests.clear()
            self.latency = 0.0

    def add_documents(self, documents: Iterable[Mapping[str, Any]]) -> None:
        """Serve these documents too (e.g. a non-HGNC gene for one test)."""
        self._index.add(documents)

    def count(self, path: str = "/v3/query", method: str | None = "POST") -> int:
        """Number of logged requests whose path starts with *path* (and of that method)."""
        prefix = path.rstrip("/")
        with self._lock:
            return sum(
                1 for r in self.requests
                if r.path.rstrip("/").startswith(prefix) and method in (None, r.method)
            )  # fmt: skip

    # ------------------------------------------------------------------ request plumbing

    def take_fault(self, method: str, path: str) -> Fault | None:
        """Pop the fault scripted for this request, if any (used by the handler)."""
        clean = path.rstrip("/")
        with self._lock:
            for i, (prefix, want, fault, left) in enumerate(self._faults):
                if clean.startswith(prefix) and want in (None, method):
                    if left is not None:
                        if left <= 1:
                            del self._faults[i]
                        else:
                            self._faults[i] = (prefix, want, fault, left - 1)
                    return fault
        return None

    def record(self, request: RecordedRequest) -> None:
        """Append to the request log (used by the handler)."""
        with self._lock:
            self.requests.append(request)

    @staticmethod
    def count_terms(method: str, path: str, params: Mapping[str, str]) -> int:
        """Number of terms or ids a batch request carries (0 for other requests)."""
        if method != "POST":
            return 0
        value = params.get("q") if path.rstrip("/").endswith("/query") else params.get("ids")
        if value is None:
            return 0
        try:
            return len(_split_ids(value))
        except _BadRequestError:
            return 0

    def dispatch(self, method: str, path: str, params: Mapping[str, str]) -> tuple[int, Any]:
        """Answer one request: ``(status, JSON payload)``.

        Raises:
            _BadRequestError: bad arguments (answered with status 400).
        """
        route = path.rstrip("/") or "/"
        if route in ("/v3/metadata", "/metadata") and method == "GET":
            return 200, _sorted(self.metadata)
        if route == "/v3/query":
            return 200, (self._querymany(params) if method == "POST" else self._search(params))
        if route == "/v3/gene":
            if method == "POST":
                return 200, self._getgenes(params)
            raise _BadRequestError({"error": "Bad Request", "missing": "id"})
        if route.startswith("/v3/gene/") and method == "GET":
            return self._getgene(route[len("/v3/gene/") :], params)
        return 404, {"code": 404, "success": False, "error": "Not Found."}

    # ------------------------------------------------------------------ endpoints

    def _hit(
        self, doc: Mapping[str, Any], params: Mapping[str, str], default: Sequence[str]
    ) -> Document:
        raw = params.get("fields", params.get("field", params.get("_source")))
        fields = _split_ids(raw, "fields") if raw is not None else list(default)
        include = [f for f in fields if not f.startswith("-")]
        exclude = [f[1:] for f in fields if f.startswith("-")]
        body = {k: v for k, v in doc.items() if k != "_id"}
        if include and "all" not in include:
            body = _project(body, [f.split(".") for f in include]) or {}
        for path in exclude:
            body.pop(path.split(".")[0], None)
        for name in _split_ids(params.get("always_list", ""), "always_list"):
            if name in body and not isinstance(body[name], list):
                body[name] = [body[name]]
        for name in _split_ids(params.get("allow_null", ""), "allow_null"):
            body.setdefault(name, None)
        if _bool(params.get("dotfield"), get=False):
            flat: dict[str, Any] = {}
            _flatten(body, "", flat)
            body = flat
        body["_id"] = doc["_id"]
        return body

    def _candidates(
        self, term: str, scopes: Sequence[str], taxids: frozenset[str] | None
    ) -> list[tuple[float, int]]:
        best: dict[int, float] = {}
        for scope in scopes:
            weight = 20.0 if scope == "symbol" else 10.0 if scope == "alias" else 15.0
            for i in self._index.match(scope, term):
                best[i] = max(best.get(i, 0.0), weight)
        out = []
        for i, score in best.items():
            doc = self._index.docs[i]
            if taxids is not None and str(doc.get("taxid")) not in taxids:
                continue
            out.append((self.scores.get((term.lower(), str(doc["_id"])), score), i))
        out.sort(key=lambda si: (-si[0], str(self._index.docs[si[1]]["_id"])))
        return out

    def _querymany(self, params: Mapping[str, str]) -> list[Document]:
        raw = params.get("q")
        if raw is None:
            raise _BadRequestError({"error": "Bad Request", "missing": "q"})
        try:
            loaded = json.loads(raw)
        except ValueError:
            loaded = None
        terms = [str(t) for t in loaded] if isinstance(loaded, list) else _split_ids(raw)
        scopes = [
            _SCOPE_REWRITES.get(s.lower(), s)
            for s in _split_ids(params.get("scopes", ",".join(_DEFAULT_SCOPES)), "scopes")
        ]
        taxids = _taxids(params)
        size = _int(params, ("size", "limit"), 10, 1000)
        _int(params, ("from", "skip"), 0, 10000)
        rows: list[Document] = []
        for term in terms:
            hits = self._candidates(term, scopes, taxids)[:size]
            if not hits:
                rows.append({"query": term, "notfound": True})
            for score, i in hits:
                hit = self._hit(self._index.docs[i], params, _DEFAULT_QUERY_FIELDS)
                hit["_score"] = score
                rows.append({"query": term, **_sorted(hit)})
        return rows

    def _search(self, params: Mapping[str, str]) -> Document:
        if "scroll_id" in params or _bool(params.get("fetch_all"), get=True):
            raise _BadRequestError(
                {"error": "Bad Request", "reason": "fetch_all is not supported by the test server"}
            )
        q = params.get("q", "").strip()
        if not q:
            raise _BadRequestError({"error": "Bad Request", "missing": "q"})
        taxids = _taxids(params)
        size = _int(params, ("size", "limit"), 10, 1000)
        start = _int(params, ("from", "skip"), 0, 10000)
        scored: dict[int, float] = {}

        def add(indexes: Iterable[int], score: float) -> None:
            for i in indexes:
                scored[i] = max(scored.get(i, 0.0), score)

        field, sep, value = q.partition(":")
        if sep and re.fullmatch(r"[\w.]+", field):
            field = "HGNC" if field.lower() == "hgnc" else field
            value = value.strip().strip('"')
            if field == "_exists_":
                parts = value.split(".")
                add((i for i, d in enumerate(self._index.docs) if any(_leaves(d, parts))), 1.0)
            elif "*" in value or "?" in value:
                pattern = value.lower()
                for key, idx in self._index.field(field).items():
                    if fnmatch.fnmatchcase(key, pattern):
                        add(idx, 1.0)
            else:
                add(self._index.match(field, value), 10.0)
        elif "*" in q or "?" in q:
            pattern = q.lower()
            for key, idx in self._index.field("symbol").items():
                if fnmatch.fnmatchcase(key, pattern):
                    add(idx, 1.0)
        elif q.isdigit():
            add(self._index.match("entrezgene", q), 80.0)
        else:
            add(self._index.match("symbol", q), 140.0)
            add(self._index.match("alias", q), 12.0)
            words = q.lower().split()
            for i, doc in enumerate(self._index.docs):
                name = str(doc.get("name", "")).lower().split()
                if words and all(w in name for w in words):
                    add([i], 4.0)
        ranked = sorted(
            ((s, i) for i, s in scored.items()
             if taxids is None or str(self._index.docs[i].get("taxid")) in taxids),
            key=lambda si: (-si[0], str(self._index.docs[si[1]]["_id"])),
        )  # fmt: skip
        hits = []
        for score, i in ranked[start : start + size]:
            hit = self._hit(self._index.docs[i], params, _DEFAULT_QUERY_FIELDS)
            hit["_score"] = score
            hits.append(_sorted(hit))
        return {
            "took": 1,
            "total": len(ranked),
            "max_score": ranked[0][0] if ranked else None,
            "hits": hits,
        }

    def _resolve_id(self, raw: str) -> list[int]:
        index = self._index
        prefix, sep, value = raw.partition(":")
        if sep and prefix.lower() == "ncbigene":
            return index.match("entrezgene", value) or index.match("retired", value)
        if sep and prefix.lower() == "ensembl":
            return index.match("ensembl.gene", value)
        if sep and prefix.lower() == "uniprotkb":
            return index.match("uniprot.Swiss-Prot", value)
        if raw.isdigit():
            return index.match("entrezgene", raw) or index.match("retired", raw)
        if sep and re.fullmatch(r"[\w.]+", prefix):
            return index.match("HGNC" if prefix.lower() == "hgnc" else prefix, value)
        for path in ("_id", "entrezgene", "ensembl.gene", "retired"):
            found = index.match(path, raw)
            if found:
                return found
        return []

    def _annotate(self, i: int, params: Mapping[str, str]) -> Document:
        hit = self._hit(self._index.docs[i], params, ("all",))
        hit["_version"] = 1
        annotated: Document = _sorted(hit)
        return annotated

    def _getgenes(self, params: Mapping[str, str]) -> list[Document]:
        raw = params.get("ids", params.get("id"))
        if raw is None:
            raise _BadRequestError({"error": "Bad Request", "missing": "ids"})
        ids = _split_ids(raw, "ids")
        if len(ids) > 1000:
            raise _BadRequestError(
                {
                    "error": "Bad Request",
                    "keyword": "id",
                    "max": 1000,
                    "size": len(ids),
                    "alias": "ids",
                }
            )
        taxids = _taxids(params)
        rows: list[Document] = []
        for gid in ids:
            found = [
                i for i in self._resolve_id(gid)
                if taxids is None or str(self._index.docs[i].get("taxid")) in taxids
            ]  # fmt: skip
            if not found:
                rows.append({"query": gid, "notfound": True})
            rows.extend({"query": gid, **self._annotate(i, params)} for i in found)
        return rows

    def _getgene(self, gid: str, params: Mapping[str, str]) -> tuple[int, Any]:
        taxids = _taxids(params)
        found = [
            i for i in self._resolve_id(gid)
            if taxids is None or str(self._index.docs[i].get("taxid")) in taxids
        ]  # fmt: skip
        if not found:
            return 404, {"code": 404, "success": False, "error": "Not Found."}
        if len(found) > 1000:
            return 500, {"code": 500, "success": False, "error": "Too Many Matches."}
        hits = [self._annotate(i, params) for i in found]
        return 200, hits[0] if len(hits) == 1 else hits
