"""Issue 12, row by row: hostile inputs, concurrent runs, scraper limits, a damaged raw store.

Each `test_rowNN_...` is one row of the issue's table, written so that it
failed on the code the issue was filed against. Tests that probe memory or
could hang run their subject in a child process under a memory cap and a
time limit (tests/limits.py); HTTP only ever goes to 127.0.0.1.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from markdown_it import MarkdownIt
from werkzeug import Response

from pipeline import cli, schema, stages, tables
from pipeline.archive import read_archive
from pipeline.documents import build_documents
from pipeline.ids import sha256_hex
from pipeline.model import RawDocument
from pipeline.release.analyst_db import build_analyst_duckdb
from pipeline.release.csv_export import write_csv
from pipeline.release.diff import changes_markdown, diff_releases
from pipeline.release import writer
from pipeline.release.query import run_query
from pipeline.resources import DEFAULT_SOURCES
from pipeline.scrape.fetch import Fetched, Fetcher, FetchFailure, FetchPolicy, make_client
from pipeline.scrape.store import ITEM, RawStore
from pipeline.warehouse import view_statements
from tests.limits import ROOT, run_limited
from tests.test_release_sample import NEWS_ID, seed_tables
from tests.test_scrape_discover import WORK_REPORT_BODY, open_info_article
from tests.test_scrape_fetch import FakeTime
from tests.test_scrape_store import fetched
from tests.hostile_server import PAGE, HostileServer, bombs

REPORT = "经济形势稳中向好：1-5月，共计完成税收20.17亿元，比去年同期13.88亿元增长6.39亿元，增幅45.4%。\n"


def _write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _reasons(quarantined) -> dict[str, str]:
    return {q.source_uri: q.reason for q in quarantined}


def _with_title(title: str) -> dict[str, pa.Table]:
    """The sample release with the news post's title replaced."""
    data = seed_tables()
    docs = data["documents"].to_pylist()
    for d in docs:
        if d["doc_id"] == NEWS_ID:
            d["title"] = title
    data["documents"] = schema.to_arrow(schema.DOCUMENTS, docs)
    return data


# Row 1 ---------------------------------------------------------------------


def _small_archive(folder: Path) -> Path:
    _write(folder, "report.txt", "张江镇2023年上半年工作简报\n各位代表：\n" + REPORT + "上半年，新增就业岗位3844个。\n")
    return folder


