"""The new-publications sensor, the crawl schedules and the snapshots asset, in-process."""

from __future__ import annotations

import dagster as dg
import pytest

from pipeline.registry import load_registry
from pipeline.resources import GovfactsConfig
from pipeline.scrape.crawl import crawl_source
from pipeline.scrape.fetch import Fetcher, make_client
from pipeline.scrape.store import RawStore
from pipeline.sensors import build_schedules, build_sensors, run_key_for
from pipeline.snapshot_asset import snapshots
from tests.test_scrape_discover import (
    OPEN_INFO_ITEMS,
    serve_open_info,
    write_source,
)

ITEM_PATHS = sorted(OPEN_INFO_ITEMS)
JOB = dg.define_asset_job("ingest_test", selection=[snapshots], executor_def=dg.in_process_executor)


@pytest.fixture
def settings(tmp_path, site) -> GovfactsConfig:
    sources = tmp_path / "sources"
    write_source(sources, site, "zj")
    write_source(sources, site, "zj_off", enabled=False)
    (tmp_path / "archive").mkdir()
    return GovfactsConfig(archive_dir=str(tmp_path / "archive"), output_dir=str(tmp_path / "out"), sources_dir=str(sources))


def evaluate_sensor(settings: GovfactsConfig):
    [sensor] = build_sensors(JOB)
    with dg.instance_for_test() as instance:
        context = dg.build_sensor_context(instance=instance, resources={"govfacts": settings})
        return sensor(context)


def test_sensor_requests_one_run_naming_exactly_the_new_items(site, settings):
    serve_open_info(site)
    source = next(s for s in load_registry(settings.sources_dir) if s.id == "zj")
    with make_client() as http:
        crawl_source(source, RawStore(settings.raw_store_dir), Fetcher(http), only_urls=[site.url(ITEM_PATHS[0])])
    request = evaluate_sensor(settings)
    new = [site.url(p) for p in ITEM_PATHS[1:]]
    assert isinstance(request, dg.RunRequest)
    assert request.run_config == {"ops": {"snapshots": {"config": {"urls": {"zj": new}}}}}
    assert request.run_key == run_key_for(new)
    assert request.job_name in (None, JOB.name)


def test_sensor_skips_when_nothing_is_new(site, settings):
    serve_open_info(site)
    source = next(s for s in load_registry(settings.sources_dir) if s.id == "zj")
    with make_client() as http:
        crawl_source(source, RawStore(settings.raw_store_dir), Fetcher(http))
    result = evaluate_sensor(settings)
    assert isinstance(result, dg.SkipReason)


def test_sensor_never_touches_disabled_sources(site, settings, tmp_path):
    serve_open_info(site)
    for path in (tmp_path / "sources").glob("zj.yaml"):
        path.unlink()
    assert isinstance(evaluate_sensor(settings), dg.SkipReason)
    assert site.server.log == []


def test_the_run_key_does_not_depend_on_order():
    assert run_key_for(["b", "a"]) == run_key_for(["a", "b"]) != run_key_for(["a"])


def test_snapshots_asset_stores_exactly_the_requested_pages(site, settings):
    serve_open_info(site)
    wanted = [site.url(p) for p in ITEM_PATHS[:2]]
    result = dg.materialize(
        [snapshots],
        resources={"govfacts": settings},
        run_config={"ops": {"snapshots": {"config": {"urls": {"zj": wanted}}}}},
    )
    assert result.success
    assert [d.source_uri for d in RawStore(settings.raw_store_dir).load_all()] == sorted(wanted)
    metadata = result.asset_materializations_for_node("snapshots")[0].metadata
    assert (metadata["new_snapshots"].value, metadata["failures"].value) == (2, 0)
    assert site.requests_to(ITEM_PATHS[2]) == []


def test_snapshots_asset_with_crawl_all_fetches_every_enabled_source(site, settings):
    serve_open_info(site)
    result = dg.materialize([snapshots], resources={"govfacts": settings}, run_config={"ops": {"snapshots": {"config": {"crawl_all": True}}}})
    docs = RawStore(settings.raw_store_dir).load_all()
    assert result.success
    assert [(d.source_id, d.source_uri) for d in docs] == [("zj", site.url(p)) for p in ITEM_PATHS]


def test_snapshots_asset_with_empty_config_makes_no_request(site, settings):
    result = dg.materialize([snapshots], resources={"govfacts": settings})
    assert result.success
    assert result.asset_materializations_for_node("snapshots")[0].metadata["sources"].value == 0
    assert site.server.log == []


def test_one_schedule_per_enabled_web_source_with_its_cron(site, settings, tmp_path):
    write_source(tmp_path / "sources", site, "weekly", schedule="0 8 * * 1")
    schedules = {s.name: s for s in build_schedules(JOB, load_registry(settings.sources_dir))}
    assert sorted(schedules) == ["crawl_weekly", "crawl_zj"]
    assert schedules["crawl_zj"].cron_schedule == "0 6 * * *"
    assert schedules["crawl_weekly"].cron_schedule == "0 8 * * 1"
    with dg.instance_for_test() as instance:
        data = schedules["crawl_zj"].evaluate_tick(dg.build_schedule_context(instance=instance))
    assert data.run_requests[0].run_config == {"ops": {"snapshots": {"config": {"crawl_sources": ["zj"]}}}}


def test_the_shipped_registry_schedules_nothing_and_its_web_sources_are_off():
    sources = load_registry()
    assert build_schedules(JOB, sources) == []
    assert [s.id for s in sources if s.kind == "web" and s.enabled] == []


def test_sensor_schedules_and_asset_load_together_with_the_project_resource_key(settings):
    defs = dg.Definitions(
        assets=[snapshots],
        jobs=[JOB],
        sensors=build_sensors(JOB),
        schedules=build_schedules(JOB, load_registry(settings.sources_dir)),
        resources={"govfacts": settings},
    )
    dg.Definitions.validate_loadable(defs)
    assert defs.resolve_job_def(JOB.name).name == JOB.name
