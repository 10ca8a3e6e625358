"""Link near-duplicate documents: the same story from two publishers.

Similarity is containment on character 5-gram shingles: the share of the
shorter text's shingles that also occur in the longer one. Containment, not
Jaccard, because a republished story is usually trimmed or extended (an
e-paper article against the web post of the same press release), which
lowers Jaccard but not containment. Texts are compared after dropping
everything but letters and digits, so full-width against ASCII punctuation
and spacing do not matter.

Candidates come from an inverted index shingle -> documents over a
deterministic sample of each text's shingles (those whose hash is 0 mod
SAMPLE_MOD, the fingerprint sampling of Broder and of MOSS): two copies
share the same sampled shingles, so the sample finds them at a quarter of
the cost. A pair is a candidate when its shared sampled shingles reach
CANDIDATE_SHARE of what the threshold asks (sampling is noisy on short
texts), and every candidate is then scored exactly on the full shingle sets.
Sampled shingles held by more than MAX_POSTING documents (boilerplate such as
党建引领基层治理) are left out of the index; they would make every pair a
candidate and say nothing about copying. The index is hand-written because it
is a dict of lists; MinHash-LSH would bound memory further, but it estimates
Jaccard, which misses a short story contained in a long page, and at
thousands of documents exact sets fit easily and give exact, seedless and so
reproducible scores.

Memory and time per document are bounded by keeping at most MAX_SIGNATURE
shingles of each text: all of them for a text of up to ~20,000 characters
(so scores there are exact, as described above), and for a longer one only
those whose hash is 0 mod a power of two, doubled until they fit. Two
signatures are compared at the coarser of their two moduli, where both hold
every shingle of that residue, so containment is estimated on a consistent
sample — the same fingerprinting again, only sparser. A 20 MB page then
costs one pass over its text and a fixed-size set, not a set of millions.

Linked documents form clusters (connected components); every member points
at the earliest (published_date, then doc_id; undated last).
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from dataclasses import dataclass, replace

from ..model import Document

SHINGLE_CHARS = 5
CONTAINMENT_THRESHOLD = 0.5
MIN_SHINGLES = 30
MAX_POSTING = 64
SAMPLE_MOD = 4
CANDIDATE_SHARE = 0.6
MAX_SIGNATURE = 20_000


NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() plus "_"


def _shingle_hashes(text: str):
    chars = NOT_ALNUM.sub("", text)
    return (zlib.crc32(chars[k : k + SHINGLE_CHARS].encode("utf-8")) for k in range(len(chars) - SHINGLE_CHARS + 1))


@dataclass(frozen=True)
class Signature:
    """The shingles of a text whose hash is 0 mod `modulus` (1: all of them)."""

    hashes: frozenset[int]
    modulus: int

    @property
    def size(self) -> int:
        """How many distinct shingles the text has (estimated when sampled)."""
        return len(self.hashes) * self.modulus

    def at(self, modulus: int) -> frozenset[int]:
        """The hashes at this or a coarser (power-of-two) modulus."""
        if modulus == self.modulus:
            return self.hashes
        return frozenset(h for h in self.hashes if h % modulus == 0)


def signature(text: str, limit: int = MAX_SIGNATURE) -> Signature:
    kept: set[int] = set()
    modulus = 1
    for h in _shingle_hashes(text):
        if h % modulus == 0 and h not in kept:
            kept.add(h)
            if len(kept) > limit:
                modulus *= 2
                kept = {x for x in kept if x % modulus == 0}
    return Signature(frozenset(kept), modulus)


def containment(a: set[int], b: set[int]) -> float:
    small = min(len(a), len(b))
    return len(a & b) / small if small else 0.0


def _order_key(doc: Document) -> tuple[int, str, str]:
    return (0 if doc.published_date else 1, doc.published_date or "", doc.doc_id)


def similar_pairs(docs: list[Document], threshold: float = CONTAINMENT_THRESHOLD) -> list[tuple[int, int, float]]:
    """(i, j, containment) for every pair at or above `threshold`, i < j."""
    sigs = [signature(d.text) for d in docs]
    samples = [s.at(max(SAMPLE_MOD, s.modulus)) for s in sigs]
    index: dict[int, list[int]] = defaultdict(list)
    for i, sample in enumerate(samples):
        for h in sample:
            index[h].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for posting in index.values():
        if len(posting) < 2 or len(posting) > MAX_POSTING:
            continue
        for x in range(len(posting)):
            for y in range(x + 1, len(posting)):
                shared[(posting[x], posting[y])] += 1
    sizes: dict[tuple[int, int], int] = {}

    def sample_size(k: int, modulus: int) -> int:
        if (k, modulus) not in sizes:
            sizes[(k, modulus)] = len(sigs[k].at(modulus))
        return sizes[(k, modulus)]

    pairs = []
    for (i, j), count in sorted(shared.items()):
        # the two samples share every shingle of the coarser residue: count there
        sampled = max(SAMPLE_MOD, sigs[i].modulus, sigs[j].modulus)
        needed = CANDIDATE_SHARE * threshold * min(sample_size(i, sampled), sample_size(j, sampled))
        if min(sigs[i].size, sigs[j].size) < MIN_SHINGLES or count < needed:
            continue
        modulus = max(sigs[i].modulus, sigs[j].modulus)
        score = containment(sigs[i].at(modulus), sigs[j].at(modulus))
        if score >= threshold:
            pairs.append((i, j, score))
    return pairs


def link_duplicates(docs: list[Document]) -> list[Document]:
    """Documents in the same order, `duplicate_of` set on all but the earliest
    of each near-duplicate cluster."""
    parent = list(range(len(docs)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, j, _ in similar_pairs(docs):
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    clusters: dict[int, list[int]] = defaultdict(list)
    for k in range(len(docs)):
        clusters[find(k)].append(k)
    out = list(docs)
    for members in clusters.values():
        if len(members) < 2:
            continue
        first = min(members, key=lambda k: _order_key(docs[k]))
        for k in members:
            if k != first:
                out[k] = replace(docs[k], duplicate_of=docs[first].doc_id)
    return out
