"""Judging: is a gene keyword or hit real?

The flow of one page: `context` (what the figure's text says) → `subjects` (one
word/term/gene triple each) → `evidence` (small pure functions, one table, `EVIDENCE`) →
`policy` (a prior by how the gene matched, moved by weighed evidence, gives a confidence and a
verdict) → `hits` and `keywords` (the judges) → `checker` (`Checker` owns a resolver, its
weights and caches; `genenorm.check` is the public entry point).
"""

from .checker import Checker, default_checker
from .evidence import EVIDENCE, Direction, EvidenceRule, Scope
from .policy import DEFAULT_PRIORS, Decision, PriorKind, Weights, decide, default_weights

__all__ = [
    "DEFAULT_PRIORS",
    "EVIDENCE",
    "Checker",
    "Decision",
    "Direction",
    "EvidenceRule",
    "PriorKind",
    "Scope",
    "Weights",
    "decide",
    "default_checker",
    "default_weights",
]
