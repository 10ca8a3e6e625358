"""Measured quality of `pipeline.extract.extract_claims` against the gold labels.

Run: .venv/bin/python benchmarks/extract_quality.py

Prints, per labelled seed and overall, recall and precision of (value, unit,
qualifier) and the accuracy of metric, period and role on the matched claims
(metric strictly, and loosely: the predicted phrase contains an answer),
then the first misses and false positives. The scoring functions live here
and `tests/test_extract_labels.py` imports them, so the regression floor and
this report can never disagree about what a match is.

Two sets are reported apart: "tuned" (the seeds, `seedNNN.jsonl`, which
the extractor's rules were developed against) and "held-out"
(`heldout_<name>.jsonl`, labelling ../shared/corpus/texts/<name>.txt,
documents of other publishers that no rule was tuned on; skipped when the
shared corpus is absent). A held-out file labels every figure up to its
last label, so predictions after that point are not scored.

Matching rule: a gold label is located by `context + surface` in the text; a
prediction matches it when its span is the same, its value is equal within a
relative tolerance of 1e-9, and its unit and qualifier are equal. Predictions
on the span of an `optional` label are neither hits nor false positives.
"""

from __future__ import annotations

import datetime
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "sources" / "archive"
LABELS = ROOT / "tests" / "fixtures" / "labels"
SHARED_TEXTS = ROOT.parent / "shared" / "corpus" / "texts"

METRIC_PREFIXES = ("共计", "累计", "完成", "共")
QUOTES = "“”\"'‘’「」《》"
REPORT_LIMIT = 30


@dataclass(frozen=True)
class Gold:
    """One hand-made label, placed in its text."""

    start: int
    end: int
    surface: str
    value: float
    unit: str
    qualifier: str
    metric: tuple[str, ...]
    period: tuple[str | None, ...]
    role: str
    optional: bool


@dataclass
class DocScore:
    """What one document's predictions earned against its labels."""

    name: str
    gold: int = 0
    hits: list = field(default_factory=list)
    misses: list = field(default_factory=list)
    false_positives: list = field(default_factory=list)
    metric_ok: int = 0
    metric_near: int = 0
    period_ok: int = 0
    role_ok: int = 0

    @property
    def predicted(self) -> int:
        return len(self.hits) + len(self.false_positives)


def labelled_documents() -> list[tuple[Path, Path]]:
    """(archive text, label file) pairs: seedNNN.jsonl labels NNN_*.txt."""
    pairs = []
    for label_file in sorted(LABELS.glob("seed*.jsonl")):
        number = label_file.stem.removeprefix("seed")
        texts = sorted(ARCHIVE.glob(f"{number}_*.txt"))
        if len(texts) != 1:
            raise FileNotFoundError(f"{label_file.name}: expected one archive file {number}_*.txt, found {texts}")
        pairs.append((texts[0], label_file))
    return pairs


def heldout_documents() -> list[tuple[Path, Path]]:
    """(shared corpus text, label file) pairs: heldout_<name>.jsonl labels
    <name>.txt; files whose text is absent are left out."""
    pairs = []
    for label_file in sorted(LABELS.glob("heldout_*.jsonl")):
        text_path = SHARED_TEXTS / (label_file.stem.removeprefix("heldout_") + ".txt")
        if text_path.is_file():
            pairs.append((text_path, label_file))
    return pairs


