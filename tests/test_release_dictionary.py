from __future__ import annotations

import frictionless
import pytest

from pipeline import schema
from pipeline.release import csv_file
from pipeline.release.csv_export import write_csv
from pipeline.release.dictionary import DICTIONARY_PATH, data_dictionary_markdown, datapackage
from tests.test_release_sample import seed_tables


def test_committed_dictionary_is_the_generated_one():
    assert DICTIONARY_PATH.read_text(encoding="utf-8") == data_dictionary_markdown(), (
        "docs/data-dictionary.md is stale: run python -m pipeline.release.dictionary"
    )


def test_dictionary_names_every_table_and_column():
    text = data_dictionary_markdown()
    for table in (*schema.PUBLISHED_TABLES, schema.CHANGES):
        assert f"## {table.name}\n" in text
        for c in table.columns:
            assert f"| `{c.name}` | {c.type} ({schema.TYPES[c.type][1]}) | {'yes' if c.required else 'no'} |" in text


def test_descriptor_describes_every_file_from_schema():
    descriptor = datapackage(seed_tables(), "2026.11.23")
    assert descriptor["name"] == "govfacts" and descriptor["version"] == "2026.11.23"
    assert descriptor["profile"] == "tabular-data-package"
    by_path = {r["path"]: r for r in descriptor["resources"]}
    for table in schema.PUBLISHED_TABLES:
        parquet = by_path[f"{table.name}.parquet"]
        assert parquet["format"] == "parquet"
        assert parquet["schema"] == schema.frictionless_schema(table)
        assert [f["name"] for f in by_path[f"{table.name}.csv"]["schema"]["fields"]] == table.column_names
    assert "changes.parquet" in by_path


def test_descriptor_refuses_tables_that_differ_from_schema():
    tables = seed_tables()
    tables["claims"] = tables["claims"].drop_columns(["metric"])
    with pytest.raises(ValueError, match="claims"):
        datapackage(tables, "2026.11.23")


def test_frictionless_accepts_descriptor_and_csv_data(tmp_path):
    tables = seed_tables()
    for table in schema.PUBLISHED_TABLES:
        write_csv(tables[table.name], tmp_path / csv_file(table))
    package = frictionless.Package(datapackage(tables, "2026.11.23"), basepath=str(tmp_path))
    csv_resources = [r for r in package.resources if r.format == "csv"]
    assert len(csv_resources) == len(schema.PUBLISHED_TABLES)
    for resource in csv_resources:
        report = frictionless.validate(resource)
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
        assert report.tasks[0].stats["rows"] == tables[resource.name.removesuffix("-csv")].num_rows


def test_frictionless_catches_a_csv_that_breaks_the_schema(tmp_path):
    tables = seed_tables()
    for table in schema.PUBLISHED_TABLES:
        write_csv(tables[table.name], tmp_path / csv_file(table))
    text = (tmp_path / "claims.csv").read_text(encoding="utf-8-sig")
    (tmp_path / "claims.csv").write_text(text.replace("2017000000", "二十亿", 1), encoding="utf-8-sig")
    package = frictionless.Package(datapackage(tables, "2026.11.23"), basepath=str(tmp_path))
    report = frictionless.validate(package.get_resource("claims-csv"))
    assert not report.valid
    assert report.flatten(["fieldName", "type"]) == [["value", "type-error"]]
