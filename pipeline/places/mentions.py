"""Where a text names a division: full names (张江镇, 平潭县, 浙江省), the
short names of provinces and prefectures (浙江, 杭州), and the aliases of
pipeline/data/place_aliases.tsv (平潭综合实验区, 全国人民代表大会).

Every division name ends in one of a few characters (省 市 区 县 镇 乡 道
...), so the scan jumps from one such character to the next and looks up in a
dict only the words of the lengths that end in it: a few million
characters a second, where a regex of 42,000 names manages a tenth of a
million. The few hundred short names of provinces and prefectures end in
any character and are one regex trie instead. Stems of counties and
towns (张江, 新华) are common words and are not scanned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline import vocab
from pipeline.tries import alternation
from pipeline.places.divisions import divisions

STEM_LEVELS = frozenset({"province", "prefecture"})
MIN_NAME = 2


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    codes: tuple[str, ...]


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, tuple[str, ...]], re.Pattern, dict[str, tuple[int, ...]], re.Pattern]:
    """Full names and aliases, found from their last character; and the
    short names of provinces and prefectures (浙江, 杭州), which end in any
    character, as one regex trie."""
    table = divisions()
    stop = {row[0] for row in vocab.rows("place_stopwords.tsv")}
    words: dict[str, set[str]] = {}
    for name, codes in table.by_name.items():
        if len(name) >= MIN_NAME and name not in stop:
            words.setdefault(name, set()).update(c for c in codes if table.by_code[c].level != "country")
    for alias, code, *_ in vocab.rows("place_aliases.tsv"):
        words.setdefault(alias, set()).add(code)
    stems: dict[str, set[str]] = {}
    for stem, codes in table.by_stem.items():
        kept = [c for c in codes if table.by_code[c].level in STEM_LEVELS]
        if kept and len(stem) >= MIN_NAME and stem not in stop and stem not in words:
            stems.setdefault(stem, set()).update(kept)
    index = {w: tuple(sorted(codes)) for w, codes in {**words, **stems}.items() if codes}
    sizes: dict[str, set[int]] = {}
    for w in words:
        sizes.setdefault(w[-1], set()).add(len(w))
    ends = "".join(sorted(sizes))
    stem_re = re.compile(alternation(dict.fromkeys(stems, "")))
    return index, re.compile(f"[{re.escape(ends)}]"), {ch: tuple(sorted(n, reverse=True)) for ch, n in sizes.items()}, stem_re


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every division named in text[start:end], longest name at each
    position, overlapping shorter names dropped (浦东新区 not 新区)."""
    index, ends, sizes, stem_re = _index()
    end = len(text) if end is None else end
    candidates: list[tuple[int, int]] = []
    for m in ends.finditer(text, start, end):
        stop = m.end()
        for size in sizes[m.group()]:
            if size <= stop - start and text[stop - size:stop] in index:
                candidates.append((stop - size, stop))
                break
    candidates += [m.span() for m in stem_re.finditer(text, start, end)]
    candidates.sort(key=lambda span: (span[0], -span[1]))
    found: list[Mention] = []
    for lo, hi in candidates:
        if found and lo < found[-1].end:
            if hi - lo > found[-1].end - found[-1].start and lo == found[-1].start:
                found[-1] = Mention(lo, hi, text[lo:hi], index[text[lo:hi]])
            continue
        found.append(Mention(lo, hi, text[lo:hi], index[text[lo:hi]]))
    return found
