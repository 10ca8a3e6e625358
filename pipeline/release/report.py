"""report.html: the release as one page a journalist can open offline.

Hand-written HTML rather than a template engine: the page is a few fixed
sections, every value passes through html.escape, and the project gains no
dependency. A Content-Security-Policy meta tag forbids every fetch, so the
page provably needs nothing beyond its own bytes.
"""

from __future__ import annotations

import math
from collections import Counter
from html import escape

import pyarrow as pa

from pipeline import schema

STYLE = """
body { font-family: system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; margin: 0 auto; max-width: 64rem; padding: 1rem 1.5rem;
       color: #1b1b1b; background: #fff; line-height: 1.55; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #ddd; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
.meta { color: #555; margin-top: 0; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; padding: 0; list-style: none; }
.counts b { font-size: 1.3rem; display: block; }
article.flag { border: 1px solid #e3c5c5; border-left: 6px solid #b3261e; border-radius: 4px;
               padding: .8rem 1rem; margin: 1rem 0; background: #fffafa; }
.kind { display: inline-block; font-size: .8rem; background: #b3261e; color: #fff;
        border-radius: 3px; padding: 0 .4rem; margin-right: .5rem; vertical-align: middle; }
blockquote { margin: .5rem 0; padding: .4rem .8rem; background: #f6f6f6; border-left: 3px solid #bbb; }
mark { background: #ffe58a; padding: 0 .1em; }
mark.suspect { background: #ffb3ab; outline: 1px solid #b3261e; }
.message { font-weight: 600; }
code { font-family: ui-monospace, "Noto Sans Mono CJK SC", monospace; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border-bottom: 1px solid #e2e2e2; padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.date { white-space: nowrap; }
.scroll { overflow-x: auto; }
#documents td:first-child { min-width: 14rem; }
td small { overflow-wrap: anywhere; }
.bad { color: #b3261e; font-weight: 700; }
footer { color: #666; font-size: .85rem; margin-top: 2.5rem; border-top: 1px solid #ddd; padding-top: .5rem; }
"""

SUSPECT_CLASS = ' class="suspect"'
CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _number(v: float | None) -> str:
    if v is None:
        return ""
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    if v.is_integer():
        return f"{int(v):,}"
    return f"{v:,.6f}".rstrip("0").rstrip(".")


def _source(doc: dict | None) -> str:
    """A link when the source is a URL; a local archive file is only named."""
    if doc is None:
        return "unknown source"
    uri = doc["source_uri"]
    if uri.startswith(("http://", "https://")):
        return f'<a href="{_e(uri)}">{_e(uri)}</a>'
    return f"<code>{_e(uri)}</code>"


def _spans(quote: str, claims: list[dict], suspect: str | None) -> list[tuple[int, int, bool]]:
    """Where each figure sits in the quote: by offsets when the quote holds its
    sentence, else by its first free occurrence."""
    spans: list[tuple[int, int, bool]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e, _ in spans)

    for c in claims:
        surface, found = c["surface"], None
        if c.get("sentence") and c["sentence"] in quote:
            at = quote.index(c["sentence"]) + c["char_start"] - c["sentence_start"]
            if quote[at:at + len(surface)] == surface and free(at, at + len(surface)):
                found = at
        at = quote.find(surface)
        while found is None and at >= 0:
            found = at if free(at, at + len(surface)) else None
            at = quote.find(surface, at + 1)
        if found is not None:
            spans.append((found, found + len(surface), c["claim_id"] == suspect))
    return sorted(spans)


def _highlighted(quote: str, claims: list[dict], suspect: str | None) -> str:
    parts, pos = [], 0
    for start, end, is_suspect in _spans(quote, claims, suspect):
        parts.append(_e(quote[pos:start]))
        parts.append(f"<mark{SUSPECT_CLASS if is_suspect else ''}>{_e(quote[start:end])}</mark>")
        pos = end
    parts.append(_e(quote[pos:]))
    return "".join(parts)


