"""``docs/reasons.md`` documents every reason code, in step with ``judge.RULES``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from genenorm.judge import FALSE_HIT_CODES, RULES, UNCERTAIN_CODES, Rule
from genenorm.models import ReasonCode

REASONS_MD = Path(__file__).resolve().parents[1] / "docs" / "reasons.md"
INFORMATIONAL = frozenset(
    {
        ReasonCode.RENAMED_SYMBOL,
        ReasonCode.WITHDRAWN_SYMBOL,
        ReasonCode.NAMED_IN_TEXT,
        ReasonCode.PROTEIN_DRUG,
    }
)
_HEADING = re.compile(r"^## (.+?)\s*$", re.MULTILINE)
_CODE_LIKE = re.compile(r"[a-z]+(?:_[a-z]+)+")
_WORD = re.compile(r"\w[\w\-]*")


def _sections() -> dict[str, str]:
    """The text of every ``## heading`` section of docs/reasons.md, by heading."""
    text = REASONS_MD.read_text(encoding="utf-8")
    heads = list(_HEADING.finditer(text))
    out = {}
    for here, after in zip(heads, [*heads[1:], None], strict=True):
        end = after.start() if after is not None else len(text)
        out[here.group(1)] = text[here.end() : end]
    return out


SECTIONS = _sections()


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


def test_every_code_has_a_rule_or_is_informational() -> None:
    """A code is either decided by a rule of RULES or informational, never both or neither."""
    ruled = {r.code for r in RULES}
    assert len(ruled) == len(RULES), "two rules share a reason code"
    assert ruled | INFORMATIONAL == set(ReasonCode)
    assert not ruled & INFORMATIONAL


@pytest.mark.parametrize("rule", RULES, ids=lambda r: str(r.code))
def test_rule_summary_evidence_and_examples_are_documented(rule: Rule) -> None:
    """A rule's summary, evidence and every word of its examples appear in its section."""
    section = SECTIONS[str(rule.code)]
    assert rule.summary in section
    assert rule.evidence[0].upper() + rule.evidence[1:] in section
    for example in rule.examples:
        missing = [w for w in _WORD.findall(example) if w not in section]
        assert not missing, f"example {example!r}: {missing} not in '## {rule.code}'"


@pytest.mark.parametrize("code", list(ReasonCode), ids=str)
def test_section_states_the_verdict_effect(code: ReasonCode) -> None:
    """Each section says what the code does to a verdict, as the policy sets it."""
    verdict_line = next(
        (line for line in SECTIONS[str(code)].splitlines() if line.startswith("*Verdict.*")),
        None,
    )
    assert verdict_line is not None, f"'## {code}' has no '*Verdict.*' line"
    if code in FALSE_HIT_CODES:
        expected = "`false_hit`"
    elif code in UNCERTAIN_CODES:
        expected = "`uncertain`"
    elif code is ReasonCode.NAMED_IN_TEXT:
        expected = "`supported`"
    else:
        expected = "Informational"
    assert expected in verdict_line, f"'## {code}': {verdict_line!r} lacks {expected}"


def test_policy_section_exists() -> None:
    """The page documents the verdict policy."""
    assert "The verdict policy" in SECTIONS
    assert "verdict_for" in SECTIONS["The verdict policy"]
