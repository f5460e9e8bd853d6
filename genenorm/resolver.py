"""Term → `Resolution`, from the embedded HGNC/FamPlex snapshot.

The resolver tries spellings from the most to the least literal and stops at the first that
matches anything:

1. the term as given, then case-folded (``tp53``, ``c19ORF71``), across approved symbols,
   curated FamPlex groundings, withdrawn symbols, previous symbols and aliases;
2. a microRNA spelling (``hsa-miR-21-5p``, ``let-7a``) when step 1 found no approved symbol;
3. the normalised key: Unicode, dashes, spaces, punctuation and Greek letters folded
   (``IL 6``, ``TNF-α``, ``NF-κB``, ``ΑΚΤ`` in Greek capitals); a lower-case ``p-`` prefix
   is read as phosphorylation first (``p-ERK`` is ERK, not PERK);
4. an Excel date turned back into symbols (``7-Sep`` → ``SEPT7``);
5. a gene or protein name: HGNC's approved name or a MeSH protein name mapped to one gene
   (``insulin`` → INS, ``P-glycoprotein`` → ABCB1).

Within a step, candidates are ranked approved > curated > successor (withdrawn symbol) >
previous > alias, and a family grounding beats previous symbols and aliases. An approved
symbol always wins; otherwise one gene gives its status and several give ``ambiguous``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, overload, runtime_checkable

import attrs

from .exceptions import UnknownSymbolError
from .models import RELATION_RANK, Candidate, MatchMethod, Relation, Resolution, Status
from .text import (
    MAX_CLEANED_LENGTH,
    MAX_TERM_LENGTH,
    clean,
    excel_date_keys,
    fold,
    mirna_keys,
    norm_key,
)

if TYPE_CHECKING:
    from .lexicon import Entry, Lexicon

__all__ = ["Resolver", "Source", "current_symbol", "default_resolver", "resolve", "resolve_many"]

_NO_GROUNDINGS: tuple[tuple[Entry, ...], tuple[tuple[str, str], ...]] = ((), ())
_STATUS_OF = {
    Relation.APPROVED: Status.APPROVED,
    Relation.CURATED: Status.ALIAS,
    Relation.SUCCESSOR: Status.WITHDRAWN,
    Relation.PREVIOUS: Status.PREVIOUS,
    Relation.ALIAS: Status.ALIAS,
}


@runtime_checkable
class Source(Protocol):
    """Anything that resolves terms into `Resolution` values, one per input, in order."""

    #: ``snapshot`` or ``mygene``.
    name: str

    def resolve_many(self, terms: Iterable[str]) -> list[Resolution]:
        """Resolve every term; exactly one result per input, in input order."""
        ...  # pragma: no cover


def match_method(matched: str, query: str) -> MatchMethod:
    """How the lexicon term *matched* relates to the *query* that found it: letter for letter,
    by case only, or through Unicode/punctuation/Greek normalisation."""
    stripped = query.strip()
    if matched == stripped:
        return MatchMethod.EXACT
    if fold(matched) == fold(stripped):
        return MatchMethod.CASE_FOLDED
    return MatchMethod.NORMALISED


def _check_term(term: object, position: int | None = None) -> str:
    if isinstance(term, str):
        return term
    where = "" if position is None else f" at position {position}"
    msg = f"terms must be str; got {type(term).__name__} {term!r}{where}"
    raise TypeError(msg)


class Resolver:
    """Resolve terms against one lexicon (by default the embedded snapshot).

    Results are cached per exact input string, so resolving a corpus with many repeats is
    cheap. A ``Resolver`` is safe to share between threads (the cache is a plain dict and
    results are immutable).
    """

    name = "snapshot"

    def __init__(self, lexicon: Lexicon | None = None, *, cache_size: int = 100_000) -> None:
        if lexicon is None:
            from .lexicon import default_lexicon

            lexicon = default_lexicon()
        elif isinstance(lexicon, str | bytes | os.PathLike):
            msg = (
                f"Resolver() takes a Lexicon, not a path ({lexicon!r}); for a data directory "
                "use Resolver.from_dir(path)"
            )
            raise TypeError(msg)
        self.lexicon = lexicon
        self.release = lexicon.release
        self._cache: dict[str, Resolution] = {}
        self._cache_size = cache_size
        self._candidates: dict[tuple[int, Relation, str], Candidate] = {}
        self._family_members: dict[str, tuple[Candidate, ...]] = {}

    @classmethod
    def from_dir(cls, data_dir: str | Path) -> Resolver:
        """A resolver over the data directory *data_dir* (see ``genenorm data build``)."""
        from .lexicon import Lexicon

        return cls(Lexicon.from_dir(data_dir))

    def __reduce__(self) -> tuple[object, tuple[str]]:
        # Shipping a resolver to another process sends only its data directory; the worker
        # loads (once, cached) instead of unpickling the indexes.
        return (_resolver_for_dir, (str(self.lexicon.data_dir),))

    # ------------------------------------------------------------------ public

    def resolve(self, term: str) -> Resolution:
        """Resolve one term.

        Raises:
            TypeError: *term* is not a string.
        """
        try:
            hit = self._cache.get(term)
        except TypeError:  # unhashable: not a term (`_check_term` says so)
            hit = None
        if hit is not None:
            return hit
        result = self._resolve(_check_term(term))
        if len(term) > MAX_CLEANED_LENGTH:
            return result  # never a gene (`_resolve` does not even clean it): not kept
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[term] = result
        return result

    def resolve_many(self, terms: Iterable[str]) -> list[Resolution]:
        """Resolve every term: one result per input, in input order.

        Raises:
            TypeError: *terms* is one string, or an element is not a string (the message
                gives its position).
        """
        from ._args import require_many

        require_many(terms, "resolve_many", "terms")
        cache = self._cache
        out: list[Resolution] = []
        append = out.append
        for i, term in enumerate(terms):
            hit = cache.get(term) if isinstance(term, str) else None
            if hit is None:
                term = _check_term(term, i)
                hit = self.resolve(term)
            append(hit)
        return out

    def _caches(self) -> list[dict[Any, Any]]:
        """The resolver's caches (results, candidates, family members), for a checker's
        `genenorm._budget.CacheBudget`; emptying them changes no result."""
        return [self._cache, self._candidates, self._family_members]

    # ------------------------------------------------------------------ internals

    def _resolve(self, term: str) -> Resolution:
        c = clean(term) if len(term) <= MAX_CLEANED_LENGTH else ""
        if not c or len(c) > MAX_TERM_LENGTH:
            return Resolution(query=term, status=Status.NOT_FOUND, release=self.release)
        lex = self.lexicon
        key = fold(c)
        entries = lex.lookup_fold(key)
        curated, families = self._groundings(key, normalised=False, genes_too=bool(entries))
        for _, rel, _ in entries:
            if rel is Relation.APPROVED:
                return self._decide(term, c, entries, curated, families, None)
        if "MIR" in key or "LET" in key:
            mirna = self._mirna(term, c)
            if mirna is not None:
                return mirna
        if entries or curated or families:
            return self._decide(term, c, entries, curated, families, None)
        if c[:2] == "p-" and len(c) > 3:
            # "p-ERK" is phospho-ERK: read the modifier off before folding punctuation away,
            # which would make it PERK (EIF2AK3)
            r = self.resolve(c[2:])
            if r.status is not Status.NOT_FOUND:
                return attrs.evolve(r, query=term, match=MatchMethod.NORMALISED)
        nk = norm_key(c)
        if nk:
            entries = lex.lookup_norm(nk)
            curated, families = self._groundings(nk, normalised=True, genes_too=bool(entries))
            if entries or curated or families:
                return self._decide(term, c, entries, curated, families, MatchMethod.NORMALISED)
        dates = excel_date_keys(c) if any(ch.isdigit() for ch in c) else ()
        if dates:
            # Excel mangles gene tables, which use the symbols official at the time: only
            # approved and previous symbols are considered, not aliases.
            entries = [
                e for k in dates for e in lex.lookup_fold(k)
                if e[1] in (Relation.APPROVED, Relation.PREVIOUS, Relation.SUCCESSOR)
            ]  # fmt: skip
            if entries:
                return self._decide(term, c, entries, [], [], MatchMethod.EXCEL_DATE)
        named = self._by_name(c, key, nk)
        if named:
            return self._decide(term, c, named, [], [], MatchMethod.NAME)
        withdrawn = lex.withdrawn_of(key)
        if withdrawn:
            method = MatchMethod.EXACT if withdrawn[0].symbol == c else MatchMethod.CASE_FOLDED
            return Resolution(
                query=term, status=Status.WITHDRAWN, match=method, release=self.release
            )
        return Resolution(query=term, status=Status.NOT_FOUND, release=self.release)

    def _groundings(
        self, key: str, *, normalised: bool, genes_too: bool
    ) -> tuple[Sequence[Entry], Sequence[tuple[str, str]]]:
        """Curated gene groundings (as entries) and family ids for a folded or normalised key.

        A family known only by its identifier (not by a grounding-map text) is left out when
        the key also names genes (*genes_too*): ``KARS`` is KARS1's previous symbol before it
        is the id of the kainate-receptor family.
        """
        meanings = self.lexicon.meanings_by_key(key, normalised=normalised)
        if not meanings:
            return _NO_GROUNDINGS
        curated: list[Entry] = []
        families: list[tuple[str, str]] = []
        for m in meanings:
            if m.curie.startswith("HGNC:"):
                i = self.lexicon.index_of(m.curie)
                if i is not None:
                    curated.append((i, Relation.CURATED, m.text))
            elif (
                m.curie.startswith("FPLX:")
                and (m.source == "famplex" or not genes_too)
                and all(f[0] != m.curie[5:] for f in families)
            ):
                families.append((m.curie[5:], m.text))
        return curated, families

    def _by_name(self, c: str, key: str, nk: str) -> list[Entry]:
        """Genes whose approved name or MeSH protein name is *c* (as curated entries)."""
        lex = self.lexicon
        found: list[Entry] = [(i, Relation.CURATED, c) for i in lex.genes_named_key(key)]
        if not found:
            meanings = lex.meanings_by_key(key, source="mesh")
            if not meanings and nk:
                meanings = lex.meanings_by_key(nk, normalised=True, source="mesh")
            for m in meanings:
                i = lex.index_of(m.curie)
                if i is not None:
                    found.append((i, Relation.CURATED, m.text))
        return found

    def _candidate(self, index: int, relation: Relation, term: str) -> Candidate:
        key = (index, relation, term)
        cand = self._candidates.get(key)
        if cand is None:
            g = self.lexicon.gene(index)
            cand = Candidate(  # every field, in order: positional arguments are faster
                g.symbol, g.hgnc_id, relation, term, g.name,
                g.locus_type or None, g.entrez or None, g.ensembl or None,
            )  # fmt: skip
            if len(self._candidates) < 200_000:
                self._candidates[key] = cand
        return cand

    def _members(self, fid: str) -> tuple[Candidate, ...]:
        """Member candidates of a FamPlex family, sorted by symbol (cached)."""
        members = self._family_members.get(fid)
        if members is None:
            found = []
            for hid in self.lexicon.families.get(fid, ()):
                i = self.lexicon.index_of(hid)
                if i is not None:
                    found.append(self._candidate(i, Relation.MEMBER, fid))
            members = self._family_members[fid] = tuple(sorted(found, key=lambda m: m.symbol))
        return members

    def _decide(
        self,
        query: str,
        c: str,
        entries: Sequence[Entry],
        curated: Sequence[Entry],
        families: Sequence[tuple[str, str]],
        method: MatchMethod | None,
    ) -> Resolution:
        if not curated and len(entries) == 1:
            cands = [self._candidate(*entries[0])]  # the usual case: one term, one gene
        else:
            best: dict[int, tuple[Relation, str]] = {}
            for idx, rel, term in (*curated, *entries):
                old = best.get(idx)
                if old is None or RELATION_RANK[rel] < RELATION_RANK[old[0]]:
                    best[idx] = (rel, term)
            cands = sorted(
                (self._candidate(i, rel, term) for i, (rel, term) in best.items()),
                key=lambda c: (RELATION_RANK[c.relation], c.symbol),
            )
        top_rel = cands[0].relation if cands else None
        use_family = bool(families) and top_rel not in (Relation.APPROVED, Relation.CURATED)
        if method is None:
            method = match_method(
                families[0][1] if use_family or not cands else cands[0].term, query
            )
        if use_family:
            fid = families[0][0]
            members = self._members(fid)
            seen = {m.hgnc_id for m in members}
            others = [x for x in cands if x.hgnc_id not in seen]
            return self._result(query, method, Status.FAMILY, (*members, *others), family=fid)
        assert top_rel is not None  # noqa: S101 - entries or curated were non-empty
        if len(cands) == 1 or sum(1 for x in cands if x.relation is Relation.APPROVED) == 1:
            return self._result(query, method, _STATUS_OF[top_rel], cands, cands[0])
        if top_rel is Relation.CURATED and cands[1].relation is not Relation.CURATED:
            # a curated grounding (FamPlex) settles between a gene and other genes' aliases
            return self._result(query, method, Status.ALIAS, cands, cands[0])
        if all(x.relation is Relation.SUCCESSOR for x in cands):
            return self._result(query, method, Status.WITHDRAWN, cands)
        return self._result(query, method, Status.AMBIGUOUS, cands)

    def _result(
        self,
        query: str,
        method: MatchMethod,
        status: Status,
        candidates: Sequence[Candidate],
        pick: Candidate | None = None,
        family: str | None = None,
    ) -> Resolution:
        if pick is None:
            return Resolution(
                query=query, status=status, candidates=candidates, match=method,
                family=family, release=self.release,
            )  # fmt: skip
        return Resolution(
            query=query, status=status, symbol=pick.symbol, hgnc_id=pick.hgnc_id,
            name=pick.name, locus_type=pick.locus_type, entrez=pick.entrez,
            ensembl=pick.ensembl, candidates=candidates, match=method, family=family,
            release=self.release,
        )  # fmt: skip

    def _mirna(self, query: str, c: str) -> Resolution | None:
        parsed = mirna_keys(c)
        if parsed is None:
            return None
        stem, locus = parsed
        symbols = self.lexicon.mirna_symbols.get(stem, [])
        if locus:
            wanted = [s for s in symbols if s in (f"{stem}{locus}", f"{stem}-{locus}")]
            symbols = wanted or symbols
        if not symbols:
            return None
        entries: list[Entry] = []
        for s in symbols:
            entries.extend(e for e in self.lexicon.lookup_fold(s) if e[1] is Relation.APPROVED)
        return self._decide(query, c, entries, [], [], MatchMethod.MIRNA)


def _resolver_for_dir(data_dir: str) -> Resolver:
    from .lexicon import default_data_dir

    if Path(data_dir) == default_data_dir():
        return default_resolver()
    return _cached_resolver(data_dir)


@cache
def _cached_resolver(data_dir: str) -> Resolver:
    return Resolver.from_dir(data_dir)


@cache
def default_resolver() -> Resolver:
    """The shared resolver over the default lexicon (``$GENENORM_DATA`` or the snapshot)."""
    return Resolver()


def resolve(term: str) -> Resolution:
    """Resolve one term against the embedded snapshot.

    Examples:
        >>> r = resolve("tp53")
        >>> (str(r.status), r.symbol, r.hgnc_id, str(r.match))
        ('approved', 'TP53', 'HGNC:11998', 'case_folded')

    Raises:
        TypeError: *term* is not a string.
    """
    return default_resolver().resolve(term)


def resolve_many(terms: Iterable[str]) -> list[Resolution]:
    """Resolve many terms against the embedded snapshot: one result per input, in order.

    Examples:
        >>> [r.symbol for r in resolve_many(["SEPT7", "FAM64A", "xyzzy"])]
        ['SEPTIN7', 'PIMREG', None]

    Raises:
        TypeError: an element is not a string (the message gives its position).
    """
    return default_resolver().resolve_many(terms)


@overload
def current_symbol(term: str, *, strict: Literal[True]) -> str: ...
@overload
def current_symbol(term: str, *, strict: Literal[False] = False) -> str | None: ...
def current_symbol(term: str, *, strict: bool = False) -> str | None:
    """The current approved symbol *term* stands for, if exactly one gene is meant.

    Examples:
        >>> current_symbol("C10orf2")
        'TWNK'
        >>> current_symbol("TAZ") is None
        True

    Raises:
        UnknownSymbolError: with ``strict=True``, when no single gene is meant (the error
            carries the candidates).
        TypeError: *term* is not a string.
    """
    r = resolve(term)
    if r.symbol is None and strict:
        msg = f"{term!r} is {r.status}: no single current HGNC gene"
        if r.candidates:
            msg += " (candidates: " + ", ".join(c.symbol for c in r.candidates[:10]) + ")"
        raise UnknownSymbolError(msg, query=term, candidates=tuple(c.symbol for c in r.candidates))
    return r.symbol
