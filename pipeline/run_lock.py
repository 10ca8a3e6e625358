"""One run at a time per output folder.

Two runs writing one folder mix their data: each step hands its table to the
next through the one warehouse file, so run A's release could hold run B's
documents. A run therefore holds an exclusive lock on `OUTPUT/.govfacts.lock`
for its whole length; a second run finds it held and is refused (the
command line exits with code 2), with the holder named.

The lock is an advisory `flock` on an open file, so the kernel releases it
when its process ends, however it ends: a run killed with SIGKILL leaves no
lock behind. What it does leave is the note inside the file (pid, host,
start, command), which a clean exit empties; the next run that gets the lock
and finds a note knows the previous run was killed, says so, and clears it.

Within one process the lock is re-entrant: `govfacts run` holds it around
the whole command, and the Dagster resource that takes it for runs launched
by `dagster` itself (pipeline.resources.OutputLock) takes it again inside.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

LOCK_NAME = ".govfacts.lock"

_held: dict[str, int] = {}
_held_guard = threading.Lock()


class OutputBusy(Exception):
    """Another live run holds the output folder; the message names it."""


@dataclass(frozen=True)
class Held:
    """A held lock, and the note of a killed run found (and cleared) on taking it."""

    path: Path
    stale: dict | None = None

    def stale_message(self) -> str | None:
        if self.stale is None:
            return None
        return f"cleared the stale lock of a run that did not finish ({describe(self.stale)}): it is no longer running"


def describe(holder: dict) -> str:
    """A holder note as words: `pid 123 on host, since ..., `govfacts run ...``."""
    if not holder:
        return "an unknown process"
    return f"pid {holder.get('pid')} on {holder.get('host')}, since {holder.get('started_at')}, `{holder.get('command')}`"


def _read_note(fh) -> dict:
    fh.seek(0)
    text = fh.read()
    try:
        return json.loads(text) if text.strip() else {}
    except json.JSONDecodeError:
        return {"command": "unreadable lock note: " + text[:80]}


@contextmanager
def output_lock(output: Path, command: str) -> Iterator[Held]:
    """Hold the lock of `output` (created if needed); OutputBusy when a live run holds it."""
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    path = output / LOCK_NAME
    key = os.path.realpath(path)
    with _held_guard:
        if key in _held:
            _held[key] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield Held(path)
        finally:
            with _held_guard:
                _held[key] -= 1
        return
    with open(path, "a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputBusy(f"output folder {output} is in use by another run ({describe(_read_note(fh))})") from None
        try:
            stale = _read_note(fh) or None
            note = {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "command": command,
            }
            fh.seek(0)
            fh.truncate()
            fh.write(json.dumps(note, ensure_ascii=False))
            fh.flush()
            with _held_guard:
                _held[key] = 1
            try:
                yield Held(path, stale)
            finally:
                with _held_guard:
                    del _held[key]
                fh.seek(0)
                fh.truncate()
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
