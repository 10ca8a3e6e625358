"""Where a run reads and writes: the one configurable resource of the project.

`dagster dev` and `dagster asset materialize` take the folders from the
environment (GOVFACTS_ARCHIVE, GOVFACTS_OUTPUT, GOVFACTS_SOURCES) so the UI
and the CLI produce the same release from the same inputs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.run_lock import output_lock
from pipeline.warehouse import check_not_locked

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARCHIVE = PROJECT_ROOT / "sources" / "archive"
DEFAULT_OUTPUT = PROJECT_ROOT / "outputs"
DEFAULT_SOURCES = PROJECT_ROOT / "sources"


class GovfactsConfig(dg.ConfigurableResource):
    archive_dir: str
    output_dir: str
    sources_dir: str

    @property
    def output(self) -> Path:
        return Path(self.output_dir)

    @property
    def warehouse_path(self) -> Path:
        return Path(self.output_dir) / "warehouse.duckdb"

    @property
    def raw_store_dir(self) -> Path:
        return Path(self.output_dir) / "raw"


class WarehouseResource(DuckDBResource):
    """The warehouse, usable only while the run holds its output folder.

    Resources are set up once per run under the in-process executor, so the
    output lock (pipeline.run_lock) is held from the first step to the last,
    whether the run comes from `govfacts run` (which already holds it),
    `dagster asset materialize` or the UI.
    """

    output_dir: str

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["WarehouseResource"]:
        with output_lock(Path(self.output_dir), f"dagster run {getattr(context, 'run_id', None) or ''}".strip()) as held:
            if held.stale is not None and context.log is not None:
                context.log.warning(held.stale_message())
            check_not_locked(Path(self.database))
            yield self


def config_from_env() -> GovfactsConfig:
    return GovfactsConfig(
        archive_dir=os.environ.get("GOVFACTS_ARCHIVE", str(DEFAULT_ARCHIVE)),
        output_dir=os.environ.get("GOVFACTS_OUTPUT", str(DEFAULT_OUTPUT)),
        sources_dir=os.environ.get("GOVFACTS_SOURCES", str(DEFAULT_SOURCES)),
    )
