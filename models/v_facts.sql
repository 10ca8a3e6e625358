-- v_facts: one row per place × indicator × period × measure (and role and
-- unit) that claims state, so "GDP growth by place and year" is one filter.
-- A claim takes part when it has an indicator (pipeline/indicators), a
-- place and a period, and its document is no near-duplicate of another.
-- The measure follows from the unit and comparison as pipeline/indicators
-- decided when it gave the indicator: a ratio's change in 百分点 is
-- change_pp, a % of a quantity its growth_rate, an increment an increment,
-- anything else the level (a base is the level of its own period; a base
-- dated like the level it belongs to was not dated and is left out).
-- Each printed figure stands for an interval (value_low..value_high, signed
-- like signed_value); the claims agree when all their intervals meet, and
-- value is the figure of the narrowest one.
CREATE OR REPLACE VIEW v_facts AS
WITH stated AS (
    SELECT
        c.claim_id,
        c.doc_id,
        c.place_code,
        c.indicator,
        i.name AS indicator_name,
        CASE
            WHEN c.unit = '百分点' THEN 'change_pp'
            WHEN c.unit = '%' AND NOT list_contains(i.units, '%') THEN 'growth_rate'
            WHEN c.comparison = 'increment' THEN 'increment'
            ELSE 'level'
        END AS measure,
        c.unit,
        c.role,
        c.period_start,
        c.period_end,
        c.surface,
        c.signed_value,
        CASE WHEN c.direction = 'decrease' THEN -c.value_high ELSE c.value_low END AS low,
        CASE WHEN c.direction = 'decrease' THEN -c.value_low ELSE c.value_high END AS high
    FROM claims AS c
    JOIN indicators AS i USING (indicator)
    JOIN documents AS d USING (doc_id)
    LEFT JOIN claims AS l ON c.comparison = 'base' AND l.claim_id = c.compared_to
    WHERE c.place_code IS NOT NULL AND c.period_end IS NOT NULL AND d.duplicate_of IS NULL
      AND NOT (l.period_end IS NOT DISTINCT FROM c.period_end AND l.period_start IS NOT DISTINCT FROM c.period_start
               AND l.claim_id IS NOT NULL)
),
grouped AS (
    SELECT
        place_code,
        indicator,
        any_value(indicator_name) AS indicator_name,
        measure,
        unit,
        role,
        period_start,
        period_end,
        first(signed_value ORDER BY high - low, claim_id) AS value,
        max(low) AS low,
        min(high) AS high,
        min(signed_value) AS min_value,
        max(signed_value) AS max_value,
        count(*) AS claims,
        count(DISTINCT doc_id) AS documents,
        list(claim_id ORDER BY claim_id) AS claim_ids,
        list(DISTINCT doc_id ORDER BY doc_id) AS doc_ids,
        list(DISTINCT surface ORDER BY surface) AS surfaces
    FROM stated
    GROUP BY place_code, indicator, measure, unit, role, period_start, period_end
),
places AS (
    SELECT place_code, min(place_name) AS place_name
    FROM documents
    WHERE place_code IS NOT NULL AND place_name IS NOT NULL
    GROUP BY place_code
)
SELECT
    'f' || substr(sha256(concat_ws(chr(31), g.place_code, g.indicator, g.measure, coalesce(g.unit, ''), g.role,
                                   coalesce(CAST(g.period_start AS VARCHAR), ''), CAST(g.period_end AS VARCHAR))), 1, 16) AS fact_id,
    g.place_code,
    p.place_name,
    g.indicator,
    g.indicator_name,
    g.measure,
    g.unit,
    g.role,
    CASE
        WHEN g.period_start IS NULL THEN strftime(g.period_end, '%Y-%m-%d')
        WHEN strftime(g.period_start, '%m-%d') = '01-01' AND strftime(g.period_end, '%m-%d') = '12-31' THEN
            CASE WHEN year(g.period_start) = year(g.period_end) THEN CAST(year(g.period_end) AS VARCHAR)
                 ELSE CAST(year(g.period_start) AS VARCHAR) || '..' || CAST(year(g.period_end) AS VARCHAR) END
        WHEN day(g.period_start) = 1 AND g.period_end = last_day(g.period_end) THEN
            CASE WHEN g.period_start = date_trunc('month', g.period_end) THEN strftime(g.period_end, '%Y-%m')
                 ELSE strftime(g.period_start, '%Y-%m') || '..' || strftime(g.period_end, '%Y-%m') END
        ELSE strftime(g.period_start, '%Y-%m-%d') || '..' || strftime(g.period_end, '%Y-%m-%d')
    END AS period,
    g.period_start,
    g.period_end,
    CASE
        WHEN strftime(g.period_end, '%m-%d') = '12-31'
             AND (g.period_start IS NULL OR g.period_start = make_date(year(g.period_end), 1, 1))
        THEN year(g.period_end)
    END AS year,
    g.value,
    CASE WHEN g.low <= g.high THEN g.low END AS value_low,
    CASE WHEN g.low <= g.high THEN g.high END AS value_high,
    g.min_value,
    g.max_value,
    g.low <= g.high AS agree,
    g.claims,
    g.documents,
    g.claim_ids,
    g.doc_ids,
    g.surfaces
FROM grouped AS g
LEFT JOIN places AS p USING (place_code)
ORDER BY g.place_code, g.indicator, g.period_end, g.period_start NULLS FIRST, g.measure, g.role, g.unit;
