"""The extractor's speed shortcuts find what the plain rules find.

Each shortcut (a bounded search, a cheap pre-check, a trie, a pattern that
starts at a line break) is compared with the straightforward form of the
same rule on generated text drawn from the characters the rule cares about.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract import comparisons, metrics, nonclaims, periods, roles
from pipeline.extract.attribution import _break_before


@given(st.text(alphabet="同比较上年去增长加下降幅率为达到了是翻净，,。 \n\t", max_size=30))
def test_is_change_searches_the_tail_only(gap):
    assert comparisons.is_change(gap) == (comparisons.CHANGE_RE.search(gap) is not None)


@given(st.text(alphabet="，,；;。：:（）() \n\u3000增长3亿元", max_size=30), st.data())
def test_break_before_finds_the_last_break(text, data):
    pos = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, pos))
    for breaks in ("，,；;。：:！？!?\n", metrics.CLAUSE_BREAK):
        i = pos - 1
        while i >= lo and text[i] not in breaks:
            i -= 1
        assert _break_before(text, lo, pos, breaks) == i + 1


@given(st.text(alphabet="预计完成实现达到为是共计累计各在分别等已获得同比较上年增长下降减少提高落收窄开展荣获抽查设置工程项目、 \n", max_size=16))
def test_metric_prechecks_skip_only_what_cannot_match(words):
    if metrics.TRAILING_FILLERS_RE.search(words):
        assert words.endswith(metrics._TRAILING_ENDS) or words.endswith("\n")
    if metrics._UP_TO_OBJECT_RE.match(words):
        assert metrics._OBJECT_VERB_RE.search(words)


def _flat(words):
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


@given(st.text(alphabet="今年去上下半一二三四季度第前个以来全本当底末明同期内初", max_size=16))
def test_period_word_trie_finds_the_longest_first_words(text):
    flat = _flat(periods.PERIOD_WORDS)
    assert [m.span() for m in periods._WORDS_RE.finditer(text)] == [m.span() for m in flat.finditer(text)]


def _flat_idioms():
    alternatives = set()
    for word in nonclaims.IDIOMS:
        for i, ch in enumerate(word):
            if ch in nonclaims._NUMERALS and (i == 0 or word[i - 1] not in nonclaims._NUMERALS):
                before = f"(?<={re.escape(word[:i])})" if i else ""
                alternatives.add(before + re.escape(word[i:]))
    return re.compile("|".join(sorted(alternatives, key=len, reverse=True)))


_IDIOM_CHARS = "".join(sorted(set("".join(nonclaims.IDIOMS))))


@given(st.text(alphabet=_IDIOM_CHARS, max_size=12), st.sampled_from(nonclaims.IDIOMS), st.data())
def test_idiom_trie_matches_where_the_flat_list_does(noise, idiom, data):
    text = noise + idiom + noise
    trie, flat = re.compile(nonclaims._idiom_alternatives(nonclaims.IDIOMS)), _flat_idioms()
    for pos in range(len(text)):
        assert bool(trie.match(text, pos)) == bool(flat.match(text, pos))


@given(st.lists(st.sampled_from(["第二部分 工作安排", "一、工作情况", "  完成情况 ", "正文。", "", "名词解释", "主要目标,"]), max_size=6))
def test_headings_from_line_breaks_are_the_line_headings(lines):
    text = "\n".join(lines)
    at_line_starts = re.compile(r"(?m)^" + roles._HEADING)
    expected = {(m.start("h"), m.group("h")) for m in at_line_starts.finditer(text)}
    inline = {(m.start("h"), m.group("h")) for m in roles.INLINE_HEADING_RE.finditer(text)}
    first = roles._INLINE_HEADING_AT_START_RE.match(text)
    if first:
        inline.add((first.start("h"), first.group("h")))
    assert roles.find_headings(text) == sorted(expected | inline)