def _figure(claim: dict, suspect: str | None) -> str:
    if claim["claim_id"] == suspect:
        return f'<span class="bad">{_e(claim["surface"])} (suspect)</span>'
    return _e(claim["surface"])


def _figures(claims: list[dict], suspect: str | None) -> str:
    """A textual conflict between duplicates has no figures: no empty table then."""
    if not claims:
        return ""
    rows = "".join(
        f"<tr><td lang=\"zh-CN\">{_figure(c, suspect)}</td>"
        f"<td lang=\"zh-CN\">{_e(c.get('metric'))}</td><td lang=\"zh-CN\">{_e(c.get('period'))}</td>"
        f"<td>{_e(c.get('role'))}</td>"
        f"<td class=\"n\">{_number(c['value_low'])} – {_number(c['value_high'])} {_e(c['unit'])}</td></tr>"
        for c in claims
    )
    head = "<tr><th>figure</th><th>metric</th><th>period</th><th>role</th><th class=\"n\">stands for</th></tr>"
    return f"<table class=\"figures\">{head}{rows}</table>"


def _interval(low: float | None, high: float | None) -> str:
    return f"{_number(low)} – {_number(high)}" if low is not None or high is not None else "not computed"


def _intervals(check: dict) -> str:
    if check.get("expected_low") is None and check.get("observed_low") is None:
        return ""
    return (
        f"<p>Computed from the other figures: {_interval(check.get('expected_low'), check.get('expected_high'))}; "
        f"the printed figure stands for: {_interval(check.get('observed_low'), check.get('observed_high'))}.</p>"
    )


def _flag(check: dict, claims: list[dict], doc: dict | None) -> str:
    suspect = check.get("suspect_claim_id")
    quote = check.get("quote") or " … ".join(dict.fromkeys(c["sentence"] for c in claims))
    title = (doc or {}).get("title") or (doc or {}).get("source_uri") or check.get("doc_id") or "(no document)"
    anchor = f' href="#doc-{_e(doc["doc_id"])}"' if doc else ""
    arithmetic = f"<p><code>{_e(check['arithmetic'])}</code></p>" if check.get("arithmetic") else ""
    date = f", published {_e(doc['published_date'])}" if doc and doc.get("published_date") else ""
    return (
        f'<article class="flag" id="check-{_e(check["check_id"])}">'
        f'<h3><span class="kind">{_e(check["kind"])}</span><a lang="zh-CN"{anchor}>{_e(title)}</a></h3>'
        f'<blockquote lang="zh-CN">{_highlighted(quote, claims, suspect)}</blockquote>'
        f"{_figures(claims, suspect)}{arithmetic}"
        f'<p class="message" lang="zh-CN">{_e(check["message"])}</p>'
        f"{_intervals(check)}"
        f"<p>Source: {_source(doc)}{date}. Check <code>{_e(check['check_id'])}</code>.</p>"
        "</article>"
    )


def _flags_section(checks: list[dict], claims_by_id: dict[str, dict], docs: dict[str, dict]) -> str:
    flags = [c for c in checks if c["verdict"] == "inconsistent"]

    def order(check: dict) -> tuple:
        doc = docs.get(check.get("doc_id") or "") or {}
        starts = [claims_by_id[i]["char_start"] for i in check["claim_ids"] if i in claims_by_id]
        return (doc.get("title") or "", check.get("doc_id") or "", min(starts, default=0), check["check_id"])

    body = "".join(
        _flag(c, [claims_by_id[i] for i in c["claim_ids"] if i in claims_by_id], docs.get(c.get("doc_id") or ""))
        for c in sorted(flags, key=order)
    )
    if not flags:
        body = "<p>No printed relation was found to be inconsistent.</p>"
    return f'<section id="flags"><h2>Figures that do not add up ({len(flags)})</h2>{body}</section>'


