"""Lookup keys: clean, fold, norm_key, Excel dates, microRNAs, residues."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from genenorm import resolve
from genenorm.text import (
    clean,
    excel_date_keys,
    fold,
    is_residue_or_site,
    listed_names,
    mirna_keys,
    norm_key,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("IL\u20116", "IL-6"),  # non-breaking hyphen
        ("IL\u20136", "IL-6"),  # en dash
        ("IL\u22126", "IL-6"),  # minus sign
        ("ＩＬ－６", "IL-6"),  # full width
        ("  TP53\t", "TP53"),
        ("TP\u200b53", "TP53"),  # zero-width space removed
        ("a\u00a0b", "a b"),  # NBSP becomes a space
        ("x\x00y", "xy"),  # control characters removed
    ],
)
def test_clean(raw: str, expected: str) -> None:
    """clean() folds dashes, compatibility forms, spaces and invisible characters."""
    assert clean(raw) == expected


@pytest.mark.parametrize(
    "spelling", ["TNF-α", "TNFα", "TNF-alpha", "TNF alpha", "TNFA", "tnf-ALPHA", "TNF‑α"]
)
def test_greek_spellings_share_a_key(spelling: str) -> None:
    """Every spelling of TNF-alpha has the key TNFA."""
    assert norm_key(spelling) == "TNFA"


def test_sharp_s_is_beta_not_ss() -> None:
    """ß stands for β (Aß is amyloid-β), never for SS (which would give ASS → ASS1)."""
    assert fold("Aß") != "ASS"
    assert norm_key("Aß") == norm_key("Aβ") == "AB"


def test_greek_capital_lookalikes() -> None:
    """ΑΚΤ written with Greek capitals is AKT; Ρ (rho) reads as P."""
    assert norm_key("ΑΚΤ") == "AKT"
    assert norm_key("ΡΚΒ") == "PKB"


def test_cyrillic_lookalikes() -> None:
    """OCR reads Latin letters (and the digit 3) as the Cyrillic ones they look like."""
    assert norm_key("СХCL16") == "CXCL16"  # Cyrillic Es and Ha
    assert norm_key("АКТ") == "AKT"
    assert norm_key("FOXOЗ") == "FOXO3"  # Cyrillic Ze for the digit
    assert norm_key("Саcna1Ь") == "CACNA1B"
    assert norm_key("CаMKП") == "CAMKII"  # Pe for a Roman two
    assert norm_key("ДНК") == ""  # real Cyrillic (Д looks like no Latin letter) is left out
    assert resolve("СХCL16").symbol == "CXCL16"


def test_short_greek_names_are_not_replaced() -> None:
    """PI3K, RHOA and TAU keep their letters: only unambiguous Greek names are folded."""
    assert norm_key("PI3K") == "PI3K"
    assert norm_key("RHOA") == "RHOA"
    assert norm_key("TAU") == "TAU"


@pytest.mark.parametrize(
    "date", ["1-Mar", "01-Mar", "Mar-01", "Mar-1", "3/1", "1-Mar-2020", "2020-03-01"]
)
def test_excel_march_first(date: str) -> None:
    """Every March 1st form maps back to MAR1, MARC1 and MARCH1."""
    assert excel_date_keys(date) == ("MAR1", "MARC1", "MARCH1")


@pytest.mark.parametrize("text", ["TP53", "Mar", "13/45", "32-Mar", "0-Sep", "1-Marx", ""])
def test_not_excel_dates(text: str) -> None:
    """Non-dates give no keys."""
    assert excel_date_keys(text) == ()


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("miR-21", ("MIR21", "")),
        ("hsa-miR-21-5p", ("MIR21", "")),
        ("MIR-21", ("MIR21", "")),
        ("miR-423-5p", ("MIR423", "")),
        ("miR-199a-3p", ("MIR199A", "")),
        ("hsa-mir-199a-1", ("MIR199A", "1")),
        ("let-7a", ("MIRLET7A", "")),
        ("microRNA-155", ("MIR155", "")),
        ("TP53", None),
        ("mirage", None),
    ],
)
def test_mirna_keys(spelling: str, expected: tuple[str, str] | None) -> None:
    """microRNA spellings map to HGNC gene stems."""
    assert mirna_keys(spelling) == expected


@pytest.mark.parametrize(
    "word", ["S16-P", "T308", "Y705", "Ser473", "pS473", "(S16-P)", "K27ac", "Thr-P"[:0] + "T202"]
)
def test_residues(word: str) -> None:
    """Modified residues and sites are recognised."""
    assert is_residue_or_site(word)


@pytest.mark.parametrize("word", ["STAT3", "p38", "H3K27", "SOD1", "S", "Ser", "TP53"])
def test_not_residues(word: str) -> None:
    """Gene symbols and bare residue names are not sites."""
    assert not is_residue_or_site(word)


@given(st.text(max_size=40))
def test_keys_are_idempotent(text: str) -> None:
    """Normalising twice changes nothing, and keys are plain ASCII alphanumerics."""
    k = norm_key(text)
    assert norm_key(k) == k
    assert k == "" or (k.isascii() and k.isalnum() and k.upper() == k)
    c = clean(text)
    assert clean(c) == c


def test_lazy_pattern_is_the_compiled_pattern() -> None:
    """`LazyPattern` compiles on first use and then answers as `re.compile` would."""
    import re

    from genenorm.text import LazyPattern

    lazy, compiled = LazyPattern(r"(a)(b)?", re.I), re.compile(r"(a)(b)?", re.I)
    for text in ["", "a", "AB", "xaBya", "ba"]:
        assert bool(lazy.fullmatch(text)) == bool(compiled.fullmatch(text))
        assert lazy.findall(text) == compiled.findall(text)
        assert lazy.sub("-", text) == compiled.sub("-", text)
        assert lazy.split(text) == compiled.split(text)
        m, n = lazy.search(text), compiled.search(text)
        assert (m and m.groups()) == (n and n.groups())
    # after the first use, the methods are the compiled pattern's own: no look-up per call
    for method in ("findall", "fullmatch", "search", "split", "sub"):
        assert vars(type(lazy))[method].__get__(lazy) == getattr(compiled, method)
    assert LazyPattern("x+").pattern == "x+"  # any other attribute of the compiled pattern


@pytest.mark.parametrize(
    ("word", "names"),
    [
        ("Smad2,3", {"SMAD2", "SMAD3"}),
        ("CD80,86", {"CD80", "CD86"}),
        ("E2F1,2,3", {"E2F1", "E2F2", "E2F3"}),
        ("GSK-3a/ß", {"GSK3A", "GSK3B"}),
        ("IRŠ1/2", {"IRS1", "IRS2"}),
        ("HDAC4/5/7", {"HDAC4", "HDAC5", "HDAC7"}),
        ("IL1,IL6,TNF", {"IL1", "IL6", "TNF"}),
        ("PTEN||TSC2", {"PTEN", "TSC2"}),
        ("TGFBRI", {"TGFBRI", "TGFBR1"}),
        ("TGFBRII", {"TGFBRII", "TGFBR2"}),
        ("5221,5223;Sa3,Gas", {"5221", "5223", "SA3", "GAS"}),
        ("Aß", {"AB"}),
        ("TP53", {"TP53"}),
        ("", set()),
        (",/,", set()),
    ],
)
def test_listed_names(word: str, names: set[str]) -> None:
    """A list word names each of its parts, short parts completed with the first's stem."""
    assert listed_names(word) == names


@given(st.text(max_size=30))
def test_listed_names_never_fails(word: str) -> None:
    assert all(name and name == norm_key(name) for name in listed_names(word))
