"""What one sensor-triggered run of `snapshots` costs, against the fetching it does.

A local server (127.0.0.1) serves a listing of N publications. For N in
{1, 20, 100} it measures, on fresh stores, the median of REPEATS:
  - sensor tick: evaluating new_publications_sensor (listing fetch + diff);
  - run: the requested run, in-process executor, on a SQLite-backed instance;
  - plain crawl: crawl_source over the same URLs with no Dagster at all.
run - plain crawl is Dagster's per-run overhead. Prints the figures; no assertions.

    .venv/bin/python benchmarks/sensor_run_cost.py
"""

from __future__ import annotations

import logging
import statistics
import tempfile
import time
from pathlib import Path

import dagster as dg
import yaml
from pytest_httpserver import HTTPServer

from pipeline.registry import load_registry
from pipeline.resources import GovfactsConfig
from pipeline.scrape.crawl import crawl_source
from pipeline.scrape.fetch import Fetcher, make_client
from pipeline.scrape.store import RawStore
from pipeline.sensors import build_sensors
from pipeline.snapshot_asset import snapshots

REPEATS = 3
SIZES = (1, 20, 100)
BODY = "<p>1-5月,共计完成税收20.17亿元,比去年同期13.88亿元增长6.39亿元,增幅45.4%。</p>" * 200


def serve(server: HTTPServer, n: int) -> str:
    server.clear()
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n", content_type="text/plain")
    links = "".join(f'<li><a href="/zwgk/2023/{i}/{i}.html">报告{i}</a></li>' for i in range(n))
    for i in range(n):
        server.expect_request(f"/zwgk/2023/{i}/{i}.html").respond_with_data(
            f"<html><body><h1>报告{i}</h1>{BODY}</body></html>", content_type="text/html; charset=utf-8"
        )
    listing = f"<html><body><ul>{links}</ul></body></html>"
    server.expect_request("/zwgk/index.html").respond_with_data(listing, content_type="text/html; charset=utf-8")
    return server.url_for("/zwgk/index.html")


def write_source(folder: Path, listing: str, port: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    spec = {
        "id": "bench", "kind": "web", "enabled": True, "publisher": "张江镇人民政府",
        "jurisdiction": {"province": "上海市", "town": "张江镇"}, "doc_kind": "work_report",
        "content_profile": "gov_open_info", "listing_urls": [listing],
        "link_pattern": rf"^http://127\.0\.0\.1:{port}/zwgk/\d+/\d+/\d+\.html$",
        "allowed_hosts": ["127.0.0.1"], "fetch": {"min_interval": 0, "timeout": 5},
    }
    (folder / "bench.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")


def one_round(server: HTTPServer, n: int, tmp: Path) -> tuple[float, float, float, int]:
    listing = serve(server, n)
    write_source(tmp / "sources", listing, server.port)
    settings = GovfactsConfig(archive_dir=str(tmp), output_dir=str(tmp / "out"), sources_dir=str(tmp / "sources"))
    job = dg.define_asset_job("ingest_bench", selection=[snapshots], executor_def=dg.in_process_executor)
    [sensor] = build_sensors(job)
    defs = dg.Definitions(assets=[snapshots], jobs=[job], sensors=[sensor], resources={"govfacts": settings})
    resolved = defs.resolve_job_def("ingest_bench")
    (tmp / "dagster_home").mkdir()
    with dg.instance_for_test(temp_dir=str(tmp / "dagster_home")) as instance:
        t0 = time.perf_counter()
        request = sensor(dg.build_sensor_context(instance=instance, resources={"govfacts": settings}))
        t1 = time.perf_counter()
        result = resolved.execute_in_process(run_config=request.run_config, instance=instance)
        t2 = time.perf_counter()
        assert result.success
    stored = len(RawStore(tmp / "out" / "raw").load_all())
    urls = request.run_config["ops"]["snapshots"]["config"]["urls"]["bench"]
    source = load_registry(tmp / "sources")[0]
    t3 = time.perf_counter()
    with make_client() as http:
        crawl_source(source, RawStore(tmp / "plain"), Fetcher(http), only_urls=urls)
    t4 = time.perf_counter()
    return t1 - t0, t2 - t1, t4 - t3, stored


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        print(f"{'N':>4} {'sensor tick':>12} {'run':>12} {'plain crawl':>12} {'overhead':>12} {'stored':>7}")
        for n in SIZES:
            rows = []
            for _ in range(REPEATS):
                with tempfile.TemporaryDirectory() as tmp:
                    rows.append(one_round(server, n, Path(tmp)))
            tick, run, plain = (statistics.median(r[i] for r in rows) for i in range(3))
            ms = [f"{x * 1000:>10.0f}ms" for x in (tick, run, plain, run - plain)]
            print(f"{n:>4} {' '.join(ms)} {rows[0][3]:>7}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
