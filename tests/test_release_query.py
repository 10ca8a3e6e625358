from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline import schema
from pipeline.release.analyst_db import build_analyst_duckdb
from pipeline.release.diff import diff_releases
from pipeline.release.query import format_table, run_query, width
from pipeline.warehouse import view_statements
from tests.test_release_sample import FLAG_MESSAGE, REPORT_SENTENCE, seed_tables

ROOT = Path(__file__).resolve().parents[1]
VERSION = "2026.11.23"


def _docs_queries() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def output_dir(tmp_path_factory) -> Path:
    """A release folder as the writer leaves it: Parquet files, then the database, LATEST last."""
    out = tmp_path_factory.mktemp("out")
    release = out / "releases" / VERSION
    release.mkdir(parents=True)
    tables = seed_tables()
    for name, table in tables.items():
        pq.write_table(table, release / f"{name}.parquet")
    pq.write_table(diff_releases(None, tables), release / "changes.parquet")
    build_analyst_duckdb(release, view_statements())
    (out / "releases" / "LATEST").write_text(VERSION + "\n", encoding="utf-8")
    return out


def _query(output_dir: Path, sql: str, as_csv: bool = False, release: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_query(output_dir, sql, as_csv, out, release=release, err=err)
    return code, out.getvalue(), err.getvalue()


def _csv_rows(output_dir: Path, sql: str) -> list[dict]:
    code, text, err = _query(output_dir, sql, as_csv=True)
    assert code == 0, err
    return list(csv.DictReader(io.StringIO(text)))


def test_database_has_schema_tables_comments_and_views(output_dir):
    conn = duckdb.connect(str(output_dir / "releases" / VERSION / "govfacts.duckdb"), read_only=True)
    try:
        for table in (*schema.PUBLISHED_TABLES, schema.CHANGES):
            described = conn.execute(f"DESCRIBE {table.name}").fetchall()
            assert [(r[0], r[1]) for r in described] == [(c.name, schema.TYPES[c.type][1]) for c in table.columns]
        comment = conn.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'claims' AND column_name = 'surface'"
        ).fetchone()[0]
        assert comment == schema.CLAIMS.column("surface").description
        views = {r[0] for r in conn.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert views == {"v_claims", "v_facts", "v_flags"}
        assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == seed_tables()["claims"].num_rows
    finally:
        conn.close()


def test_attachable_read_only(output_dir):
    conn = duckdb.connect()
    conn.execute(f"ATTACH '{output_dir / 'releases' / VERSION / 'govfacts.duckdb'}' AS g (READ_ONLY)")
    assert conn.execute("SELECT count(*) FROM g.v_claims").fetchone()[0] == 5
    conn.close()


def test_build_refuses_to_overwrite(output_dir):
    with pytest.raises(FileExistsError, match="govfacts.duckdb"):
        build_analyst_duckdb(output_dir / "releases" / VERSION, [])


def test_bad_view_sql_names_the_view_and_leaves_no_file(tmp_path):
    pq.write_table(seed_tables()["claims"], tmp_path / "claims.parquet")
    with pytest.raises(ValueError, match="view SQL #1"):
        build_analyst_duckdb(tmp_path, ["CREATE VIEW v AS SELECT no_such_column FROM claims"])
    assert not (tmp_path / "govfacts.duckdb").exists()


def test_docs_hold_four_queries():
    assert len(_docs_queries()) == 4


def test_docs_queries_across_documents_run_on_the_sample(output_dir):
    gdp, revenue = (_csv_rows(output_dir, sql) for sql in _docs_queries()[:2])
    assert gdp == [] and revenue == []  # the sample states no GDP and no budget revenue
    facts = _csv_rows(output_dir, "SELECT indicator, measure, value FROM v_facts ORDER BY measure")
    assert [(r["indicator"], r["measure"], r["value"]) for r in facts] == [
        ("total_tax_revenue", "growth_rate", "45.4"), ("total_tax_revenue", "increment", "639000000"),
        ("total_tax_revenue", "level", "2017000000"),
    ]


def test_docs_query_flags_with_quotes(output_dir):
    rows = _csv_rows(output_dir, _docs_queries()[2])
    assert [(r["kind"], r["quote"], r["message"]) for r in rows] == [("difference", REPORT_SENTENCE, FLAG_MESSAGE)]


def test_docs_query_document_claims_in_order(output_dir):
    rows = _csv_rows(output_dir, _docs_queries()[3])
    assert [r["surface"] for r in rows] == ["20.17亿元", "13.88亿元", "6.39亿元", "45.4%"]
    assert {(r["period"], r["period_start"], r["period_end"]) for r in rows} == {("1-5月", "2023-01-01", "2023-05-31")}


def test_text_table_aligns_wide_characters(output_dir):
    code, text, _ = _query(output_dir, "SELECT surface, metric, value FROM claims ORDER BY value DESC")
    assert code == 0
    lines = text.splitlines()
    assert lines[-1] == "(5 rows)"
    assert len({width(line) for line in lines[:-1]}) == 1
    assert lines[2].split(" | ")[0].rstrip() == "20.17亿元"
    assert lines[2].endswith("2017000000")


def test_format_table_counts_chinese_as_two_columns():
    text = format_table(["名称", "n"], ["VARCHAR", "BIGINT"], [("税收", 1), ("ab", 22), (None, None)])
    assert text.splitlines()[:5] == ["名称 |    n", "-----+-----", "税收 |    1", "ab   |   22", "NULL | NULL"]


def test_named_release_and_missing_release(output_dir, tmp_path):
    assert _query(output_dir, "SELECT 1 AS one", release=VERSION)[0] == 0
    code, out, err = _query(output_dir, "SELECT 1", release="2020.01.01")
    assert code == 2 and out == "" and str(output_dir / "releases" / "2020.01.01") in err
    code, _, err = _query(tmp_path, "SELECT 1")
    assert code == 2 and str(tmp_path / "releases") in err


def test_bad_sql_is_a_clear_error(output_dir):
    code, out, err = _query(output_dir, "SELECT nope FROM claims")
    assert code == 2 and out == ""
    assert "query failed on" in err and "govfacts.duckdb" in err and "nope" in err


@pytest.mark.parametrize("sql", [
    "DELETE FROM claims",
    "CREATE TABLE t AS SELECT 1",
    "COPY claims TO 'stolen.csv'",
    "ATTACH 'other.duckdb' AS o",
])
def test_writes_are_refused(output_dir, tmp_path, sql, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = _query(output_dir, sql)
    assert code == 2 and err
    assert list(tmp_path.iterdir()) == []
    assert _csv_rows(output_dir, "SELECT count(*) AS n FROM claims") == [{"n": "5"}]
