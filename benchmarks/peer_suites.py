"""Other projects' Chinese number/money test suites, run through our extractor.

Run: .venv/bin/python benchmarks/peer_suites.py [--failures PATH]

Suites (read from ../shared/external, never copied into the project):
Recognizers-Text Chinese NumberModel, PercentModel, CurrencyModel and
DimensionModel specs, and JioNLP's money extractor and money parser cases.
Prints the pass rate per suite and overall over in-scope cases, and writes
every failure to outputs/benchmarks/peer_suite_failures.txt for the
extractor developer.

What passes: each expected figure must be found by a claim that overlaps
its span with the same value (relative tolerance 1e-6). The peers drop
多/余/近/超, so only the value is compared and our qualifier is kept as it
is; a JioNLP range such as 3000多欧元 -> [3000, 4000] is also met by a claim
of 3000 with a qualifier other than exact. Recognizers resolves 12千米 to 12
Kilometer where our units are scale-free (12000 米): either value passes;
likewise a ‰ claim (千分之一 = 1 ‰) meets a percentage of a tenth its value.
A range claim (两到三万 -> value 25000, interval widened by the ends'
rounding) meets a peer range [20000, 30000] when its value is the midpoint
and its interval holds both ends. A case that expects nothing passes when
no claim is returned (JioNLP extractor: when no money claim is returned;
Recognizers NumberModel: when no claim other than money is returned, since
it leaves 一美元 to CurrencyModel, which expects 1 from the same input). Extra claims beyond the
expected ones are not counted against us: the peers do not extract counts
with measure words, which are most of our claims.

NumberModel inputs made of numerals alone (九万四, 10.233, 四百多) are fed
with the count word 个 appended: a claim is a number with a unit, and the
case is about parsing the numeral, which 个 leaves untouched. NumberModel
figures standing bare inside a sentence (还有二百五。) are dropped from the
expectation, and a case left with none is out of scope.

Scope: Recognizers' NotSupported markers name the ports of other languages
and do not matter here. A case is out of scope only when its input falls
under one of OUT_OF_SCOPE, or one of its expected figures (with two
characters either side) under FIGURE_OUT_OF_SCOPE, or under the two notes
above (bare numerals in a sentence; 两 as a weight), each because DESIGN.md says it is not a claim or
because it does not occur in mainland local-government publications. The
run prints how many cases each reason removed.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ROOT.parent / "shared" / "external"
FAILURES = ROOT / "outputs" / "benchmarks" / "peer_suite_failures.txt"

RECOGNIZERS = {
    "recognizers/Number": "recognizers-text/Specs/Number/Chinese/NumberModel.json",
    "recognizers/Percent": "recognizers-text/Specs/Number/Chinese/PercentModel.json",
    "recognizers/Currency": "recognizers-text/Specs/NumberWithUnit/Chinese/CurrencyModel.json",
    "recognizers/Dimension": "recognizers-text/Specs/NumberWithUnit/Chinese/DimensionModel.json",
}
# A claim is a number with a unit or scale word; NumberModel's bare numerals
# (九万四, 10.233) get the neutral count word 个 so they test our numeral parsing.
BARE_NUMERAL_SUITE = "recognizers/Number"
COUNT_WORD = "个"
NUMERAL_ONLY = re.compile(r"^[\d.,，．+\-－负一二三四五六七八九十百千万亿兆零〇两点多余]+$")
SENTENCE_BREAKS = set("，,。、；;：:！!？? \t\n）)”\"'")
LIANG = "两 as a unit of weight (二两 = 100 g) is not used in public figures and reads as 'two'"
BARE_IN_SENTENCE = "numerals standing bare inside a sentence (还有二百五。) carry no unit: not claims"
JIONLP_EXTRACTOR = "jionlp-cases/test_money_extractor.cases.json"
JIONLP_PARSER = "jionlp-cases/test_money_parser.cases.json"

# (reason, pattern on the case input): the first that matches puts the case out of scope.
OUT_OF_SCOPE = (
    ("traditional script: the corpus is mainland simplified-script text", re.compile(r"[萬億點個負兩貳參陸圓錢塊數幾]")),
    ("financial capital numerals (大写) belong to cheques and invoices", re.compile(r"[壹贰叁肆伍陆柒捌玖拾佰仟]")),
    ("discounts (九折, 对折) are shop talk, not public figures", re.compile(r"[\d一二三四五六七八九十两半对点.\s]折")),
    (
        "numerals broken by spaces (一 百 五 十) test the peer's tokenizer; publications print figures unbroken",
        re.compile(r"[\d０-９一二三四五六七八九十百千万亿点.．]\s+[\d０-９一二三四五六七八九十百千万亿点.．个成%％]"),
    ),
    ("k/w/M shorthand (15k, 30w, 2.5 M) is informal web writing", re.compile(r"\d\s*[kKwWM](?![a-zA-Z])")),
    ("colloquial money (块, 毛) does not occur in official publications", re.compile(r"[块毛]")),
    ("dates and clock times (1991年1月16日, 20点) are not claims (DESIGN)", re.compile(r"\d+\s*年\s*\d+\s*月|\d+\s*月\s*\d+\s*日")),
    ("ordinals and ranks (第十, 前三) are not claims (DESIGN)", re.compile(r"[第前][零〇一二三四五六七八九十百千\d]")),
    (
        "malformed digit strings (2222.2222.22222, ...9, －－9, .5) test the peer's tokenizer",
        re.compile(r"\d+\.\d+\.\d|\.{2,}\d|(?<![\d万亿千百元])[－-]{2}\d|(?<![\d０-９])[.．]\d"),
    ),
    ("scientific and exponent notation (1e5, 2^5) does not occur in the corpus", re.compile(r"\d\s*[eE][+-－]?\d|\^")),
    ("dozens (一打 = 12) are not a counting unit of public figures", re.compile(r"[一二三四五六七八九十百千\d]\s*打")),
    ("numerals named as words (答案是四不是五) measure nothing", re.compile(r"(?:是|不是)[一二三四五六七八九十百零]+(?:$|[不却而这那])")),
    ("URLs and bare single numerals (“一”和“五”) are codes and labels, not claims", re.compile(r"https?://|“[一二三四五六七八九十]”")),
)
# (reason, pattern) looked for around each expected figure (its span and
# FIGURE_CONTEXT characters either side; the whole input when the case gives
# no spans): a fraction elsewhere in the sentence does not put its counts
# (二千零四十五个) out of scope, a figure inside one (还有二分之) stays out.
FIGURE_OUT_OF_SCOPE = (
    (
        "fractions (五百分之2333, 3/5) have no unit in the contract; only 百分之/千分之 are percent words",
        re.compile(r"(?:[一二三四五六七八九十两\d][百千]|[^百千])分\s*之|^分之|\d+\s*[/／]\s*\d+"),
    ),
)
FIGURE_CONTEXT = 2
# Peer expectations we read differently, with the reason.
CORRECTIONS = {
    # 八到九百亿 is 800亿 to 900亿; JioNLP's own test expects 8亿 as the low end.
    "八到九百亿泰铢": (80_000_000_000.0, 90_000_000_000.0),
}
# Recognizers PercentModel returns nothing for 二三十个百分点, which is 20 to 30
# percentage points (neighbouring digits before a unit, like 八九亿 in JioNLP).
RECOGNIZERS_CORRECTIONS = {
    "二三十个百分点": (0, 7, 20.0, 30.0),
}
PERCENT_UNITS = {"%", "个百分点", "百分点", "‰"}
# Recognizers resolves 12千米 to 12 Kilometer; our units are scale-free (12000 米), so either value passes.
PEER_UNIT_SCALE = {
    "Kilometer": 1e3,
    "Kilogram": 1e3,
    "Kilobit": 1e3,
    "Kilobyte": 1e3,
    "Megabyte": 1e6,
    "Megahertz": 1e6,
    "Kilowatt": 1e3,
    "Kilocalorie": 1e3,
}
MONEY_UNIT = re.compile(r"(元|币|镑|卢布|泰铢|法郎|马克|卢比|比索|里拉|澳元|韩元|日元|美元|欧元|港元|美金)$")


@dataclass(frozen=True)
class Expected:
    """One figure a peer case expects: a span (or None) and a value or range."""

    start: int | None
    end: int | None
    value: float | None = None
    scale: float = 1.0
    low: float | None = None
    high: float | None = None
    percent: bool = False


@dataclass(frozen=True)
class Case:
    suite: str
    text: str
    expected: tuple[Expected, ...]
    money_only: bool = False
    scope_note: str | None = None


def parse_number(raw: str) -> float:
    return float(raw.replace(",", "").rstrip("%"))


def recognizers_cases(suite: str, path: Path) -> list[Case]:
    """Recognizers spans have an inclusive End; values are strings, % kept for percentages.

    A result without a value (a bare currency name such as 人民币) expects no figure.
    """
    cases = []
    for item in json.loads(path.read_text(encoding="utf-8-sig")):
        expected = tuple(
            Expected(
                start=r["Start"],
                end=r["End"] + 1,
                value=parse_number(r["Resolution"]["value"]),
                scale=PEER_UNIT_SCALE.get(r["Resolution"].get("unit"), 1.0),
                percent=r["Resolution"]["value"].endswith("%"),
            )
            for r in item["Results"]
            if r.get("Resolution", {}).get("value") is not None
        )
        if item["Input"] in RECOGNIZERS_CORRECTIONS:
            start, end, low, high = RECOGNIZERS_CORRECTIONS[item["Input"]]
            expected = (Expected(start, end, low=low, high=high),)
        text, note = item["Input"], None
        if any(r.get("Resolution", {}).get("unit") == "Liang" for r in item["Results"]):
            note = LIANG
        if suite == BARE_NUMERAL_SUITE and item["Results"] and _is_bare_numeral(text):
            text = text.rstrip() + COUNT_WORD
        elif suite == BARE_NUMERAL_SUITE and item["Results"]:
            kept = [r for r in item["Results"] if not _bare_in_sentence(text, r)]
            expected = tuple(e for e, r in zip(expected, item["Results"]) if r in kept)
            note = None if kept else BARE_IN_SENTENCE
        cases.append(Case(suite, text, expected, scope_note=note))
    return cases


def _is_bare_numeral(text: str) -> bool:
    """A NumberModel case whose whole input is numerals (九万四, 10.233, 四百多)."""
    return bool(NUMERAL_ONLY.match(text.strip()))


def _bare_in_sentence(text: str, result: dict) -> bool:
    """A figure inside a sentence followed by no unit (二百五, 二百五, 还有二百五。)."""
    after = text[result["End"] + 1 : result["End"] + 2]
    return after == "" or after in SENTENCE_BREAKS


def jionlp_extractor_cases(path: Path) -> list[Case]:
    cases = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        expected = tuple(Expected(start=e["offset"][0], end=e["offset"][1]) for e in item["expected"])
        cases.append(Case("jionlp/money_extractor", item["input"], expected, money_only=True))
    return cases


def jionlp_parser_cases(path: Path) -> list[Case]:
    cases = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        num = item["expected"]["num"]
        if item["input"] in CORRECTIONS:
            low, high = CORRECTIONS[item["input"]]
            expected = Expected(None, None, low=low, high=high)
        elif isinstance(num, list):
            expected = Expected(None, None, low=float(num[0]), high=float(num[1]))
        else:
            expected = Expected(None, None, value=float(num))
        cases.append(Case("jionlp/money_parser", item["input"], (expected,)))
    return cases


def load_suites() -> list[Case]:
    cases = []
    for suite, relative in RECOGNIZERS.items():
        cases += recognizers_cases(suite, EXTERNAL / relative)
    cases += jionlp_extractor_cases(EXTERNAL / JIONLP_EXTRACTOR)
    cases += jionlp_parser_cases(EXTERNAL / JIONLP_PARSER)
    return cases


def out_of_scope(case: Case) -> str | None:
    for reason, pattern in OUT_OF_SCOPE:
        if pattern.search(case.text):
            return reason
    figures = [
        case.text[max(0, e.start - FIGURE_CONTEXT):e.end + FIGURE_CONTEXT]
        for e in case.expected
        if e.start is not None
    ] or [case.text]
    for reason, pattern in FIGURE_OUT_OF_SCOPE:
        if any(pattern.search(figure) for figure in figures):
            return reason
    return case.scope_note


def close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def overlaps(claim, expected: Expected) -> bool:
    if expected.start is None:
        return True
    return claim.char_start < expected.end and expected.start < claim.char_end


def finds(claims: list, expected: Expected) -> bool:
    """Whether some claim (or pair of claims, for a range) gives the expected figure."""
    near = [c for c in claims if overlaps(c, expected)]
    if expected.value is not None:
        return any(
            (close(c.value, expected.value) or close(c.value, expected.value * expected.scale)
             or (c.unit == "‰" and expected.percent and close(c.value / 10, expected.value)))
            and (not expected.percent or c.unit in PERCENT_UNITS)
            for c in near
        )
    if expected.low is not None:
        values = [c.value for c in near]
        return (
            any(close(c.value_low, expected.low) and close(c.value_high, expected.high) for c in near)
            or any(_range_meets(c, expected) for c in near)
            or (any(close(v, expected.low) for v in values) and any(close(v, expected.high) for v in values))
            or any(close(c.value, expected.low) and c.qualifier != "exact" for c in near)
        )
    return any(c.char_start == expected.start for c in near) and any(c.char_end == expected.end for c in near)


def _range_meets(claim, expected: Expected) -> bool:
    """A range claim (两到三万) has the printed ends' midpoint as value and an
    interval widened by their rounding: it gives the peer's [low, high] when
    its value is their midpoint and its interval holds both."""
    return (
        claim.qualifier == "range"
        and close(claim.value, (expected.low + expected.high) / 2)
        and claim.value_low <= expected.low
        and expected.high <= claim.value_high
    )


def passes(case: Case, claims: list) -> bool:
    if case.money_only:
        claims = [c for c in claims if MONEY_UNIT.search(c.unit or "")]
        inside = [c for c in claims if any(e.start <= c.char_start and c.char_end <= e.end for e in case.expected)]
        if len(inside) != len(claims):
            return False
    if not case.expected:
        if case.suite == BARE_NUMERAL_SUITE:
            # NumberModel leaves amounts of money to CurrencyModel, which
            # expects 一美元 = 1 from the same input.
            claims = [c for c in claims if not MONEY_UNIT.search(c.unit or "")]
        return not claims
    return all(finds(claims, e) for e in case.expected)


def describe(case: Case, claims: list) -> str:
    got = "; ".join(
        f"{c.surface!r}@{c.char_start}-{c.char_end}={c.value:g}{c.unit or ''} [{c.value_low:g},{c.value_high:g}] {c.qualifier}"
        for c in claims
    )
    wanted = "; ".join(
        f"{case.text[e.start:e.end] if e.start is not None else case.text!r}="
        + (f"{e.value:g}{'%' if e.percent else ''}" if e.value is not None else f"[{e.low}, {e.high}]" if e.low is not None else "span")
        for e in case.expected
    ) or "nothing"
    return f"[{case.suite}] {case.text!r}\n    expected: {wanted}\n    got:      {got or 'nothing'}"


def run(extract_claims, failures_path: Path) -> None:
    cases = load_suites()
    tally: dict[str, Counter] = {}
    failures, skipped = [], Counter()
    for case in cases:
        count = tally.setdefault(case.suite, Counter())
        reason = out_of_scope(case)
        if reason:
            count["out_of_scope"] += 1
            skipped[reason] += 1
            continue
        try:
            claims = extract_claims(case.text)
        except Exception as error:  # a crash is a failure of that case, reported with its input
            claims = []
            failures.append(f"[{case.suite}] {case.text!r}\n    raised {type(error).__name__}: {error}")
            count["in_scope"] += 1
            continue
        count["in_scope"] += 1
        if passes(case, claims):
            count["passed"] += 1
        else:
            failures.append(describe(case, claims))
    print(f"peer_suites run at {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M UTC}")
    print(f"{'suite':26} {'cases':>6} {'in scope':>9} {'passed':>7} {'rate':>7}")
    total = Counter()
    for suite, count in tally.items():
        total.update(count)
        _print_row(suite, count)
    _print_row("OVERALL", total)
    print("\nout of scope:")
    for reason, n in skipped.most_common():
        print(f"  {n:4d}  {reason}")
    failures_path.parent.mkdir(parents=True, exist_ok=True)
    failures_path.write_text("\n".join(failures) + "\n", encoding="utf-8")
    print(f"\n{len(failures)} failures written to {failures_path}")


def _print_row(suite: str, count: Counter) -> None:
    cases = count["in_scope"] + count["out_of_scope"]
    rate = count["passed"] / count["in_scope"] if count["in_scope"] else 1.0
    print(f"{suite:26} {cases:6d} {count['in_scope']:9d} {count['passed']:7d} {rate:7.1%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", type=Path, default=FAILURES, help="where to write the failing cases")
    args = parser.parse_args()
    if not EXTERNAL.is_dir():
        print(f"peer suites not found at {EXTERNAL}; nothing to run")
        return 1
    sys.path.insert(0, str(ROOT))
    try:
        from pipeline.extract import extract_claims
    except ImportError as error:
        print(f"pipeline.extract is not importable yet: {error}")
        return 1
    run(extract_claims, args.failures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
