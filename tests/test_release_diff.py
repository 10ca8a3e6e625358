from __future__ import annotations

import pyarrow.parquet as pq

from pipeline import ids, schema
from pipeline.release.diff import changes_markdown, diff_releases, load_release_tables
from tests.test_release_sample import REPORT_ID, seed_rows, seed_tables


def _next_release() -> dict:
    """The sample, one run later: 6.39亿元 re-read, 45.4% dropped, a claim and a document added, a verdict flipped."""
    rows = seed_rows()
    claims = rows["claims"]
    increment = next(c for c in claims if c["surface"] == "6.39亿元")
    increment.update(metric="税收增长", role="target")
    claims[:] = [c for c in claims if c["surface"] != "45.4%"]
    text = rows["documents"][0]["text"]
    start = text.index("5.72亿元")
    claims.append({**claims[0], "claim_id": ids.claim_id(REPORT_ID, start, start + 7, "5.72亿元"),
                   "char_start": start, "char_end": start + 7, "surface": "5.72亿元", "metric": "区级财政收入",
                   "value": 572000000.0, "value_low": 571500000.0, "value_high": 572500000.0})
    rows["checks"][2]["verdict"] = "consistent"
    rows["documents"].append({**rows["documents"][1], "doc_id": ids.doc_id("ff" * 32), "title": "新文档",
                              "content_sha256": "ff" * 32})
    return {name: schema.to_arrow(schema.TABLES[name], r) for name, r in rows.items()}


def test_first_release_lists_everything_as_added():
    current = seed_tables()
    changes = diff_releases(None, current)
    assert changes.schema.equals(schema.arrow_schema(schema.CHANGES))
    assert set(changes.column("change").to_pylist()) == {"added"}
    assert changes.num_rows == sum(current[t].num_rows for t in ("documents", "claims", "checks"))
    text = changes_markdown(changes, None, "2026.11.23")
    assert "first release" in text
    assert "2 documents, 5 claims and 3 checks" in text


def test_same_tables_give_no_changes():
    assert diff_releases(seed_tables(), seed_tables()).num_rows == 0
    text = changes_markdown(diff_releases(seed_tables(), seed_tables()), "2026.11.23", "2026.11.23.2")
    assert "Nothing changed." in text


def test_changes_by_id_field_by_field():
    changes = diff_releases(seed_tables(), _next_release()).to_pylist()
    got = {(r["entity"], r["change"], r["label"], r["field"], r["old"], r["new"]) for r in changes}
    assert got == {
        ("document", "added", "新文档", "", None, None),
        ("claim", "changed", "6.39亿元", "metric", "税收", "税收增长"),
        ("claim", "changed", "6.39亿元", "role", "actual", "target"),
        ("claim", "removed", "45.4%", "", None, None),
        ("claim", "added", "5.72亿元", "", None, None),
        ("check", "changed", "新增就业岗位: no target figure to compare 约1200个 with", "verdict", "undecidable",
         "consistent"),
    }


def test_order_is_by_entity_then_reading_position():
    changes = diff_releases(seed_tables(), _next_release())
    claim_rows = [r for r in changes.to_pylist() if r["entity"] == "claim"]
    assert [r["label"] for r in claim_rows] == ["6.39亿元", "6.39亿元", "45.4%", "5.72亿元"]
    assert [r["field"] for r in claim_rows[:2]] == ["metric", "role"]
    assert changes.column("entity").to_pylist() == sorted(
        changes.column("entity").to_pylist(), key=["document", "claim", "check"].index)
    assert diff_releases(seed_tables(), _next_release()).equals(changes)


def test_markdown_counts_then_lists_by_document():
    current = _next_release()
    text = changes_markdown(diff_releases(seed_tables(), current), "2026.11.23", "2026.11.23.2",
                            documents=current["documents"])
    assert text.index("| claims | 1 | 1 | 1 |") < text.index("## Claims")
    assert "| documents | 1 | 0 | 0 |" in text and "| checks | 0 | 0 | 1 |" in text
    assert "### 张江镇第五届人民代表大会第四次会议政府工作报告" in text
    assert "metric `税收` → `税收增长`; role `actual` → `target`" in text
    assert "`undecidable` → `consistent`: 新增就业岗位: no target figure" in text


def test_load_release_tables_reads_what_was_written(tmp_path):
    tables = seed_tables()
    for name, table in tables.items():
        pq.write_table(table, tmp_path / f"{name}.parquet")
    loaded = load_release_tables(tmp_path)
    assert all(loaded[name].equals(tables[name]) for name in tables)
    assert diff_releases(loaded, tables).num_rows == 0


def test_load_release_tables_names_the_missing_file(tmp_path):
    try:
        load_release_tables(tmp_path)
    except FileNotFoundError as e:
        assert str(tmp_path) in str(e) and "documents.parquet" in str(e)
    else:
        raise AssertionError("a release without files was accepted")


def test_a_release_written_before_a_table_existed_loads_without_it(tmp_path):
    tables = seed_tables()
    for name in ("documents", "claims", "checks", "quarantine"):
        pq.write_table(tables[name], tmp_path / f"{name}.parquet")
    loaded = load_release_tables(tmp_path)
    assert sorted(loaded) == ["checks", "claims", "documents", "quarantine"]
    assert diff_releases(loaded, tables).num_rows == 0
