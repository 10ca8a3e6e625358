"""Strict claim labels (tests/fixtures/labels/GUIDE.md): load, locate, lint.

    python benchmarks/labels.py lint tests/fixtures/labels/NAME.jsonl [...]
    python benchmarks/labels.py place 平潭          # look a division up
    python benchmarks/labels.py text texts/FILE.txt [URL]  # the clean text labels point into

The clean text is what the documents stage makes of the corpus file (page
chrome removed, lines re-joined), so labels are placed where the pipeline
will look. Nothing here runs the extractor.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LABELS_DIR = ROOT / "tests" / "fixtures" / "labels"
CORPUS = ROOT.parent / "shared" / "corpus"
DIVISIONS = ROOT / "pipeline" / "data" / "divisions.csv"

GENRES = ("bulletin", "work_report", "fiscal_report", "open_info_report", "news_post")
QUALIFIERS = ("exact", "approx", "more_than", "at_least", "less_than", "at_most", "range")
ROLES = ("actual", "target", "plan", "threshold")
COMPARISONS = ("level", "base", "increment", "rate", "share")
DIRECTIONS = ("increase", "decrease", "unchanged")
CHANGE_COMPARISONS = ("increment", "rate")
CLAIM_FIELDS = (
    "surface", "context", "value", "unit", "qualifier", "direction", "metric",
    "place_code", "period_start", "period_end", "role", "comparison",
)
OPTIONAL_FIELDS = ("metric_alt", "metric_alt_reason", "note")
REFERENCE_PERIOD_RE = re.compile(
    r"^\d{4}(?:-H[12]|-Q[1-4]|-\d{2}-\d{2}|-\d{2}\.\.\d{4}-\d{2}|\.\.\d{4})?$"
)
MIN_CONTEXT = 2


@dataclass
class Label:
    line: int
    data: dict
    start: int | None = None

    @property
    def is_claim(self) -> bool:
        return "nonclaim" not in self.data

    @property
    def surface(self) -> str:
        return self.data["surface"] if self.is_claim else self.data["nonclaim"]


@dataclass
class LabelFile:
    path: Path
    document: dict
    labels: list[Label] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def claims(self) -> list[Label]:
        return [lab for lab in self.labels if lab.is_claim]


@lru_cache(maxsize=1)
def divisions() -> dict[str, tuple[str, str, str]]:
    """code -> (name, level, parent_code)."""
    with open(DIVISIONS, encoding="utf-8") as fh:
        return {r["code"]: (r["name"], r["level"], r["parent_code"]) for r in csv.DictReader(fh)}


def full_name(code: str) -> str:
    table = divisions()
    names = []
    while code and code in table and table[code][1] != "country":
        name, _, parent = table[code]
        names.append(name)
        code = parent
    return "".join(reversed(names)) or table.get(code, ("",))[0]


def load(path: Path) -> LabelFile:
    lines = [ln for ln in Path(path).read_text(encoding="utf-8").splitlines()]
    first = json.loads(lines[0])
    labels = [Label(i + 1, json.loads(ln)) for i, ln in enumerate(lines) if i > 0 and ln.strip()]
    return LabelFile(Path(path), first["document"], labels)


def corpus_file(doc: dict) -> Path:
    return CORPUS / doc["file"]


def clean_text(doc: dict) -> str:
    """The text the documents stage makes of the corpus file, given only the
    URL as a sidecar would; one document expected."""
    from pipeline.documents import build_documents
    from pipeline.ids import sha256_hex
    from pipeline.model import RawDocument

    path = corpus_file(doc)
    content = path.read_bytes()
    media = "text/html" if path.suffix in (".html", ".htm") else "text/plain"
    hints = {"url": doc["url"]} if doc.get("url") else {}
    raw = RawDocument("labels", doc.get("url") or path.name, content, sha256_hex(content), media, hints=hints)
    docs, rejected = build_documents(raw)
    if rejected or len(docs) != 1:
        raise ValueError(f"{path.name}: the documents stage gave {len(docs)} documents, {len(rejected)} rejected")
    return docs[0].text


def locate(text: str, labels: list[Label]) -> list[str]:
    """Set each label's start; return the problems (not found, not unique)."""
    problems = []
    for lab in labels:
        context = lab.data.get("context", "")
        needle = context + lab.surface
        at = text.find(needle)
        if at < 0:
            problems.append(f"line {lab.line}: {needle!r} not found in the clean text")
            continue
        if text.find(needle, at + 1) >= 0:
            problems.append(f"line {lab.line}: {needle!r} occurs more than once; lengthen the context")
        lab.start = at + len(context)
    return problems


def _is_date(value) -> bool:
    if value is None:
        return True
    try:
        date.fromisoformat(value)
        return True
    except (TypeError, ValueError):
        return False


