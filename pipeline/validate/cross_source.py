"""Checks between documents: duplicates compared, independent sources matched.

Duplicates (one story from two publishers, linked by `duplicate_of`) are
aligned sentence by sentence and diffed character by character with
difflib: the standard library's matcher is enough for texts of a few
thousand characters, and its opcodes map every differing character back to
offsets. A claim printed alike in both is corroborated; a figure or a name
that differs is a conflict, and a third document printing one of the two
variants says which copy disagrees. Independent documents (different
duplicate clusters) that report the same metric, period and place give a
`cross_source` check; copies of one story count once.

Two copies of a long page must not cost the product of their lengths: a
sentence printed identically in the other copy pairs with it directly (most
of a copy), and each other sentence is scored only against a bounded set of
candidates — the NEIGHBOURS sentences after the partner of the sentence
before it (a copy keeps its order), and the MAX_CANDIDATES sentences sharing
most of its rarer character bigrams, from an index that skips bigrams shared
by more than MAX_POSTING sentences (boilerplate, as in
pipeline.documents.duplicates), for a sentence that moved. Sentences are compared in pieces of
at most MAX_COMPARED_CHARS, so difflib never sees an unbounded string, and
claims are found by offset through bisection, not by scanning.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

from pipeline import ids
from pipeline.model import Check, ClaimRow, Document
from pipeline.validate.intervals import Interval, printed
from pipeline.validate.messages import as_float

SENTENCE_END = re.compile(r"(?<=[。！？!?])|\n+")
# Characters that differ between publishers without changing the text.
EQUIVALENT = str.maketrans({"•": "·", "・": "·", "‧": "·", ",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？", "％": "%"})
MIN_SENTENCE_RATIO = 0.8
MIN_SENTENCE_CHARS = 8
MAX_TYPO_CHARS = 1
CONTEXT_CHARS = 3
MAX_COMPARED_CHARS = 1000
MAX_POSTING = 64
MAX_CANDIDATES = 16
NEIGHBOURS = 4
CJK_OR_DIGIT = re.compile(r"[\u4e00-\u9fff0-9]")
# A base, increment or rate belongs to its level's comparison (13.88亿元 is last
# year's 税收 though its period reads 1-5月); only levels are matched across sources.
COMPARED_PARTS = ("base", "increment", "rate")
# Metric names too generic to say two documents speak of the same thing.
GENERIC_METRICS = ("增长", "同比增长", "增幅", "增速", "下降", "比重", "占比", "其中", "共", "累计", "合计", "总计")


@dataclass(frozen=True)
class Sentence:
    text: str  # normalised
    offsets: tuple[int, ...]  # normalised index -> index in the document text


def normalise(text: str, start: int = 0) -> Sentence:
    chars, offsets = [], []
    for i, ch in enumerate(text.translate(EQUIVALENT)):
        if not ch.isspace():
            chars.append(ch)
            offsets.append(start + i)
    return Sentence("".join(chars), tuple(offsets))


def sentences(text: str) -> list[Sentence]:
    out = []
    cursor = 0
    for piece in SENTENCE_END.split(text):
        found = text.find(piece, cursor) if piece else cursor
        if piece and found >= 0:
            s = normalise(piece, found)
            for k in range(0, len(s.text), MAX_COMPARED_CHARS):
                part = Sentence(s.text[k : k + MAX_COMPARED_CHARS], s.offsets[k : k + MAX_COMPARED_CHARS])
                if len(part.text) >= MIN_SENTENCE_CHARS:
                    out.append(part)
            cursor = found + len(piece)
    return out


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)}


def align(a: list[Sentence], b: list[Sentence]) -> list[tuple[Sentence, Sentence]]:
    """Each sentence of `a` with its most similar sentence of `b` (bigram
    Jaccard, the earliest on a tie), when similar enough."""
    identical: dict[str, int] = {}
    for k, sb in enumerate(b):
        identical.setdefault(sb.text, k)
    grams_b = [_bigrams(s.text) for s in b]
    index: dict[str, list[int]] = defaultdict(list)
    for k, grams in enumerate(grams_b):
        for gram in grams:
            index[gram].append(k)
    pairs = []
    last = -1  # where in `b` the previous sentence of `a` found its partner
    for sa in a:
        if sa.text in identical:
            last = identical[sa.text]
            pairs.append((sa, b[last]))
            continue
        ga = _bigrams(sa.text)
        shared: Counter[int] = Counter()
        for gram in ga:
            posting = index.get(gram, ())
            if len(posting) <= MAX_POSTING:
                shared.update(posting)
        candidates = {k for k, _ in shared.most_common(MAX_CANDIDATES)}
        candidates.update(range(last + 1, min(len(b), last + 1 + NEIGHBOURS)))
        best, best_score = None, 0.0
        for k in sorted(candidates):
            overlap = len(ga & grams_b[k]) / max(1, len(ga | grams_b[k]))
            if overlap > best_score:
                best, best_score = k, overlap
        if best is not None and best_score >= MIN_SENTENCE_RATIO / 2:
            ratio = SequenceMatcher(None, sa.text, b[best].text, autojunk=False).ratio()
            if ratio >= MIN_SENTENCE_RATIO:
                pairs.append((sa, b[best]))
                last = best
    return pairs


class _Claims:
    """One document's claims, found by offset through bisection; results keep the given order."""

    def __init__(self, rows: list[ClaimRow]):
        self.entries = sorted(enumerate(rows), key=lambda e: e[1].claim.char_start)
        self.starts = [r.claim.char_start for _, r in self.entries]
        self.longest = max((r.claim.char_end - r.claim.char_start for r in rows), default=0)
        self.by_start: dict[int, list[ClaimRow]] = defaultdict(list)
        for r in rows:
            self.by_start[r.claim.char_start].append(r)

    def overlapping(self, start: int, end: int) -> list[ClaimRow]:
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return [r for _, r in sorted(e for e in self.entries[lo:hi] if e[1].claim.char_end > start)]


