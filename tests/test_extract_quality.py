"""Regression floors for claims and their meaning on the strict labels.

The floors are what the pipeline reached when they were last raised
(rounded down); benchmarks/extract_quality.py prints the misses and wrong
answers behind any drop. Skipped when ../shared/corpus is absent.
"""

import pytest

from benchmarks.extract_quality import CORPUS, score_all, totals

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the project")

FLOORS = {
    "recall": 0.99,
    "precision": 0.99,
    "every_field": 0.53,
}
FIELD_FLOORS = {
    "value": 0.99,
    "unit": 0.98,
    "qualifier": 0.97,
    "comparison": 0.97,
    "direction": 0.96,
    "metric": 0.58,
    "place": 0.96,
    "period": 0.90,
    "role": 0.97,
}
DOCUMENT_FLOORS = {"place": 18, "reference_period": 17, "published": 17}


@pytest.fixture(scope="module")
def overall():
    return totals(score_all())


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_claim_floor(overall, name):
    assert overall[name] >= FLOORS[name]


@pytest.mark.parametrize("name", sorted(FIELD_FLOORS))
def test_field_floor(overall, name):
    assert overall["accuracy"][name] >= FIELD_FLOORS[name]


@pytest.mark.parametrize("name", sorted(DOCUMENT_FLOORS))
def test_document_floor(overall, name):
    assert overall["doc_right"][name] >= DOCUMENT_FLOORS[name]
