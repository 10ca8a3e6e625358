"""The raw store: every fetched byte, content-addressed, plus a log of fetches.

Objects live at `root/objects/ab/abcdef...` (the sha256 of the bytes), are
written once through a temporary file and `os.replace`, and are never
rewritten. `root/index.jsonl` is an append-only log with one JSON line per
fetch (a new snapshot, an unchanged re-fetch, or a failure); every question
the pipeline asks (latest copy of a URL, known URLs, failures) is answered by
replaying that log, so nothing is ever updated in place. Lines are only
added (one `write` per line, in append mode); a reader ignores an
unterminated last line (a crash mid-append) and the next writer cuts it off.
The log is read incrementally, from where the last read stopped, so
asking about each of many URLs stays cheap. One writer at a time.

Listing pages are stored too (role "listing") so a 304 on a listing can still
be read for links, but only publications (role "item") become documents.
Decoding is not done here: bytes and the declared encoding are passed on.

Damage is survived, not fatal: a line of the log that is not a fetch record
(a disk error, a hand edit) is skipped, and a snapshot whose object is
missing or no longer hashes to its name is replaced by the newest intact
earlier snapshot of its URL, or skipped. Each is reported by `problems()`
as a quarantine row of stage "store" naming the line or the object, and
logged as a warning; `govfacts store repair` (pipeline.scrape.store_repair)
rewrites the log without them. A log that shrank (repaired by another
process) is read again from its start.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

from pipeline.ids import sha256_hex
from pipeline.model import Quarantined, RawDocument
from pipeline.scrape.fetch import Fetched, FetchFailure, Validators

INDEX_NAME = "index.jsonl"
ITEM = "item"
LISTING = "listing"
SNAPSHOT = "snapshot"
UNCHANGED = "unchanged"
FAILURE = "failure"

# Content-Type media types the pipeline can read, and what they count as.
MEDIA_TYPES = {
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
    "text/plain": "text/plain",
}
# When a server sends no Content-Type, the URL's ending decides.
SUFFIX_MEDIA_TYPES = {".txt": "text/plain"}
DEFAULT_MEDIA_TYPE = "text/html"
KINDS = (SNAPSHOT, UNCHANGED, FAILURE)
REQUIRED_KEYS = ("kind", "role", "source_id", "url")
STORE_STAGE = "store"
STORE_SOURCE_ID = "raw-store"
REPAIR_HINT = "`govfacts store repair` removes it from the log"
log = logging.getLogger(__name__)


def media_type_of(content_type: str | None, url: str) -> str | None:
    """text/html or text/plain for a readable response, None for anything else (PDF, images)."""
    if not content_type:
        path = url.split("?", 1)[0].lower()
        return next((m for s, m in SUFFIX_MEDIA_TYPES.items() if path.endswith(s)), DEFAULT_MEDIA_TYPE)
    return MEDIA_TYPES.get(content_type.split(";", 1)[0].strip().lower())


def parse_entry(raw: bytes) -> tuple[dict | None, str]:
    """A log line as a fetch record, or None and why it is not one."""
    try:
        entry = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, f"not JSON ({exc})"
    if not isinstance(entry, dict):
        return None, f"not a JSON object but {type(entry).__name__}"
    missing = [k for k in REQUIRED_KEYS if not isinstance(entry.get(k), str)]
    if entry.get("kind") in (SNAPSHOT, UNCHANGED) and not isinstance(entry.get("sha256"), str):
        missing.append("sha256")
    if missing:
        return None, f"a record without {', '.join(missing)}"
    if entry["kind"] not in KINDS:
        return None, f"unknown kind {entry['kind']!r}"
    return entry, ""


class RawStore:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.index_path = self.root / INDEX_NAME
        self._forget()

    def _forget(self) -> None:
        """Drop what was read of the log, to read it again from its start."""
        self._entries: list[dict] = []
        self._by_url: dict[str, list[dict]] = {}
        self._offset = 0
        self._line = 0
        self._damaged: list[tuple[int, str]] = []
        self._missing: dict[tuple[str, str], Quarantined] = {}

    def object_path(self, sha256: str) -> Path:
        return self.root / "objects" / sha256[:2] / sha256

    def put_object(self, content: bytes) -> str:
        """Write the bytes once under their sha256; an existing object is left untouched."""
        sha = sha256_hex(content)
        path = self.object_path(sha)
        if path.exists():
            return sha
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha

    def read_object(self, sha256: str) -> bytes:
        return self.object_path(sha256).read_bytes()

    def entries(self) -> list[dict]:
        """The fetch log in the order it was written."""
        self._refresh()
        return list(self._entries)

    def _refresh(self) -> None:
        """Read only what was appended since the last look; start again if the log was rewritten."""
        size = self.index_path.stat().st_size if self.index_path.exists() else 0
        if size < self._offset:
            log.warning("%s shrank from %d to %d bytes (repaired?); reading it again", self.index_path, self._offset, size)
            self._forget()
        if size == self._offset:
            return
        with open(self.index_path, "rb") as fh:
            fh.seek(self._offset)
            data = fh.read(size - self._offset)
        complete = data[: data.rfind(b"\n") + 1]  # what follows the last newline is a torn write
        for raw in complete.split(b"\n")[:-1]:
            self._line += 1
            if not raw.strip():
                continue
            entry, why = parse_entry(raw)
            if entry is None:
                self._damaged.append((self._line, why))
                log.warning("%s line %d skipped: %s", self.index_path, self._line, why)
                continue
            entry["_line"] = self._line
            self._entries.append(entry)
            self._by_url.setdefault(entry["url"], []).append(entry)
        self._offset += len(complete)

    def problems(self) -> list[Quarantined]:
        """Damaged log lines and unusable snapshot objects met so far, as quarantine rows."""
        self._refresh()
        rows = [
            Quarantined(STORE_SOURCE_ID, f"{INDEX_NAME}:{line}", STORE_STAGE, f"line {line} of {self.index_path} skipped: {why}; {REPAIR_HINT}")
            for line, why in self._damaged
        ]
        return rows + sorted(self._missing.values(), key=lambda q: (q.source_id, q.source_uri))

    def _append(self, entry: dict) -> None:
        """Add one line; a torn tail left by a crashed writer was never a record and is cut first."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._refresh()
        if self.index_path.exists() and self.index_path.stat().st_size > self._offset:
            os.truncate(self.index_path, self._offset)
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
        with open(self.index_path, "a", encoding="utf-8") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())

    def _latest(self, url: str, kinds: tuple[str, ...]) -> dict | None:
        self._refresh()
        return next((e for e in reversed(self._by_url.get(url, [])) if e["kind"] in kinds), None)

    def record_fetch(self, source_id: str, role: str, fetched: Fetched, hints: dict | None = None) -> str:
        """Log a 2xx or 304; returns SNAPSHOT when the bytes are new for this URL, else UNCHANGED."""
        previous = self._latest(fetched.url, (SNAPSHOT,))
        if fetched.not_modified:
            if previous is None:
                raise ValueError(f"{fetched.url}: 304 Not Modified but no earlier snapshot is stored")
            sha = previous["sha256"]
        else:
            sha = self.put_object(fetched.content or b"")
        kind = UNCHANGED if previous is not None and previous["sha256"] == sha else SNAPSHOT
        # A 304 carries no body and often no headers: what we know comes from the copy we hold.
        held = previous if fetched.not_modified else {}
        entry = {
            "kind": kind,
            "role": role,
            "source_id": source_id,
            "url": fetched.url,
            "final_url": held.get("final_url", fetched.final_url),
            "fetched_at": fetched.fetched_at,
            "status": fetched.status,
            "content_type": held.get("content_type", fetched.content_type),
            "media_type": held.get("media_type", media_type_of(fetched.content_type, fetched.final_url)),
            "declared_encoding": held.get("declared_encoding", fetched.declared_encoding),
            "etag": fetched.etag or held.get("etag"),
            "last_modified": fetched.last_modified or held.get("last_modified"),
            "sha256": sha,
            "hints": hints or {},
        }
        self._append(entry)
        return kind

    def record_failure(self, source_id: str, role: str, failure: FetchFailure) -> None:
        self._append(
            {
                "kind": FAILURE,
                "role": role,
                "source_id": source_id,
                "url": failure.url,
                "fetched_at": failure.fetched_at,
                "status": failure.status,
                "reason": failure.reason,
                "retryable": failure.retryable,
                "retry_after": failure.retry_after,
            }
        )

    def validators(self, url: str) -> Validators | None:
        """ETag / Last-Modified of the copy we hold, for a conditional request."""
        latest = self._latest(url, (SNAPSHOT, UNCHANGED))
        if latest is None or not (latest.get("etag") or latest.get("last_modified")):
            return None
        return Validators(latest.get("etag"), latest.get("last_modified"))

    def latest_content(self, url: str) -> tuple[bytes, str | None] | None:
        """The bytes and declared encoding of the newest snapshot of a URL."""
        latest = self._latest(url, (SNAPSHOT,))
        content = self.intact_object(latest["sha256"]) if latest is not None else None
        if content is None:
            if latest is not None:
                self._note_missing(latest, fallback=False)
            return None
        return content, latest.get("declared_encoding")

    def intact_object(self, sha256: str) -> bytes | None:
        """The object's bytes when it exists and still hashes to its name."""
        try:
            content = self.read_object(sha256)
        except OSError:
            return None
        return content if sha256_hex(content) == sha256 else None

    def load_all(self) -> list[RawDocument]:
        """The newest intact snapshot of every publication URL, ordered by (source_id, url)."""
        snapshots: dict[str, list[dict]] = {}
        for entry in self.entries():
            if entry["kind"] == SNAPSHOT and entry["role"] == ITEM:
                snapshots.setdefault(entry["url"], []).append(entry)
        docs = []
        for url, entries in snapshots.items():
            for entry in reversed(entries):
                content = self.intact_object(entry["sha256"])
                if content is not None:
                    docs.append(self._raw_document(entry, content))
                    break
                self._note_missing(entry, fallback=entry is not entries[0])
        return sorted(docs, key=lambda d: (d.source_id, d.source_uri))

    def _note_missing(self, entry: dict, fallback: bool) -> None:
        then = "an earlier snapshot is used" if fallback else "the URL is skipped"
        reason = (
            f"snapshot object {entry['sha256']} of {entry['url']} (line {entry['_line']} of {self.index_path}) "
            f"is missing or damaged; {then}; {REPAIR_HINT}"
        )
        if (entry["url"], entry["sha256"]) not in self._missing:
            log.warning(reason)
        self._missing[(entry["url"], entry["sha256"])] = Quarantined(entry["source_id"], entry["url"], STORE_STAGE, reason, entry["sha256"])

    def _raw_document(self, entry: dict, content: bytes) -> RawDocument:
        hints = dict(entry.get("hints") or {})
        hints["url"] = entry["url"]
        if entry.get("declared_encoding"):
            hints["declared_encoding"] = entry["declared_encoding"]
        return RawDocument(
            source_id=entry["source_id"],
            source_uri=entry["url"],
            content=content,
            content_sha256=entry["sha256"],
            media_type=entry["media_type"] or DEFAULT_MEDIA_TYPE,
            fetched_at=entry["fetched_at"],
            final_url=entry["final_url"],
            http_status=entry["status"],
            hints=hints,
        )

    def _latest_per_url(self) -> dict[str, dict]:
        self._refresh()
        return {url: entries[-1] for url, entries in self._by_url.items()}

    def known_urls(self, source_id: str) -> set[str]:
        """Publication URLs not worth proposing again: stored once, or failed for good."""
        stored = {e["url"] for e in self.entries() if e["source_id"] == source_id and e["role"] == ITEM and e["kind"] == SNAPSHOT}
        dead = {
            url
            for url, e in self._latest_per_url().items()
            if e["source_id"] == source_id and e["role"] == ITEM and e["kind"] == FAILURE and not e["retryable"]
        }
        return stored | dead

    def failures(self) -> list[Quarantined]:
        """URLs whose latest fetch failed, as quarantine rows of stage "fetch"."""
        rows = [
            Quarantined(e["source_id"], url, "fetch", e["reason"])
            for url, e in self._latest_per_url().items()
            if e["kind"] == FAILURE
        ]
        return sorted(rows, key=lambda q: (q.source_id, q.source_uri))