def _claims_in(rows: _Claims, start: int, end: int) -> list[ClaimRow]:
    return rows.overlapping(start, end)


def _label(doc: Document) -> str:
    return doc.publisher or doc.title or doc.source_uri


def _variant(s: Sentence, i1: int, i2: int) -> str:
    """The differing characters with enough context to be searched for: the quoted name or ±3 characters."""
    open_q = s.text.rfind("“", 0, i1)
    close_q = s.text.find("”", i2)
    if open_q >= 0 and close_q >= 0 and "”" not in s.text[open_q:i1] and close_q - open_q <= 16:
        return s.text[open_q + 1 : close_q]
    return s.text[max(0, i1 - CONTEXT_CHARS) : i2 + CONTEXT_CHARS]


def compare_duplicates(documents: list[Document], claims: list[ClaimRow]) -> list[Check]:
    by_id = {d.doc_id: d for d in documents}
    rows_by_doc: dict[str, list[ClaimRow]] = defaultdict(list)
    for r in claims:
        rows_by_doc[r.doc_id].append(r)
    indexed: dict[str, _Claims] = {}
    normalised = _NormalisedTexts()
    checks: list[Check] = []
    for doc in documents:
        original = by_id.get(doc.duplicate_of or "")
        if original is None or original.doc_id == doc.doc_id:
            continue
        for d in (original, doc):
            if d.doc_id not in indexed:
                indexed[d.doc_id] = _Claims(rows_by_doc[d.doc_id])
        others = [d for d in documents if d.doc_id not in (doc.doc_id, original.doc_id) and d.duplicate_of not in (doc.doc_id, original.doc_id)]
        checks += _compare_pair(original, doc, indexed[original.doc_id], indexed[doc.doc_id], others, normalised)
    return checks


class _NormalisedTexts(dict):
    """doc_id -> the document's normalised text, computed once however many conflicts ask."""

    def of(self, doc: Document) -> str:
        if doc.doc_id not in self:
            self[doc.doc_id] = normalise(doc.text).text
        return self[doc.doc_id]


def _opcodes(sa: Sentence, sb: Sentence) -> list[tuple[str, int, int, int, int]]:
    if sa.text == sb.text:
        return [("equal", 0, len(sa.text), 0, len(sb.text))]
    return SequenceMatcher(None, sa.text, sb.text, autojunk=False).get_opcodes()


def _compare_pair(
    a: Document, b: Document, rows_a: _Claims, rows_b: _Claims, others: list[Document], normalised: _NormalisedTexts
) -> list[Check]:
    checks = []
    seen: set[tuple[str, str]] = set()
    for sa, sb in align(sentences(a.text), sentences(b.text)):
        for op, i1, i2, j1, j2 in _opcodes(sa, sb):
            if op == "equal":
                checks += _corroborated(a, b, sa, sb, rows_a, rows_b, i1, i2, j1, seen)
            elif op == "replace":
                conflict = _conflict(a, b, sa, sb, rows_a, rows_b, (i1, i2, j1, j2), others, normalised)
                if conflict is not None and conflict.check_id not in {c.check_id for c in checks}:
                    checks.append(conflict)
    return checks