def _hold_output_lock(output: Path) -> subprocess.Popen:
    """Another process holding the output folder as a run does (flock on .govfacts.lock, a note inside) until killed."""
    output.mkdir(parents=True, exist_ok=True)
    code = (
        "import fcntl, json, os, socket, time\n"
        f"fh = open({str(output / '.govfacts.lock')!r}, 'a+')\n"
        "fcntl.flock(fh.fileno(), fcntl.LOCK_EX)\n"
        "fh.write(json.dumps({'pid': os.getpid(), 'host': socket.gethostname(), 'started_at': 'now', 'command': 'govfacts run --archive other'}))\n"
        "fh.flush()\nprint('held', flush=True)\ntime.sleep(120)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert holder.stdout.readline().strip() == "held"
    return holder


def _last_run(output: Path) -> dict:
    return json.loads((output / "runs.jsonl").read_text(encoding="utf-8").splitlines()[-1])


def test_row01_a_second_run_on_one_output_is_refused_and_a_killed_runs_lock_is_cleared(tmp_path):
    archive, out = _small_archive(tmp_path / "archive"), tmp_path / "out"
    holder = _hold_output_lock(out)
    try:
        stream = io.StringIO()
        assert cli.run(archive, out, DEFAULT_SOURCES, stream) == 2
        line = stream.getvalue().strip().splitlines()[-1]
        assert "in use by another run" in line and f"pid {holder.pid}" in line and "govfacts run --archive other" in line
        assert not (out / "releases").exists() and not (out / "warehouse.duckdb").exists()  # nothing written, nothing mixed
        last = _last_run(out)
        assert last["success"] is False and last["release"] is None and f"pid {holder.pid}" in last["why"]
    finally:
        holder.kill()  # SIGKILL: no clean-up runs, the note stays in the lock file
        holder.wait()
    stream = io.StringIO()
    assert cli.run(archive, out, DEFAULT_SOURCES, stream) == 0
    assert f"cleared the stale lock of a run that did not finish (pid {holder.pid}" in stream.getvalue()
    assert _last_run(out)["success"] is True and _last_run(out)["archive"] == str(archive)


# Row 2 ---------------------------------------------------------------------


def test_row02_a_symlink_out_of_the_archive_is_refused_not_published(tmp_path):
    archive = tmp_path / "archive"
    _write(archive, "good.txt", REPORT)
    secret = _write(tmp_path, "secret.txt", "root:x:0:0:root:/root:/bin/bash\n")
    (archive / "passwd.txt").symlink_to(secret)
    (archive / "etc.txt").symlink_to("/etc/passwd")
    raws, quarantined = read_archive(archive)
    assert [r.source_uri for r in raws] == ["good.txt"]
    reasons = _reasons(quarantined)
    assert "passwd.txt is a link to" in reasons["passwd.txt"] and "outside the archive" in reasons["passwd.txt"]
    assert "outside the archive" in reasons["etc.txt"]


# Row 3 ---------------------------------------------------------------------


def test_row03_a_dangling_link_or_an_unreadable_file_is_quarantined_and_the_rest_is_published(tmp_path, monkeypatch):
    archive, out = _small_archive(tmp_path / "archive"), tmp_path / "out"
    (archive / "dangling.txt").symlink_to(archive / "gone.txt")
    locked = _write(archive, "locked.txt", REPORT + "上半年新增就业岗位3844个。")
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the kernel's refusal happen for this one file
        real_open = os.open

        def refusing_open(path, flags, *args, **kwargs):
            if os.fspath(path) == os.path.realpath(locked):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing_open)
    stream = io.StringIO()
    assert cli.run(archive, out, DEFAULT_SOURCES, stream) == 0, stream.getvalue()
    release = out / "releases" / writer.latest_version(out)
    assert pq.read_table(release / "documents.parquet")["source_uri"].to_pylist() == ["report.txt"]
    reasons = {q["source_uri"]: q["reason"] for q in pq.read_table(release / "quarantine.parquet").to_pylist()}
    assert reasons == {
        "dangling.txt": "dangling.txt is a link to nothing (dangling)",
        "locked.txt": "locked.txt cannot be opened (Permission denied)",
    }


# Row 4 ---------------------------------------------------------------------


def test_row04_a_fifo_and_a_link_to_dev_zero_neither_hang_nor_exhaust_memory(tmp_path):
    archive = tmp_path / "archive"
    _write(archive, "good.txt", REPORT)
    os.mkfifo(archive / "x.txt")
    (archive / "zero.txt").symlink_to("/dev/zero")
    large = tmp_path / "large"
    _write(large, "huge.txt", b"0" * 3000)
    names, reasons, capped = run_limited(
        f"""
        import json
        from pipeline.archive import read_archive
        raws, quarantined = read_archive({str(archive)!r})
        capped = read_archive({str(large)!r}, max_bytes=2000)[1]
        print(json.dumps([[r.source_uri for r in raws], {{q.source_uri: q.reason for q in quarantined}}, [q.reason for q in capped]]))
        """,
        memory_mb=400, timeout=20,
    )
    assert names == ["good.txt"]
    assert reasons["x.txt"] == "x.txt is a FIFO (named pipe), not a regular file"
    assert reasons["zero.txt"] == "zero.txt is a link to /dev/zero, outside the archive"
    assert capped == ["huge.txt is 3000 bytes, more than the 2000 an input may have"]


# Row 5 ---------------------------------------------------------------------


