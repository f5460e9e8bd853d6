"""Which organisms a figure is about, with the text spans that say so.

genenorm checks keywords against HGNC, the *human* nomenclature. On a figure about yeast,
rice or *E. coli*, the human lexicon fires on that organism's own gene and enzyme names, and
those human hits are false. This module reads a figure's title, caption and paper title, its
``organisms`` / ``organisms_ner`` fields and the ``organism_id`` column of its hit tables, and
returns the organisms the figure is about (`figure_organisms`): each an NCBI taxon with its
name, a coarse `OrganismGroup` and the evidence. It decides nothing about genes; the judge
uses it through `non_vertebrate_only` and `human_gene_named` as evidence.

Names come from ``organisms.tsv.gz`` (NCBI Taxonomy genera, studied species and common
names, MeSH organism terms and a curated word list; see ``docs/data.md``), loaded once on
first use.

Examples:
    >>> from genenorm.organisms import find_organisms
    >>> [(m.text, m.name, str(m.group)) for m in find_organisms("Terpene synthesis in yeast")]
    [('yeast', 'Saccharomyces cerevisiae', 'fungus')]
    >>> [(m.text, m.taxon) for m in find_organisms("A. thaliana and humanized mice")]
    [('A. thaliana', '3702'), ('mice', '10090')]
"""

from __future__ import annotations

import bisect
import logging
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from typing import NamedTuple

import attrs

from ._gc import gc_paused
from ._snapcache import cached
from .lexicon import Lexicon, _cache_key, default_lexicon
from .page_models import FigureOrganism, OrganismEvidence, OrganismGroup, Page

__all__ = [
    "FIELD_WEIGHTS",
    "KIND_WEIGHTS",
    "NON_VERTEBRATE_GROUPS",
    "SOURCE_ORDER",
    "Mention",
    "OrganismTable",
    "figure_organisms",
    "find_organisms",
    "human_gene_named",
    "name_key",
    "non_vertebrate_only",
    "organism_table",
]

logger = logging.getLogger(__name__)

#: Weight of one mention by where it is: a figure title says most about the figure, the
#: caption describes it, the paper title is one step away; ``organisms`` (curated per paper)
#: and ``organisms_ner`` (NER over the whole paper, noisy: *Drosophila* on most pages) and the
#: hit tables' organisms (every lexicon PFOCR ran) are weak.
FIELD_WEIGHTS = {
    "figtitle": 2.0,
    "caption": 1.0,
    "papertitle": 1.5,
    "author_keywords": 1.0,
    "organisms": 0.5,
    "organisms_ner": 0.3,
    "hits": 0.2,
}
#: Weight of one mention by how it names the organism: a group word (``plant``,
#: ``bacterial``) says less than a species, a genus or a common name; a vertebrate cell type
#: or human cell line (``keratinocytes``, ``HeLa``) counts as a name of the host.
KIND_WEIGHTS = {
    "binomial": 1.0,
    "abbreviation": 1.0,
    "genus": 1.0,
    "name": 1.0,
    "group_word": 0.5,
    "cell": 1.0,
    "metadata": 1.0,
    "hit_table": 1.0,
    "symbols": 5.0,
}
#: Groups whose genes HGNC does not name, not even as orthologs.
NON_VERTEBRATE_GROUPS = frozenset(
    {
        OrganismGroup.INVERTEBRATE,
        OrganismGroup.PLANT,
        OrganismGroup.FUNGUS,
        OrganismGroup.BACTERIUM,
        OrganismGroup.PROTIST,
    }
)
#: An organism is kept when its group scores at least this share of the best group's score.
KEEP_SHARE = 0.3
#: `non_vertebrate_only` needs at least this much non-vertebrate evidence from the text.
MIN_NON_VERTEBRATE_SCORE = 1.0
#: Repeated mentions of one taxon in one field add half a mention each, up to this many.
MAX_REPEAT_FACTOR = 2.0
#: Another organism's lexicon "dominates" a figure's hit tables when it gives at least this
#: many distinct genes by approved symbol…
MIN_DOMINANT_SYMBOLS = 5
#: …and this many times as many as the human lexicon gives by approved symbol.
DOMINANCE_RATIO = 3

