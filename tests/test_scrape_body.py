"""Response bodies within limits: one decoded layer, a size cap on wire and decoded bytes, a deadline."""

import gzip
import time
import zlib
from datetime import datetime, timezone

import pytest

from pipeline.scrape.body import BodyReader, BodyRefused, Deadline, content_codings
from pipeline.scrape.fetch import retry_after_seconds

TEXT = "完成税收20.17亿元。".encode("utf-8") * 50


def _chunks(data: bytes, size: int = 7):
    return [data[k : k + size] for k in range(0, len(data), size)]


@pytest.mark.parametrize("coding, encoded", [
    (None, TEXT), ("identity", TEXT), ("gzip", gzip.compress(TEXT)), ("x-gzip", gzip.compress(TEXT)),
    ("deflate", zlib.compress(TEXT)), ("deflate", None),
])
def test_one_layer_is_decoded_in_small_steps(coding, encoded):
    if encoded is None:  # raw deflate, without the zlib wrapper, as some servers send
        compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        encoded = compressor.compress(TEXT) + compressor.flush()
    with Deadline(5) as deadline:
        assert BodyReader(coding, len(TEXT)).read(_chunks(encoded), deadline) == TEXT


def test_limits_apply_to_the_decoded_and_the_wire_bytes():
    with Deadline(5) as deadline:
        with pytest.raises(BodyRefused, match="more than 99 bytes once decoded"):
            BodyReader("gzip", 99).read(_chunks(gzip.compress(TEXT)), deadline)
        with pytest.raises(BodyRefused, match="too large: more than 99 bytes"):
            BodyReader(None, 99).read(_chunks(TEXT), deadline)
    with pytest.raises(BodyRefused, match="more than one layer"):
        BodyReader("gzip, deflate", 10)
    with pytest.raises(BodyRefused, match="unsupported Content-Encoding br"):
        BodyReader("br", 10)
    assert content_codings(" GZIP , identity") == ["gzip"]


def test_a_passed_deadline_stops_reading():
    deadline = Deadline(0.05)
    with deadline:
        time.sleep(0.1)
        with pytest.raises(BodyRefused, match="within the 0.05 s deadline"):
            BodyReader(None, 10**6).read(_chunks(TEXT), deadline)
    assert deadline.expired


def test_retry_after_as_seconds_or_a_date():
    now = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)
    assert retry_after_seconds("120", now) == 120
    assert retry_after_seconds("Wed, 02 Dec 2026 12:01:30 GMT", now) == 90
    assert retry_after_seconds("Wed, 02 Dec 2026 11:00:00 GMT", now) == 0
    assert retry_after_seconds("soon", now) is None and retry_after_seconds(None, now) is None
