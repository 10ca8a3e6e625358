"""Asset checks on the published tables.

The contract checks (schema, non-empty, offsets point at the surface, ids and
verdicts valid) are blocking: the release asset is downstream of every
checked table, so a failing check can never publish. The verdict summary is
not blocking: an inconsistent figure is data the release must carry.
"""


from collections import Counter

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline import schema, tables
from pipeline.assets import checks, claims, documents
from pipeline.warehouse import read_table


def schema_problems(table: schema.Table, actual: list[tuple[str, str]]) -> list[str]:
    """Compare (column, DuckDB type) pairs with the single table definition."""
    expected = [(c.name, schema.TYPES[c.type][1]) for c in table.columns]
    if actual == expected:
        return []
    return [f"expected {n} {t}" for n, t in expected if (n, t) not in actual] + [
        f"unexpected {n} {t}" for n, t in actual if (n, t) not in expected
    ]


def _contract_check(asset, table: schema.Table):
    @dg.asset_check(asset=asset, name=f"{table.name}_contract", blocking=True, description=f"{table.name} has the schema's columns and types and at least one row.")
    def _check(duckdb: DuckDBResource) -> dg.AssetCheckResult:
        with duckdb.get_connection() as conn:
            cols = conn.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table.name],
            ).fetchall()
            rows = conn.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0] if cols else 0
        problems = schema_problems(table, [(n, t) for n, t in cols])
        if rows == 0:
            problems.append(f"{table.name} is empty")
        return dg.AssetCheckResult(passed=not problems, metadata={"rows": rows, "problems": "; ".join(problems) or "none"})

    return _check


@dg.asset_check(asset=claims, blocking=True, description="For every claim, documents.text[char_start:char_end] == surface, and its document exists.")
def claims_point_at_their_surface(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as conn:
        texts = {d.doc_id: d.text for d in tables.documents_from(read_table(conn, schema.DOCUMENTS))}
        rows = conn.execute("SELECT claim_id, doc_id, char_start, char_end, surface FROM claims").fetchall()
    bad = [cid for cid, doc, s, e, surface in rows if doc not in texts or texts[doc][s:e] != surface]
    return dg.AssetCheckResult(passed=not bad, metadata={"claims": len(rows), "mismatched": len(bad), "first_mismatched": ", ".join(bad[:10])})


@dg.asset_check(asset=claims, blocking=True, description="Every claim has a known qualifier and role and a value inside its interval.")
def claims_are_well_formed(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as conn:
        bad = dict(
            conn.execute(
                f"""SELECT 'unknown_qualifier', count(*) FILTER (WHERE qualifier NOT IN {schema.QUALIFIERS}) FROM claims
                UNION ALL SELECT 'unknown_role', count(*) FILTER (WHERE role NOT IN {schema.ROLES}) FROM claims
                UNION ALL SELECT 'value_outside_interval', count(*) FILTER (WHERE NOT (value_low <= value AND value <= value_high)) FROM claims"""
            ).fetchall()
        )
    return dg.AssetCheckResult(passed=not any(bad.values()), metadata=bad)


@dg.asset_check(asset=checks, blocking=True, description="Every check has a known kind and verdict and refers only to existing claims.")
def checks_are_well_formed(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as conn:
        bad_kind = conn.execute(f"SELECT count(*) FROM checks WHERE kind NOT IN {schema.CHECK_KINDS}").fetchone()[0]
        bad_verdict = conn.execute(f"SELECT count(*) FROM checks WHERE verdict NOT IN {schema.VERDICTS}").fetchone()[0]
        dangling = conn.execute(
            "SELECT count(*) FROM (SELECT unnest(claim_ids) AS cid FROM checks) WHERE cid NOT IN (SELECT claim_id FROM claims)"
        ).fetchone()[0]
    return dg.AssetCheckResult(
        passed=bad_kind == bad_verdict == dangling == 0,
        metadata={"unknown_kind": bad_kind, "unknown_verdict": bad_verdict, "dangling_claim_ids": dangling},
    )


@dg.asset_check(asset=checks, description="Counts of checks by verdict; inconsistent figures are data, so this never fails the run.")
def verdict_summary(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as conn:
        counts = Counter(dict(conn.execute("SELECT verdict, count(*) FROM checks GROUP BY verdict").fetchall()))
        by_kind = conn.execute("SELECT kind, count(*) FROM checks WHERE verdict = 'inconsistent' GROUP BY kind ORDER BY kind").fetchall()
    return dg.AssetCheckResult(
        passed=True,
        metadata={**{v: counts[v] for v in schema.VERDICTS}, "inconsistent_by_kind": ", ".join(f"{k}: {n}" for k, n in by_kind) or "none"},
    )


PIPELINE_CHECKS = [
    _contract_check(documents, schema.DOCUMENTS),
    _contract_check(claims, schema.CLAIMS),
    _contract_check(checks, schema.CHECKS),
    claims_point_at_their_surface,
    claims_are_well_formed,
    checks_are_well_formed,
    verdict_summary,
]
