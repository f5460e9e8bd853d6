"""Resolution against the embedded snapshot."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import genenorm
from genenorm import MatchMethod, Relation, Status, UnknownSymbolError, current_symbol
from genenorm.resolver import Resolver


def check(
    term: str, status: Status, symbol: str | None, candidates: list[str] | None = None
) -> genenorm.Resolution:
    r = genenorm.resolve(term)
    assert (r.status, r.symbol) == (status, symbol), (term, r)
    if candidates is not None:
        assert [c.symbol for c in r.candidates] == candidates, (term, r.candidates)
    return r


class TestCase:
    """Case variants."""

    def test_lower_case_symbol(self) -> None:
        """tp53 is TP53, found by case folding."""
        r = check("tp53", Status.APPROVED, "TP53")
        assert r.match is MatchMethod.CASE_FOLDED
        assert r.hgnc_id == "HGNC:11998"

    @pytest.mark.parametrize("term", ["C19ORF71", "c19orf71", "C19orf71"])
    def test_orf_casing(self, term: str) -> None:
        """C19ORF71 in any case reaches HGNC's C19orf71 (now TEKTIP1), keeping the orf casing."""
        r = check(term, Status.PREVIOUS, "TEKTIP1")
        assert r.candidates[0].term == "C19orf71"


class TestPunctuation:
    """Dashes, spaces and Unicode forms."""

    @pytest.mark.parametrize(
        "term", ["IL-6", "IL 6", "IL\u20116", "IL\u20146", "ＩＬ－６", " IL6 ", "il6", "Il-6"]
    )
    def test_il6(self, term: str) -> None:
        """Every spelling of IL-6 is IL6."""
        assert genenorm.resolve(term).symbol == "IL6"

    def test_exact_is_exact(self) -> None:
        """The literal symbol is an exact match; a full-width one is normalised."""
        assert genenorm.resolve("IL6").match is MatchMethod.EXACT
        assert genenorm.resolve("ＩＬ６").match is MatchMethod.NORMALISED


class TestGreek:
    """Greek letters in every spelling."""

    @pytest.mark.parametrize("term", ["TNF-α", "TNFα", "TNF-alpha", "TNF alpha", "TNFA"])
    def test_tnf(self, term: str) -> None:
        """TNF-alpha spellings reach TNF."""
        assert genenorm.resolve(term).symbol == "TNF"

    def test_ikba(self) -> None:
        """IκBα is NFKBIA."""
        assert genenorm.resolve("IκBα").symbol == "NFKBIA"

    @pytest.mark.parametrize("term", ["NF-κB", "NF-kB", "NFκB", "NF-Kβ", "NF-kappaB"])
    def test_nfkb_family(self, term: str) -> None:
        """NF-κB spellings are the FamPlex family NFkappaB, with RELA among its members."""
        r = check(term, Status.FAMILY, None)
        assert r.family == "NFkappaB"
        assert {"NFKB1", "RELA"} <= {c.symbol for c in r.candidates}

    def test_sharp_s_for_beta(self) -> None:
        """TGF-ß1 (German sharp s for beta) is TGFB1; Aß is not ASS1."""
        assert genenorm.resolve("TGF-ß1").symbol == "TGFB1"
        assert genenorm.resolve("Aß").symbol != "ASS1"

    def test_greek_capital_lookalikes(self) -> None:
        """ΑΚΤ spelled with Greek capitals is the AKT family."""
        r = check("ΑΚΤ", Status.FAMILY, None)
        assert r.family == "AKT"
        assert r.match is MatchMethod.NORMALISED


class TestExcel:
    """Excel-mangled dates."""

    @pytest.mark.parametrize("term", ["1-Mar", "01-Mar", "Mar-01", "3/1"])
    def test_march_first_is_ambiguous(self, term: str) -> None:
        """1-Mar may be MARCH1 (MARCHF1) or MARC1 (MTARC1): ambiguous, no pick."""
        r = check(term, Status.AMBIGUOUS, None, ["MARCHF1", "MTARC1"])
        assert r.match is MatchMethod.EXCEL_DATE

    def test_september_seventh(self) -> None:
        """7-Sep is SEPT7, now SEPTIN7."""
        r = check("7-Sep", Status.PREVIOUS, "SEPTIN7")
        assert r.match is MatchMethod.EXCEL_DATE


