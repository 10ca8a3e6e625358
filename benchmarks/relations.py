"""Relation labels (tests/fixtures/labels/RELATIONS.md): load, lint, verdicts.

    python benchmarks/relations.py lint tests/fixtures/labels/relations/NAME.jsonl [...]

A relation label names the figures taking part ([surface, context] of the
document's claim labels); the verdict is computed here, from the claim
labels' printed values and precision, with interval arithmetic of its own
(deliberately not pipeline.validate, which it measures): a printed figure
stands for every value that rounds to it, and a relation is inconsistent
only when no choice of such values satisfies it. A figure with a qualifier
other than exact makes the relation undecidable; a growth at comparable
prices against nominal levels (`real`) is never checked.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.labels import load  # noqa: E402

RELATIONS_DIR = ROOT / "tests" / "fixtures" / "labels" / "relations"
CLAIMS_DIR = ROOT / "tests" / "fixtures" / "labels" / "corpus"
KINDS = {
    "growth": ("level", "base", "increment", "rate"),
    "points": ("base", "level", "increment"),
    "part_sum": ("total", "parts"),
    "subset": ("total", "parts"),
    "share": ("part", "whole", "share"),
    "completion": ("level", "target", "share"),
    "structure": ("terms", "levels"),
    "difference": ("a", "b", "difference"),
    "count": ("count", "items"),
    "repeat": ("figures",),
    "compound": ("start", "end", "rate", "years"),
}
LIST_ROLES = frozenset({"parts", "terms", "levels", "figures", "items"})
NUMBER_RE = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
EPS = 1e-9


@dataclass(frozen=True)
class Figure:
    surface: str
    value: float
    low: float
    high: float
    exact: bool
    signed: float
    unit: str

    def signed_interval(self) -> tuple[float, float]:
        if self.signed < 0 and self.value > 0:
            return -self.high, -self.low
        return self.low, self.high


def figure_of(label: dict) -> Figure:
    """The interval a printed figure stands for: half a unit of its last
    printed digit either side (scale words applied); exact for numerals
    without Arabic digits (三成, 两个)."""
    surface, value = label["surface"], float(label["value"])
    m = NUMBER_RE.search(surface.replace("，", "").replace(",", ""))
    half = 0.0
    if m:
        digits = m.group().translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
        number = float(digits)
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        scale = abs(value / number) if number else 1.0
        half = 0.5 * 10 ** -decimals * scale
    signed = -value if label.get("direction") == "decrease" else value
    return Figure(surface, value, value - half, value + half, label["qualifier"] == "exact", signed, label["unit"])


def claim_index(name: str) -> dict[tuple[str, str], dict]:
    lf = load(CLAIMS_DIR / f"{name}.jsonl")
    return {(lab.data["surface"], lab.data["context"]): lab.data for lab in lf.claims}


def _corners(fn, *figures: Figure) -> tuple[float, float]:
    values = []
    for point in itertools.product(*[f.signed_interval() for f in figures]):
        try:
            values.append(fn(*point))
        except ZeroDivisionError:
            return -math.inf, math.inf
    return min(values), max(values)


def _meets(a: tuple[float, float], b: tuple[float, float]) -> bool:
    tol = EPS * max(1.0, abs(a[0]), abs(a[1]), abs(b[0]), abs(b[1]))
    return a[0] <= b[1] + tol and b[0] <= a[1] + tol


def _judge(pairs: list[tuple[tuple[float, float], Figure]]) -> str:
    return "consistent" if all(_meets(expected, f.signed_interval()) for expected, f in pairs) else "inconsistent"


def _sums_to_100(terms: list[Figure]) -> bool:
    return abs(sum(t.value for t in terms) - 100) < 1e-6


def _forced_to_100(pairs, terms: list[Figure]) -> bool:
    """A published structure rounded so its terms total exactly 100
    (11.6:25.2:63.2 where 25.25 rounds to 25.3): each term within one unit
    of its last printed digit of the share it stands for. Not an error."""
    if not _sums_to_100(terms):
        return False
    return all(
        expected[0] - 2 * (f.high - f.low) - EPS <= f.value <= expected[1] + 2 * (f.high - f.low) + EPS
        for expected, f in pairs
    )


def verdict(rel: dict, figs: dict) -> str:
    """consistent, inconsistent, undecidable or not_checked."""
    every = [f for v in figs.values() for f in (v if isinstance(v, list) else [v]) if isinstance(f, Figure)]
    if rel.get("real"):
        return "not_checked"
    if any(not f.exact for f in every):
        return "undecidable"
    kind = rel["kind"]
    g = figs.get
    if kind == "growth":
        level, base, inc, rate = g("level"), g("base"), g("increment"), g("rate")
        pairs = []
        if level and base and inc:
            pairs.append((_corners(lambda lv, b: lv - b, level, base), inc))
        if level and base and rate:
            pairs.append((_corners(lambda lv, b: (lv / b - 1) * 100, level, base), rate))
        if level and inc and rate and not base:
            pairs.append((_corners(lambda lv, d: d / (lv - d) * 100, level, inc), rate))
        if base and inc and rate and not level:
            pairs.append((_corners(lambda b, d: d / b * 100, base, inc), rate))
        return _judge(pairs) if pairs else "undecidable"
    if kind == "points":
        return _judge([(_corners(lambda lv, b: lv - b, g("level"), g("base")), g("increment"))])
    if kind == "part_sum":
        lo = sum(p.signed_interval()[0] for p in g("parts"))
        hi = sum(p.signed_interval()[1] for p in g("parts"))
        return _judge([((lo, hi), g("total"))])
    if kind == "subset":
        total = g("total").signed_interval()
        return "consistent" if all(p.signed_interval()[0] <= total[1] + EPS for p in g("parts")) else "inconsistent"
    if kind in ("share", "completion"):
        part = g("part") or g("level")
        whole = g("whole") or g("target")
        return _judge([(_corners(lambda p, w: p / w * 100, part, whole), g("share"))])
    if kind == "structure":
        terms, levels = g("terms"), g("levels")
        if levels:
            pairs = []
            for i, term in enumerate(terms):
                others = [lv for k, lv in enumerate(levels) if k != i]
                lo = levels[i].low / (levels[i].low + sum(o.high for o in others)) * 100
                hi = levels[i].high / (levels[i].high + sum(o.low for o in others)) * 100
                pairs.append(((lo, hi), term))
            if _judge(pairs) == "consistent" or _forced_to_100(pairs, terms):
                return "consistent"
            return "inconsistent"
        lo, hi = sum(t.low for t in terms), sum(t.high for t in terms)
        return "consistent" if lo - EPS <= 100 <= hi + EPS or _sums_to_100(terms) else "inconsistent"
    if kind == "difference":
        return _judge([(_corners(lambda a, b: a - b, g("a"), g("b")), g("difference"))])
    if kind == "count":
        return "consistent" if abs(g("count").value - len(rel["figures"]["items"])) < EPS else "inconsistent"
    if kind == "repeat":
        first, *rest = g("figures")
        return "consistent" if all(_meets(first.signed_interval(), f.signed_interval()) for f in rest) else "inconsistent"
    if kind == "compound":
        years = float(rel["figures"]["years"])
        return _judge([(_corners(lambda s, e: ((e / s) ** (1 / years) - 1) * 100, g("start"), g("end")), g("rate"))])
    raise ValueError(f"unknown relation kind {kind!r}")


@dataclass
class RelationFile:
    path: Path
    document: str
    relations: list[dict]


def load_relations(path: Path) -> RelationFile:
    lines = [json.loads(ln) for ln in Path(path).read_text(encoding="utf-8").splitlines() if ln.strip()]
    return RelationFile(Path(path), lines[0]["document"], lines[1:])


def resolve(rel: dict, index: dict) -> tuple[dict, list[str]]:
    """Role -> Figure (or list of Figures; items stay strings), and problems."""
    problems, figs = [], {}
    kind = rel.get("kind")
    if kind not in KINDS:
        return {}, [f"unknown kind {kind!r}"]
    for role, ref in rel.get("figures", {}).items():
        if role not in KINDS[kind]:
            problems.append(f"{kind} has no role {role!r}")
            continue
        if role in ("items", "years"):
            continue
        refs = ref if role in LIST_ROLES else [ref]
        found = []
        for r in refs:
            label = index.get(tuple(r)) if isinstance(r, list) and len(r) == 2 else None
            if label is None:
                problems.append(f"{role}: {r!r} is not a claim label of the document")
                continue
            found.append(figure_of(label))
        figs[role] = found if role in LIST_ROLES else (found[0] if found else None)
    return figs, problems


def claim_refs(rel: dict) -> list[tuple[str, str]]:
    """Every [surface, context] a relation names."""
    out = []
    for role, ref in rel.get("figures", {}).items():
        if role in ("items", "years"):
            continue
        for r in (ref if role in LIST_ROLES else [ref]):
            out.append(tuple(r))
    return out


def verdicts(path: Path) -> list[tuple[dict, str, list[str]]]:
    rf = load_relations(path)
    index = claim_index(rf.document)
    out = []
    for rel in rf.relations:
        figs, problems = resolve(rel, index)
        out.append((rel, "invalid" if problems else verdict(rel, figs), problems))
    return out


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "lint":
        print(__doc__)
        return 2
    bad = 0
    for p in argv[2:]:
        results = verdicts(Path(p))
        counts: dict[str, int] = {}
        for rel, v, problems in results:
            counts[v] = counts.get(v, 0) + 1
        print(f"{p}: {len(results)} relations: " + ", ".join(f"{n} {v}" for v, n in sorted(counts.items())))
        for i, (rel, v, problems) in enumerate(results, start=2):
            if problems:
                bad += 1
                print(f"  line {i}: " + "; ".join(problems))
            elif v == "inconsistent":
                print(f"  line {i}: INCONSISTENT {rel['kind']} " + json.dumps(rel["figures"], ensure_ascii=False))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
