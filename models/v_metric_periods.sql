-- v_metric_periods: one row per metric × period × unit × role, with how many
-- claims and documents state it, the range of printed values and whether all
-- their intervals meet (false: two printed figures for the same thing disagree).
-- Claims with no metric are left out: they cannot be compared by name.
CREATE OR REPLACE VIEW v_metric_periods AS
SELECT
    metric,
    period,
    period_start,
    period_end,
    unit,
    role,
    count(*) AS claims,
    count(DISTINCT doc_id) AS documents,
    min(value) AS min_value,
    max(value) AS max_value,
    max(value_low) <= min(value_high) AS intervals_meet,
    list(DISTINCT surface ORDER BY surface) AS surfaces
FROM claims
WHERE metric IS NOT NULL AND metric <> ''
GROUP BY metric, period, period_start, period_end, unit, role;
