"""Evidence functions: each a small pure ``(subject, context) -> detail | None``, registered in
`EVIDENCE` with its reason code, direction (for or against), default weight, scope and real
examples. ``docs/reasons.md`` is checked against this table, and the policy
(`genenorm.judging.policy`) weighs what these functions find.

Adding a reason code: one `ReasonCode` member, one function here, one `EVIDENCE` row, one
section in ``docs/reasons.md``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

import attrs

from ..models import Relation, Resolution, Status
from ..organisms import human_gene_named
from ..page_models import Reason, ReasonCode
from ..text import clean, fold, listed_names, norm_key
from .context import Mention, PageContext, strip_ocr_debris
from .subjects import (
    Subject,
    chemical_of,
    facts,
    gene_ids,
    is_exact_symbol,
    member_ids,
    mention_subject,
    spelled,
    texts,
)

if TYPE_CHECKING:
    from ..lexicon import Lexicon

__all__ = [
    "EVIDENCE",
    "Direction",
    "EvidenceRule",
    "Scope",
    "all_evidence",
    "keyword_reads_better",
    "keyword_sides_with",
    "mention_is_safe",
    "term_evidence",
    "term_may_be_false",
]

# --------------------------------------------------------------------------- evidence against

#: Thresholds for `rule_english_word`: Zipf frequency above which a word counts as
#: common English — lower for lower/title case (clearly prose) than for all capitals.
ENGLISH_ZIPF_LOWER = 3.0
ENGLISH_ZIPF_CAPS = 4.0


def rule_english_word(s: Subject, ctx: PageContext) -> str | None:
    """The word is a common English word matched to a gene synonym (``out`` → TCF23)."""
    w = spelled(s)
    f = facts(ctx, w)
    zipf = f.zipf
    if not zipf or len(w) < 2 or is_exact_symbol(s, ctx, w):
        return None
    if _grounds_gene(ctx, w, s):  # FamPlex curates "Snail" as SNAI1
        return None
    if zipf >= (ENGLISH_ZIPF_CAPS if w.isupper() else ENGLISH_ZIPF_LOWER):
        how = f"{s.relation} " if s.relation else ""
        return f"'{w}' is a common English word (Zipf frequency {zipf:.1f}) matched as {how}'{s.term}' of {s.symbol}"
    return None


def _grounds_gene(ctx: PageContext, text: str, s: Subject) -> bool:
    """A FamPlex grounding of *text* is this gene or a family containing it."""
    hgnc_id = s.hgnc_id
    if hgnc_id is None:
        return False
    for m in facts(ctx, text).meanings:
        if m.curie == hgnc_id:
            return True
        if m.curie.startswith("FPLX:") and hgnc_id in ctx.lexicon.families.get(m.curie[5:], ()):
            return True
        if m.curie.startswith("HGNC:") and _same_family(ctx, m.curie, hgnc_id):
            return True  # grounded to a sibling: the text is a gene family's word (AC → ADCY1)
    return False


#: Grounding namespaces that are not genes or gene products (FamPlex grounding map).
NON_GENE_NAMESPACES = (
    "GO:",
    "MESH:",
    "CHEBI:",
    "PUBCHEM:",
    "HMDB:",
    "NCIT:",
    "CL:",
    "UBERON:",
    "DOID:",
    "EFO:",
    "HP:",
)


def rule_non_gene_abbreviation(s: Subject, ctx: PageContext) -> str | None:
    """The term is a process, cell, technique or compound abbreviation (``EMT`` → ITK)."""
    for text in texts(s):
        f = facts(ctx, text)
        if not (f.curated or f.meanings):
            continue
        if not text or is_exact_symbol(s, ctx, text) or _grounds_gene(ctx, text, s):
            continue
        if f.curated:
            return f"'{text}' is a {f.curated[1]} abbreviation: {f.curated[2]}"
        other = [m.curie for m in f.meanings if m.curie.startswith(NON_GENE_NAMESPACES)]
        genes = [m for m in f.meanings if m.curie.startswith(("HGNC:", "FPLX:"))]
        if other and not genes:
            return f"FamPlex grounds '{text}' to {', '.join(other)}, not to a gene"
    return None


_PROTEIN_HEAD = re.compile(
    r"(ase|receptor|factor|protein|ligand|channel|transporter|carrier|antigen|subunit|domain|"
    r"homolog|complex|isoform|isozyme|enzyme|hormone|peptide|interleukin|interferon|kine|in)s?$",
    re.IGNORECASE,
)


def _defined(s: Subject, ctx: PageContext) -> tuple[tuple[str, str, Resolution], ...]:
    """Each spelling of the subject (`texts`) that the figure's text defines, with its long
    form and what the long form resolves to (kept per page by spellings: three rules ask)."""
    definitions = ctx.definitions
    if not definitions:
        return ()
    spellings = texts(s)
    cache = ctx.defined
    found = cache.get(spellings)
    if found is None:
        folded = ctx.memo.folded
        out = []
        for text in spellings:
            key = folded.get(text)
            if key is None:
                key = folded[text] = fold(clean(text))
            long_form = definitions.get(key)
            if long_form is not None:
                out.append((text, long_form, ctx.resolver.resolve(long_form)))
        found = cache[spellings] = tuple(out)
    return found


def rule_defined_in_caption(s: Subject, ctx: PageContext) -> str | None:
    """The text defines the term as something that is not a gene product (``LPS,
    lipopolysaccharide``; ``epithelial–mesenchymal transition (EMT)``).

    The long form must be positively non-gene: a chemical, a FamPlex non-gene grounding, or
    a phrase whose head word is a process, cell, anatomy, disease or technique word
    (curated list ``non_gene_heads``). Long forms that name proteins never fire.
    """
    lex = ctx.lexicon
    for text, long_form, r in _defined(s, ctx):
        if _names_gene(ctx, r, s.hgnc_id):
            continue  # the long form names this gene or its family (`rule_definition_agrees`)
        enzyme = _other_enzyme(ctx, long_form, s)
        if enzyme:
            return f"the text defines '{text}' as '{long_form}' ({enzyme}), an enzyme activity {s.gene_symbol} does not have"
        if r.status is not Status.NOT_FOUND:
            continue  # the long form names a gene or family
        cache = ctx.memo.non_gene_long_forms
        what = cache.get(long_form, "")
        if what == "":
            what = cache[long_form] = _non_gene_long_form(lex, long_form)
        if what:
            return f"the text defines '{text}' as '{long_form}', {what}"
    return None


def _non_gene_long_form(lex: Lexicon, long_form: str) -> str | None:
    """What makes a long form that resolves to nothing positively non-gene (for
    `rule_defined_in_caption`; page-independent, kept per checker by long form): a chemical,
    a GO process, a FamPlex non-gene grounding or a curated non-gene head word; ``None``
    for none of them, or a head word that names proteins."""
    head = head_word(long_form)
    if _PROTEIN_HEAD.search(head):
        return None  # "toll-like receptor", "lactate dehydrogenase": protein names
    what = None
    process = lex.go_process(long_form)
    if lex.chemical(long_form) is not None:
        what = "a chemical"
    elif process is not None:
        what = f"the GO process {process.name} ({process.go_id})"
    elif any(
        m.curie.startswith(NON_GENE_NAMESPACES) for m in lex.meanings(long_form, normalised=True)
    ):
        what = "a non-gene concept (FamPlex)"
    elif (entry := lex.curated("non_gene_heads", head)) is not None:
        what = f"a {entry[0]}"
    return what


def rule_definition_disagrees(s: Subject, ctx: PageContext) -> str | None:
    """The text defines the abbreviation as another gene or protein: the long form names
    another gene or a family without this one (``FAS, fatty acid synthase`` is FASN, not
    the Fas receptor FAS; ``CCAAT enhancer-binding protein (C/EBP)`` is the CEBP family, not
    EBP), or the long form spells the approved name of another gene the spelling can mean
    and not this one's (``PDK1, phosphoinositide-dependent protein kinase 1`` is PDPK1, not
    PDK1; `name_fit`)."""
    if s.gene_index is None or s.hgnc_id is None:
        return None
    for text, long_form, r in _defined(s, ctx):
        if _names_gene(ctx, r, s.hgnc_id) or s.hgnc_id in gene_ids(r):
            return None  # it agrees (`rule_definition_agrees`)
        if s.gene_name and _same_name(long_form, s.gene_name):
            return None
        if r.symbol is not None and r.hgnc_id is not None:
            return f"the text defines '{text}' as '{long_form}', which is {r.symbol}, not {s.gene_symbol}"
        if r.status is Status.FAMILY:
            return f"the text defines '{text}' as '{long_form}', the family {r.family}, which does not hold {s.gene_symbol}"
        if s.gene_name and _name_fit(ctx, long_form, s.gene_name) > NAME_MISFITS:
            continue
        other = _reading_named(s, ctx, text, long_form)
        if other is not None:
            return f"the text defines '{text}' as '{long_form}', the name of {other}, not {s.gene_symbol}"
    return None


#: `name_fit` at which a long form spells a gene's approved name (most of its words are the
#: name's: ``calmodulin dependent protein kinase IV`` for CAMK4), and at most which it does
#: not. Round numbers: three of four words, and half.
NAME_FITS = 0.75
NAME_MISFITS = 0.5
_NAME_WORD = re.compile(r"[a-z0-9]+")
#: Words that say nothing of which protein a name means.
_NAME_FILLER = frozenset({"a", "an", "and", "of", "the", "protein", "human"})


def _name_words(text: str) -> frozenset[str]:
    """The words of a name, lower case, without filler, plural ``s`` dropped."""
    return frozenset(
        w[:-1] if len(w) > 4 and w.endswith("s") else w
        for w in _NAME_WORD.findall(text.lower())
        if w not in _NAME_FILLER
    )


def name_fit(long_form: str, name: str) -> float:
    """The share of a long form's words (`_name_words`; at least two) that a gene's approved
    name has: 1.0 for ``phosphoinositide-dependent protein kinase 1`` against PDPK1's
    ``3-phosphoinositide dependent protein kinase 1``, 0.5 against PDK1's ``pyruvate
    dehydrogenase kinase 1``."""
    return _fit(_name_words(long_form), _name_words(name))


def _fit(words: frozenset[str], name_words: frozenset[str]) -> float:
    """`name_fit` of a long form's words and a name's."""
    if len(words) < 2:
        return 0.0
    return len(words & name_words) / len(words)


def _name_fit(ctx: PageContext, long_form: str, name: str) -> float:
    """`name_fit`, the words of each text kept per checker (`Memo.name_words`: the rules ask
    about the same names and long forms on every page that defines them)."""
    return _fit(_words_of(ctx, long_form), _words_of(ctx, name))


def _words_of(ctx: PageContext, text: str) -> frozenset[str]:
    """`_name_words` of *text* (cached per checker)."""
    cache = ctx.memo.name_words
    words = cache.get(text)
    if words is None:
        words = cache[text] = _name_words(text)
    return words


def _reading_named(s: Subject, ctx: PageContext, text: str, long_form: str) -> str | None:
    """Another gene the defined spelling can mean (a resolver candidate, or a gene the
    figure's hits made of the same word) whose approved name the long form spells
    (`NAME_FITS`), as ``SYMBOL (name)``; ``None`` when there is none."""
    lex = ctx.lexicon
    rows: list[int] = []
    for c in ctx.resolver.resolve(text).candidates:
        i = lex.index_of(c.hgnc_id)
        if i is not None:
            rows.append(i)
    if s.word:
        rows.extend(ctx.genes_of_word(s.word))
    for i in rows:
        if i == s.gene_index:
            continue
        gene = lex.gene(i)
        if gene.name and _name_fit(ctx, long_form, gene.name) >= NAME_FITS:
            return f"{gene.symbol} ({gene.name})"
    return None


_OF = re.compile(r"\s+(?:of|for|to|in|on)\s+", re.IGNORECASE)


def head_word(phrase: str) -> str:
    """The head noun of an English noun phrase: its last word, or the last word before a
    preposition (``nuclear factor of activated T cells`` → ``factor``)."""
    first = _OF.split(phrase.strip(), maxsplit=1)[0]
    return re.split(r"[\s\-–]+", first)[-1]


def _family_holds(ctx: PageContext, r: Resolution, hgnc_id: str | None) -> bool:
    """The resolution is a FamPlex family (or complex) that holds the gene with this HGNC ID."""
    return r.status is Status.FAMILY and hgnc_id in member_ids(ctx, r)


def _names_gene(ctx: PageContext, r: Resolution, hgnc_id: str | None) -> bool:
    """The resolution is the gene with this HGNC ID, or a family that holds it."""
    return r.hgnc_id == hgnc_id or _family_holds(ctx, r, hgnc_id)


def _ec_class(ec: str) -> str:
    """An EC number's first three levels (class, subclass, sub-subclass): enzymes that share
    them do the same kind of reaction on the same kind of group."""
    return ".".join(ec.split(".")[:3])


def _other_enzyme(ctx: PageContext, long_form: str, s: Subject) -> str | None:
    """The EC numbers a long form names as an enzyme, when the gene has EC numbers and none
    of them shares its first three levels (``CAD: cinnamyl alcohol dehydrogenase``, EC
    1.1.1.195, is not the gene CAD; ``phosphoinositide 3-kinase``, EC 2.7.1.154, may be
    PIK3CA, EC 2.7.1.153)."""
    if s.hgnc_id is None:
        return None
    lex = ctx.lexicon
    named = lex.enzyme(long_form)
    if not named:
        return None
    own = lex.ec_of(s.hgnc_id)
    if not own or {_ec_class(e) for e in named} & {_ec_class(e) for e in own}:
        return None
    return "EC " + ", ".join(named[:3])


def rule_shadowed_by_approved_symbol(s: Subject, ctx: PageContext) -> str | None:
    """The term is another gene's approved (or previous) symbol (``BRCC3`` → DEPDC1B)."""
    if s.gene_index is None or s.relation in (Relation.APPROVED, Relation.MEMBER) or s.normalised:
        return None
    lex = ctx.lexicon
    if _names_gene(ctx, s.word_resolution, s.hgnc_id):
        return None  # our own resolution of the word picks this gene (Erk -> ERK family)
    text = spelled(s)
    entries = facts(ctx, text).entries
    for idx, rel, _term in entries:
        if idx != s.gene_index and rel is Relation.APPROVED:
            g = lex.gene(idx)
            return f"'{text}' is the approved symbol of {g.symbol} ({g.hgnc_id}); it is only {s.relation or 'a synonym'} of {s.symbol}"
    if s.relation is Relation.ALIAS:
        for idx, rel, _term in entries:
            if idx != s.gene_index and rel is Relation.PREVIOUS:
                g = lex.gene(idx)
                return f"'{text}' is a previous symbol of {g.symbol} ({g.hgnc_id}); it is only an alias of {s.symbol}"
    return None


def rule_ambiguous_alias(s: Subject, ctx: PageContext) -> str | None:
    """One term, several genes, and nothing in the figure to choose (``EMT`` → ITK, SLC22A3)."""
    if s.relation not in (Relation.ALIAS, Relation.PREVIOUS):
        return None
    r = ctx.resolver.resolve(s.term)
    if r.status is Status.AMBIGUOUS and len(r.candidates) > 1:
        names = ", ".join(c.symbol for c in r.candidates[:6])
        return f"'{s.term}' is a synonym of {len(r.candidates)} genes ({names})"
    return None


def rule_residue_or_site(s: Subject, ctx: PageContext) -> str | None:
    """A modified residue or site read as a gene (``S16-P`` → S16 → RPS16). The gene's own
    approved symbol in any case is no site (``Arg2``, the mouse symbol of arginase 2)."""
    for text in texts(s):
        if facts(ctx, text).residue and fold(clean(text)) != s.gene_symbol:
            return f"'{text}' reads as an amino-acid residue or site, matched to {s.symbol}"
    return None


_PNN = re.compile(r"p\d{2,3}", re.IGNORECASE)


def rule_generic_protein_name(s: Subject, ctx: PageContext) -> str | None:
    """A ``pNN`` molecular-weight name that several genes share (``p38``, ``p65``)."""
    for text in texts(s):
        if _PNN.fullmatch(text) and not is_exact_symbol(s, ctx, text):
            if _grounds_gene(ctx, text, s):
                continue  # FamPlex's curated grounding names this gene (p65 is RELA)
            r = ctx.resolver.resolve(text)
            if s.hgnc_id is not None and _family_holds(ctx, r, s.hgnc_id):
                continue  # FamPlex settles the name (p38 is the p38 MAPK family)
            if len(r.candidates) > 1:
                names = ", ".join(c.symbol for c in r.candidates[:6])
                return f"'{text}' is a molecular-weight name shared by several proteins ({names})"
    return None


def rule_chemical_name(s: Subject, ctx: PageContext) -> str | None:
    """The term is a chemical (``ATP`` → ATP8A2, ``ADP`` → WDTC1, ``CTP`` → SLC25A1). A
    protein term of the drug dictionary (no ChEBI or DrugBank id: ``IL-8``) that is a name of
    the gene is not one."""
    r = s.word_resolution
    if s.hgnc_id is not None and r.hgnc_id == s.hgnc_id and r.status is Status.APPROVED:
        return None  # the word is this very gene's symbol (IL-17A is also a drug target name)
    for text in texts(s):
        chem = chemical_of(ctx, text)  # texts of up to 12 characters
        if chem is None:
            continue
        if is_exact_symbol(s, ctx, text) or _grounds_gene(ctx, text, s):
            continue
        if s.gene_name is not None and fold(chem.name) == fold(s.gene_name):
            continue  # a protein drug named like its gene (insulin)
        if (
            chem.kind == "drug"
            and not (chem.chebi or chem.drugbank)
            and s.hgnc_id in gene_ids(ctx.resolver.resolve(text))
        ):
            continue  # a MeSH protein term of the drug dictionary that names the gene (IL8)
        ids = ", ".join(i for i in (chem.mesh, chem.chebi, chem.drugbank) if i)
        return f"'{text}' is the chemical {chem.name} ({ids})"
    return None


def rule_context_prefers_other_gene(s: Subject, ctx: PageContext) -> str | None:
    """The word or the text points to another gene (``P-gp``/P-glycoprotein → ABCB1, not PGP).
    Of a word that lists several names (``MSK1/2``, ``CBP/p300``), the name the term is
    points, not the whole word. Not when the figure's genes side with this gene against the
    one the word resolves to (`_reads_better`): that reads the page."""
    found = _word_prefers(s, ctx)
    if found is None:
        return None
    other_id, detail = found
    if other_id and _reads_better(s, ctx, other_id):
        return None  # the figure's genes side with this reading (`rule_other_reading_fits`)
    return detail


def _may_prefer_other(s: Subject, ctx: PageContext) -> bool:
    """`rule_context_prefers_other_gene` can find something: the word points to another
    gene or to a family without this one (page independent)."""
    return _word_prefers(s, ctx) is not None


def _word_prefers(s: Subject, ctx: PageContext) -> tuple[str, str] | None:
    """The gene the word resolves to instead (its HGNC ID, "" for a family) and the detail,
    when the word points elsewhere (what `rule_context_prefers_other_gene` reports)."""
    hgnc_id = s.hgnc_id
    if hgnc_id is None:
        return None
    r = s.word_resolution
    if s.word and len(names := listed_names(s.word)) > 1 and norm_key(s.term) in names:
        r = ctx.resolver.resolve(s.term)
    if r.symbol is not None and r.hgnc_id != hgnc_id and r.status is not Status.NOT_FOUND:
        if s.expanded and r.hgnc_id and _same_family(ctx, r.hgnc_id, hgnc_id):
            return None  # a family word read as one member of it (AC → ADCY1 for ADCY2)
        if (
            s.relation is Relation.APPROVED
            and not s.normalised
            and s.word
            and fold(s.word) == fold(s.symbol)
        ):
            return None
        detail = f"'{spelled(s)}' is {r.status} {r.symbol} ({r.hgnc_id}), not {s.symbol}"
        return r.hgnc_id or "", detail
    if r.status is Status.FAMILY and hgnc_id not in member_ids(ctx, r):
        members = ", ".join(c.symbol for c in r.candidates if c.relation is Relation.MEMBER)
        return "", f"'{spelled(s)}' names the family {r.family} ({members}), not {s.symbol}"
    return None


def _same_family(ctx: PageContext, a: str, b: str) -> bool:
    """Two genes share a FamPlex family."""
    lex = ctx.lexicon
    return bool(set(lex.families_of(a)) & set(lex.families_of(b)))


def rule_family_member_not_named(s: Subject, ctx: PageContext) -> str | None:
    """A family word expanded to this member, but the text names other members specifically,
    or the figure names a narrower family of them, and not this one (``SOD`` → SOD2 when the
    text names SOD1; ``MAPK`` → MAPK14 when the figure says ``ERK``), or the word itself names
    another member (``Jun`` → JUNB). Naming one part of a complex (MTOR of ``mTORC2``)
    leaves the other parts in, but not that part's paralogs (`_paralog_named`)."""
    r = s.word_resolution
    if s.gene_index is None or s.gene_index in ctx.specific_genes:
        return None
    lex = ctx.lexicon
    if r.status is not Status.FAMILY:
        return _word_names_other_member(s, ctx)
    if r.family in lex.complexes:
        # naming one part of a complex (MTOR of mTORC2) names no other out, but its paralogs
        return _paralog_named(s, ctx, r)
    all_named, narrower = _family_named_parts(ctx, r)
    named = [i for i in all_named if i != s.gene_index]
    if named:
        names = ", ".join(lex.gene(i).symbol for i in named[:6])
        return f"'{spelled(s)}' (family {r.family}) was expanded to {s.symbol}, but the text names only {names} of it"
    for fid, rows in narrower:
        if s.gene_index not in rows:
            return f"'{spelled(s)}' (family {r.family}) was expanded to {s.symbol}, but the figure names the narrower family {fid}, which {s.symbol} is not in"
    return None


def _paralog_named(s: Subject, ctx: PageContext, r: Resolution) -> str | None:
    """A complex word expanded to this part, while the text names another part of the same
    paralog group (a narrower FamPlex family within the complex: PI3K_p110, AP-1's
    FOS_family) and not this one: ``PI3K`` → PIK3CB when the text names p110α (PIK3CA).
    The other paralog groups' parts stay (the regulatory subunits beside p110α)."""
    if s.hgnc_id is None:
        return None
    named = [i for i in _family_named_parts(ctx, r)[0] if i != s.gene_index]
    if not named:
        return None
    lex = ctx.lexicon
    within = lex.narrower_families(r.family or "")
    for fid in lex.families_of(s.hgnc_id):
        if fid in lex.complexes or fid not in within:
            continue  # not a paralog group: another complex, or not narrower than this one
        members = lex.families[fid]
        paralogs = [i for i in named if lex.gene(i).hgnc_id in members]
        if paralogs:
            names = ", ".join(lex.gene(i).symbol for i in paralogs[:6])
            return f"'{spelled(s)}' (complex {r.family}) was expanded to {s.symbol}, but the text names {names} of its paralogs ({fid}) and not {s.symbol}"
    return None


def _may_name_other_member(s: Subject, ctx: PageContext) -> bool:
    """`rule_family_member_not_named` can find something: a gene expanded from a family
    word, or from a complex word that holds a paralog group (`_paralog_named`), or from a
    word that itself resolves to another gene."""
    if s.gene_index is None:
        return False
    r = s.word_resolution
    if r.status is Status.FAMILY:
        complexes = ctx.lexicon.complexes
        if r.family not in complexes:
            return True
        return any(f not in complexes for f in ctx.lexicon.narrower_families(r.family or ""))
    return s.expanded and r.hgnc_id is not None and r.hgnc_id != s.hgnc_id


def _family_named_parts(
    ctx: PageContext, r: Resolution
) -> tuple[tuple[int, ...], tuple[tuple[str, frozenset[int]], ...]]:
    """Of a family word's members: those the text names, and the narrower families the
    figure names that hold some of them, with their rows (cached per page and word)."""
    found = ctx.family_parts.get(r)
    if found is None:
        members = ctx.memo.member_rows(ctx.lexicon, r)
        named_genes = ctx.named_genes
        named = tuple(i for i in members if i in named_genes)
        size = len(members)
        member_set = frozenset(members)
        narrower = tuple(
            (fid, rows)
            for fid, rows in ctx.named_family_members.items()
            if fid != r.family and rows and len(rows) < size and rows & member_set
        )
        found = ctx.family_parts[r] = (named, narrower)
    return found


def _word_names_other_member(s: Subject, ctx: PageContext) -> str | None:
    """A hit table expanded the word to a family, but the word itself names one specific
    member: its approved symbol (``Jun`` → JUN, not JUNB), a synonym of a gene the figure
    names specifically, or a curated protein name of a member with `MINOR_MEMBER_RATIO`
    times this one's PubMed articles (``p53`` → TP53, not TP63)."""
    r = s.word_resolution
    if not s.expanded or r.hgnc_id is None or r.hgnc_id == s.hgnc_id:
        return None
    if r.status is not Status.APPROVED:
        gi = ctx.lexicon.index_of(r.hgnc_id)
        if gi is None:
            return None
        if gi not in ctx.specific_genes and not _dominant_name(s, ctx, r):
            return None
    return f"'{spelled(s)}' names {r.symbol} itself; the hit table expanded it to {s.symbol}"


def _dominant_name(s: Subject, ctx: PageContext, r: Resolution) -> bool:
    """The word is a curated protein name of another member (``p53`` → TP53) that NCBI Gene
    links `MINOR_MEMBER_RATIO` times as many PubMed articles as this one: the name of the
    family's best-known member means that member."""
    if not r.candidates or r.candidates[0].relation is not Relation.CURATED or r.hgnc_id is None:
        return False
    lex = ctx.lexicon
    mine, theirs = _articles(s, ctx), lex.articles(r.hgnc_id)
    return mine is not None and theirs is not None and theirs >= MINOR_MEMBER_RATIO * max(mine, 1)


def rule_other_members_shown(s: Subject, ctx: PageContext) -> str | None:
    """A family word expanded to this member, while the figure's hits show other members by
    their own symbols and not this one (``AKT`` → AKT3 next to an ``AKT1`` hit). Complexes are
    exempt: a figure that shows one part by its symbol still means the others."""
    r = s.word_resolution
    if s.gene_index is None or r.status is not Status.FAMILY or not ctx.hit_symbols:
        return None
    lex = ctx.lexicon
    if s.gene_index in ctx.specific_genes or r.family in lex.complexes:
        return None
    members = ctx.memo.member_rows(lex, r)
    shown = [i for i in members if i != s.gene_index and i in ctx.hit_symbols]
    if not shown:
        return None
    names = ", ".join(lex.gene(i).symbol for i in shown[:6])
    return f"the figure shows {names} of family {r.family} by their own symbols, not {s.symbol}"


def _may_show_other_members(s: Subject, ctx: PageContext) -> bool:
    """`rule_other_members_shown` can find something: a member of a family word (not a
    complex) with other members."""
    r = s.word_resolution
    if s.gene_index is None or r.status is not Status.FAMILY:
        return False
    lex = ctx.lexicon
    if r.family in lex.complexes:
        return False
    return any(i != s.gene_index for i in ctx.memo.member_rows(lex, r))


#: A family word expanded to at least this many members is a broad class (`rule_broad_class`).
BROAD_CLASS_MEMBERS = 8
_CLASS_WORD = re.compile(r"[A-Z]?[a-z]{3,}[a-z\-]*")


def rule_broad_class(s: Subject, ctx: PageContext) -> str | None:
    """A class noun (``Integrins``, ``Dyneins``, ``Collagen``, ``cytokines``) expanded to many
    members, this one not named. Acronyms of specific families (``PKC``, ``E2F``) are not
    classes. Also a word FamPlex grounds to a broad class that the hit reads as one gene's
    synonym (``GPC-R`` → NMUR1)."""
    r = s.word_resolution
    if s.gene_index is None or not s.word or s.gene_index in ctx.specific_genes:
        return None
    if r.status is not Status.FAMILY:
        return _grounded_to_class(s, ctx)
    if not _CLASS_WORD.fullmatch(s.word):
        return None
    members = ctx.memo.member_rows(ctx.lexicon, r)
    if len(members) < BROAD_CLASS_MEMBERS:
        return None
    return f"'{spelled(s)}' (family {r.family}) is a class of {len(members)} genes; the figure does not name {s.symbol} itself"


def _may_be_broad_class(s: Subject, ctx: PageContext) -> bool:
    """`rule_broad_class` can find something: a class word expanded to many members, or a
    synonym FamPlex grounds to a broad class."""
    if s.gene_index is None or not s.word:
        return False
    r = s.word_resolution
    if r.status is not Status.FAMILY:
        return _grounded_to_class(s, ctx) is not None
    return bool(_CLASS_WORD.fullmatch(s.word)) and (
        len(ctx.memo.member_rows(ctx.lexicon, r)) >= BROAD_CLASS_MEMBERS
    )


def _grounded_to_class(s: Subject, ctx: PageContext) -> str | None:
    """FamPlex's curated grounding reads the word as a broad class, while the hit takes it
    for one gene's synonym (``GPC-R`` is FamPlex's GPCR, not NMUR1 alone)."""
    if s.relation not in _SYNONYM_RELATIONS:
        return None
    lex = ctx.lexicon
    families = lex.families
    for m in lex.meanings(spelled(s), normalised=True):
        if not m.curie.startswith("FPLX:"):
            continue
        size = len(families.get(m.curie[5:], ()))
        if size >= BROAD_CLASS_MEMBERS:
            return f"'{spelled(s)}' is FamPlex's {m.curie[5:]}, a class of {size} genes, not {s.symbol} alone"
    return None


#: A family expansion (or, page only, a family group of keywords) of at least this many
#: members is large (`rule_large_family`).
LARGE_FAMILY_MEMBERS = 6


def rule_large_family(s: Subject, ctx: PageContext) -> str | None:
    """A family word (not a complex) expanded to `LARGE_FAMILY_MEMBERS` or more members, this
    one not named; page only, the keywords hold that many members of one of its families and
    the text names none (``MAPK`` → 14 kinases; ``HSP70`` → 17 chaperones)."""
    if s.gene_index is None or s.gene_index in ctx.specific_genes:
        return None
    lex = ctx.lexicon
    if s.word is None:
        if s.hgnc_id is None:
            return None
        groups = ctx.keyword_families
        for fid in lex.families_of(s.hgnc_id):
            rows = groups.get(fid, ())
            if len(rows) >= LARGE_FAMILY_MEMBERS and keywords_hold_family_group(ctx, fid):
                return (
                    f"the keywords hold {len(rows)} members of {fid}; the text names none of them"
                )
        return None
    r = s.word_resolution
    if r.status is not Status.FAMILY or r.family in lex.complexes:
        return None
    n = len(ctx.memo.member_rows(lex, r))
    if n < LARGE_FAMILY_MEMBERS:
        return None
    return f"'{spelled(s)}' (family {r.family}) has {n} members; the figure does not name {s.symbol} itself"


def _may_be_large_family(s: Subject, ctx: PageContext) -> bool:
    """`rule_large_family` can find something: a member of a family expansion, or page only,
    a gene in some family."""
    if s.word is None:
        return _in_a_family(s, ctx)
    return s.gene_index is not None and s.word_resolution.status is Status.FAMILY


#: A family with at least this many of the page's keywords, none named, looks expanded.
FAMILY_GROUP_KEYWORDS = 3


def rule_family_group(s: Subject, ctx: PageContext) -> str | None:
    """Page only: the keywords hold several members of this gene's family and the text names
    none of them (``SOD1``, ``SOD2``, ``SOD3`` from one ``SOD``; 27 integrins)."""
    if s.word is not None or s.gene_index is None or s.hgnc_id is None:
        return None  # hits know their word: family expansions are seen directly
    groups = ctx.keyword_families
    if not groups or s.gene_index in ctx.named_genes:
        return None
    for fid in ctx.lexicon.families_of(s.hgnc_id):
        if keywords_hold_family_group(ctx, fid):
            n = len(groups[fid])
            return f"the keywords hold {n} members of {fid}; the text names none of them"
    return None


def _may_be_family_group(s: Subject, ctx: PageContext) -> bool:
    """`rule_family_group` can find something: a page-only gene in some family."""
    return s.word is None and _in_a_family(s, ctx)


def _in_a_family(s: Subject, ctx: PageContext) -> bool:
    """The subject's human gene belongs to some FamPlex family or complex."""
    return (
        s.gene_index is not None
        and s.hgnc_id is not None
        and bool(ctx.lexicon.families_of(s.hgnc_id))
    )


def keywords_hold_family_group(ctx: PageContext, fid: str) -> bool:
    """The page's keywords hold `FAMILY_GROUP_KEYWORDS` or more members of the family and
    the text names none of them."""
    rows = ctx.keyword_families.get(fid, ())
    return len(rows) >= FAMILY_GROUP_KEYWORDS and not any(i in ctx.named_genes for i in rows)


def rule_shared_word(s: Subject, ctx: PageContext) -> str | None:
    """One OCR word matched synonyms of several genes of the figure: at most one is meant
    (``PAL`` → PAM, LRIT1, SHCBP1)."""
    if s.gene_index is None or not s.word or s.relation not in _SYNONYM_RELATIONS:
        return None
    genes = ctx.genes_of_word(s.word)
    if len(genes) < 2 or s.gene_index in ctx.specific_genes:
        return None
    lex = ctx.lexicon
    others = ", ".join(lex.gene(i).symbol for i in genes if i != s.gene_index)
    return f"'{s.word}' matched {len(genes)} genes of this figure ({s.symbol}, {others})"


def _may_share_word(s: Subject, ctx: PageContext) -> bool:
    """`rule_shared_word` can find something: an OCR word matched as a synonym."""
    return s.gene_index is not None and bool(s.word) and s.relation in _SYNONYM_RELATIONS


_SYNONYM_RELATIONS = frozenset({Relation.ALIAS, Relation.PREVIOUS, Relation.SUCCESSOR})


def rule_not_in_text(s: Subject, ctx: PageContext) -> str | None:
    """The figure has a caption, and it mentions neither the gene nor the synonym behind it,
    nor a family of the gene (weak: most of a figure's words are not in its caption)."""
    if not ctx.text or s.gene_index is None or s.relation not in _SYNONYM_RELATIONS:
        return None
    if s.gene_index in ctx.specific_genes or ctx.mentions_of(s.gene_index):
        return None
    named = ctx.families_named
    if named and s.hgnc_id and any(f in named for f in ctx.lexicon.families_of(s.hgnc_id)):
        return None  # the text names its family (NF-Kβ for an NF-KB hit of NFKB1)
    for text in texts(s):
        if fold(text) in ctx.token_keys:
            return None
    return f"the text mentions neither {s.symbol} nor '{spelled(s)}'"


def _may_be_missing_from_text(s: Subject, ctx: PageContext) -> bool:
    """`rule_not_in_text` can find something: a gene matched as a synonym."""
    return s.gene_index is not None and s.relation in _SYNONYM_RELATIONS


_NUMBERISH = re.compile(r"[\d.,:;/+\-–−() ]+")


def rule_ocr_fragment(s: Subject, ctx: PageContext) -> str | None:
    """A bare number or decimal, a run of several words read as one that the term is not
    one name of (``Sa3,Gas`` → CD4 beside a column of numbers in ``5221,5223;Sa3,Gas``), or
    a term that covers only a small part of a long word (``2-21`` → FAM3B; ``АМPKАMРК`` →
    PKM). A word that lists names is no evidence against the names it lists
    (`genenorm.text.listed_names`: ``Smad2,3`` → SMAD3, ``IL1,IL6,TNF`` → TNF,
    ``YAP/TAZ`` → WWTR1's TAZ), nor is a word that is itself a name of the gene
    (``VE-Cadherin`` → CDH5). A word that only mixes Latin with Cyrillic or Greek letters is
    no evidence: on the development labels such words read clearly as the gene (``АМPK``)."""
    if s.gene_index is None:
        return None
    for text in texts(s):
        if _NUMBERISH.fullmatch(text) and not _grounds_gene(ctx, text, s):
            return f"'{text}' is a number, matched to {s.symbol}"  # 14-3-3 is FamPlex's
    if not s.word:
        return None
    listed = norm_key(s.term) in listed_names(s.word)
    if _RUN_ON.search(s.word) and (not listed or _NUMBER_PART.search(s.word)):
        return f"'{s.word}' is several OCR words read as one, matched to {s.symbol}"
    if listed or s.hgnc_id in gene_ids(s.word_resolution):
        return None
    word_len = sum(ch.isalnum() for ch in s.word)
    term_len = sum(ch.isalnum() for ch in s.term)
    if term_len and word_len >= 6 and 2 * term_len <= word_len:
        return f"'{s.term}' covers only a part of the OCR word '{s.word}'"
    return None


_RUN_ON = re.compile(r"\w[,;]\w|\w\)\w|\w\(\w+$")
#: A part of a run-on word that is a number of three or more digits: a column of numbers,
#: not a list of names.
_NUMBER_PART = re.compile(r"(?:^|[,;])\d{3,}(?=[,;]|$)")


#: Locus types whose genes figures do name by their synonyms (anything else is a pseudogene,
#: a non-coding RNA, an immunoglobulin or T-cell receptor segment, a readthrough…).
_CODING_LOCUS_TYPES = frozenset({"gene with protein product", "RNA, micro"})
#: Cell-line-shaped words: letters, a dash and a number (``THP-1``, ``MCF-7``), five or more
#: letters and digits mixed (``HEK293``), or inner capitals (``HeLa``). Shorter forms (``S16``,
#: ``HK2``, ``HO-1``) are far more often gene synonyms or sites.
_CELL_LINE_SHAPE = re.compile(
    r"[A-Za-z]{3,}-\d+[A-Za-z]?|(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{5,}"
    r"|[A-Z][a-z]+[A-Z][A-Za-z]*"
)


def rule_cell_line(s: Subject, ctx: PageContext) -> str | None:
    """The word is the name of a cell line (``THP-1``, ``HEK293``, ``HeLa``), in a shape that
    cell lines have and gene synonyms rarely do (`_CELL_LINE_SHAPE`; ``CAD``, ``SET``, ``S16``
    and ``HO-1`` are also Cellosaurus names). Nor is a word that names a FamPlex family or
    complex of the gene a cell line (``CaM``, calmodulin, of CALM1)."""
    if s.gene_index is None:
        return None
    for text in texts(s):
        if not _CELL_LINE_SHAPE.fullmatch(text) or is_exact_symbol(s, ctx, text):
            continue
        if s.gene_symbol is not None and norm_key(text) == norm_key(s.gene_symbol):
            continue  # the gene's own symbol, written with a dash (IRS-1, LEF-1)
        name = ctx.lexicon.cell_line(text)
        if name is None or _family_holds(ctx, ctx.resolver.resolve(text), s.hgnc_id):
            continue
        if _word_lists_gene(s, ctx):
            return None
        return f"'{text}' is the cell line {name}"
    return None


def _word_lists_gene(s: Subject, ctx: PageContext) -> bool:
    """The word lists another name besides the term (`genenorm.text.listed_names`), and that
    name is a symbol or synonym of the gene too (`_word_genes`): ``APE1/Ref-1`` names APEX1
    twice, whatever else ``Ref-1`` is."""
    if not s.word or s.gene_index is None:
        return False
    names = listed_names(s.word)
    if len(names) < 2:
        return False
    term = norm_key(s.term)
    return any(n != term for n in _names_reading(ctx, names, s.gene_index))


def rule_non_coding_gene(s: Subject, ctx: PageContext) -> str | None:
    """A synonym matched a gene without a protein product (``XBP1`` → XBP1P1, ``OCT4`` →
    POU5F1P3, ``v12`` → IGLV2-8); such genes are named in figures by their own symbols. A
    page-only keyword (no OCR word) counts unless the text names the gene: the keyword list
    gives its symbol whatever word matched it."""
    if s.gene_index is None:
        return None
    if s.relation is Relation.APPROVED and (s.word is not None or s.gene_index in ctx.named_genes):
        return None
    gene = ctx.lexicon.gene(s.gene_index)
    if gene.locus_type in _CODING_LOCUS_TYPES or not gene.locus_type:
        return None
    return f"{gene.symbol} is a {gene.locus_type}; '{spelled(s)}' matched it as {s.relation or 'a synonym'}"


def _may_be_non_coding(s: Subject, ctx: PageContext) -> bool:
    """`rule_non_coding_gene` can find something: a gene without a protein product, not
    named by the OCR word as its approved symbol."""
    if s.gene_index is None or (s.relation is Relation.APPROVED and s.word is not None):
        return False
    locus_type = ctx.lexicon.gene(s.gene_index).locus_type
    return bool(locus_type) and locus_type not in _CODING_LOCUS_TYPES


def rule_non_human_figure(s: Subject, ctx: PageContext) -> str | None:
    """The figure is about non-vertebrate organisms (a plant, yeast or bacterial pathway): a
    human gene there is a false hit, unless the text names the human gene itself."""
    if ctx.non_human is None or s.gene_index is None:
        return None
    if s.organism_id and s.organism_id != "9606":
        return None
    names = tuple(n for n in (s.gene_symbol, s.word, s.term) if n)
    if ctx.human_named(names, human_gene_named):
        return None  # "human TP53" expressed in yeast
    return f"the figure is about {ctx.non_human}, not human genes"


def _may_be_on_non_human_figure(s: Subject, ctx: PageContext) -> bool:
    """`rule_non_human_figure` can find something: a human gene of a hit not from another
    taxon's lexicon."""
    return s.gene_index is not None and not (s.organism_id and s.organism_id != "9606")


def _family_rows(ctx: PageContext, hgnc_id: str) -> frozenset[int]:
    """Rows of every gene that shares a FamPlex family with the gene (cached per checker by
    the gene's FamPlex ids: genes in the same families share one set, where a copy per gene
    would cost 7 MB for the 2020 hit table)."""
    fids = ctx.lexicon.families_of(hgnc_id)
    cache = ctx.memo.family_sets
    found = cache.get(fids)
    if found is None:
        rows: set[int] = set()
        for fid in fids:
            rows.update(_fid_rows(ctx, fid))
        found = cache[fids] = frozenset(rows)
    return found


#: Other genes of the figure that must share a PubMed article with a gene for
#: `rule_coherent_with_figure`; and how many other genes of the figure that share articles
#: with some gene it must have before `rule_unrelated_to_figure` counts silence against the
#: gene. Round numbers, chosen on the development figures' leave-figures-out estimate (3 to
#: 12 partners did about as well; 2 to 6 genes the same).
COHERENT_PARTNERS = 6
UNRELATED_AFTER = 4


def _cocitation(s: Subject, ctx: PageContext) -> tuple[int, ...] | None:
    """The figure's other genes that NCBI Gene links to an article with another gene (a
    count), those of them that share such an article with the subject's gene (a count),
    then the HGNC numbers of the figure's cited genes left out, as one tuple: its families
    and the genes its own word produced (they share articles by making: a family's
    members are written about together), and itself. ``None`` when the gene shares no
    article with any gene (cached per page). `_cocited_rows` lists the shared genes."""
    if s.gene_index is None or s.hgnc_id is None:
        return None
    found = ctx.groups.get(("cocited", s.gene_index, s.word))
    if found is not None:  # each hit asks two or three times
        return found or None
    return _cocited_now(ctx, s.gene_index, s.hgnc_id, s.word)


def _cocitation_of(
    ctx: PageContext, gene_index: int, hgnc_id: str, word: str | None
) -> tuple[int, ...] | None:
    """`_cocitation` of the gene at *gene_index* (with this HGNC ID) as the reading of
    *word*."""
    found = ctx.groups.get(("cocited", gene_index, word))
    if found is not None:
        return found or None
    return _cocited_now(ctx, gene_index, hgnc_id, word)


def _cocited_now(
    ctx: PageContext, gene_index: int, hgnc_id: str, word: str | None
) -> tuple[int, ...] | None:
    """`_cocitation_of` when the page has no answer yet: computed and kept (the callers
    looked the answer up already, so this does not again)."""
    if len(ctx.page_genes) < 3:
        return None
    lex = ctx.lexicon
    found: tuple[int, ...]
    if not lex.has_cocitations(hgnc_id):
        found = ()
    else:
        # Set operations on the figure's cited genes (`PageContext.cited_index`) give what a
        # walk over `cited_genes` would: rows are unique per HGNC number.
        rows, _numbers, _row_of, number_of = ctx.cited_index
        family = _family_rows(ctx, hgnc_id)
        words = ctx.genes_of_word(word) if word else ()
        listed = bool(words) and len(names := listed_names(word or "")) > 1
        # The genes left out are the same for each gene of a word that has the same
        # families (the members of a family word's expansion): kept per page by word and
        # families when the gene is one of the word's (then it adds nothing to them).
        key = ("left out", word, family) if not listed and gene_index in words else None
        gone = ctx.groups.get(key) if key is not None else None
        if gone is None:
            excluded = rows & family
            if listed:
                words = _same_name_genes(ctx, gene_index, names, words)
            if words or gene_index in rows:
                excluded = rows.intersection((gene_index, *words, *excluded))
            gone = tuple(map(number_of.__getitem__, excluded))
            if key is not None:
                ctx.groups[key] = gone
        common = ctx.cocited_in_figure(hgnc_id)
        # counts only: the rules need the shared genes themselves only for a reason's
        # text (`_cocited_rows`), and 55 % of the 2020 table's hits give none
        shared = len(common) - len(common.intersection(gone)) if gone else len(common)
        found = (len(rows) - len(gone), shared, *gone)
    ctx.groups["cocited", gene_index, word] = found
    return found or None


def _cocited_rows(ctx: PageContext, hgnc_id: str, found: tuple[int, ...]) -> list[int]:
    """The rows of the figure's genes that share an article with the gene with this HGNC ID,
    in row order (the order of a walk over `PageContext.cited_genes`), those *found* (its
    `_cocitation`) leaves out excepted."""
    row_of = ctx.cited_index[2]
    return sorted(map(row_of.__getitem__, ctx.cocited_in_figure(hgnc_id).difference(found[2:])))


def _same_name_genes(
    ctx: PageContext, gene_index: int, names: frozenset[str], rows: Sequence[int]
) -> tuple[int, ...]:
    """Of the *rows* a word that lists several *names* produced, those that are readings of
    a name the gene at *gene_index* is a reading of (`_word_genes`): a word such as
    ``C3,CCT8,FN1`` names each gene once, and the genes of its other names are the figure's
    like any other."""
    mine = {r for n in _names_reading(ctx, names, gene_index) for r in _word_genes(ctx, n)}
    return tuple(r for r in rows if r in mine)


def _names_reading(ctx: PageContext, names: Iterable[str], gene_index: int) -> list[str]:
    """Those of a list word's *names* that are a symbol or synonym of the gene at
    *gene_index* (`_word_genes`)."""
    return [n for n in names if gene_index in _word_genes(ctx, n)]


def _may_be_cited(s: Subject, ctx: PageContext) -> bool:
    """`rule_coherent_with_figure` and `rule_unrelated_to_figure` can find something: NCBI
    Gene links the gene to an article with another gene."""
    return (
        s.hgnc_id is not None
        and s.gene_index is not None
        and ctx.lexicon.has_cocitations(s.hgnc_id)
    )


def rule_unrelated_to_figure(s: Subject, ctx: PageContext) -> str | None:
    """NCBI Gene links the gene to articles with other genes, but to none with any of the
    figure's `UNRELATED_AFTER` or more other such genes (outside its families and its
    word's genes): a lone match unrelated to the pathway drawn (``TRAITS`` → EAF2). Not for
    a gene the text names safely, nor for a page-only keyword of a family group that the text
    does not name (`_expansion`)."""
    found = _cocitation(s, ctx)
    if found is None or found[1] or found[0] < UNRELATED_AFTER:
        return None
    if s.word is None and _expansion(s, ctx) is not None:
        # page only, a member of a family group the text does not name: presumably a family
        # word's expansion, whose members' articles say little about the figure
        return None
    if ctx.text and s.gene_index is not None and ctx.safe_mention(s.gene_index) is not None:
        return None  # the text names the gene: its authors put it there
    return f"{s.gene_symbol} shares no PubMed article with the {found[0]} other cited genes of the figure"


#: `rule_other_reading_fits`: another gene the word names must share articles with at least
#: this many of the figure's genes, and this many times as many as the reported gene. The
#: ratio was 3 until the fifteenth round of evidence; at 2, held out on the development
#: figures, hits log loss 0.2803 → 0.2769 and the 2020 audit's 0.1842 → 0.1838 (the evidence
#: fired on 47 development hits, 1 of them real, against 40 and none).
OTHER_READING_PARTNERS = 3
OTHER_READING_RATIO = 2


def _word_genes(ctx: PageContext, word: str) -> tuple[int, ...]:
    """Rows of the genes whose approved, previous or alias symbol the word is (OCR debris
    stripped, `genenorm.lexicon.Lexicon.gene_rows_of`; cached per checker)."""
    cache = ctx.memo.word_genes
    found = cache.get(word)
    if found is None:
        found = cache[word] = ctx.lexicon.gene_rows_of(strip_ocr_debris(word))
    return found


def _reads_better(s: Subject, ctx: PageContext, other_id: str) -> bool:
    """Whether the subject's gene is the reading of its word that the figure's genes side
    with, against the gene *other_id* that the word also names: what `rule_other_reading_fits`
    holds against that other gene, seen from this one (``MST1`` on a Hippo figure: STK4
    shares articles with 10 of its genes, the gene MST1 with 5). The same counts, partners
    and ratio; but where that rule looks only at HGNC's readings of the whole word
    (`_word_genes`), this spares any gene a hit table reports for the word, one matched
    through an NCBI Gene synonym included (``Krt2-8`` → KRT8 of the 2020 audit: requiring
    an HGNC reading flagged it, held-out audit log loss 0.1824 → 0.1850)."""
    if s.word is None or s.gene_index is None or s.hgnc_id is None or _expanded(s):
        return False
    other = ctx.lexicon.index_of(other_id)
    if other is None or other in _family_rows(ctx, s.hgnc_id):
        return False
    own = _cocitation(s, ctx)
    theirs = _cocitation_of(ctx, other, other_id, s.word)
    return _reads_far_better(own[1] if own else 0, theirs[1] if theirs else 0)


def _keyword_shared(ctx: PageContext, gi: int) -> int:
    """How many of the figure's genes the keyword gene at row *gi* shares articles with
    (`_cocitation`, page only: no word)."""
    found = _cocitation_of(ctx, gi, ctx.lexicon.gene(gi).hgnc_id, None)
    return found[1] if found else 0


def keyword_sides_with(ctx: PageContext, gi: int, other: int) -> bool:
    """Page only: the figure's genes side with the keyword gene at row *gi* against the one at
    row *other* (`_reads_far_better`), as `_reads_better` for a hit: a synonym they share
    that on its own names *other* is no evidence against *gi* (``PDK1`` beside PDPK1's
    substrates: the keyword PDPK1)."""
    if other in _family_rows(ctx, ctx.lexicon.gene(gi).hgnc_id):
        return False
    return _reads_far_better(_keyword_shared(ctx, gi), _keyword_shared(ctx, other))


def keyword_reads_better(ctx: PageContext, gi: int, other: int) -> tuple[int, int] | None:
    """Page only: the keyword gene at row *other*, which shares a synonym with the keyword
    gene at row *gi* and is not in its families, is the reading of that synonym the figure's
    genes side with (`_reads_far_better`): what `rule_other_reading_fits` holds against a
    hit, for two keywords one word may have produced (the keyword PDK1 beside PDPK1's
    substrates and the keyword PDPK1, whose alias ``PDK1`` is). The counts are `_cocitation`'s
    without a word, so unlike a hit's they include the sibling keywords (PDPK1's count
    includes PDK1). Not when the keyword's gene is itself coherent with the figure
    (`COHERENT_PARTNERS`): unlike a hit's word, the synonym may not have produced it (CD40
    and ``p50``, NFKB1's). Its count of shared genes and the keyword's, or ``None``."""
    own_shared = _keyword_shared(ctx, gi)
    if own_shared >= COHERENT_PARTNERS:
        return None  # the keyword fits the figure itself: its own symbol may have produced it
    lex = ctx.lexicon
    if any(keywords_hold_family_group(ctx, fid) for fid in lex.families_of(lex.gene(gi).hgnc_id)):
        return None  # a family word's expansion explains the keyword (CALM3 beside CALM1)
    if not keyword_sides_with(ctx, other, gi):  # the family rule is symmetric
        return None
    return _keyword_shared(ctx, other), own_shared


def _reads_far_better(shared: int, rival: int) -> bool:
    """Whether a reading of a word whose gene shares articles with *shared* of the figure's
    genes is the one the figure means against one sharing them with *rival*: at least
    `OTHER_READING_PARTNERS`, and `OTHER_READING_RATIO` times as many (the one measure of
    `rule_other_reading_fits` and `_reads_better`)."""
    return shared >= OTHER_READING_PARTNERS and shared >= OTHER_READING_RATIO * max(rival, 1)


def _may_read_otherwise(s: Subject, ctx: PageContext) -> bool:
    """`rule_other_reading_fits` can find something: a hit whose word names other genes."""
    return (
        s.word is not None
        and s.gene_index is not None
        and not _expanded(s)
        and any(i != s.gene_index for i in _word_genes(ctx, s.word))
    )


def rule_other_reading_fits(s: Subject, ctx: PageContext) -> str | None:
    """The word is also a symbol or synonym of another gene, outside this gene's families,
    that shares PubMed articles with `OTHER_READING_PARTNERS` or more of the figure's genes
    and `OTHER_READING_RATIO` times as many as this gene: the figure means the other gene
    (``MOB1`` on a Hippo pathway is MOB1A, not CXCL10; ``ATR`` beside ATM and CHEK1 is the
    kinase ATR, not ANTXR1)."""
    if s.word is None or s.gene_index is None or s.hgnc_id is None or _expanded(s):
        return None
    others = [i for i in _word_genes(ctx, s.word) if i != s.gene_index]
    if not others:
        return None
    own = _cocitation(s, ctx)
    own_shared = own[1] if own else 0
    family = _family_rows(ctx, s.hgnc_id)
    lex = ctx.lexicon
    best: tuple[int, int] | None = None
    for i in others:
        if i in family:
            continue
        other = _cocitation_of(ctx, i, lex.gene(i).hgnc_id, s.word)
        shared = other[1] if other else 0
        if best is None or shared > best[1]:
            best = (i, shared)
    if best is None:
        return None
    i, shared = best
    if not _reads_far_better(shared, own_shared):
        return None
    return (
        f"'{s.word}' also names {lex.gene(i).symbol}, which shares PubMed articles with "
        f"{shared} genes of the figure; {s.gene_symbol} with {own_shared}"
    )


#: PubMed articles that NCBI Gene links to a gene (`genenorm.lexicon.Lexicon.articles`,
#: ``gene2pubmed``) at most to count as little studied, and at least to count as well
#: studied. Round numbers, chosen on the development figures' leave-figures-out estimate
#: (10 to 30 and 100 to 300 did about as well).
LITTLE_STUDIED_AT_MOST = 20
WELL_STUDIED_AT_LEAST = 300
#: A gene with at most this many informative experimental GO annotations
#: (`genenorm.lexicon.Lexicon.go_terms`) counts as little studied too, however many
#: articles mention it: little is known of what it does.
LITTLE_ANNOTATED_AT_MOST = 1


def _articles(s: Subject, ctx: PageContext) -> int | None:
    """How many PubMed articles NCBI Gene links to the subject's human gene (``None``: no
    human gene)."""
    if s.gene_index is None or s.hgnc_id is None:
        return None
    return ctx.lexicon.articles(s.hgnc_id)


def _expanded(s: Subject) -> bool:
    """The subject is a member that a family (or complex) word was expanded to: the word
    named the family, so what the member itself is like says nothing of whether it was
    meant (the family rules judge it)."""
    return s.expanded or s.relation is Relation.MEMBER or s.word_resolution.status is Status.FAMILY


def rule_little_studied_gene(s: Subject, ctx: PageContext) -> str | None:
    """NCBI Gene links at most `LITTLE_STUDIED_AT_MOST` PubMed articles to the gene, or it
    has at most `LITTLE_ANNOTATED_AT_MOST` informative experimental GO annotation: pathway
    figures draw well-studied genes, and a lexicon match to a little-studied one is more
    often a stray synonym (``PANG`` → CNTN3, ``MEX`` → ZSWIM2)."""
    if _expanded(s):
        return None
    n = _articles(s, ctx)
    if n is None or s.gene_index is None:
        return None
    if n <= LITTLE_STUDIED_AT_MOST:
        return f"NCBI Gene links {n} PubMed article{'' if n == 1 else 's'} to {s.gene_symbol}: little studied"
    go = ctx.lexicon.go_count(s.hgnc_id or "")
    if go <= LITTLE_ANNOTATED_AT_MOST:
        return f"{s.gene_symbol} has {go} informative experimental GO annotation{'' if go == 1 else 's'}: little studied"
    return None


#: A member a family word was expanded to is minor when the most-studied other member of the
#: same expansion has at least this many times its PubMed articles (`rule_minor_family_member`).
MINOR_MEMBER_RATIO = 10


def _expansion(s: Subject, ctx: PageContext) -> tuple[int, ...] | None:
    """The rows of the family expansion that produced the subject (itself included), cached
    per page and expansion. The expansion: with a hit table, the genes of the same OCR word
    in a family with the subject; page only, the keywords of a family of which the keywords
    hold a group that the text does not name (`rule_family_group`). ``None`` when the
    subject is not such a member, or the figure names it specifically. Kept per page and
    subject (`rule_minor_family_member` and `rule_atypical_family_member` both ask)."""
    cache = ctx.expansions
    if s in cache:
        return cache[s]
    found = cache[s] = _expansion_of(s, ctx)
    return found


def _expansion_of(s: Subject, ctx: PageContext) -> tuple[int, ...] | None:
    """`_expansion`, not cached per subject."""
    if s.gene_index is None or s.hgnc_id is None or s.gene_index in ctx.specific_genes:
        return None
    if s.word is not None:
        if not _expanded(s):
            return None
        family = _family_rows(ctx, s.hgnc_id)
        groups = ctx.groups
        key: Hashable = ("expansion", s.word, family)
        found = groups.get(key)
        if found is None:
            found = groups[key] = tuple(i for i in ctx.genes_of_word(s.word) if i in family)
        return found
    keyword_groups = ctx.keyword_families
    for fid in ctx.lexicon.families_of(s.hgnc_id):
        if fid in keyword_groups and keywords_hold_family_group(ctx, fid):
            return keyword_groups[fid]
    return None


def _expansion_leaders(s: Subject, ctx: PageContext) -> tuple[int, ...] | None:
    """The two members of the subject's family expansion (`_expansion`) to which NCBI Gene
    links the most PubMed articles, most first, ties in row order (cached per page and
    expansion); ``None`` when the subject is not such a member."""
    rows = _expansion(s, ctx)
    if rows is None:
        return None
    key = ("leaders", rows)
    found = ctx.groups.get(key)
    if found is None:
        found = ctx.groups[key] = _most_studied(ctx, rows)
    return found


def _most_studied(ctx: PageContext, rows: tuple[int, ...]) -> tuple[int, ...]:
    """The two rows of *rows* to which NCBI Gene links the most PubMed articles, most first
    (ties in row order)."""
    lex = ctx.lexicon
    return tuple(sorted(rows, key=lambda i: -lex.articles(lex.gene(i).hgnc_id))[:2])


def rule_minor_family_member(s: Subject, ctx: PageContext) -> str | None:
    """A family word was expanded to this member and to another that NCBI Gene links
    `MINOR_MEMBER_RATIO` times as many PubMed articles or more: a figure that writes the
    family means its well-known members (``MAPK`` → MAPK15 beside MAPK1)."""
    top_two = _expansion_leaders(s, ctx)
    if top_two is None or s.hgnc_id is None:
        return None
    for best in top_two:
        if best != s.gene_index:
            break
    else:
        return None
    lex = ctx.lexicon
    own = lex.articles(s.hgnc_id)
    top = lex.articles(lex.gene(best).hgnc_id)
    if top < MINOR_MEMBER_RATIO * max(own, 1):
        return None
    return f"{lex.gene(best).symbol}, of the same family word, has {top} PubMed articles; {s.gene_symbol} {own}"


def _may_be_minor_member(s: Subject, ctx: PageContext) -> bool:
    """`rule_minor_family_member` can find something: a member a family word was expanded
    to, or page only, a gene in some family."""
    if s.word is not None:
        return s.gene_index is not None and s.hgnc_id is not None and _expanded(s)
    return _in_a_family(s, ctx)


#: `rule_atypical_family_member`: the expansion has at least this many members, and the
#: member shares PubMed articles with fewer than this share of the number of other members
#: that its best-connected sibling shares articles with. Round numbers, chosen on the
#: development figures' leave-figures-out estimate.
ATYPICAL_MIN_MEMBERS = 3
ATYPICAL_SHARE = 0.3


def _sibling_links(ctx: PageContext, rows: tuple[int, ...]) -> tuple[int, ...]:
    """For each member of a family expansion (in the order of *rows*), how many of the other
    members NCBI Gene links to an article shared with it (cached per page and expansion)."""
    key = ("sibling links", rows)
    found = ctx.groups.get(key)
    if found is None:
        lex, memo = ctx.lexicon, ctx.memo
        numbers = [memo.cited_number(lex, i) for i in rows]
        cited = frozenset(n for n in numbers if n)
        # The members are usually genes of the figure: then what each shares with the
        # figure's cited genes (`PageContext.cocited_in_figure`, cached per page) holds what
        # it shares with the others.
        in_figure = cited <= ctx.cited_index[1]
        links = []
        for i, n in zip(rows, numbers, strict=True):
            if not n:
                links.append(0)
                continue
            hgnc_id = lex.gene(i).hgnc_id
            common = (
                ctx.cocited_in_figure(hgnc_id) if in_figure else lex.cocited_among(hgnc_id, cited)
            )
            links.append(len(common.intersection(cited)) - (n in common))  # itself left out
        found = ctx.groups[key] = tuple(links)
    return found


def rule_atypical_family_member(s: Subject, ctx: PageContext) -> str | None:
    """A family word was expanded to this member, and NCBI Gene links it to articles shared
    with few of the other members, where another member shares articles with most of them:
    an outlier of its family that a figure writing the family rarely means (``AC`` →
    ADCY10, the soluble one, beside the membrane adenylyl cyclases)."""
    rows = _expansion(s, ctx)
    if rows is None or len(rows) < ATYPICAL_MIN_MEMBERS:
        return None
    if s.gene_index not in rows:
        return None
    links = _sibling_links(ctx, rows)
    own = links[rows.index(s.gene_index)]
    top = max(links)
    best = rows[links.index(top)]
    if own >= ATYPICAL_SHARE * top:
        return None
    lex = ctx.lexicon
    return (
        f"{s.gene_symbol} shares PubMed articles with {own} of the {len(rows) - 1} other"
        f" members of its expansion; {lex.gene(best).symbol} with {top}"
    )


# --------------------------------------------------------------------------- evidence for


def rule_well_studied_gene(s: Subject, ctx: PageContext) -> str | None:
    """NCBI Gene links `WELL_STUDIED_AT_LEAST` or more PubMed articles to the gene: the
    well-studied genes are the ones pathway figures draw."""
    n = _articles(s, ctx)
    if n is None or n < WELL_STUDIED_AT_LEAST:
        return None
    return f"NCBI Gene links {n} PubMed articles to {s.gene_symbol}: well studied"


def rule_coherent_with_figure(s: Subject, ctx: PageContext) -> str | None:
    """NCBI Gene links the gene to articles shared with `COHERENT_PARTNERS` or more other
    genes of the figure (outside its families and its word's genes): the literature puts it
    together with what the figure draws."""
    found = _cocitation(s, ctx)
    if found is None or found[1] < COHERENT_PARTNERS or s.hgnc_id is None:
        return None
    lex = ctx.lexicon
    names = ", ".join([lex.gene(i).symbol for i in _cocited_rows(ctx, s.hgnc_id, found)[:5]])
    more = f" and {found[1] - 5} more" if found[1] > 5 else ""
    return f"{s.gene_symbol} shares PubMed articles with {names}{more} of this figure"


def rule_named_in_text(s: Subject, ctx: PageContext) -> str | None:
    """The title or caption names this very gene by a term nothing objects to."""
    if s.gene_index is None or not ctx.text:
        return None
    m = ctx.safe_mention(s.gene_index)
    if m is None:
        return None
    return f"the text names {s.gene_symbol or s.symbol} as '{m.text}'"


def _has_gene(s: Subject, ctx: PageContext) -> bool:
    """The subject has a human gene (what most page rules need to find anything)."""
    return s.gene_index is not None


def rule_word_names_gene(s: Subject, ctx: PageContext) -> str | None:
    """The OCR word (or term) names this gene and no other: an unambiguous previous symbol,
    alias or protein name (``P-gp`` → ABCB1, ``BECLIN1`` → BECN1)."""
    if s.gene_index is None or s.relation in (None, Relation.APPROVED, Relation.MEMBER):
        return None
    r = s.word_resolution
    if r.hgnc_id != s.hgnc_id or r.status is Status.AMBIGUOUS:
        return None
    if len({c.hgnc_id for c in r.candidates}) > 1:
        return None
    if static_term_evidence(s, ctx):
        return None  # an English word or a residue names no gene, however unambiguous
    return f"'{spelled(s)}' names {s.gene_symbol} and no other gene"


def rule_definition_agrees(s: Subject, ctx: PageContext) -> str | None:
    """The text defines the abbreviation as this gene, its family or its name
    (``PK, pyruvate kinase`` for PKM), or spells most of its approved name and no other
    reading's (``CaMKIV, calmodulin dependent protein kinase IV`` for CAMK4; `name_fit`). A
    family word spelled out (``MAPK, mitogen-activated
    protein kinase``) says nothing of which member is meant and is no evidence for one."""
    if s.gene_index is None:
        return None
    for text, long_form, r in _defined(s, ctx):
        if r.hgnc_id == s.hgnc_id:
            return f"the text defines '{text}' as '{long_form}'"
        if _family_holds(ctx, r, s.hgnc_id):
            if r.family == s.word_resolution.family:
                continue  # the family word spelled out: it says nothing of which member
            return f"the text defines '{text}' as '{long_form}'"
        if s.gene_name and _same_name(long_form, s.gene_name):
            return f"the text defines '{text}' as '{long_form}', the name of {s.gene_symbol}"
        if (
            s.gene_name
            and not _expanded(s)
            and _name_fit(ctx, long_form, s.gene_name) >= NAME_FITS
            and _reading_named(s, ctx, text, long_form) is None
        ):
            return f"the text defines '{text}' as '{long_form}', which spells the name of {s.gene_symbol} ({s.gene_name})"
    return None


_NOT_NAME = re.compile(r"[^a-z0-9]+")


def _same_name(a: str, b: str) -> bool:
    key = _NOT_NAME.sub
    return key("", a.lower()) == key("", b.lower())


def rule_family_named(s: Subject, ctx: PageContext) -> str | None:
    """The text names a family this gene belongs to, and no member of it specifically."""
    if s.gene_index is None or not ctx.text or s.hgnc_id is None:
        return None
    named = ctx.families_named
    if not named:
        return None
    lex = ctx.lexicon
    for fid in lex.families_of(s.hgnc_id):
        m = named.get(fid)
        if m is None:
            continue
        specific = ctx.specific_genes
        gi = s.gene_index
        if any(i != gi and i in specific for i in _fid_rows(ctx, fid)):
            continue
        return f"the text names the family {fid} as '{m.text}'"
    return None


def rule_complex_subunit(s: Subject, ctx: PageContext) -> str | None:
    """The word names a FamPlex complex and was expanded to this gene, one of its parts
    (``AMPK`` → PRKAA1, ``NF-kB`` → RELA): a figure that draws a complex draws its parts,
    where a family word often means only some of its members."""
    r = s.word_resolution
    if s.hgnc_id is None or r.family not in ctx.lexicon.complexes:
        return None
    if not _family_holds(ctx, r, s.hgnc_id):
        return None
    return f"'{spelled(s)}' names the complex {r.family}, of which {s.symbol} is a part"


def rule_member_named(s: Subject, ctx: PageContext) -> str | None:
    """A family word was expanded to this member, and the figure names the member itself:
    in its text, or by its own symbol among its hits (``SOD`` → SOD1 where the caption says
    SOD1). The mirror of `rule_family_member_not_named`."""
    if s.gene_index is None or not _expanded(s) or s.gene_index not in ctx.specific_genes:
        return None
    return f"'{spelled(s)}' was expanded to {s.gene_symbol}, which the figure names itself"


def _may_be_expanded(s: Subject, ctx: PageContext) -> bool:
    """`rule_member_named` can find something: a gene a family word was expanded to."""
    return s.gene_index is not None and _expanded(s)


def _may_be_subunit(s: Subject, ctx: PageContext) -> bool:
    """`rule_complex_subunit` can find something: the word resolves to a family."""
    return s.hgnc_id is not None and s.word_resolution.status is Status.FAMILY


def rule_family_siblings(s: Subject, ctx: PageContext) -> str | None:
    """Other genes of the figure share a FamPlex family with this one (``ERK1`` → MAPK3 next
    to MAPK1). Family expansions and the other genes of the same word are left out: they share
    the family by making; so, page only, is a family of which the keywords hold a group that
    the text does not name (`rule_family_group`), and so are the members of a family (not a
    complex) that the text names when it does not name this gene: they are evidence against
    it (`family_member_not_named`: ``p53`` → TP63)."""
    if s.gene_index is None or s.hgnc_id is None or _expanded(s):
        return None
    lex = ctx.lexicon
    page_genes = ctx.page_genes
    if len(page_genes) < 2:
        return None
    made = frozenset(ctx.genes_of_word(s.word)) if s.word else frozenset()
    # page only, members of a family that the text names while it does not name this one
    # speak against it (`family_member_not_named`), not for it, in whichever family of the
    # gene they are met (ITGA1, named against ITGA2 in ITGA, is no support in Integrins); a
    # complex they are parts of still counts, as naming one part names no other out
    against: frozenset[int] = frozenset()
    if s.word is None and ctx.text and s.gene_index not in ctx.named_genes:
        against = frozenset(
            i for _fid, named in members_named_against(ctx, s.gene_index, s.hgnc_id) for i in named
        )
    for fid in lex.families_of(s.hgnc_id):
        rows = _fid_rows(ctx, fid)
        if len(rows) > 30:
            continue  # too broad to say anything
        if s.word is None and keywords_hold_family_group(ctx, fid):
            continue  # page only: a group of unnamed members looks expanded (`rule_family_group`)
        if against and fid not in lex.complexes and not against.isdisjoint(rows):
            continue  # a complex's named parts still support it (GRIN2A of NMDAR for GRIN1)
        others = [i for i in rows if i != s.gene_index and i in page_genes and i not in made]
        if others:
            names = ", ".join(lex.gene(i).symbol for i in others[:5])
            return f"{s.gene_symbol} shares the family {fid} with {names} of this figure"
    return None


def members_named_against(
    ctx: PageContext, gene_index: int, hgnc_id: str
) -> list[tuple[str, tuple[int, ...]]]:
    """The families of a page keyword's gene (not complexes: naming MTOR of mTORC2 names no
    other part out) in which the text names other keywords' genes, with those genes in
    keyword order, where naming them speaks against this gene (not `in_other_branch`): the
    gene's families in their order. The keyword judge's `family_member_not_named` reports the
    smallest; `rule_family_siblings` counts none of them as support."""
    lex = ctx.lexicon
    out: list[tuple[str, tuple[int, ...]]] = []
    for fid in lex.families_of(hgnc_id):
        if fid in lex.complexes:
            continue
        named = [i for i in _keywords_named_in(ctx, fid) if i != gene_index]
        if named and not in_other_branch(lex, hgnc_id, fid, named):
            out.append((fid, tuple(named)))
    return out


def _keywords_named_in(ctx: PageContext, fid: str) -> tuple[int, ...]:
    """The page's keyword genes (in keyword order) in the family *fid* that the text names
    (kept per page)."""
    key = ("named keywords", fid)
    found = ctx.groups.get(key)
    if found is None:
        named = ctx.named_genes
        lex = ctx.lexicon
        members = lex.families[fid]
        found = ctx.groups[key] = (
            tuple(i for i in ctx.keyword_genes if i in named and lex.gene(i).hgnc_id in members)
            if named
            else ()
        )
    return found


def in_other_branch(lex: Lexicon, hgnc_id: str, fid: str, named: Sequence[int]) -> bool:
    """Whether one of the gene's families is a narrower family within *fid* that holds none
    of the *named* members (lexicon rows): naming NIK (MAP3K14) of MAP3K says nothing against
    ARAF of MAP3K's narrower RAF family, and leaves its RAF siblings evidence for it; the
    figure may show both (`members_named_against`)."""
    within = lex.narrower_families(fid)
    if not within:
        return False
    named_ids = {lex.gene(i).hgnc_id for i in named}
    return any(
        other in within and named_ids.isdisjoint(lex.families[other])
        for other in lex.families_of(hgnc_id)
    )


def _fid_rows(ctx: PageContext, fid: str) -> tuple[int, ...]:
    """Lexicon rows of the members of a FamPlex family (cached per checker)."""
    return ctx.memo.family_member_rows(ctx.lexicon, fid)


def _may_have_siblings(s: Subject, ctx: PageContext) -> bool:
    """`rule_family_siblings` can find something: a gene not from a family word, in a
    family of at most 30 members."""
    if s.gene_index is None or s.hgnc_id is None or _expanded(s):
        return False
    return any(len(_fid_rows(ctx, fid)) <= 30 for fid in ctx.lexicon.families_of(s.hgnc_id))


_HOMOGLYPHS = {frozenset(p) for p in ("1L", "1I", "0O", "5S", "8B", "2Z")}


def _homoglyph_only(a: str, b: str) -> bool:
    """*a* and *b* differ only by OCR look-alike characters (l/1, O/0, S/5…)."""
    return (
        len(a) == len(b)
        and a != b
        and all(x == y or frozenset((x, y)) in _HOMOGLYPHS for x, y in zip(a, b, strict=True))
    )


def rule_ocr_artifact(s: Subject, ctx: PageContext) -> str | None:
    """A Greek, homoglyph or transform artefact (``Aß`` → ``ASS`` → ASS1, ``Col1a1`` →
    ``CO11A1`` → COL11A1)."""
    if not s.word or s.gene_index is None:
        return None
    word_key, term_key = norm_key(s.word), norm_key(s.term)
    if word_key == term_key or term_key in listed_names(s.word):
        return None  # one of the names the word lists (GSK-3a/ß, IRŠ1/2, TGFBRI)
    if s.word.isascii() and not _homoglyph_only(word_key, term_key):
        return None
    hgnc_id = s.hgnc_id
    r = s.word_resolution
    if hgnc_id in gene_ids(r):
        return None
    meant = f"; it means {r.symbol}" if r.symbol else ""
    return f"'{s.word}' became '{s.term}' through OCR look-alike or Unicode transforms{meant}"


_NON_HUMAN_CASE = re.compile(r"[A-Z][a-z][a-z0-9]*\d[a-z0-9]*|[a-z][a-z0-9]*")


def rule_non_human_symbol(s: Subject, ctx: PageContext) -> str | None:
    """A non-human gene symbol in a human lexicon check (``Trp53``, fly ``sts``)."""
    if s.organism_id and s.organism_id != "9606":
        return f"hit from the {s.organism_name or 'taxon ' + s.organism_id} lexicon, not human"
    if s.gene_index is None and not s.organism_id and _NON_HUMAN_CASE.fullmatch(s.symbol):
        return f"'{s.symbol}' is not an HGNC symbol; its case is that of a mouse, rat or fly symbol"
    return None


class Direction(enum.StrEnum):
    """Which way a piece of evidence moves the confidence."""

    AGAINST = "against"
    FOR = "for"


class Scope(enum.StrEnum):
    """What an evidence function reads."""

    #: The term itself and the genes it names (cached per subject); with
    #: ``defined_in_caption``, what decides whether a mention of the text names a gene.
    TERM = "term"
    #: The word, the term and the gene, and the lexicon (cached per subject).
    SUBJECT = "subject"
    #: The gene itself (how well studied it is) and whether a family word produced it, not
    #: the word's spelling (cached per subject; run also for a word that is the gene's exact
    #: approved symbol, which no term or subject function speaks against).
    GENE = "gene"
    #: The page: its text, its other keywords and hits, its organisms.
    PAGE = "page"


@attrs.frozen
class EvidenceRule:
    """One kind of evidence: its reason code, check, direction, default weight, scope and docs."""

    code: ReasonCode
    check: Callable[[Subject, PageContext], str | None]
    direction: Direction
    #: Default log-odds weight (negative against, positive for); a fitted weight table in
    #: ``genenorm/data/weights.tsv`` takes precedence (`genenorm.judging.policy.weight_of`).
    weight: float
    scope: Scope
    summary: str
    evidence: str
    examples: tuple[str, ...]
    #: Page rules: whether the rule can find anything for a subject on some page, read from
    #: what no page changes (the subject, the lexicon); ``False`` only when the rule returns
    #: ``None`` for the subject on every page. `all_evidence` runs only the page rules that
    #: may find something (chosen once per subject); ``None``: always run.
    may_find: Callable[[Subject, PageContext], bool] | None = None


_A, _F = Direction.AGAINST, Direction.FOR
_T, _S, _G, _P = Scope.TERM, Scope.SUBJECT, Scope.GENE, Scope.PAGE

#: Every kind of evidence, against first, in the order reasons are reported. Default weights
#: are log-odds steps: -4 turns a 50 % prior into ~2 %, -1.5 into ~18 %; +3 turns 50 % into 95 %.
#: Strong, specific mechanisms (a defining caption, a residue, a number, a non-human figure)
#: weigh most; signals that real genes share at times (ambiguity, silence of the caption) least.
EVIDENCE: tuple[EvidenceRule, ...] = (
    EvidenceRule(
        ReasonCode.ENGLISH_WORD, rule_english_word, _A, -3.0, _T,
        "The word is a common English word that matched a gene synonym.",
        "the word, its Zipf frequency (wordfreq), the synonym and gene",
        ("out → TCF23 (alias OUT)", "fast → FASTK", "step → PTPN5"),
    ),
    EvidenceRule(
        ReasonCode.NON_GENE_ABBREVIATION, rule_non_gene_abbreviation, _A, -3.5, _T,
        "The term is a process, cell, technique, compound or figure-label abbreviation.",
        "the curated list entry and its reason, or the FamPlex non-gene grounding",
        ("EMT → ITK, SLC22A3", "LPS → IRF6", "HBP → AZU1, SLBP"),
    ),
    EvidenceRule(
        ReasonCode.DEFINED_IN_CAPTION, rule_defined_in_caption, _A, -4.0, _P,
        "The figure's text defines the term as something that is not this gene.",
        "the short form and the long form found in the text",
        ("EMT (epithelial–mesenchymal transition) → ITK", "LPS, lipopolysaccharide → IRF6"),
    ),
    EvidenceRule(
        ReasonCode.SHADOWED_BY_APPROVED_SYMBOL, rule_shadowed_by_approved_symbol, _A, -3.0, _T,
        "The term is another gene's approved (or previous) symbol.",
        "the term and the gene whose symbol it is",
        ("BRCC3 → DEPDC1B", "HK2 → KCNA5, KIF2A, HOOK2", "TAK1 → NR2C2"),
    ),
    EvidenceRule(
        ReasonCode.AMBIGUOUS_ALIAS, rule_ambiguous_alias, _A, -1.0, _T,
        "One synonym, several genes, and no context to choose.",
        "the synonym and the genes it names",
        ("EMT → ITK or SLC22A3", "TAZ → TAFAZZIN or WWTR1"),
    ),
    EvidenceRule(
        ReasonCode.RESIDUE_OR_SITE, rule_residue_or_site, _A, -4.0, _T,
        "A modified amino-acid residue or site read as a gene.",
        "the word and the gene",
        ("S16-P → S16 → RPS16", "T308", "Y705", "Ser473"),
    ),
    EvidenceRule(
        ReasonCode.GENERIC_PROTEIN_NAME, rule_generic_protein_name, _A, -1.5, _T,
        "A pNN molecular-weight name shared by several proteins.",
        "the name and the genes it may mean",
        ("p38 → AIMP2, AHSA1, MAPK14", "p65 → SYT1, RELA", "p62 → NUP62, SQSTM1"),
    ),
    EvidenceRule(
        ReasonCode.CHEMICAL_NAME, rule_chemical_name, _A, -3.0, _T,
        "The term is a chemical or drug name.",
        "the chemical's name and MeSH/ChEBI/DrugBank ids",
        ("ATP → ATP8A2", "ADP → WDTC1", "CTP → SLC25A1"),
    ),
    EvidenceRule(
        ReasonCode.DEFINITION_DISAGREES, rule_definition_disagrees, _A, -2.0, _P,
        f"The text defines the abbreviation as another gene, or a family without this one, or spells the approved name of another gene the abbreviation can mean (at least {NAME_FITS:.0%} of the long form's words).",
        "the short and the long form, and what the long form names",
        (
            "FAS, fatty acid synthase → FAS",
            "CCAAT enhancer-binding protein (C/EBP) → EBP",
            "PDK1, phosphoinositide-dependent protein kinase 1 → PDK1",
        ),
        may_find=_has_gene,
    ),
    EvidenceRule(
        ReasonCode.CONTEXT_PREFERS_OTHER_GENE, rule_context_prefers_other_gene, _A, -3.5, _P,
        "The word or the figure's text points to another gene.",
        "what the word resolves to, or the sibling gene the text names",
        ("+P-gp → PGP, PGPEP1 (P-gp is ABCB1)", "ERK → EPHB2 (ERK is MAPK1/MAPK3)"),
        may_find=_may_prefer_other,
    ),
    EvidenceRule(
        ReasonCode.FAMILY_MEMBER_NOT_NAMED, rule_family_member_not_named, _A, -3.0, _P,
        "A family word was expanded to this member, but the text names other members, or the figure a narrower family, and not this one.",
        "the family, the members the text names or the narrower family",
        (
            "SOD → SOD2, SOD3 when the text names SOD1",
            "MAPK → MAPK14 when the figure says ERK",
            "Jun → JUNB",
            "PI3K → PIK3CB when the text names PIK3CA",
        ),
        may_find=_may_name_other_member,
    ),
    EvidenceRule(
        ReasonCode.OTHER_MEMBERS_SHOWN, rule_other_members_shown, _A, -1.0, _P,
        "A family word expanded to this member, while the hits show other members by their own symbols.",
        "the family and the members shown",
        ("AKT → AKT3 next to an AKT1 hit",),
        may_find=_may_show_other_members,
    ),
    EvidenceRule(
        ReasonCode.BROAD_CLASS, rule_broad_class, _A, -2.0, _P,
        "A broad family or class word expanded to many members, or read as one member's synonym, this one not named.",
        "the family and its size",
        ("Integrins → 27 genes", "Dyneins → 37 genes", "GPC-R (FamPlex GPCR) → NMUR1"),
        may_find=_may_be_broad_class,
    ),
    EvidenceRule(
        ReasonCode.FAMILY_GROUP, rule_family_group, _A, -1.0, _P,
        "Page only: the keywords hold several members of this gene's family, and the text names none of them.",
        "the family and how many of its members are keywords",
        ("SOD1, SOD2, SOD3 on a page whose text says SOD",),
        may_find=_may_be_family_group,
    ),
    EvidenceRule(
        ReasonCode.LARGE_FAMILY, rule_large_family, _A, -0.5, _P,
        f"A family word expanded to {LARGE_FAMILY_MEMBERS} or more members, this one not named (page only: the keywords hold that many members of its family, none named).",
        "the family and its size",
        ("MAPK → MAPK14 (14 members)", "HSP70 → HSPA6 (17 members)"),
        may_find=_may_be_large_family,
    ),
    EvidenceRule(
        ReasonCode.SHARED_WORD, rule_shared_word, _A, -1.5, _P,
        "One OCR word matched synonyms of several genes of the figure; at most one is meant.",
        "the word and the genes it matched",
        ("PAL → PAM, LRIT1, SHCBP1", "MEP → CTSL, NLN"),
        may_find=_may_share_word,
    ),
    EvidenceRule(
        ReasonCode.NOT_IN_TEXT, rule_not_in_text, _A, -1.0, _P,
        "The figure has a caption that mentions neither the gene nor the synonym behind it.",
        "the gene and the synonym",
        ("PAL → PAM on a caption that never says PAL",),
        may_find=_may_be_missing_from_text,
    ),
    EvidenceRule(
        ReasonCode.OCR_ARTIFACT, rule_ocr_artifact, _A, -3.0, _S,
        "A Greek, homoglyph or transform artefact.",
        "the word, the transformed term, what the word means",
        ("Aß → ASS → ASS1 (amyloid-β is APP)", "ΑPE1 → PE1 → ETV3"),
    ),
    EvidenceRule(
        ReasonCode.OCR_FRAGMENT, rule_ocr_fragment, _A, -4.0, _S,
        "A bare number, several OCR words read as one, or a term covering a small part of a long word.",
        "the word and the gene",
        ("2-21 → FAM3B", "5221,5223;Sa3,Gas → GAST", "АМPKАMРК → PKM"),
    ),
    EvidenceRule(
        ReasonCode.CELL_LINE, rule_cell_line, _A, -3.0, _T,
        "The word is the name of a cell line.",
        "the cell line's name (Cellosaurus, MeSH)",
        ("THP-1 → THPO", "INS-1 → INS", "HEK293"),
    ),
    EvidenceRule(
        ReasonCode.NON_CODING_GENE, rule_non_coding_gene, _A, -2.5, _P,
        "A synonym matched a pseudogene, non-coding RNA, immunoglobulin segment or other gene without a protein product (or a page-only keyword is one, not named in the text).",
        "the gene's locus type and the synonym",
        ("XBP1 → XBP1P1", "OCT4 → POU5F1P3", "v12 → IGLV2-8"),
        may_find=_may_be_non_coding,
    ),
    EvidenceRule(
        ReasonCode.NON_HUMAN_FIGURE, rule_non_human_figure, _A, -4.0, _P,
        "The figure is about non-vertebrate organisms; a human gene there is a false hit.",
        "the organisms and the text that shows them",
        ("PAL → PAM on a Quercus suber (cork oak) pathway", "CAD → DFFB on a plant figure"),
        may_find=_may_be_on_non_human_figure,
    ),
    EvidenceRule(
        ReasonCode.NON_HUMAN_SYMBOL, rule_non_human_symbol, _A, -6.0, _S,
        "A non-human gene symbol in a human lexicon check.",
        "the symbol, the organism",
        ("Trp53", "sts (Drosophila)", "Gnat2 (mouse)"),
    ),
    EvidenceRule(
        ReasonCode.UNRELATED_TO_FIGURE, rule_unrelated_to_figure, _A, -1.0, _P,
        f"The gene shares no PubMed article with any of the figure's {UNRELATED_AFTER} or more other cited genes, outside its family.",
        "the number of the figure's other cited genes (NCBI gene2pubmed)",
        ("TRAITS → EAF2 on a signalling pathway", "GCH → GCH1 on an acute phase response pathway"),
        may_find=_may_be_cited,
    ),
    EvidenceRule(
        ReasonCode.OTHER_READING_FITS, rule_other_reading_fits, _A, -2.0, _P,
        f"The word also names another gene that shares PubMed articles with {OTHER_READING_RATIO} times as many of the figure's genes.",
        "the other gene and both counts (NCBI gene2pubmed)",
        ("MOB1 → CXCL10 on a Hippo pathway (MOB1A)", "ATR → ANTXR1 beside ATM and CHEK1 (ATR)"),
        may_find=_may_read_otherwise,
    ),
    EvidenceRule(
        ReasonCode.MINOR_FAMILY_MEMBER, rule_minor_family_member, _A, -0.5, _P,
        f"A family word was expanded to this member and to one with at least {MINOR_MEMBER_RATIO} times its PubMed articles.",
        "the best-studied other member and both article counts",
        ("MAPK → MAPK15 beside MAPK1",),
        may_find=_may_be_minor_member,
    ),
    EvidenceRule(
        ReasonCode.ATYPICAL_FAMILY_MEMBER, rule_atypical_family_member, _A, -1.0, _P,
        f"A family word was expanded to this member, which shares PubMed articles with under {ATYPICAL_SHARE:.0%} as many of the other members as the best-connected member does.",
        "both counts of members (NCBI gene2pubmed)",
        ("AC → ADCY10 beside ADCY1–ADCY9", "HSPA → HYOU1 beside HSPA1A, HSPA8"),
        may_find=_may_be_minor_member,
    ),
    EvidenceRule(
        ReasonCode.LITTLE_STUDIED_GENE, rule_little_studied_gene, _A, -0.5, _G,
        f"NCBI Gene links at most {LITTLE_STUDIED_AT_MOST} PubMed articles to the gene, or it has at most {LITTLE_ANNOTATED_AT_MOST} informative experimental GO annotation: little studied.",
        "the number of PubMed articles (NCBI gene2pubmed) or of GO annotations",
        ("PANG → CNTN3", "MEX → ZSWIM2", "out → TCF23"),
    ),
    EvidenceRule(
        ReasonCode.NAMED_IN_TEXT, rule_named_in_text, _F, 4.0, _P,
        "The title or caption names this very gene by a term nothing objects to.",
        "the span of the text",
        ("SOD1 named in the reference figure's caption",),
        may_find=_has_gene,
    ),
    EvidenceRule(
        ReasonCode.WORD_NAMES_GENE, rule_word_names_gene, _F, 1.0, _S,
        "The OCR word names this gene and no other: an unambiguous synonym or protein name.",
        "the word and the gene",
        ("+P-gp → ABCB1", "BECLIN1 → BECN1"),
    ),
    EvidenceRule(
        ReasonCode.DEFINITION_AGREES, rule_definition_agrees, _F, 3.0, _P,
        f"The text defines the abbreviation as this gene, its family or its name, or spells most of its approved name (at least {NAME_FITS:.0%} of the long form's words) and no other reading's.",
        "the short and the long form",
        (
            "PK, pyruvate kinase → PKM",
            "HO-1 (heme oxygenase 1) → HMOX1",
            "CaMKIV, calmodulin dependent protein kinase IV → CAMK4",
        ),
        may_find=_has_gene,
    ),
    EvidenceRule(
        ReasonCode.FAMILY_NAMED, rule_family_named, _F, 1.5, _P,
        "The text names a family of this gene generically, and no member specifically.",
        "the family and the span of the text",
        ("AKT → AKT1, AKT2, AKT3 on a caption that says 'Akt'",),
        may_find=_in_a_family,
    ),
    EvidenceRule(
        ReasonCode.COMPLEX_SUBUNIT, rule_complex_subunit, _F, 1.0, _S,
        "The word names a complex, and the gene is one of its parts.",
        "the complex",
        ("AMPK → PRKAA1", "NF-kB → RELA"),
        may_find=_may_be_subunit,
    ),
    EvidenceRule(
        ReasonCode.MEMBER_NAMED, rule_member_named, _F, 2.0, _P,
        "A family word was expanded to this member, and the figure names the member itself, in its text or by its own symbol.",
        "the member",
        ("SOD → SOD1 where the caption says SOD1",),
        may_find=_may_be_expanded,
    ),
    EvidenceRule(
        ReasonCode.COHERENT_WITH_FIGURE, rule_coherent_with_figure, _F, 1.0, _P,
        f"The gene shares PubMed articles with {COHERENT_PARTNERS} or more other genes of the figure, outside its family.",
        "the genes it shares articles with (NCBI gene2pubmed)",
        ("MAPK1 among RAF1, MAP2K1, GRB2, SOS1, SHC1 and HRAS",),
        may_find=_may_be_cited,
    ),
    EvidenceRule(
        ReasonCode.FAMILY_SIBLINGS, rule_family_siblings, _F, 1.0, _P,
        "Other genes of the figure share a FamPlex family with this one.",
        "the family and the sibling genes",
        ("ERK1 → MAPK3 next to MAPK1",),
        may_find=_may_have_siblings,
    ),
    EvidenceRule(
        ReasonCode.WELL_STUDIED_GENE, rule_well_studied_gene, _F, 0.5, _G,
        f"NCBI Gene links at least {WELL_STUDIED_AT_LEAST} PubMed articles to the gene: well studied.",
        "the number of PubMed articles (NCBI gene2pubmed)",
        ("TP53", "MAPK1", "STAT3"),
    ),
)  # fmt: skip

#: Reason codes that only inform (no weight): renamed or withdrawn symbols, protein drugs.
INFORMATIONAL_CODES = frozenset(
    {ReasonCode.RENAMED_SYMBOL, ReasonCode.WITHDRAWN_SYMBOL, ReasonCode.PROTEIN_DRUG}
)
#: Codes of evidence against a gene, and of evidence for it.
AGAINST_CODES = frozenset(r.code for r in EVIDENCE if r.direction is Direction.AGAINST)
FOR_CODES = frozenset(r.code for r in EVIDENCE if r.direction is Direction.FOR)
#: Evidence about how often a kind of match is real rather than about this gene (a large
#: family's expansion): it moves the confidence like a prior does and, like a low prior, does
#: not make a false hit alone (`genenorm.judging.policy.decide`).
BASE_RATE_CODES = frozenset({ReasonCode.LARGE_FAMILY})
RULE_BY_CODE = {r.code: r for r in EVIDENCE}

#: Evidence about the term itself, without the word's or the page's context: what may speak
#: against a synonym that could have produced a keyword (`term_evidence`).
_TERM_CODES = frozenset(r.code for r in EVIDENCE if r.scope is Scope.TERM) | {
    ReasonCode.DEFINED_IN_CAPTION
}
_ORDER = {rule.code: i for i, rule in enumerate(EVIDENCE)}


_Check = Callable[[Subject, PageContext], str | None]


#: Page rules that find nothing on a page without text (a hit table's figure) that is not
#: known to be about non-vertebrates: each returns ``None`` first thing then (an empty text
#: has no definitions, mentions or named families).
TEXT_CODES = frozenset(
    {
        ReasonCode.DEFINED_IN_CAPTION,
        ReasonCode.NOT_IN_TEXT,
        ReasonCode.NON_HUMAN_FIGURE,
        ReasonCode.NAMED_IN_TEXT,
        ReasonCode.DEFINITION_AGREES,
        ReasonCode.DEFINITION_DISAGREES,
        ReasonCode.FAMILY_NAMED,
    }
)


_Rules = tuple[tuple[ReasonCode, _Check], ...]
_Guard = Callable[[Subject, PageContext], bool]


class _RuleSet(NamedTuple):
    """Rules split into those about the subject alone and those that read the page, each
    as (reason code, function) pairs; and the page rules without `TEXT_CODES`, run on a
    page without text (chosen per subject by `_page_rules`)."""

    subject: _Rules
    page: _Rules
    page_without_text: _Rules
    #: The `Scope.GENE` rules among *subject*: all a plain approved symbol needs run.
    gene: _Rules
    #: `EvidenceRule.may_find` of each rule of *page* (``None``: always run).
    guards: tuple[_Guard | None, ...]
    #: The page rules a subject's plan keeps (both kinds of page), by which of *page* it
    #: keeps (bit *i*: ``page[i]``): one pair of tuples per combination met, shared by every
    #: plan that keeps the same rules (at most one per subset of *page*; a few dozen occur).
    kept: dict[int, tuple[_Rules, _Rules]]


def _rule_set(rules: Iterable[EvidenceRule]) -> _RuleSet:
    rules = tuple(rules)
    page = tuple(r for r in rules if r.scope is Scope.PAGE)
    pairs = tuple((r.code, r.check) for r in page)
    return _RuleSet(
        tuple((r.code, r.check) for r in rules if r.scope is not Scope.PAGE),
        pairs,
        tuple((code, check) for code, check in pairs if code not in TEXT_CODES),
        tuple((r.code, r.check) for r in rules if r.scope is Scope.GENE),
        tuple(r.may_find for r in page),
        {},
    )


class _Plan(NamedTuple):
    """What `all_evidence` (or `term_evidence`) does for one subject on any page: the
    findings of the rules no page changes, and the page rules that may find something for
    it (`EvidenceRule.may_find`), on a page with text and on one without."""

    static: tuple[Reason, ...]
    page: _Rules
    page_without_text: _Rules


def _page_rules(rules: _RuleSet | _Plan, ctx: PageContext) -> _Rules:
    """The page rules worth running on this page: all of them, unless it has no text and
    is not about non-vertebrates (then the `TEXT_CODES` rules could only say nothing)."""
    if ctx.text or ctx.non_human is not None:
        return rules.page
    return rules.page_without_text


_ALL_RULE_SET = _rule_set(EVIDENCE)
_TERM_RULE_SET = _rule_set(r for r in EVIDENCE if r.code in _TERM_CODES)


def _is_plain_symbol(s: Subject) -> bool:
    """The word (or term) is the human gene's current approved symbol, letter for letter.

    No term or subject function speaks against it then: each excepts the exact symbol, and
    the word's own resolution is the gene itself; only the gene functions run. Checked first
    because most hits are such.
    """
    text = s.word if s.word else s.term
    return (
        s.gene_symbol is not None
        and text == s.gene_symbol
        and s.term == s.gene_symbol
        and s.relation is Relation.APPROVED
        and not s.normalised
        and s.organism_id in (None, "", "9606")
        and s.word_resolution.hgnc_id == s.hgnc_id
    )


def _plan(rules: _RuleSet, s: Subject, ctx: PageContext, cache: dict[Subject, _Plan]) -> _Plan:
    """The subject's `_Plan` under *rules*, kept per subject in *cache*."""
    plan = cache.get(s)
    if plan is None:
        subject_rules = rules.gene if _is_plain_symbol(s) else rules.subject
        static = tuple(
            [Reason(code, detail) for code, check in subject_rules if (detail := check(s, ctx))]
        )
        kept = 0
        for i, guard in enumerate(rules.guards):
            if guard is None or guard(s, ctx):
                kept |= 1 << i
        pages = rules.kept.get(kept)
        if pages is None:
            page = tuple(rule for i, rule in enumerate(rules.page) if kept >> i & 1)
            pages = rules.kept[kept] = (
                page,
                tuple((code, check) for code, check in page if code not in TEXT_CODES),
            )
        plan = cache[s] = _Plan(static, *pages)
    return plan


def _run(
    rules: _RuleSet, s: Subject, ctx: PageContext, cache: dict[Subject, _Plan]
) -> list[Reason]:
    plan = _plan(rules, s, ctx, cache)
    static = plan.static
    page = plan.page if ctx.text or ctx.non_human is not None else plan.page_without_text
    dynamic = [Reason(code, detail) for code, check in page if (detail := check(s, ctx))]
    if not dynamic:
        return list(static)
    if not static:
        return dynamic  # the page rules run in `EVIDENCE` order
    return sorted([*static, *dynamic], key=lambda r: _ORDER[r.code])


def term_evidence(s: Subject, ctx: PageContext) -> list[Reason]:
    """Evidence against the term itself (no word, sibling or page context)."""
    return _run(_TERM_RULE_SET, s, ctx, ctx.memo.term_plans)


def static_term_evidence(s: Subject, ctx: PageContext) -> tuple[Reason, ...]:
    """The part of `term_evidence` no page changes (what a `Scope.SUBJECT` rule may read:
    its finding is kept per subject, so it must not depend on the page it first met)."""
    return _plan(_TERM_RULE_SET, s, ctx, ctx.memo.term_plans).static


def all_evidence(s: Subject, ctx: PageContext, *, cache: bool = True) -> list[Reason]:
    """Every function's finding for one subject (for and against), in `EVIDENCE` order.

    What the page does not matter to, and which page rules may find something, is kept per
    subject (`_Plan`), unless *cache* is false (for a subject judged once).
    """
    return _run(_ALL_RULE_SET, s, ctx, ctx.memo.plans if cache else {})


def mention_is_safe(ctx: PageContext, m: Mention, gene_index: int) -> bool:
    """A mention of the text names the gene at *gene_index* by a term nothing objects to,
    and that the text does not define as something else."""
    s = mention_subject(ctx, m, gene_index)
    if term_evidence(s, ctx):
        return False
    return not ctx.definitions or not (
        rule_defined_in_caption(s, ctx) or rule_definition_disagrees(s, ctx)
    )


def term_may_be_false(ctx: PageContext, text: str) -> bool:
    """Whether `rule_english_word`, `rule_non_gene_abbreviation`, `rule_residue_or_site`,
    `rule_generic_protein_name` or `rule_chemical_name` may fire for a subject whose only
    spelling is *text* (no word): each needs one of these facts about the text."""
    f = facts(ctx, text)
    return bool(
        f.zipf
        or f.curated
        or f.meanings
        or f.residue
        or chemical_of(ctx, text) is not None
        or _PNN.fullmatch(text)
    )
