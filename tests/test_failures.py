"""One line per failure: the cause first, then the message naming the input."""

from pipeline.failures import failure_line, messages_of


def test_the_cause_is_found_anywhere_in_the_chain():
    chain = ["ValueError: cannot publish to /out: writing claims.parquet failed", "OSError: [Errno 28] No space left on device: '/out/x'"]
    assert failure_line("step release", chain) == "step release: disk full: ValueError: cannot publish to /out: writing claims.parquet failed"
    assert failure_line("step raw_documents", ["PermissionError: [Errno 13] Permission denied: '/a/b.txt'"]).startswith(
        "step raw_documents: permission denied: PermissionError"
    )
    locked = 'IOException: IO Error: Could not set lock on file "/o/warehouse.duckdb": Conflicting lock is held in /usr/bin/python3 (PID 7)'
    assert "file locked by another process" in failure_line("step documents", [locked])


def test_unknown_causes_keep_the_message_on_one_clean_line():
    line = failure_line("step claims", ["KeyError: 'x'\n\nStack Trace:\n  File ...", "deeper"])
    assert line == "step claims: KeyError: 'x'"
    assert failure_line("step x", ["evil \x1b[2J name\nsecond"]) == "step x: evil [2J name"
    assert len(failure_line("step x", ["a" * 5000])) < 600


def test_messages_of_follows_raise_from():
    try:
        try:
            raise OSError(28, "No space left on device", "/o/f")
        except OSError as exc:
            raise RuntimeError("writing the release failed") from exc
    except RuntimeError as exc:
        assert messages_of(exc) == ["RuntimeError: writing the release failed", "OSError: [Errno 28] No space left on device: '/o/f'"]