def _corroborated(
    a: Document, b: Document, sa: Sentence, sb: Sentence, rows_a: _Claims, rows_b: _Claims,
    i1: int, i2: int, j1: int, seen: set[tuple[str, str]],
) -> list[Check]:
    """Claims inside an equal stretch of two aligned sentences, printed alike in both."""
    out = []
    for ra in _claims_in(rows_a, sa.offsets[i1], sa.offsets[i2 - 1] + 1):
        try:
            k = sa.offsets.index(ra.claim.char_start)
        except ValueError:
            continue
        if not i1 <= k < i2:
            continue
        start_b = sb.offsets[j1 + (k - i1)]
        rb = next((r for r in rows_b.by_start.get(start_b, ()) if r.claim.surface == ra.claim.surface), None)
        if rb is None or (ra.claim_id, rb.claim_id) in seen:
            continue
        seen.add((ra.claim_id, rb.claim_id))
        iv = printed(ra.claim).interval
        message = (
            f"{ra.claim.surface} is printed alike by {_label(a)} and {_label(b)} in the same sentence: "
            "corroborated, though the two are copies of one story, not independent sources"
        )
        out.append(_check(a, b, (ra, rb), "consistent", message, iv, printed(rb.claim).interval, f"{ra.claim.surface} = {rb.claim.surface}", _original(a, sa), ""))
    return out


def _conflict(
    a: Document, b: Document, sa: Sentence, sb: Sentence, rows_a: _Claims, rows_b: _Claims,
    span: tuple[int, int, int, int], others: list[Document], normalised: _NormalisedTexts,
) -> Check | None:
    """A replaced stretch: a conflict when it touches a figure or is a one-character substitution."""
    i1, i2, j1, j2 = span
    start_a, end_a = sa.offsets[i1], sa.offsets[i2 - 1] + 1
    start_b, end_b = sb.offsets[j1], sb.offsets[j2 - 1] + 1
    claims_a, claims_b = _claims_in(rows_a, start_a, end_a), _claims_in(rows_b, start_b, end_b)
    figures = bool(claims_a or claims_b)
    typo = i2 - i1 == j2 - j1 <= MAX_TYPO_CHARS and CJK_OR_DIGIT.search(sa.text[i1:i2]) and CJK_OR_DIGIT.search(sb.text[j1:j2])
    if not (figures or typo):
        return None
    va, vb = _variant(sa, i1, i2), _variant(sb, j1, j2)
    rows = tuple(claims_a + claims_b)
    if figures and claims_a and claims_b:
        what = f"the figure differs: {claims_a[0].claim.surface} in {_label(a)}, {claims_b[0].claim.surface} in {_label(b)}"
    else:
        what = f"the text differs: “{va}” in {_label(a)}, “{vb}” in {_label(b)}"
    witness = _third_source(va, vb, others, normalised)
    odd = None
    if witness is not None:
        doc, agrees_with_a = witness
        odd = b if agrees_with_a else a
        what += f"; {_label(doc)} prints “{va if agrees_with_a else vb}”, so {_label(odd)} is the one that disagrees"
    message = f"Duplicate story: {what}"
    arithmetic = f"diff of aligned sentences: “{sa.text[i1:i2]}” ≠ “{sb.text[j1:j2]}”"
    suspect = None
    if odd is not None and rows:
        suspect = next((r.claim_id for r in rows if r.doc_id == odd.doc_id), None)
    return _check(odd or b, a if odd is b else b, rows, "inconsistent", message, None, None, arithmetic, _original(a, sa) + " / " + _original(b, sb), f"{start_a}:{start_b}", suspect)


def _third_source(va: str, vb: str, others: list[Document], normalised: _NormalisedTexts) -> tuple[Document, bool] | None:
    """A document outside the pair printing exactly one of the two variants."""
    for doc in sorted(others, key=lambda d: d.doc_id):
        text = normalised.of(doc)
        has_a, has_b = va in text, vb in text
        if has_a != has_b:
            return doc, has_a
    return None


