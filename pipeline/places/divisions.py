"""The division table: codes, names, the hierarchy, and lookups by name.

Written by hand because no maintained library reads the township level
for us without pulling an MCP server stack (see scripts/build_divisions.py
for the choice of data): this module only indexes the shipped CSV.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "divisions.csv"
COUNTRY = "000000000000"
# Depth of each level below the country.
DEPTH = {"country": 0, "province": 1, "prefecture": 2, "county": 3, "township": 4}


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str
    parent: str
    stem: str
    pinyin: str

    @property
    def depth(self) -> int:
        return DEPTH[self.level]


class Divisions:
    """Indexes over the table; built once per process (`divisions()`)."""

    def __init__(self, rows: list[Division]) -> None:
        self.by_code = {d.code: d for d in rows}
        self.by_name: dict[str, list[str]] = {}
        self.by_stem: dict[str, list[str]] = {}
        self.children: dict[str, list[str]] = {}
        for d in rows:
            self.by_name.setdefault(d.name, []).append(d.code)
            if d.stem != d.name:
                self.by_stem.setdefault(d.stem, []).append(d.code)
            if d.parent:
                self.children.setdefault(d.parent, []).append(d.code)
        self.max_name = max(len(name) for name in self.by_name)

    def __contains__(self, code: str) -> bool:
        return code in self.by_code

    def get(self, code: str | None) -> Division | None:
        return self.by_code.get(code) if code else None

    def ancestors(self, code: str) -> list[str]:
        """`code` and every division above it, nearest first, the country last."""
        out = []
        while code in self.by_code:
            out.append(code)
            code = self.by_code[code].parent
        return out

    def within(self, code: str, ancestor: str) -> bool:
        return ancestor in self.ancestors(code)

    def up_to(self, code: str, level: str) -> str | None:
        """The division of `level` that holds `code` (itself if it is one)."""
        return next((c for c in self.ancestors(code) if self.by_code[c].level == level), None)

    def full_name(self, code: str) -> str:
        """Province to the division itself: 上海市浦东新区张江镇; the country's own name for it."""
        chain = [self.by_code[c].name for c in reversed(self.ancestors(code)) if c != COUNTRY]
        return "".join(chain) or self.by_code[code].name

    def own_names(self, code: str) -> tuple[str, ...]:
        """The names a text may use for `code` or a division holding it
        (平潭县, 平潭, 福建省, 福建 ...), longest first."""
        names = set()
        for c in self.ancestors(code):
            d = self.by_code[c]
            if d.level != "country":
                names.add(d.name)
                if len(d.stem) >= 2:
                    names.add(d.stem)
        return tuple(sorted(names, key=len, reverse=True))

    def resolve_path(self, text: str) -> str | None:
        """The deepest division named by a path of names (上海市浦东新区张江镇,
        浙江省杭州市, 平潭县), each step a child of the one before; None when
        the text does not start with a division's name."""
        pos, current = 0, None
        while pos < len(text):
            step = self._child_at(text, pos, current)
            if step is None:
                break
            current, pos = step
        return current

    def _child_at(self, text: str, pos: int, parent: str | None) -> tuple[str, int] | None:
        for size in range(min(self.max_name, len(text) - pos), 1, -1):
            word = text[pos:pos + size]
            for index in (self.by_name, self.by_stem):
                codes = [c for c in index.get(word, ()) if parent is None or self.within(c, parent)]
                if len(codes) == 1 or (codes and parent is None and len({self.by_code[c].depth for c in codes}) > 1):
                    return min(codes, key=lambda c: self.by_code[c].depth), pos + size
        return None


@lru_cache(maxsize=1)
def divisions() -> Divisions:
    with open(DATA, encoding="utf-8", newline="") as fh:
        rows = [
            Division(r["code"], r["name"], r["level"], r["parent_code"], r["stem"], r["pinyin"])
            for r in csv.DictReader(fh)
        ]
    return Divisions(rows)
