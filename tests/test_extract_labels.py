"""Regression floor for the extractor against the hand-made gold labels.

The floors are the levels the extractor reached when they were last raised
(rounded down to two decimals; the value floors never below 0.90). Scoring
is shared with benchmarks/extract_quality.py, which prints the misses and
false positives behind any drop. Labels: tests/fixtures/labels/README.md.
The held-out floors are measured on documents of other publishers that the
rules were not developed on; they are read from ../shared and skipped when
it is absent.
"""

import pytest

extract = pytest.importorskip("pipeline.extract")
extract_claims = getattr(extract, "extract_claims", None)
if extract_claims is None:
    pytest.skip("pipeline.extract has no extract_claims yet", allow_module_level=True)

from benchmarks.extract_quality import (  # noqa: E402
    accuracy,
    describe_claim,
    describe_miss,
    load_nonclaim_cases,
    normalise_phrase,
    precision,
    recall,
    score_heldout,
    score_seeds,
)

RECALL_FLOOR = 0.99
PRECISION_FLOOR = 0.99
METRIC_FLOOR = 0.98
PERIOD_FLOOR = 0.98
HELDOUT_METRIC_FLOOR = 0.97
HELDOUT_PERIOD_FLOOR = 1.00


@pytest.fixture(scope="module")
def scores():
    return score_seeds(extract_claims)


def test_value_unit_qualifier_recall(scores):
    misses = [describe_miss(g, p) for s in scores for g, p in s.misses]
    assert recall(scores) >= RECALL_FLOOR, "\n".join(misses)


def test_value_unit_qualifier_precision(scores):
    false_positives = [describe_claim(c) for s in scores for c in s.false_positives]
    print("\n".join(false_positives))
    assert precision(scores) >= PRECISION_FLOOR, "\n".join(false_positives)


def test_metric_and_period_attribution(scores):
    assert accuracy(scores, "metric_ok") >= METRIC_FLOOR
    assert accuracy(scores, "period_ok") >= PERIOD_FLOOR


def test_metric_and_period_attribution_on_held_out_documents():
    heldout = score_heldout(extract_claims)
    if not heldout:
        pytest.skip("../shared/corpus/texts is absent: no held-out documents")
    assert accuracy(heldout, "metric_ok") >= HELDOUT_METRIC_FLOOR
    assert accuracy(heldout, "period_ok") >= HELDOUT_PERIOD_FLOOR


NONCLAIM_CASES = load_nonclaim_cases()


@pytest.mark.parametrize(
    "case", NONCLAIM_CASES, ids=[f"line{n}-{case['kind']}" for n, case in enumerate(NONCLAIM_CASES, 1)]
)
def test_nonclaim_cases_give_exactly_the_expected_surfaces(case):
    claims = sorted(extract_claims(case["text"]), key=lambda c: c.char_start)
    assert [c.surface for c in claims] == case["claims"]


def test_metric_normalisation_strips_accounting_verbs():
    assert normalise_phrase("共计完成税收") == normalise_phrase("税收") == "税收"
    assert normalise_phrase("“今日张江”微信粉丝量") == "今日张江微信粉丝量"
    assert normalise_phrase(None) is None
