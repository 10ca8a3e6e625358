"""Sentence spans."""

from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.sentences import is_run_in_heading, opens_unit, split_sentences


def pieces(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_splits_on_sentence_ends_and_newlines():
    text = "完成税收20.17亿元;增幅45.4%。好!行吗?对；\n下一行"
    assert pieces(text) == ["完成税收20.17亿元;", "增幅45.4%。", "好!", "行吗?", "对；", "下一行"]


def test_keeps_closed_quotes_and_brackets_whole():
    text = "他说：“今天。明天！”然后走了。（一；二）好的。"
    assert pieces(text) == ["他说：“今天。明天！”然后走了。", "（一；二）好的。"]


def test_unclosed_quote_does_not_swallow_the_text():
    text = "他说：“今天。明天。"
    assert pieces(text) == ["他说：“今天。", "明天。"]


def test_trims_whitespace_and_skips_blank_lines():
    text = "  第一句。 \n\n\u3000第二句  "
    assert pieces(text) == ["第一句。", "第二句"]


@given(st.text(alphabet="。！？；!?;\n“”（）() 一二3a", max_size=60))
def test_spans_are_ordered_disjoint_and_non_empty(text):
    spans = split_sentences(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert all(text[s:e].strip() for s, e in spans)


def test_list_markers_and_run_in_headings_open_an_item():
    for text in ("一是全覆盖推动学习教育。", "（三）扎实开展疫情防控工作。", "二、农业", "经济形势稳中向好:1-5月"):
        assert opens_unit(text, 0), text
    assert not opens_unit("其中，第一产业增加值42.60亿元。", 0)


def test_a_short_single_clause_sentence_is_a_run_in_heading():
    text = "科创支撑不断增强。新认定国家高新技术企业12家、省级科技小巨人企业3家。"
    first, second = split_sentences(text)
    assert is_run_in_heading(text, first)
    assert not is_run_in_heading(text, second)
