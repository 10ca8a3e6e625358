"""The release writer: calendar versions, atomic and immutable folders,
nothing published when nothing changed, nothing left behind on failure."""

import json
import shutil
from datetime import date

import pytest

from pipeline.release import writer
from tests.test_release_sample import seed_tables

DAY = date(2026, 11, 23)


def test_versions_and_latest(tmp_path):
    tables = seed_tables()
    first = writer.publish(tmp_path, tables, DAY, "2026-11-23T10:00:00+00:00")
    assert first.version == "2026.11.23" and not first.unchanged
    assert writer.latest_version(tmp_path) == "2026.11.23"
    # Same content again: no new release, LATEST untouched.
    again = writer.publish(tmp_path, tables, DAY, "2026-11-23T11:00:00+00:00")
    assert again.unchanged and again.version is None
    # Changed content the same day: a suffixed version whose diff names the change.
    claims = tables["claims"]
    changed = dict(tables, claims=claims.slice(0, claims.num_rows - 1))
    second = writer.publish(tmp_path, changed, DAY, "2026-11-23T12:00:00+00:00")
    assert second.version == "2026.11.23.2" and second.previous_version == "2026.11.23"
    assert writer.latest_version(tmp_path) == "2026.11.23.2"
    manifest = json.loads((second.path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["previous_version"] == "2026.11.23"
    assert manifest["files"]["changes.parquet"]["rows"] == 1
    assert "removed" in (second.path / "CHANGES.md").read_text(encoding="utf-8")


def test_release_files_are_read_only_and_no_temporary_folder_remains(tmp_path):
    published = writer.publish(tmp_path, seed_tables(), DAY, "t")
    for p in published.path.iterdir():
        assert oct(p.stat().st_mode & 0o222) == "0o0", p.name
    assert [p.name for p in (tmp_path / "releases").iterdir() if p.name.startswith(".")] == []


def test_a_failure_while_writing_leaves_no_release(tmp_path, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("report failed")

    monkeypatch.setattr(writer, "render_report", broken)
    with pytest.raises(RuntimeError, match="report failed"):
        writer.publish(tmp_path, seed_tables(), DAY, "t")
    assert list((tmp_path / "releases").iterdir()) == []
    assert writer.latest_version(tmp_path) is None


def test_missing_tables_are_refused_with_their_names(tmp_path):
    tables = seed_tables()
    del tables["checks"]
    with pytest.raises(ValueError, match="checks"):
        writer.publish(tmp_path, tables, DAY, "t")


def test_an_incomplete_release_newer_than_latest_is_removed_and_a_complete_one_adopted(tmp_path):
    first = writer.publish(tmp_path, seed_tables(), DAY, "t")
    broken = tmp_path / "releases" / "2026.11.23.5"
    broken.mkdir()
    (broken / "claims.parquet").write_bytes(b"half")
    stray = tmp_path / "releases" / "2026.11.23.7"
    shutil.copytree(first.path, stray)
    manifest = json.loads((stray / "manifest.json").read_text(encoding="utf-8"))
    manifest.update(version=stray.name, previous_version="2026.01.01")
    (stray / "manifest.json").chmod(0o644)
    (stray / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    notes = writer.recover(tmp_path)
    assert not broken.exists() and stray.exists()
    assert notes == [
        "removed release folder 2026.11.23.5: no readable manifest.json (FileNotFoundError)",
        "adopted release 2026.11.23.7: complete, but its run stopped before recording it as LATEST"
        " (its changes are against 2026.01.01, not 2026.11.23)",
    ]
    assert writer.latest_version(tmp_path) == stray.name
