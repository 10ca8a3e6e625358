"""Publish a release: immutable, versioned, checksummed, written atomically.

A release is built in a hidden temporary folder beside the others and renamed
into place in one step, so a reader never sees half a release; LATEST is
replaced atomically afterwards. Files are made read-only once written. When
the tables equal the previous release's, nothing is published: a rerun with
nothing new leaves LATEST as it is.

A crash must not lose or hide a release either. Every file and the folder
are fsynced before the rename, and LATEST's new content before it replaces
the old, so after a power cut a name never points at missing bytes. A run
killed between the rename and LATEST leaves a complete release nobody
recorded: the next publish verifies every release newer than LATEST against
its manifest and adopts it (it becomes LATEST and the previous version of
the new release), or removes it when it is incomplete; temporary folders of killed runs are removed. The
caller holds the output folder's lock (pipeline.run_lock), so none of these
belongs to a live run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import __version__, schema
from pipeline.ids import sha256_hex
from pipeline.release import csv_file, csv_tables, parquet_file, parquet_tables
from pipeline.release.analyst_db import build_analyst_duckdb
from pipeline.release.csv_export import write_csv
from pipeline.release.dictionary import datapackage
from pipeline.release.diff import changes_markdown, diff_releases, load_release_tables
from pipeline.release.report import render_report
from pipeline.warehouse import view_statements

LATEST = "LATEST"
TEMPORARY_PREFIX = ".tmp-"
VERSION_NAME = re.compile(r"\d{4}\.\d{2}\.\d{2}(?:\.\d+)?")


@dataclass(frozen=True)
class Published:
    version: str | None
    path: Path | None
    previous_version: str | None
    unchanged: bool
    recovered: tuple[str, ...] = ()


def releases_dir(output_dir: Path) -> Path:
    return Path(output_dir) / "releases"


def latest_version(output_dir: Path) -> str | None:
    latest = releases_dir(output_dir) / LATEST
    return latest.read_text(encoding="utf-8").strip() if latest.exists() else None


def next_version(output_dir: Path, today: date) -> str:
    """Calendar version; a second release the same day gets .2, then .3 ..."""
    base = today.strftime("%Y.%m.%d")
    existing = releases_dir(output_dir)
    if not (existing / base).exists():
        return base
    n = 2
    while (existing / f"{base}.{n}").exists():
        n += 1
    return f"{base}.{n}"


def write_parquet(table: pa.Table, path: Path) -> None:
    """Fixed writer options so equal tables give byte-identical files."""
    pq.write_table(table, path, compression="zstd", write_statistics=True, use_dictionary=True)


def _file_entry(path: Path, rows: int | None) -> dict:
    data = path.read_bytes()
    entry = {"sha256": sha256_hex(data), "bytes": len(data)}
    if rows is not None:
        entry["rows"] = rows
    return entry


def _same_tables(previous: dict[str, pa.Table], current: dict[str, pa.Table]) -> bool:
    return all(name in previous and previous[name].equals(current[name]) for name in current)


def _make_read_only(folder: Path) -> None:
    for p in folder.rglob("*"):
        if p.is_file():
            p.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _fsync(path: Path) -> None:
    """Flush a file's or a folder's entries to the disk."""
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _point_latest(root: Path, version: str) -> None:
    """Replace LATEST in one step, its new content on disk first."""
    latest_tmp = root / f".{LATEST}.tmp"
    _write_text(latest_tmp, version + "\n")
    _fsync(latest_tmp)
    os.replace(latest_tmp, root / LATEST)
    _fsync(root)


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split("."))


def _incomplete(folder: Path) -> str | None:
    """Why a release folder does not hold what its manifest lists, or None when it does."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        files = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return f"no readable manifest.json ({type(exc).__name__})"
    if manifest.get("version") != folder.name:
        return f"its manifest names version {manifest.get('version')!r}"
    for name, entry in files.items():
        path = folder / name
        if not path.is_file() or sha256_hex(path.read_bytes()) != entry.get("sha256"):
            return f"{name} is missing or differs from its manifest"
    return None