def load_gold(text: str, label_file: Path) -> list[Gold]:
    """Read a label file and place every label at its offset in `text`."""
    golds = []
    for line_no, line in enumerate(label_file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        anchor = row["context"] + row["surface"]
        at = text.find(anchor)
        if at < 0 or text.find(anchor, at + 1) >= 0:
            raise ValueError(f"{label_file.name}:{line_no}: {anchor!r} must occur exactly once in the text")
        start = at + len(row["context"])
        golds.append(
            Gold(
                start=start,
                end=start + len(row["surface"]),
                surface=row["surface"],
                value=float(row["value"]),
                unit=row["unit"],
                qualifier=row["qualifier"],
                metric=tuple(row["metric"]),
                period=tuple(row["period"]),
                role=row["role"],
                optional=bool(row.get("optional", False)),
            )
        )
    return golds


def load_nonclaim_cases() -> list[dict]:
    path = LABELS / "nonclaims.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def normalise_phrase(phrase: str | None) -> str | None:
    """Drop quotes, spaces and a leading 共计/累计/完成/共.

    Those prefixes are verbs of accounting, not part of what is measured:
    `共计完成税收`, `完成税收` and `税收` name the same metric.
    """
    if phrase is None:
        return None
    phrase = re.sub(f"[\\s{QUOTES}]+", "", phrase)
    stripped = True
    while stripped:
        stripped = False
        for prefix in METRIC_PREFIXES:
            if phrase.startswith(prefix) and len(phrase) > len(prefix):
                phrase = phrase[len(prefix):]
                stripped = True
    return phrase


def metric_matches(predicted: str | None, gold: Gold) -> bool:
    return normalise_phrase(predicted) in {normalise_phrase(m) for m in gold.metric}


def metric_contains(predicted: str | None, gold: Gold) -> bool:
    """Looser reading, reported beside the strict one: the prediction holds an acceptable answer."""
    found = normalise_phrase(predicted)
    return bool(found) and any(normalise_phrase(m) in found for m in gold.metric)


def period_matches(predicted: str | None, gold: Gold) -> bool:
    """`None` in the gold list means a claim without a period is acceptable."""
    wanted = {normalise_phrase(p) for p in gold.period}
    return normalise_phrase(predicted or None) in wanted


def value_matches(claim, gold: Gold) -> bool:
    """Same span, value within 1e-9 relative, same unit and qualifier."""
    if (claim.char_start, claim.char_end) != (gold.start, gold.end):
        return False
    if not math.isclose(claim.value, gold.value, rel_tol=1e-9, abs_tol=1e-12):
        return False
    return (claim.unit or "") == gold.unit and claim.qualifier == gold.qualifier


def score_document(name: str, golds: list[Gold], claims: list) -> DocScore:
    """Pair predictions with labels by span and grade each pair."""
    score = DocScore(name=name, gold=sum(1 for g in golds if not g.optional))
    by_span = {(g.start, g.end): g for g in golds}
    matched: set[tuple[int, int]] = set()
    for claim in claims:
        span = (claim.char_start, claim.char_end)
        gold = by_span.get(span)
        if gold is not None and gold.optional:
            continue
        if gold is not None and span not in matched and value_matches(claim, gold):
            matched.add(span)
            score.hits.append((gold, claim))
            score.metric_ok += metric_matches(claim.metric, gold)
            score.metric_near += metric_contains(claim.metric, gold)
            score.period_ok += period_matches(claim.period, gold)
            score.role_ok += claim.role == gold.role
        else:
            score.false_positives.append(claim)
    predicted_on = {(c.char_start, c.char_end): c for c in claims}
    for gold in golds:
        if not gold.optional and (gold.start, gold.end) not in matched:
            score.misses.append((gold, predicted_on.get((gold.start, gold.end))))
    return score


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def recall(scores: list[DocScore]) -> float:
    return ratio(sum(len(s.hits) for s in scores), sum(s.gold for s in scores))


def precision(scores: list[DocScore]) -> float:
    return ratio(sum(len(s.hits) for s in scores), sum(s.predicted for s in scores))


def accuracy(scores: list[DocScore], attribute: str) -> float:
    return ratio(sum(getattr(s, attribute) for s in scores), sum(len(s.hits) for s in scores))


def score_seeds(extract_claims) -> list[DocScore]:
    return _score(extract_claims, labelled_documents(), whole=True)


def score_heldout(extract_claims) -> list[DocScore]:
    """Scores on the held-out files; empty when the shared corpus is absent."""
    return _score(extract_claims, heldout_documents(), whole=False)


def _score(extract_claims, pairs: list[tuple[Path, Path]], whole: bool) -> list[DocScore]:
    """`whole`: the labels cover the whole text; else only up to the last label."""
    scores = []
    for text_path, label_file in pairs:
        text = text_path.read_text(encoding="utf-8")
        golds = load_gold(text, label_file)
        claims = extract_claims(text)
        if not whole:
            labelled_end = max(g.end for g in golds)
            claims = [c for c in claims if c.char_end <= labelled_end]
        scores.append(score_document(text_path.name, golds, claims))
    return scores


def describe_claim(claim) -> str:
    return (
        f"{claim.surface!r}@{claim.char_start} value={claim.value:g} unit={claim.unit!r} "
        f"qualifier={claim.qualifier} metric={claim.metric!r} period={claim.period!r} role={claim.role}"
    )


def describe_miss(gold: Gold, predicted) -> str:
    wanted = f"{gold.surface!r}@{gold.start} value={gold.value:g} unit={gold.unit!r} qualifier={gold.qualifier}"
    return wanted + (f"  got {describe_claim(predicted)}" if predicted else "  not found")


def print_table(groups: list[tuple[str, list[DocScore]]]) -> None:
    """One line per document, then one total line per group."""
    header = (
        f"{'document':44} {'gold':>5} {'pred':>5} {'recall':>7} {'precis':>7} "
        f"{'metric':>7} {'metric~':>7} {'period':>7} {'role':>7}"
    )
    print(header)
    for name, scores in groups:
        for s in scores + [_overall(scores, f"{name.upper()} (overall)")]:
            print(
                f"{s.name:44} {s.gold:5d} {s.predicted:5d} {recall([s]):7.3f} {precision([s]):7.3f} "
                f"{accuracy([s], 'metric_ok'):7.3f} {accuracy([s], 'metric_near'):7.3f} "
                f"{accuracy([s], 'period_ok'):7.3f} {accuracy([s], 'role_ok'):7.3f}"
            )
    print("metric: predicted metric is an acceptable answer; metric~: it contains one (looser)")


def print_report(title: str, scores: list[DocScore]) -> None:
    """The misses and wrong attributions behind one group's figures."""
    print(f"\n== {title} ==")
    misses = [describe_miss(g, p) for s in scores for g, p in s.misses]
    false_positives = [describe_claim(c) for s in scores for c in s.false_positives]
    wrong_metric = [
        f"{g.surface!r}@{g.start} got metric={c.metric!r}, acceptable {list(g.metric)}"
        for s in scores
        for g, c in s.hits
        if not metric_matches(c.metric, g)
    ]
    wrong_period = [
        f"{g.surface!r}@{g.start} got period={c.period!r}, acceptable {list(g.period)}"
        for s in scores
        for g, c in s.hits
        if not period_matches(c.period, g)
    ]
    for title, lines in (
        ("misses", misses),
        ("false positives", false_positives),
        ("wrong metric", wrong_metric),
        ("wrong period", wrong_period),
    ):
        print(f"\n{title}: {len(lines)} (first {REPORT_LIMIT})")
        for line in lines[:REPORT_LIMIT]:
            print("  " + line)


def _overall(scores: list[DocScore], name: str) -> DocScore:
    total = DocScore(name=name)
    for s in scores:
        total.gold += s.gold
        total.hits += s.hits
        total.misses += s.misses
        total.false_positives += s.false_positives
        total.metric_ok += s.metric_ok
        total.metric_near += s.metric_near
        total.period_ok += s.period_ok
        total.role_ok += s.role_ok
    return total


def main() -> int:
    sys.path.insert(0, str(ROOT))
    try:
        from pipeline.extract import extract_claims
    except ImportError as error:
        print(f"pipeline.extract is not importable yet: {error}")
        return 1
    print(f"extract_quality run at {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M UTC}")
    tuned, heldout = score_seeds(extract_claims), score_heldout(extract_claims)
    if not heldout:
        print(f"note: {SHARED_TEXTS} is absent; no held-out scores")
    print_table([("tuned", tuned), ("held-out", heldout)])
    print_report("tuned", tuned)
    print_report("held-out", heldout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
