"""The jurisdiction a document speaks for.

Evidence, strongest first: a `place` or `jurisdiction` hint from the
registry or a sidecar (a code or a path of names); the divisions named in
the title and by the publisher; a government site's host name
(pingtan.gov.cn, matched on the pinyin of division names); the divisions
the text names. Names are read with `find_mentions`; a name that several
divisions share (城关镇) counts for the one that the other evidence
surrounds. Of the divisions named, the document takes the deepest one
that holds at least a given share of the mentions (`covering`): a title
naming 浦东新区张江镇 gives the town; a daily post naming sixteen districts
of Shanghai gives Shanghai; a provincial report that names its cities now
and then stays the province's.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from pipeline.places.divisions import COUNTRY, divisions
from pipeline.places.mentions import Mention, find_mentions

CODE_RE = re.compile(r"^\d{12}$|^\d{6}$")
# Host labels that never name a place.
HOST_NOISE = frozenset({"www", "gov", "cn", "com", "net", "org", "zwgk", "xxgk", "news", "tjj", "czj", "rd", "renda"})
HOST_LEVELS = frozenset({"province", "prefecture", "county"})
STRONG_SHARE = 0.5
TEXT_SHARE = 0.6


def document_place(hints: dict, title: str | None, publisher: str | None, text: str, url: str | None) -> tuple[str | None, str]:
    """(12-digit code or None, what it was read from)."""
    for key in ("place", "jurisdiction"):
        code = place_from_hint(hints.get(key))
        if code:
            return code, f"the {key} hint"
    in_text = resolve(find_mentions(text), [])
    named = resolve(find_mentions(title or "") + find_mentions(publisher or ""), in_text)
    host = host_places(url, in_text + named)
    if named or host:
        return covering(named + host, STRONG_SHARE), "the title, publisher or site"
    if in_text:
        return covering(in_text, TEXT_SHARE), "the text"
    return None, "no place named"


def place_from_hint(value) -> str | None:
    """A 12-digit (or 6-digit county-level) code, or a path of names."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    table = divisions()
    if CODE_RE.match(value):
        code = value.ljust(12, "0")
        return code if code in table else None
    return table.resolve_path(value)


def resolve(mentions: list[Mention], context: list[str]) -> list[str]:
    """One code per mention; a shared name goes to the division the
    context codes lie in or around, and is dropped when they do not tell."""
    table = divisions()
    out = []
    for m in mentions:
        if len(m.codes) == 1:
            out.append(m.codes[0])
            continue
        support = Counter()
        for code in m.codes:
            line = set(table.ancestors(code))
            support[code] = sum(1 for c in context if c in line or code in table.ancestors(c))
        best = support.most_common(2)
        if best and best[0][1] > 0 and (len(best) == 1 or best[0][1] > best[1][1]):
            out.append(best[0][0])
    return out


def covering(codes: list[str], share: float) -> str:
    """The deepest division that is, or holds, at least `share` of `codes`."""
    table = divisions()
    cover: Counter = Counter()
    for code in codes:
        cover.update(table.ancestors(code))
    need = share * len(codes)
    held = [c for c, n in cover.items() if n >= need]
    return max(held, key=lambda c: (table.by_code[c].depth, cover[c], c)) if held else COUNTRY


def host_places(url: str | None, context: list[str]) -> list[str]:
    """Divisions whose name's pinyin is a label of the URL's host
    (www.pingtan.gov.cn -> 平潭县); a label several divisions share counts
    only for the one the context places lie in or around."""
    if not url:
        return []
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    table = divisions()
    out = []
    for label in re.split(r"[.\-]", host):
        if len(label) < 4 or label in HOST_NOISE:
            continue
        codes = tuple(c for c in _by_pinyin().get(label, ()) if table.by_code[c].level in HOST_LEVELS)
        if len(codes) == 1:
            out.append(codes[0])
        elif codes:
            out += resolve([Mention(0, 0, label, codes)], context)
    return out


def _by_pinyin() -> dict[str, tuple[str, ...]]:
    table = divisions()
    if not hasattr(table, "_pinyin"):
        index: dict[str, list[str]] = {}
        for d in table.by_code.values():
            if d.pinyin:
                index.setdefault(d.pinyin, []).append(d.code)
        table._pinyin = {k: tuple(v) for k, v in index.items()}  # type: ignore[attr-defined]
    return table._pinyin  # type: ignore[attr-defined]
