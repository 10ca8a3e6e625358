"""Conversions between the stage records (pipeline.model) and Arrow tables.

Rows are sorted by primary key before they become a table, so the same
records always give byte-identical Parquet regardless of discovery order.
"""

from __future__ import annotations

import json
from dataclasses import asdict

import pyarrow as pa

from pipeline import schema
from pipeline.model import Check, Claim, ClaimRow, Document, Quarantined, RawDocument

REASON_SEPARATOR = " | "


def _table(table: schema.Table, rows: list[dict]) -> pa.Table:
    rows = sorted(rows, key=lambda r: tuple("" if r.get(k) is None else r[k] for k in table.primary_key))
    return schema.to_arrow(table, rows)


def raw_documents_table(raws: list[RawDocument]) -> pa.Table:
    return _table(
        schema.RAW_DOCUMENTS,
        [
            {
                "source_id": r.source_id,
                "source_uri": r.source_uri,
                "final_url": r.final_url,
                "content_sha256": r.content_sha256,
                "bytes": len(r.content),
                "media_type": r.media_type,
                "http_status": r.http_status,
                "fetched_at": r.fetched_at,
                "hints_json": json.dumps(r.hints, ensure_ascii=False, sort_keys=True, default=str),
                "content": r.content,
            }
            for r in raws
        ],
    )


def raw_documents_from(table: pa.Table) -> list[RawDocument]:
    return [
        RawDocument(
            source_id=r["source_id"],
            source_uri=r["source_uri"],
            content=r["content"],
            content_sha256=r["content_sha256"],
            media_type=r["media_type"],
            fetched_at=r["fetched_at"],
            final_url=r["final_url"],
            http_status=r["http_status"],
            hints=json.loads(r["hints_json"]),
        )
        for r in table.to_pylist()
    ]


def documents_table(docs: list[Document]) -> pa.Table:
    return _table(schema.DOCUMENTS, [asdict(d) for d in docs])


def documents_from(table: pa.Table) -> list[Document]:
    fields = Document.__dataclass_fields__
    return [Document(**{k: v for k, v in r.items() if k in fields}) for r in table.to_pylist()]


def claims_table(rows: list[ClaimRow]) -> pa.Table:
    """`compared_to` offsets become the claim_id of the claim at that offset."""
    by_offset = {(r.doc_id, r.claim.char_start): r.claim_id for r in rows}
    out = []
    for r in rows:
        d = asdict(r.claim)
        d["signed_value"] = r.claim.signed_value
        d["claim_id"] = r.claim_id
        d["doc_id"] = r.doc_id
        link = r.claim.compared_to
        d["compared_to"] = by_offset.get((r.doc_id, link)) if link is not None else None
        out.append(d)
    return _table(schema.CLAIMS, out)


def claims_from(table: pa.Table) -> list[ClaimRow]:
    """The inverse of claims_table: claim ids become offsets again."""
    records = table.to_pylist()
    start_of = {r["claim_id"]: r["char_start"] for r in records}
    fields = Claim.__dataclass_fields__
    rows = []
    for r in records:
        values = {k: v for k, v in r.items() if k in fields}
        values["compared_to"] = start_of.get(r["compared_to"]) if r["compared_to"] else None
        rows.append(ClaimRow(claim_id=r["claim_id"], doc_id=r["doc_id"], claim=Claim(**values)))
    return rows


def checks_table(checks: list[Check]) -> pa.Table:
    rows = []
    for c in checks:
        d = asdict(c)
        d["claim_ids"] = list(c.claim_ids)
        rows.append(d)
    return _table(schema.CHECKS, rows)


def quarantine_table(items: list[Quarantined]) -> pa.Table:
    """One row per (source, input, stage), the table's key: when one input has
    several problems in a stage, their reasons are joined, never dropped."""
    unique: dict[tuple[str, str, str], dict] = {}
    for q in items:
        row = unique.setdefault((q.source_id, q.source_uri, q.stage), asdict(q))
        if q.reason not in row["reason"].split(REASON_SEPARATOR):
            row["reason"] += REASON_SEPARATOR + q.reason
    return _table(schema.QUARANTINE, list(unique.values()))