def test_row05_a_long_line_with_numbers_stores_capped_sentences_in_bounded_memory(tmp_path):
    line = ("完成税收20.17亿元比去年同期13.88亿元增长6.39亿元新增就业岗位3844个" * 2000)[:64_000]
    text = "张江镇简报\n各位代表，上半年经济稳中向好。\n" + line + "\n上半年完成税收20.17亿元。\n"
    _write(tmp_path, "long.txt", text)
    result = run_limited(
        f"""
        import json
        from pathlib import Path
        from pipeline import stages, tables
        from pipeline.extract.sentences import split_sentences
        raws, _ = stages.read_raw(Path({str(tmp_path)!r}), Path({str(tmp_path)!r}), Path({str(tmp_path / "none")!r}))
        docs, _ = stages.build_all_documents(raws)
        rows, problems = stages.extract_all_claims(docs)
        table = tables.claims_table(rows)
        text = docs[0].text
        print(json.dumps({{
            "claims": len(rows), "problems": len(problems), "table_bytes": table.nbytes,
            "longest_sentence": max(e - s for s, e in split_sentences(text)),
            "longest_stored": max((len(r.claim.sentence) for r in rows), default=0),
            "offsets_hold": all(text[r.claim.sentence_start:r.claim.sentence_start + len(r.claim.sentence)] == r.claim.sentence
                                and r.claim.sentence_start <= r.claim.char_start and r.claim.char_end <= r.claim.sentence_start + len(r.claim.sentence)
                                for r in rows),
        }}))
        """,
        memory_mb=900, timeout=60,
    )
    assert result["claims"] > 5_000 and result["problems"] == 0
    assert result["longest_sentence"] <= 2000 and result["longest_stored"] <= 500
    assert result["offsets_hold"]
    assert result["table_bytes"] < 40_000_000


# Row 6 ---------------------------------------------------------------------


def test_row06_near_duplicate_comparison_is_bounded_in_time_and_memory():
    copies = run_limited(
        """
        import json
        from pipeline.model import Document
        from pipeline.documents.duplicates import link_duplicates
        from pipeline.validate.cross_source import compare_duplicates

        def sentence(k, town):
            return f"第{k}项，{town}新增就业岗位{k * 37 % 9973}个，完成税收{k % 97}.{k % 10}亿元，比去年同期增长{k % 23}.{k % 7}%。"

        a = "".join(sentence(k, "张江镇") for k in range(7500))
        b = "".join(sentence(k, "张江乡" if k % 40 == 7 else "张江镇") for k in range(7500))
        docs = [Document("d1", "u1", "s", "h1", a, published_date="2023-01-01"), Document("d2", "u2", "s", "h2", b, published_date="2023-02-01")]
        linked = link_duplicates(docs)
        checks = compare_duplicates(linked, [])
        print(json.dumps([len(a.encode()), [d.duplicate_of for d in linked], sum(c.verdict == "inconsistent" for c in checks)]))
        """,
        memory_mb=500, timeout=25,
    )
    assert copies[0] > 750_000 and copies[1] == [None, "d1"]
    assert copies[2] == len(range(7, 7500, 40))  # every altered sentence found, none invented
    large = run_limited(
        """
        import json
        from pipeline.model import Document
        from pipeline.documents.duplicates import link_duplicates
        big = "".join(f"第{k}段，张江镇新增就业岗位{k * 37 % 9973}个，完成税收{k % 97}.{k % 10}亿元。" for k in range(70_000))
        part = big[len(big) // 3 : len(big) // 3 + len(big) // 4]
        docs = [Document("d1", "u1", "s", "h1", big, published_date="2023-01-01"), Document("d2", "u2", "s", "h2", part, published_date="2023-02-01")]
        print(json.dumps([len(big), [d.duplicate_of for d in link_duplicates(docs)]]))
        """,
        memory_mb=110, timeout=30,
    )
    assert large == [large[0], [None, "d1"]] and large[0] > 2_000_000


# Row 7 ---------------------------------------------------------------------


