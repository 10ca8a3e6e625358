"""`govfacts query`: read-only SQL against a release's govfacts.duckdb.

The database is opened read-only with external access disabled and the
configuration locked, so a query can neither change the release nor write or
read other files (COPY TO, ATTACH, read_csv). The text table is laid out here
because column widths must count wide (Chinese) characters as two columns,
which DuckDB's own box renderer leaves to the terminal. Cells are document
text, so what is printed passes pipeline.neutralise: no control character
reaches the terminal, and a CSV cell cannot become a spreadsheet formula.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path
from typing import TextIO

import duckdb

from pipeline.release import DUCKDB_FILE
from pipeline.neutralise import csv_cell, terminal_text
from pipeline.release.csv_export import cell_text, write_rows

LATEST = "LATEST"
NULL_TEXT = "NULL"
NUMERIC_TYPES = frozenset(
    {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT",
     "FLOAT", "DOUBLE", "DECIMAL"}
)
FLATTEN = str.maketrans({"\n": " ", "\r": " ", "\t": " "})
TEXT_TYPES = ("VARCHAR",)


class QueryError(Exception):
    """What went wrong, naming the release folder or the SQL."""


def width(text: str) -> int:
    """Terminal columns: East Asian wide and fullwidth characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, columns: int, right: bool) -> str:
    fill = " " * (columns - width(text))
    return fill + text if right else text + fill


def _display(value: object) -> str:
    """One line per row: line breaks and tabs become spaces, other control characters go."""
    return NULL_TEXT if value is None else terminal_text(cell_text(value).translate(FLATTEN))


def _csv_cell(value: object, text_column: bool) -> str:
    """A CSV cell for a terminal or a spreadsheet: no control characters but line breaks, no formula."""
    text = terminal_text(cell_text(value), keep_lines=True)
    return csv_cell(text) if text_column else text


def format_table(header: list[str], types: list[str], rows: list[tuple]) -> str:
    right = [t.split("(")[0] in NUMERIC_TYPES for t in types]
    cells = [[_display(v) for v in row] for row in rows]
    widths = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = [" | ".join(_pad(h, w, r) for h, w, r in zip(header, widths, right, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(_pad(c, w, r) for c, w, r in zip(row, widths, right, strict=True)) for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def release_database(output_dir: Path, release: str | None = None) -> Path:
    """The govfacts.duckdb of the named release, or of the one LATEST names."""
    releases = Path(output_dir) / "releases"
    if release is None:
        latest = releases / LATEST
        if not latest.exists():
            raise QueryError(f"no release in {releases}: {latest} does not exist (run `govfacts run` first)")
        release = latest.read_text(encoding="utf-8").strip()
    database = releases / release / DUCKDB_FILE
    if not database.exists():
        raise QueryError(f"release {release} has no {DUCKDB_FILE}: {database} does not exist")
    return database


def _execute(database: Path, sql: str) -> tuple[list[str], list[str], list[tuple]]:
    config = {"enable_external_access": False, "lock_configuration": True}
    try:
        conn = duckdb.connect(str(database), read_only=True, config=config)
    except duckdb.Error as e:
        raise QueryError(f"cannot open {database}: {e}") from e
    try:
        result = conn.execute(sql)
        if result.description is None:
            return [], [], []
        header = [d[0] for d in result.description]
        types = [str(d[1]) for d in result.description]
        return header, types, result.fetchall()
    except duckdb.Error as e:
        raise QueryError(f"query failed on {database}: {e}") from e
    finally:
        conn.close()


def run_query(output_dir: Path, sql: str, csv: bool, out: TextIO, release: str | None = None,
              err: TextIO | None = None) -> int:
    """0 on success; 2, with the reason on `err` (stderr), when there is no release or the SQL fails."""
    try:
        header, types, rows = _execute(release_database(output_dir, release), sql)
    except QueryError as e:
        print(terminal_text(f"govfacts query: {e}"), file=err if err is not None else sys.stderr)
        return 2
    header = [terminal_text(h) for h in header]
    if csv:
        text_columns = [t.startswith(TEXT_TYPES) for t in types]
        write_rows(out, header, ([_csv_cell(v, t) for v, t in zip(row, text_columns, strict=True)] for row in rows))
    elif header:
        out.write(format_table(header, types, rows))
    return 0
