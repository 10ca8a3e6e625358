"""The rules that make document text harmless in a spreadsheet, a terminal and Markdown."""

from markdown_it import MarkdownIt

from pipeline.neutralise import csv_cell, markdown_code, markdown_text, terminal_text


def test_csv_cells_starting_with_a_formula_trigger_get_an_apostrophe():
    for text in ("=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"):
        assert csv_cell(text) == "'" + text
    for text in ("张江镇", "1-5月", "", "a=b", "'quoted"):
        assert csv_cell(text) == text


def test_terminal_text_drops_escape_sequences_and_bidi_overrides():
    assert terminal_text("\x1b]0;title\x07\x1b[2J\x9b31m简报\u202e\x00\x7f") == "]0;title[2J31m简报"
    assert terminal_text("a\nb\tc\rd") == "abcd"
    assert terminal_text("a\nb\tc\rd", keep_lines=True) == "a\nb\tcd"


def test_markdown_text_is_one_literal_line():
    md = MarkdownIt("commonmark")
    text = "标题\n# H1 *em* _u_ `code` [a](http://x) <b>html</b> &amp; ![i](x) | ~~s~~ #"
    escaped = markdown_text(text)
    assert "\n" not in escaped
    rendered = md.renderInline(escaped)
    assert rendered == "标题 # H1 *em* _u_ `code` [a](http://x) &lt;b&gt;html&lt;/b&gt; &amp;amp; ![i](x) | ~~s~~ #"


def test_markdown_code_holds_any_backticks_literally():
    md = MarkdownIt("commonmark")
    for text in ("plain", "a`b", "``x``", "`edge", "<img src=x>", "two\nlines"):
        code = markdown_code(text)
        assert md.renderInline(code) == "<code>" + " ".join(text.split()).replace("<", "&lt;").replace(">", "&gt;") + "</code>"
