"""Verify and repair the raw store (`govfacts store verify|repair`).

A run survives a damaged store (pipeline.scrape.store skips what it cannot
use) but keeps reporting it; repairing makes the store whole again:

- the log is rewritten without its damaged lines and without the records of
  objects that are missing or no longer hash to their name (their URLs then
  look never fetched, so the next crawl fetches them again, unconditionally);
- damaged objects and temporary files of interrupted writes are deleted;
- nothing else changes, and the old log is kept beside the new one as
  `index.jsonl.before-repair-<UTC time>`, so a repair loses nothing.

The new log is written to a temporary file, fsynced and renamed over the old
one; the caller holds the output folder's lock, so no run appends meanwhile.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ids import sha256_hex
from pipeline.scrape.store import INDEX_NAME, SNAPSHOT, UNCHANGED, parse_entry

TEMPORARY_PREFIX = ".tmp-"


@dataclass
class StoreCheck:
    """What is wrong with a store: line numbers, object names, leftover files."""

    root: Path
    lines: int = 0
    damaged_lines: list[tuple[int, str]] = field(default_factory=list)
    bad_objects: dict[str, str] = field(default_factory=dict)  # sha256 -> "missing" or "damaged"
    bad_records: list[int] = field(default_factory=list)  # lines whose object is bad
    leftovers: list[Path] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not (self.damaged_lines or self.bad_objects or self.leftovers)

    def summary(self) -> list[str]:
        """One line per finding, then a count."""
        index = self.root / INDEX_NAME
        out = [f"{index} line {n}: {why}" for n, why in self.damaged_lines]
        out += [f"object {sha} is {state}" for sha, state in sorted(self.bad_objects.items())]
        out += [f"leftover temporary file {p}" for p in self.leftovers]
        out.append(
            f"{self.lines} log lines, {len(self.damaged_lines)} damaged, {len(self.bad_objects)} missing or damaged objects "
            f"used by {len(self.bad_records)} records, {len(self.leftovers)} leftover temporary files"
        )
        return out


def _object_state(root: Path, sha: str) -> str | None:
    path = root / "objects" / sha[:2] / sha
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return "missing"
    return None if sha256_hex(data) == sha else "damaged"


def verify(root: Path) -> StoreCheck:
    """Read every log line and hash every object the log names."""
    root = Path(root)
    check = StoreCheck(root)
    index = root / INDEX_NAME
    data = index.read_bytes() if index.exists() else b""
    states: dict[str, str | None] = {}
    for number, raw in enumerate(data.split(b"\n")[:-1], start=1):
        check.lines = number
        if not raw.strip():
            continue
        entry, why = parse_entry(raw)
        if entry is None:
            check.damaged_lines.append((number, why))
            continue
        if entry["kind"] in (SNAPSHOT, UNCHANGED):
            sha = entry["sha256"]
            if sha not in states:
                states[sha] = _object_state(root, sha)
            if states[sha] is not None:
                check.bad_objects[sha] = states[sha]
                check.bad_records.append(number)
    if data and not data.endswith(b"\n"):
        check.damaged_lines.append((check.lines + 1, "an unterminated last line (a write cut short)"))
    objects = root / "objects"
    if objects.is_dir():
        check.leftovers = sorted(p for p in objects.glob(f"*/{TEMPORARY_PREFIX}*") if p.is_file())
    return check


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMPORARY_PREFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def repair(root: Path, stamp: str) -> StoreCheck:
    """Make the store whole (see the module docstring); returns what was found before."""
    root = Path(root)
    check = verify(root)
    if check.healthy:
        return check
    index = root / INDEX_NAME
    if check.damaged_lines or check.bad_records:
        dropped = {n for n, _ in check.damaged_lines} | set(check.bad_records)
        lines = index.read_bytes().split(b"\n")
        kept = [line for number, line in enumerate(lines[:-1], start=1) if number not in dropped and line.strip()]
        shutil.copy2(index, index.with_name(f"{INDEX_NAME}.before-repair-{stamp}"))
        _write_atomically(index, b"".join(line + b"\n" for line in kept))
    for sha, state in check.bad_objects.items():
        if state == "damaged":
            (root / "objects" / sha[:2] / sha).unlink()
    for leftover in check.leftovers:
        leftover.unlink()
    return check
