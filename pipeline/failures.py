"""Why a run failed, in one line a reader can act on.

A failed step reaches the command line as a chain of errors (Dagster's
wrapper, our message naming the input, the operating system's errno); the
cause that matters — disk full, permission denied, a lock held by another
process — may sit at any depth. The patterns of pipeline/data/
failure_causes.tsv name it; the line then gives that cause, the step, and
the first line of the most specific message we wrote (which names the file
or input), flattened and stripped of control characters, because file names
in it come from archives we do not control.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pipeline.neutralise import terminal_text

CAUSES_FILE = Path(__file__).resolve().parent / "data" / "failure_causes.tsv"
MAX_LINE_CHARS = 500


@lru_cache(maxsize=1)
def causes() -> tuple[tuple[re.Pattern, str], ...]:
    rows = []
    for line in CAUSES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, cause = line.split("\t")[:2]
            rows.append((re.compile(pattern.strip()), cause.strip()))
    return tuple(rows)


def cause_of(messages: list[str]) -> str | None:
    """The named cause of the first pattern any message matches."""
    for pattern, cause in causes():
        if any(pattern.search(m) for m in messages):
            return cause
    return None


def one_line(text: str) -> str:
    """The first non-empty line, control characters removed, at most MAX_LINE_CHARS."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = terminal_text(first)
    return first if len(first) <= MAX_LINE_CHARS else first[: MAX_LINE_CHARS - 1] + "…"


def messages_of(exc: BaseException) -> list[str]:
    """An exception and the ones it was raised from, outermost first."""
    out = []
    while exc is not None and len(out) < 10:
        out.append(f"{type(exc).__name__}: {exc}")
        exc = exc.__cause__ or exc.__context__
    return out


def failure_line(where: str, messages: list[str]) -> str:
    """`where: cause: message`; `messages` go from the most specific we wrote to the deepest."""
    cause = cause_of(messages)
    detail = one_line(messages[0]) if messages else "no message"
    return f"{where}: {cause}: {detail}" if cause else f"{where}: {detail}"
