"""The workspace loads in the Dagster tooling exactly as `dagster dev` would."""

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg

from pipeline.asset_checks import PIPELINE_CHECKS

ROOT = Path(__file__).resolve().parents[1]


def test_dagster_definitions_validate(tmp_path):
    (tmp_path / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path), "GOVFACTS_OUTPUT": str(tmp_path / "out")}
    dagster = Path(sys.executable).with_name("dagster")
    proc = subprocess.run(
        [str(dagster), "definitions", "validate", "-w", "workspace.yaml"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_graph_has_every_stage_and_blocking_checks_upstream_of_release():
    from pipeline.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert {"snapshots", "raw_documents", "documents", "claims", "checks", "warehouse", "release"} <= keys
    release_upstream = {k.to_user_string() for k in graph.get(dg.AssetKey("release")).parent_keys}
    assert {"documents", "claims", "checks", "warehouse"} <= release_upstream
    specs = [spec for checks in PIPELINE_CHECKS for spec in checks.check_specs]
    blocking = {spec.asset_key.to_user_string() for spec in specs if spec.blocking}
    assert {"documents", "claims", "checks"} <= blocking

