import random

from pipeline import ids, tables
from pipeline.model import Check, Claim, ClaimRow, Document


def _claim(start, surface, value, comparison="level", compared_to=None):
    return Claim(
        char_start=start, char_end=start + len(surface), surface=surface, value=value,
        value_low=value * 0.999, value_high=value * 1.001, unit="元", qualifier="exact",
        sentence="s", sentence_start=0, metric="税收", period="1-5月", role="actual",
        comparison=comparison, compared_to=compared_to,
        direction="increase" if comparison == "increment" else None,
    )


def _rows():
    doc = ids.doc_id("a" * 64)
    claims = [
        _claim(10, "20.17亿元", 2.017e9, "level"),
        _claim(25, "13.88亿元", 1.388e9, "base", 10),
        _claim(37, "6.39亿元", 6.39e8, "increment", 10),
    ]
    return [ClaimRow(ids.claim_id(doc, c.char_start, c.char_end, c.surface), doc, c) for c in claims]


def test_claim_links_become_ids_and_back():
    rows = _rows()
    table = tables.claims_table(rows)
    level_id = rows[0].claim_id
    assert set(table.column("compared_to").to_pylist()) == {None, level_id}
    back = {r.claim_id: r for r in tables.claims_from(table)}
    assert {cid: r.claim for cid, r in back.items()} == {r.claim_id: r.claim for r in rows}


def test_table_bytes_do_not_depend_on_input_order():
    rows = _rows()
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    assert tables.claims_table(rows).equals(tables.claims_table(shuffled))


def test_documents_and_checks_round_trip():
    doc = Document(doc_id="d1", source_uri="x.txt", source_id="embedded", content_sha256="f" * 64, text="一", part=0)
    assert tables.documents_from(tables.documents_table([doc])) == [doc]
    check = Check(check_id="k1", kind="difference", doc_id="d1", claim_ids=("c2", "c1"), verdict="inconsistent", message="m")
    assert tables.checks_table([check]).column("claim_ids").to_pylist() == [["c2", "c1"]]
