"""The data dictionary and the Frictionless descriptor, generated from schema.py.

Both are derived from `pipeline.schema` and nothing else, so a column added
there appears in docs/data-dictionary.md, datapackage.json and the Parquet
files together; a test fails when the committed dictionary falls behind.

    python -m pipeline.release.dictionary     # rewrites docs/data-dictionary.md
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa

from pipeline import schema
from pipeline.release import csv_file, csv_tables, parquet_file, parquet_tables, release_files
from pipeline.release.csv_export import LIST_SEPARATOR

DICTIONARY_PATH = Path(__file__).resolve().parents[2] / "docs" / "data-dictionary.md"

PARQUET_MEDIATYPE = "application/vnd.apache.parquet"


def _cell(text: str) -> str:
    """A Markdown table cell: pipes escaped, line breaks flattened."""
    return " ".join(text.split()).replace("|", "\\|")


def _type_text(column: schema.Column) -> str:
    return f"{column.type} ({schema.TYPES[column.type][1]})"


def _table_section(table: schema.Table) -> list[str]:
    lines = [f"## {table.name}", "", table.description, ""]
    lines.append(f"Primary key: {', '.join(f'`{k}`' for k in table.primary_key)}.")
    lines += ["", "| column | type | required | meaning | example |", "|---|---|---|---|---|"]
    for c in table.columns:
        example = f"`{_cell(c.example)}`" if c.example else ""
        lines.append(
            f"| `{c.name}` | {_type_text(c)} | {'yes' if c.required else 'no'} | {_cell(c.description)} | {example} |"
        )
    return lines + [""]


def data_dictionary_markdown() -> str:
    lines = [
        "# govfacts data dictionary",
        "",
        "Generated from `pipeline/schema.py` by `python -m pipeline.release.dictionary`; do not edit by hand.",
        f"Schema version {schema.SCHEMA_VERSION}.",
        "",
        "## Files in a release",
        "",
        "Each release lives in `releases/<version>/` and is never modified; `releases/LATEST` names the newest.",
        "",
        "| file | contents |",
        "|---|---|",
        *[f"| `{name}` | {_cell(what)} |" for name, what in release_files()],
        "",
        "Types: the schema type, then the DuckDB type. In the CSV copies dates are ISO 8601, "
        f"nulls are empty cells and lists are joined with `{LIST_SEPARATOR}`.",
        "",
    ]
    for table in parquet_tables():
        lines += _table_section(table)
    return "\n".join(lines)


def _check_columns(name: str, table: pa.Table) -> None:
    expected = schema.TABLES[name].column_names
    if table.column_names != expected:
        raise ValueError(f"table {name} has columns {table.column_names}, schema.py says {expected}")


def _csv_schema(table: schema.Table) -> dict:
    """Lists are `;`-joined text in CSV, where Frictionless `array` would expect JSON."""
    described = schema.frictionless_schema(table)
    for field in described["fields"]:
        if schema.TYPES[table.column(field["name"]).type][2] == "array":
            field["type"] = "string"
            field["description"] += f" In CSV: the items joined with `{LIST_SEPARATOR}`."
    return described


def datapackage(tables: dict[str, pa.Table], version: str) -> dict:
    """The datapackage.json of a release: every Parquet file and its CSV copy.

    `tables` are the tables being published; their columns must be the ones
    schema.py declares, so the descriptor cannot describe other data.
    """
    for name, table in tables.items():
        _check_columns(name, table)
    resources = [
        {
            "name": table.name,
            "path": parquet_file(table),
            "format": "parquet",
            "mediatype": PARQUET_MEDIATYPE,
            "profile": "tabular-data-resource",
            "description": table.description,
            "schema": schema.frictionless_schema(table),
        }
        for table in parquet_tables()
    ]
    resources += [
        {
            "name": f"{table.name}-csv",
            "path": csv_file(table),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "profile": "tabular-data-resource",
            "description": f"{table.description} CSV copy of {parquet_file(table)}.",
            "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
            "schema": _csv_schema(table),
        }
        for table in csv_tables()
    ]
    return {
        "name": "govfacts",
        "title": "govfacts: numeric claims from Chinese local-government publications",
        "version": version,
        "profile": "tabular-data-package",
        "schema_version": schema.SCHEMA_VERSION,
        "resources": resources,
    }


def main() -> int:
    DICTIONARY_PATH.write_text(data_dictionary_markdown(), encoding="utf-8")
    print(f"wrote {DICTIONARY_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