def test_row07_sidecar_values_are_checked_bad_ones_dropped_with_a_row_naming_file_and_field(tmp_path):
    archive = tmp_path / "archive"
    sidecars = {
        "a": {"published": "2023-13-45", "title": "张江镇简报"},
        "b": {"published": "not a date", "url": 42},
        "c": {"published": {"y": 2023}, "publisher": "张江镇"},
        "d": {"published": "2023-04", "url": "https://www.pudong.gov.cn/zjz/1.html"},
    }
    for stem, sidecar in sidecars.items():
        _write(archive, f"{stem}.txt", REPORT.replace("20.17", f"2{len(stem)}.1{ord(stem)}"))
        _write(archive, f"{stem}.json", json.dumps(sidecar, ensure_ascii=False))
    _write(archive, "e.txt", REPORT.replace("20.17", "30.17"))
    _write(archive, "e.json", b"\xef\xbb\xbf" + json.dumps({"published": "2023-08-03"}).encode())
    raws, quarantined = read_archive(archive)
    by_file = {r.hints["file"]: r for r in raws}
    assert sorted(by_file) == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]  # every document still read
    assert "published_date" not in by_file["a.txt"].hints and by_file["a.txt"].hints["title"] == "张江镇简报"
    assert by_file["b.txt"].source_uri == "b.txt" and "url" not in by_file["b.txt"].hints
    assert by_file["c.txt"].hints["publisher"] == "张江镇" and "published_date" not in by_file["c.txt"].hints
    assert by_file["d.txt"].hints["published_date"] == "2023-04"
    assert by_file["d.txt"].source_uri == "https://www.pudong.gov.cn/zjz/1.html"
    assert by_file["e.txt"].hints["published_date"] == "2023-08-03"  # a BOM is tolerated
    reasons = _reasons(quarantined)
    assert set(reasons) == {"a.json", "b.json", "c.json"}
    assert 'field published "2023-13-45" is not an ISO 8601 date' in reasons["a.json"]
    assert 'field published "not a date"' in reasons["b.json"] and "field url 42 is not an http(s) URL" in reasons["b.json"]
    assert 'field published {"y": 2023}' in reasons["c.json"]
    docs = [d for r in raws for d in build_documents(r)[0]]
    assert {d.published_date for d in docs} <= {None, "2023-04", "2023-08-03"}


# Row 8 ---------------------------------------------------------------------


def test_row08_subfolders_are_read_and_two_bad_inputs_sharing_a_url_get_a_row_each(tmp_path):
    archive = tmp_path / "archive"
    _write(archive, "2023/report.txt", REPORT)
    for name, blank in (("x.txt", b""), ("y.txt", b" \n")):
        _write(archive, name, blank)
        _write(archive, name.replace(".txt", ".json"), json.dumps({"url": "https://www.pudong.gov.cn/zjz/same.html"}))
    raws, read_problems = read_archive(archive)
    assert sorted(r.hints["file"] for r in raws) == ["2023/report.txt", "x.txt", "y.txt"]
    docs, problems = stages.build_all_documents(raws)
    assert [d.source_uri for d in docs] == ["2023/report.txt"]
    rows = tables.quarantine_table(read_problems + problems).to_pylist()
    assert sorted(r["source_uri"] for r in rows) == ["x.txt", "y.txt"]
    assert all("empty input" in r["reason"] for r in rows)


# Row 9 ---------------------------------------------------------------------


