"""The validator: every relation a document states between its figures, checked.

`validate(documents, claims)` finds relations in each document's text
(relations.py, enumerations.py), evaluates them on rounding-exact intervals
(intervals.py, checks.py), names the one figure that breaks an
over-determined relation (localise.py), and compares documents with each
other (cross_source.py). Plain Python, no Dagster.
"""

from __future__ import annotations

from collections import defaultdict

from pipeline.model import Check, ClaimRow, Document
from pipeline.validate import checks as ev
from pipeline.validate import skeleton
from pipeline.validate.cross_source import compare_documents
from pipeline.validate.enumerations import find_stated_counts
from pipeline.validate.relations import find_relations

__all__ = ["validate", "validate_document"]


def validate_document(doc: Document, claims: list[ClaimRow]) -> list[Check]:
    """Checks of the relations stated inside one document."""
    sk = skeleton.build(doc.text, claims)
    relations = [*find_relations(sk), *find_stated_counts(doc.text, claims)]
    outcomes = [o for r in relations for o in ev.evaluate(r)]
    return ev.finish(doc.doc_id, outcomes)


def validate(documents: list[Document], claims: list[ClaimRow]) -> list[Check]:
    """All checks, sorted by check_id; a check_id appears once."""
    by_doc: dict[str, list[ClaimRow]] = defaultdict(list)
    for row in claims:
        by_doc[row.doc_id].append(row)
    found: dict[str, Check] = {}
    for doc in documents:
        for check in validate_document(doc, by_doc.get(doc.doc_id, [])):
            found.setdefault(check.check_id, check)
    for check in compare_documents(documents, claims):
        found.setdefault(check.check_id, check)
    return [found[k] for k in sorted(found)]
