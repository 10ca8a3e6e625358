"""Deterministic ids: the same input gives the same id on any machine.

Each id is a short prefix plus the first 16 hex digits of a sha256 over a
canonical, `\\x1f`-joined string of its defining fields; nothing that varies
between runs (time, paths, order of discovery) ever enters it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def _digest(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def doc_id(content_sha256: str, part: int = 0) -> str:
    """A document is its raw bytes plus which article of them it is."""
    return "d" + _digest(content_sha256, part)


def claim_id(doc: str, char_start: int, char_end: int, surface: str) -> str:
    return "c" + _digest(doc, char_start, char_end, surface)


def check_id(kind: str, doc: str | None, claim_ids: Iterable[str], discriminator: str = "") -> str:
    """Claim ids are sorted so the id does not depend on detection order."""
    return "k" + _digest(kind, doc, ",".join(sorted(claim_ids)), discriminator)
