"""Scheduled reruns: the sensor finds exactly the new publications, one run
processes them, a rerun with nothing new publishes nothing, and every earlier
claim keeps its claim_id in the next release. Against 127.0.0.1 only."""

import dagster as dg
import pyarrow.parquet as pq

from pipeline.definitions import ALL_ASSETS_JOB, build_definitions
from pipeline.release.writer import latest_version
from pipeline.resources import GovfactsConfig
from pipeline.sensors import build_sensors
from tests.test_scrape_discover import OPEN_INFO_COLUMN, open_info_article, open_info_listing, write_source

FIRST = f"{OPEN_INFO_COLUMN}/2023/215/313260.html"
SECOND = f"{OPEN_INFO_COLUMN}/2023/301/320001.html"
PAGES = {
    FIRST: ("张江镇政府工作报告", "2023-08-03", ["经济形势稳中向好:1-5月,共计完成税收20.17亿元,比去年同期13.88亿元增长6.39亿元,增幅45.4%。"]),
    SECOND: ("张江镇三季度工作情况", "2023-10-20", ["1-9月,完成区级财政收入8.72亿元,比去年同期6.69亿元增长2.03亿元,增幅30.3%。"]),
}


def serve(site, paths):
    site.reset()
    for path in paths:
        title, date, body = PAGES[path]
        site.page(path, open_info_article(title, date, body))
    site.page(f"{OPEN_INFO_COLUMN}/index.html", open_info_listing({p: PAGES[p][:2] for p in paths}))


def tick(defs, settings, instance):
    [sensor] = build_sensors(defs.resolve_job_def(ALL_ASSETS_JOB))
    return sensor(dg.build_sensor_context(instance=instance, resources={"govfacts": settings}))


def run(defs, instance, run_config=None):
    result = defs.resolve_job_def(ALL_ASSETS_JOB).execute_in_process(instance=instance, run_config=run_config or {})
    assert result.success
    return result


def claims_of(settings):
    rel = settings.output / "releases" / latest_version(settings.output)
    return {r["claim_id"]: r for r in pq.read_table(rel / "claims.parquet").to_pylist()}


def test_new_publications_flow_into_a_new_release(site, tmp_path):
    sources = tmp_path / "sources"
    write_source(sources, site, "zj")
    (tmp_path / "archive").mkdir()
    settings = GovfactsConfig(archive_dir=str(tmp_path / "archive"), output_dir=str(tmp_path / "out"), sources_dir=str(sources))
    defs = build_definitions(settings)
    with dg.instance_for_test() as instance:
        serve(site, [FIRST])
        request = tick(defs, settings, instance)
        assert isinstance(request, dg.RunRequest)
        assert request.run_config["ops"]["snapshots"]["config"]["urls"] == {"zj": [site.url(FIRST)]}
        run(defs, instance, request.run_config)
        first_version = latest_version(settings.output)
        first_claims = claims_of(settings)
        assert any(c["surface"] == "6.39亿元" for c in first_claims.values())

        # Nothing new: the sensor skips, and a rerun publishes nothing.
        assert isinstance(tick(defs, settings, instance), dg.SkipReason)
        run(defs, instance)
        assert latest_version(settings.output) == first_version

        # One new publication: exactly it is requested, and the next release
        # keeps every earlier claim with its id and its values.
        serve(site, [FIRST, SECOND])
        request = tick(defs, settings, instance)
        assert request.run_config["ops"]["snapshots"]["config"]["urls"] == {"zj": [site.url(SECOND)]}
        run(defs, instance, request.run_config)
        second_version = latest_version(settings.output)
        assert second_version != first_version
        second_claims = claims_of(settings)
        assert all(second_claims.get(cid) == row for cid, row in first_claims.items())
        assert any(c["surface"] == "8.72亿元" for c in second_claims.values())
        changes = pq.read_table(settings.output / "releases" / second_version / "changes.parquet").to_pylist()
        assert {(c["entity"], c["change"]) for c in changes} == {("document", "added"), ("claim", "added"), ("check", "added")}
