"""Dump every claim `extract_claims` finds in the corpus, or compare with a dump.

Run: .venv/bin/python benchmarks/extract_equivalence.py --save /tmp/before.json
     (change the extractor)
     .venv/bin/python benchmarks/extract_equivalence.py --compare /tmp/before.json

For optimisations that must not change the output: every seed (with no
document date and with 2023-08-03, so date resolution is exercised both
ways) and every shared corpus text, all Claim fields in order. `--compare`
prints the first differing documents and exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "sources" / "archive"
CORPUS = ROOT.parent / "shared" / "corpus" / "texts"
SEED_DATES = (None, date(2023, 8, 3))


def cases() -> list[tuple[str, Path, date | None]]:
    """(key, path, doc_date) of every text dumped."""
    found = [(f"seed:{p.name}:{d}", p, d) for p in sorted(SEEDS.glob("*.txt")) for d in SEED_DATES]
    if CORPUS.is_dir():
        found += [(f"corpus:{p.name}", p, None) for p in sorted(CORPUS.glob("*.txt"))]
    else:
        print(f"note: {CORPUS} is absent; the seeds alone are dumped")
    return found


def dump() -> dict[str, list[dict]]:
    from pipeline.extract import extract_claims

    out = {}
    for key, path, doc_date in cases():
        claims = extract_claims(path.read_text(encoding="utf-8"), doc_date)
        out[key] = [
            {k: v.isoformat() if isinstance(v, date) else v for k, v in dataclasses.asdict(c).items()}
            for c in claims
        ]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, help="write the dump to this JSON file")
    group.add_argument("--compare", type=Path, help="compare with a dump written by --save")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    current = dump()
    # through JSON both ways, so inf and floats compare as they were saved
    current = json.loads(json.dumps(current, ensure_ascii=False))
    claims = sum(map(len, current.values()))
    if args.save:
        args.save.write_text(json.dumps(current, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"saved {claims} claims from {len(current)} texts to {args.save}")
        return 0
    saved = json.loads(args.compare.read_text(encoding="utf-8"))
    differing = [key for key in sorted(saved.keys() | current.keys()) if saved.get(key) != current.get(key)]
    for key in differing[:10]:
        old, new = saved.get(key) or [], current.get(key) or []
        first = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
        print(f"DIFFERENT {key}: {len(old)} -> {len(new)} claims; first difference at claim {first}")
        print(f"  saved:   {old[first] if first < len(old) else None}")
        print(f"  current: {new[first] if first < len(new) else None}")
    if differing:
        print(f"{len(differing)} of {len(current)} texts differ")
        return 1
    print(f"IDENTICAL: {claims} claims from {len(current)} texts match {args.compare}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
