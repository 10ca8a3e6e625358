"""The `govfacts` command: a thin front over the Dagster assets.

`govfacts run` materialises every asset in-process (the same job the UI
runs), printing one progress line per stage and a summary; `govfacts query`
runs read-only SQL against the latest release; `govfacts store verify` and
`govfacts store repair` check and mend the raw store of fetched pages.

Exit codes: 0 done; 1 the run failed (a step or a blocking check; LATEST
stays as it was), or `store verify` found damage; 2 refused before starting,
because another run holds the output folder or another process holds its
warehouse open. Every failure ends with one line giving the cause and the
input or path, on stderr and as `why` in runs.jsonl.
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

from pipeline.failures import failure_line, messages_of, one_line
from pipeline.neutralise import terminal_text
from pipeline.release.query import run_query
from pipeline.release.writer import latest_version
from pipeline.resources import DEFAULT_ARCHIVE, DEFAULT_OUTPUT, DEFAULT_SOURCES, GovfactsConfig
from pipeline.run_lock import OutputBusy, output_lock
from pipeline.scrape.store_repair import repair, verify
from pipeline.warehouse import WarehouseLocked, check_not_locked

RUN_LOG = "runs.jsonl"
EXIT_FAILED = 1
EXIT_REFUSED = 2


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
                print(f"  {terminal_text(meta.get('orig_message', record.getMessage()))}", file=self.stream, flush=True)
        elif event.is_step_failure:
            print(f"  FAILED {step_failure_line(meta.get('step_key'), event.step_failure_data.error)}", file=self.stream, flush=True)


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


def step_failure_line(step: str, error) -> str:
    """One line for a failed step, from Dagster's error info: the user error under
    Dagster's wrapper, then its causes, deepest last."""
    chain = []
    while error is not None:
        if not error.cls_name.startswith("Dagster") or error.cause is None:
            chain.append(error.message)
        error = error.cause
    return failure_line(f"step {step}", chain)


def _failed_checks(result) -> list[str]:
    lines = []
    for e in result.all_events:
        if e.event_type_value != "ASSET_CHECK_EVALUATION" or e.asset_check_evaluation_data.passed:
            continue
        data = e.asset_check_evaluation_data
        problems = data.metadata.get("problems")
        detail = f" ({one_line(str(problems.value))})" if problems is not None and problems.value != "none" else ""
        lines.append(f"check {data.check_name} on {data.asset_key.to_user_string()} failed{detail}")
    return lines


def _record_run(output: Path, entry: dict, stream) -> None:
    """Append the entry; a log that cannot be written is said, never the end of the command."""
    try:
        with open(output / RUN_LOG, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
    except OSError as exc:
        print(f"govfacts: {failure_line('could not record the run in ' + str(output / RUN_LOG), [str(exc)])}", file=stream)


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
    """Run every stage with the output folder locked; the exit code says how it ended."""
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    entry = {"started_at": started, "archive": str(archive), "success": False, "release": None}
    print(f"govfacts: {archive} -> {output}", file=stream, flush=True)
    try:
        with output_lock(output, f"govfacts run --archive {archive} --output {output}") as held:
            if held.stale is not None:
                print(f"govfacts: {held.stale_message()}", file=stream, flush=True)
            check_not_locked(output / "warehouse.duckdb")
            return _run_locked(archive, output, sources, stream, entry)
    except (OutputBusy, WarehouseLocked) as exc:
        why = failure_line("refused", [str(exc), *messages_of(exc)[1:]])
        code = EXIT_REFUSED
    except (OSError, duckdb.Error) as exc:
        why = failure_line(f"cannot use {output}", messages_of(exc))
        code = EXIT_FAILED
    entry["why"] = why
    print(f"govfacts: {why}", file=stream)
    if output.is_dir():
        _record_run(output, entry, stream)
    return code


def _run_locked(archive: Path, output: Path, sources: Path, stream, entry: dict) -> int:
    from pipeline.definitions import ALL_ASSETS_JOB, build_definitions

    config = GovfactsConfig(archive_dir=str(archive.resolve()), output_dir=str(output.resolve()), sources_dir=str(sources.resolve()))
    before = latest_version(output)
    defs = build_definitions(config, loggers={"progress": _progress_logger(stream)})
    with _instance() as instance:
        result = defs.resolve_job_def(ALL_ASSETS_JOB).execute_in_process(
            instance=instance, raise_on_error=False, run_config={"loggers": {"progress": {}}}
        )
    after = latest_version(output)
    entry.update(success=result.success, release=after if after != before else None)
    if not result.success:
        failed = [step_failure_line(e.step_key, e.step_failure_data.error) for e in result.all_events if e.is_step_failure]
        entry["why"] = "; ".join(failed + _failed_checks(result)) or "the run failed before any step"
        _record_run(output, entry, stream)
        print(f"govfacts: run failed: {entry['why']}; LATEST stays {before or 'unset'}", file=stream)
        return EXIT_FAILED
    _record_run(output, entry, stream)
    s = _summary(output)
    verdicts = ", ".join(f"{n} {v}" for v, n in s["checks"].items()) or "none"
    release = f"new release {after} at {output / 'releases' / after}" if after != before else f"no change since {before}; no new release"
    print(
        f"govfacts: {s['documents']} documents, {s['claims']} claims, checks: {verdicts}; "
        f"{s['quarantined']} quarantined; {release}",
        file=stream,
    )
    return 0


def store(action: str, output: Path, out=None, stream=None) -> int:
    """`verify` reports; `repair` mends under the output lock (see pipeline.scrape.store_repair)."""
    out, stream = out or sys.stdout, stream or sys.stderr
    root = output / "raw"
    if action == "verify":
        check = verify(root)
        for line in check.summary():
            print(terminal_text(line), file=out)
        return 0 if check.healthy else EXIT_FAILED
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    try:
        with output_lock(output, f"govfacts store repair --output {output}"):
            check = repair(root, stamp)
    except OutputBusy as exc:
        print(f"govfacts: {failure_line('refused', [str(exc)])}", file=stream)
        return EXIT_REFUSED
    except OSError as exc:
        print(f"govfacts: {failure_line(f'cannot repair {root}', messages_of(exc))}", file=stream)
        return EXIT_FAILED
    for line in check.summary():
        print(terminal_text(line), file=out)
    print("nothing to repair" if check.healthy else f"repaired {root} (the old log is kept as index.jsonl.before-repair-{stamp})", file=out)
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
    p_store = sub.add_parser("store", help="verify or repair the raw store of fetched pages (OUTPUT/raw)")
    p_store.add_argument("action", choices=("verify", "repair"))
    p_store.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    if args.command == "run":
        return run(args.archive, args.output, args.sources)
    if args.command == "store":
        return store(args.action, args.output)
    return run_query(args.output, args.sql, args.csv, sys.stdout, args.release)


if __name__ == "__main__":
    sys.exit(main())
