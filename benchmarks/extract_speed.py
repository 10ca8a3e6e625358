"""Extractor throughput on a >= 10 MB corpus, with JioNLP as the reference.

Run: .venv/bin/python benchmarks/extract_speed.py [--megabytes 10]

JioNLP is a benchmark-only extra (`pip install -e '.[bench]'`, i.e.
jionlp==1.5.29); without it the script says so and measures ours alone.
The corpus is the seed archive plus ../shared/corpus/texts, copied until
it reaches the requested size, twice: repeated as is, and with every digit
of copy k shifted by k (mod 10), so each copy is distinct text — the
extractor memoises numeral parses and metric words, and repeated text
flatters it (issue 15); both figures are printed, the distinct one is the
one to quote. Every copy is extracted document by document, in one
process on one core, as the pipeline does, after one warm-up call that
loads the vocabularies and the division table. The script
also runs the extractor once over every corpus text and prints claims per
document, so a text that raises or yields nothing stands out.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "sources" / "archive"
CORPUS = ROOT.parent / "shared" / "corpus" / "texts"


def corpus_documents() -> list[tuple[str, str]]:
    """(name, text) of every seed and every shared corpus text that is present."""
    paths = sorted(SEEDS.glob("*.txt"))
    if CORPUS.is_dir():
        paths += sorted(CORPUS.glob("*.txt"))
    else:
        print(f"note: {CORPUS} is absent; the corpus is the seeds alone")
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def build_corpus(documents: list[tuple[str, str]], megabytes: float, distinct: bool = False) -> list[str]:
    """Copy the documents until their UTF-8 size reaches `megabytes`; with
    `distinct`, copy k has every digit shifted by k (mod 10)."""
    target = megabytes * 1_000_000
    texts, size, copy = [], 0, 0
    while size < target:
        shift = str.maketrans("0123456789", "".join(str((d + copy) % 10) for d in range(10))) if distinct else None
        for _, text in documents:
            texts.append(text.translate(shift) if shift else text)
            size += len(text.encode("utf-8"))
            if size >= target:
                break
        copy += 1
    return texts


def timed(function, texts: list[str]) -> tuple[float, float, int]:
    """Wall and CPU seconds for calling `function` on every text, and the items it returned."""
    found = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        found += len(function(text))
    return time.perf_counter() - wall, time.process_time() - cpu, found


def report(label: str, chars: int, wall: float, cpu: float, found: int) -> None:
    print(f"{label:28} {wall:8.2f} s wall {cpu:8.2f} s cpu {chars / wall:12,.0f} chars/s {found:9,d} found")


def jionlp_extract_money():
    """JioNLP's money extractor, or None when the bench extra is not installed."""
    try:
        import jionlp
    except ImportError:
        return None
    return lambda text: jionlp.ner.extract_money(text, with_parsing=False)


def claims_per_document(extract_claims, documents: list[tuple[str, str]]) -> None:
    print("\nclaims per corpus document (robustness):")
    failures = 0
    for name, text in documents:
        try:
            count = len(extract_claims(text))
            print(f"  {count:6d}  {len(text):8,d} chars  {name}")
        except Exception as error:  # reported per document: the point is to see which input breaks
            failures += 1
            print(f"  ERROR   {len(text):8,d} chars  {name}: {type(error).__name__}: {error}")
    print(f"  {len(documents)} documents, {failures} raised")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0, help="corpus size in MB of UTF-8 (default 10)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    try:
        from pipeline.extract import extract_claims
    except ImportError as error:
        print(f"pipeline.extract is not importable yet: {error}")
        return 1
    documents = corpus_documents()
    texts = build_corpus(documents, args.megabytes)
    distinct_texts = build_corpus(documents, args.megabytes, distinct=True)
    extract_claims("上半年新增就业岗位3844个")  # loads vocabularies and the division table
    chars = sum(len(t) for t in texts)
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"extract_speed run at {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M UTC}")
    print(f"corpus: {len(texts)} documents ({len(documents)} distinct), {chars:,d} chars, {size / 1e6:.1f} MB UTF-8")
    distinct = [text for _, text in documents]
    report("extract_claims, first pass", sum(map(len, distinct)), *timed(extract_claims, distinct))
    report("extract_claims, repeated", chars, *timed(extract_claims, texts))
    report("extract_claims, distinct", chars, *timed(extract_claims, distinct_texts))
    extract_money = jionlp_extract_money()
    if extract_money is None:
        print("jionlp is not installed: reference skipped (pip install jionlp==1.5.29, the 'bench' extra)")
    else:
        report("jionlp 1.5.29, repeated", chars, *timed(extract_money, texts))
        report("jionlp 1.5.29, distinct", chars, *timed(extract_money, distinct_texts))
    claims_per_document(extract_claims, documents)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