def _documents_section(documents: list[dict], claims: list[dict], checks: list[dict]) -> str:
    claim_counts = Counter(c["doc_id"] for c in claims)
    verdicts = Counter((c.get("doc_id"), c["verdict"]) for c in checks)
    head = "".join(f'<th class="n">{v}</th>' for v in schema.VERDICTS)
    def order(doc: dict) -> tuple:
        return (-verdicts[(doc["doc_id"], "inconsistent")], doc.get("title") or "", doc["doc_id"])

    ordered = sorted(documents, key=order)
    rows = []
    for d in ordered:
        counts = "".join(
            f'<td class="n{" bad" if v == "inconsistent" and verdicts[(d["doc_id"], v)] else ""}">'
            f"{verdicts[(d['doc_id'], v)]}</td>"
            for v in schema.VERDICTS
        )
        rows.append(
            f'<tr id="doc-{_e(d["doc_id"])}"><td lang="zh-CN">{_e(d.get("title") or "(untitled)")}<br>'
            f"<small>{_source(d)}</small></td><td>{_e(d.get('doc_kind'))}</td>"
            f'<td class="date">{_e(d.get("published_date"))}</td>'
            f'<td class="n">{claim_counts[d["doc_id"]]}</td>{counts}</tr>'
        )
    return (
        f'<section id="documents"><h2>Documents ({len(documents)})</h2><div class="scroll"><table>'
        f'<tr><th>document</th><th>kind</th><th>published</th><th class="n">claims</th>{head}</tr>'
        f"{''.join(rows)}</table></div></section>"
    )


def _quarantine_section(rows: list[dict]) -> str:
    if not rows:
        return ""
    items = "".join(
        f"<tr><td><code>{_e(r['source_uri'])}</code></td><td>{_e(r['stage'])}</td>"
        f'<td lang="zh-CN">{_e(r["reason"])}</td></tr>'
        for r in sorted(rows, key=lambda r: (r["source_id"], r["source_uri"], r["stage"]))
    )
    return (
        f'<section id="quarantine"><h2>Inputs set aside ({len(rows)})</h2>'
        f"<table><tr><th>input</th><th>stage</th><th>reason</th></tr>{items}</table></section>"
    )


def _rows(tables: dict[str, pa.Table], name: str) -> list[dict]:
    return tables[name].to_pylist() if name in tables else []


def render_report(tables: dict[str, pa.Table], version: str, previous_version: str | None) -> str:
    documents, claims, checks = _rows(tables, "documents"), _rows(tables, "claims"), _rows(tables, "checks")
    quarantine = _rows(tables, "quarantine")
    verdicts = Counter(c["verdict"] for c in checks)
    since = f"previous release {_e(previous_version)}" if previous_version else "first release"
    counts = [
        ("documents", len(documents)),
        ("claims", len(claims)),
        ("checks", len(checks)),
        *[(f"{v}", verdicts[v]) for v in schema.VERDICTS],
        ("inputs set aside", len(quarantine)),
    ]
    count_items = "".join(f"<li><b>{n}</b>{_e(label)}</li>" for label, n in counts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>govfacts {_e(version)}: figures that do not add up</title>"
        f"<style>{STYLE}</style></head><body>"
        f"<header><h1>govfacts {_e(version)}</h1>"
        f'<p class="meta">Numeric claims from Chinese local-government publications, cross-checked. '
        f"Schema version {schema.SCHEMA_VERSION}; {since}.</p>"
        f'<ul class="counts">{count_items}</ul></header>'
        f"{_flags_section(checks, {c['claim_id']: c for c in claims}, {d['doc_id']: d for d in documents})}"
        f"{_documents_section(documents, claims, checks)}"
        f"{_quarantine_section(quarantine)}"
        "<footer>Each figure stands for every value that rounds to it; a relation is flagged only when the "
        "interval computed from the other figures and the printed figure's interval do not meet. "
        "The data: documents, claims and checks in this release folder (Parquet, CSV, DuckDB).</footer>"
        "</body></html>\n"
    )
