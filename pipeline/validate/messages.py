"""How figures and intervals are written in check messages and arithmetic.

Computed values are written in the scale and unit of the printed figure they
are compared with (6.29亿元 next to a printed 6.39亿元), with one more
decimal for interval ends so a reader sees why rounding does or does not
explain a gap.
"""

from __future__ import annotations

from fractions import Fraction

from pipeline.validate.intervals import Interval, Printed


def midpoint(iv: Interval | None) -> Fraction | None:
    return None if iv is None or not iv.bounded else (iv.lo + iv.hi) / 2


def value(p: Printed, x: Fraction | None) -> str:
    """A computed value at the printed precision; a percentage gets finer (97.67% against 98%)."""
    return p.show(x, p.decimals + (_finer(p) if p.suffix.endswith("%") else 0))


def _finer(p: Printed) -> int:
    return 2 if p.decimals == 0 else 1


def _ends(p: Printed, iv: Interval) -> tuple[str, str]:
    """Interval ends one place finer than printed (so 6.385 shows); a whole count stays whole."""
    d = p.decimals + (0 if p.interval.lo == p.interval.hi else _finer(p) if p.suffix.endswith("%") else 1)
    lo = "−∞" if iv.lo is None else p.show(iv.lo, d).removesuffix(p.suffix)
    hi = "∞" if iv.hi is None else p.show(iv.hi, d).removesuffix(p.suffix)
    return lo, hi


def interval(p: Printed, iv: Interval) -> str:
    lo, hi = _ends(p, iv)
    return f"{lo}{p.suffix}" if lo == hi else f"[{lo}, {hi}]{p.suffix}"


def bare_interval(p: Printed, iv: Interval) -> str:
    """Interval ends without the unit: [20.165, 20.175]; a point is one number."""
    lo, hi = _ends(p, iv)
    return lo if lo == hi else f"[{lo}, {hi}]"


def as_float(x: Fraction | None, default: float) -> float:
    return default if x is None else float(x)


def repair_hint(p: Printed, expected: Interval) -> str | None:
    """`6.39 → 6.29`: the printed number and the expected one at the same precision."""
    mid = midpoint(expected)
    if mid is None or p.number is None:
        return None
    suggestion = p.rounded(mid)
    if suggestion == p.number:
        return None
    return f"{p.number} → {suggestion}"