HUMAN_TAXON = "9606"
#: Vertebrates named in the text with at least this score are kept whatever their share: a
#: vertebrate host's genes are what an infection figure shows.
MIN_HOST_SCORE = 1.0
_TEXT_FIELDS = ("figtitle", "caption", "papertitle")
#: Fields written about this figure or paper (not paper-level metadata lists).
_WRITTEN_FIELDS = (*_TEXT_FIELDS, "author_keywords")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9']*")
_GAP = re.compile(r"[ \t\r\n.\-]{1,3}")
_ABBREVIATED = re.compile(r"[A-Z]\. ?[a-z]+")
_SPACE = re.compile(r"[ \t]+")
#: A gene symbol as written after "human": capitals and digits, at least one capital after the
#: first character or a digit (``TP53``, ``CYP3A4``, ``EPO``; not ``T`` of "T cells").
_SYMBOL = re.compile(r"[A-Z][A-Z0-9-]*[A-Z0-9]")
_NON = re.compile(r"non[-\s]?$", re.IGNORECASE)
_MAX_TOKENS = 6
#: Order of entries of one key in ``organisms.tsv.gz`` (the build sorts by it).
SOURCE_ORDER = ("curated", "mesh", "ncbi_scientific", "ncbi_common")


def name_key(text: str) -> str:
    """The lookup key of an organism name: its words lower-cased, joined by single spaces
    (``"E. coli"`` → ``"e coli"``, ``"Baker’s Yeast"`` → ``"baker's yeast"``)."""
    return " ".join(t.lower() for t in _TOKEN.findall(text.replace("’", "'")))


def _as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


#: Bytes of an unsigned array item ("I"): taxa, offsets and row numbers fit in 32 bits.
_ITEM = array("I").itemsize
ORGANISMS = "organisms.tsv.gz"


def _first_two(item: tuple[str, int, object]) -> tuple[str, int]:
    return item[0], item[1]


def _is_taxon(taxon: str) -> bool:
    """Whether *taxon* is an NCBI taxon id as the table writes them (``"9606"``)."""
    return (
        taxon.isdigit()
        and taxon.isascii()
        and len(taxon) < 10
        and (taxon[0] != "0" or taxon == "0")
    )


def _parse(line: str) -> _Entry:
    _key, taxon, source, rank, name, group, guard = line.split("\t")
    return _Entry(name, taxon, rank, OrganismGroup(group), source, guard)


class _Entry(NamedTuple):
    name: str
    taxon: str
    rank: str
    group: OrganismGroup
    source: str
    guard: str


@attrs.frozen
class Mention:
    """One organism name found in a text."""

    #: The text as written (``A. thaliana``).
    text: str
    start: int
    end: int
    taxon: str
    #: NCBI scientific name of the taxon.
    name: str
    group: OrganismGroup
    #: ``binomial``, ``abbreviation``, ``genus``, ``name``, ``group_word`` or ``cell`` (a
    #: vertebrate cell type or human cell line: weak evidence of a vertebrate host).
    kind: str


