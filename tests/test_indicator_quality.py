"""Regression floors for claims.indicator on the strict labels.

benchmarks/indicator_quality.py prints the wrong indicators behind any
drop. Skipped when ../shared/corpus is absent.
"""

import pytest

from benchmarks.indicator_quality import score_all
from benchmarks.labels import CORPUS

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the project")


@pytest.fixture(scope="module")
def scores():
    return score_all()


def test_precision_is_at_least_98_percent(scores):
    _, total = scores
    assert total.with_indicator >= 300
    assert total.precision >= 0.98


def test_bulletin_coverage_floor(scores):
    by_genre, _ = scores
    assert by_genre["bulletin"].coverage >= 0.40
