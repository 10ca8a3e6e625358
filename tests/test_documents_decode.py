import codecs

import pytest

from pipeline.documents.decode import DecodeError, decode_bytes, normalise_name, reads_as_text

TEXT = "张江镇上半年完成税收20.17亿元，比去年同期增长45.4%。"


def test_utf8_without_bom():
    assert decode_bytes(TEXT.encode("utf-8"), "a.txt") == (TEXT, "utf-8")


def test_utf8_with_bom_is_stripped_and_recorded():
    text, encoding = decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "a.txt")
    assert text == TEXT
    assert encoding == "utf-8-sig"


def test_gbk_bytes_detected_without_declaration():
    text, encoding = decode_bytes((TEXT * 3).encode("gbk"), "a.txt")
    assert text == TEXT * 3
    assert encoding == "gb18030"


def test_declared_gb2312_decodes_as_gb18030_superset():
    # 镕 is outside GB2312 but inside GBK/GB18030: a strict GB2312 decoder fails.
    page = '<meta charset="gb2312"><p>朱镕基。' + TEXT + "</p>"
    text, encoding = decode_bytes(page.encode("gbk"), "a.html", media_type="text/html")
    assert "朱镕基" in text
    assert encoding == "gb18030"


def test_declared_gb2312_but_utf8_bytes_trusts_the_bytes():
    page = '<meta http-equiv="content-type" content="text/html;charset=GB2312"><p>' + TEXT + "</p>"
    text, encoding = decode_bytes(page.encode("utf-8"), "a.html", media_type="text/html")
    assert TEXT in text
    assert encoding == "utf-8"


def test_http_header_hint_used_when_bytes_decode_in_it():
    text, encoding = decode_bytes(TEXT.encode("gb18030"), "a.txt", hints={"declared_encoding": "GBK"})
    assert (text, encoding) == (TEXT, "gb18030")


def test_http_header_hint_ignored_when_bytes_do_not_fit():
    text, encoding = decode_bytes((TEXT * 3).encode("gbk"), "a.txt", hints={"declared_encoding": "utf-8"})
    assert text == TEXT * 3
    assert encoding == "gb18030"


@pytest.mark.parametrize("content", [b"", b"  \n\t ", bytes(range(256)) * 8, b"\x00\x01\x02" * 300])
def test_undecodable_or_empty_raises_naming_the_input(content):
    with pytest.raises(DecodeError, match="bad.bin"):
        decode_bytes(content, "bad.bin")


def test_normalise_name_maps_gb_family_to_gb18030():
    assert {normalise_name(n) for n in ("GB2312", "gbk", "GB_2312-80", "cp936")} == {"gb18030"}
    assert normalise_name("UTF-8") == "utf-8"


def test_reads_as_text_rejects_mojibake():
    assert reads_as_text(TEXT)
    assert not reads_as_text("\x00\x01\x02\x03" * 10)
