"""The `snapshots` asset: fetch web publications into the raw store.

One run fetches many URLs (a Dagster run costs ~0.3 s in-process and
seconds from the CLI, a local fetch a few milliseconds: benchmarks/
sensor_run_cost.py), named in the run config by the sensor,
or a whole-source crawl asked for by a schedule. With an empty config it
fetches nothing, so the default pipeline run never touches the network. The
store (`<output_dir>/raw`) is the hand-off to `raw_documents`.

(No `from __future__ import annotations` here: Dagster must see the config
class itself, not a string.)
"""

from pathlib import Path

import dagster as dg

from pipeline.registry import load_registry
from pipeline.resources import GovfactsConfig
from pipeline.scrape.crawl import crawl_source, plan_crawl
from pipeline.scrape.fetch import Fetcher, make_client
from pipeline.scrape.store import RawStore

MAX_REASONS_IN_METADATA = 20


class SnapshotsConfig(dg.Config):
    """urls: pages to fetch, per source id (what the sensor asks for); crawl_sources:
    sources to crawl whole, i.e. their listing pages and, conditionally, every
    publication they link to (what a schedule asks for); crawl_all: every
    enabled web source crawled whole, which stores everything new in them."""

    urls: dict[str, list[str]] = {}
    crawl_sources: list[str] = []
    crawl_all: bool = False


def snapshots_run_config(urls: dict[str, list[str]] | None = None, crawl_sources: list[str] | None = None) -> dict:
    """Run config for a job containing `snapshots`: what the sensor and schedules request."""
    settings: dict = {}
    if urls:
        settings["urls"] = urls
    if crawl_sources:
        settings["crawl_sources"] = crawl_sources
    return {"ops": {"snapshots": {"config": settings}}}


@dg.asset(
    group_name="ingest",
    description="Web pages fetched into the raw store (<output>/raw): the URLs named in the run config, or whole sources.",
)
def snapshots(context: dg.AssetExecutionContext, config: SnapshotsConfig, govfacts: GovfactsConfig) -> dg.MaterializeResult:
    plan = plan_crawl(load_registry(Path(govfacts.sources_dir)), config.urls, config.crawl_sources, config.crawl_all)
    store = RawStore(govfacts.raw_store_dir)
    reports = []
    with make_client() as http:
        client = Fetcher(http)
        for source, only_urls in plan:
            report = crawl_source(source, store, client, only_urls)
            context.log.info(
                f"snapshots: {source.id}: {len(report.snapshots)} new, {len(report.unchanged)} unchanged, {len(report.failures)} failed"
            )
            reports.append(report)
    failures = [f for r in reports for f in r.failures]
    return dg.MaterializeResult(
        metadata={
            "sources": len(reports),
            "new_snapshots": sum(len(r.snapshots) for r in reports),
            "unchanged": sum(len(r.unchanged) for r in reports),
            "failures": len(failures),
            "failure_reasons": dg.MetadataValue.md(
                "\n".join(f"- {f.source_uri}: {f.reason}" for f in failures[:MAX_REASONS_IN_METADATA]) or "none"
            ),
        }
    )