class OrganismTable:
    """Organism names of one data directory, indexed for scanning. Build with `from_lexicon`.

    Compact: the rows stay one UTF-8 blob, sorted by key, with the row offsets, the sorted
    keys and the taxa in arrays searched by bisection; a row is split only when its name is
    looked up. Only the one-word keys (the scan's quick test of every token) are in a set.
    The snapshot cache holds this form.
    """

    def __init__(self, rows: Iterable[str], lexicon: Lexicon) -> None:
        keyed: list[tuple[str, int, str]] = []
        for n, line in enumerate(rows):
            key, _taxon, _source, _rank, rest = line.split("\t", 4)
            if not key:  # the name, lower-cased
                key = rest[: rest.index("\t")].lower()
            keyed.append((key, n, line))
        keyed.sort(key=_first_two)  # by key, then file order (the order of a key's entries)
        blob = bytearray()
        offsets = array("I", [0])
        keys: list[str] = []
        key_rows = array("I")
        sci: list[tuple[int, int, int]] = []
        abbrev: list[tuple[str, int, int]] = []
        for row, (key, n, line) in enumerate(keyed):
            blob += line.encode("utf-8")
            offsets.append(len(blob))
            if not keys or keys[-1] != key:
                keys.append(key)
                key_rows.append(row)
            _key, taxon, source, rank, _rest = line.split("\t", 4)
            if source == "ncbi_scientific":
                if _is_taxon(taxon):
                    sci.append((int(taxon), -n, row))
                space = key.find(" ")
                if rank == "species" and space > 0 and key.find(" ", space + 1) < 0:
                    abbrev.append((key[0] + key[space:], n, row))
        key_rows.append(len(keyed))
        sci.sort()  # by taxon, the last row of a taxon in the file first
        taxa: dict[int, int] = {}
        for t, _n, r in sci:
            taxa.setdefault(t, r)  # that row wins, as in a dictionary
        abbrev.sort(key=_first_two)  # by key, then file order
        self._init(
            lexicon, bytes(blob), offsets, keys, key_rows,
            array("I", taxa), array("I", taxa.values()),
            [k for k, _n, _r in abbrev], array("I", [r for _k, _n, r in abbrev]),
        )  # fmt: skip

    def _init(
        self,
        lexicon: Lexicon,
        blob: bytes,
        offsets: array[int],
        keys: list[str],
        key_rows: array[int],
        sci_taxa: array[int],
        sci_rows: array[int],
        abbrev_keys: list[str],
        abbrev_rows: array[int],
    ) -> None:
        self._lexicon = lexicon
        self._blob = blob
        self._offsets = offsets
        self._keys = keys
        self._key_rows = key_rows
        self._sci_taxa = sci_taxa
        self._sci_rows = sci_rows
        self._abbrev_keys = abbrev_keys
        self._abbrev_rows = abbrev_rows
        self._entries_cache: dict[str, tuple[_Entry, ...]] = {}
        guards = lexicon.curated_terms("organism_guards")
        self._after_human = frozenset(
            name_key(t) for t, (category, _reason) in guards.items() if category == "after_human"
        )
        #: vertebrate cell types and human cell lines: weak evidence of a vertebrate host
        self._cells = frozenset(
            name_key(t) for t, (category, _r) in guards.items() if category == "vertebrate_cell"
        )
        #: the keys of one word (every token of a scanned text is tested against them)
        self._words = frozenset(k for k in keys if " " not in k)
        #: first word of every key of several words → most words of a key starting with it
        first: dict[str, int] = {}
        cell_pairs: set[str] = set()
        for key in (*keys, *abbrev_keys, *self._cells):
            word, _, rest = key.partition(" ")
            if rest:
                n = rest.count(" ") + 2
                if first.get(word, 0) < n:
                    first[word] = n
        for key in self._cells:
            word, _, rest = key.partition(" ")
            if rest:
                cell_pairs.add(f"{word} {rest.partition(' ')[0]}")
        self._first = first
        self._cell_pairs = frozenset(cell_pairs)

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> OrganismTable:
        """Load ``organisms.tsv.gz`` of *lexicon*'s data directory (checked by SHA-256).

        Raises:
            SnapshotError: the file is missing, corrupted or not listed in the manifest.
        """
        raw, meta = lexicon._checked(ORGANISMS)  # read and hashed only when not cached

        def build() -> OrganismTable:
            with gc_paused():
                return cls(lexicon._lines(ORGANISMS, raw(), meta.get("rows"), text=True), lexicon)

        def load(value: object) -> OrganismTable | None:
            if not (isinstance(value, tuple) and len(value) == 9):
                return None
            blob, offsets, keys, key_rows, taxa, sci_rows, abbrev, abbrev_rows, n = value
            arrays = []
            for b in (offsets, key_rows, taxa, sci_rows, abbrev_rows):
                if not isinstance(b, bytes) or len(b) % _ITEM:
                    return None
                arrays.append(array("I", b))
            if not (
                isinstance(blob, bytes)
                and isinstance(keys, list)
                and isinstance(abbrev, list)
                and n == _ITEM
                and len(arrays[0]) >= 1
                and len(arrays[1]) == len(keys) + 1
                and len(arrays[2]) == len(arrays[3])
                and len(arrays[4]) == len(abbrev)
            ):
                return None
            table = cls.__new__(cls)
            with gc_paused():
                table._init(lexicon, blob, arrays[0], keys, arrays[1], arrays[2], arrays[3],
                            abbrev, arrays[4])  # fmt: skip
            return table

        def dump(t: OrganismTable) -> object:
            return (
                t._blob, t._offsets.tobytes(), t._keys, t._key_rows.tobytes(),
                t._sci_taxa.tobytes(), t._sci_rows.tobytes(), t._abbrev_keys,
                t._abbrev_rows.tobytes(), _ITEM,
            )  # fmt: skip

        return cached(_cache_key(meta), "organisms", build, load, dump)

    def __len__(self) -> int:
        return len(self._keys)

    def _row(self, row: int) -> str:
        return self._blob[self._offsets[row] : self._offsets[row + 1]].decode("utf-8")

    def _key_lines(self, key: str) -> list[str]:
        keys = self._keys
        i = bisect.bisect_left(keys, key)
        if i == len(keys) or keys[i] != key:
            return []
        return [self._row(r) for r in range(self._key_rows[i], self._key_rows[i + 1])]

    def _abbrev_lines(self, key: str) -> list[str]:
        keys, out = self._abbrev_keys, []
        i = bisect.bisect_left(keys, key)
        while i < len(keys) and keys[i] == key:
            out.append(self._row(self._abbrev_rows[i]))
            i += 1
        return out

    def _has_pair(self, pair: str) -> bool:
        """Whether some key of several words starts with the two words of *pair*
        (``"a b"``): such a key sorts right at or after *pair* (keys hold no character below
        the space)."""
        if pair in self._cell_pairs:
            return True
        if " " not in pair:
            return False
        longer = pair + " "
        for keys in (self._keys, self._abbrev_keys):
            i = bisect.bisect_left(keys, pair)
            if i < len(keys) and (keys[i] == pair or keys[i].startswith(longer)):
                return True
        return False

    def _entries(self, key: str) -> tuple[_Entry, ...]:
        """Entries of a name key, best first (curated, MeSH, NCBI scientific, NCBI common,
        then abbreviated binomials)."""
        hit = self._entries_cache.get(key)
        if hit is None:
            hit = tuple(
                [_parse(line) for line in self._key_lines(key)]
                + [_parse(line)._replace(source="abbrev") for line in self._abbrev_lines(key)]
            )
            if len(self._entries_cache) < 100_000:
                self._entries_cache[key] = hit
        return hit

    def _taxon_info(self, taxon: str) -> tuple[str, OrganismGroup, str] | None:
        if not _is_taxon(taxon):
            return None
        number, taxa = int(taxon), self._sci_taxa
        i = bisect.bisect_left(taxa, number)
        if i == len(taxa) or taxa[i] != number:
            return None
        e = _parse(self._row(self._sci_rows[i]))
        return e.name, e.group, e.rank

    def lookup(self, name: str) -> tuple[str, str, OrganismGroup] | None:
        """``(taxon, scientific name, group)`` of a whole name (``Homo sapiens``, ``E. coli``),
        case-insensitive and without guards, as used for metadata fields; or ``None``."""
        entries = [e for e in self._entries(name_key(name)) if e.source != "abbrev"]
        if not entries:
            return None
        taxon = entries[0].taxon
        sci, group, _rank = self._taxon_info(taxon) or (entries[0].name, entries[0].group, "")
        return taxon, sci, group

    def taxon(self, taxon: str) -> tuple[str, OrganismGroup] | None:
        """``(scientific name, group)`` of an NCBI taxon id, when the table knows it."""
        hit = self._taxon_info(taxon)
        return None if hit is None else (hit[0], hit[1])

    # ------------------------------------------------------------------ scanning

    def scan(self, text: str) -> list[Mention]:
        """Every organism name in *text*, left to right, longest first, guards applied."""
        folded = text.replace("’", "'")  # same length: offsets hold
        # tokens are ASCII, so lower-casing them (one string, one call) gives the tokens of
        # the ASCII-only lower-cased text, one for one
        raw = _TOKEN.findall(folded)
        if not raw:
            return []
        low = "\n".join(raw).lower().split("\n")
        first, words, cells = self._first, self._words, self._cells
        # the tokens that may start a mention, found by set operations (most texts have few)
        present = set(low)
        starts = (present & words) | (present & cells) | (first.keys() & present)
        if not starts:
            return []
        out: list[Mention] = []
        seen_binomials: dict[str, _Entry] = {}  # "a thaliana" -> the species named in full
        tokens: list[tuple[int, int]] = []
        free = 0  # the first token not inside a mention found already
        last = len(low) - 1
        for i in [i for i, w in enumerate(low) if w in starts]:
            if i < free:
                continue
            if low[i] not in words and low[i] not in cells:
                pair = f"{low[i]} {low[i + 1]}" if i < last else ""
                if pair not in seen_binomials and not self._has_pair(pair):
                    continue
            if not tokens:
                tokens = [m.span() for m in _TOKEN.finditer(folded)]
            found = self._match_at(text, tokens, low, i, seen_binomials)
            if found is None:
                continue
            mention, used = found
            out.append(mention)
            if mention.kind == "binomial" and " " in mention.text:
                genus, _, epithet = mention.text.partition(" ")
                seen_binomials[f"{genus[0].lower()} {name_key(epithet)}"] = _Entry(
                    mention.name, mention.taxon, "", mention.group, "text", ""
                )
            free = i + used
        return out

    def _match_at(
        self,
        text: str,
        tokens: Sequence[tuple[int, int]],
        low: Sequence[str],
        i: int,
        seen: dict[str, _Entry],
    ) -> tuple[Mention, int] | None:
        # the longest run of tokens, separated by short gaps, whose key names an organism
        limit = min(max(self._first.get(low[i], 0), 1), _MAX_TOKENS)
        n_max = 1
        while (
            n_max < limit
            and i + n_max < len(tokens)
            and _GAP.fullmatch(text, tokens[i + n_max - 1][1], tokens[i + n_max][0])
        ):
            n_max += 1
        for n in range(n_max, 0, -1):
            start, end = tokens[i][0], tokens[i + n - 1][1]
            span = text[start:end]
            key = low[i] if n == 1 else " ".join(low[i : i + n])
            entries = self._entries(key)
            if key in self._cells and n <= 2:
                mention = Mention(span, start, end, HUMAN_TAXON, "Homo sapiens",
                                  OrganismGroup.HUMAN, "cell")  # fmt: skip
                return mention, n
            if n == 2 and _ABBREVIATED.fullmatch(span) and key in seen:
                e = seen[key]
                mention = Mention(span, start, end, e.taxon, e.name, e.group, "abbreviation")
                return mention, n
            for e in entries:
                kind = self._accept(e, span, text, start, end, tokens, i + n)
                if kind is None:
                    continue
                if kind == "genus+":  # a genus and an epithet the table does not know
                    end2 = tokens[i + n][1]
                    sci = (self._taxon_info(e.taxon) or (e.name,))[0]
                    mention = Mention(
                        text[start:end2], start, end2, e.taxon, sci, e.group, "binomial"
                    )
                    return mention, n + 1
                sci = (self._taxon_info(e.taxon) or (e.name,))[0]
                return Mention(span, start, end, e.taxon, sci, e.group, kind), n
        return None

    def _accept(
        self,
        e: _Entry,
        span: str,
        text: str,
        start: int,
        end: int,
        tokens: Sequence[tuple[int, int]],
        after: int,
    ) -> str | None:
        """The mention kind of *span* read as entry *e*, or ``None`` when a guard refuses it."""
        if e.source == "abbrev":
            return "abbreviation" if _ABBREVIATED.fullmatch(span) else None
        if len(span) > 1 and span.isupper() and " " not in span and span != e.name:
            return None  # an all-capitals word is a symbol (CAT, RICE), not an organism
        if e.source == "ncbi_scientific" and e.rank == "genus":
            if not (span[0].isupper() and span[1:].islower()):
                return None  # genera are capitalised: "Bacillus", not "bacillus"
            if self._epithet_after(text, end, tokens, after):
                return "genus+"
            return None if e.guard else "genus"
        if e.source == "ncbi_scientific" and e.rank == "species":
            genus, _, epithet = span.partition(" ")
            if not (genus[:1].isupper() and genus[1:].islower() and epithet.islower()):
                return None
            return "binomial"
        if e.guard:
            return None
        if " " not in span and not span[:1].isupper() and e.rank in ("genus", "species"):
            sci = (self._taxon_info(e.taxon) or (e.name,))[0]
            if sci.split(" ")[0].lower() == span.lower():
                return None  # a Latin name (MeSH "Bacillus"), written lower-case: a word
        if (
            e.taxon == HUMAN_TAXON
            and span.lower() in ("human", "humans")
            and (
                _NON.search(text, 0, start)
                or self._human_in_name(text, tokens, after)
                or self._gene_after(text, end, tokens, after)
            )
        ):
            return None
        if e.rank == "other":
            return "group_word"
        if e.rank == "genus" and " " not in span and span[:1].isupper():
            return "genus"
        if " " in span and e.rank == "species":
            parts = span.split(" ")
            if parts[0][:1].isupper() and parts[0][1:].islower() and span == e.name:
                return "binomial"
        return "name"

    def _epithet_after(
        self, text: str, end: int, tokens: Sequence[tuple[int, int]], after: int
    ) -> bool:
        """Whether a genus ending at *end* is followed by a species epithet (a lower-case
        word that is not common English)."""
        if after >= len(tokens) or text[end : tokens[after][0]] != " ":
            return False
        word = text[tokens[after][0] : tokens[after][1]]
        return (
            len(word) >= 4
            and word.isalpha()
            and word.islower()
            and self._lexicon.english_zipf(word) == 0.0
        )

    def _gene_after(
        self, text: str, end: int, tokens: Sequence[tuple[int, int]], after: int
    ) -> bool:
        """Whether "human" ending at *end* qualifies a gene symbol (``human CYP3A4``): a
        heterologous human gene, not a sign that the figure is about humans."""
        if after >= len(tokens) or not _SPACE.fullmatch(text, end, tokens[after][0]):
            return False
        word = text[tokens[after][0] : tokens[after][1]]
        return bool(_SYMBOL.fullmatch(word))

    def _human_in_name(self, text: str, tokens: Sequence[tuple[int, int]], after: int) -> bool:
        """Whether the words after "human" make it part of a virus or disease name."""
        for j in range(after, min(after + 2, len(tokens))):
            if text[tokens[j][0] : tokens[j][1]].lower() in self._after_human:
                return True
        return False


