"""How right claims.indicator is, judged against the strict claim labels.

Run: .venv/bin/python benchmarks/indicator_quality.py [--details N]

Every labelled document (tests/fixtures/labels/corpus/*.jsonl) goes through
the pipeline's documents and claims stages, as in extract_quality.py. Each
claim that got an indicator is matched with the label its span overlaps;
the label's answer is the indicator its own metric (or `metric_alt`),
unit, comparison and place get from the vocabulary — the labels were
written without indicators, so this asks whether the pipeline's claim
names the indicator the labelled reading names. A claim on no claim label
(a false positive of extraction, or outside what was labelled) counts as
wrong. Printed per genre and overall:

- precision: claims whose indicator is the label's, over claims with one
  (target ≥ 98 %);
- precision of indicator and measure (level, growth_rate, increment,
  change_pp) together, and of the whole fact key (indicator, measure,
  place, period, role): what v_facts groups by;
- recall: labels that have an indicator and whose claim got that one;
- coverage: the share of claims that get an indicator (of bulletins, the
  figure issue 13 asks for) and the share of labels that have one.

`--details N` lists up to N wrong indicators and the label metrics that
map to each indicator, for review of the vocabulary itself.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.extract_quality import _iso, _scope_end, labelled_files, pipeline_documents  # noqa: E402
from benchmarks.labels import CORPUS, load, locate  # noqa: E402
from pipeline import indicators  # noqa: E402

KINDS = ("indicator", "measure", "fact")


@dataclass
class Score:
    genre: str
    claims: int = 0
    with_indicator: int = 0
    right: Counter = field(default_factory=Counter)
    labels: int = 0
    labels_with_indicator: int = 0
    recalled: int = 0
    wrong: list = field(default_factory=list)
    mapped: dict = field(default_factory=lambda: defaultdict(Counter))

    @property
    def precision(self) -> float:
        return self.right["indicator"] / self.with_indicator if self.with_indicator else 0.0

    @property
    def coverage(self) -> float:
        return self.with_indicator / self.claims if self.claims else 0.0

    def add(self, other: Score) -> None:
        for name in ("claims", "with_indicator", "labels", "labels_with_indicator", "recalled"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.right.update(other.right)
        self.wrong += other.wrong
        for key, names in other.mapped.items():
            self.mapped[key].update(names)


def gold(label: dict) -> dict[str, str]:
    """indicator -> measure the label's reading gets (metric and metric_alt)."""
    out = {}
    for metric in (label["metric"], label.get("metric_alt")):
        found = indicators.classify(metric, label["unit"], label["comparison"], label["place_code"]) if metric else None
        if found:
            out[found[0].id] = found[1]
    return out


def _same_fact(label: dict, claim) -> bool:
    return (
        claim.place_code == label["place_code"]
        and (_iso(claim.period_start), _iso(claim.period_end)) == (label["period_start"], label["period_end"])
        and claim.role == label["role"]
    )


def score_file(path: Path) -> Score:
    lf = load(path)
    doc, claims = pipeline_documents(lf)
    problems = locate(doc.text, lf.labels)
    if problems:
        raise ValueError(f"{path.name}: labels not found in the pipeline's text: {problems[:3]}")
    score = Score(lf.document["genre"])
    end = _scope_end(lf, doc.text)
    in_scope = [c for c in claims if c.char_start < end]
    score.claims = len(in_scope)
    spans = [(lab.start, lab.start + len(lab.surface), lab) for lab in lf.labels]
    for c in in_scope:
        on = [lab for s, e, lab in spans if s < c.char_end and c.char_start < e]
        label = min(on, key=lambda lab: (lab.start != c.char_start, abs(lab.start - c.char_start))) if on else None
        if c.indicator is None:
            continue
        score.with_indicator += 1
        answer = gold(label.data) if label is not None and label.is_claim else {}
        measure = indicators.classify(c.metric, c.unit, c.comparison, c.place_code)[1]
        right = {
            "indicator": c.indicator in answer,
            "measure": answer.get(c.indicator) == measure,
            "fact": answer.get(c.indicator) == measure and _same_fact(label.data, c),
        }
        score.right.update(k for k, ok in right.items() if ok)
        if not right["indicator"]:
            want = ", ".join(answer) or "none"
            said = f"label metric {label.data['metric']!r} {label.data['unit']} {label.data['comparison']}" if label and label.is_claim else "no claim label"
            score.wrong.append(f"{lf.name}: {c.surface} metric {c.metric!r} -> {c.indicator}; {said}; want {want}")
    for lab in lf.claims:
        score.labels += 1
        answer = gold(lab.data)
        if answer:
            score.labels_with_indicator += 1
            ident = next(iter(answer))
            score.mapped[ident][lab.data["metric"]] += 1
            hit = [c for c in in_scope if c.char_start < lab.start + len(lab.surface) and lab.start < c.char_end]
            score.recalled += any(c.indicator in answer for c in hit)
    return score


def score_all() -> tuple[dict[str, Score], Score]:
    """Scores per genre and over every labelled document."""
    by_genre: dict[str, Score] = {}
    total = Score("all")
    for path in labelled_files():
        s = score_file(path)
        by_genre.setdefault(s.genre, Score(s.genre)).add(s)
        total.add(s)
    return by_genre, total


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "     -"


def _line(name: str, s: Score) -> str:
    precision = " ".join(_ratio(s.right[k], s.with_indicator) for k in KINDS)
    return (f"{name:<24} {s.claims:>6} {s.with_indicator:>5} {precision} "
            f"{_ratio(s.recalled, s.labels_with_indicator)} {_ratio(s.with_indicator, s.claims)} "
            f"{_ratio(s.labels_with_indicator, s.labels)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", type=int, default=0, help="list up to N wrong indicators and the label metrics per indicator")
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"{CORPUS} is absent: nothing to measure")
        return 1
    by_genre, total = score_all()
    print(f"{len(indicators.vocabulary())} indicators in the vocabulary\n")
    print(f"{'':<24} {'claims':>6} {'indic':>5} {'prec':>6} {'+meas':>6} {'+fact':>6} {'recall':>6} {'cover':>6} {'labels':>6}")
    for genre, s in sorted(by_genre.items()):
        print(_line(f"[{genre}]", s))
    print(_line("ALL", total))
    bulletin = by_genre.get("bulletin")
    if bulletin:
        print(f"\nbulletins: {bulletin.with_indicator} of {bulletin.claims} claims "
              f"({_ratio(bulletin.with_indicator, bulletin.claims).strip()}) get an indicator; "
              f"{bulletin.labels_with_indicator} of {bulletin.labels} labels have one")
    print(f"precision: {total.right['indicator']} of {total.with_indicator} indicators right "
          f"({_ratio(total.right['indicator'], total.with_indicator).strip()})")
    if args.details:
        print(f"\nwrong indicators ({len(total.wrong)}):")
        for line in total.wrong[: args.details]:
            print("  " + line)
        print("\nlabel metrics per indicator:")
        for ident, names in sorted(total.mapped.items()):
            print(f"  {ident}: " + ", ".join(f"{n} ({k})" for n, k in names.most_common(args.details)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
