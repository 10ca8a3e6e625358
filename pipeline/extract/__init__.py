"""Numeric claims in Chinese government prose.

    from pipeline.extract import extract_claims
    claims = extract_claims(text, doc_date)

`extract_claims` returns `pipeline.model.Claim`s sorted by char_start, with
`text[c.char_start:c.char_end] == c.surface`; `split_sentences` gives the
sentence spans it uses. Module map: spans (figures), numerals, units,
qualifiers, nonclaims, sentences, periods, metrics, roles, comparisons,
attribution (puts them together).
"""

from pipeline.extract.attribution import extract_claims
from pipeline.extract.sentences import split_sentences

__all__ = ["extract_claims", "split_sentences"]
