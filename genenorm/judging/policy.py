"""The one verdict policy: a prior from how a gene was matched, moved by weighed evidence.

A subject starts from the log-odds of its *prior*: how often a hit of that kind is real
(PFOCR's 2018 validation measured hit precision by lexicon source: approved symbol 0.977,
previous symbol 0.848, alias 0.524, FamPlex family expansion 0.272). Every piece of evidence
adds its weight (negative against, positive for; each reason code counts once). The sum is
turned back into a probability, the *confidence*, and two thresholds give the verdict:
``supported`` at or above `Weights.supported_at`, ``false_hit`` at or below
`Weights.false_hit_at` when some evidence speaks against the gene (a low prior alone makes no
false hit), ``uncertain`` otherwise. With an alias prior below the support threshold, an alias
hit needs evidence for it to be supported.

Weights are per kind of evidence, never per symbol or figure. They are read from
``genenorm/data/weights.tsv``, which ``scripts/fit_weights.py`` fits on the development
labels (one command refits; its provenance is in the file and in `Weights.provenance`);
without that file the hand-set defaults of `genenorm.judging.evidence.EVIDENCE` and
`DEFAULT_PRIORS` apply.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from operator import attrgetter

import attrs

from ..models import Relation
from ..page_models import MatchedAs, Reason, ReasonCode, Verdict
from .evidence import BASE_RATE_CODES, EVIDENCE, FOR_CODES, INFORMATIONAL_CODES

__all__ = [
    "DEFAULT_PRIORS",
    "STRONG_AGAINST",
    "Decision",
    "PriorKind",
    "Weights",
    "decide",
    "default_weights",
    "prior_kind",
    "verdict_for_confidence",
    "weigh",
]


#: How a subject was matched: what its prior rests on.
PriorKind = MatchedAs


#: Prior probabilities that a subject is real, by how it matched. Symbol, previous, alias and
#: family: PFOCR's published 2018 hit precision by lexicon source. Name: a curated protein
#: name is nearly as specific as a previous symbol. Keyword: a keyword of a page whose hit
#: tables are not known mixes all sources (about four in five hits are approved symbols).
#: Unlinked: nothing known.
DEFAULT_PRIORS: Mapping[PriorKind, float] = {
    PriorKind.SYMBOL: 0.977,
    PriorKind.PREVIOUS: 0.848,
    PriorKind.ALIAS: 0.524,
    PriorKind.FAMILY: 0.272,
    PriorKind.NAME: 0.85,
    PriorKind.KEYWORD: 0.85,
    PriorKind.UNLINKED: 0.5,
}

#: Evidence weights of reasons that only may apply (a synonym that may have produced a page
#: keyword, when nothing shows it did) are this share of the weight of the reason itself.
POSSIBLE_SHARE = 0.5


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


@attrs.frozen
class Weights:
    """Prior log-odds per `PriorKind`, a log-odds weight per evidence feature, thresholds."""

    priors: Mapping[str, float]
    #: By reason code; ``possible:<code>`` for a reason that only may apply.
    evidence: Mapping[str, float]
    supported_at: float = 0.6
    false_hit_at: float = 0.2
    #: The false-hit threshold of a keyword judged without its hits (page only: the OCR word
    #: is unknown, so the same confidence is less sure); ``None``: `false_hit_at`.
    keyword_false_hit_at: float | None = None
    #: Where the weights come from (``defaults`` or the fit's provenance line).
    provenance: str = "defaults"
    #: Weights of their own for the evidence of subjects with some priors, by `PriorKind`
    #: value, where they differ from `evidence` (keys as in `evidence`): a keyword judged
    #: page only, without its OCR word, weighs the same evidence differently from a hit, and
    #: so does an alias from an approved symbol.
    evidence_by_kind: Mapping[str, Mapping[str, float]] = attrs.field(factory=dict)
    #: `weight` of every non-informational reason code, found and possible, by prior kind
    #: (`decide` reads it instead of calling `weight` per reason).
    _by_code: Mapping[PriorKind | None, Mapping[ReasonCode, tuple[float, float]]] = attrs.field(
        init=False, eq=False, repr=False
    )

    #: `prior` of every `PriorKind` (`decide` reads it instead of calling `prior`).
    _by_kind: Mapping[PriorKind, float] = attrs.field(init=False, eq=False, repr=False)

    @_by_code.default
    def _weigh_codes(self) -> Mapping[PriorKind | None, Mapping[ReasonCode, tuple[float, float]]]:
        kinds: list[PriorKind | None] = [None, *PriorKind]
        return {
            kind: {
                code: (self.weight(code, kind=kind), self.weight(code, possible=True, kind=kind))
                for code in ReasonCode
                if code not in INFORMATIONAL_CODES
            }
            for kind in kinds
        }

    @_by_kind.default
    def _weigh_kinds(self) -> Mapping[PriorKind, float]:
        return {kind: self.prior(kind) for kind in PriorKind}

    def prior(self, kind: PriorKind) -> float:
        return self.priors.get(str(kind), 0.0)

    def false_hit_for(self, kind: PriorKind | None) -> float:
        """The false-hit threshold of a subject with this prior."""
        if kind is PriorKind.KEYWORD and self.keyword_false_hit_at is not None:
            return self.keyword_false_hit_at
        return self.false_hit_at

    def weight(
        self, code: ReasonCode, *, possible: bool = False, kind: PriorKind | None = None
    ) -> float:
        """Log-odds weight of a reason code (0.0 for informational codes) for a subject with
        prior *kind* (its own weight in `evidence_by_kind` where it has one)."""
        if code in INFORMATIONAL_CODES:
            return 0.0
        own = self.evidence_by_kind.get(str(kind)) if kind is not None else None
        tables = (own, self.evidence) if own else (self.evidence,)
        if possible:
            key = f"possible:{code}"
            for table in tables:
                if key in table:
                    return table[key]
            for table in tables:
                if str(code) in table:
                    return POSSIBLE_SHARE * table[str(code)]
            return 0.0
        for table in tables:
            if str(code) in table:
                return table[str(code)]
        return 0.0


def _defaults() -> Weights:
    return Weights(
        priors={str(k): _logit(p) for k, p in DEFAULT_PRIORS.items()},
        evidence={str(r.code): r.weight for r in EVIDENCE},
    )


def read_weights(text: str, *, name: str = "weights.tsv") -> Weights:
    """Parse a weight table: ``# provenance`` lines, then ``kind<TAB>name<TAB>value`` rows
    (``prior``, ``evidence``, ``evidence:<prior kind>`` or ``threshold``). Unknown evidence
    names are refused."""
    from ..exceptions import SnapshotError

    base = _defaults()
    priors = dict(base.priors)
    evidence = dict(base.evidence)
    by_kind: dict[str, dict[str, float]] = {}
    kinds = {str(k) for k in PriorKind}
    thresholds = {"supported": base.supported_at, "false_hit": base.false_hit_at}
    keyword_at: float | None = None
    provenance = []
    known = {str(r.code) for r in EVIDENCE}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            provenance.append(line.lstrip("# ").strip())
            continue
        parts = line.split("\t")
        if len(parts) < 3 or parts[0] == "kind":
            continue
        kind, key, value = parts[0], parts[1], parts[2]
        try:
            number = float(value)
        except ValueError:
            raise SnapshotError(f"{name}:{n}: weight {value!r} is not a number") from None
        if kind == "prior" and key in {str(k) for k in PriorKind}:
            priors[key] = number
        elif kind == "evidence" and key.removeprefix("possible:") in known:
            evidence[key] = number
        elif (
            kind.startswith("evidence:")
            and kind.removeprefix("evidence:") in kinds
            and key.removeprefix("possible:") in known
        ):
            by_kind.setdefault(kind.removeprefix("evidence:"), {})[key] = number
        elif kind == "threshold" and key in thresholds:
            thresholds[key] = number
        elif kind == "threshold" and key == "false_hit_keyword":
            keyword_at = number
        else:
            raise SnapshotError(f"{name}:{n}: unknown weight {kind}/{key}")
    return Weights(
        priors=priors,
        evidence=evidence,
        supported_at=thresholds["supported"],
        false_hit_at=thresholds["false_hit"],
        keyword_false_hit_at=keyword_at,
        provenance=" ".join(provenance) or "defaults",
        evidence_by_kind=by_kind,
    )


@cache
def default_weights() -> Weights:
    """The shipped weights (``genenorm/data/weights.tsv``), or the defaults without it."""
    path = resources.files("genenorm") / "data" / "weights.tsv"
    if not path.is_file():
        return _defaults()
    return read_weights(path.read_text(encoding="utf-8"))


_PRIOR_BY_RELATION = {
    Relation.APPROVED: PriorKind.SYMBOL,
    Relation.PREVIOUS: PriorKind.PREVIOUS,
    Relation.ALIAS: PriorKind.ALIAS,
    Relation.SUCCESSOR: PriorKind.ALIAS,
    Relation.MEMBER: PriorKind.FAMILY,
    Relation.CURATED: PriorKind.NAME,
}


def prior_kind(relation: Relation | None, *, normalised: bool = False) -> PriorKind:
    """The prior of a subject whose term relates to its gene by *relation*. A match found
    only through the normalised key counts as an alias at best."""
    kind = _PRIOR_BY_RELATION.get(relation) if relation is not None else None
    if kind is None:
        return PriorKind.UNLINKED
    if normalised and kind in (PriorKind.SYMBOL, PriorKind.PREVIOUS):
        return PriorKind.ALIAS
    return kind


@attrs.frozen
class Decision:
    """A verdict, its confidence, and the weighed evidence against and for."""

    verdict: Verdict
    confidence: float
    #: The prior the confidence started from.
    matched_as: MatchedAs
    #: Evidence against, strongest first, then informational reasons.
    reasons: tuple[Reason, ...]
    #: Evidence for, strongest first.
    support: tuple[Reason, ...]


#: The matches whose prior alone may support a gene: an exact approved symbol, a protein name,
#: when no evidence speaks against it. Any other (a previous symbol, an alias, a family member,
#: a page keyword whose match is unknown), or one of these with evidence against it, needs some
#: evidence for it to be `supported`; without any it is `uncertain`.
PRIOR_ALONE_SUPPORTS = frozenset({PriorKind.SYMBOL, PriorKind.NAME})

#: A false hit needs evidence against it that together weighs at least this much (log-odds):
#: enough to halve the odds that the gene is real. A low prior with a weak piece of evidence
#: against it (a family member that shares no article with the figure's other genes) is
#: `uncertain`, not a false hit. On the development figures' leave-figures-out estimate
#: (family members weighed to PFOCR's base rate), family members flagged for such a single
#: weak reason were real half the time.
STRONG_AGAINST = math.log(2)


def verdict_for_confidence(
    confidence: float, weights: Weights | None = None, kind: PriorKind | None = None
) -> Verdict:
    """The verdict that a confidence implies under the thresholds of *weights* for a subject
    with prior *kind* (`decide` further asks evidence against a gene weighing at least
    `STRONG_AGAINST` before it calls it a false hit)."""
    w = weights or default_weights()
    if confidence >= w.supported_at:
        return Verdict.SUPPORTED
    if confidence <= w.false_hit_for(kind):
        return Verdict.FALSE_HIT
    return Verdict.UNCERTAIN


_by_weight = attrgetter("weight")


def decide(
    kind: PriorKind,
    found: Iterable[Reason],
    *,
    possible: Iterable[Reason] = (),
    weights: Weights | None = None,
) -> Decision:
    """Weigh a subject's evidence: *found* reasons apply; *possible* ones only may (a synonym
    that could have produced a keyword). Each reason code counts once, at its strongest."""
    verdict, confidence, reasons, support = weigh(kind, found, possible, weights)
    return Decision(
        verdict=verdict, confidence=confidence, matched_as=kind, reasons=reasons, support=support
    )


def weigh(
    kind: PriorKind,
    found: Iterable[Reason],
    possible: Iterable[Reason] = (),
    weights: Weights | None = None,
) -> tuple[Verdict, float, tuple[Reason, ...], tuple[Reason, ...]]:
    """`decide`'s verdict, confidence, reasons and support, without the `Decision` (a
    caller that builds its own verdict object from them, once per hit, skips making one)."""
    w = weights or default_weights()
    by_code = w._by_code[kind]
    total = w._by_kind[kind]
    against: list[Reason] = []
    support: list[Reason] = []
    info: list[Reason] = []
    seen: set[ReasonCode] = set()
    maybe = 0
    weight_against = 0.0
    for reasons in (found, possible):
        for r in reasons:
            code = r.code
            weights_of = by_code.get(code)
            if weights_of is None:  # informational
                if r not in info:
                    info.append(r)
                continue
            if code in seen:
                continue
            seen.add(code)
            weight = weights_of[maybe]
            if weight == 0.0:
                continue  # evidence that does not separate real from false hits says nothing
            total += weight
            weighed = Reason(code, r.detail, weight)
            if code in FOR_CODES:
                support.append(weighed)
            else:
                against.append(weighed)
                if code not in BASE_RATE_CODES:
                    weight_against += weight
        maybe = 1
    if total >= 0:  # the logistic function, computed stably
        confidence = 1.0 / (1.0 + math.exp(-total))
    else:
        e = math.exp(total)
        confidence = e / (1.0 + e)
    if len(against) > 1:
        against.sort(key=_by_weight)
    if len(support) > 1:
        support.sort(key=_by_weight, reverse=True)
    # `verdict_for_confidence`, inline
    if confidence >= w.supported_at:
        verdict = Verdict.SUPPORTED
        if not support and (kind not in PRIOR_ALONE_SUPPORTS or weight_against < 0.0):
            # nor does a middling prior alone make a supported gene, nor a high one that
            # some evidence speaks against
            verdict = Verdict.UNCERTAIN
    elif confidence <= w.false_hit_for(kind):
        # a low prior alone makes no false hit: evidence against must, and weigh enough
        strong = weight_against <= -STRONG_AGAINST
        verdict = Verdict.FALSE_HIT if strong else Verdict.UNCERTAIN
    else:
        verdict = Verdict.UNCERTAIN
    return verdict, confidence, (*against, *info), tuple(support)