class TestRenamed:
    """Previous and withdrawn symbols."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("SEPT7", "SEPTIN7"),
            ("MARCH1", "MARCHF1"),
            ("FAM64A", "PIMREG"),
            ("C10orf2", "TWNK"),
            ("SEPT1", "SEPTIN1"),
        ],
    )
    def test_previous(self, old: str, new: str) -> None:
        """Renamed symbols resolve to the current symbol with status previous."""
        check(old, Status.PREVIOUS, new)

    def test_withdrawn_and_merged(self) -> None:
        """A withdrawn symbol merged into another entry resolves to its successor."""
        r = check("A2MR", Status.WITHDRAWN, "LRP1")
        assert r.candidates[0].relation is Relation.SUCCESSOR

    def test_withdrawn_without_successor(self) -> None:
        """An entry withdrawn without successor is withdrawn with no gene."""
        r = check("A12M1", Status.WITHDRAWN, None, [])
        assert r.hgnc_id is None


class TestMirna:
    """microRNA spellings."""

    @pytest.mark.parametrize("term", ["miR-21", "hsa-miR-21-5p", "MIR-21", "mir21", "MIR21"])
    def test_mir21(self, term: str) -> None:
        """miR-21 spellings are MIR21."""
        assert genenorm.resolve(term).symbol == "MIR21"

    def test_mature_arm(self) -> None:
        """miR-423-5p is MIR423."""
        check("miR-423-5p", Status.APPROVED, "MIR423")

    def test_let7a_loci(self) -> None:
        """let-7a is one of three loci: ambiguous with all three as candidates."""
        check("let-7a", Status.AMBIGUOUS, None, ["MIRLET7A1", "MIRLET7A2", "MIRLET7A3"])
        check("hsa-let-7a-2", Status.APPROVED, "MIRLET7A2")


class TestFamilies:
    """FamPlex families and complexes."""

    @pytest.mark.parametrize(
        ("term", "family", "member"),
        [
            ("SOD", "SOD", "SOD2"),
            ("AKT", "AKT", "AKT3"),
            ("NF-κB", "NFkappaB", "RELA"),
            ("ERK", "ERK", "MAPK3"),
        ],
    )
    def test_family(self, term: str, family: str, member: str) -> None:
        """Family names give status family and their HGNC members."""
        r = check(term, Status.FAMILY, None)
        assert r.family == family
        assert member in [c.symbol for c in r.candidates if c.relation is Relation.MEMBER]


class TestAmbiguity:
    """Ambiguous terms and approved-symbol precedence."""

    def test_taz(self) -> None:
        """TAZ is a previous symbol of TAFAZZIN and an alias of WWTR1: ambiguous, ranked."""
        r = check("TAZ", Status.AMBIGUOUS, None, ["TAFAZZIN", "WWTR1"])
        assert [c.relation for c in r.candidates] == [Relation.PREVIOUS, Relation.ALIAS]

    def test_approved_wins_over_alias(self) -> None:
        """BRCC3 is BRCC3, with DEPDC1B (which has BRCC3 as alias) listed second."""
        r = check("BRCC3", Status.APPROVED, "BRCC3", ["BRCC3", "DEPDC1B"])
        assert r.candidates[1].relation is Relation.ALIAS

    def test_sip1(self) -> None:
        """SIP1 (HGNChelper vector) is ambiguous between three genes."""
        check("SIP1", Status.AMBIGUOUS, None, ["GEMIN2", "SCAF11", "ZEB2"])


class TestHgncHelperVectors:
    """HGNChelper's documented behaviours (peers.md), including the cases it gets wrong."""

    @pytest.mark.parametrize(
        ("term", "symbol"),
        [
            ("tp53", "TP53"),
            ("SEPT1", "SEPTIN1"),
            ("MARCH1", "MARCHF1"),
            ("PD-L1", "CD274"),
            ("TNF-alpha", "TNF"),
            ("IL-6", "IL6"),
            ("TNFα", "TNF"),  # HGNChelper: NA (drops non-ASCII)
            ("OCT-7", "POU3F2"),  # HGNChelper and the Multi-Symbol Checker: no match
            ("ACTB ", "ACTB"),  # HGNChelper: NA (trailing space)
        ],
    )
    def test_vectors(self, term: str, symbol: str) -> None:
        """Each vector resolves to its current symbol."""
        assert genenorm.resolve(term).symbol == symbol


