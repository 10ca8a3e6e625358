"""Read a local archive folder into raw documents.

The DESIGN contract: a folder of .txt or .html files, each with an optional
sidecar NAME.json (url, title, publisher, published date). When the folder is
a registered archive source (sources/*.yaml), its registry metadata is the
base and a sidecar refines it. Anything unreadable is quarantined with the
reason; the other files go on.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.ids import sha256_hex
from pipeline.model import Quarantined, RawDocument
from pipeline.registry import DEFAULT_SOURCES_DIR, archive_source_for

MEDIA_TYPES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html"}
SIDECAR_KEYS = {
    "url": "url",
    "title": "title",
    "publisher": "publisher",
    "published": "published_date",
    "published_date": "published_date",
    "doc_kind": "doc_kind",
    "kind": "doc_kind",
    "jurisdiction": "jurisdiction",
}
LOCAL_SOURCE_ID = "local-archive"


def _read_sidecar(path: Path) -> dict:
    """Sidecar keys are mapped to hint names; unknown keys are kept as they are."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: a sidecar must be a JSON object, got {type(data).__name__}")
    return {SIDECAR_KEYS.get(k, k): v for k, v in data.items() if v is not None}


def read_archive(folder: Path, sources_dir: Path = DEFAULT_SOURCES_DIR) -> tuple[list[RawDocument], list[Quarantined]]:
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"archive folder {folder} does not exist")
    source = archive_source_for(folder, sources_dir)
    source_id = source.id if source else LOCAL_SOURCE_ID
    raws: list[RawDocument] = []
    quarantined: list[Quarantined] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.is_dir() or path.name.startswith("."):
            continue
        suffix = path.suffix.lower()
        if suffix == ".json":
            if not any(path.with_suffix(s).exists() for s in MEDIA_TYPES):
                quarantined.append(Quarantined(source_id, path.name, "read", f"sidecar {path.name} has no document beside it"))
            continue
        if suffix not in MEDIA_TYPES:
            quarantined.append(Quarantined(source_id, path.name, "read", f"{path.name}: not a .txt or .html file"))
            continue
        hints = source.document_hints(path.name) if source else {}
        sidecar = path.with_suffix(".json")
        if sidecar.exists():
            try:
                hints.update(_read_sidecar(sidecar))
            except (ValueError, UnicodeDecodeError) as exc:
                quarantined.append(Quarantined(source_id, sidecar.name, "read", f"sidecar {sidecar.name} ignored: {exc}"))
        hints["file"] = path.name
        content = path.read_bytes()
        raws.append(
            RawDocument(
                source_id=source_id,
                source_uri=str(hints.get("url") or path.name),
                content=content,
                content_sha256=sha256_hex(content),
                media_type=MEDIA_TYPES[suffix],
                hints=hints,
            )
        )
    return raws, quarantined