@cache
def _table_for(lexicon: Lexicon) -> OrganismTable:
    return OrganismTable.from_lexicon(lexicon)


def organism_table(lexicon: Lexicon | None = None) -> OrganismTable:
    """The organism table of *lexicon*'s data directory (default: the data in use), loaded
    once."""
    return _table_for(lexicon if lexicon is not None else default_lexicon())


def find_organisms(text: str, *, lexicon: Lexicon | None = None) -> tuple[Mention, ...]:
    """Every organism name in *text*: binomials (``Arabidopsis thaliana``), abbreviated
    binomials (``A. thaliana``), genera, common names (``rice``, ``zebrafish``), MeSH terms
    (``Baker's Yeast``) and group words (``bacterial``), with guards against everyday words,
    gene symbols, ``non-human`` and "human" inside a virus or disease name.

    Examples:
        >>> [m.text for m in find_organisms("HIV-1 infection of human T cells")]
        ['HIV-1', 'human', 'T cells']
        >>> [m.text for m in find_organisms("yeast expressing human CYP3A4")]
        ['yeast']
        >>> [m.text for m in find_organisms("human immunodeficiency virus; non-human primates")]
        ['human immunodeficiency virus', 'primates']
    """
    return tuple(organism_table(lexicon).scan(text))


# --------------------------------------------------------------------------- figures