class TestNothingLost:
    """One result per input, in order, whatever the input."""

    @pytest.mark.parametrize(
        "term", ["", "   ", "\x00\x01", "🧬🧬", "x" * 10_000, "\u202eTP53", "ß" * 50]
    )
    def test_odd_inputs(self, term: str) -> None:
        """Odd strings give a result, never an exception."""
        r = genenorm.resolve(term)
        assert r.query == term

    def test_empty_is_not_found(self) -> None:
        """Empty and blank terms are not found."""
        assert genenorm.resolve("").status is Status.NOT_FOUND
        assert genenorm.resolve(" \t ").status is Status.NOT_FOUND

    def test_none_in_list_is_type_error(self) -> None:
        """A None inside a list is a TypeError naming its position."""
        with pytest.raises(TypeError, match="position 1"):
            genenorm.resolve_many(["TP53", None, "EGFR"])  # type: ignore[list-item]

    def test_non_string_term(self) -> None:
        """A non-string term is a TypeError."""
        with pytest.raises(TypeError, match="int"):
            genenorm.resolve(53)  # type: ignore[arg-type]

    def test_order_and_duplicates(self) -> None:
        """Duplicates are kept, in input order."""
        terms = ["TP53", "xyzzy", "TP53", "", "tp53"]
        assert [r.query for r in genenorm.resolve_many(terms)] == terms

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.text(max_size=30), max_size=20))
    def test_any_unicode_list(self, terms: list[str]) -> None:
        """Any list of Unicode strings gives one result per input, in order."""
        results = genenorm.resolve_many(terms)
        assert [r.query for r in results] == terms
        for r in results:
            assert (r.symbol is None) == (r.hgnc_id is None)


class TestStrict:
    """current_symbol and its strict form."""

    def test_current_symbol(self) -> None:
        """A renamed symbol gives its current symbol."""
        assert current_symbol("FAM64A") == "PIMREG"
        assert current_symbol("TAZ") is None

    def test_strict_raises_with_candidates(self) -> None:
        """strict=True raises UnknownSymbolError carrying the candidates."""
        with pytest.raises(UnknownSymbolError) as info:
            current_symbol("TAZ", strict=True)
        assert info.value.candidates == ("TAFAZZIN", "WWTR1")
        assert isinstance(info.value, LookupError)


def test_release_recorded() -> None:
    """Every result names the data release and source."""
    r = genenorm.resolve("TP53")
    assert r.source == "snapshot"
    assert r.release.startswith("HGNC 2024-07-23")


def test_resolver_pickles_by_data_dir(resolver: Resolver) -> None:
    """Pickling a resolver sends its data directory, not its indexes."""
    import pickle

    blob = pickle.dumps(resolver)
    assert len(blob) < 1000
    assert pickle.loads(blob).resolve("tp53").symbol == "TP53"


def test_phospho_prefix() -> None:
    """p-ERK is phosphorylated ERK (the ERK family), not PERK (EIF2AK3); P-gp stays ABCB1."""
    r = genenorm.resolve("p-ERK")
    assert (r.status, r.family) == (Status.FAMILY, "ERK")
    assert genenorm.resolve("p-AKT1").symbol == "AKT1"
    assert genenorm.resolve("P-gp").symbol == "ABCB1"
    assert genenorm.resolve("p-gp").symbol == "ABCB1"
