"""End to end: every asset materialised on the embedded archive, the release
checked against the contract, the CLI compared with the assets, determinism,
and a failing run that must not publish."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline import cli, schema
from pipeline.definitions import ALL_ASSETS_JOB, build_definitions
from pipeline.ids import sha256_hex
from pipeline.release.writer import latest_version
from pipeline.resources import DEFAULT_ARCHIVE, DEFAULT_SOURCES, GovfactsConfig
from tests.test_release_report import _chromium_dom, needs_chromium

TABLES = [t.name for t in schema.PUBLISHED_TABLES]


@pytest.fixture(scope="module")
def dagster_home(tmp_path_factory, monkeypatch_module):
    home = tmp_path_factory.mktemp("dagster_home")
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    monkeypatch_module.setenv("DAGSTER_HOME", str(home))
    return home


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.fixture(scope="module")
def asset_run(tmp_path_factory, dagster_home):
    """Every asset and check, through Dagster, with a persistent instance."""
    out = tmp_path_factory.mktemp("assets_out")
    config = GovfactsConfig(archive_dir=str(DEFAULT_ARCHIVE), output_dir=str(out), sources_dir=str(DEFAULT_SOURCES))
    defs = build_definitions(config)
    with dg.DagsterInstance.get() as instance:
        result = defs.resolve_job_def(ALL_ASSETS_JOB).execute_in_process(instance=instance)
        materialized = {k.to_user_string() for k in instance.get_asset_keys()}
    return out, result, materialized


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory, dagster_home):
    out = tmp_path_factory.mktemp("cli_out")
    assert cli.main(["run", "--output", str(out)]) == 0
    return out


def _release(out: Path) -> Path:
    return out / "releases" / latest_version(out)


def test_every_asset_is_materialised_and_every_check_passes(asset_run):
    _, result, materialized = asset_run
    assert result.success
    expected = {"snapshots", "raw_documents", "documents", "claims", "checks", "warehouse", "release"}
    assert expected <= materialized
    evaluations = result.get_asset_check_evaluations()
    assert len(evaluations) >= 6
    assert all(e.passed for e in evaluations)


def test_release_follows_the_contract(asset_run):
    out, _, _ = asset_run
    rel = _release(out)
    assert (out / "releases" / "LATEST").read_text().strip() == rel.name
    manifest = json.loads((rel / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema_version"] == schema.SCHEMA_VERSION
    assert manifest["version"] == rel.name
    for name in ["documents.parquet", "claims.parquet", "checks.parquet", "datapackage.json", "CHANGES.md"]:
        assert name in manifest["files"], name
    for name, entry in manifest["files"].items():
        data = (rel / name).read_bytes()
        assert entry["sha256"] == sha256_hex(data) and entry["bytes"] == len(data), name
        if name.endswith(".parquet"):
            assert entry["rows"] == pq.read_metadata(rel / name).num_rows
    for t in schema.PUBLISHED_TABLES:
        assert pq.read_schema(rel / f"{t.name}.parquet").names == t.column_names
    package = json.loads((rel / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]}
    for t in schema.PUBLISHED_TABLES:
        assert described[t.name] == t.column_names


def test_every_claim_points_at_its_surface(asset_run):
    rel = _release(asset_run[0])
    docs = {d["doc_id"]: d["text"] for d in pq.read_table(rel / "documents.parquet").to_pylist()}
    claims = pq.read_table(rel / "claims.parquet").to_pylist()
    assert len(docs) >= 5 and len(claims) >= 200
    for c in claims:
        assert docs[c["doc_id"]][c["char_start"] : c["char_end"]] == c["surface"]


def test_the_seed_reports_tax_increment_is_flagged(asset_run):
    rel = _release(asset_run[0])
    flags = [c for c in pq.read_table(rel / "checks.parquet").to_pylist() if c["verdict"] == "inconsistent"]
    assert any(c["kind"] == "difference" and "6.39" in c["message"] and "6.29" in c["message"] for c in flags)


def test_cli_and_assets_give_the_same_release(asset_run, cli_run):
    """Two independent runs on the same input: identical ids and bytes (determinism)."""
    a, b = _release(asset_run[0]), _release(cli_run)
    for name in TABLES:
        assert pq.read_table(a / f"{name}.parquet").equals(pq.read_table(b / f"{name}.parquet")), name
        assert (a / f"{name}.parquet").read_bytes() == (b / f"{name}.parquet").read_bytes(), name


def test_warehouse_has_the_tables_and_views(cli_run):
    con = duckdb.connect(str(cli_run / "warehouse.duckdb"), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    finally:
        con.close()
    assert {t.name for t in schema.PUBLISHED_TABLES} | {"raw_documents"} <= tables
    assert {"v_flags", "v_claims", "v_facts"} <= views


def test_rerun_with_nothing_new_publishes_nothing(cli_run):
    before = latest_version(cli_run)
    releases = sorted(p.name for p in (cli_run / "releases").iterdir())
    assert cli.main(["run", "--output", str(cli_run)]) == 0
    assert latest_version(cli_run) == before
    assert sorted(p.name for p in (cli_run / "releases").iterdir()) == releases


def test_a_failing_check_never_publishes(cli_run, tmp_path):
    """An archive with nothing usable fails the documents contract check."""
    out = tmp_path / "out"
    shutil.copytree(cli_run, out)
    before = latest_version(out)
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "note.pdf").write_bytes(b"%PDF-1.4")
    assert cli.main(["run", "--archive", str(empty), "--output", str(out)]) == 1
    assert latest_version(out) == before
    last = json.loads((out / "runs.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert last["success"] is False and "documents_contract" in last["why"]


@needs_chromium
def test_real_report_loads_in_a_browser_and_shows_the_tax_flag(cli_run, tmp_path):
    dom, console = _chromium_dom(_release(cli_run) / "report.html", tmp_path / "profile")
    assert console == []
    assert '<mark class="suspect">6.39亿元</mark>' in dom
    assert "6.39 → 6.29" in dom


def test_dagster_cli_materialize_gives_the_same_release(cli_run, dagster_home, tmp_path):
    """`dagster asset materialize --select '*'` as the README shows it."""
    out = tmp_path / "dagster_out"
    env = {**os.environ, "DAGSTER_HOME": str(dagster_home), "GOVFACTS_OUTPUT": str(out)}
    dagster = Path(sys.executable).with_name("dagster")
    proc = subprocess.run(
        [str(dagster), "asset", "materialize", "-m", "pipeline.definitions", "--select", "*"],
        cwd=Path(__file__).resolve().parents[1], env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    for name in TABLES:
        a, b = _release(cli_run) / f"{name}.parquet", _release(out) / f"{name}.parquet"
        assert a.read_bytes() == b.read_bytes(), name


def test_readme_queries_run_on_the_real_release(cli_run, capsys):
    from tests.test_release_query import _docs_queries

    outputs = []
    for sql in _docs_queries():
        assert cli.main(["query", sql, "--csv", "--output", str(cli_run)]) == 0
        outputs.append(capsys.readouterr().out)
    gdp_growth, budget_revenue, flags, report_claims = outputs
    assert gdp_growth.lstrip("\ufeff").startswith("place_name,place_code,year,growth_pct,")
    assert budget_revenue.lstrip("\ufeff").startswith("place_name,place_code,year,indicator_name,level_100m_yuan,")
    assert "6.39亿元" in flags and "6.39 → 6.29" in flags
    assert report_claims.count("\n") > 150 and "20.17亿元" in report_claims


def test_bad_inputs_are_quarantined_with_reasons_and_the_rest_is_published(tmp_path, dagster_home):
    archive = tmp_path / "archive"
    archive.mkdir()
    report = "经济形势稳中向好:1-5月,共计完成税收20.17亿元,比去年同期13.88亿元增长6.39亿元,增幅45.4%。"
    page = f"<html><head><meta charset='gbk'><title>张江镇简报</title></head><body><h1>张江镇简报</h1><div class='content'><p>{report}</p><p>上半年,新增就业岗位3844个。</p></div></body></html>"
    (archive / "gbk_page.html").write_bytes(page.encode("gbk"))
    (archive / "gbk_page.json").write_text(json.dumps({"published": "2023-08-03", "publisher": "张江镇"}), encoding="utf-8")
    (archive / "truncated.html").write_bytes(page.encode("utf-8")[:60])
    (archive / "garbage.txt").write_bytes(bytes(range(256)) * 4)
    (archive / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert cli.main(["run", "--archive", str(archive), "--output", str(out)]) == 0
    rel = _release(out)
    docs = pq.read_table(rel / "documents.parquet").to_pylist()
    assert [(d["source_uri"], d["encoding"], d["published_date"]) for d in docs] == [("gbk_page.html", "gb18030", "2023-08-03")]
    assert "20.17亿元" in docs[0]["text"]
    quarantined = {q["source_uri"]: q for q in pq.read_table(rel / "quarantine.parquet").to_pylist()}
    assert set(quarantined) == {"truncated.html", "garbage.txt", "empty.txt"}
    assert all(q["source_uri"] in q["reason"] for q in quarantined.values())
    flags = [c for c in pq.read_table(rel / "checks.parquet").to_pylist() if c["verdict"] == "inconsistent"]
    assert [c["kind"] for c in flags] == ["difference"]
