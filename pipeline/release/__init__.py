"""The reader-facing files of a release, and where each one lives in it.

The file list is written once here so the data dictionary, the Frictionless
descriptor and the release writer name the same files.
"""

from __future__ import annotations

from pipeline import schema

DUCKDB_FILE = "govfacts.duckdb"


def parquet_file(table: schema.Table) -> str:
    return f"{table.name}.parquet"


def csv_file(table: schema.Table) -> str:
    return f"{table.name}.csv"


def csv_tables() -> tuple[schema.Table, ...]:
    """Spreadsheet copies exist for the published tables; the diff is Parquet only."""
    return schema.PUBLISHED_TABLES


def parquet_tables() -> tuple[schema.Table, ...]:
    return (*schema.PUBLISHED_TABLES, schema.CHANGES)


def release_files() -> list[tuple[str, str]]:
    """(file name, what a reader finds in it), in the order a reader meets them."""
    files = [
        ("report.html", "One self-contained page: the flagged relations and per-document counts, readable offline."),
        ("CHANGES.md", "What changed against the previous release: claims, documents and check verdicts."),
    ]
    files += [(parquet_file(t), f"The `{t.name}` table (Apache Parquet).") for t in parquet_tables()]
    files += [
        (csv_file(t), f"The `{t.name}` table as CSV: UTF-8 with BOM, RFC 4180 quoting, lists joined with `;`.")
        for t in csv_tables()
    ]
    files += [
        (DUCKDB_FILE, "DuckDB database with every table and the analyst views; attach it READ_ONLY."),
        ("datapackage.json", "Frictionless Data Package descriptor of every Parquet and CSV file."),
        ("manifest.json", "Version, creation time, schema version, and sha256, bytes and rows of every file."),
    ]
    return files