def _evidence_weight(field: str, kind: str) -> float:
    return FIELD_WEIGHTS[field] * KIND_WEIGHTS[kind]


def figure_organisms(page: Page, *, lexicon: Lexicon | None = None) -> tuple[FigureOrganism, ...]:
    """The organisms *page*'s figure is about, best first.

    Every mention in the title, caption and paper title, every ``organisms`` /
    ``organisms_ner`` entry and every organism of the hit tables is weighed
    (`FIELD_WEIGHTS` × `KIND_WEIGHTS`; repeats in one field add half each). Group words and
    bare curated words (``plant``, ``yeast``) join the most specific organism of the same group
    that the text names (``yeast`` + *Yarrowia lipolytica* is one organism). Organisms whose
    group scores at least 40 % of the best group are kept, and so is a vertebrate the text names
    with a score of at least 1 (a host). Metadata and hit tables count only when the text names
    no organism at all, and then *Homo sapiens* among them wins alone: paper-level lists name
    every organism a paper mentions.

    Returns:
        The organisms, by falling score; empty when nothing names one.

    Examples:
        >>> from genenorm.models import Page
        >>> page = Page("f1", figtitle="Terpene synthesis pathway",
        ...             caption="Engineered Yarrowia lipolytica yeast strains.",
        ...             organisms_ner=["Homo sapiens"])
        >>> [(o.taxon, o.name, str(o.group)) for o in figure_organisms(page)]
        [('4952', 'Yarrowia lipolytica', 'fungus')]
    """
    table = organism_table(lexicon)
    text_ev: dict[str, list[OrganismEvidence]] = defaultdict(list)
    kinds: dict[str, str] = {}
    offset = 0
    for field in _TEXT_FIELDS:
        value = getattr(page, field)
        if not value:
            continue
        for m in table.scan(value):
            text_ev[m.taxon].append(
                OrganismEvidence(
                    m.text, offset + m.start, offset + m.end, field, m.kind,
                    _evidence_weight(field, m.kind),
                )
            )  # fmt: skip
            kinds.setdefault(m.taxon, m.kind)
        offset += len(value) + 1
    if page.author_keywords:  # the paper's own keywords name the organisms it studies
        for m in table.scan(" | ".join(page.author_keywords)):
            text_ev[m.taxon].append(
                OrganismEvidence(
                    m.text, None, None, "author_keywords", m.kind,
                    _evidence_weight("author_keywords", m.kind),
                )
            )  # fmt: skip
            kinds.setdefault(m.taxon, m.kind)
    for taxon, n, name in _dominant_lexicons(page, table._lexicon):
        if table.taxon(taxon) is not None:
            text_ev[taxon].append(
                OrganismEvidence(
                    f"{name}: {n} own gene symbols", None, None, "hits", "symbols",
                    _evidence_weight("hits", "symbols"),
                )
            )  # fmt: skip
    chosen = _merge_generic(text_ev, table) if text_ev else _metadata_evidence(page, table)
    return _select(chosen, table)


