"""Time `govfacts run` end to end and show what it makes of real documents.

Runs the whole pipeline (all Dagster assets, in-process) twice: on the
embedded archive, and on an archive assembled in a temporary folder from
../shared/corpus (texts and HTML pages, not copied into the project). Prints
wall time per run, rows per table, checks by verdict and every quarantined
input with its reason.

    .venv/bin/python benchmarks/pipeline_run.py
"""

from __future__ import annotations

import io
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from pipeline import cli
from pipeline.resources import DEFAULT_ARCHIVE

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def corpus_archive(dest: Path) -> Path:
    for sub in ("texts", "html"):
        for p in sorted((CORPUS / sub).glob("*")):
            if p.suffix in (".txt", ".html"):
                shutil.copy(p, dest / p.name)
    return dest


def measure(name: str, archive: Path, out: Path) -> None:
    log = io.StringIO()
    t0 = time.perf_counter()
    code = cli.run(archive, out, cli.DEFAULT_SOURCES, stream=log)
    elapsed = time.perf_counter() - t0
    print(f"\n== {name}: exit {code}, {elapsed:.2f} s wall")
    print(log.getvalue().rstrip())
    con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
    try:
        chars = con.execute("SELECT coalesce(sum(length(text)), 0) FROM documents").fetchone()[0]
        print(f"  {chars} characters of clean text, {chars / elapsed:,.0f} chars/s through the whole pipeline")
        for source_uri, stage, reason in con.execute("SELECT source_uri, stage, reason FROM quarantine ORDER BY 1").fetchall():
            print(f"  quarantined [{stage}] {source_uri}: {reason}")
        per_doc = con.execute(
            "SELECT d.source_uri, count(c.claim_id) FROM documents d LEFT JOIN claims c USING (doc_id) "
            "GROUP BY 1 ORDER BY 1"
        ).fetchall()
        print("  claims per document:")
        for uri, n in per_doc:
            print(f"    {n:5d}  {uri}")
    finally:
        con.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        measure("embedded archive", DEFAULT_ARCHIVE, tmp / "out-embedded")
        if CORPUS.exists():
            (tmp / "corpus").mkdir()
            measure("shared corpus", corpus_archive(tmp / "corpus"), tmp / "out-corpus")
        else:
            print(f"\n{CORPUS} is absent: corpus run skipped")


if __name__ == "__main__":
    main()
