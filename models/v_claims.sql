-- v_claims: every claim with the metadata of the document it is in, so an
-- analyst can filter by publisher, date or kind without a join. The document
-- text itself stays in `documents` (it is large); `sentence` carries the context.
CREATE OR REPLACE VIEW v_claims AS
SELECT
    c.claim_id,
    c.doc_id,
    d.title,
    d.publisher,
    d.place_name AS document_place,
    d.reference_period,
    d.published_date,
    d.doc_kind,
    d.source_uri,
    d.source_id,
    c.char_start,
    c.char_end,
    c.surface,
    c.value,
    c.value_low,
    c.value_high,
    c.unit,
    c.qualifier,
    c.direction,
    c.signed_value,
    c.metric,
    c.indicator,
    c.place_code,
    c.period,
    c.period_start,
    c.period_end,
    c.role,
    c.comparison,
    c.compared_to,
    c.sentence,
    c.sentence_start,
    c.first_seen,
    d.duplicate_of
FROM claims AS c
JOIN documents AS d USING (doc_id);
