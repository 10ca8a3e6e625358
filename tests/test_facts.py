"""v_facts and the facts table: one row per place × indicator × period ×
measure, and the README's two cross-document questions on the corpus."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from pipeline import indicators, schema, stages, tables
from pipeline.release.query import run_query
from pipeline.release.writer import publish
from pipeline.resources import DEFAULT_SOURCES
from pipeline.validate import validate
from tests.test_release_query import _docs_queries
from tests.test_release_sample import derived_tables

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
PINGTAN = "350128000000"
Y2022 = (date(2022, 1, 1), date(2022, 12, 31))


def _doc(doc_id: str, duplicate_of: str | None = None) -> dict:
    return {"doc_id": doc_id, "source_uri": f"{doc_id}.txt", "source_id": "t", "part": 0, "content_sha256": doc_id,
            "text": "…", "place_code": PINGTAN, "place_name": "福建省福州市平潭县", "duplicate_of": duplicate_of}


def _claim(claim_id: str, doc_id: str, surface: str, value: float, half: float, unit: str, indicator: str,
           period: tuple, comparison: str = "level", direction: str | None = None, **fields) -> dict:
    sign = -1 if direction == "decrease" else 1
    return {"claim_id": claim_id, "doc_id": doc_id, "char_start": 0, "char_end": len(surface), "surface": surface,
            "value": value, "value_low": value - half, "value_high": value + half, "unit": unit, "qualifier": "exact",
            "direction": direction, "signed_value": sign * value, "indicator": indicator, "place_code": PINGTAN,
            "period_start": period[0], "period_end": period[1], "role": "actual", "comparison": comparison,
            "sentence": "…", "sentence_start": 0, **fields}


@pytest.fixture(scope="module")
def sample_facts() -> list[dict]:
    docs = [_doc("d1"), _doc("d2"), _doc("d3"), _doc("d4", duplicate_of="d1")]
    claims = [
        _claim("c1", "d1", "3.6%", 3.6, 0.05, "%", "gdp", Y2022, "rate", "increase"),
        _claim("c2", "d2", "3.60%", 3.6, 0.005, "%", "gdp", Y2022, "rate", "increase"),
        _claim("c3", "d4", "3.9%", 3.9, 0.05, "%", "gdp", Y2022, "rate", "increase"),  # a near-duplicate's
        _claim("c4", "d1", "23.56亿元", 2356e6, 5e5, "元", "general_budget_revenue", Y2022),
        _claim("c5", "d1", "50.7%", 50.7, 0.05, "%", "general_budget_revenue", Y2022, "rate", "decrease", compared_to="c4"),
        _claim("c6", "d3", "23.6亿元", 2360e6, 5e6, "元", "general_budget_revenue", Y2022),
        _claim("c7", "d3", "23.9亿元", 2390e6, 5e6, "元", "general_budget_revenue", Y2022),
        _claim("c8", "d1", "47.8亿元", 4780e6, 5e6, "元", "general_budget_revenue", (date(2021, 1, 1), date(2021, 12, 31)),
               "base", compared_to="c4"),
        _claim("c9", "d2", "40亿元", 4000e6, 5e7, "元", "general_budget_revenue", Y2022, "base", compared_to="c4"),
        _claim("c10", "d1", "49.7万人", 497e3, 50, "人", "resident_population", (None, date(2022, 12, 31))),
        _claim("c11", "d1", "20.17亿元", 2017e6, 5e5, "元", "total_tax_revenue", (date(2023, 1, 1), date(2023, 5, 31))),
        _claim("c12", "d1", "9亿元", 9e8, 5e7, "元", "total_tax_revenue", Y2022, place_code=None),
    ]
    data = {
        "documents": schema.to_arrow(schema.DOCUMENTS, docs),
        "claims": schema.to_arrow(schema.CLAIMS, claims),
        "checks": schema.to_arrow(schema.CHECKS, []),
    }
    return derived_tables(data)["facts"].to_pylist()


def _one(facts: list[dict], **key) -> dict:
    found = [f for f in facts if all(f[k] == v for k, v in key.items())]
    assert len(found) == 1, found
    return found[0]


def test_figures_of_two_documents_that_agree_make_one_fact(sample_facts):
    fact = _one(sample_facts, indicator="gdp")
    assert (fact["place_code"], fact["place_name"], fact["measure"], fact["period"], fact["year"]) == (
        PINGTAN, "福建省福州市平潭县", "growth_rate", "2022", 2022)
    assert fact["agree"] and fact["claims"] == 2 and fact["doc_ids"] == ["d1", "d2"]
    assert fact["value"] == 3.6 and (fact["value_low"], fact["value_high"]) == pytest.approx((3.595, 3.605))
    assert fact["surfaces"] == ["3.6%", "3.60%"]
    assert re.fullmatch(r"f[0-9a-f]{16}", fact["fact_id"])


def test_figures_that_cannot_all_be_true_disagree(sample_facts):
    fact = _one(sample_facts, indicator="general_budget_revenue", measure="level", year=2022)
    assert not fact["agree"] and fact["value_low"] is None
    assert (fact["min_value"], fact["max_value"]) == (2356e6, 2390e6)
    assert fact["claim_ids"] == ["c4", "c6", "c7"]  # c9, a base dated like its level, is left out


def test_a_decrease_is_negative_and_a_base_is_the_level_of_its_own_period(sample_facts):
    growth = _one(sample_facts, indicator="general_budget_revenue", measure="growth_rate")
    assert growth["value"] == -50.7 and growth["value_low"] == pytest.approx(-50.75)
    base = _one(sample_facts, indicator="general_budget_revenue", year=2021)
    assert (base["measure"], base["value"]) == ("level", 4780e6)


def test_periods_in_words_and_years(sample_facts):
    stock = _one(sample_facts, indicator="resident_population")
    assert (stock["period"], stock["period_start"], stock["year"]) == ("2022-12-31", None, 2022)
    months = _one(sample_facts, indicator="total_tax_revenue")
    assert (months["period"], months["year"]) == ("2023-01..2023-05", None)


def test_claims_without_place_are_no_facts(sample_facts):
    assert all(f["claims"] > 0 and "c12" not in f["claim_ids"] for f in sample_facts)


# The README's questions on a release of the shared corpus.

@pytest.fixture(scope="module")
def corpus_release(tmp_path_factory) -> Path:
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not beside the project")
    archive = tmp_path_factory.mktemp("corpus")
    for sub in ("texts", "html"):
        for p in sorted((CORPUS / sub).glob("*")):
            if p.suffix in (".txt", ".html"):
                shutil.copy(p, archive / p.name)
    raws, _ = stages.read_raw(archive, DEFAULT_SOURCES, archive / "no-raw-store")
    docs, _ = stages.build_all_documents(raws)
    rows, _ = stages.extract_all_claims(docs)
    data = {
        "documents": tables.documents_table(docs),
        "claims": tables.claims_table(rows),
        "checks": tables.checks_table(validate(docs, rows)),
        "quarantine": tables.quarantine_table([]),
    }
    out = tmp_path_factory.mktemp("out")
    publish(out, {**data, **derived_tables(data)}, date(2026, 12, 2), "t")
    return out


def _rows(output: Path, sql: str) -> list[dict]:
    text, err = io.StringIO(), io.StringIO()
    assert run_query(output, sql, True, text, err=err) == 0, err.getvalue()
    return list(csv.DictReader(io.StringIO(text.getvalue().lstrip("\ufeff"))))


def test_readme_gdp_growth_by_place_and_year(corpus_release):
    rows = _rows(corpus_release, _docs_queries()[0])
    pingtan = [r for r in rows if r["place_code"] == PINGTAN and r["year"] == "2022"]
    assert [(r["growth_pct"], r["place_name"]) for r in pingtan] == [("3.6", "福建省福州市平潭县")]
    assert len({(r["place_code"], r["year"]) for r in rows}) == len(rows) >= 10


def test_readme_budget_revenue_by_place_and_year(corpus_release):
    rows = _rows(corpus_release, _docs_queries()[1])
    pingtan = {r["indicator_name"]: r for r in rows if r["place_code"] == PINGTAN and r["year"] == "2022"}
    assert (pingtan["一般公共预算收入"]["level_100m_yuan"], pingtan["一般公共预算收入"]["growth_pct"]) == ("23.56", "-50.7")
    assert {r["indicator_name"] for r in rows} >= {"一般公共预算收入", "一般公共预算总收入", "财政总收入"}


def test_readme_pandas_example_runs_on_the_release(corpus_release):
    code = re.search(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S).group(1)
    printed = io.StringIO()
    cwd = os.getcwd()
    os.chdir(corpus_release.parent)
    try:
        (corpus_release.parent / "outputs").symlink_to(corpus_release, target_is_directory=True)
        with contextlib.redirect_stdout(printed):
            exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    assert "福建省福州市平潭县" in printed.getvalue() and "3.6" in printed.getvalue()


def test_release_carries_facts_and_the_view_gives_the_same_rows(corpus_release):
    release = next(p for p in (corpus_release / "releases").iterdir() if p.is_dir())
    assert (release / "facts.parquet").exists() and (release / "facts.csv").exists()
    same = _rows(corpus_release, "SELECT (SELECT count(*) FROM facts) = (SELECT count(*) FROM v_facts) AS same, "
                                 "(SELECT count(*) FROM facts) AS n")
    assert same[0]["same"] == "true" and int(same[0]["n"]) > 300


def test_sql_measure_is_the_one_the_indicator_was_given_for(corpus_release):
    rows = _rows(corpus_release, "SELECT c.metric, c.unit, c.comparison, c.place_code, f.indicator, f.measure "
                                 "FROM facts AS f, unnest(f.claim_ids) AS u(claim_id) JOIN claims AS c USING (claim_id)")
    assert rows and {r["measure"] for r in rows} <= set(indicators.MEASURES)
    for r in rows:
        found = indicators.classify(r["metric"], r["unit"], r["comparison"], r["place_code"] or None)
        assert (found[0].id, found[1]) == (r["indicator"], r["measure"]), r
