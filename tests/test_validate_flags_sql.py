"""models/v_flags.sql over small documents/claims/checks tables built with pipeline.schema."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb

from pipeline import schema
from pipeline.model import Document
from pipeline.validate import validate
from tests.test_validate_relations import seed_rows, seed_text

V_FLAGS = Path(__file__).resolve().parent.parent / "models" / "v_flags.sql"


def warehouse():
    text = seed_text()
    doc = Document("d002", "002.txt", "embedded", "sha", text, title="张江镇政府工作报告", publisher="张江镇人民政府")
    rows = seed_rows(text)
    checks = validate([doc], rows)
    conn = duckdb.connect()
    doc_rows = [dataclasses.asdict(doc)]
    claim_rows = [
        {"claim_id": r.claim_id, "doc_id": r.doc_id, "signed_value": r.claim.signed_value,
         **{k: v for k, v in dataclasses.asdict(r.claim).items() if k != "compared_to"}}
        for r in rows
    ]
    check_rows = [{**dataclasses.asdict(c), "claim_ids": list(c.claim_ids)} for c in checks]
    for table, data in ((schema.DOCUMENTS, doc_rows), (schema.CLAIMS, claim_rows), (schema.CHECKS, check_rows)):
        conn.execute(schema.duckdb_ddl(table))
        arrow = schema.to_arrow(table, data)
        conn.register("incoming", arrow)
        conn.execute(f"INSERT INTO {table.name} SELECT * FROM incoming")
        conn.unregister("incoming")
    conn.execute(V_FLAGS.read_text(encoding="utf-8"))
    return conn, checks


def test_one_row_per_inconsistent_check_with_figures_and_title():
    conn, checks = warehouse()
    flags = conn.execute(
        "SELECT kind, document_title, figures, suspect_figure, expected_low, observed_low, arithmetic, message, quote FROM v_flags"
    ).fetchall()
    assert len(flags) == sum(c.verdict == "inconsistent" for c in checks) == 1
    kind, title, figures, suspect, exp_lo, obs_lo, arithmetic, message, quote = flags[0]
    assert (kind, title, suspect) == ("difference", "张江镇政府工作报告", "6.39亿元")
    assert figures == "20.17亿元; 13.88亿元; 6.39亿元"
    assert exp_lo == 628000000 and obs_lo == 638500000
    assert "no overlap" in arithmetic and "6.39 → 6.29" in message and "完成税收" in quote


def test_consistent_checks_are_not_flags():
    conn, checks = warehouse()
    ids = {r[0] for r in conn.execute("SELECT check_id FROM v_flags").fetchall()}
    assert ids == {c.check_id for c in checks if c.verdict == "inconsistent"}
    assert conn.execute("SELECT count(*) FROM checks WHERE verdict = 'consistent'").fetchone()[0] > 10
