"""Dagster sensor and schedules that keep the raw store up to date.

One sensor loops over every enabled web source rather than one sensor per
source: a tick that finds new items anywhere requests a single run naming
all of them, and a run costs seconds of overhead (STACK-NOTES) against
milliseconds of work per page, so per-source sensors would multiply runs for
nothing. The per-source knobs that matter (when to crawl) are the schedules,
one per source, whose cron comes from the source's YAML.

The run key is a hash of the sorted new URLs: a tick that sees the same new
items again (the run has not stored them yet, or they failed for a
retryable reason) does not start a duplicate run.

Evaluating the sensor writes to the raw store: the listing pages it reads
are kept there, so the next tick can ask for them conditionally.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import dagster as dg

from pipeline.registry import Source, web_sources
from pipeline.resources import GovfactsConfig
from pipeline.scrape.crawl import find_new
from pipeline.scrape.fetch import Fetcher, make_client
from pipeline.scrape.store import RawStore
from pipeline.snapshot_asset import snapshots_run_config

SENSOR_NAME = "new_publications_sensor"
SENSOR_INTERVAL_SECONDS = 3600
SCHEDULE_TIMEZONE = "Asia/Shanghai"


def run_key_for(urls: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(urls)).encode("utf-8")).hexdigest()[:32]


def new_publications(settings: GovfactsConfig, client: Fetcher) -> dict[str, list[str]]:
    """New publication URLs per enabled web source (sources with nothing new are left out)."""
    store = RawStore(settings.raw_store_dir)
    found = {s.id: find_new(s, store, client) for s in web_sources(Path(settings.sources_dir))}
    return {source_id: urls for source_id, urls in found.items() if urls}


def build_sensors(job, minimum_interval_seconds: int = SENSOR_INTERVAL_SECONDS) -> list[dg.SensorDefinition]:
    """The new-publications sensor, requesting runs of `job` (which must contain `snapshots`)."""

    @dg.sensor(
        name=SENSOR_NAME,
        job=job,
        minimum_interval_seconds=minimum_interval_seconds,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description="Reads the listing pages of every enabled web source; one run for all new publications.",
    )
    def new_publications_sensor(context: dg.SensorEvaluationContext, govfacts: GovfactsConfig):
        with make_client() as http:
            new = new_publications(govfacts, Fetcher(http))
        if not new:
            return dg.SkipReason("no new publications on the listing pages of the enabled web sources")
        urls = sorted(u for found in new.values() for u in found)
        return dg.RunRequest(
            run_key=run_key_for(urls),
            run_config=snapshots_run_config(urls=new),
            tags={"govfacts/trigger": SENSOR_NAME, "govfacts/new_urls": str(len(urls))},
        )

    return [new_publications_sensor]


def _schedule_name(source: Source) -> str:
    return "crawl_" + re.sub(r"\W", "_", source.id)


def build_schedules(job, sources: list[Source]) -> list[dg.ScheduleDefinition]:
    """One crawl schedule per enabled web source, at the cron of its YAML (daily by default)."""
    return [
        dg.ScheduleDefinition(
            name=_schedule_name(s),
            job=job,
            cron_schedule=s.schedule,
            execution_timezone=SCHEDULE_TIMEZONE,
            run_config=snapshots_run_config(crawl_sources=[s.id]),
            tags={"govfacts/trigger": "schedule", "govfacts/source": s.id},
            default_status=dg.DefaultScheduleStatus.RUNNING,
            description=f"Crawl {s.name} ({s.path.name}): listing pages and every publication they link to.",
        )
        for s in sources
        if s.kind == "web" and s.enabled
    ]
