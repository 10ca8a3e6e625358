"""The source registry: one YAML file per publication source under sources/.

Modelled on OpenSanctions' zavod: a source is data (id, publisher, where its
publications are, how to read them), and code is only needed for unusual
sites (a `hook:` module named in the YAML). The embedded archive is one more
source, of kind `archive`; web sources are of kind `web` and are checked
when loaded, so a typo fails at start-up with the file named, not mid-crawl.
docs/adding-a-source.md describes every field.
"""

from __future__ import annotations

import codecs
import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

import yaml

DEFAULT_SOURCES_DIR = Path(__file__).resolve().parent.parent / "sources"

KINDS = ("archive", "web")
CONTENT_PROFILES = ("gov_open_info", "news_article", "epaper_text", "generic")
JURISDICTION_LEVELS = ("province", "city", "district", "town")
DEFAULT_SCHEDULE = "0 6 * * *"  # daily, 06:00 in the schedule's time zone (Asia/Shanghai)
WEB_REQUIRED = ("publisher", "jurisdiction", "doc_kind", "listing_urls", "link_pattern", "content_profile", "allowed_hosts")
FETCH_KEYS = ("timeout", "max_retries", "backoff", "max_redirects", "max_bytes", "min_interval", "deadline", "max_retry_after")
# Registry fields every document of a source inherits as hints, when present.
HINT_KEYS = ("publisher", "doc_kind", "content_profile")


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

    @property
    def enabled(self) -> bool:
        """Web sources are off unless the YAML says `enabled: true`; archives are local and always read."""
        return bool(self.spec.get("enabled", self.kind == "archive"))

    @property
    def jurisdiction(self) -> str | None:
        """The jurisdiction as one name, province to town (上海市浦东新区张江镇)."""
        value = self.spec.get("jurisdiction")
        if isinstance(value, dict):
            return "".join(str(value[level]) for level in JURISDICTION_LEVELS if value.get(level))
        return value

    @property
    def jurisdiction_level(self) -> str | None:
        """The most local level named: a town's report is about the town, not the province."""
        value = self.spec.get("jurisdiction")
        if isinstance(value, dict):
            return next((level for level in reversed(JURISDICTION_LEVELS) if value.get(level)), None)
        return self.spec.get("jurisdiction_level")

    @property
    def listing_urls(self) -> tuple[str, ...]:
        return tuple(self.spec.get("listing_urls") or ())

    @property
    def link_pattern(self) -> re.Pattern:
        return re.compile(self.spec["link_pattern"])

    @property
    def allowed_hosts(self) -> frozenset[str]:
        return frozenset(str(h).lower() for h in self.spec.get("allowed_hosts") or ())

    @property
    def expected_encoding(self) -> str | None:
        return self.spec.get("encoding")

    @property
    def schedule(self) -> str:
        return str(self.spec.get("schedule") or DEFAULT_SCHEDULE)

    @property
    def fetch_overrides(self) -> dict:
        return dict(self.spec.get("fetch") or {})

    def hook(self) -> ModuleType | None:
        """The site-specific module named by `hook:`, imported on demand."""
        name = self.spec.get("hook")
        return importlib.import_module(name) if name else None

    def document_hints(self, file_name: str) -> dict:
        """Registry metadata for one document of the source (an archive file name or a URL)."""
        hints = {k: self.spec[k] for k in HINT_KEYS if k in self.spec}
        if self.jurisdiction:
            hints["jurisdiction"] = self.jurisdiction
        if self.jurisdiction_level:
            hints["jurisdiction_level"] = self.jurisdiction_level
        if self.expected_encoding:
            hints["expected_encoding"] = self.expected_encoding
        hints.update(self.spec.get("documents", {}).get(file_name, {}))
        return hints


def _check_web(spec: dict, path: Path) -> None:
    """Every mistake in a web source's YAML, named with the file, before any request is made."""
    missing = [k for k in WEB_REQUIRED if not spec.get(k)]
    if missing:
        raise ValueError(f"{path}: a web source needs {', '.join(missing)}")
    if spec["content_profile"] not in CONTENT_PROFILES:
        raise ValueError(f"{path}: content_profile {spec['content_profile']!r} is not one of {', '.join(CONTENT_PROFILES)}")
    jurisdiction = spec["jurisdiction"]
    if isinstance(jurisdiction, dict):
        unknown = set(jurisdiction) - set(JURISDICTION_LEVELS)
        if unknown:
            raise ValueError(f"{path}: jurisdiction levels {sorted(unknown)} are not among {', '.join(JURISDICTION_LEVELS)}")
    try:
        re.compile(spec["link_pattern"])
    except re.error as exc:
        raise ValueError(f"{path}: link_pattern {spec['link_pattern']!r} is not a valid regex ({exc})") from exc
    hosts = {str(h).lower() for h in spec["allowed_hosts"]}
    for url in spec["listing_urls"]:
        if (urlsplit(url).hostname or "").lower() not in hosts:
            raise ValueError(f"{path}: listing URL {url} is not on an allowed host ({', '.join(sorted(hosts))})")
    if spec.get("encoding"):
        try:
            codecs.lookup(spec["encoding"])
        except LookupError as exc:
            raise ValueError(f"{path}: encoding {spec['encoding']!r} is unknown to Python") from exc
    if spec.get("schedule") and len(str(spec["schedule"]).split()) != 5:
        raise ValueError(f"{path}: schedule {spec['schedule']!r} is not a five-field cron expression")
    unknown_fetch = set(spec.get("fetch") or {}) - set(FETCH_KEYS)
    if unknown_fetch:
        raise ValueError(f"{path}: fetch settings {sorted(unknown_fetch)} are not among {', '.join(FETCH_KEYS)}")


def load_source(path: Path) -> Source:
    with open(path, encoding="utf-8") as fh:
        spec = yaml.safe_load(fh)
    if not isinstance(spec, dict) or "id" not in spec or "kind" not in spec:
        raise ValueError(f"{path}: a source YAML needs at least `id` and `kind`")
    if spec["kind"] not in KINDS:
        raise ValueError(f"{path}: kind {spec['kind']!r} is not one of {', '.join(KINDS)}")
    if spec["kind"] == "web":
        _check_web(spec, path)
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


def web_sources(sources_dir: Path = DEFAULT_SOURCES_DIR, enabled_only: bool = True) -> list[Source]:
    """The web sources a crawl may touch: by default only those with `enabled: true`."""
    return [s for s in load_registry(sources_dir) if s.kind == "web" and (s.enabled or not enabled_only)]


def archive_source_for(folder: Path, sources_dir: Path = DEFAULT_SOURCES_DIR) -> Source | None:
    """The registered archive source whose folder is `folder`, if any."""
    folder = Path(folder).resolve()
    for s in load_registry(sources_dir):
        if s.kind == "archive" and s.archive_dir == folder:
            return s
    return None
