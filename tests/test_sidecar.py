"""Sidecar values against the field list: good ones kept, bad ones named and dropped."""

import json

import pytest

from pipeline.sidecar import SidecarError, fields, read_sidecar


def _read(data: dict) -> tuple[dict, list[str]]:
    return read_sidecar(json.dumps(data, ensure_ascii=False).encode("utf-8"), "a.json")


def test_every_documented_key_is_accepted_under_its_names():
    assert set(fields()) == {"url", "title", "publisher", "published", "published_date", "doc_kind", "kind",
                             "jurisdiction", "place", "reference_period"}
    values, problems = _read({
        "url": "https://www.pudong.gov.cn/a.html", "title": " 标题 ", "publisher": "张江镇", "published": "2023-08-03",
        "kind": "work_report", "jurisdiction": "上海市浦东新区张江镇", "place": "张江镇", "reference_period": "2023-H1",
    })
    assert problems == []
    assert values == {
        "url": "https://www.pudong.gov.cn/a.html", "title": "标题", "publisher": "张江镇", "published_date": "2023-08-03",
        "doc_kind": "work_report", "jurisdiction": "上海市浦东新区张江镇", "place": "张江镇", "reference_period": "2023-H1",
    }


@pytest.mark.parametrize("given, kept", [("2023", "2023"), ("2023-04", "2023-04"), ("2023-04-03", "2023-04-03"),
                                         ("2023-04-03T21:01:00+08:00", "2023-04-03"), ("2024-02-29", "2024-02-29")])
def test_dates_keep_the_precision_given(given, kept):
    assert _read({"published": given}) == ({"published_date": kept}, [])


@pytest.mark.parametrize("given", ["2023-13-45", "2023-02-30", "not a date", "2023/04/03", "23-04-03", 2023, {"y": 2023}, ""])
def test_bad_dates_are_dropped_and_named(given):
    values, problems = _read({"published": given, "title": "t"})
    assert values == {"title": "t"}
    assert len(problems) == 1 and problems[0].startswith("field published ")


@pytest.mark.parametrize("given", [42, "ftp://x/a", "javascript:alert(1)", "http://", "http://a b/", "pudong.gov.cn/a"])
def test_bad_urls_are_dropped(given):
    values, problems = _read({"url": given})
    assert values == {} and "is not an http(s) URL" in problems[0]


def test_text_with_line_breaks_unknown_fields_and_the_own_name_winning():
    values, problems = _read({"title": "a\nb", "file": "x", "published": "2022", "published_date": "2023-01"})
    assert values == {"published_date": "2023-01"}
    assert any("field title" in p and "control characters" in p for p in problems)
    assert any(p.startswith('field "file" is not a sidecar field') for p in problems)


def test_a_bom_is_accepted_and_a_non_object_refused():
    assert read_sidecar(b"\xef\xbb\xbf{\"title\": \"t\"}", "a.json") == ({"title": "t"}, [])
    with pytest.raises(SidecarError, match="a.json must be a JSON object"):
        read_sidecar(b"[1]", "a.json")
    with pytest.raises(SidecarError, match="a.json is not JSON"):
        read_sidecar(b"{", "a.json")