def _merge_generic(
    ev: dict[str, list[OrganismEvidence]], table: OrganismTable
) -> dict[str, list[OrganismEvidence]]:
    """Fold vaguer mentions into the most specific taxon of their group that the text names:
    group words (``plant``, ``leaves``) into any named organism of the group, bare names
    (``yeast``) into a named binomial or genus (``Yarrowia lipolytica``), and a genus into a
    species of it."""
    ranked = sorted(ev.items(), key=lambda kv: (-_score(kv[1]), int(kv[0])))
    kinds = {taxon: {e.kind for e in items} for taxon, items in ev.items()}
    group_of = {taxon: (table.taxon(taxon) or ("", None))[1] for taxon in ev}
    scientific = {"binomial", "abbreviation", "genus"}

    def target(taxon: str, accept: set[str] | None) -> str:
        for other, _items in ranked:
            if (
                other != taxon
                and group_of[other] == group_of[taxon]
                and (
                    (accept is None and kinds[other] - {"group_word"})
                    or (accept and kinds[other] & accept)
                )
            ):
                return other
        return taxon

    out: dict[str, list[OrganismEvidence]] = defaultdict(list)
    for taxon, items in ev.items():
        k = kinds[taxon]
        if k == {"group_word"}:
            out[target(taxon, None)].extend(items)
        elif not k & scientific and "name" in k:
            out[target(taxon, scientific)].extend(items)
        else:
            out[taxon].extend(items)
    # a genus named next to one of its species is that species
    for taxon in list(out):
        info = table._taxon_info(taxon)
        if info is None or info[2] != "genus":
            continue
        for other in out:
            o = table._taxon_info(other)
            if other != taxon and o is not None and o[0].startswith(info[0] + " "):
                out[other].extend(out.pop(taxon))
                break
    return out


