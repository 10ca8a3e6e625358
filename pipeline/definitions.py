"""Dagster Definitions: what `dagster dev -w workspace.yaml` loads.

Everything runs in one process (in_process_executor): each step hands its
table to the next through the single-writer DuckDB warehouse, and a
subprocess per step would cost seconds for milliseconds of work.
"""

from __future__ import annotations

import dagster as dg

from pipeline.asset_checks import PIPELINE_CHECKS
from pipeline.assets import PIPELINE_ASSETS
from pipeline.registry import load_registry
from pipeline.resources import GovfactsConfig, WarehouseResource, config_from_env
from pipeline.sensors import build_schedules, build_sensors
from pipeline.snapshot_asset import snapshots

ALL_ASSETS_JOB = "govfacts_all"


def build_definitions(config: GovfactsConfig, loggers: dict | None = None) -> dg.Definitions:
    job = dg.define_asset_job(ALL_ASSETS_JOB, selection=dg.AssetSelection.all(), executor_def=dg.in_process_executor)
    sources = load_registry(config.sources_dir)
    return dg.Definitions(
        assets=[snapshots, *PIPELINE_ASSETS],
        asset_checks=PIPELINE_CHECKS,
        jobs=[job],
        sensors=build_sensors(job),
        schedules=build_schedules(job, sources),
        resources={"govfacts": config, "duckdb": WarehouseResource(database=str(config.warehouse_path), output_dir=config.output_dir)},
        executor=dg.in_process_executor,
        loggers=loggers or {},
    )


defs = build_definitions(config_from_env())
