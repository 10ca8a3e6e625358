"""The records that flow between stages, as plain dataclasses.

Domain modules (extract, validate, documents, scrape) speak only these types;
the Dagster assets convert them to and from Arrow tables through
`pipeline.schema`. Keeping them here, with no Dagster import, lets every
domain module be tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class RawDocument:
    """Bytes exactly as fetched or read, never rewritten.

    `hints` carries metadata known before parsing (from the source registry,
    a sidecar JSON or the HTTP response): title, publisher, published_date,
    doc_kind, jurisdiction (the registry's name of the place), place,
    reference_period, url. Parsing may add to it but never overrides a
    registry value with a guess.
    """

    source_id: str
    source_uri: str
    content: bytes
    content_sha256: str
    media_type: str
    fetched_at: str | None = None
    final_url: str | None = None
    http_status: int | None = None
    hints: dict = field(default_factory=dict)

    @property
    def input_name(self) -> str:
        """What a quarantine row names: the archive file when the bytes came
        from one (two files may claim one URL in their sidecars), else the URL."""
        return self.hints.get("file") or self.source_uri


@dataclass(frozen=True)
class Document:
    """One unit of clean text that claim offsets point into.

    A newspaper page becomes one Document per article (`part` 1, 2, ...);
    every other source is one Document with part 0.
    """

    doc_id: str
    source_uri: str
    source_id: str
    content_sha256: str
    text: str
    part: int = 0
    publisher: str | None = None
    title: str | None = None
    published_date: str | None = None
    doc_kind: str | None = None
    place_code: str | None = None
    place_name: str | None = None
    reference_period: str | None = None
    encoding: str | None = None
    duplicate_of: str | None = None
    byline: str | None = None


@dataclass(frozen=True)
class Quarantined:
    """An input that could not become a document, with the reason why."""

    source_id: str
    source_uri: str
    stage: str
    reason: str
    content_sha256: str | None = None


@dataclass(frozen=True)
class Claim:
    """One numeric claim found in a text; offsets are into that text.

    `compared_to` is the char_start of the claim this one is compared with
    inside the same text (for 比去年同期13.88亿元增长6.39亿元 the base and the
    increment point at the level 20.17亿元), so links survive without ids.
    """

    char_start: int
    char_end: int
    surface: str
    value: float
    value_low: float
    value_high: float
    unit: str
    qualifier: str
    sentence: str
    sentence_start: int
    direction: str | None = None
    metric: str | None = None
    indicator: str | None = None
    place_code: str | None = None
    period: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    role: str = "actual"
    comparison: str = "level"
    compared_to: int | None = None

    @property
    def signed_value(self) -> float:
        """The value with the sign of its direction: 下降0.6% -> -0.6."""
        return -self.value if self.direction == "decrease" else self.value


@dataclass(frozen=True)
class ClaimRow:
    """A claim placed in a document: what the claims table holds."""

    claim_id: str
    doc_id: str
    claim: Claim


@dataclass(frozen=True)
class Check:
    """One validation of a relation between printed figures.

    `expected_*` is the interval computed from the other figures, `observed_*`
    the interval the printed figure stands for. `suspect_claim_id` names the
    figure whose removal would restore consistency, where that is unique.
    """

    check_id: str
    kind: str
    doc_id: str | None
    claim_ids: tuple[str, ...]
    verdict: str
    message: str
    expected_low: float | None = None
    expected_high: float | None = None
    observed_low: float | None = None
    observed_high: float | None = None
    arithmetic: str | None = None
    suspect_claim_id: str | None = None
    quote: str | None = None
    rule_id: str | None = None
