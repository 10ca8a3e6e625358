-- v_flags: one row per inconsistent check, ready for a reader.
-- What the check is (kind), where (document title and publisher, the quoted
-- sentence), the figures taking part as printed (surfaces of its claims, in
-- text order), the figure localisation blames (if any), the computed and
-- printed intervals, the arithmetic written out and the one-sentence message.
CREATE OR REPLACE VIEW v_flags AS
SELECT
    k.check_id,
    k.kind,
    k.doc_id,
    d.title AS document_title,
    d.publisher,
    d.published_date,
    k.quote,
    (
        SELECT string_agg(c.surface, '; ' ORDER BY c.doc_id, c.char_start)
        FROM claims AS c
        WHERE list_contains(k.claim_ids, c.claim_id)
    ) AS figures,
    s.surface AS suspect_figure,
    k.expected_low,
    k.expected_high,
    k.observed_low,
    k.observed_high,
    k.arithmetic,
    k.message
FROM checks AS k
LEFT JOIN documents AS d ON d.doc_id = k.doc_id
LEFT JOIN claims AS s ON s.claim_id = k.suspect_claim_id
WHERE k.verdict = 'inconsistent'
ORDER BY k.kind, d.title, k.check_id;
