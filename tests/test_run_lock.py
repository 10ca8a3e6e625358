"""The output-folder lock: exclusive across processes, re-entrant within one,
cleared after a killed holder, and taken by Dagster-launched runs too."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import dagster as dg
import pytest

from pipeline.definitions import ALL_ASSETS_JOB, build_definitions
from pipeline.resources import DEFAULT_ARCHIVE, DEFAULT_SOURCES, GovfactsConfig
from pipeline.run_lock import LOCK_NAME, OutputBusy, output_lock
from tests.limits import ROOT


@pytest.fixture
def holder(tmp_path):
    code = (
        "import time\nfrom pipeline.run_lock import output_lock\n"
        f"with output_lock({str(tmp_path)!r}, 'govfacts run --archive elsewhere'):\n"
        "    print('held', flush=True)\n    time.sleep(120)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().strip() == "held"
    yield proc
    proc.kill()
    proc.wait()


def test_reentrant_in_one_process_and_empty_after_a_clean_exit(tmp_path):
    with output_lock(tmp_path, "outer") as outer:
        assert outer.stale is None
        note = json.loads((tmp_path / LOCK_NAME).read_text(encoding="utf-8"))
        assert note["pid"] == os.getpid() and note["command"] == "outer"
        with output_lock(tmp_path, "inner") as inner:
            assert inner.stale is None
    assert (tmp_path / LOCK_NAME).read_text(encoding="utf-8") == ""
    with output_lock(tmp_path, "again") as again:
        assert again.stale is None


def test_busy_names_the_holder_and_a_killed_holder_is_reported_once(tmp_path, holder):
    with pytest.raises(OutputBusy, match=rf"in use by another run \(pid {holder.pid} on .*govfacts run --archive elsewhere"):
        with output_lock(tmp_path, "second"):
            pass
    holder.kill()
    holder.wait()
    with output_lock(tmp_path, "third") as held:
        assert held.stale["pid"] == holder.pid
        assert "no longer running" in held.stale_message()
    with output_lock(tmp_path, "fourth") as held:
        assert held.stale is None


def test_a_dagster_launched_run_takes_the_lock_too(tmp_path, holder):
    config = GovfactsConfig(archive_dir=str(DEFAULT_ARCHIVE), output_dir=str(tmp_path), sources_dir=str(DEFAULT_SOURCES))
    with dg.DagsterInstance.ephemeral() as instance:
        result = build_definitions(config).resolve_job_def(ALL_ASSETS_JOB).execute_in_process(instance=instance, raise_on_error=False)
    assert not result.success
    failures = [str(e.event_specific_data) for e in result.all_events if e.event_type_value in ("RESOURCE_INIT_FAILURE", "STEP_FAILURE", "RUN_FAILURE")]
    assert any("in use by another run" in f for f in failures), failures
    assert not (tmp_path / "warehouse.duckdb").exists()
