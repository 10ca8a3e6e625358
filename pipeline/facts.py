"""The indicators and facts tables that the warehouse adds to the release.

`indicators` is the vocabulary of pipeline/data/indicators.tsv as a table,
so v_facts, and a reader, can look up an indicator's name and units;
`facts` is the view v_facts materialised, so the release carries it as
Parquet and CSV for readers without DuckDB. The warehouse step writes
indicators before it creates the views (v_facts reads it) and facts after.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from pipeline import indicators, schema


def indicators_table() -> pa.Table:
    rows = [
        {
            "indicator": i.id,
            "name": i.name.partition("@")[0],
            "names": [i.name, *i.synonyms],
            "unit_family": i.unit_family,
            "units": list(i.units),
            "kind": i.kind,
            "growth": i.growth,
            "source": i.source,
            "definition": i.definition,
        }
        for i in sorted(indicators.vocabulary(), key=lambda i: i.id)
    ]
    return schema.to_arrow(schema.INDICATORS, rows)


def facts_table(conn: duckdb.DuckDBPyConnection) -> pa.Table:
    """v_facts in fact_id order, with the schema's types."""
    columns = ", ".join(schema.FACTS.column_names)
    data = conn.sql(f"SELECT {columns} FROM v_facts ORDER BY fact_id").to_arrow_table()
    return data.cast(schema.arrow_schema(schema.FACTS))
