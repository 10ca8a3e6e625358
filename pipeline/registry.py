"""The source registry: one YAML file per publication source under sources/.

Modelled on OpenSanctions' zavod: a source is data (id, publisher, where its
publications are, how to read them), and code is only needed for unusual
sites. The embedded archive is one more source, of kind `archive`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

DEFAULT_SOURCES_DIR = Path(__file__).resolve().parent.parent / "sources"


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    name: str
    path: Path
    spec: dict = field(default_factory=dict)

    @property
    def archive_dir(self) -> Path:
        """Folder of an archive source, relative paths taken from its YAML file."""
        if self.kind != "archive":
            raise ValueError(f"source {self.id} ({self.path}) is not an archive source")
        return (self.path.parent / self.spec.get("path", ".")).resolve()

    def document_hints(self, file_name: str) -> dict:
        """Registry metadata for one file of an archive source, if listed."""
        hints = {k: self.spec[k] for k in ("publisher", "jurisdiction", "doc_kind") if k in self.spec}
        hints.update(self.spec.get("documents", {}).get(file_name, {}))
        return hints


def load_source(path: Path) -> Source:
    with open(path, encoding="utf-8") as fh:
        spec = yaml.safe_load(fh)
    if not isinstance(spec, dict) or "id" not in spec or "kind" not in spec:
        raise ValueError(f"{path}: a source YAML needs at least `id` and `kind`")
    return Source(id=str(spec["id"]), kind=str(spec["kind"]), name=str(spec.get("name", spec["id"])), path=path, spec=spec)


def load_registry(sources_dir: Path = DEFAULT_SOURCES_DIR) -> list[Source]:
    """Every *.yaml under sources_dir, sorted by id; duplicate ids are an error."""
    sources = [load_source(p) for p in sorted(Path(sources_dir).glob("*.yaml"))]
    seen: dict[str, Path] = {}
    for s in sources:
        if s.id in seen:
            raise ValueError(f"source id {s.id!r} is defined twice: {seen[s.id]} and {s.path}")
        seen[s.id] = s.path
    return sorted(sources, key=lambda s: s.id)


def archive_source_for(folder: Path, sources_dir: Path = DEFAULT_SOURCES_DIR) -> Source | None:
    """The registered archive source whose folder is `folder`, if any."""
    folder = Path(folder).resolve()
    for s in load_registry(sources_dir):
        if s.kind == "archive" and s.archive_dir == folder:
            return s
    return None
