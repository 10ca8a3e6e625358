"""The pipeline's stages as plain functions: records in, records out.

The Dagster assets (pipeline.assets) are thin wrappers around these; keeping
the per-stage error handling here means a bad document is quarantined the
same way whether the stage runs under Dagster or in a test.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipeline import ids, indicators
from pipeline.archive import read_archive
from pipeline.documents import build_documents, link_duplicates
from pipeline.extract import extract_claims
from pipeline.extract.timeframe import TimeFrame
from pipeline.model import ClaimRow, Document, Quarantined, RawDocument
from pipeline.scrape.store import RawStore


def read_raw(archive_dir: Path, sources_dir: Path, raw_store_dir: Path) -> tuple[list[RawDocument], list[Quarantined]]:
    """The archive folder plus every snapshot the scraper has stored; a damaged
    store entry is a quarantine row of stage "store", never the end of the run."""
    raws, quarantined = read_archive(archive_dir, sources_dir)
    if raw_store_dir.exists():
        store = RawStore(raw_store_dir)
        raws += store.load_all()
        quarantined += store.failures() + store.problems()
    return raws, quarantined


def build_all_documents(raws: list[RawDocument]) -> tuple[list[Document], list[Quarantined]]:
    """Identical bytes make one document: the first source_uri in sorted order wins."""
    docs: list[Document] = []
    quarantined: list[Quarantined] = []
    first_uri: dict[str, str] = {}
    for raw in sorted(raws, key=lambda r: (r.source_uri, r.source_id)):
        if raw.content_sha256 in first_uri:
            quarantined.append(
                Quarantined(raw.source_id, raw.input_name, "documents", f"same bytes as {first_uri[raw.content_sha256]}", raw.content_sha256)
            )
            continue
        first_uri[raw.content_sha256] = raw.source_uri
        built, rejected = build_documents(raw)
        docs += built
        quarantined += rejected
    return link_duplicates(docs), quarantined


def document_date(published: str | None) -> date | None:
    """A partial date (2023-04, 2023) stands for its first day: enough to
    resolve the year of 1-5月 or 上半年; None when nothing is known."""
    if not published:
        return None
    parts = published[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return date(year, month, day)
    except ValueError:
        return None


def extract_all_claims(docs: list[Document]) -> tuple[list[ClaimRow], list[Quarantined]]:
    """An extractor failure on one document is recorded and the rest go on.
    Each claim gets its canonical indicator once its metric, place and unit
    are known (pipeline.indicators)."""
    rows: list[ClaimRow] = []
    quarantined: list[Quarantined] = []
    for doc in docs:
        try:
            frame = TimeFrame.of(doc.reference_period, document_date(doc.published_date), doc.doc_kind)
            claims = indicators.with_indicators(extract_claims(doc.text, frame=frame, place=doc.place_code), doc.text)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the others
            quarantined.append(Quarantined(doc.source_id, doc.source_uri, "extract", f"extractor failed on {doc.doc_id}: {exc!r}", doc.content_sha256))
            continue
        for c in claims:
            if doc.text[c.char_start : c.char_end] != c.surface:
                quarantined.append(
                    Quarantined(doc.source_id, doc.source_uri, "extract", f"claim {c.surface!r} at {c.char_start} does not match the text of {doc.doc_id}")
                )
                continue
            rows.append(ClaimRow(ids.claim_id(doc.doc_id, c.char_start, c.char_end, c.surface), doc.doc_id, c))
    return rows, quarantined
