"""Written forms of chemical names: the spellings a figure uses for a chemical in the lexicon.

Figures write metabolites in many ways: ``pyruvate`` for *pyruvic acid*, ``glycerol-3-P``
for *glycerol 3-phosphate*, ``Mevalonate-5-PP`` for *mevalonate 5-diphosphate*,
``ent-kaurenol``, ``p-coumarate``, ``diterpenes``, ``α-ketoglutarate``. `candidate_keys`
turns a term into the lookup keys of the forms it may stand for, most literal first;
`find_chemical` tries them against the chemical table of a `genenorm.lexicon.Lexicon`
(`genenorm.lexicon.Lexicon.chemical` answers through it).

Examples:
    >>> from genenorm.lexicon import default_lexicon
    >>> lex = default_lexicon()
    >>> [lex.chemical(t).seed for t in ("pyruvate", "Pyruvic acid", "pyruvic-acid")]
    ['cpd00020', 'cpd00020', 'cpd00020']
    >>> lex.chemical("glycerol-3-P").name, lex.chemical("Succinyl-CoA").chemical_class
    ('Glycerol-3-phosphate', 'metabolite')
    >>> lex.chemical("form") is None  # an English word, not the abbreviation FORM (formate)
    True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from .models import MatchMethod, Resolution, Status
from .page_models import Kind, Reason, ReasonCode
from .text import clean, fold

if TYPE_CHECKING:
    from .lexicon import Chemical, Lexicon

__all__ = [
    "candidate_keys",
    "chemical_on_page",
    "find_chemical",
    "gene_too",
    "keyword_chemical",
    "page_kind",
    "page_makes_chemical",
    "page_may_decide",
]

#: Greek letters spelled out, as chemical names write them (``α-ketoglutarate``).
_GREEK = str.maketrans(
    {
        "α": "alpha", "β": "beta", "ϐ": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon",
        "ϵ": "epsilon", "ζ": "zeta", "η": "eta", "θ": "theta", "κ": "kappa", "λ": "lambda",
        "μ": "mu", "ω": "omega", "ß": "beta", "ẞ": "beta", "Δ": "delta", "Ω": "omega",
    }
)  # fmt: skip
_NOT_WORD = re.compile(r"[\W_]+")
#: Phosphate suffixes: ``-P``, ``-PP``, ``-PPP``, ``-P2`` after an optional locant.
_PHOSPHATE = re.compile(r"(?:[-\s]((?:\d+'?)(?:,\d+'?)*))?[-\s](p|pp|ppp|p2|pi|ppi)$")
_PHOSPHATE_WORD = {
    "p": ("phosphate",),
    "pi": ("phosphate",),
    "pp": ("diphosphate", "pyrophosphate"),
    "ppi": ("diphosphate", "pyrophosphate"),
    "ppp": ("triphosphate",),
    "p2": ("bisphosphate", "diphosphate"),
}
_PHOSPHATE_SWAP = (
    ("bisphosphate", "diphosphate"),
    ("diphosphate", "bisphosphate"),
    ("pyrophosphate", "diphosphate"),
    ("diphosphate", "pyrophosphate"),
)
#: One stereo or locant prefix: ``(S)-``, ``D-``, ``L-``, ``DL-``, ``ent-``, ``cis-``,
#: ``all-trans-``, ``sn-``, ``2-``, ``16-``, ``N-``, ``alpha-``.
_PREFIX = re.compile(
    r"^(?:\([^()]{1,14}\)-?|(?:dl|d|l|ent|cis|trans|all-trans|sn|meso|\d+(?:,\d+)*|n|o|"
    r"alpha|beta|gamma|delta|omega)-)(?=[a-z(])"
)
#: A one-letter prefix before a lower-case word (``H-lignin``, ``S-lignin``); before a
#: capital it is a gene's (``p-ERK``, ``c-Myc``) and stays.
_LETTER_PREFIX = re.compile(r"[A-Za-z]-[a-z]{4}")
#: ``p-``, ``o-``, ``m-`` substitution positions as locants (``p-coumarate`` = ``4-coumarate``).
_POSITION = {"p-": "4-", "o-": "2-", "m-": "3-"}
#: Counter-ions and salt words around a chemical name (``sodium pyruvate``).
_SALT = re.compile(
    r"^(?:sodium|potassium|calcium|magnesium|lithium|ammonium|zinc|di?sodium)\s+|"
    r"\s+(?:sodium|potassium|hydrochloride|hcl|salt|sodium salt)$"
)
#: Plurals of chemical class words (``diterpenes``, ``chlorophylls``, ``flavonoids``,
#: ``ubiquinones``); not ``-ins`` or ``-ases``, the plurals of protein names (``tubulins``).
_CLASS_PLURAL = re.compile(r"(?:ene|ane|one|oid|ol|yll|ide|ate|ite|ine|ose|ester|acid|yl|al)s$")
#: A chemical name written out has a run of three lower-case letters; a term without one
#: (``p-GSK3``, ``MK1/2``, ``HMG-CoA``) is a symbol or abbreviation, looked up as written.
_WRITTEN_OUT = re.compile(r"[a-z]{3}")
#: Keys shorter than this are looked up only as written (abbreviations: ``ATP``, ``Ala``).
_MIN_VARIANT_KEY = 4
_MAX_KEYS = 48
#: Metabolite keywords that make a page "chemical in context" (`chemical_on_page`).
_METABOLITE_SIBLINGS = 3
#: An amino-acid three-letter code as figures write it (``Ala``, ``Trp``).
_AMINO_ACID_SHAPE = re.compile(r"[A-Z][a-z]{2}")
#: Keys of at most this length are abbreviations (``PEP``, ``cAMP``, ``dpp``).
_ABBREVIATION_KEY = 4


def _key(text: str) -> str:
    return _NOT_WORD.sub("", text)


def _one_step(s: str) -> list[str]:
    """Forms one rewrite away from *s* (lower-case text with its dashes and spaces)."""
    out: list[str] = []
    m = _PHOSPHATE.search(s)
    if m is not None and m.start() >= 3:
        locant = f"{m.group(1)}-" if m.group(1) else ""
        out += [f"{s[: m.start()]}-{locant}{w}" for w in _PHOSPHATE_WORD[m.group(2)]]
        out += [f"{s[: m.start()]} {locant}{w}" for w in _PHOSPHATE_WORD[m.group(2)]]
    for a, b in _PHOSPHATE_SWAP:
        if s.endswith(a):
            out.append(s[: -len(a)] + b)
    if s.endswith("ate"):
        out.append(s[:-3] + "ic acid")
    elif s.endswith("ic acid"):
        out.append(s[:-7] + "ate")
    elif s.endswith("ite"):
        out.append(s[:-3] + "ous acid")
    elif s.endswith("ous acid"):
        out.append(s[:-8] + "ite")
    if s.endswith("coenzyme a"):
        out.append(s[:-10] + "coa")
    elif s.endswith("-coa") or s.endswith(" coa"):
        out.append(s[:-3] + "coenzyme a")
    if "eicosa" in s:  # IUPAC's icosa- and the usual eicosa- (icosanoic/eicosanoic acid)
        out.append(s.replace("eicosa", "icosa"))
    elif "icosa" in s:
        out.append(s.replace("icosa", "eicosa"))
    if (salt := _SALT.sub("", s)) != s:
        out.append(salt)
    if (p := _PREFIX.match(s)) is not None:
        out.append(s[p.end() :])
    if s[:2] in _POSITION:
        out.append(_POSITION[s[:2]] + s[2:])
    if _CLASS_PLURAL.search(s):
        out.append(s[:-1])
    return out


def candidate_keys(term: str) -> tuple[str, ...]:
    """Lookup keys of the chemical names *term* may be written for, most literal first.

    The first key is the term's own (`genenorm.lexicon.chemical_key`); then come the forms
    one rewrite away (phosphate suffixes spelled out, ``-ate`` ↔ ``-ic acid``, ``-CoA`` ↔
    ``coenzyme A``, salts, one stereo or locant prefix dropped, plurals made singular), then
    two rewrites away. Short keys (abbreviations) are not rewritten.

    Examples:
        >>> candidate_keys("glycerol-3-P")[:2]
        ('glycerol3p', 'glycerol3phosphate')
        >>> "pyruvicacid" in candidate_keys("Pyruvate")
        True
        >>> "kaurenol" in candidate_keys("ent-kaurenol")
        True
    """
    s = " ".join(clean(term).translate(_GREEK).casefold().split())
    first = _key(" ".join(clean(term).casefold().split()))  # as written: chemical_key
    spelled = _key(s)  # Greek letters spelled out
    if len(spelled) < _MIN_VARIANT_KEY or not _WRITTEN_OUT.search(term.translate(_GREEK)):
        return tuple(dict.fromkeys(k for k in (first, spelled) if k))
    keys = dict.fromkeys((first, spelled))
    frontier = [s]
    if _LETTER_PREFIX.match(term.strip()):  # H-lignin, S-adenosyl…: not p-ERK, c-Myc
        frontier.append(s[2:])
        keys[_key(s[2:])] = None
    for _depth in range(2):
        nxt: list[str] = []
        for form in frontier:
            for v in _one_step(form):
                k = _key(v)
                if len(k) >= _MIN_VARIANT_KEY and k not in keys:
                    keys[k] = None
                    nxt.append(v)
        frontier = nxt
    return tuple(keys)[:_MAX_KEYS]


def _english_word(lex: Lexicon, term: str) -> bool:
    """A common English word written as words are (``form``, ``Light``), not as an
    abbreviation (``PEP``)."""
    word = term.strip()
    return (
        word.isascii()
        and word.isalpha()
        and word in (word.lower(), word.capitalize())
        and lex.english_zipf(word) >= 3.0
    )


def find_chemical(lex: Lexicon, term: str) -> Chemical | None:
    """The chemical *term* names in *lex*, trying its written forms (`candidate_keys`).

    A common English word matches only as written, and never an abbreviation written in
    capitals (``form`` is not ``FORM``, formate).
    """
    keys = candidate_keys(term)
    if not keys or "/" in term:  # "MK1/2", "Waf1/Cip1": two names, not one
        return None
    if len(keys[0]) <= _ABBREVIATION_KEY and not _upper(term):
        # a short term not in capitals is a chemical only as the source writes it ("cAMP",
        # "Ca2+"): "dpp", "Adh" and "He" are gene symbols of flies, not DPP or helium
        found = lex.chemical_by_key(keys[0])
        return found if found is not None and found.name == term.strip() else None
    if _english_word(lex, term):
        found = lex.chemical_by_key(keys[0])
        if found is None or (found.name.isupper() and len(found.name) <= 6):
            return None
        return found
    for key in keys:
        found = lex.chemical_by_key(key)
        if found is not None:
            return found
    return None


def _upper(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def keyword_chemical(lex: Lexicon, keyword: str, names_gene: bool) -> tuple[Chemical | None, bool]:
    """The chemical a figure keyword may name, and whether its page must decide.

    The page decides for an abbreviation in capitals that also names a gene (*names_gene*:
    ``PEP``, ``IPP``, ``ACC``, ``CAMP``) and for an amino-acid three-letter code (``Ala``,
    ``Trp``; the curated list ``amino_acid_codes``), which figures also use for residues and
    fly genes.

    Examples:
        >>> from genenorm.lexicon import default_lexicon
        >>> chem, decides = keyword_chemical(default_lexicon(), "Trp", names_gene=True)
        >>> chem.name, decides
        ('L-Tryptophan', True)
    """
    word = keyword.strip()
    if _AMINO_ACID_SHAPE.fullmatch(word):
        entry = lex.curated("amino_acid_codes", word)
        if entry is not None:
            return lex.chemical(entry[0]), True
    chem = lex.chemical(keyword)
    if chem is None:
        return None, False
    return chem, names_gene and len(word) <= 6 and word.isupper()


def page_may_decide(keyword: str, names_gene: bool) -> bool:
    """Whether `keyword_chemical` may leave *keyword* to its page (a cheap test, no lookup)."""
    word = keyword.strip()
    return bool(
        _AMINO_ACID_SHAPE.fullmatch(word) or (names_gene and len(word) <= 6 and word.isupper())
    )


def chemical_on_page(
    lex: Lexicon,
    term: str,
    text: str,
    definitions: Mapping[str, str],
    siblings: Sequence[str] = (),
    *,
    approved: bool = False,
) -> bool:
    """Whether a page uses *term*, a chemical abbreviation that also names a gene (``PEP``,
    ``IPP``, ``ACC``, ``FPP``, ``CAMP``), for the chemical. The page says so when

    * its caption defines the term as a chemical (``phosphoenolpyruvate (PEP)``), or
    * its text spells out the chemical's name (``farnesyl diphosphate``), or writes the
      abbreviation as the chemical is written and never as the keyword is (``cAMP``, not
      ``CAMP``), or
    * the term sits in the chemical part of the keyword list: PFOCR lists a page's genes
      first, then its chemicals, so a term after a chemical written out in full
      (``L-Arginine``) is one of the chemicals (for an approved symbol, only when the
      chemical is written like it in other case: ``CAMP`` for cAMP), or
    * (for a term that is not an approved symbol) at least three other keywords of the page
      are chemicals written out (``HMG-CoA``, ``Pyruvate``, ``Alanine``).

    Args:
        lex: the lexicon.
        term: the keyword.
        text: the page's title and caption (`genenorm.judging.context.PageContext.text`).
        definitions: the abbreviations the text defines, by case-folded short form.
        siblings: the page's other keywords.
        approved: *term* is an approved HGNC symbol as written (only the text can then
            make it a chemical).
    """
    chem = keyword_chemical(lex, term, True)[0]
    if chem is None:
        return False
    long_form = definitions.get(fold(clean(term)))
    if long_form is not None:
        return lex.chemical(long_form) is not None
    name = chem.name
    if len(name) > len(term) + 3 and name.casefold() in text.casefold():
        return True
    if name != term and fold(name) == fold(term) and re.search(rf"\b{re.escape(name)}\b", text):
        return not re.search(rf"\b{re.escape(term)}\b", text)
    metabolites = 0
    for other in siblings:
        if other == term:
            # PFOCR lists a page's genes first, then its chemicals: a keyword after a
            # chemical written out in full (L-Arginine, Pyruvate) is in the chemical part
            if metabolites and (not approved or fold(name) == fold(term)):
                return True
            if approved:
                return False
        elif _written_out(lex, other):
            metabolites += 1
    return not approved and metabolites >= _METABOLITE_SIBLINGS


def _written_out(lex: Lexicon, term: str) -> bool:
    """A metabolite written out (``Pyruvate``, ``L-Arginine``), not an abbreviation."""
    if len(_key(term.casefold())) < 5 or _upper(term):
        return False
    found = lex.chemical(term)
    return found is not None and found.chemical_class in ("metabolite", "drug")


# --------------------------------------------------------------------------- keyword typing
#
# The three functions below are what `genenorm.check` asks about a keyword's kind; they take
# the page's text, its caption definitions and its keyword list, never the page itself.

_AS_WRITTEN = (MatchMethod.EXACT, MatchMethod.CASE_FOLDED)


def _names_gene(r: Resolution) -> bool:
    return r.symbol is not None or r.status in (Status.FAMILY, Status.AMBIGUOUS)


def _approved_as_written(r: Resolution) -> bool:
    return r.symbol is not None and r.status is Status.APPROVED and r.match in _AS_WRITTEN


def _on_page(
    lex: Lexicon,
    keyword: str,
    text: str,
    definitions: Mapping[str, str],
    keywords: Sequence[str],
    approved: bool,
) -> bool:
    return bool(text or len(keywords) > 1) and chemical_on_page(
        lex, keyword, text, definitions, keywords, approved=approved
    )


def page_kind(
    lex: Lexicon,
    keyword: str,
    r: Resolution,
    text: str,
    definitions: Mapping[str, str],
    keywords: Sequence[str],
    *,
    protein_drug: bool,
) -> Kind | None:
    """`Kind.GENE` or `Kind.CHEMICAL` when the gene/chemical question settles a keyword's
    kind, else ``None`` (the other kinds are asked next).

    An approved symbol as written (``TP53``, ``Il10``) is a gene unless its page makes it a
    chemical (`chemical_on_page`); a chemical name is a chemical (a gene when it names a
    gene's product, *protein_drug*), unless it is also a gene or an amino-acid code
    (`keyword_chemical`): then only its page makes it a chemical.
    """
    names_gene = _names_gene(r)
    chem, decides = keyword_chemical(lex, keyword, names_gene)
    if _approved_as_written(r):
        if decides and _on_page(lex, keyword, text, definitions, keywords, True):
            return Kind.CHEMICAL
        return Kind.GENE
    if chem is None:
        return None
    if not decides:
        return Kind.GENE if r.symbol and protein_drug else Kind.CHEMICAL
    if _on_page(lex, keyword, text, definitions, keywords, False):
        return Kind.CHEMICAL
    return None


def page_makes_chemical(
    lex: Lexicon,
    keyword: str,
    r: Resolution,
    text: str,
    definitions: Mapping[str, str],
    keywords: Sequence[str],
) -> bool:
    """Whether the page makes a keyword that could be a gene a chemical (cheap when not)."""
    names_gene = _names_gene(r)
    return (
        page_may_decide(keyword, names_gene)
        and keyword_chemical(lex, keyword, names_gene)[1]
        and _on_page(lex, keyword, text, definitions, keywords, _approved_as_written(r))
    )


def gene_too(lex: Lexicon, keyword: str, r: Resolution) -> tuple[Reason, ...]:
    """The ``chemical_name`` reason that names the gene a keyword typed chemical by its page
    also is (``PEP``: PAEP), so that nothing is dropped; empty for other keywords."""
    names_gene = _names_gene(r)
    if not names_gene or not page_may_decide(keyword, names_gene):
        return ()
    chem, decides = keyword_chemical(lex, keyword, names_gene)
    if chem is None or not decides:
        return ()
    gene = r.symbol or ", ".join(c.symbol for c in r.candidates[:6]) or r.family or ""
    detail = f"the page uses '{keyword}' for the chemical {chem.name}, not the gene {gene}"
    return (Reason(ReasonCode.CHEMICAL_NAME, detail),)
