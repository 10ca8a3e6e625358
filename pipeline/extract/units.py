"""Units, scale words and measure words, as data.

Every unit a number may carry is one row of `UNITS`: the printed form, the
canonical unit written to the claims table, and the exact factor that turns
the printed quantity into the canonical one. Scale words (万, 亿, ...) are
kept apart in `SCALES` because they may stand between a number and its unit
(`20.17亿元`, `1.6万条`) or inside a unit (`万元`); either way they move into
the value, so `unit` is always scale-free.

Only exact factors appear here: synonyms (平米 = 平方米, 千米 = 公里), scale
prefixes (万元 = 10^4 元) and 成 = 10 %. Units that are merely related
(米 and 公里) stay distinct: the validator compares like with like and a
conversion table it did not ask for would hide a misprint.

Measure words (个 家 名 户 ...) are units too: `unit` of `3844个` is `个`.
The `大` of `四大应用场景` / `8大类` counts items, so it maps to `个` / `类`.
"""

from __future__ import annotations

from pipeline.extract.tries import alternation

SCALES: dict[str, float] = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "十亿": 1e9,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "万": 1e4,
    "千": 1e3,
    "百": 1e2,
    # 10万万 = 10亿, 3千万亿 = 3e15
    "万万": 1e8,
    "千万亿": 1e15,
}

# A scale word is not one when it starts a unit: 3千米 is 3 公里, 5千瓦 5 千瓦.
SCALE_NOT_BEFORE: dict[str, str] = {"千": "米瓦克"}

# printed unit -> (canonical unit, factor)
UNITS: dict[str, tuple[str, float]] = {
    # money
    "元": ("元", 1),
    "万元": ("元", 1e4),
    "亿元": ("元", 1e8),
    "千元": ("元", 1e3),
    "百万元": ("元", 1e6),
    "千万元": ("元", 1e7),
    "万亿元": ("元", 1e12),
    "块钱": ("元", 1),
    "美元": ("美元", 1),
    "万美元": ("美元", 1e4),
    "亿美元": ("美元", 1e8),
    "欧元": ("欧元", 1),
    "万欧元": ("欧元", 1e4),
    "美圆": ("美元", 1),
    "美金": ("美元", 1),
    "港元": ("港元", 1),
    "港币": ("港元", 1),
    "日元": ("日元", 1),
    "英镑": ("英镑", 1),
    "瑞士法郎": ("瑞士法郎", 1),
    "卢布": ("卢布", 1),
    "泰铢": ("泰铢", 1),
    "韩元": ("韩元", 1),
    "奈拉": ("奈拉", 1),
    # percentages and ratios
    "%": ("%", 1),
    "％": ("%", 1),
    "‰": ("‰", 1),
    "个百分点": ("百分点", 1),
    "百分点": ("百分点", 1),
    "成": ("%", 10),
    "倍": ("倍", 1),
    # area
    "平方米": ("平方米", 1),
    "平米": ("平方米", 1),
    "㎡": ("平方米", 1),
    "m²": ("平方米", 1),
    "万平方米": ("平方米", 1e4),
    "万平米": ("平方米", 1e4),
    "平方公里": ("平方公里", 1),
    "平方千米": ("平方公里", 1),
    "km²": ("平方公里", 1),
    "k㎡": ("平方公里", 1),
    "公顷": ("公顷", 1),
    "亩": ("亩", 1),
    "万亩": ("亩", 1e4),
    # length
    "公里": ("公里", 1),
    "千米": ("公里", 1),
    "km": ("公里", 1),
    "米": ("米", 1),
    "延米": ("米", 1),
    "厘米": ("厘米", 1),
    "公分": ("厘米", 1),
    "cm": ("厘米", 1),
    "CM": ("厘米", 1),
    "毫米": ("毫米", 1),
    "mm": ("毫米", 1),
    "m": ("米", 1),
    # volume
    "立方米": ("立方米", 1),
    "m³": ("立方米", 1),
    "万立方米": ("立方米", 1e4),
    "升": ("升", 1),
    # mass
    "吨": ("吨", 1),
    "载重吨": ("载重吨", 1),
    "万吨": ("吨", 1e4),
    "公斤": ("公斤", 1),
    "千克": ("公斤", 1),
    "kg": ("公斤", 1),
    "克": ("克", 1),
    "毫克": ("毫克", 1),
    "微克": ("微克", 1),
    # concentrations
    "微克/立方米": ("微克/立方米", 1),
    "毫克/立方米": ("毫克/立方米", 1),
    "斤": ("斤", 1),
    # energy and power
    "兆瓦": ("兆瓦", 1),
    "MW": ("兆瓦", 1),
    "千瓦": ("千瓦", 1),
    "kW": ("千瓦", 1),
    "万千瓦": ("千瓦", 1e4),
    "千瓦时": ("千瓦时", 1),
    "kWh": ("千瓦时", 1),
    "万千瓦时": ("千瓦时", 1e4),
    "亿千瓦时": ("千瓦时", 1e8),
    "马力": ("马力", 1),
    "吨标准煤": ("吨标准煤", 1),
    "万吨标准煤": ("吨标准煤", 1e4),
    # frequency and data; 兆 before these units is mega, not 10^12
    "赫兹": ("赫兹", 1),
    "Hz": ("赫兹", 1),
    "千赫": ("赫兹", 1e3),
    "兆赫": ("赫兹", 1e6),
    "兆赫兹": ("赫兹", 1e6),
    "比特": ("比特", 1),
    "千比特": ("比特", 1e3),
    "兆比特": ("比特", 1e6),
    "字节": ("字节", 1),
    "千字节": ("字节", 1e3),
    "兆字节": ("字节", 1e6),
    # containers
    "标箱": ("标箱", 1),
    "标准箱": ("标箱", 1),
    "万标箱": ("标箱", 1e4),
    # durations
    "个月": ("个月", 1),
    "天": ("天", 1),
    "小时": ("小时", 1),
    "分钟": ("分钟", 1),
    "年": ("年", 1),
    "周年": ("周年", 1),
    "周岁": ("岁", 1),
    "岁": ("岁", 1),
    # items counted as 大 (四大应用场景, 8大类)
    "大类": ("类", 1),
    "大": ("个", 1),
}

