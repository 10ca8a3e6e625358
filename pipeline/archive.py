"""Read a local archive folder into raw documents.

The DESIGN contract: a folder of .txt or .html files, each with an optional
sidecar NAME.json (pipeline.sidecar). When the folder is a registered archive
source (sources/*.yaml), its registry metadata is the base and a sidecar
refines it.

An archive is a folder someone else filled, so it is read as untrusted, one
file at a time, and every refusal is a quarantine row whose reason names the
file; the other files always go on:

- subfolders are walked; a file is named by its path inside the archive
  (`2023/report.txt`), which is its source_uri when no URL is given. Names
  starting with a dot (.git, editor swap files) are skipped;
- only regular files inside the archive are read: a symbolic link is
  followed only to a regular file inside the archive, and a link to a folder
  is not followed at all (it could loop or lead out);
- a FIFO, device or socket is refused unread: each file is opened once,
  non-blocking (a FIFO without a writer cannot hang the run), and checked on
  the open descriptor, so what is read is what was checked;
- an input larger than MAX_INPUT_BYTES is refused, and never more than that
  is read (a file that grows while being read is refused too).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from pipeline.ids import sha256_hex
from pipeline.model import Quarantined, RawDocument
from pipeline.registry import DEFAULT_SOURCES_DIR, archive_source_for
from pipeline.sidecar import SidecarError, read_sidecar

MEDIA_TYPES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html"}
SIDECAR_SUFFIX = ".json"
LOCAL_SOURCE_ID = "local-archive"
STAGE = "read"
# The fetcher's limit (FetchPolicy.max_bytes): an archived page may be as large as a fetched one.
MAX_INPUT_BYTES = 20_000_000
MAX_SIDECAR_BYTES = 1_000_000
_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_FILE_KINDS = (
    (stat.S_ISDIR, "folder"),
    (stat.S_ISFIFO, "FIFO (named pipe)"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
)


class Refused(Exception):
    """Why one file of the archive is not read; the message completes "NAME ..."."""


def _kind(mode: int) -> str:
    return next((name for test, name in _FILE_KINDS if test(mode)), "special file")


def read_inside(path: Path, root: str, limit: int) -> bytes:
    """The bytes of `path` if it is (or links to) a regular file inside `root` of at most `limit` bytes."""
    real = os.path.realpath(path)
    if os.path.commonpath([root, real]) != root:
        raise Refused(f"is a link to {real}, outside the archive")
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except FileNotFoundError as exc:
        raise Refused("is a link to nothing (dangling)" if path.is_symlink() else "vanished while the archive was read") from exc
    except OSError as exc:
        raise Refused(f"cannot be opened ({exc.strerror})") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(f"is a {_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise Refused(f"is {info.st_size} bytes, more than the {limit} an input may have")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise Refused(f"grew past {limit} bytes while it was read")
        return data
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror})") from exc
    finally:
        os.close(fd)


def walk(folder: Path, problems: list[tuple[str, str]]) -> Iterator[tuple[str, Path]]:
    """(name inside the archive, path) of every non-folder entry, in name order.

    Folders that cannot be listed and links to folders go to `problems` as
    (name, why) instead.
    """
    pending = [("", folder)]
    while pending:
        prefix, current = pending.pop()
        try:
            with os.scandir(current) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problems.append((prefix or ".", f"cannot be listed ({exc.strerror}); nothing in it was read"))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                subfolders.append((name + "/", Path(entry.path)))
            elif entry.is_symlink() and entry.is_dir():
                problems.append((name, "is a link to a folder; links to folders are not followed"))
            else:
                yield name, Path(entry.path)
        pending.extend(reversed(subfolders))


def _sidecar_hints(path: Path, name: str, root: str, source_id: str, quarantined: list[Quarantined]) -> dict:
    """The sidecar's valid values; every dropped value or a refused sidecar is one quarantine row."""
    document = name[: -len(SIDECAR_SUFFIX)]
    try:
        values, problems = read_sidecar(read_inside(path, root, MAX_SIDECAR_BYTES), name)
    except Refused as exc:
        reason = f"sidecar {name} {exc}; {document}.* is read without it"
        quarantined.append(Quarantined(source_id, name, STAGE, reason))
        return {}
    except SidecarError as exc:
        quarantined.append(Quarantined(source_id, name, STAGE, f"{exc}; it was ignored"))
        return {}
    if problems:
        reason = f"sidecar {name}: " + "; ".join(problems) + " — dropped, the document is read without them"
        quarantined.append(Quarantined(source_id, name, STAGE, reason))
    return values


def read_archive(
    folder: Path, sources_dir: Path = DEFAULT_SOURCES_DIR, max_bytes: int = MAX_INPUT_BYTES
) -> tuple[list[RawDocument], list[Quarantined]]:
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"archive folder {folder} does not exist")
    root = os.path.realpath(folder)
    source = archive_source_for(folder, sources_dir)
    source_id = source.id if source else LOCAL_SOURCE_ID
    problems: list[tuple[str, str]] = []
    entries = dict(walk(folder, problems))
    quarantined = [Quarantined(source_id, name, STAGE, f"{name} {why}") for name, why in problems]
    raws: list[RawDocument] = []
    for name, path in entries.items():
        stem, suffix = os.path.splitext(name)
        suffix = suffix.lower()
        if suffix == SIDECAR_SUFFIX:
            if not any(stem + s in entries for s in MEDIA_TYPES):
                quarantined.append(Quarantined(source_id, name, STAGE, f"sidecar {name} has no document beside it"))
            continue
        if suffix not in MEDIA_TYPES:
            quarantined.append(Quarantined(source_id, name, STAGE, f"{name}: not a .txt or .html file"))
            continue
        try:
            content = read_inside(path, root, max_bytes)
        except Refused as exc:
            quarantined.append(Quarantined(source_id, name, STAGE, f"{name} {exc}"))
            continue
        hints = source.document_hints(name) if source else {}
        sidecar = stem + SIDECAR_SUFFIX
        if sidecar in entries:
            hints.update(_sidecar_hints(entries[sidecar], sidecar, root, source_id, quarantined))
        hints["file"] = name
        raws.append(
            RawDocument(
                source_id=source_id,
                source_uri=str(hints.get("url") or name),
                content=content,
                content_sha256=sha256_hex(content),
                media_type=MEDIA_TYPES[suffix],
                hints=hints,
            )
        )
    return raws, quarantined
