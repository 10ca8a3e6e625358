"""The source registry: shipped sources, field semantics, and errors named with the file."""

from __future__ import annotations

import pytest
import yaml

from pipeline.registry import DEFAULT_SCHEDULE, DEFAULT_SOURCES_DIR, archive_source_for, load_registry, load_source, web_sources

SEED_URLS = {
    "pudong_zhangjiang_open_info": "https://www.pudong.gov.cn/zwgk/qtzcxwj-zjz/2023/215/313260.html",
    "xinmin_pudong_news": "http://news.xinmin.cn/2023/04/03/32352927.html",
}

VALID_WEB = {
    "id": "zj",
    "kind": "web",
    "publisher": "张江镇人民政府",
    "jurisdiction": {"province": "上海市", "district": "浦东新区", "town": "张江镇"},
    "doc_kind": "work_report",
    "content_profile": "gov_open_info",
    "listing_urls": ["https://www.pudong.gov.cn/zwgk/qtzcxwj-zjz/index.html"],
    "link_pattern": r"^https://www\.pudong\.gov\.cn/zwgk/qtzcxwj-zjz/\d{4}/\d+/\d+\.html$",
    "allowed_hosts": ["www.pudong.gov.cn"],
}


def write(tmp_path, spec: dict, name: str = "zj.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return path


def test_shipped_registry_has_the_archive_and_disabled_web_examples():
    sources = {s.id: s for s in load_registry()}
    assert sources["embedded"].kind == "archive" and sources["embedded"].enabled
    web = [s for s in sources.values() if s.kind == "web"]
    assert len(web) >= 2
    assert all(not s.enabled for s in web)
    assert web_sources() == []
    assert {s.id for s in web_sources(enabled_only=False)} == {s.id for s in web}


@pytest.mark.parametrize("source_id, seed_url", sorted(SEED_URLS.items()))
def test_example_link_patterns_match_the_seed_urls_they_were_written_for(source_id, seed_url):
    source = next(s for s in load_registry() if s.id == source_id)
    assert source.link_pattern.search(seed_url)
    assert seed_url.split("/")[2] in source.allowed_hosts


def test_embedded_archive_keeps_its_folder_and_hints():
    embedded = archive_source_for(DEFAULT_SOURCES_DIR / "archive")
    assert embedded is not None and embedded.id == "embedded"
    hints = embedded.document_hints("002_013173d67734eaa2.txt")
    assert hints["publisher"] == "张江镇人民政府"
    assert hints["jurisdiction"] == "上海市浦东新区张江镇"
    assert embedded.document_hints("unlisted.txt") == {"jurisdiction": "上海市"}


def test_web_source_fields_and_defaults(tmp_path):
    source = load_source(write(tmp_path, VALID_WEB))
    assert not source.enabled
    assert source.jurisdiction == "上海市浦东新区张江镇"
    assert source.jurisdiction_level == "town"
    assert source.schedule == DEFAULT_SCHEDULE
    assert source.allowed_hosts == frozenset({"www.pudong.gov.cn"})
    assert source.hook() is None
    assert source.document_hints("https://www.pudong.gov.cn/zwgk/qtzcxwj-zjz/2023/215/313260.html") == {
        "publisher": "张江镇人民政府",
        "doc_kind": "work_report",
        "content_profile": "gov_open_info",
        "jurisdiction": "上海市浦东新区张江镇",
        "jurisdiction_level": "town",
    }


@pytest.mark.parametrize(
    "change, message",
    [
        ({"kind": "ftp"}, "kind 'ftp'"),
        ({"link_pattern": None}, "needs link_pattern"),
        ({"content_profile": "blog"}, "content_profile 'blog'"),
        ({"link_pattern": "([unclosed"}, "not a valid regex"),
        ({"listing_urls": ["https://mirror.example/list.html"]}, "not on an allowed host"),
        ({"encoding": "klingon"}, "encoding 'klingon'"),
        ({"schedule": "daily"}, "five-field cron"),
        ({"jurisdiction": {"county": "x"}}, "jurisdiction levels"),
        ({"fetch": {"speed": 3}}, "fetch settings"),
    ],
)
def test_mistakes_fail_at_load_naming_the_file(tmp_path, change, message):
    path = write(tmp_path, {**VALID_WEB, **change})
    with pytest.raises(ValueError, match=message) as err:
        load_source(path)
    assert str(path) in str(err.value)


def test_duplicate_ids_are_an_error(tmp_path):
    write(tmp_path, VALID_WEB, "a.yaml")
    write(tmp_path, VALID_WEB, "b.yaml")
    with pytest.raises(ValueError, match="defined twice"):
        load_registry(tmp_path)
