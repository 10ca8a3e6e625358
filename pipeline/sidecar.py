"""Sidecar NAME.json files: metadata an archive gives about one document.

A sidecar is curated by whoever filled the archive, so its values win over
what the page says about itself (pipeline.documents.metadata) — which is
exactly why each value is checked against the field list of
pipeline/data/sidecar_fields.tsv before it is used: a published date must be
ISO 8601 to the precision known (the data dictionary promises it), a URL must
be an http(s) URL (it becomes the document's source_uri), a text field a
line of text. A bad value or an unknown field is dropped and reported; the
document still publishes with the good ones. Only a sidecar that is not a
JSON object at all is refused whole. A UTF-8 byte-order mark, which Windows
editors write, is accepted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

FIELDS_FILE = Path(__file__).resolve().parent / "data" / "sidecar_fields.tsv"
MAX_TEXT_CHARS = 1000
MAX_URL_CHARS = 2048
SHOWN_VALUE_CHARS = 60

ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?")
PERIOD = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2]|Q[1-4]|H[12]))?")
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]{0,63}")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class SidecarError(ValueError):
    """The sidecar as a whole is unusable (not UTF-8, not JSON, not an object)."""


@dataclass(frozen=True)
class Field:
    name: str
    aliases: tuple[str, ...]
    kind: str


@lru_cache(maxsize=1)
def fields() -> dict[str, Field]:
    """Every accepted key (a field's name and its other names) -> the field."""
    by_key: dict[str, Field] = {}
    for number, line in enumerate(FIELDS_FILE.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, kind = (part.strip() for part in line.split("\t")[:3])
        if kind not in CHECKS:
            raise ValueError(f"{FIELDS_FILE.name} line {number}: kind {kind!r} is not one of {', '.join(CHECKS)}")
        field = Field(name, tuple(a.strip() for a in aliases.split(",") if a.strip()), kind)
        for key in (name, *field.aliases):
            by_key[key] = field
    return by_key


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= SHOWN_VALUE_CHARS else text[: SHOWN_VALUE_CHARS - 1] + "…"


def _text(value: object) -> tuple[str | None, str]:
    if not isinstance(value, str):
        return None, "is not a string"
    value = value.strip()
    if not value:
        return None, "is empty"
    if len(value) > MAX_TEXT_CHARS:
        return None, f"is longer than {MAX_TEXT_CHARS} characters"
    if CONTROL.search(value):
        return None, "holds control characters (a line break, an escape sequence)"
    return value, ""


def _url(value: object) -> tuple[str | None, str]:
    if not isinstance(value, str):
        return None, "is not an http(s) URL"
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None, "is not an http(s) URL"
    if parts.scheme not in ("http", "https") or not parts.hostname or len(value) > MAX_URL_CHARS or CONTROL.search(value) or " " in value:
        return None, "is not an http(s) URL"
    return value, ""


def _date(value: object) -> tuple[str | None, str]:
    """ISO 8601 to the precision given; a time of day is dropped (dates are what the table holds)."""
    why = "is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)"
    match = ISO_DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    if not match:
        return None, why
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None, why + ": no such date"
    return "-".join(p for p in (year, month, day) if p), ""


def _pattern(pattern: re.Pattern, what: str):
    def check(value: object) -> tuple[str | None, str]:
        if isinstance(value, str) and pattern.fullmatch(value.strip()):
            return value.strip(), ""
        return None, f"is not {what}"

    return check


CHECKS = {
    "url": _url,
    "text": _text,
    "date": _date,
    "identifier": _pattern(IDENTIFIER, "a lower-case identifier (work_report, news_post ...)"),
    "period": _pattern(PERIOD, "a period (YYYY, YYYY-MM, YYYY-Qn or YYYY-Hn)"),
}


def read_sidecar(data: bytes, name: str) -> tuple[dict[str, str], list[str]]:
    """(valid values by field name, one sentence per dropped key naming it).

    A null value means "not given" and is neither used nor reported. When a
    field is given under two names, its own name wins over the other.
    """
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SidecarError(f"sidecar {name} is not UTF-8 (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise SidecarError(f"sidecar {name} is not JSON ({exc})") from exc
    if not isinstance(parsed, dict):
        raise SidecarError(f"sidecar {name} must be a JSON object, got {type(parsed).__name__}")
    known = fields()
    values: dict[str, str] = {}
    problems: list[str] = []
    for key in sorted(parsed, key=lambda k: (k in known and known[k].name == k, k)):
        value = parsed[key]
        if value is None:
            continue
        field = known.get(key)
        if field is None:
            accepted = ", ".join(sorted(known))
            problems.append(f"field {_shown(key)} is not a sidecar field ({accepted})")
            continue
        checked, why = CHECKS[field.kind](value)
        if checked is None:
            problems.append(f"field {key} {_shown(value)} {why}")
            continue
        values[field.name] = checked
    return values, problems
