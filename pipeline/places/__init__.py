"""Places: China's administrative divisions and where a text speaks of them.

    from pipeline.places import divisions, document_place, claim_place

`divisions()` is the table shipped in pipeline/data/divisions.csv (12-digit
codes down to township level, see divisions.meta.json for its origin and
date); `document_place` names the jurisdiction a document speaks for from
its hints, title, publisher, site and text; `claim_place` the place a
figure is about when its sentence names another one (全国, 全省, a town).
"""

from pipeline.places.claims import ClaimPlaces, claim_place
from pipeline.places.divisions import COUNTRY, Division, Divisions, divisions
from pipeline.places.document import document_place

__all__ = ["COUNTRY", "ClaimPlaces", "Division", "Divisions", "claim_place", "divisions", "document_place"]
