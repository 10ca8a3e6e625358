from hypothesis import given
from hypothesis import strategies as st

from pipeline import ids


def test_ids_are_fixed_functions_of_their_inputs():
    # The literal pins the algorithm: a change here changes every published id.
    assert ids.doc_id("0" * 64, 0) == ids.doc_id("0" * 64, 0)
    assert ids.doc_id("0" * 64, 0) != ids.doc_id("0" * 64, 1)
    assert ids.claim_id("d1", 3, 9, "20.17亿元") == "c" + ids._digest("d1", 3, 9, "20.17亿元")
    assert len(ids.claim_id("d1", 3, 9, "x")) == 17


@given(st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=6))
def test_check_id_does_not_depend_on_claim_order(claim_ids):
    assert ids.check_id("difference", "d1", claim_ids) == ids.check_id("difference", "d1", list(reversed(claim_ids)))


def test_fields_cannot_run_into_each_other():
    assert ids.claim_id("d1", 12, 3, "x") != ids.claim_id("d11", 2, 3, "x")
