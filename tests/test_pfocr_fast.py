"""The fast reader of inline hit lists gives exactly what libyaml gives, or declines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from genenorm.exceptions import PageError
from genenorm.pfocr import (
    _SIMPLE_RECORD_LINE,
    _fast_inline_lists,
    _fast_scalar,
    _load_yaml,
    page_from_fields,
    read_page_text,
)

SAMPLES = Path(__file__).parent / "data" / "pfocr-website" / "_figures"

#: Characters that matter to YAML scalars, plus Unicode that libyaml reads differently.
_TRICKY = "-:[]{}&*!|>'\"#%@`,?\\ \t\u2028\u0085\ufeff\u00a0é\u03b1~"
_value = st.text(alphabet=st.sampled_from("AKT1-p/ ab0" + _TRICKY), max_size=8)
_values = _value.map(lambda v: v) | _value.map(lambda v: f"'{v}'") | _value.map(lambda v: f'"{v}"')
_key = st.sampled_from(["word", "symbol", "source", "entrez", "x-y", "1a", "word "])


def _full(text: str) -> object:
    try:
        return _load_yaml(text, "p.md", first_line=2)
    except PageError as err:
        return ("error", str(err))


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """Front matter with inline lists: mostly well formed, with odd scalars and layouts."""
    lines = ["figid: PMC1__f1"]
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["caption: 'a", 'caption: "a', "caption: |+", "x: ["])))
    for field in draw(st.lists(st.sampled_from(["genes", "chemicals", "diseases"]), max_size=3)):
        lines.append(f"{field}:")
        for _ in range(draw(st.integers(0, 3))):
            keys = draw(st.lists(_key, min_size=1, max_size=3))
            for j, key in enumerate(keys):
                lines.append(f"{'- ' if j == 0 else '  '}{key}: {draw(_values)}".rstrip(" "))
        lines.append(draw(st.sampled_from(["organisms: Homo sapiens", "", "# c", "  x: 1", "a'"])))
    return "\n".join(lines) + "\n"


@given(front_matter())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_same_as_libyaml_or_declined(text: str) -> None:
    fast = _fast_inline_lists(text, "p.md")
    if fast is not None:
        assert fast == _full(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [("AKT1", "AKT1"), ("'it''s'", "it's"), ('"a: b"', "a: b"), ("-Akt", "-Akt"), ("", "")],
)
def test_scalars_read_fast(value: str, text: str) -> None:
    front = f"figid: f\ngenes:\n- word: {value}\n  entrez: '1'\norganisms: Homo sapiens\n"
    assert _fast_inline_lists(front, "p.md") == {
        "figid": "f",
        "organisms": "Homo sapiens",
        "genes": [{"word": text, "entrez": "1"}],
    }


@pytest.mark.parametrize(
    "value", ["a: b", "a #c", "&x", "*x", "!!int 1", "a\u2028b", "'a'b'", '"a\\tb"', "a:", "- a"]
)
def test_declined_and_read_by_libyaml(value: str) -> None:
    front = f"figid: f\ngenes:\n- word: {value}\n"
    assert _fast_inline_lists(front, "p.md") is None


def test_quoted_value_spanning_the_list_declined() -> None:
    """A top-level double-quoted scalar may run over column-0 lines: never cut into."""
    front = 'figid: f\ncaption: "a\ngenes:\n- word: b"\n'
    assert _fast_inline_lists(front, "p.md") is None
    assert read_page_text(f"---\n{front}---\n", path="p.md").caption == "a genes: - word: b"


def test_error_lines_unchanged() -> None:
    """A YAML error after the list names the same file line as without the fast reader."""
    text = "---\nfigid: f\ngenes:\n- word: A\n  symbol: B\nbad: [\n---\n"
    with pytest.raises(PageError, match=r"p\.md:7"):
        read_page_text(text, path="p.md")


def test_old_sample_page() -> None:
    """The old-format sample page reads the same both ways."""
    text = (SAMPLES / "PMC100003__mb2410470011.md").read_text(encoding="utf-8")
    body = text[4 : text.index("\n---", 3) + 1]
    fast = _fast_inline_lists(body, "p.md")
    assert fast is not None
    assert fast == _full(body)
    assert len(fast["genes"]) == 5  # type: ignore[arg-type]


# ----------------------------------------------------------------- the one-regex record line

#: The characters of `_SIMPLE_RECORD_LINE`'s values, and some that take the slower steps.
_line_value = st.text(alphabet=st.sampled_from("Ab0_.+/()-' :#\"\\\t"), max_size=8)


@given(_line_value)
@settings(max_examples=500, deadline=None)
def test_simple_line_reads_what_fast_scalar_reads(value: str) -> None:
    """A line the one regex reads gives the text `_fast_scalar` gives for its value."""
    for prefix in ("- ", "  "):
        m = _SIMPLE_RECORD_LINE.fullmatch(f"{prefix}word: {value}")
        if m is not None:
            key, plain, quoted = m.groups()
            assert key == "word"
            assert (plain if quoted is None else quoted) == _fast_scalar(value)


@st.composite
def record_lists(draw: st.DrawFn) -> str:
    """An inline ``genes:`` list of simple and odd lines (quotes, colons, empty values,
    odd indentation, repeated keys, a continuation line before any record)."""
    lines = ["figid: PMC1__f1", "genes:"]
    if draw(st.booleans()):
        lines.append("  word: orphan")
    for _ in range(draw(st.integers(0, 4))):
        keys = draw(
            st.lists(st.sampled_from(["word", "symbol", "entrez", "word"]), min_size=1, max_size=4)
        )
        for j, key in enumerate(keys):
            indent = "- " if j == 0 else draw(st.sampled_from(["  ", "  ", "  ", "   ", " "]))
            lines.append(f"{indent}{key}: {draw(_line_value)}".rstrip(" "))
    lines.append(draw(st.sampled_from(["organisms: Homo sapiens", "chemicals: []", "", "# c"])))
    return "\n".join(lines) + "\n"


@given(record_lists())
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_record_lines_same_as_libyaml_or_declined(text: str) -> None:
    fast = _fast_inline_lists(text, "p.md")
    if fast is not None:
        assert fast == _full(text)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["- word: Thr-P", "  entrez: '7068'"], [{"word": "Thr-P", "entrez": "7068"}]),
        (["- word: ''", "  symbol: ' a b '"], [{"word": "", "symbol": " a b "}]),
        (["- word: (p)AKT/ERK1.2+"], [{"word": "(p)AKT/ERK1.2+"}]),
        (["- word: -1"], [{"word": "-1"}]),  # not the regex's: the steps after it read it
        (["- word: a", "- word: b"], [{"word": "a"}, {"word": "b"}]),
    ],
)
def test_simple_record_lines(lines: list[str], expected: list[dict[str, str]]) -> None:
    text = "figid: f\ngenes:\n" + "\n".join(lines) + "\norganisms: Homo sapiens\n"
    fast = _fast_inline_lists(text, "p.md")
    assert fast == {"figid": "f", "organisms": "Homo sapiens", "genes": expected}
    assert fast == _full(text)


@pytest.mark.parametrize(
    "lines",
    [
        ["- word: a", "  word: b"],  # a key twice: libyaml reports it
        ["  word: a", "- word: b"],  # a continuation line before any record
        ["- word: a", "   symbol: b"],  # odd indentation
        ["- word: a: b"],
        ["- word: 'a''b"],
    ],
)
def test_odd_record_lines_declined(lines: list[str]) -> None:
    text = "figid: f\ngenes:\n" + "\n".join(lines) + "\n"
    assert _fast_inline_lists(text, "p.md") is None


def test_inline_genes_text_records_and_others() -> None:
    """Records of text (the fast way) and records with other values (checked field by
    field) give the same hits and the same errors."""
    fields = {"word": "A", "symbol": "B", "hgnc_symbol": "B", "source": "s", "entrez": "NA"}
    page = page_from_fields({"figid": "f", "genes": [fields, {**fields, "extra": ["x"]}]})
    first, second = page.gene_hits
    assert first.gene_id is None
    assert first.row == 1
    assert first.raw == tuple(fields.items())
    assert second.raw == first.raw
    assert second.row == 2
    with pytest.raises(PageError, match=r"genes\[0\] has no 'source'"):
        page_from_fields(
            {"figid": "f", "genes": [{"word": "A", "symbol": "B", "hgnc_symbol": "B"}]}
        )
    with pytest.raises(PageError, match=r"field genes\[0\] 'entrez' must be text"):
        page_from_fields({"figid": "f", "genes": [{**fields, "entrez": 5}]})
