"""The raw store: content-addressed objects, an append-only fetch log, replayed."""

from __future__ import annotations

import hashlib
import json

import pytest

from pipeline.model import Quarantined
from pipeline.scrape.fetch import Fetched, FetchFailure
from pipeline.scrape.store import ITEM, LISTING, SNAPSHOT, UNCHANGED, RawStore, media_type_of

URL = "https://www.pudong.gov.cn/zwgk/qtzcxwj-zjz/2023/215/313260.html"
PAGE = "<html><body>完成税收20.17亿元</body></html>".encode("utf-8")


def fetched(
    content: bytes | None, url: str = URL, status: int = 200, etag: str | None = '"v1"', at: str = "2026-11-23T08:00:00Z", **kw
) -> Fetched:
    return Fetched(
        url=url,
        final_url=kw.get("final_url", url),
        status=status,
        fetched_at=at,
        content=content,
        content_type=kw.get("content_type", "text/html; charset=utf-8"),
        declared_encoding=kw.get("declared_encoding", "utf-8"),
        etag=etag,
        last_modified=kw.get("last_modified"),
    )


@pytest.fixture
def store(tmp_path):
    return RawStore(tmp_path / "raw")


def test_objects_are_addressed_by_sha256_and_written_once(store):
    sha = store.put_object(PAGE)
    path = store.object_path(sha)
    assert sha == hashlib.sha256(PAGE).hexdigest()
    assert path == store.root / "objects" / sha[:2] / sha
    before = path.stat().st_mtime_ns
    assert store.put_object(PAGE) == sha
    assert path.stat().st_mtime_ns == before
    assert [p.name for p in path.parent.iterdir()] == [sha]  # no temporary file left behind


def test_load_all_returns_the_latest_snapshot_with_hints_and_http_facts(store):
    store.record_fetch("zj", ITEM, fetched(PAGE), {"publisher": "张江镇人民政府"})
    newer = PAGE.replace(b"20.17", b"20.18")
    store.record_fetch("zj", ITEM, fetched(newer, etag='"v2"', at="2026-11-24T08:00:00Z"), {"publisher": "张江镇人民政府"})
    [doc] = store.load_all()
    assert doc.content == newer and doc.content_sha256 == hashlib.sha256(newer).hexdigest()
    assert (doc.source_id, doc.source_uri, doc.http_status, doc.fetched_at) == ("zj", URL, 200, "2026-11-24T08:00:00Z")
    assert doc.media_type == "text/html"
    assert doc.hints == {"publisher": "张江镇人民政府", "url": URL, "declared_encoding": "utf-8"}
    assert store.object_path(hashlib.sha256(PAGE).hexdigest()).exists()  # the older object is kept


def test_same_bytes_again_are_logged_as_unchanged_and_keep_one_object(store):
    assert store.record_fetch("zj", ITEM, fetched(PAGE)) == SNAPSHOT
    assert store.record_fetch("zj", ITEM, fetched(PAGE, at="2026-11-24T08:00:00Z")) == UNCHANGED
    assert len(list((store.root / "objects").rglob("*"))) == 2  # one folder, one object
    assert store.load_all()[0].fetched_at == "2026-11-23T08:00:00Z"


def test_not_modified_keeps_what_the_held_copy_says(store):
    store.record_fetch("zj", ITEM, fetched(PAGE, declared_encoding="gbk", content_type="text/html; charset=gbk"))
    kind = store.record_fetch("zj", ITEM, fetched(None, status=304, etag=None, content_type=None, declared_encoding=None))
    assert kind == UNCHANGED
    last = store.entries()[-1]
    assert (last["status"], last["etag"], last["declared_encoding"]) == (304, '"v1"', "gbk")
    assert store.validators(URL).etag == '"v1"'


def test_not_modified_without_a_held_copy_is_an_error_naming_the_url(store):
    with pytest.raises(ValueError, match="313260.html"):
        store.record_fetch("zj", ITEM, fetched(None, status=304))


def test_validators_come_from_the_latest_copy(store):
    assert store.validators(URL) is None
    store.record_fetch("zj", ITEM, fetched(PAGE, etag=None, last_modified="Thu, 03 Aug 2023 08:00:00 GMT"))
    assert store.validators(URL).headers() == {"If-Modified-Since": "Thu, 03 Aug 2023 08:00:00 GMT"}


def test_listing_pages_are_stored_but_never_become_documents(store):
    listing = "https://www.pudong.gov.cn/zwgk/qtzcxwj-zjz/index.html"
    store.record_fetch("zj", LISTING, fetched(b"<a href='x'>", url=listing))
    assert store.load_all() == []
    assert store.latest_content(listing) == (b"<a href='x'>", "utf-8")
    assert store.known_urls("zj") == set()


def test_failures_are_the_urls_whose_latest_fetch_failed(store):
    gone = URL.replace("313260", "1")
    flaky = URL.replace("313260", "2")
    store.record_failure("zj", ITEM, FetchFailure(gone, "HTTP 404", "2026-11-23T08:00:00Z", status=404))
    store.record_failure("zj", ITEM, FetchFailure(flaky, "HTTP 503, 4 attempt(s)", "2026-11-23T08:00:00Z", retryable=True))
    store.record_failure("zj", ITEM, FetchFailure(URL, "timeout after 20 s, 4 attempt(s)", "2026-11-23T08:00:00Z", retryable=True))
    store.record_fetch("zj", ITEM, fetched(PAGE, at="2026-11-23T09:00:00Z"))
    assert store.failures() == [
        Quarantined("zj", gone, "fetch", "HTTP 404"),
        Quarantined("zj", flaky, "fetch", "HTTP 503, 4 attempt(s)"),
    ]
    # a 404 is not proposed again; a 503 is, until it succeeds
    assert store.known_urls("zj") == {URL, gone}
    assert store.known_urls("other") == set()


