"""CSV copies of release tables that a spreadsheet opens as they are.

Arrow's own CSV writer has no byte-order mark (Excel then reads UTF-8 as the
local code page and garbles the Chinese) and cannot write list columns, so
cells are turned to text here, by one rule shared with the diff and the
query command, and written with the standard csv module. Text columns carry
words from documents, so their cells pass the CSV-injection rule of
pipeline.neutralise; numbers and dates never need it (`-0.6` is a number to
a spreadsheet, not a formula).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TextIO

import pyarrow as pa

from pipeline.neutralise import csv_cell

LIST_SEPARATOR = ";"


def _float_text(v: float) -> str:
    """Whole numbers print without `.0`, so 2017000000 reads as a reader wrote it."""
    if math.isfinite(v) and v.is_integer() and abs(v) < 2**53:
        return str(int(v))
    return repr(v)


def cell_text(value: object) -> str:
    """The one text form of a cell: null is empty, lists are `;`-joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(cell_text(v) for v in value)
    return str(value)


def is_text_type(data_type: pa.DataType) -> bool:
    """Strings and lists of strings: the columns that can hold a document's words."""
    if pa.types.is_list(data_type) or pa.types.is_large_list(data_type):
        data_type = data_type.value_type
    return pa.types.is_string(data_type) or pa.types.is_large_string(data_type)


def spreadsheet_cell(value: object, text_column: bool) -> str:
    """cell_text, made safe for a spreadsheet when the column holds text."""
    text = cell_text(value)
    return csv_cell(text) if text_column else text


def table_rows(table: pa.Table) -> Iterable[list[str]]:
    text_columns = [is_text_type(field.type) for field in table.schema]
    for batch in table.to_batches():
        columns = [col.to_pylist() for col in batch.columns]
        for row in zip(*columns, strict=True):
            yield [spreadsheet_cell(v, t) for v, t in zip(row, text_columns, strict=True)]


def write_rows(out: TextIO, header: list[str], rows: Iterable[list[str]]) -> None:
    """RFC 4180: comma, CRLF line ends, quotes only where a cell needs them."""
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)


def write_csv(table: pa.Table, path: Path) -> None:
    with Path(path).open("w", encoding="utf-8-sig", newline="") as out:
        write_rows(out, table.column_names, table_rows(table))
