from hypothesis import given
from hypothesis import strategies as st

from pipeline import ids


def test_ids_are_fixed_functions_of_their_inputs():
    # The literals pin the algorithm: a change here changes every published id.
    assert ids.doc_id("0" * 64, 0) == "d6caa10c5630e68c1"
    assert ids.doc_id("0" * 64, 0) != ids.doc_id("0" * 64, 1)
    assert ids.claim_id("d1", 3, 9, "20.17亿元") == "c4a826b1510b9c49d"
    assert ids.check_id("difference", "d1", ["c2", "c1"]) == "k0b74ed858b8e5c7f"


@given(st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=6))
def test_check_id_does_not_depend_on_claim_order(claim_ids):
    assert ids.check_id("difference", "d1", claim_ids) == ids.check_id("difference", "d1", list(reversed(claim_ids)))


def test_fields_cannot_run_into_each_other():
    assert ids.claim_id("d1", 12, 3, "x") != ids.claim_id("d11", 2, 3, "x")
