"""extract_claims over every robustness text: no exception, offsets exact."""

from datetime import date
from pathlib import Path

import pytest

from pipeline.extract import extract_claims
from pipeline.extract.metrics import NEVER_METRICS
from pipeline.extract.sentences import split_sentences
from pipeline.extract.units import UNITS
from pipeline.schema import COMPARISONS, DIRECTIONS

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "texts"
SEEDS = Path(__file__).resolve().parents[1] / "sources" / "archive"


def _texts():
    files = sorted(SEEDS.glob("*.txt"))
    if CORPUS.is_dir():
        files += sorted(CORPUS.glob("*.txt"))
    return files


@pytest.mark.parametrize("path", _texts(), ids=lambda p: p.name)
def test_every_text(path):
    text = path.read_bytes().decode("utf-8", errors="replace")
    for doc_date in (None, date(2023, 8, 3)):
        claims = extract_claims(text, doc_date)
        assert [c.char_start for c in claims] == sorted(c.char_start for c in claims)
        for c in claims:
            assert text[c.char_start:c.char_end] == c.surface
            assert c.value_low <= c.value <= c.value_high
            assert c.role in {"actual", "target", "plan", "threshold"}
            if c.compared_to is not None:
                assert any(o.char_start == c.compared_to for o in claims)
            assert c.comparison in COMPARISONS
            assert (c.direction in DIRECTIONS) == (c.comparison in ("increment", "rate"))
            assert c.signed_value == (-c.value if c.direction == "decrease" else c.value)
            # never a function word, a unit alone or a fragment (metric_words.tsv)
            assert c.metric not in NEVER_METRICS and c.metric not in UNITS, (c.surface, c.metric)
    assert all(text[s:e].strip() for s, e in split_sentences(text))


def test_corpus_present_or_skipped():
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} absent")
    assert any(CORPUS.glob("*.txt"))
