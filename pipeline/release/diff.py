"""What changed between two releases, by id, as a table and as CHANGES.md.

Rows are matched by their stable ids (claim_id, doc_id, check_id), so a claim
that moved in a file keeps its identity only if its id did; a value that
changed shows up once per column that differs, with both sides as text (the
same text the CSV copies hold). Titles, surfaces and messages are document
text: in CHANGES.md they pass pipeline.neutralise's Markdown rules, so they
read as text and never as headings, links or HTML.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import schema
from pipeline.neutralise import markdown_code, markdown_text
from pipeline.release import parquet_file
from pipeline.release.csv_export import cell_text

CHANGE_ORDER = ("added", "removed", "changed")


@dataclass(frozen=True)
class Entity:
    """How one table is compared: its id, its label, what counts as a change."""

    name: str
    table: schema.Table
    key: str
    label: str
    order_by: tuple[str, ...]
    compared: tuple[str, ...] | None  # None: every column but the key


# Documents are compared by presence only: their id is a hash of their
# bytes, so any change of content is a new id, and a changed clean text would
# fill the diff with whole texts. Checks are followed by their verdict.
ENTITIES: tuple[Entity, ...] = (
    Entity("document", schema.DOCUMENTS, "doc_id", "title", ("source_uri", "doc_id"), ()),
    Entity("claim", schema.CLAIMS, "claim_id", "surface", ("doc_id", "char_start", "claim_id"), None),
    Entity("check", schema.CHECKS, "check_id", "message", ("doc_id", "kind", "check_id"), ("verdict",)),
)


def load_release_tables(release_dir: Path) -> dict[str, pa.Table]:
    """The published tables of a release folder, as the writer stored them.
    A release written before a table was added to the schema lacks it; one
    without the first table is no release."""
    release_dir = Path(release_dir)
    if not release_dir.is_dir():
        raise FileNotFoundError(f"release folder {release_dir} does not exist")
    tables = {}
    for table in schema.PUBLISHED_TABLES:
        path = release_dir / parquet_file(table)
        if path.exists():
            tables[table.name] = pq.read_table(path)
        elif not tables:
            raise FileNotFoundError(f"release {release_dir} has no {path.name}")
    return tables


def _rows_by_id(tables: Mapping[str, pa.Table] | None, entity: Entity) -> dict[str, dict]:
    if tables is None or entity.table.name not in tables:
        return {}
    return {row[entity.key]: row for row in tables[entity.table.name].to_pylist()}


def _sort_key(row: dict, columns: Iterable[str]) -> tuple:
    return tuple((row.get(c) is None, row.get(c) if row.get(c) is not None else 0) for c in columns)


def _text(row: dict, column: str) -> str | None:
    value = row.get(column)
    return None if value is None else cell_text(value)


def _entity_changes(entity: Entity, old: dict[str, dict], new: dict[str, dict]) -> list[dict]:
    compared = entity.compared
    if compared is None:
        compared = tuple(c for c in entity.table.column_names if c != entity.key)
    found: list[tuple[tuple, dict]] = []
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key), new.get(key)
        row = after if after is not None else before
        base = {"entity": entity.name, "id": key, "doc_id": row.get("doc_id"), "label": _text(row, entity.label)}
        order = _sort_key(row, entity.order_by)
        if before is None or after is None:
            change = "added" if before is None else "removed"
            row_change = {**base, "change": change, "field": "", "old": None, "new": None}
            found.append(((order, CHANGE_ORDER.index(change), 0), row_change))
            continue
        for rank, column in enumerate(compared):
            was, now = _text(before, column), _text(after, column)
            if was != now:
                row_change = {**base, "change": "changed", "field": column, "old": was, "new": now}
                found.append(((order, CHANGE_ORDER.index("changed"), rank), row_change))
    found.sort(key=lambda item: item[0])
    return [row for _, row in found]


def diff_releases(previous: dict[str, pa.Table] | None, current: dict[str, pa.Table]) -> pa.Table:
    """Rows of schema.CHANGES; with no previous release, everything is added.

    Order: documents, claims, checks; within each, by document and reading
    position, so a claim removed and one added in its place sit together;
    then added, removed, changed, and the changed columns in schema order.
    """
    rows: list[dict] = []
    for entity in ENTITIES:
        rows += _entity_changes(entity, _rows_by_id(previous, entity), _rows_by_id(current, entity))
    return schema.to_arrow(schema.CHANGES, rows)


def _counts(rows: list[dict]) -> Counter:
    counted = Counter()
    seen = set()
    for r in rows:
        if (r["entity"], r["change"], r["id"]) not in seen:
            seen.add((r["entity"], r["change"], r["id"]))
            counted[(r["entity"], r["change"])] += 1
    return counted


def _code(text: str | None) -> str:
    """Inline code that survives backticks and line breaks in the value."""
    return "(null)" if text is None else markdown_code(text)


def _doc_heading(doc_id: str | None, titles: Mapping[str, str]) -> str:
    if doc_id is None:
        return "### (no document)"
    title = titles.get(doc_id)
    return f"### {markdown_text(title)} ({_code(doc_id)})" if title else f"### {_code(doc_id)}"


def _count_lines(counts: Counter) -> list[str]:
    lines = ["| | added | removed | changed |", "|---|---:|---:|---:|"]
    for entity in ENTITIES:
        cells = " | ".join(str(counts[(entity.name, change)]) for change in CHANGE_ORDER)
        lines.append(f"| {entity.table.name} | {cells} |")
    return lines


def _claim_lines(rows: list[dict], titles: Mapping[str, str]) -> list[str]:
    lines: list[str] = []
    current_doc: object = object()
    grouped: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        grouped.setdefault((r["id"], r["change"]), []).append(r)
    for (_, change), changes in grouped.items():
        first = changes[0]
        if first["doc_id"] != current_doc:
            current_doc = first["doc_id"]
            lines += ["", _doc_heading(first["doc_id"], titles), ""]
        if change == "changed":
            detail = "; ".join(f"{c['field']} {_code(c['old'])} → {_code(c['new'])}" for c in changes)
            lines.append(f"- changed {_code(first['label'])} ({first['id']}): {detail}")
        else:
            lines.append(f"- {change} {_code(first['label'])} ({first['id']})")
    return lines


def _document_lines(rows: list[dict]) -> list[str]:
    return [f"- {r['change']}: {markdown_text(r['label']) if r['label'] else '(untitled)'} ({_code(r['id'])})" for r in rows]


def _check_lines(rows: list[dict]) -> list[str]:
    lines = []
    for r in rows:
        if r["change"] == "changed":
            lines.append(f"- {_code(r['old'])} → {_code(r['new'])}: {markdown_text(r['label'] or '')} ({r['id']})")
        else:
            lines.append(f"- {r['change']}: {markdown_text(r['label'] or '')} ({r['id']})")
    return lines


def changes_markdown(
    changes: pa.Table,
    previous_version: str | None,
    version: str,
    documents: pa.Table | None = None,
) -> str:
    """CHANGES.md: counts first, then the lists; `documents` adds titles to headings."""
    rows = changes.to_pylist()
    titles = {}
    if documents is not None:
        titles = {d["doc_id"]: d["title"] for d in documents.select(["doc_id", "title"]).to_pylist() if d["title"]}
    titles.update({r["id"]: r["label"] for r in rows if r["entity"] == "document" and r["label"]})
    counts = _counts(rows)
    lines = [f"# Changes in govfacts {version}", ""]
    if previous_version is None:
        lines += [
            "This is the first release: there is no previous release to compare with. It holds "
            f"{counts[('document', 'added')]} documents, {counts[('claim', 'added')]} claims and "
            f"{counts[('check', 'added')]} checks.",
        ]
        return "\n".join(lines) + "\n"
    lines += [f"Compared with {previous_version}, by id.", "", *_count_lines(counts)]
    if not rows:
        lines += ["", "Nothing changed."]
    sections = (
        ("document", "Documents", _document_lines),
        ("claim", "Claims", lambda rs: _claim_lines(rs, titles)),
        ("check", "Checks", _check_lines),
    )
    for entity, heading, render in sections:
        picked = [r for r in rows if r["entity"] == entity]
        if picked:
            lines += ["", f"## {heading}", *([""] if entity != "claim" else []), *render(picked)]
    return "\n".join(lines) + "\n"
