from __future__ import annotations

import csv
import math

import pyarrow as pa

from pipeline import schema
from pipeline.release.csv_export import cell_text, write_csv
from tests.test_release_sample import seed_tables


def _excel_read(path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_file_starts_with_bom_and_uses_crlf(tmp_path):
    write_csv(seed_tables()["claims"], tmp_path / "claims.csv")
    data = (tmp_path / "claims.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfclaim_id,doc_id,")
    assert data.count(b"\r\n") == seed_tables()["claims"].num_rows + 1


def test_excel_style_read_gives_the_same_values(tmp_path):
    for name, table in seed_tables().items():
        path = tmp_path / f"{name}.csv"
        write_csv(table, path)
        header, *rows = _excel_read(path)
        assert header == schema.TABLES[name].column_names
        assert len(rows) == table.num_rows
        for row, original in zip(rows, table.to_pylist(), strict=True):
            for column, text in zip(header, row, strict=True):
                value = original[column]
                kind = schema.TABLES[name].column(column).type
                if value is None:
                    assert text == ""
                elif kind == "string_list":
                    assert text.split(";") == value
                elif kind == "double":
                    assert float(text) == value
                elif kind == "int":
                    assert int(text) == value
                elif kind == "bool":
                    assert text == ("true" if value else "false")
                else:
                    assert text == str(value)


def test_multiline_text_and_quotes_survive(tmp_path):
    text = '第一行\n"引号",逗号；第二行'
    table = pa.table({"a": [text, None], "b": [["x", "y"], []]})
    write_csv(table, tmp_path / "t.csv")
    assert _excel_read(tmp_path / "t.csv") == [["a", "b"], [text, "x;y"], ["", ""]]


def test_same_table_same_bytes(tmp_path):
    write_csv(seed_tables()["checks"], tmp_path / "a.csv")
    write_csv(seed_tables()["checks"], tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_cell_text_keeps_numbers_exact():
    assert cell_text(2017000000.0) == "2017000000"
    assert cell_text(45.35) == "45.35"
    assert cell_text(math.inf) == "inf"
    assert float(cell_text(0.1 + 0.2)) == 0.1 + 0.2
