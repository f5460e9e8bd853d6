"""Render the generated parts of ``docs/reasons.md`` from the evidence table and the weights.

    python scripts/reasons_doc.py          # rewrite the generated blocks of docs/reasons.md
    python scripts/reasons_doc.py --check  # exit 1 (with a diff) when the page is out of date

The page is hand-written prose with generated blocks between marker comments::

    <!-- BEGIN generated: priors -->      … <!-- END generated: priors -->
    <!-- BEGIN generated: policy -->      … <!-- END generated: policy -->
    <!-- BEGIN generated: code <code> --> … <!-- END generated: code <code> -->

``priors`` is the table of priors and thresholds (`genenorm.judging.policy.DEFAULT_PRIORS`
and the shipped `default_weights`), ``policy`` is the table of every evidence row of
`genenorm.judging.evidence.EVIDENCE` with its default and fitted weight, and each ``code``
block is the head of one ``## <code>`` section: the row's summary, its ``*Weighs.*`` line,
its evidence text and its examples. Every evidence row needs its code block; a code block for
a code without a row is refused. ``tests/test_docs_reasons.py`` runs the check, so the table
and the page cannot drift apart. Only the standard library and genenorm are needed.
"""

from __future__ import annotations

import argparse
import difflib
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from genenorm.judging import keywords as _keywords  # noqa: E402
from genenorm.judging.evidence import EVIDENCE, EvidenceRule  # noqa: E402
from genenorm.judging.policy import DEFAULT_PRIORS, PriorKind, Weights, default_weights  # noqa: E402

REASONS_MD = ROOT / "docs" / "reasons.md"

_BLOCK = re.compile(
    r"(<!-- BEGIN generated: (?P<name>[a-z_]+(?: [a-z_]+)?) -->\n)"
    r"(?P<body>.*?)"
    r"(<!-- END generated: (?P=name) -->)",
    re.DOTALL,
)

#: What each prior kind means, for the priors table.
_PRIOR_MEANING = {
    "symbol": "the gene's approved symbol",
    "previous": "a previous symbol",
    "alias": "an alias (or a symbol written otherwise, `+P-gp` for PGP)",
    "family": "a family or complex word expanded to this member",
    "name": "a protein name or curated grounding",
    "keyword": "a page keyword whose match is not known (page-only checks)",
    "unlinked": "a term the human lexicon does not link to the gene",
}


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def _signed(x: float, digits: int) -> str:
    """``+1.50`` / ``-1.50`` / ``0.00`` (no signed zero)."""
    text = f"{x:+.{digits}f}"
    return text[1:] if float(text) == 0.0 else text


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def render_priors(weights: Weights) -> str:
    """The priors table and the two thresholds."""
    lines = [
        "| Matched as | Meaning | Default prior | Fitted prior |",
        "|---|---|---:|---:|",
    ]
    for kind, p in DEFAULT_PRIORS.items():
        fitted = _sigmoid(weights.prior(kind))
        meaning = _PRIOR_MEANING.get(str(kind), "")
        lines.append(
            f"| `{kind}` | {meaning} | {p:.3f} ({_signed(_logit(p), 2)}) "
            f"| {fitted:.3f} ({_signed(weights.prior(kind), 2)}) |"
        )
    lines += [
        "",
        "Probabilities, with their log-odds in brackets. Thresholds: `supported` at a confidence",
        f"of at least **{weights.supported_at}**, `false_hit` at most **{weights.false_hit_at}**",
        f"(**{weights.false_hit_for(PriorKind.KEYWORD)}** for a page-only keyword), `uncertain` between.",
    ]
    return "\n".join(lines) + "\n"


#: Codes that may apply as *possible* reasons (a synonym that may have produced a page-only
#: keyword); the policy weighs them with their ``possible:`` weight. Every code when the judge
#: does not say.
_POSSIBLE = frozenset(
    str(c) for c in getattr(_keywords, "_POSSIBLE_CODES", [r.code for r in EVIDENCE])
)


#: Column heads of the prior kinds that may have weights of their own.
_OWN_HEADS = {"keyword": "page only", "alias": "alias", "family": "family"}


def _own_kinds(weights: Weights) -> list[PriorKind]:
    return [k for k in PriorKind if str(k) in weights.evidence_by_kind]


