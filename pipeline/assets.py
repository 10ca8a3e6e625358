"""Dagster assets: one per stage of the flow, each a thin wrapper.

(No `from __future__ import annotations`: Dagster reads the annotations.)

Each asset reads its upstream table from the warehouse, calls the stage's
plain function (pipeline.stages, pipeline.validate) and writes its own table
back. The warehouse file is the hand-off between steps, which is why the job
runs in-process (one DuckDB writer) — see STACK-NOTES for the cost of the
multiprocess executor.
"""


from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline import facts, schema, stages, tables
from pipeline.release.writer import publish
from pipeline.resources import GovfactsConfig
from pipeline.scrape.store import STORE_STAGE
from pipeline.validate import validate
from pipeline.warehouse import create_views, read_table, write_table

GROUP = "govfacts"


def _quarantine_table_name(stage: str) -> str:
    return f"quarantine_{stage}"


def _write_quarantine(conn, stage: str, items) -> None:
    """Each stage keeps its own quarantine list; the warehouse step unions them."""
    data = tables.quarantine_table(items)
    conn.register("_q", data)
    try:
        conn.execute(f"CREATE OR REPLACE TABLE {_quarantine_table_name(stage)} AS SELECT * FROM _q")
    finally:
        conn.unregister("_q")


@dg.asset(group_name=GROUP, deps=["snapshots"], description="Bytes as read or fetched, with how they were obtained.")
def raw_documents(context: dg.AssetExecutionContext, govfacts: GovfactsConfig, duckdb: DuckDBResource) -> dg.MaterializeResult:
    govfacts.output.mkdir(parents=True, exist_ok=True)
    raws, quarantined = stages.read_raw(Path(govfacts.archive_dir), Path(govfacts.sources_dir), govfacts.raw_store_dir)
    with duckdb.get_connection() as conn:
        write_table(conn, schema.RAW_DOCUMENTS, tables.raw_documents_table(raws))
        _write_quarantine(conn, "raw", quarantined)
    context.log.info(f"raw_documents: {len(raws)} inputs read, {len(quarantined)} quarantined")
    damaged = [q for q in quarantined if q.stage == STORE_STAGE]
    if damaged:
        context.log.warning(
            f"raw_documents: {len(damaged)} damaged raw-store entries skipped (first: {damaged[0].reason}); "
            "run `govfacts store repair`"
        )
    return dg.MaterializeResult(metadata={"rows": len(raws), "quarantined": len(quarantined)})


@dg.asset(group_name=GROUP, deps=[raw_documents], description="Clean text with metadata; newspaper pages split into articles; near-duplicates linked.")
def documents(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as conn:
        raws = tables.raw_documents_from(read_table(conn, schema.RAW_DOCUMENTS))
        docs, quarantined = stages.build_all_documents(raws)
        write_table(conn, schema.DOCUMENTS, tables.documents_table(docs))
        _write_quarantine(conn, "documents", quarantined)
    duplicates = sum(1 for d in docs if d.duplicate_of)
    context.log.info(f"documents: {len(docs)} documents from {len(raws)} inputs, {duplicates} near-duplicates, {len(quarantined)} quarantined")
    return dg.MaterializeResult(metadata={"rows": len(docs), "near_duplicates": duplicates, "quarantined": len(quarantined)})


@dg.asset(group_name=GROUP, deps=[documents], description="One row per numeric claim, with provenance and attribution.")
def claims(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as conn:
        docs = tables.documents_from(read_table(conn, schema.DOCUMENTS))
        rows, quarantined = stages.extract_all_claims(docs)
        write_table(conn, schema.CLAIMS, tables.claims_table(rows))
        _write_quarantine(conn, "claims", quarantined)
    context.log.info(f"claims: {len(rows)} claims in {len(docs)} documents")
    return dg.MaterializeResult(metadata={"rows": len(rows), "quarantined": len(quarantined)})


@dg.asset(group_name=GROUP, deps=[claims], description="One row per validation, with a three-valued verdict.")
def checks(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as conn:
        docs = tables.documents_from(read_table(conn, schema.DOCUMENTS))
        claim_rows = tables.claims_from(read_table(conn, schema.CLAIMS))
        results = validate(docs, claim_rows)
        write_table(conn, schema.CHECKS, tables.checks_table(results))
    verdicts = Counter(c.verdict for c in results)
    context.log.info("checks: " + ", ".join(f"{verdicts[v]} {v}" for v in schema.VERDICTS))
    return dg.MaterializeResult(metadata={"rows": len(results), **{v: verdicts[v] for v in schema.VERDICTS}})


@dg.asset(group_name=GROUP, deps=[checks], description="The DuckDB warehouse: every table plus the analyst views of models/*.sql, the indicator vocabulary and the facts v_facts gives.")
def warehouse(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    stages_ = ("raw", "documents", "claims")
    with duckdb.get_connection() as conn:
        union = " UNION ALL ".join(f"SELECT * FROM {_quarantine_table_name(s)}" for s in stages_)
        data = conn.sql(f"SELECT * FROM ({union}) ORDER BY source_id, source_uri, stage").to_arrow_table()
        write_table(conn, schema.QUARANTINE, data.cast(schema.arrow_schema(schema.QUARANTINE)))
        for s in stages_:
            conn.execute(f"DROP TABLE {_quarantine_table_name(s)}")
        write_table(conn, schema.INDICATORS, facts.indicators_table())
        views = create_views(conn)
        write_table(conn, schema.FACTS, facts.facts_table(conn))
    context.log.info(f"warehouse: {len(views)} views ({', '.join(views)}), {data.num_rows} quarantined inputs")
    return dg.MaterializeResult(metadata={"views": ", ".join(views), "quarantined": data.num_rows})


@dg.asset(group_name=GROUP, deps=[warehouse, documents, claims, checks], description="An immutable, versioned release of the published tables.")
def release(context: dg.AssetExecutionContext, govfacts: GovfactsConfig, duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as conn:
        data = {t.name: read_table(conn, t) for t in schema.PUBLISHED_TABLES}
    now = datetime.now(timezone.utc)
    published = publish(govfacts.output, data, now.date(), now.isoformat(timespec="seconds"))
    for note in published.recovered:
        context.log.warning(f"release: {note}")
    if published.unchanged:
        context.log.info(f"release: nothing changed since {published.previous_version}; no new release")
    else:
        context.log.info(f"release: published {published.version} at {published.path}")
    return dg.MaterializeResult(
        metadata={
            "version": published.version or "",
            "path": str(published.path or ""),
            "unchanged": published.unchanged,
            **{f"{name}_rows": t.num_rows for name, t in data.items()},
        }
    )


PIPELINE_ASSETS = [raw_documents, documents, claims, checks, warehouse, release]
