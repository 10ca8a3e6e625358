"""Which single printed figure, if any, explains an over-determined relation.

When a level, base, increment and rate are all printed, the relation is
checked more than once (difference, growth rate, and the internal
increment/base = rate). A figure is the suspect when it takes part in every
failing check and in no passing one: removing it leaves only passing
checks, and every other figure is vouched for by a check that passes.
"""

from __future__ import annotations

from collections.abc import Iterable


def suspect(outcomes: Iterable[tuple[frozenset[str], str]]) -> str | None:
    """outcomes: (claim ids taking part, verdict). The unique suspect's id, or None."""
    outcomes = list(outcomes)
    failing = [members for members, verdict in outcomes if verdict == "inconsistent"]
    if not failing:
        return None
    passing = [members for members, verdict in outcomes if verdict == "consistent"]
    candidates = frozenset.intersection(*failing) - frozenset().union(*passing)
    return next(iter(candidates)) if len(candidates) == 1 else None
