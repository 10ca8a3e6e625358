"""Where a run reads and writes: the one configurable resource of the project.

`dagster dev` and `dagster asset materialize` take the folders from the
environment (GOVFACTS_ARCHIVE, GOVFACTS_OUTPUT, GOVFACTS_SOURCES) so the UI
and the CLI produce the same release from the same inputs.
"""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

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


def config_from_env() -> GovfactsConfig:
    return GovfactsConfig(
        archive_dir=os.environ.get("GOVFACTS_ARCHIVE", str(DEFAULT_ARCHIVE)),
        output_dir=os.environ.get("GOVFACTS_OUTPUT", str(DEFAULT_OUTPUT)),
        sources_dir=os.environ.get("GOVFACTS_SOURCES", str(DEFAULT_SOURCES)),
    )