def test_the_index_is_append_only_json_lines(store):
    store.record_fetch("zj", ITEM, fetched(PAGE))
    first = store.index_path.read_text(encoding="utf-8")
    store.record_failure("zj", ITEM, FetchFailure(URL, "HTTP 404", "2026-11-24T08:00:00Z", status=404))
    text = store.index_path.read_text(encoding="utf-8")
    assert text.startswith(first)
    rows = [json.loads(line) for line in text.splitlines()]
    assert [r["kind"] for r in rows] == ["snapshot", "failure"]
    assert {"url", "final_url", "fetched_at", "status", "declared_encoding", "etag", "last_modified", "sha256", "source_id"} <= set(rows[0])


def test_a_torn_last_line_is_ignored(store):
    store.record_fetch("zj", ITEM, fetched(PAGE))
    with open(store.index_path, "a", encoding="utf-8") as fh:
        fh.write('{"kind": "snap')
    assert len(store.load_all()) == 1
    other = URL.replace("313260", "7")
    store.record_fetch("zj", ITEM, fetched(b"<p>7</p>", url=other))
    assert [d.source_uri for d in RawStore(store.root).load_all()] == [URL, other]


def test_a_second_reader_sees_what_a_writer_appended_later(store):
    reader = RawStore(store.root)
    assert reader.load_all() == []
    store.record_fetch("zj", ITEM, fetched(PAGE))
    assert [d.source_uri for d in reader.load_all()] == [URL]


def test_a_corrupt_line_is_skipped_and_reported_with_its_number(store):
    store.record_fetch("zj", ITEM, fetched(PAGE))
    with open(store.index_path, "a", encoding="utf-8") as fh:
        fh.write("not json\n[1]\n" + json.dumps({"kind": "snapshot", "url": URL}) + "\n")
    other = URL.replace("313260", "8")
    store.record_fetch("zj", ITEM, fetched(b"<p>8</p>", url=other))
    reader = RawStore(store.root)
    assert [d.source_uri for d in reader.load_all()] == [URL, other]
    problems = reader.problems()
    assert [(q.source_uri, q.stage) for q in problems] == [("index.jsonl:2", "store"), ("index.jsonl:3", "store"), ("index.jsonl:4", "store")]
    assert "line 2 of" in problems[0].reason and "not JSON" in problems[0].reason and "govfacts store repair" in problems[0].reason
    assert "without role, source_id, sha256" in problems[2].reason


def test_a_missing_or_damaged_object_falls_back_to_an_earlier_snapshot(store):
    store.record_fetch("zj", ITEM, fetched(PAGE, at="2026-11-23T08:00:00Z"))
    newer = PAGE.replace(b"20.17", b"20.18")
    store.record_fetch("zj", ITEM, fetched(newer, at="2026-11-24T08:00:00Z"))
    store.object_path(hashlib.sha256(newer).hexdigest()).unlink()
    docs = store.load_all()
    assert [d.content for d in docs] == [PAGE]
    assert [(q.source_uri, q.stage) for q in store.problems()] == [(URL, "store")]
    assert "an earlier snapshot is used" in store.problems()[0].reason
    store.object_path(hashlib.sha256(PAGE).hexdigest()).write_bytes(b"flipped bits")
    assert RawStore(store.root).load_all() == []


def test_load_all_orders_by_source_then_url(store):
    for source_id, url in [("b", URL), ("a", URL + "?2"), ("a", URL + "?1")]:
        store.record_fetch(source_id, ITEM, fetched(url.encode(), url=url))
    assert [(d.source_id, d.source_uri) for d in store.load_all()] == [("a", URL + "?1"), ("a", URL + "?2"), ("b", URL)]


@pytest.mark.parametrize(
    "content_type, url, expected",
    [
        ("text/html; charset=GBK", URL, "text/html"),
        ("application/xhtml+xml", URL, "text/html"),
        ("text/plain;charset=utf-8", URL, "text/plain"),
        (None, "https://x.example/report.txt", "text/plain"),
        (None, URL, "text/html"),
        ("application/pdf", URL, None),
    ],
)
def test_media_type_from_content_type(content_type, url, expected):
    assert media_type_of(content_type, url) == expected


def test_an_empty_store_has_nothing(store):
    assert (store.load_all(), store.failures(), store.known_urls("zj")) == ([], [], set())


def test_repair_drops_records_of_damaged_objects_and_leftovers_and_keeps_the_old_log(store):
    from pipeline.scrape.store_repair import repair, verify

    store.record_fetch("zj", ITEM, fetched(PAGE))
    other = URL.replace("313260", "9")
    store.record_fetch("zj", ITEM, fetched(b"<p>9</p>", url=other))
    damaged = store.object_path(hashlib.sha256(PAGE).hexdigest())
    damaged.write_bytes(b"changed on disk")
    leftover = damaged.parent / ".tmp-abc"
    leftover.write_bytes(b"half")
    check = verify(store.root)
    assert not check.healthy and check.bad_objects == {hashlib.sha256(PAGE).hexdigest(): "damaged"} and check.bad_records == [1]
    assert check.leftovers == [leftover]
    before = store.index_path.read_bytes()
    repair(store.root, "20261202T000000Z")
    assert verify(store.root).healthy
    assert not damaged.exists() and not leftover.exists()
    assert (store.root / "index.jsonl.before-repair-20261202T000000Z").read_bytes() == before
    assert [d.source_uri for d in RawStore(store.root).load_all()] == [other]
    assert store.known_urls("zj") == {other}  # the damaged page will be fetched again
