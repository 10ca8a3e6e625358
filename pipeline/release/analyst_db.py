"""govfacts.duckdb: the release's tables and views in one file analysts attach.

Tables are created from schema.py's DDL and comments and filled from the
release's own Parquet files, so the database holds exactly the published
bytes' content, with the column types and comments the dictionary promises.
The file is closed after a checkpoint, so it can be attached READ_ONLY.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline import schema
from pipeline.release import DUCKDB_FILE, parquet_file, parquet_tables


def _load_table(conn: duckdb.DuckDBPyConnection, table: schema.Table, path: Path) -> None:
    conn.execute(schema.duckdb_ddl(table))
    for statement in schema.duckdb_comments(table):
        conn.execute(statement)
    columns = ", ".join(table.column_names)
    conn.execute(f"INSERT INTO {table.name} SELECT {columns} FROM read_parquet($path)", {"path": str(path)})


def build_analyst_duckdb(release_dir: Path, views_sql: list[str]) -> Path:
    """Every release table whose Parquet file is present, then the views in order."""
    release_dir = Path(release_dir)
    target = release_dir / DUCKDB_FILE
    if target.exists():
        raise FileExistsError(f"{target} already exists: a release is written once")
    present = [t for t in parquet_tables() if (release_dir / parquet_file(t)).exists()]
    if not present:
        expected = [parquet_file(t) for t in parquet_tables()]
        raise FileNotFoundError(f"release folder {release_dir} holds none of {expected}")
    conn = duckdb.connect(str(target))
    try:
        for table in present:
            _load_table(conn, table, release_dir / parquet_file(table))
        for number, sql in enumerate(views_sql, start=1):
            try:
                conn.execute(sql)
            except duckdb.Error as e:
                raise ValueError(f"view SQL #{number} failed in {target}: {e}") from e
        conn.execute("CHECKPOINT")
    except BaseException:
        conn.close()
        target.unlink(missing_ok=True)
        raise
    conn.close()
    return target