def _dominant_lexicons(page: Page, lexicon: Lexicon) -> list[tuple[str, int, str]]:
    """Organisms whose own nomenclature the figure's words follow: their lexicon matched, by
    approved symbol, many terms that the human lexicon did not (``EGL-19``, ``CED-3``,
    ``DLK-1`` on a *C. elegans* figure). Short terms and English words (``how``, ``tea``,
    Drosophila's habit) do not count. ``(taxon, distinct terms, organism name)``."""
    human: set[str] = set()
    human_symbols: set[str] = set()
    terms: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for h in page.gene_hits:
        if h.organism_id in (None, "", HUMAN_TAXON):
            human.add(h.match.upper())
            if h.source in ("ncbigene_symbol", "hgnc_symbol"):
                human_symbols.add(h.match.upper())
        elif h.source == "ncbigene_symbol":
            terms[h.organism_id].add(h.match.upper())
            names.setdefault(h.organism_id, h.organism_name or h.organism_id)
    out = []
    for taxon, matched in sorted(terms.items()):
        own = {t for t in matched - human if len(t) >= 4 and lexicon.english_zipf(t) == 0.0}
        if len(own) >= MIN_DOMINANT_SYMBOLS and len(own) >= DOMINANCE_RATIO * len(human_symbols):
            out.append((taxon, len(own), names[taxon]))
    return out


def _metadata_evidence(page: Page, table: OrganismTable) -> dict[str, list[OrganismEvidence]]:
    ev: dict[str, list[OrganismEvidence]] = defaultdict(list)
    for field in ("organisms", "organisms_ner"):
        for name in getattr(page, field):
            hit = table.lookup(name)
            if name and name != "NA" and hit is not None:
                ev[hit[0]].append(
                    OrganismEvidence(name, None, None, field, "metadata", FIELD_WEIGHTS[field])
                )
    if HUMAN_TAXON in ev:
        # paper-level lists name every organism a paper mentions (organisms_ner adds
        # Drosophila to most pages); alone, they never outweigh the human default
        return {HUMAN_TAXON: ev[HUMAN_TAXON]}
    if not ev:
        seen: dict[str, str] = {}
        for h in page.gene_hits:
            if h.organism_id and h.organism_id not in seen:
                seen[h.organism_id] = h.organism_name or h.organism_id
        for taxon, name in seen.items():
            if table.taxon(taxon) is not None:
                ev[taxon].append(
                    OrganismEvidence(name, None, None, "hits", "hit_table", FIELD_WEIGHTS["hits"])
                )
    return ev


def _score(items: Sequence[OrganismEvidence]) -> float:
    """Sum of weights; within one field, repeats add half each, up to `MAX_REPEAT_FACTOR`."""
    by_field: dict[str, list[float]] = defaultdict(list)
    for e in items:
        by_field[e.field].append(e.weight)
    total = 0.0
    for weights in by_field.values():
        weights.sort(reverse=True)
        top = weights[0]
        total += min(top + 0.5 * sum(weights[1:]), top * MAX_REPEAT_FACTOR)
    return round(total, 3)