def _original(doc: Document, s: Sentence) -> str:
    return doc.text[s.offsets[0] : s.offsets[-1] + 1]


def _check(
    a: Document, b: Document, rows: tuple[ClaimRow, ...], verdict: str, message: str,
    expected: Interval | None, observed: Interval | None, arithmetic: str, quote: str, discriminator: str,
    suspect: str | None = None,
) -> Check:
    claim_ids = tuple(sorted(r.claim_id for r in rows))
    return Check(
        check_id=ids.check_id("duplicate", a.doc_id, claim_ids, f"{a.doc_id}|{b.doc_id}|{discriminator}"),
        kind="duplicate",
        doc_id=a.doc_id,
        claim_ids=claim_ids,
        verdict=verdict,
        message=message.rstrip(".") + ".",
        expected_low=None if expected is None else as_float(expected.lo, float("-inf")),
        expected_high=None if expected is None else as_float(expected.hi, float("inf")),
        observed_low=None if observed is None else as_float(observed.lo, float("-inf")),
        observed_high=None if observed is None else as_float(observed.hi, float("inf")),
        arithmetic=arithmetic,
        suspect_claim_id=suspect,
        quote=quote,
    )


def clusters(documents: list[Document]) -> dict[str, str]:
    """doc_id -> the doc_id of its duplicate cluster's root (copies share a root)."""
    parent = {d.doc_id: d.doc_id for d in documents}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for d in documents:
        if d.duplicate_of in parent:
            ra, rb = root(d.doc_id), root(d.duplicate_of)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {d: root(d) for d in parent}


def _specific(metric: str | None) -> bool:
    return bool(metric) and len(metric) >= 2 and metric not in GENERIC_METRICS


def compare_sources(documents: list[Document], claims: list[ClaimRow]) -> list[Check]:
    """Same metric, period, unit and place in independent documents: do the figures meet?"""
    by_id = {d.doc_id: d for d in documents}
    cluster = clusters(documents)
    groups: dict[tuple, dict[str, ClaimRow]] = defaultdict(dict)
    for r in sorted(claims, key=lambda r: (r.doc_id, r.claim.char_start)):
        doc = by_id.get(r.doc_id)
        c = r.claim
        place = c.place_code or (doc.place_code if doc else None)
        if doc is None or not place or not (c.period or c.period_start) or not _specific(c.metric):
            continue
        if c.comparison in COMPARED_PARTS:
            continue
        key = (doc.place_name or place, c.metric, c.period_start or c.period, c.period_end, c.unit, c.role)
        groups[key].setdefault(cluster[r.doc_id], r)
    checks = []
    for key, per_cluster in groups.items():
        for (_, ra), (_, rb) in combinations(sorted(per_cluster.items()), 2):
            pa, pb = printed(ra.claim).interval, printed(rb.claim).interval
            verdict = "undecidable" if not (pa.bounded and pb.bounded) else "consistent" if pa.meets(pb) else "inconsistent"
            da, db = by_id[ra.doc_id], by_id[rb.doc_id]
            word = {"consistent": "agree within rounding", "inconsistent": "disagree", "undecidable": "cannot be compared (open-ended figure)"}[verdict]
            message = f"{key[1]} ({ra.claim.period or key[2]}, {key[0]}): {_label(da)} prints {ra.claim.surface}, {_label(db)} prints {rb.claim.surface}; they {word}"
            claim_ids = tuple(sorted((ra.claim_id, rb.claim_id)))
            checks.append(
                Check(
                    check_id=ids.check_id("cross_source", ra.doc_id, claim_ids),
                    kind="cross_source",
                    doc_id=ra.doc_id,
                    claim_ids=claim_ids,
                    verdict=verdict,
                    message=message + ".",
                    expected_low=as_float(pa.lo, float("-inf")),
                    expected_high=as_float(pa.hi, float("inf")),
                    observed_low=as_float(pb.lo, float("-inf")),
                    observed_high=as_float(pb.hi, float("inf")),
                    arithmetic=f"{ra.claim.surface} ~ {rb.claim.surface}: {'overlap' if pa.meets(pb) else 'no overlap'}",
                    quote=ra.claim.sentence + " / " + rb.claim.sentence,
                )
            )
    return checks


def compare_documents(documents: list[Document], claims: list[ClaimRow]) -> list[Check]:
    return compare_duplicates(documents, claims) + compare_sources(documents, claims)