def render_policy(weights: Weights) -> str:
    """One row per evidence function: code, direction, scope, default and fitted weight, the
    fitted weights of the prior kinds that have their own (an alias, a family member, a
    keyword judged page only), and the page-only weight as a possible reason (for the codes
    that can be one)."""
    own = _own_kinds(weights)
    heads = "".join(f" | Fitted, {_OWN_HEADS.get(str(k), str(k))}" for k in own)
    lines = [
        f"| Code | Direction | Scope | Default weight | Fitted weight{heads} | Page only, possible |",
        "|---|---|---|---:|---:|" + "---:|" * len(own) + "---:|",
    ]
    for rule in EVIDENCE:
        code = str(rule.code)
        possible = (
            _signed(weights.weight(rule.code, possible=True, kind=PriorKind.KEYWORD), 2)
            if code in _POSSIBLE
            else "—"
        )
        cells = "".join(f" | {_signed(weights.weight(rule.code, kind=k), 2)}" for k in own)
        lines.append(
            f"| [`{code}`](#{code}) | {rule.direction} | {rule.scope} "
            f"| {_signed(rule.weight, 1)} | {_signed(weights.weight(rule.code), 2)}{cells} "
            f"| {possible} |"
        )
    return "\n".join(lines) + "\n"


def _own_weights(rule: EvidenceRule, weights: Weights) -> str:
    """`` (alias -0.50, family …, page only …)``: the prior kinds' own weights."""
    own = _own_kinds(weights)
    if not own:
        return ""
    parts = [
        f"{_OWN_HEADS.get(str(k), str(k))} {_signed(weights.weight(rule.code, kind=k), 2)}"
        for k in own
    ]
    return f" ({', '.join(parts)})"


def render_code(rule: EvidenceRule, weights: Weights) -> str:
    """The head of one ``## <code>`` section."""
    fitted = weights.weight(rule.code)
    weighs = (
        f"*Weighs.* {rule.direction} the gene: default weight {_signed(rule.weight, 1)},"
        f" fitted {_signed(fitted, 2)}{_own_weights(rule, weights)}; scope `{rule.scope}`."
    )
    if fitted == 0.0:
        weighs += (
            " The fit set it to 0 (on the development labels its weight came out with the wrong"
            " sign), so at present it is neither reported nor weighed."
        )
    examples = ", ".join(f"`{e}`" for e in rule.examples)
    return (
        f"**{rule.summary}**\n\n{weighs}\n\n*Evidence.* {_cap(rule.evidence)}.\n\n"
        f"*Examples* (`EVIDENCE`): {examples}.\n"
    )


def render(text: str, weights: Weights | None = None) -> str:
    """*text* with every generated block rendered anew.

    Raises:
        ValueError: a block names an unknown code, or an evidence row has no code block.
    """
    w = weights or default_weights()
    rules = {str(r.code): r for r in EVIDENCE}
    seen: set[str] = set()

    def body(m: re.Match[str]) -> str:
        name = m.group("name")
        if name == "priors":
            new = render_priors(w)
        elif name == "policy":
            new = render_policy(w)
        elif name.startswith("code "):
            code = name.removeprefix("code ")
            if code not in rules:
                raise ValueError(f"generated block for {code!r}, which has no EVIDENCE row")
            new = render_code(rules[code], w)
        else:
            raise ValueError(f"unknown generated block {name!r}")
        seen.add(name)
        return m.group(1) + new + m.group(4)

    out = _BLOCK.sub(body, text)
    missing = [
        name for name in ("priors", "policy", *(f"code {c}" for c in rules)) if name not in seen
    ]
    if missing:
        raise ValueError(f"docs/reasons.md lacks the generated blocks {missing}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 on drift")
    parser.add_argument("--path", type=Path, default=REASONS_MD, help="the page (docs/reasons.md)")
    args = parser.parse_args(argv)
    text = args.path.read_text(encoding="utf-8")
    try:
        new = render(text)
    except ValueError as e:
        print(f"{args.path}: {e}", file=sys.stderr)
        return 2
    if new == text:
        return 0
    if args.check:
        diff = difflib.unified_diff(
            text.splitlines(keepends=True),
            new.splitlines(keepends=True),
            str(args.path),
            "rendered",
        )
        sys.stderr.writelines(diff)
        print(f"{args.path} is out of date: run python scripts/reasons_doc.py", file=sys.stderr)
        return 1
    args.path.write_text(new, encoding="utf-8")
    print(f"rewrote {args.path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
