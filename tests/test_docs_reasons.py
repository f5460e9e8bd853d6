"""``docs/reasons.md`` documents every reason code, in step with the evidence table
(`genenorm.judging.evidence.EVIDENCE`) and the shipped weights."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from genenorm.judging.evidence import EVIDENCE, INFORMATIONAL_CODES, Direction, EvidenceRule
from genenorm.judging.policy import DEFAULT_PRIORS, Weights, default_weights
from genenorm.models import MatchedAs, ReasonCode

ROOT = Path(__file__).resolve().parents[1]
REASONS_MD = ROOT / "docs" / "reasons.md"
SCRIPT = ROOT / "scripts" / "reasons_doc.py"
_HEADING = re.compile(r"^##+ (.+?)\s*$", re.MULTILINE)
_CODE_LIKE = re.compile(r"[a-z]+(?:_[a-z]+)+")
_WORD = re.compile(r"\w[\w\-]*")

needs_script = pytest.mark.skipif(
    not SCRIPT.exists(), reason="scripts/ is not installed with the wheel"
)


def _sections() -> dict[str, str]:
    """The text of every ``##`` (or deeper) section of docs/reasons.md, by heading."""
    text = REASONS_MD.read_text(encoding="utf-8")
    heads = list(_HEADING.finditer(text))
    out = {}
    for here, after in zip(heads, [*heads[1:], None], strict=True):
        end = after.start() if after is not None else len(text)
        out[here.group(1)] = text[here.end() : end]
    return out


SECTIONS = _sections()


def _script() -> ModuleType:
    """``scripts/reasons_doc.py`` as a module."""
    spec = importlib.util.spec_from_file_location("reasons_doc", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_script
def test_generated_parts_are_current() -> None:
    """The policy table and the code heads are what ``scripts/reasons_doc.py`` renders now
    (run ``python scripts/reasons_doc.py`` after changing EVIDENCE or weights.tsv)."""
    assert _script().main(["--check"]) == 0


@needs_script
def test_check_fails_on_drift(tmp_path: Path) -> None:
    """The check is not vacuous: a stale weight or a missing code block is caught."""
    script = _script()
    text = REASONS_MD.read_text(encoding="utf-8")
    rule = EVIDENCE[0]
    stale = tmp_path / "stale.md"
    stale.write_text(text.replace(f"default weight {rule.weight:+.1f}", "default weight +9.9", 1))
    assert stale.read_text() != text
    assert script.main(["--check", "--path", str(stale)]) == 1
    start = f"<!-- BEGIN generated: code {rule.code} -->"
    end = f"<!-- END generated: code {rule.code} -->"
    missing = tmp_path / "missing.md"
    missing.write_text(text.replace(start, "").replace(end, ""))
    assert script.main(["--check", "--path", str(missing)]) == 2


@needs_script
def test_table_follows_the_weights() -> None:
    """Other weights render another table: the fitted column is read, not written by hand."""
    script = _script()
    w = default_weights()
    code = str(EVIDENCE[0].code)
    other = Weights(priors=w.priors, evidence={**w.evidence, code: -7.25})
    assert "| -7.25 |" in script.render_policy(other)
    assert "| -7.25 |" not in script.render_policy(w)


@pytest.mark.parametrize("code", list(ReasonCode), ids=str)
def test_every_code_has_a_section(code: ReasonCode) -> None:
    """Each ReasonCode member has its own ``## <code>`` section."""
    assert str(code) in SECTIONS, f"docs/reasons.md has no '## {code}' section"
    assert SECTIONS[str(code)].strip(), f"'## {code}' is empty"


def test_no_section_for_an_unknown_code() -> None:
    """Every section titled like a code names a real ReasonCode (catches renames)."""
    codes = {str(c) for c in ReasonCode}
    stray = [h for h in SECTIONS if _CODE_LIKE.fullmatch(h) and h not in codes]
    assert not stray, f"sections for codes that do not exist: {stray}"


def test_sections_follow_the_enum_order() -> None:
    """Code sections appear in ReasonCode order, so the page reads like the enum."""
    order = [h for h in SECTIONS if h in {str(c) for c in ReasonCode}]
    assert order == [str(c) for c in ReasonCode]


def test_every_code_is_evidence_or_informational() -> None:
    """A code is either one row of EVIDENCE or informational, never both or neither."""
    ruled = [r.code for r in EVIDENCE]
    assert len(set(ruled)) == len(ruled), "two evidence rows share a reason code"
    assert set(ruled) | INFORMATIONAL_CODES == set(ReasonCode)
    assert not set(ruled) & INFORMATIONAL_CODES


@pytest.mark.parametrize("rule", EVIDENCE, ids=lambda r: str(r.code))
def test_row_summary_evidence_and_examples_are_documented(rule: EvidenceRule) -> None:
    """A row's summary, evidence and every word of its examples appear in its section, and
    the section says how the code is decided."""
    section = SECTIONS[str(rule.code)]
    assert rule.summary in section
    assert rule.evidence[0].upper() + rule.evidence[1:] in section
    for example in rule.examples:
        missing = [w for w in _WORD.findall(example) if w not in section]
        assert not missing, f"example {example!r}: {missing} not in '## {rule.code}'"
    assert "*Decided.*" in section, f"'## {rule.code}' does not say how it is decided"


@pytest.mark.parametrize("code", list(ReasonCode), ids=str)
def test_section_states_how_the_code_weighs(code: ReasonCode) -> None:
    """Each section says which way the code weighs (as EVIDENCE sets it), with the default and
    the fitted weight, or that it is informational."""
    lines = SECTIONS[str(code)].splitlines()
    weighs = next((x for x in lines if x.startswith("*Weighs.*")), None)
    informational = next((x for x in lines if x.startswith("*Informational.*")), None)
    if code in INFORMATIONAL_CODES:
        assert informational is not None, f"'## {code}' has no '*Informational.*' line"
        assert weighs is None, f"'## {code}' is informational but has a '*Weighs.*' line"
        return
    rule = next(r for r in EVIDENCE if r.code is code)
    assert weighs is not None, f"'## {code}' has no '*Weighs.*' line"
    assert informational is None, f"'## {code}' weighs but has an '*Informational.*' line"
    expected = "against" if rule.direction is Direction.AGAINST else "for"
    assert weighs.startswith(f"*Weighs.* {expected} the gene:"), weighs
    assert f"{rule.weight:+.1f}" in weighs
    fitted = default_weights().weight(code)
    assert f"{fitted:+.2f}".lstrip("+").replace("-0.00", "0.00") in weighs


def test_policy_table_lists_every_row_once() -> None:
    """The policy table has one row per EVIDENCE entry, in EVIDENCE order."""
    table = SECTIONS["The policy table"]
    rows = re.findall(r"^\| \[`([a-z_]+)`\]", table, re.MULTILINE)
    assert rows == [str(r.code) for r in EVIDENCE]


def test_priors_table_lists_every_prior() -> None:
    """The priors table names every MatchedAs kind with its default prior."""
    table = SECTIONS["Priors"]
    for kind in MatchedAs:
        assert f"| `{kind}` |" in table
        assert f"{DEFAULT_PRIORS[kind]:.3f}" in table


def test_concepts_are_explained() -> None:
    """The page explains evidence, priors, confidence and both thresholds."""
    intro = SECTIONS["Evidence, priors and confidence"]
    w = default_weights()
    for word in ("prior", "confidence", "supported_at", "false_hit_at", "support", "weight"):
        assert word in intro
    assert f"({w.supported_at})" in intro
    assert f"({w.false_hit_at})" in intro
    assert f"({w.keyword_false_hit_at})" in intro
