"""How many planted single-figure errors the validator catches, and at what cost.

    .venv/bin/python benchmarks/validate_errors.py [N] [SEED]

Builds the seed documents (documents stage), extracts and validates them,
then plants N random single-figure errors into figures that take part in a
consistent equality relation (difference, growth rate, part sum, share,
target completion, or a closed list's stated count). Bounds and open lists
(…等8家) are inequalities, so a change inside them is no error a check
could see; relations already inconsistent on the seeds are left alone.
Each mutant document is re-extracted and re-validated; it is caught when an
inconsistent check involves the mutated span. Error kinds: last-digit slip,
万↔亿 slip, swapped adjacent digits, wrong stated count.

Prints: caught share (overall and per kind, with the mutants a rounding
change explains listed), flags on the unmodified seeds (genuine ones named,
the rest false), and coverage: the share of claims taking part in at least
one decidable check.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import cn2an

from pipeline import ids, stages
from pipeline.extract import extract_claims
from pipeline.model import ClaimRow, Document
from pipeline.validate import validate, validate_document
from pipeline.validate.enumerations import find_stated_counts

ROOT = Path(__file__).resolve().parent.parent
EQUALITY_KINDS = {"difference", "growth_rate", "part_sum", "share", "target_completion"}
# Flags on the unmodified seeds that are real errors in the sources.
GENUINE = {("difference", "6.39 → 6.29"), ("duplicate", "心·共擎")}
NUMBER = re.compile(r"\d+(?:\.\d+)?")
SCALE_SWAP = {"万": "亿", "亿": "万"}


@dataclass(frozen=True)
class Target:
    doc: Document
    start: int
    end: int
    surface: str
    is_count: bool  # a stated count of a list (四大, 4个)


@dataclass(frozen=True)
class Mutant:
    kind: str
    target: Target
    new_surface: str


def seed_documents() -> list[Document]:
    raws, _ = stages.read_raw(ROOT / "sources" / "archive", ROOT / "sources", ROOT / "no-raw-store")
    docs, _ = stages.build_all_documents(raws)
    return docs


def rows_for(doc: Document) -> list[ClaimRow]:
    return [ClaimRow(ids.claim_id(doc.doc_id, c.char_start, c.char_end, c.surface), doc.doc_id, c) for c in extract_claims(doc.text)]


def targets(docs: list[Document], rows: list[ClaimRow], checks) -> list[Target]:
    by_id = {r.claim_id: r for r in rows}
    docs_by_id = {d.doc_id: d for d in docs}
    bad = {i for c in checks if c.verdict == "inconsistent" for i in c.claim_ids}
    found: dict[tuple[str, int], Target] = {}
    for c in checks:
        if c.kind in EQUALITY_KINDS and c.verdict == "consistent":
            for i in c.claim_ids:
                r = by_id[i]
                if i not in bad:
                    found[(r.doc_id, r.claim.char_start)] = Target(docs_by_id[r.doc_id], r.claim.char_start, r.claim.char_end, r.claim.surface, False)
    for doc in docs:
        doc_rows = [r for r in rows if r.doc_id == doc.doc_id]
        for sc in find_stated_counts(doc.text, doc_rows):
            if not sc.open and len(sc.items) == sc.stated:
                end = sc.start + len(re.match(r"\d+|[两二三四五六七八九十]+", sc.surface).group())
                found[(doc.doc_id, sc.start)] = Target(doc, sc.start, end, doc.text[sc.start : end], True)
    return [found[k] for k in sorted(found)]


def mutations(t: Target, rng: random.Random) -> list[Mutant]:
    out = []
    m = NUMBER.search(t.surface)
    if m:
        digits = m.group()
        last = max(i for i, ch in enumerate(digits) if ch.isdigit())
        new_digit = rng.choice([d for d in "0123456789" if d != digits[last]])
        slipped = digits[:last] + new_digit + digits[last + 1 :]
        if not re.match(r"0\d", slipped):
            out.append(Mutant("last-digit slip", t, t.surface.replace(digits, slipped, 1)))
        pairs = [i for i in range(len(digits) - 1) if digits[i].isdigit() and digits[i + 1].isdigit() and digits[i] != digits[i + 1]]
        if pairs:
            i = rng.choice(pairs)
            swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
            if not swapped.startswith("0"):
                out.append(Mutant("swapped digits", t, t.surface.replace(digits, swapped, 1)))
        scale = next((w for w in SCALE_SWAP if w in t.surface), None)
        if scale:
            out.append(Mutant("万↔亿 slip", t, t.surface.replace(scale, SCALE_SWAP[scale], 1)))
    if t.is_count:
        n = int(t.surface) if t.surface.isdigit() else int(cn2an.cn2an(t.surface, "smart"))
        wrong = rng.choice([k for k in (n - 1, n + 1) if k >= 2])
        out.append(Mutant("wrong stated count", t, str(wrong) if t.surface.isdigit() else cn2an.an2cn(wrong)))
    return out


def outcome(m: Mutant) -> str:
    """caught; explained (the relation is still checked and rounding absorbs the change); or lost."""
    t = m.target
    text = t.doc.text[: t.start] + m.new_surface + t.doc.text[t.end :]
    doc = replace(t.doc, text=text)
    rows = rows_for(doc)
    span = (t.start, t.start + len(m.new_surface))
    by_id = {r.claim_id: r for r in rows}
    window = text[max(0, span[0] - 2) : span[1] + 2]
    involved = [
        c for c in validate_document(doc, rows)
        if any(by_id[i].claim.char_start < span[1] and by_id[i].claim.char_end > span[0] for i in c.claim_ids)
        or (not c.claim_ids and c.quote and window in c.quote)
    ]
    if any(c.verdict == "inconsistent" for c in involved):
        return "caught"
    return "explained" if any(c.verdict == "consistent" and c.kind in EQUALITY_KINDS for c in involved) else "lost"


def main(n: int, seed: int) -> None:
    docs = seed_documents()
    rows = [r for d in docs for r in rows_for(d)]
    checks = validate(docs, rows)

    flags = [c for c in checks if c.verdict == "inconsistent"]
    genuine = [c for c in flags if any(c.kind == k and s in c.message for k, s in GENUINE)]
    print(f"documents: {len(docs)}, claims: {len(rows)}, checks: {len(checks)} {dict(Counter(c.verdict for c in checks))}")
    print(f"flags on the unmodified seeds: {len(flags)} (genuine errors in the sources: {len(genuine)}; false flags: {len(flags) - len(genuine)})")
    for c in flags:
        print(f"  [{c.kind}] {c.message}")

    decidable = [c for c in checks if c.verdict != "undecidable"]
    in_check = {i for c in decidable for i in c.claim_ids}
    in_document_check = {i for c in decidable if c.kind not in ("duplicate", "cross_source") for i in c.claim_ids}
    print(
        f"coverage: {len(in_check)}/{len(rows)} = {len(in_check) / len(rows):.1%} of claims in a decidable check "
        f"({len(in_document_check) / len(rows):.1%} counting only checks within one document)"
    )

    pool = targets(docs, rows, checks)
    rng = random.Random(seed)
    results: Counter = Counter()
    totals: Counter = Counter()
    missed: list[tuple[Mutant, str]] = []
    for _ in range(n):
        t = rng.choice(pool)
        options = mutations(t, rng)
        if not options:
            continue
        m = rng.choice(options)
        totals[m.kind] += 1
        status = outcome(m)
        if status == "caught":
            results[m.kind] += 1
        else:
            missed.append((m, status))
    planted = sum(totals.values())
    print(f"mutation targets: {len(pool)} figures and stated counts in consistent equality relations")
    print(f"caught: {sum(results.values())}/{planted} = {sum(results.values()) / planted:.1%}")
    for kind in sorted(totals):
        print(f"  {kind}: {results[kind]}/{totals[kind]} = {results[kind] / totals[kind]:.1%}")
    explained = sum(1 for _, status in missed if status == "explained")
    print(f"missed: {len(missed)}, of which rounding explains {explained} (the relation is still checked and the changed figure fits it)")
    print(f"caught among mutants rounding cannot explain: {sum(results.values())}/{planted - explained} = {sum(results.values()) / max(1, planted - explained):.1%}")
    for m, status in missed:
        context = m.target.doc.text[max(0, m.target.start - 12) : m.target.end + 6].replace("\n", " ")
        print(f"  missed, {status} ({m.kind}): {m.target.surface} → {m.new_surface} in …{context}…")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200, int(sys.argv[2]) if len(sys.argv) > 2 else 20231)