def lint_document(doc: dict) -> list[str]:
    problems = []
    for key in ("file", "genre", "url", "published", "place_code", "place_name", "reference_period", "scope"):
        if key not in doc:
            problems.append(f"document: no {key!r}")
    if doc.get("genre") not in GENRES:
        problems.append(f"document: genre {doc.get('genre')!r} not one of {GENRES}")
    if doc.get("place_code") not in divisions():
        problems.append(f"document: place_code {doc.get('place_code')!r} is not in {DIVISIONS.name}")
    if not REFERENCE_PERIOD_RE.match(str(doc.get("reference_period"))):
        problems.append(f"document: reference_period {doc.get('reference_period')!r} is not YYYY, YYYY-H1, YYYY-Q3, YYYY-MM-DD or YYYY-MM..YYYY-MM")
    scope = str(doc.get("scope"))
    if scope != "whole" and not scope.startswith("until:"):
        problems.append(f"document: scope {scope!r} is neither 'whole' nor 'until:<context>'")
    return problems


def lint_claim(lab: Label) -> list[str]:
    d, where = lab.data, f"line {lab.line}"
    problems = [f"{where}: no {k!r}" for k in CLAIM_FIELDS if k not in d]
    unknown = set(d) - set(CLAIM_FIELDS) - set(OPTIONAL_FIELDS)
    if unknown:
        problems.append(f"{where}: unknown fields {sorted(unknown)}")
    if problems:
        return problems
    if len(d["context"]) < MIN_CONTEXT:
        problems.append(f"{where}: context shorter than {MIN_CONTEXT} characters")
    if not isinstance(d["value"], (int, float)):
        problems.append(f"{where}: value {d['value']!r} must be a number")
    elif d["value"] < 0 and d["comparison"] != "level":
        problems.append(f"{where}: only a level may be negative (a printed minus); a change's sign is its direction")
    if d["qualifier"] not in QUALIFIERS:
        problems.append(f"{where}: qualifier {d['qualifier']!r}")
    if d["role"] not in ROLES:
        problems.append(f"{where}: role {d['role']!r}")
    if d["comparison"] not in COMPARISONS:
        problems.append(f"{where}: comparison {d['comparison']!r}")
    if d["comparison"] in CHANGE_COMPARISONS:
        if d["direction"] not in DIRECTIONS:
            problems.append(f"{where}: a {d['comparison']} needs a direction, got {d['direction']!r}")
    elif d["direction"] is not None:
        problems.append(f"{where}: direction is only for increments and rates")
    if not isinstance(d["metric"], str) or not d["metric"].strip():
        problems.append(f"{where}: metric must be a non-empty string")
    if "metric_alt" in d and not d.get("metric_alt_reason"):
        problems.append(f"{where}: metric_alt without metric_alt_reason")
    if d["place_code"] not in divisions():
        problems.append(f"{where}: place_code {d['place_code']!r} not in the division table")
    for key in ("period_start", "period_end"):
        if not _is_date(d[key]):
            problems.append(f"{where}: {key} {d[key]!r} is not an ISO date or null")
    if d["period_start"] and d["period_end"] and d["period_start"] > d["period_end"]:
        problems.append(f"{where}: period_start after period_end")
    if d["period_start"] and not d["period_end"]:
        problems.append(f"{where}: period_start without period_end")
    if not isinstance(d["unit"], str):
        problems.append(f"{where}: unit must be a string ('' when none is printed)")
    return problems


def lint(path: Path) -> list[str]:
    lf = load(path)
    problems = lint_document(lf.document)
    for lab in lf.labels:
        if lab.is_claim:
            problems += lint_claim(lab)
        elif not lab.data.get("why"):
            problems.append(f"line {lab.line}: a nonclaim needs 'why'")
    if corpus_file(lf.document).exists():
        text = clean_text(lf.document)
        problems += locate(text, lf.labels)
        starts = [lab.start for lab in lf.labels if lab.start is not None]
        if starts != sorted(starts):
            problems.append("labels are not in reading order")
    else:
        problems.append(f"{corpus_file(lf.document)} is absent: positions not checked")
    alts = sum(1 for lab in lf.claims if "metric_alt" in lab.data)
    if alts * 10 > max(len(lf.claims), 1):
        problems.append(f"{alts} metric_alt lines for {len(lf.claims)} claims: more than 1 in 10")
    return problems


def find_places(name: str) -> list[tuple[str, str, str]]:
    return [(code, level, full_name(code)) for code, (n, level, _) in divisions().items() if name in n]


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] not in ("lint", "place", "text"):
        print(__doc__)
        return 2
    if argv[1] == "place":
        for code, level, name in find_places(argv[2])[:40]:
            print(code, level, name)
        return 0
    if argv[1] == "text":
        print(clean_text({"file": argv[2], "url": argv[3] if len(argv) > 3 else None}))
        return 0
    bad = 0
    for p in argv[2:]:
        problems = lint(Path(p))
        lf = load(Path(p))
        print(f"{p}: {len(lf.claims)} claims, {len(lf.labels) - len(lf.claims)} non-claims, {len(problems)} problems")
        for problem in problems:
            print("  " + problem)
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
