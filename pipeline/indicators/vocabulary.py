"""The indicator vocabulary (pipeline/data/indicators.tsv) and its names.

Every name of every indicator is indexed once, spelled the way
`names.normalise` spells a claim's metric, so a lookup is one dictionary
access. A name may hold only for the whole country (国内生产总值@country)
or only below it (地区生产总值@local).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pipeline import vocab
from pipeline.indicators.names import clean
from pipeline.places.divisions import COUNTRY

KINDS = ("flow", "stock")
GROWTH = ("real", "nominal", "volume", "price", "points")
# Words that restrict an indicator to enterprises above a size threshold.
SIZE_CLASSES = ("规模以上", "规上", "限额以上", "限上")


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str  # the official name, scope suffix kept
    synonyms: tuple[str, ...]  # as in the data file, scope suffixes kept
    unit_family: str
    units: tuple[str, ...]
    kind: str
    growth: str
    source: str
    definition: str

    @property
    def is_ratio(self) -> bool:
        """A rate, ratio or share: it changes in points and has no growth rate."""
        return "%" in self.units or "‰" in self.units

    @property
    def size_class(self) -> bool:
        """Whether the indicator counts only enterprises above a size threshold."""
        return any(word in self.name for word in SIZE_CLASSES)

    def names(self) -> Iterable[tuple[str, str | None]]:
        """(name, scope) for the official name and every synonym."""
        for printed in (self.name, *self.synonyms):
            name, _, scope = printed.partition("@")
            yield name, scope or None


def _unit_families() -> dict[str, tuple[str, ...]]:
    """family -> its units; `-` in the file stands for a figure printed without one."""
    return {
        family: tuple("" if u == "-" else u for u in units.split("|"))
        for family, units, *_ in vocab.rows("unit_families.tsv")
    }


@lru_cache(maxsize=1)
def vocabulary() -> tuple[Indicator, ...]:
    """Every indicator of pipeline/data/indicators.tsv, in file order."""
    families = _unit_families()
    return tuple(
        Indicator(ident, name, tuple(s for s in synonyms.split("|") if s), family, families[family],
                  kind, growth, source, definition)
        for ident, name, synonyms, family, kind, growth, source, definition in vocab.rows("indicators.tsv")
    )


@lru_cache(maxsize=1)
def by_id() -> dict[str, Indicator]:
    return {i.id: i for i in vocabulary()}


@lru_cache(maxsize=1)
def _by_name() -> dict[str, tuple[tuple[Indicator, str | None], ...]]:
    index: dict[str, list[tuple[Indicator, str | None]]] = {}
    for indicator in vocabulary():
        for name, scope in indicator.names():
            index.setdefault(clean(name), []).append((indicator, scope))
    return {name: tuple(entries) for name, entries in index.items()}


@lru_cache(maxsize=1)
def _size_class_counterparts() -> frozenset[str]:
    """Names that, after a size class, name another indicator (工业增加值:
    规模以上工业增加值)."""
    out = set()
    for indicator in vocabulary():
        if indicator.size_class:
            for name, _ in indicator.names():
                for word in SIZE_CLASSES:
                    if name.startswith(word):
                        out.add(clean(name[len(word):].removeprefix("企业")))
    return frozenset(out)


def has_size_class_counterpart(indicator: Indicator) -> bool:
    """Whether the vocabulary also has this indicator for enterprises above
    a size threshold only (社会消费品零售总额: 限额以上社会消费品零售总额)."""
    return not indicator.size_class and any(clean(n) in _size_class_counterparts() for n, _ in indicator.names())


def _holds(scope: str | None, country: bool) -> bool:
    return scope is None or (scope == "country") == country


def lookup(name: str, place_code: str | None) -> Indicator | None:
    """The one indicator `name` (normalised) names at `place_code`; None
    when it names none there, or more than one. A scoped name needs a place."""
    entries = _by_name().get(name, ())
    if place_code is None:
        entries = tuple(e for e in entries if e[1] is None)
    found = {ind.id: ind for ind, scope in entries if _holds(scope, place_code == COUNTRY)}
    return next(iter(found.values())) if len(found) == 1 else None


def ambiguous_names() -> list[str]:
    """Names that two indicators claim for the same places: the data file
    must have none (tested), since a lookup then finds nothing."""
    return sorted(
        name
        for name, entries in _by_name().items()
        if any(len({ind.id for ind, scope in entries if _holds(scope, country)}) > 1 for country in (True, False))
    )
