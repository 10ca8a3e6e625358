"""The DuckDB warehouse: tables from pipeline.schema, views from models/*.sql.

Tables are always recreated from the schema's DDL (never inferred from the
data), so a column's type and comment are the ones the data dictionary
promises. DuckDB allows one writer per file: only the pipeline writes here;
analysts get the read-only copy shipped in each release. A run checks at
its start that nobody holds the file (`check_not_locked`).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline import schema

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"


class WarehouseLocked(Exception):
    """Another process holds the warehouse open; the message names it."""


def check_not_locked(path: Path) -> None:
    """Fail at once, naming the holder, when another process holds the warehouse:
    dagster-duckdb would retry for about 100 seconds and then fail without saying why."""
    if not Path(path).exists():
        return
    try:
        duckdb.connect(str(path)).close()
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        holder = str(exc).split("Conflicting lock is held in ", 1)[-1].split(". See also", 1)[0]
        raise WarehouseLocked(f"warehouse {path} is held open by another process ({holder}); close it and run again") from exc


def write_table(conn: duckdb.DuckDBPyConnection, table: schema.Table, data: pa.Table) -> None:
    if data.schema.names != table.column_names:
        raise ValueError(f"{table.name}: columns {data.schema.names} differ from the schema's {table.column_names}")
    conn.execute(f"DROP TABLE IF EXISTS {table.name} CASCADE")
    conn.execute(schema.duckdb_ddl(table))
    for stmt in schema.duckdb_comments(table):
        conn.execute(stmt)
    conn.register("_incoming", data)
    try:
        conn.execute(f"INSERT INTO {table.name} SELECT * FROM _incoming")
    finally:
        conn.unregister("_incoming")


def read_table(conn: duckdb.DuckDBPyConnection, table: schema.Table) -> pa.Table:
    """Read back in schema order and cast to the schema's Arrow types."""
    cols = ", ".join(table.column_names)
    data = conn.sql(f"SELECT {cols} FROM {table.name}").to_arrow_table()
    return data.cast(schema.arrow_schema(table))


def view_statements(models_dir: Path = MODELS_DIR) -> list[str]:
    """Every models/*.sql file, in name order; each holds CREATE VIEW statements."""
    return [p.read_text(encoding="utf-8") for p in sorted(Path(models_dir).glob("*.sql"))]


def create_views(conn: duckdb.DuckDBPyConnection, models_dir: Path = MODELS_DIR) -> list[str]:
    for sql in view_statements(models_dir):
        conn.execute(sql)
    return [r[0] for r in conn.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1").fetchall()]
