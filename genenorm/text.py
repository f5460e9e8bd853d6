"""Turning any string into lookup keys.

Pure functions, no data: Unicode clean-up, dash and space folding, Greek letters and their
Latin look-alikes, case rules, Excel-date and microRNA spellings, and residue/site patterns.
Lexicon keys and query keys go through the same functions, so they always agree.

Examples:
    >>> norm_key("TNF-α") == norm_key("TNFα") == norm_key("TNF-alpha") == "TNFA"
    True
    >>> clean("  IL\u20116 ")
    'IL-6'
    >>> excel_date_keys("1-Mar")
    ('MAR1', 'MARC1', 'MARCH1')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

__all__ = [
    "MAX_CLEANED_LENGTH",
    "MAX_TERM_LENGTH",
    "clean",
    "excel_date_keys",
    "fold",
    "is_residue_or_site",
    "listed_names",
    "lone_surrogate",
    "mirna_keys",
    "norm_key",
    "surrogate_at",
    "surrogate_problem",
]

#: Terms longer than this are never gene names; they are matched only exactly.
MAX_TERM_LENGTH = 200
#: Texts longer than this are not even cleaned (`clean` could not bring them down to
#: `MAX_TERM_LENGTH`): no gene name, nothing worth keeping in a cache.
MAX_CLEANED_LENGTH = 4 * MAX_TERM_LENGTH


class LazyPattern:
    """A regular expression compiled on its first use: ``re.compile`` of the dozen patterns
    here costs a cold start about 3 ms, and resolving a symbol needs none of them. After the
    first use, `fullmatch`, `findall`, `search`, `split` and `sub` are the compiled pattern's
    own (bound) methods (any other attribute compiles it again on every use)."""

    __slots__ = ("_flags", "_pattern", "findall", "fullmatch", "search", "split", "sub")

    findall: Callable[[str], list[Any]]
    fullmatch: Callable[[str], re.Match[str] | None]
    search: Callable[[str], re.Match[str] | None]
    split: Callable[[str], list[str]]
    sub: Callable[[str | Callable[[re.Match[str]], str], str], str]

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern, self._flags = pattern, flags

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(self._pattern, self._flags)
        for method in ("findall", "fullmatch", "search", "split", "sub"):
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


# Every Unicode dash (category Pd), the minus sign and the small/full-width hyphen-minus
# become an ASCII hyphen; NFKC handles most, this table catches what it leaves.
_DASHES = dict.fromkeys(
    map(
        ord,
        "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d\u058a\u05be"
        "\u1400\u1806\u2e17\u2e1a\u2e40\u301c\u3030\u30a0",
    ),
    "-",
)
_SPACE_RE = LazyPattern(r"\s+")

# Greek letters, lower-case by their name's first Latin letter (HGNC writes PRKCQ for PKC-theta
# and IFNW1 for IFN-omega), capitals by the Latin letter they look like (OCR homoglyphs:
# "ΑΚΤ/ΡΚΒ" written with Greek capitals is AKT/PKB).
_GREEK = str.maketrans(
    {
        "α": "A", "β": "B", "ϐ": "B", "γ": "G", "δ": "D", "ε": "E", "ϵ": "E", "ζ": "Z",
        "η": "H", "θ": "Q", "ϑ": "Q", "ι": "I", "κ": "K", "ϰ": "K", "λ": "L", "μ": "M",
        "ν": "N", "ξ": "X", "ο": "O", "π": "P", "ρ": "R", "σ": "S", "ς": "S", "τ": "T",
        "υ": "U", "φ": "F", "ϕ": "F", "χ": "X", "ψ": "PS", "ω": "W",
        "Α": "A", "Β": "B", "Γ": "G", "Δ": "D", "Ε": "E", "Ζ": "Z", "Η": "H", "Θ": "Q",
        "Ι": "I", "Κ": "K", "Λ": "L", "Μ": "M", "Ν": "N", "Ξ": "X", "Ο": "O", "Π": "P",
        "Ρ": "P", "Σ": "S", "Τ": "T", "Υ": "Y", "Φ": "F", "Χ": "X", "Ψ": "PS", "Ω": "W",
        # German sharp s is the usual stand-in for beta in figures (Aß, TGF-ß); never "SS".
        "ß": "B", "ẞ": "B",
    }
)  # fmt: skip
# Cyrillic letters that OCR reads for the Latin letters (or digits) they look like
# ("СХCL16", "АКТ", "FOXOЗ", "Саcna1Ь" in PFOCR words). Applied only to a word whose every
# Cyrillic letter is one of them: real Cyrillic text ("ДНК") is left alone.
_CYRILLIC_LOOKALIKES = {
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "З": "3", "І": "I", "Ї": "I", "Ј": "J",
    "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Ѕ": "S", "Т": "T",
    "У": "Y", "Х": "X", "Ь": "B", "Ԛ": "Q", "Ԝ": "W", "П": "II",
    "а": "A", "в": "B", "г": "R", "е": "E", "ё": "E", "з": "3", "і": "I", "ї": "I",
    "ј": "J", "к": "K", "м": "M", "н": "H", "о": "O", "п": "N", "р": "P", "с": "C",
    "ѕ": "S", "т": "T", "у": "Y", "х": "X", "ь": "B",
}  # fmt: skip
_CYRILLIC = str.maketrans(_CYRILLIC_LOOKALIKES)
_CYRILLIC_LETTER = LazyPattern("[\u0400-\u04ff\u0500-\u052f]")
# Spelled-out Greek names that genes use; short ones (PI, RHO, TAU, MU, NU, XI, CHI, PHI, PSI,
# ETA) are left alone because they are also gene-symbol parts (PI3K, RHOA, MAPT alias TAU).
_GREEK_NAMES = LazyPattern("EPSILON|LAMBDA|ALPHA|GAMMA|DELTA|KAPPA|SIGMA|OMEGA|THETA|BETA|ZETA")
_GREEK_NAME_LETTER = {
    "ALPHA": "A", "BETA": "B", "GAMMA": "G", "DELTA": "D", "EPSILON": "E", "ZETA": "Z",
    "THETA": "Q", "KAPPA": "K", "LAMBDA": "L", "SIGMA": "S", "OMEGA": "W",
}  # fmt: skip
_NON_ALNUM = LazyPattern(r"[^A-Z0-9]+")


def clean(term: str) -> str:
    """Return *term* with Unicode compatibility forms, dashes and white space folded.

    NFKC (full-width letters, ligatures, superscripts), every dash to ``-``, control and
    format characters (zero-width spaces, direction marks) removed, runs of white space to
    one space, surrounding space stripped. Case, Greek letters and punctuation are kept.
    """
    if term.isascii():
        if term.isprintable():
            return " ".join(term.split()) if "  " in term or term != term.strip() else term
        s = term
    else:
        s = unicodedata.normalize("NFKC", term).translate(_DASHES)
    if not s.isprintable():
        s = "".join(
            " " if ch.isspace() else ch
            for ch in s
            if ch.isspace() or unicodedata.category(ch)[0] != "C"
        )
    return _SPACE_RE.sub(" ", s).strip()


def fold(term: str) -> str:
    """Return the case-folded key of an already `clean` term.

    Upper case, except that ``ß`` becomes Greek ``Β`` first: ``"Aß".upper()`` is ``"ASS"``,
    a previous symbol of ASS1, which is how PFOCR turned amyloid-β into a gene.
    """
    if "ß" in term or "ẞ" in term:
        term = term.replace("ß", "β").replace("ẞ", "β")
    return term.upper()


@lru_cache(maxsize=65536)
def norm_key(term: str) -> str:
    """Return the punctuation-, space-, accent- and Greek-insensitive key of *term*.

    Greek letters become Latin letters (``α`` → ``A``, spelled ``alpha`` → ``A``), Cyrillic
    look-alikes the Latin letters they look like (``СХCL16`` → ``CXCL16``), accents are
    dropped, everything is upper-cased and every character but ``A-Z0-9`` removed.
    """
    s = clean(term)
    if not s.isascii():
        s = s.translate(_GREEK)
        cyrillic = _CYRILLIC_LETTER.findall(s)
        if cyrillic and all(ch in _CYRILLIC_LOOKALIKES for ch in cyrillic):
            s = s.translate(_CYRILLIC)
        s = unicodedata.normalize("NFKD", s)
        s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = _NON_ALNUM.sub("", s.upper())
    # every spelled Greek name contains A or E; a name joined across dropped punctuation
    # (``Z-ETA``) or made by a replacement (``BET`` + ``ALPHA`` → ``BETA``) is replaced too,
    # until none is left, so that a key is its own key (each pass shortens it)
    while "A" in s or "E" in s:
        replaced = _GREEK_NAMES.sub(_greek_letter, s)
        if replaced == s:
            break
        s = replaced
    return s


def _greek_letter(m: re.Match[str]) -> str:
    return _GREEK_NAME_LETTER[m.group()]


# --------------------------------------------------------------------------- Excel dates

_MONTHS = (
    "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE",
    "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER",
)  # fmt: skip
_MONTH_BY_ABBR = {m[:3]: i for i, m in enumerate(_MONTHS)}
_MONTH_RE = r"(JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)"
_DAY_MON = LazyPattern(rf"(\d{{1,2}})[-/ ]{_MONTH_RE}(?:[-/ ]\d{{2,4}})?")
_MON_DAY = LazyPattern(rf"{_MONTH_RE}[-/ ](\d{{1,2}})")
_M_D = LazyPattern(r"(\d{1,2})/(\d{1,2})(?:/\d{2,4})?")
_ISO = LazyPattern(r"\d{4}-(\d{1,2})-(\d{1,2})")


def excel_date_keys(term: str) -> tuple[str, ...]:
    """Return the symbol spellings that Excel may have turned into the date *term*.

    ``1-Mar``, ``01-Mar``, ``Mar-01``, ``1-Mar-2020``, ``3/1`` (month/day) and ``2020-03-01``
    all mean March 1st, which Excel makes of ``MAR1``, ``MARC1`` and ``MARCH1``: the day
    appended to every prefix of the month's name of three letters or more. Returns ``()``
    when *term* is not a date.
    """
    s = term.strip().upper()
    if not s or not s[0].isalnum() or len(s) > 20:
        return ()
    month: int | None = None
    day: int | None = None
    if m := _DAY_MON.fullmatch(s):
        day, month = int(m.group(1)), _MONTH_BY_ABBR[m.group(2)[:3]]
    elif m := _MON_DAY.fullmatch(s):
        month, day = _MONTH_BY_ABBR[m.group(1)[:3]], int(m.group(2))
    elif (m := _M_D.fullmatch(s)) or (m := _ISO.fullmatch(s)):
        month, day = int(m.group(1)) - 1, int(m.group(2))
    if month is None or day is None or not (0 <= month < 12 and 1 <= day <= 31):
        return ()
    name = _MONTHS[month]
    return tuple(f"{name[:n]}{day}" for n in range(3, len(name) + 1))


# --------------------------------------------------------------------------- microRNAs

_MIRNA = LazyPattern(
    r"(?:[a-z]{3,4}-)?(?:mir|microrna)-?(\d+)([a-z])?(?:-(\d+))?(?:-[35]p|\*)?", re.IGNORECASE
)
_LET7 = LazyPattern(r"(?:[a-z]{3,4}-)?(?:mir-?)?let-?(\d+)([a-z])?(?:-(\d+))?(?:-[35]p|\*)?", re.I)


def mirna_keys(term: str) -> tuple[str, str] | None:
    """Return ``(key, locus)`` for a microRNA spelling, or ``None``.

    ``key`` is the HGNC gene form without a locus number (``miR-21`` → ``MIR21``,
    ``hsa-miR-199a-5p`` → ``MIR199A``, ``let-7a`` → ``MIRLET7A``); ``locus`` is the explicit
    locus suffix when the spelling has one (``hsa-mir-199a-1`` → ``1``), else ``""``. Mature
    arm suffixes (``-5p``, ``-3p``, ``*``) and species prefixes (``hsa-``) are dropped.
    """
    s = clean(term)
    m = _LET7.fullmatch(s)
    prefix = "MIRLET"
    if m is None:
        m = _MIRNA.fullmatch(s)
        prefix = "MIR"
    if m is None:
        return None
    number, letter, locus = m.group(1), (m.group(2) or "").upper(), m.group(3) or ""
    return f"{prefix}{number}{letter}", locus


# --------------------------------------------------------------------------- residues

_AA3 = "Ala|Arg|Asn|Asp|Cys|Gln|Glu|Gly|His|Ile|Leu|Lys|Met|Phe|Pro|Ser|Thr|Trp|Tyr|Val"
_RESIDUE = LazyPattern(
    rf"(?:p-?)?(?:[STYHKRD]|{_AA3}|pS|pT|pY)-?\d{{1,4}}(?:[-/]?(?:P|p|ph|phos|ac|me\d?|ub))?",
)


_LIST_SEPARATOR = LazyPattern(r"[,;/|&]")
_ROMAN_END = LazyPattern(r"(.*?[A-Z])(III|II|IV|I)")
_ROMAN_DIGIT = {"I": "1", "II": "2", "III": "3", "IV": "4"}


@lru_cache(maxsize=65536)
def listed_names(word: str) -> frozenset[str]:
    """The `norm_key` of each name an OCR word spells out, when it lists several.

    The word itself and each part between commas, semicolons, slashes, bars and ampersands
    (``IL1,IL6,TNF``, ``PTEN||TSC2``); a part that is only a number of one or two digits, or one letter,
    completed with the first part's stem (``Smad2,3`` is SMAD2 and SMAD3, ``CD80,86`` CD80
    and CD86, ``GSK3a/b`` GSK3A and GSK3B); and a name ending in a Roman numeral after a
    letter, with the number written in digits (``TGFBRI`` is TGFBR1).
    """
    parts = [key for p in _LIST_SEPARATOR.split(word) if (key := norm_key(p))]
    if len(parts) <= 1:
        names = {norm_key(word)}
    else:
        first = parts[0]
        stem = first.rstrip("0123456789") if first[-1].isdigit() else first[:-1]
        names = {first}
        for part in parts[1:]:
            short = (part.isdigit() and len(part) <= 2) or (part.isalpha() and len(part) == 1)
            names.add(stem + part if short else part)
    for name in list(names):
        if (m := _ROMAN_END.fullmatch(name)) is not None:
            names.add(m.group(1) + _ROMAN_DIGIT[m.group(2)])
    names.discard("")
    return frozenset(names)


_PHOSPHO_AA = LazyPattern(r"(?:p-?(?:Ser|Thr|Tyr|His)|(?:Ser|Thr|Tyr|His)-?P)", re.IGNORECASE)


def is_residue_or_site(word: str) -> bool:
    """True when *word* reads as a modified residue or site (``S16-P``, ``T308``, ``Ser473``,
    ``Thr-P``).

    A residue is a one-letter code of a commonly modified amino acid (S, T, Y, H, K, R, D),
    a three-letter code, or ``pS``/``pT``/``pY``, then a position of one to four digits,
    optionally followed by a modification mark (``-P``, ``ac``, ``me3``, ``ub``); or a
    phosphorylated amino acid without position (``Thr-P``, ``pSer``).
    """
    w = clean(word).strip("()[]+*,;:")
    if w.isalpha() and "p" not in w and "P" not in w:
        return False  # no position digits, and no phosphorylation mark
    return _RESIDUE.fullmatch(w) is not None or _PHOSPHO_AA.fullmatch(w) is not None


# --------------------------------------------------------------------------- lone surrogates

#: A UTF-16 surrogate code point: a Python string can hold one alone (from a ``\ud800``
#: escape or ``surrogateescape``), but it is no character and UTF-8 cannot encode it.
_SURROGATE = LazyPattern(r"[\ud800-\udfff]")


def surrogate_at(text: str) -> int:
    """Where the first lone surrogate of *text* is, or -1.

    >>> surrogate_at("TP53"), surrogate_at("TP" + chr(0xDC80) + "53")
    (-1, 2)
    """
    if text.isascii():
        return -1
    m = _SURROGATE.search(text)
    return -1 if m is None else m.start()


def lone_surrogate(value: object) -> str | None:
    """The first lone surrogate in the strings (mapping keys included) of a parsed JSON
    value, or ``None``.

    >>> hex(ord(lone_surrogate({"keywords": ["TP53", "X" + chr(0xD800)]})))
    '0xd800'
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if (at := surrogate_at(item)) >= 0:
                return item[at]
        elif isinstance(item, Mapping):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return None


def surrogate_problem(char: str) -> str:
    """What is wrong with a text holding the lone surrogate *char* (for an error message)."""
    return (
        f"holds a lone surrogate U+{ord(char):04X}, which is no character (UTF-8 cannot "
        "encode it); fix the escape or the decoding that made it"
    )