def _select(
    ev: dict[str, list[OrganismEvidence]], table: OrganismTable
) -> tuple[FigureOrganism, ...]:
    found = []
    for taxon, items in ev.items():
        info = table.taxon(taxon)
        if info is None:
            continue
        found.append(FigureOrganism(taxon, info[0], info[1], _score(items), tuple(items)))
    if not found:
        return ()
    by_group: dict[OrganismGroup, float] = defaultdict(float)
    for o in found:
        by_group[o.group] += o.score
    top = max(by_group.values())
    vertebrate = (OrganismGroup.HUMAN, OrganismGroup.OTHER_VERTEBRATE)
    kept = [
        o
        for o in found
        if by_group[o.group] >= KEEP_SHARE * top
        or (o.group in vertebrate and by_group[o.group] >= MIN_HOST_SCORE)
    ]
    kept.sort(key=lambda o: (-o.score, int(o.taxon)))
    return tuple(kept)


# --------------------------------------------------------------------------- for the judge


def non_vertebrate_only(organisms: Sequence[FigureOrganism]) -> FigureOrganism | None:
    """The organism that shows a figure is about non-vertebrates only, or ``None``.

    True when every organism (viruses aside: they live in a host) is an invertebrate, plant,
    fungus, bacterium or protist, and the text (not only metadata) names them with a score of
    at least `MIN_NON_VERTEBRATE_SCORE` — a single ``plant`` in a caption is not enough, a
    species or a title word is. On such a figure a human-lexicon hit is not a human gene
    unless the text names the human gene (`human_gene_named`).

    Examples:
        >>> from genenorm.models import Page
        >>> rice = figure_organisms(Page("f", figtitle="Lignin biosynthesis in rice"))
        >>> non_vertebrate_only(rice).name
        'Oryza sativa'
        >>> mixed = figure_organisms(Page("f", caption="Arabidopsis and human cells"))
        >>> non_vertebrate_only(mixed) is None
        True
    """
    relevant = [o for o in organisms if o.group != OrganismGroup.VIRUS]
    if not relevant or any(o.group not in NON_VERTEBRATE_GROUPS for o in relevant):
        return None
    from_text = [
        o
        for o in relevant
        if any(e.field in _WRITTEN_FIELDS or e.kind == "symbols" for e in o.evidence)
    ]
    if sum(o.score for o in from_text) < MIN_NON_VERTEBRATE_SCORE:
        return None
    return from_text[0]


_HUMAN_PREFIX = r"(?:human|Homo\s+sapiens)(?:[\s-]+(?!and\b|or\b)[A-Za-z-]+)?[\s-]+"


#: The only characters beyond ASCII that `re.IGNORECASE` matches with an ASCII letter or
#: whose lower case holds one: İ, ı, ſ and the Kelvin sign (checked over all of Unicode).
_FOLDS_INTO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def human_gene_named(text: str, names: Iterable[str]) -> tuple[int, int] | None:
    """The span where *text* names one of *names* as a human gene, or ``None``.

    Recognised: ``human TP53``, ``human recombinant TP53``, ``Homo sapiens TP53``,
    ``hTP53`` (an ``h`` glued to a capitalised name) and ``TP53 (human)``. Names are matched
    case-insensitively as whole words.

    Examples:
        >>> human_gene_named("Yeast expressing human TP53 and hBAX", ["TP53"])
        (17, 27)
        >>> human_gene_named("Yeast expressing human TP53 and hBAX", ["BAX"])
        (32, 36)
        >>> human_gene_named("yeast Pho85 kinase", ["PHO85"]) is None
        True
    """
    # Every pattern holds the name itself: for an ASCII name, a text without the name in any
    # case has no match, unless it holds one of the few characters that match or lower-case
    # to ASCII letters under `re.IGNORECASE` (`_FOLDS_INTO_ASCII`).
    lowered = None if _FOLDS_INTO_ASCII.search(text) else text.lower()
    # Each pattern also holds "human" or "homo" (the prefix, "(human)") or is "h" + the name:
    # a text with none of these in any case has no match for an ASCII name either.
    human = lowered is None or "human" in lowered or "homo" in lowered
    for name in names:
        if not name:
            continue
        if lowered is not None and name.isascii():
            key = name.lower()
            if key not in lowered or (not human and "h" + key not in lowered):
                continue
        n = re.escape(name)
        pattern = (
            rf"(?<![\w-]){_HUMAN_PREFIX}{n}(?!\w)"
            rf"|(?<![\w-])h{n}(?!\w)"
            rf"|(?<![\w-]){n}\s*\(\s*human\s*\)"
        )
        for m in re.finditer(pattern, text, re.IGNORECASE):
            s = m.group(0)
            if (
                not s.lower().startswith(("human", "homo"))
                and s[:1] in "hH"
                and (s[0] != "h" or not name[:1].isupper() or s[1:2] != name[:1])
            ):
                continue  # 'h' + name: a lower-case h before a capitalised name only
            return m.start(), m.end()
    return None
