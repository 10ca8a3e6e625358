"""Claims and their meaning, measured the way a user judges them.

Run: .venv/bin/python benchmarks/extract_quality.py [--details N] [--json PATH]

Every labelled document (tests/fixtures/labels/corpus/*.jsonl, strict: one
answer per field, see GUIDE.md) goes through the pipeline's own documents
and claims stages, given only its page URL as a sidecar would give it. Each
label is matched with the predicted claim whose span overlaps it; then
every field is compared with the one answer (a metric may also equal a
`metric_alt`). Printed per genre and overall:

- claim recall (labels with an overlapping prediction) and precision
  (predictions overlapping a claim label, over all predictions inside the
  labelled scope; a prediction on a `nonclaim` label or on no label is a
  false positive);
- accuracy of each field over the found labels: surface, value, unit,
  qualifier, comparison, direction (over labels that are changes), metric,
  place_code, period_start + period_end (both right), role;
- the share of labels with every field right (found, and each field above);
- document fields: place_code, reference_period, published date.

`--details N` lists up to N misses, false positives and wrong answers per
field. Nothing here is tuned: the labels were written before the output
was looked at (GUIDE.md), and the scoring functions are shared with
tests/test_extract_quality.py.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.labels import CORPUS, LabelFile, corpus_file, load, locate  # noqa: E402

LABELS = ROOT / "tests" / "fixtures" / "labels" / "corpus"
# Labelled after the attribution rules were written and never used to tune
# them: their figures say how the rules carry to documents they were not
# made on (the independent check's unseen documents are the real test).
HELD_OUT = frozenset({
    "national_gwr_2024", "province_jiangsu_gwr_2026", "province_shanghai_gwr_2026", "gne_gzggw_1", "gne_shanxi_1",
})
FIELDS = ("surface", "value", "unit", "qualifier", "comparison", "direction", "metric", "place", "period", "role")
QUOTES = "“”\"'‘’「」《》 \u3000"


@dataclass
class DocScore:
    name: str
    genre: str
    labels: int = 0
    found: int = 0
    predictions: int = 0
    false_positives: int = 0
    right: Counter = field(default_factory=Counter)
    judged: Counter = field(default_factory=Counter)
    all_right: int = 0
    document: dict = field(default_factory=dict)
    wrong: dict = field(default_factory=lambda: defaultdict(list))
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)


def normalise_metric(metric: str | None) -> str:
    return (metric or "").strip(QUOTES).replace(" ", "")


def pipeline_documents(lf: LabelFile):
    """The document the pipeline builds from the corpus file, and its claims."""
    from pipeline import stages
    from pipeline.ids import sha256_hex
    from pipeline.model import RawDocument

    path = corpus_file(lf.document)
    content = path.read_bytes()
    media = "text/html" if path.suffix in (".html", ".htm") else "text/plain"
    url = lf.document.get("url")
    hints = {"url": url} if url else {}
    raw = RawDocument("labels", url or path.name, content, sha256_hex(content), media, hints=hints)
    docs, _ = stages.build_all_documents([raw])
    if len(docs) != 1:
        raise ValueError(f"{path.name}: the documents stage gave {len(docs)} documents")
    rows, _ = stages.extract_all_claims(docs)
    return docs[0], [r.claim for r in rows]


def _scope_end(lf: LabelFile, text: str) -> int:
    scope = lf.document.get("scope", "whole")
    if scope == "whole":
        return len(text)
    last = max((lab for lab in lf.labels if lab.start is not None), key=lambda lab: lab.start)
    return last.start + len(last.surface)


def _iso(d) -> str | None:
    return d.isoformat() if d is not None else None


def compare(gold: dict, claim) -> dict[str, bool | None]:
    """Field -> right (True/False), or None when the field is not judged."""
    metric_answers = {normalise_metric(gold["metric"])}
    if gold.get("metric_alt"):
        metric_answers.add(normalise_metric(gold["metric_alt"]))
    is_change = gold["comparison"] in ("increment", "rate")
    return {
        "surface": claim.surface == gold["surface"],
        "value": math.isclose(claim.value, gold["value"], rel_tol=1e-9, abs_tol=1e-12),
        "unit": claim.unit == gold["unit"],
        "qualifier": claim.qualifier == gold["qualifier"],
        "comparison": getattr(claim, "comparison", None) == gold["comparison"],
        "direction": (getattr(claim, "direction", None) == gold["direction"]) if is_change else None,
        "metric": normalise_metric(claim.metric) in metric_answers,
        "place": getattr(claim, "place_code", None) == gold["place_code"],
        "period": (_iso(claim.period_start), _iso(claim.period_end)) == (gold["period_start"], gold["period_end"]),
        "role": claim.role == gold["role"],
    }


def score_file(path: Path) -> DocScore:
    lf = load(path)
    doc, claims = pipeline_documents(lf)
    problems = locate(doc.text, lf.labels)
    if problems:
        raise ValueError(f"{path.name}: labels not found in the pipeline's text: {problems[:3]}")
    score = DocScore(lf.name, lf.document["genre"])
    end = _scope_end(lf, doc.text)
    gold = [lab for lab in lf.claims]
    spans = [(lab.start, lab.start + len(lab.surface), lab) for lab in lf.labels]
    used: set[int] = set()
    in_scope = [c for c in claims if c.char_start < end]
    score.predictions = len(in_scope)
    for lab in gold:
        lo, hi = lab.start, lab.start + len(lab.surface)
        overlapping = [i for i, c in enumerate(in_scope) if c.char_start < hi and lo < c.char_end and i not in used]
        score.labels += 1
        if not overlapping:
            score.misses.append(f"{lab.surface} @ …{lab.data['context'][-12:]}")
            continue
        best = min(overlapping, key=lambda i: (in_scope[i].char_start != lo, abs(in_scope[i].char_end - hi)))
        used.add(best)
        score.found += 1
        verdict = compare(lab.data, in_scope[best])
        for name, right in verdict.items():
            if right is None:
                continue
            score.judged[name] += 1
            score.right[name] += bool(right)
            if not right:
                score.wrong[name].append(_describe(name, lab.data, in_scope[best]))
        score.all_right += all(v is not False for v in verdict.values())
    for i, c in enumerate(in_scope):
        if i in used:
            continue
        on_claim = any(s < c.char_end and c.char_start < e and lab.is_claim for s, e, lab in spans)
        if not on_claim:
            score.false_positives += 1
            score.extras.append(f"{c.surface} @ …{doc.text[max(0, c.char_start - 10):c.char_start]}")
    d = lf.document
    got = {k: getattr(doc, a, None) for k, a in (("place", "place_code"), ("reference_period", "reference_period"), ("published", "published_date"))}
    score.document = {
        "place": got["place"] == d["place_code"],
        "reference_period": got["reference_period"] == d["reference_period"],
        "published": (got["published"] or "")[:10] == (d.get("published") or "")[:10],
        "got": got,
    }
    return score


def _describe(name: str, gold: dict, claim) -> str:
    got = {
        "surface": claim.surface, "value": claim.value, "unit": claim.unit, "qualifier": claim.qualifier,
        "comparison": getattr(claim, "comparison", None), "direction": getattr(claim, "direction", None),
        "metric": claim.metric, "place": getattr(claim, "place_code", None),
        "period": f"{_iso(claim.period_start)}..{_iso(claim.period_end)}", "role": claim.role,
    }[name]
    want = {
        "place": gold["place_code"], "period": f"{gold['period_start']}..{gold['period_end']}",
    }.get(name, gold.get(name))
    return f"{gold['surface']} ({gold['context'][-8:]}): got {got!r}, want {want!r}"


def labelled_files() -> list[Path]:
    return sorted(LABELS.glob("*.jsonl"))


def score_all() -> list[DocScore]:
    return [score_file(p) for p in labelled_files()]


def totals(scores: list[DocScore]) -> dict:
    t = {"labels": 0, "found": 0, "predictions": 0, "false_positives": 0, "all_right": 0,
         "right": Counter(), "judged": Counter(), "documents": len(scores),
         "doc_right": Counter()}
    for s in scores:
        for k in ("labels", "found", "predictions", "false_positives", "all_right"):
            t[k] += getattr(s, k)
        t["right"].update(s.right)
        t["judged"].update(s.judged)
        t["doc_right"].update({k: int(v) for k, v in s.document.items() if k != "got"})
    t["recall"] = t["found"] / t["labels"] if t["labels"] else 0.0
    t["precision"] = (t["predictions"] - t["false_positives"]) / t["predictions"] if t["predictions"] else 0.0
    t["every_field"] = t["all_right"] / t["labels"] if t["labels"] else 0.0
    t["accuracy"] = {f: (t["right"][f] / t["judged"][f] if t["judged"][f] else None) for f in FIELDS}
    return t


def _line(name: str, t: dict) -> str:
    acc = t["accuracy"]
    fields = " ".join("   - " if acc[f] is None else f"{acc[f]:.3f}" for f in FIELDS)
    return (f"{name:<34} {t['labels']:>5} {t['recall']:.3f} {t['precision']:.3f} {fields} "
            f"{t['every_field']:.3f}")


def report(scores: list[DocScore], details: int) -> dict:
    header = f"{'':<34} {'n':>5} {'recal'} {'preci'} " + " ".join(f"{f[:5]:>5}" for f in FIELDS) + " every"
    print(header)
    by_genre = defaultdict(list)
    for s in scores:
        by_genre[s.genre].append(s)
        print(_line(s.name[:34], totals([s])))
    print("-" * len(header))
    for genre, group in sorted(by_genre.items()):
        print(_line(f"[{genre}] {len(group)} docs", totals(group)))
    held = [s for s in scores if s.name in HELD_OUT]
    if held:
        print(_line(f"held out: {len(held)} docs", totals(held)))
        print(_line(f"tuned on: {len(scores) - len(held)} docs", totals([s for s in scores if s.name not in HELD_OUT])))
    overall = totals(scores)
    print(_line(f"ALL {len(scores)} documents", overall))
    docs = overall["doc_right"]
    print(f"\ndocuments: place {docs['place']}/{len(scores)}, reference period {docs['reference_period']}/{len(scores)}, "
          f"published date {docs['published']}/{len(scores)}")
    for s in scores:
        bad = [k for k, v in s.document.items() if k != "got" and not v]
        if bad:
            print(f"  {s.name}: wrong {', '.join(bad)} (got {s.document['got']})")
    if details:
        for s in scores:
            print(f"\n== {s.name}")
            for title, items in (("missed", s.misses), ("false positives", s.extras)):
                if items:
                    print(f"  {title} ({len(items)}): " + "; ".join(items[:details]))
            for name in FIELDS:
                if s.wrong[name]:
                    print(f"  wrong {name} ({len(s.wrong[name])}):")
                    for item in s.wrong[name][:details]:
                        print("    " + item)
    return overall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", type=int, default=0, help="list up to N errors of each kind per document")
    parser.add_argument("--json", type=Path, help="write the overall figures as JSON")
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"{CORPUS} is absent: nothing to measure")
        return 1
    overall = report(score_all(), args.details)
    if args.json:
        out = {k: v for k, v in overall.items() if k not in ("right", "judged", "doc_right")}
        out["doc_right"] = dict(overall["doc_right"])
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
