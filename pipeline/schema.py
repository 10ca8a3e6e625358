"""The one definition of every published table and its columns.

Like PUDL's metadata, each table and column is described once here; the
DuckDB DDL, the Arrow/Parquet schema, the Frictionless `datapackage.json`
and `docs/data-dictionary.md` are all generated from it, so they can never
disagree. Release readers depend on names and types here: changing one is a
schema_version bump.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

SCHEMA_VERSION = 2


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # one of TYPES
    description: str
    example: str = ""
    required: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    published: bool = True

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"table {self.name} has no column {name!r}")


# type name -> (Arrow type, DuckDB type, Frictionless type)
TYPES: dict[str, tuple[pa.DataType, str, str]] = {
    "string": (pa.string(), "VARCHAR", "string"),
    "int": (pa.int64(), "BIGINT", "integer"),
    "double": (pa.float64(), "DOUBLE", "number"),
    "date": (pa.date32(), "DATE", "date"),
    "bool": (pa.bool_(), "BOOLEAN", "boolean"),
    "string_list": (pa.list_(pa.string()), "VARCHAR[]", "array"),
    "binary": (pa.binary(), "BLOB", "string"),
}

QUALIFIERS = ("exact", "approx", "more_than", "at_least", "less_than", "at_most", "range")
ROLES = ("actual", "target", "plan", "threshold")
COMPARISONS = ("level", "base", "increment", "rate", "share")
DIRECTIONS = ("increase", "decrease", "unchanged")
VERDICTS = ("consistent", "inconsistent", "undecidable")
CHECK_KINDS = (
    "difference",
    "growth_rate",
    "part_sum",
    "share",
    "target_completion",
    "enumeration_count",
    "bound",
    "cross_source",
    "duplicate",
)

C = Column

DOCUMENTS = Table(
    name="documents",
    description=(
        "One row per unit of clean text: a whole publication, or one article of a "
        "newspaper page. Claim offsets point into `text`."
    ),
    primary_key=("doc_id",),
    columns=(
        C("doc_id", "string", "Stable id of the publication: its source, canonical locator (URL or archive file name) and article number; a new revision keeps it.", "d3f1c2a9b8e7d6c5", True),
        C("source_uri", "string", "URL of the publication, or the archive file name for local documents (with #N for article N of a page).", "002_013173d67734eaa2.txt", True),
        C("source_id", "string", "Id of the source in the registry (sources/*.yaml).", "embedded", True),
        C("publisher", "string", "Who published it, as the source or the page states.", "张江镇人民政府"),
        C("title", "string", "Title of the publication or article.", "张江镇第五届人民代表大会第四次会议政府工作报告"),
        C("published_date", "string", "Publication date, ISO 8601 to the precision known (YYYY, YYYY-MM or YYYY-MM-DD).", "2023-08-03"),
        C("doc_kind", "string", "work_report, newspaper_article, news_post, bulletin, gov_page ...", "work_report"),
        C("place_code", "string", "The jurisdiction the document speaks for: 12-digit statistical division code (GB/T 2260 + township digits), as deep as known; 000000000000 is the whole country.", "310115125000"),
        C("place_name", "string", "Full name of that division, province to town.", "上海市浦东新区张江镇"),
        C("reference_period", "string", "The period the document reports on by default: 2022, 2023-H1, 2023-Q3, 2023-01..2023-05, 2022-04-12.", "2023-H1"),
        C("part", "int", "Article number within a newspaper page (1, 2, ...); 0 for a whole publication.", "0", True),
        C("encoding", "string", "Character encoding detected from the raw bytes.", "utf-8"),
        C("content_sha256", "string", "sha256 of the raw bytes the text came from.", "013173d6...", True),
        C("text", "string", "The clean text: page chrome removed, OCR line breaks re-joined.", "…完成税收20.17亿元…", True),
        C("duplicate_of", "string", "doc_id of the earlier document this one repeats (near-duplicate), if any.", ""),
    ),
)

CLAIMS = Table(
    name="claims",
    description="One row per numeric claim, with its provenance: text[char_start:char_end] == surface.",
    primary_key=("claim_id",),
    columns=(
        C("claim_id", "string", "Stable id from (doc_id, the sentence with every figure masked and whitespace removed, the figure's position in it, the masked sentence's occurrence): it survives a corrected figure and a re-save.", "c1a2b3c4d5e6f708", True),
        C("doc_id", "string", "The document the claim is in.", "d3f1c2a9b8e7d6c5", True),
        C("char_start", "int", "Offset of the first character in documents.text (Python str index, code points).", "412", True),
        C("char_end", "int", "Offset one past the last character.", "420", True),
        C("surface", "string", "The expression as printed: qualifier + number + scale + unit.", "20.17亿元", True),
        C("value", "double", "The value with scale words applied.", "2017000000", True),
        C("value_low", "double", "Low end of the interval the printed figure stands for (precision and qualifier).", "2016500000", True),
        C("value_high", "double", "High end of that interval (may be +inf for 超/以上).", "2017500000", True),
        C("unit", "string", "Canonical, scale-free unit; empty when the figure is printed without one (粉丝量达11.35万).", "元", True),
        C("qualifier", "string", "exact, approx (约/近/左右), more_than (多/余/超/逾), at_least (以上/不低于), less_than (不到/以下), at_most (不超过), or range (1-2个月, 10至15个: value is the midpoint).", "exact", True),
        C("direction", "string", "For a change (increment, rate): increase, decrease or unchanged; null otherwise.", "increase"),
        C("signed_value", "double", "The value with the direction's sign: 下降0.6% -> -0.6; equals value for everything that is not a decrease.", "2017000000", True),
        C("metric", "string", "What is measured, complete, in the document's words (城镇居民人均可支配收入, 改造老旧小区).", "税收"),
        C("indicator", "string", "Canonical indicator id (indicators.indicator), when the metric, place scope and unit match one of the vocabulary's names exactly; null otherwise.", "gdp"),
        C("place_code", "string", "The place the figure is about: the document's, unless its sentence names another (全国, 全省, a named town).", "310115125000"),
        C("period", "string", "The period as stated or inherited from its clause, sentence or paragraph.", "1-5月"),
        C("period_start", "date", "First day of the period, resolved against the document's reference period; null for a stock (年末, 截至6月底).", "2023-01-01"),
        C("period_end", "date", "Last day of the period (the moment of a stock).", "2023-05-31"),
        C("role", "string", "actual, target, plan or threshold.", "actual", True),
        C("comparison", "string", "Part the figure plays: level, base, increment, rate or share.", "base", True),
        C("compared_to", "string", "claim_id of the level figure this base, increment or rate belongs to.", ""),
        C("sentence", "string", "The sentence the claim sits in; of a sentence longer than 500 characters, the 500 around the claim.", "1-5月,共计完成税收20.17亿元,…", True),
        C("sentence_start", "int", "Offset in documents.text where the stored sentence starts.", "380", True),
        C("first_seen", "string", "The release version in which this claim_id first appeared.", "2026.12.02"),
    ),
)

CHECKS = Table(
    name="checks",
    description="One row per validation of a relation between printed figures, with a three-valued verdict.",
    primary_key=("check_id",),
    columns=(
        C("check_id", "string", "Stable id from (rule_id, doc_id, sorted claim_ids).", "k0f1e2d3c4b5a697", True),
        C("rule_id", "string", "The rule of the published catalogue (docs/rules.md) that produced the check.", "GF-G1"),
        C("kind", "string", "difference, growth_rate, part_sum, share, target_completion, enumeration_count, bound, cross_source, duplicate.", "difference", True),
        C("doc_id", "string", "Document the relation is stated in (the first one for cross-source checks).", "d3f1c2a9b8e7d6c5"),
        C("claim_ids", "string_list", "The claims taking part.", "[c1…, c2…, c3…]", True),
        C("verdict", "string", "consistent, inconsistent or undecidable.", "inconsistent", True),
        C("expected_low", "double", "Low end of the interval computed from the other figures.", "628000000"),
        C("expected_high", "double", "High end of that interval.", "630000000"),
        C("observed_low", "double", "Low end of the interval the printed figure stands for.", "638500000"),
        C("observed_high", "double", "High end of that interval.", "639500000"),
        C("suspect_claim_id", "string", "The figure whose removal restores consistency, when that is unique.", "c9…"),
        C("arithmetic", "string", "The arithmetic, written out.", "20.17 − 13.88 = 6.29 ≠ 6.39", ),
        C("quote", "string", "The sentence(s) the relation is stated in.", "完成税收20.17亿元,比去年同期13.88亿元增长6.39亿元"),
        C("message", "string", "One sentence a journalist can read, with the figures.", "税收: 20.17亿元 − 13.88亿元 = 6.29亿元, not the printed 6.39亿元.", True),
    ),
)

INDICATORS = Table(
    name="indicators",
    description=(
        "The indicator vocabulary that claims.indicator and facts.indicator name (pipeline/data/indicators.tsv): "
        "statistics that bulletins, work reports and fiscal reports state most, with the names documents print."
    ),
    primary_key=("indicator",),
    columns=(
        C("indicator", "string", "Stable ASCII id of the indicator.", "gdp", True),
        C("name", "string", "Its official name, as the National Bureau of Statistics or the ministry publishing it writes it.", "地区生产总值", True),
        C("names", "string_list", "Every name a claim's metric must equal (after place words, quotes and a bracketed abbreviation are taken off) to get the indicator; @country: only for figures about the whole country, @local: only below it.", "[地区生产总值@local, 国内生产总值@country, 生产总值, GDP]", True),
        C("unit_family", "string", "What a level of it is measured in: money, percent, persons, area, mass ...", "money", True),
        C("units", "string_list", "Units a level may be printed in; an empty string (an empty cell in CSV) for an index or ratio printed without a unit.", "[元, 美元]"),
        C("kind", "string", "flow (over a period) or stock (at a moment).", "flow", True),
        C("growth", "string", "How a printed growth rate is measured: real (at comparable prices), nominal (current prices), volume (a quantity or count), price (the index is a price change), points (a ratio: changes are in percentage points).", "real", True),
        C("source", "string", "Who defines it: nbs (National Bureau of Statistics), mof (Ministry of Finance), pbc (People's Bank) ...", "nbs", True),
        C("definition", "string", "What it measures.", "Gross domestic product of the place (国内生产总值 for the country).", True),
    ),
)

FACTS = Table(
    name="facts",
    description=(
        "One row per place × indicator × period × measure (and role and unit) that claims state, with the "
        "signed value, the claims and documents that state it and whether they agree within rounding: "
        "view v_facts, materialised. Claims without an indicator, place or period, and claims of "
        "near-duplicate documents, are left out."
    ),
    primary_key=("fact_id",),
    columns=(
        C("fact_id", "string", "Stable id: f + the first 16 hex digits of the sha256 of place_code, indicator, measure, unit, role, period_start and period_end joined with \\x1f.", "f0a1b2c3d4e5f6789", True),
        C("place_code", "string", "The place the figures are about (claims.place_code).", "350128000000", True),
        C("place_name", "string", "Full name of that place, as a document speaking for it names it; null when no document does.", "福建省福州市平潭县"),
        C("indicator", "string", "Id of the indicator (indicators.indicator).", "gdp", True),
        C("indicator_name", "string", "Its official name.", "地区生产总值", True),
        C("measure", "string", "level (in the indicator's units), growth_rate (in %, over the same period of the year before unless the period says otherwise), increment (an absolute change in its units) or change_pp (a ratio's change in percentage points).", "growth_rate", True),
        C("unit", "string", "Unit of the values: the claims' unit.", "%"),
        C("role", "string", "actual, target, plan or threshold, as the claims state it.", "actual", True),
        C("period", "string", "The period in words: 2022 (a calendar year), 2023-01..2023-05, 2018..2022 (a span of years: a growth rate is then the annual average or the cumulative one, as the sentence says), 2022-12-31 (a stock at that moment).", "2022", True),
        C("period_start", "date", "First day of the period; null for a stock.", "2022-01-01"),
        C("period_end", "date", "Last day of the period (the moment of a stock).", "2022-12-31", True),
        C("year", "int", "The calendar year, when the period is one whole year or a stock at its end; null otherwise.", "2022"),
        C("value", "double", "The signed value (a decrease is negative) of the most precise claim (the narrowest interval; ties by claim_id).", "3.6", True),
        C("value_low", "double", "Low end of the interval every claim allows (the intersection of their signed intervals); null when they do not agree.", "3.55"),
        C("value_high", "double", "High end of that interval.", "3.65"),
        C("min_value", "double", "Smallest signed value printed.", "3.6", True),
        C("max_value", "double", "Largest signed value printed.", "3.6", True),
        C("agree", "bool", "Whether every two claims' intervals meet, so that all the printed figures can be true at once.", "true", True),
        C("claims", "int", "How many claims state it.", "1", True),
        C("documents", "int", "How many documents state it.", "1", True),
        C("claim_ids", "string_list", "The claims, by claim_id.", "[c1…]", True),
        C("doc_ids", "string_list", "Their documents, by doc_id.", "[d3…]", True),
        C("surfaces", "string_list", "The figures as printed, each once.", "[3.6%]", True),
    ),
)

RAW_DOCUMENTS = Table(
    name="raw_documents",
    description="Bytes as fetched or read, never rewritten, with how they were obtained.",
    primary_key=("content_sha256", "source_uri"),
    published=False,
    columns=(
        C("source_id", "string", "Registry id of the source.", "embedded", True),
        C("source_uri", "string", "URL requested, or archive file name.", "002_013173d67734eaa2.txt", True),
        C("final_url", "string", "URL after redirects.", ""),
        C("content_sha256", "string", "sha256 of the bytes.", "013173d6...", True),
        C("bytes", "int", "Size of the content in bytes.", "38703", True),
        C("media_type", "string", "text/plain or text/html.", "text/plain", True),
        C("http_status", "int", "HTTP status of the final response (null for local files).", "200"),
        C("fetched_at", "string", "UTC time of the fetch, ISO 8601 (null for archive files).", ""),
        C("hints_json", "string", "Metadata known before parsing (registry, sidecar, HTTP headers), as JSON.", "{}", True),
        C("content", "binary", "The raw bytes.", "", True),
    ),
)

QUARANTINE = Table(
    name="quarantine",
    description=(
        "Inputs, or parts of inputs, that could not be used, with the stage and the reason; nothing else is lost "
        "because of them. A document still published appears here for what was dropped from it (a sidecar field, "
        "damaged bytes)."
    ),
    primary_key=("source_id", "source_uri", "stage"),
    columns=(
        C("source_id", "string", "Registry id of the source.", "embedded", True),
        C("source_uri", "string", "URL or file name of the input (the archive file for archive inputs, or index.jsonl:LINE for the raw store).", "broken.html", True),
        C("stage", "string", "Stage that rejected it: read, store (the raw store), fetch, decode, parse, documents, extract.", "decode", True),
        C("reason", "string", "Why, in words that name the input.", "not decodable as GB18030 or UTF-8", True),
        C("content_sha256", "string", "sha256 of the bytes, when any arrived.", ""),
    ),
)

CHANGES = Table(
    name="changes",
    description="What changed against the previous release, by id: the machine-readable form of CHANGES.md.",
    primary_key=("entity", "id", "field"),
    columns=(
        C("entity", "string", "claim, document or check.", "claim", True),
        C("change", "string", "added, removed or changed.", "changed", True),
        C("id", "string", "claim_id, doc_id or check_id.", "c1a2b3c4d5e6f708", True),
        C("doc_id", "string", "Document the row belongs to.", "d3f1c2a9b8e7d6c5"),
        C("field", "string", "Column that changed (empty for added/removed rows).", "value", True),
        C("old", "string", "Value in the previous release, as text.", "639000000"),
        C("new", "string", "Value in this release, as text.", "629000000"),
        C("label", "string", "What the row is, for a reader: surface, title or check message.", "6.39亿元"),
    ),
)

PUBLISHED_TABLES: tuple[Table, ...] = (DOCUMENTS, CLAIMS, CHECKS, QUARANTINE, INDICATORS, FACTS)
ALL_TABLES: tuple[Table, ...] = (RAW_DOCUMENTS, *PUBLISHED_TABLES, CHANGES)
TABLES: dict[str, Table] = {t.name: t for t in ALL_TABLES}


def arrow_schema(table: Table) -> pa.Schema:
    fields = [
        pa.field(c.name, TYPES[c.type][0], nullable=not c.required, metadata={"description": c.description})
        for c in table.columns
    ]
    return pa.schema(fields, metadata={"table": table.name, "schema_version": str(SCHEMA_VERSION)})


def duckdb_ddl(table: Table) -> str:
    cols = ",\n".join(
        f"    {c.name} {TYPES[c.type][1]}{' NOT NULL' if c.required else ''}" for c in table.columns
    )
    return f"CREATE TABLE {table.name} (\n{cols},\n    PRIMARY KEY ({', '.join(table.primary_key)})\n);"


def duckdb_comments(table: Table) -> list[str]:
    def q(s: str) -> str:
        return "'" + s.replace("'", "''") + "'"

    stmts = [f"COMMENT ON TABLE {table.name} IS {q(table.description)};"]
    stmts += [f"COMMENT ON COLUMN {table.name}.{c.name} IS {q(c.description)};" for c in table.columns]
    return stmts


def frictionless_schema(table: Table) -> dict:
    fields = []
    for c in table.columns:
        f = {"name": c.name, "type": TYPES[c.type][2], "description": c.description}
        if c.required:
            f["constraints"] = {"required": True}
        fields.append(f)
    return {"fields": fields, "primaryKey": list(table.primary_key)}


def to_arrow(table: Table, rows: list[dict]) -> pa.Table:
    """Rows are dicts keyed by column name; missing keys become nulls."""
    schema = arrow_schema(table)
    columns = {c.name: [r.get(c.name) for r in rows] for c in table.columns}
    return pa.Table.from_pydict(columns, schema=schema)
