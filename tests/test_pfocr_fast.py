"""The fast reader of inline hit lists gives exactly what libyaml gives, or declines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from genenorm.exceptions import PageError
from genenorm.pfocr import _fast_inline_lists, _load_yaml, read_page_text

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