def test_row09_a_failure_ends_with_its_cause_and_path_in_one_line(tmp_path, monkeypatch):
    archive, out = _small_archive(tmp_path / "archive"), tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time\nc = duckdb.connect({str(out / 'warehouse.duckdb')!r})\nprint('open', flush=True)\ntime.sleep(120)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "--archive", str(archive), "--output", str(out)],
                              capture_output=True, text=True, timeout=60, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert time.monotonic() - started < 40  # not dagster-duckdb's ~100 s of retries
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode == 2
    line = proc.stderr.strip().splitlines()[-1]
    assert "file locked by another process" in line and str(out / "warehouse.duckdb") in line and f"PID {holder.pid}" in line
    assert _last_run(out)["why"] in line

    def disk_full(table, path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(writer, "write_parquet", disk_full)
    stream = io.StringIO()
    assert cli.run(archive, out, DEFAULT_SOURCES, stream) == 1
    line = stream.getvalue().strip().splitlines()[-1]
    assert "step release: disk full: OSError: [Errno 28] No space left on device:" in line and "/releases/.tmp-" in line
    assert "\n" not in _last_run(out)["why"] and "disk full" in _last_run(out)["why"]
    assert not any(p.name.startswith(".tmp-") for p in (out / "releases").iterdir())


# Row 10 --------------------------------------------------------------------


def _csv_titles(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [row["title"] for row in csv.DictReader(fh)]


def test_row10_a_formula_in_a_title_is_text_in_the_spreadsheet_copies(tmp_path):
    for title in ('=HYPERLINK("http://evil.example","点击")', "@SUM(1+1)*cmd|' /C calc'!A0"):
        page = f"<html><head><title>{title}</title></head><body><div><p>{REPORT}</p></div></body></html>"
        raw = RawDocument("s", "p.html", page.encode(), sha256_hex(page.encode()), "text/html")
        doc = build_documents(raw)[0][0]
        assert doc.title[0] in "=@"  # an HTML <title> is enough to carry one
        write_csv(tables.documents_table([doc]), tmp_path / "page.csv")
        assert _csv_titles(tmp_path / "page.csv") == ["'" + doc.title]
    for title in ("=1+1", "+1-2", "-2+3", "@A1", "\t=1", "\r=1"):
        data = _with_title(title)
        write_csv(data["documents"], tmp_path / "documents.csv")
        assert "'" + title in _csv_titles(tmp_path / "documents.csv")
        assert title in data["documents"]["title"].to_pylist()  # Parquet keeps the title as published
    write_csv(seed_tables()["claims"], tmp_path / "claims.csv")
    with (tmp_path / "claims.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert all(not row["value"].startswith("'") for row in csv.DictReader(fh))  # numbers stay numbers


# Row 11 --------------------------------------------------------------------


def test_row11_escape_sequences_in_a_title_never_reach_the_terminal(tmp_path):
    page = "<html><head><title>&#27;]0;pwned&#7;&#27;[2J&#155;31m简报&#8238;</title></head><body><div><p>" + REPORT + "</p></div></body></html>"
    raw = RawDocument("s", "p.html", page.encode(), sha256_hex(page.encode()), "text/html")
    title = build_documents(raw)[0][0].title
    assert "\x1b" in title  # the data keeps what the page said
    release = tmp_path / "releases" / "2026.11.23"
    release.mkdir(parents=True)
    for name, table in _with_title(title).items():
        pq.write_table(table, release / f"{name}.parquet")
    build_analyst_duckdb(release, view_statements())
    (tmp_path / "releases" / "LATEST").write_text("2026.11.23\n", encoding="utf-8")
    for as_csv in (False, True):
        out, err = io.StringIO(), io.StringIO()
        assert run_query(tmp_path, "SELECT title FROM documents", as_csv, out, err=err) == 0
        shown = out.getvalue()
        assert "简报" in shown
        assert not any(ch in shown for ch in "\x1b\x07\x9b\u202e"), repr(shown)


# Row 12 --------------------------------------------------------------------


def test_row12_a_title_cannot_inject_headings_html_or_links_into_changes_md():
    title = "简报\n# Injected heading\n<img src=x onerror=alert(1)> [点我](javascript:alert(1)) <javascript:alert(2)> **bold**"
    before = seed_tables()
    after = _with_title(title)
    after["documents"] = after["documents"].filter(pa.compute.equal(after["documents"]["doc_id"], NEWS_ID))
    before["documents"] = before["documents"].filter(pa.compute.not_equal(before["documents"]["doc_id"], NEWS_ID))
    text = changes_markdown(diff_releases(before, after), "2026.11.22", "2026.11.23", documents=after["documents"])
    assert not any(line.startswith("# Injected") for line in text.splitlines())
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<img" not in html and "href=" not in html and "<strong>" not in html
    assert "<h1>Changes in govfacts 2026.11.23</h1>" in html and html.count("<h1>") == 1
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


# Rows 13-15: the fetcher against a hostile server on 127.0.0.1 --------------


@pytest.fixture(scope="module")
def hostile():
    with HostileServer() as server:
        yield server


def test_row13_slow_servers_meet_an_overall_deadline_and_hosts_are_fetched_concurrently(hostile, tmp_path):
    spec = {
        "id": "slow", "kind": "web", "enabled": True, "publisher": "张江镇", "jurisdiction": "上海市浦东新区张江镇",
        "doc_kind": "news_post", "content_profile": "generic", "listing_urls": [hostile.url("/index.html")],
        "link_pattern": "slow", "allowed_hosts": ["127.0.0.1", "localhost"],
        "fetch": {"timeout": 1.0, "deadline": 2.0, "max_retries": 2, "backoff": 0, "min_interval": 0},
    }
    (tmp_path / "slow.yaml").write_text(json.dumps(spec), encoding="utf-8")
    result = run_limited(
        f"""
        import json, time
        from pathlib import Path
        from pipeline.registry import load_source
        from pipeline.scrape.crawl import crawl_source, policy_for
        from pipeline.scrape.fetch import Fetcher, make_client
        from pipeline.scrape.store import RawStore
        source = load_source(Path({str(tmp_path / "slow.yaml")!r}))
        out = {{}}
        with make_client() as http:
            fetcher = Fetcher(http)
            for path in ("/slow-headers", "/slow-body"):
                started = time.monotonic()
                result = fetcher.fetch({hostile.url("")!r} + path, source.allowed_hosts, policy_for(source))
                out[path] = [type(result).__name__, getattr(result, "reason", ""), time.monotonic() - started]
            started = time.monotonic()
            report = crawl_source(source, RawStore(Path({str(tmp_path / "raw")!r})), Fetcher(http),
                                  only_urls=[{hostile.url("/slow-body")!r}, {hostile.url("/slow-body", "localhost")!r}])
            out["crawl"] = [len(report.failures), time.monotonic() - started]
        print(json.dumps(out))
        """,
        memory_mb=400, timeout=40,
    )
    for path in ("/slow-headers", "/slow-body"):
        kind, reason, seconds = result[path]
        assert kind == "FetchFailure" and reason == "no complete response within the 2 s deadline", result
        assert seconds < 4.5, result  # one deadline, not one per read or per retry
    failures, seconds = result["crawl"]
    assert failures == 2 and seconds < 3.9, result  # the two hosts' 2 s deadlines ran side by side


def test_row14_nested_or_oversized_encodings_stay_within_the_size_limit_and_fetch_never_raises(hostile):
    bombs()  # build the payloads before timing anything
    result = run_limited(
        f"""
        import json
        from pipeline.scrape import fetch
        policy = fetch.FetchPolicy(max_bytes=2_000_000, timeout=5, max_retries=0, min_interval=0)
        out = {{}}
        with fetch.make_client() as http:
            fetcher = fetch.Fetcher(http)
            for path in ("/bomb-double", "/bomb-single", "/gzip-page"):
                result = fetcher.fetch({hostile.url("")!r} + path, ["127.0.0.1"], policy)
                out[path] = [type(result).__name__, getattr(result, "reason", None) or result.content.decode("utf-8")]
            def exhausted(*args, **kwargs):
                raise MemoryError()
            fetch.BodyReader.read = exhausted
            result = fetcher.fetch({hostile.url("/gzip-page")!r}, ["127.0.0.1"], policy)
            out["memory"] = [type(result).__name__, result.reason]
        print(json.dumps(out))
        """,
        memory_mb=200, timeout=60,
    )
    assert result["/bomb-double"] == ["FetchFailure", "Content-Encoding gzip, gzip: more than one layer; only one is decoded"]
    assert result["/bomb-single"] == ["FetchFailure", "too large: more than 2000000 bytes once decoded (gzip)"]
    assert result["/gzip-page"] == ["Fetched", PAGE]
    assert result["memory"][0] == "FetchFailure" and "MemoryError" in result["memory"][1]


def test_row15_retry_after_is_honoured_within_a_bound_and_recorded_beyond_it(site, tmp_path):
    clock = FakeTime()
    with make_client() as http:
        fetcher = Fetcher(http, clock=clock.clock, sleep=clock.sleep)
        policy = FetchPolicy(max_retries=3, backoff=1.0, min_interval=0, timeout=1.0)  # waits up to 60 s
        site.server.expect_request("/later.html").respond_with_data("busy", status=429, headers={"Retry-After": "3600"})
        result = fetcher.fetch(site.url("/later.html"), ["127.0.0.1"], policy)
        assert clock.sleeps == [] and len(site.requests_to("/later.html")) == 1  # no 1, 2, 4 s retries
        assert isinstance(result, FetchFailure) and result.retryable and result.status == 429 and result.retry_after == 3600
        assert "Retry-After 3600 s" in result.reason
        other = site.page("/other.html", "<html><body>x</body></html>")
        refused = fetcher.fetch(other, ["127.0.0.1"], policy)  # the host asked for an hour's rest
        assert isinstance(refused, FetchFailure) and "Retry-After" in refused.reason and site.requests_to("/other.html") == []
        store = RawStore(tmp_path / "raw")
        store.record_failure("zj", ITEM, result)
        assert store.entries()[-1]["retry_after"] == 3600
    clock = FakeTime()
    with make_client() as http:
        fetcher = Fetcher(http, clock=clock.clock, sleep=clock.sleep)
        when = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=30), usegmt=True)
        answers = iter([Response("busy", status=503, headers={"Retry-After": "2"}),
                        Response("busy", status=503, headers={"Retry-After": when}),
                        Response("<html><body>ok</body></html>", content_type="text/html")])
        site.server.expect_request("/soon.html").respond_with_handler(lambda request: next(answers))
        result = fetcher.fetch(site.url("/soon.html"), ["127.0.0.1"], policy)
        assert isinstance(result, Fetched)
        assert clock.sleeps[0] == 2 and 28 <= clock.sleeps[1] <= 30


# Row 16 --------------------------------------------------------------------


def test_row16_a_damaged_raw_store_is_skipped_reported_and_repaired(tmp_path):
    archive, out = _small_archive(tmp_path / "archive"), tmp_path / "out"
    store = RawStore(out / "raw")
    page = open_info_article("张江镇简报", "2023-08-03", WORK_REPORT_BODY).encode("utf-8")
    lost = open_info_article("张江镇要点", "2023-02-14", WORK_REPORT_BODY + ["上半年，新增就业岗位3844个。"]).encode("utf-8")
    store.record_fetch("zj", ITEM, fetched(page, url="http://127.0.0.1/zwgk/1.html"))
    store.record_fetch("zj", ITEM, fetched(lost, url="http://127.0.0.1/zwgk/2.html"))
    with open(store.index_path, "a", encoding="utf-8") as fh:
        fh.write('{"kind": "snapshot", "url": "http://127.0.0.1/zwgk/3.html", "sha2\n')
    store.object_path(sha256_hex(lost)).unlink()
    stream = io.StringIO()
    assert cli.run(archive, out, DEFAULT_SOURCES, stream) == 0, stream.getvalue()
    assert "damaged raw-store entries skipped" in stream.getvalue()
    release = out / "releases" / writer.latest_version(out)
    assert "http://127.0.0.1/zwgk/1.html" in pq.read_table(release / "documents.parquet")["source_uri"].to_pylist()
    rows = {q["source_uri"]: q["reason"] for q in pq.read_table(release / "quarantine.parquet").to_pylist() if q["stage"] == "store"}
    assert set(rows) == {"index.jsonl:3", "http://127.0.0.1/zwgk/2.html"}
    assert "line 3 of" in rows["index.jsonl:3"] and "is missing or damaged" in rows["http://127.0.0.1/zwgk/2.html"]
    report = io.StringIO()
    assert cli.store("verify", out, report) == 1
    assert f"{store.index_path} line 3: not JSON" in report.getvalue()
    assert cli.store("repair", out, io.StringIO()) == 0
    assert cli.store("verify", out, io.StringIO()) == 0
    assert len(list((out / "raw").glob("index.jsonl.before-repair-*"))) == 1
    assert [d.source_uri for d in RawStore(out / "raw").load_all()] == ["http://127.0.0.1/zwgk/1.html"]


# Row 17 --------------------------------------------------------------------

DAY = date(2026, 11, 23)


def _shrunk(data: dict[str, pa.Table], rows: int) -> dict[str, pa.Table]:
    return dict(data, claims=data["claims"].slice(0, data["claims"].num_rows - rows))


def test_row17_a_killed_publish_never_hides_a_release_or_leaves_temporary_folders(tmp_path):
    data = seed_tables()
    first = writer.publish(tmp_path, data, DAY, "t1")
    second = writer.publish(tmp_path, _shrunk(data, 1), DAY, "t2")
    # A kill while writing: the child dies inside publish, leaving its temporary folder.
    _kill_inside_publish(tmp_path)
    assert any(p.name.startswith(".tmp-") for p in (tmp_path / "releases").iterdir())
    # A kill between the rename and LATEST: the second release is complete but unrecorded.
    (tmp_path / "releases" / "LATEST").write_text(first.version + "\n", encoding="utf-8")
    third = writer.publish(tmp_path, _shrunk(data, 2), DAY, "t3")
    assert third.previous_version == second.version  # the unrecorded release was adopted into the chain
    assert writer.latest_version(tmp_path) == third.version
    assert any("adopted release " + second.version in note for note in third.recovered)
    assert any(note.startswith("removed .tmp-") for note in third.recovered)
    assert not any(p.name.startswith(".") for p in (tmp_path / "releases").iterdir())


def _kill_inside_publish(output: Path) -> None:
    code = f"""
import os, signal
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pipeline.release import writer
from tests.test_release_sample import seed_tables
def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
writer.render_report = killed
data = seed_tables()
writer.publish({str(output)!r}, dict(data, claims=data["claims"].slice(0, 1)), date(2026, 11, 23), "t")
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert proc.returncode == -9


def test_row17_every_file_and_folder_is_fsynced_before_its_rename(tmp_path, monkeypatch):
    events: list[tuple[str, str]] = []
    real_fsync, real_rename, real_replace = os.fsync, os.rename, os.replace

    def fsync(fd):
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        return real_fsync(fd)

    def rename(src, dst, *args, **kwargs):
        events.append(("rename", os.fspath(src)))
        return real_rename(src, dst, *args, **kwargs)

    def replace(src, dst, *args, **kwargs):
        events.append(("replace", os.fspath(src)))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(os, "replace", replace)
    published = writer.publish(tmp_path, seed_tables(), DAY, "t")
    renamed = next(i for i, (kind, path) in enumerate(events) if kind == "rename" and ".tmp-" in path)
    tmp = events[renamed][1]
    synced = {path for kind, path in events[:renamed] if kind == "fsync"}
    assert {str(Path(tmp) / p.name) for p in published.path.iterdir()} | {tmp} <= synced
    latest = next(i for i, (kind, path) in enumerate(events) if kind == "replace" and path.endswith(".LATEST.tmp"))
    assert ("fsync", events[latest][1]) in events[renamed:latest]
    assert ("fsync", str(tmp_path / "releases")) in events[latest:]


# Row 18 --------------------------------------------------------------------


def test_row18_one_invalid_byte_or_deep_nesting_keeps_the_text_and_says_where(tmp_path):
    good = ("各位代表：\n" + REPORT * 3).encode("utf-8")
    damaged = good[:40] + b"\xff" + good[40:]
    raw = RawDocument("s", "damaged.txt", damaged, sha256_hex(damaged), "text/plain", hints={"file": "damaged.txt"})
    docs, notes = build_documents(raw)
    assert len(docs) == 1 and "20.17亿元" in docs[0].text and "\ufffd" in docs[0].text
    assert [(n.source_uri, n.stage) for n in notes] == [("damaged.txt", "decode")]
    assert "byte offset(s) 40 " in notes[0].reason
    gbk = ("各位代表：\n" + REPORT).encode("gbk")  # still read as what it is, not as damaged UTF-8
    assert "20.17亿元" in build_documents(RawDocument("s", "gbk.txt", gbk, sha256_hex(gbk), "text/plain"))[0][0].text
    noise = bytes(range(0x80, 0x100)) * 8
    _, refused = build_documents(RawDocument("s", "noise.txt", noise, sha256_hex(noise), "text/plain"))
    assert "first invalid UTF-8 byte at offset 0" in refused[0].reason
    for depth in (254, 300, 3000):
        page = ("<html><head><title>简报</title></head><body>" + "<div>" * depth + f"<p>{REPORT}</p>" + "</div>" * depth
                + "<p>上半年，新增就业岗位3844个。</p></body></html>").encode("utf-8")
        docs, problems = build_documents(RawDocument("s", f"deep{depth}.html", page, sha256_hex(page), "text/html"))
        assert problems == [], problems
        assert "20.17亿元" in docs[0].text and "3844个" in docs[0].text, depth
