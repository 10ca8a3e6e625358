"""Vocabularies shipped as data files in pipeline/data, read once.

Word lists the rules depend on (change words and their direction, words
that are never a metric, place aliases, indicators) live in TSV files so
they can be reviewed and extended without reading code. A TSV row is
tab-separated; lines starting with # and blank lines are comments.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of pipeline/data/`name`, each a tuple of its fields."""
    path = DATA_DIR / name
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = tuple(f.strip() for f in line.split("\t"))
        if not fields[0]:
            raise ValueError(f"{path.name} line {number}: empty first field")
        out.append(fields)
    return tuple(out)
