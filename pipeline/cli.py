"""The `govfacts` command: a thin front over the Dagster assets.

`govfacts run` materialises every asset in-process (the same job the UI
runs), printing one progress line per stage and a summary; `govfacts query`
runs read-only SQL against the latest release.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import dagster as dg
import duckdb

from pipeline.release.query import run_query
from pipeline.release.writer import latest_version
from pipeline.resources import DEFAULT_ARCHIVE, DEFAULT_OUTPUT, DEFAULT_SOURCES, GovfactsConfig

RUN_LOG = "runs.jsonl"


class _ProgressHandler(logging.Handler):
    """Shows the assets' own messages and failures, not Dagster's event stream."""

    def __init__(self, stream) -> None:
        super().__init__(logging.INFO)
        self.stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event")
        if event is None:
            if record.levelno >= logging.INFO:
                print(f"  {meta.get('orig_message', record.getMessage())}", file=self.stream, flush=True)
        elif event.is_step_failure:
            print(f"  FAILED {meta.get('step_key')}: {event.step_failure_data.error.message.strip()}", file=self.stream, flush=True)


def _progress_logger(stream):
    @dg.logger(description="One line per stage for the govfacts command line.")
    def progress(_init_context) -> logging.Logger:
        log = logging.getLogger("govfacts.progress")
        log.setLevel(logging.INFO)
        log.handlers = [_ProgressHandler(stream)]
        log.propagate = False
        return log

    return progress


@contextmanager
def _instance():
    """Use $DAGSTER_HOME when set (runs show in the UI), else a throwaway one."""
    if os.environ.get("DAGSTER_HOME"):
        with dg.DagsterInstance.get() as instance:
            yield instance
    else:
        with dg.DagsterInstance.ephemeral() as instance:
            yield instance


def _failed_checks(result) -> list[str]:
    return [
        f"{e.asset_check_evaluation_data.check_name} on {e.asset_check_evaluation_data.asset_key.to_user_string()}"
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION" and not e.asset_check_evaluation_data.passed
    ]


def _record_run(output: Path, entry: dict) -> None:
    with open(output / RUN_LOG, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")


def _summary(output: Path) -> dict:
    con = duckdb.connect(str(output / "warehouse.duckdb"), read_only=True)
    try:
        verdicts = dict(con.execute("SELECT verdict, count(*) FROM checks GROUP BY 1 ORDER BY 1").fetchall())
        return {
            "documents": con.execute("SELECT count(*) FROM documents").fetchone()[0],
            "claims": con.execute("SELECT count(*) FROM claims").fetchone()[0],
            "checks": verdicts,
            "quarantined": con.execute("SELECT count(*) FROM quarantine").fetchone()[0],
        }
    finally:
        con.close()


def run(archive: Path, output: Path, sources: Path, stream=sys.stderr) -> int:
    from pipeline.definitions import ALL_ASSETS_JOB, build_definitions

    output.mkdir(parents=True, exist_ok=True)
    config = GovfactsConfig(archive_dir=str(archive.resolve()), output_dir=str(output.resolve()), sources_dir=str(sources.resolve()))
    before = latest_version(output)
    print(f"govfacts: {archive} -> {output}", file=stream, flush=True)
    defs = build_definitions(config, loggers={"progress": _progress_logger(stream)})
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with _instance() as instance:
        result = defs.resolve_job_def(ALL_ASSETS_JOB).execute_in_process(
            instance=instance, raise_on_error=False, run_config={"loggers": {"progress": {}}}
        )
    after = latest_version(output)
    entry = {"started_at": started, "archive": str(archive), "success": result.success, "release": after if after != before else None}
    if not result.success:
        failed = [e.step_key for e in result.all_events if e.is_step_failure]
        entry["why"] = "; ".join([f"step {s} failed" for s in failed] + [f"check {c} failed" for c in _failed_checks(result)])
        _record_run(output, entry)
        print(f"govfacts: run failed ({entry['why']}); LATEST stays {before or 'unset'}", file=stream)
        return 1
    _record_run(output, entry)
    s = _summary(output)
    verdicts = ", ".join(f"{n} {v}" for v, n in s["checks"].items()) or "none"
    release = f"new release {after} at {output / 'releases' / after}" if after != before else f"no change since {before}; no new release"
    print(
        f"govfacts: {s['documents']} documents, {s['claims']} claims, checks: {verdicts}; "
        f"{s['quarantined']} quarantined; {release}",
        file=stream,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="govfacts", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="run every stage and publish a release")
    p_run.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE, help="folder of .txt/.html documents (default: the embedded archive)")
    p_run.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where the warehouse and releases go (default: outputs/)")
    p_run.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="source registry folder (default: sources/)")
    p_query = sub.add_parser("query", help="run read-only SQL against the latest release")
    p_query.add_argument("sql")
    p_query.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    p_query.add_argument("--release", help="a release version instead of LATEST")
    p_query.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    if args.command == "run":
        return run(args.archive, args.output, args.sources)
    return run_query(args.output, args.sql, args.csv, sys.stdout, args.release)


if __name__ == "__main__":
    sys.exit(main())