# Chinese measure words: each is its own canonical unit.
MEASURE_WORDS: tuple[str, ...] = (
    "人次", "户次", "家次", "车次", "架次", "艘次", "篇次", "批次", "班次", "场次",
    "个", "家", "名", "人", "户", "套", "台", "项", "条", "处", "件", "起",
    "场", "篇", "块", "间", "支", "宗", "位", "所", "座", "辆", "艘", "组",
    "次", "类", "张", "份", "本", "册", "栋", "幢", "棵", "株", "只", "头",
    "匹", "批", "轮", "例", "种", "根", "盏", "扇", "台套",
    "颗", "枚", "箱", "袋", "桶", "瓶", "幅", "课时", "学时", "张床", "层", "代",
    "金", "银", "铜", "双", "对", "章", "票",
)

# A unit is not one when the next character makes it part of a word:
# 80年代, 5银行, 3代表.
UNIT_NOT_BEFORE: dict[str, str] = {
    "年": "代级初底末度间前后来内",
    "代": "表码",
    "金": "额融牌",
    "银": "行",
    "铜": "牌",
    "对": "接口标比外象于照话应称待抗冲策立0-9０-９一二三四五六七八九十",
    "章": "程节",
    "m": "A-Za-z²³",
}

# 兆 ends a numeral chain (五兆 = 5 x 10^12) unless it starts one of these
# units (兆瓦, 兆赫, 兆字节).
MEGA_UNIT_STARTS = "瓦赫字比帕焦伏"

# Percent words printed before the number (百分之八十, 千分之三) -> unit.
PERCENT_WORDS: dict[str, str] = {"百分之": "%", "千分之": "‰"}

# Currency signs printed before the number ($20, ￥300) -> canonical unit.
CURRENCY_SIGNS: dict[str, str] = {"$": "美元", "＄": "美元", "￥": "元", "¥": "元"}

# 元角分: the coins after a yuan amount (123元1角1分) and their factor in 元.
YUAN_PARTS: dict[str, float] = {"角": 0.1, "分": 0.01}

for _word in MEASURE_WORDS:
    UNITS.setdefault(_word, (_word, 1))

# Units whose quantities may be negative: an upper bound alone (不到, 以下)
# then leaves the lower end open instead of closing it at zero.
SIGNED_UNITS: frozenset[str] = frozenset({"百分点"})


def scale_alternation() -> str:
    """Longest first (万亿 before 万), with the SCALE_NOT_BEFORE guards."""
    return _trie(SCALES, SCALE_NOT_BEFORE)


def unit_alternation() -> str:
    """Longest first, so 万平方米 wins over 万 and 个百分点 over 个, with
    the UNIT_NOT_BEFORE guards."""
    return _trie(UNITS, UNIT_NOT_BEFORE)


def _trie(words, guards: dict[str, str]) -> str:
    """The words as a regex trie (个(?:月|百分点|)...), each word's guard
    where it ends: see the tries module."""
    return alternation({word: f"(?![{guards[word]}])" if word in guards else "" for word in words})