def recover(output_dir: Path) -> list[str]:
    """Finish what killed runs left: remove temporary folders, adopt or remove
    releases newer than LATEST. Returns one sentence per thing done."""
    root = releases_dir(output_dir)
    notes: list[str] = []
    if not root.is_dir():
        return notes
    for leftover in sorted(root.glob(TEMPORARY_PREFIX + "*")) + sorted(root.glob(f".{LATEST}.tmp")):
        if leftover.is_dir():
            shutil.rmtree(leftover)
        else:
            leftover.unlink()
        notes.append(f"removed {leftover.name}, left by a run that did not finish")
    latest = latest_version(output_dir)
    newer = sorted(
        (p for p in root.iterdir() if p.is_dir() and VERSION_NAME.fullmatch(p.name) and (latest is None or _version_key(p.name) > _version_key(latest))),
        key=lambda p: _version_key(p.name),
    )
    for folder in newer:
        why = _incomplete(folder)
        if why is not None:
            shutil.rmtree(folder)
            notes.append(f"removed release folder {folder.name}: {why}")
            continue
        previous = json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("previous_version")
        compared = "" if previous == latest else f" (its changes are against {previous}, not {latest})"
        _point_latest(root, folder.name)
        notes.append(f"adopted release {folder.name}: complete, but its run stopped before recording it as LATEST{compared}")
        latest = folder.name
    return notes


def publish(output_dir: Path, tables: dict[str, pa.Table], today: date, created_at: str) -> Published:
    """`tables` holds every schema.PUBLISHED_TABLES table by name."""
    missing = [t.name for t in schema.PUBLISHED_TABLES if t.name not in tables]
    if missing:
        raise ValueError(f"cannot publish to {output_dir}: tables {missing} are missing")
    root = releases_dir(output_dir)
    root.mkdir(parents=True, exist_ok=True)
    recovered = tuple(recover(output_dir))
    previous_version = latest_version(output_dir)
    previous = load_release_tables(root / previous_version) if previous_version else None
    if previous is not None and _same_tables(previous, tables):
        return Published(None, root / previous_version, previous_version, unchanged=True, recovered=recovered)

    version = next_version(output_dir, today)
    tmp = root / f"{TEMPORARY_PREFIX}{version}-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        manifest_files: dict[str, dict] = {}
        changes = diff_releases(previous, tables)
        for t in parquet_tables():
            data = changes if t is schema.CHANGES else tables[t.name]
            write_parquet(data, tmp / parquet_file(t))
            manifest_files[parquet_file(t)] = _file_entry(tmp / parquet_file(t), data.num_rows)
        for t in csv_tables():
            write_csv(tables[t.name], tmp / csv_file(t))
            manifest_files[csv_file(t)] = _file_entry(tmp / csv_file(t), tables[t.name].num_rows)
        extras = {
            "CHANGES.md": changes_markdown(changes, previous_version, version, documents=tables["documents"]),
            "report.html": render_report(tables, version, previous_version),
            "datapackage.json": json.dumps(datapackage(tables, version), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
        }
        for name, text in extras.items():
            _write_text(tmp / name, text)
            manifest_files[name] = _file_entry(tmp / name, None)
        db = build_analyst_duckdb(tmp, view_statements())
        manifest_files[db.name] = _file_entry(db, None)
        manifest = {
            "version": version,
            "previous_version": previous_version,
            "created_at": created_at,
            "schema_version": schema.SCHEMA_VERSION,
            "pipeline_version": __version__,
            "files": dict(sorted(manifest_files.items())),
        }
        _write_text(tmp / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
        _make_read_only(tmp)
        for path in sorted(tmp.iterdir()):
            _fsync(path)
        _fsync(tmp)
        tmp.rename(root / version)
        _fsync(root)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _point_latest(root, version)
    return Published(version, root / version, previous_version, unchanged=False, recovered=recovered)
