"""The single table definition must agree with the data contract and with
every artefact generated from it."""

import re
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from pipeline import schema

DESIGN = Path(__file__).resolve().parents[2] / "shared" / "DESIGN.md"


def design_columns(table: str) -> list[str]:
    section = DESIGN.read_text(encoding="utf-8").split("### " + table, 1)[1].split("###", 1)[0]
    names = []
    for row in re.findall(r"^\| ([^|]+) \|", section, re.M):
        names += [n.strip() for n in row.split(",") if re.fullmatch(r"[a-z_0-9]+", n.strip()) and n.strip() != "column"]
    return names


@pytest.mark.parametrize("table", [schema.DOCUMENTS, schema.CLAIMS, schema.CHECKS])
def test_every_design_column_is_defined(table):
    if not DESIGN.exists():
        pytest.skip("../shared/DESIGN.md is not beside the project")
    missing = [c for c in design_columns(table.name) if c not in table.column_names]
    assert missing == []


@pytest.mark.parametrize("table", schema.ALL_TABLES, ids=lambda t: t.name)
def test_ddl_and_arrow_schema_agree(table):
    con = duckdb.connect()
    con.execute(schema.duckdb_ddl(table))
    for stmt in schema.duckdb_comments(table):
        con.execute(stmt)
    empty = schema.to_arrow(table, [])
    con.register("incoming", empty)
    con.execute(f"INSERT INTO {table.name} SELECT * FROM incoming")
    back = con.sql(f"SELECT * FROM {table.name}").to_arrow_table()
    assert back.schema.names == table.column_names
    assert [f.type for f in back.schema] == [schema.TYPES[c.type][0] for c in table.columns]
    assert all(c.description and c.description.strip() for c in table.columns)


@pytest.mark.parametrize("table", schema.ALL_TABLES, ids=lambda t: t.name)
def test_frictionless_schema_names_every_column_and_key(table):
    fs = schema.frictionless_schema(table)
    assert [f["name"] for f in fs["fields"]] == table.column_names
    assert set(fs["primaryKey"]) <= set(table.column_names)
    required = {f["name"] for f in fs["fields"] if f.get("constraints", {}).get("required")}
    assert required == {c.name for c in table.columns if c.required}


def test_to_arrow_rejects_a_wrong_type():
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError)):
        schema.to_arrow(schema.CLAIMS, [{"claim_id": "c", "char_start": "not a number"}])


def test_unknown_column_lookup_names_the_table():
    with pytest.raises(KeyError, match="claims"):
        schema.CLAIMS.column("nope")
