"""Run a snippet of Python in a child process under a memory cap and a time limit.

A test that probes memory must not take the test runner down with it when
the code under test regresses: the child gets RLIMIT_AS (so an allocation
past the cap is a MemoryError in the child, not the kernel's OOM killer on
the machine) and is killed when it outlives `timeout`. The snippet prints
one JSON value on its last line, which comes back decoded.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_limited(code: str, memory_mb: int, timeout: float, cwd: Path | None = None) -> object:
    """The JSON value the snippet printed last; AssertionError naming the limit when it failed."""

    def cap() -> None:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        proc = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)], cwd=cwd or ROOT, env=env, preexec_fn=cap,
            capture_output=True, text=True, timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"still running after {timeout:g} s (limit {memory_mb} MB)") from exc
    if proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode} under {memory_mb} MB: {proc.stderr[-1500:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])
