"""Document metadata: normalised dates and the precedence of sources.

Registry hints (the source YAML, a sidecar JSON, the HTTP response) are
curated, so they win; what the page says about itself only fills the fields
the hints leave empty.
"""

from __future__ import annotations

from . import patterns as P

HINT_FIELDS = ("title", "publisher", "published_date", "doc_kind")


def normalise_date(value: str) -> str | None:
    """`2023-04-03 21:01`, `2023年4月3日`, `2023/4/3` -> `2023-04-03`."""
    match = P.DATE.search(str(value))
    if not match:
        return None
    y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def hinted(hints: dict, name: str) -> str | None:
    value = hints.get(name)
    if value is None or str(value).strip() == "":
        return None
    return str(value).strip()


def merge(hints: dict, found: dict[str, str | None]) -> dict[str, str | None]:
    """Hints first, then the page's own values, field by field."""
    return {name: hinted(hints, name) or found.get(name) for name in HINT_FIELDS}
