"""The documents stage over the five embedded seeds."""

from pathlib import Path

import pytest
import yaml

from pipeline import ids
from pipeline.documents import build_documents, link_duplicates
from pipeline.model import RawDocument

SOURCES = Path(__file__).resolve().parents[1] / "sources"
REGISTRY = yaml.safe_load((SOURCES / "embedded.yaml").read_text(encoding="utf-8"))


def raw_seed(name: str) -> RawDocument:
    content = (SOURCES / "archive" / name).read_bytes()
    return RawDocument("embedded", name, content, ids.sha256_hex(content), "text/plain", hints=REGISTRY["documents"][name])


def seed_name(prefix: str) -> str:
    return next(n for n in REGISTRY["documents"] if n.startswith(prefix))


@pytest.fixture(scope="module")
def built():
    out = {}
    for name in REGISTRY["documents"]:
        docs, quarantined = build_documents(raw_seed(name))
        assert quarantined == []
        out[name[:3]] = docs
    return out


def test_every_document_has_text_and_a_derived_id(built):
    for prefix, docs in built.items():
        raw = raw_seed(seed_name(prefix))
        for doc in docs:
            assert doc.text.strip()
            assert doc.doc_id == ids.doc_id(raw.content_sha256, doc.part)
            assert doc.encoding == "utf-8"


def test_seed_000_articles(built):
    docs = built["000"]
    assert [d.part for d in docs] == list(range(1, 9))
    assert docs[0].title == "高质量党建引领高水平发展 张江镇：美美与“共” “治”在四方"
    assert [d.title for d in docs[1:3]] == [
        "清明首个祭扫高峰日井然有序",
        "洋山港海事局服务好“临港造”汽车顺利出海 一季度新片区汽车进出口量同比增三成",
    ]
    assert docs[-1].title == "怒江民族文化“走入”科学城"
    assert docs[0].byline == "本报记者 曹之光"
    assert all(d.doc_kind == "newspaper_article" for d in docs)
    assert docs[3].source_uri == seed_name("000") + "#4"
    assert docs[0].publisher == "浦东新区区报" and docs[0].published_date == "2023-04"


def test_seed_000_ocr_breaks_rejoined(built):
    text = "\n".join(d.text for d in built["000"])
    for joined in ("通过整合辖区区域化党建资源", "新区首家", "已达2634亿元", "南港码头", "《家门口的答卷——张江镇党建引领基层治理20年回眸》"):
        assert joined in text
    assert "通过整合\n" not in text
    assert "■本报记者" not in text


def test_seed_003_articles(built):
    docs = built["003"]
    assert [d.title for d in docs] == [
        "把党建触角延伸到基层“细胞”中 筑梦新时代 踏厉新征程",
        "市第一届职业技能大赛闭幕 嘉定金牌数、奖牌数、团体积分均为全市第一",
        "开展燃气安全检查、召开安全防范工作会议 推动安全检查落细落实落到位",
        "嘉定区加强年轻干部队伍建设座谈会举行",
        "区领导调研新汽车产业发展载体建设 大兴调查研究",
    ]
    assert [d.byline for d in docs[1:]] == ["撰稿 席凌燕", "撰稿 俞超 李华成", "撰稿 俞超", "撰稿 李华成"]
    first = docs[0].text
    assert "如何“同台搭戏”" in first
    assert "下转" not in first and first.endswith("“在线新业态”")
    assert "面向新征程" in docs[3].text


def test_seed_004_articles(built):
    docs = built["004"]
    assert [d.title for d in docs] == [
        "虹口区 选派32名机 关干部到基 层锻炼—— 下到社区里 下沉心练功夫",
        "点亮 上海金环 融媒体特别报道启动 今推出第一辑——浦东新区·外高桥全球汇",
        "财政力度尽显惠民温度",
    ]
    assert [d.byline for d in docs] == ["本报记者 袁玮", None, "杨欢"]
    assert "外青松公路功能提升改造工程" in docs[2].text
    assert "多样化、高品质的社区活动" in docs[0].text
    assert "要说刘懿静这些天来工作如此“顺风顺水”" in docs[0].text


def test_seed_001_metadata_and_footer(built):
    (doc,) = built["001"]
    assert doc.part == 0
    assert "浦东发布" in doc.publisher
    assert doc.published_date == "2023-04-03"
    assert doc.text.startswith("为科学城建设注入澎湃动能")
    for chrome in ("ICP", "公网安备", "©", "您现在的位置", "来源:", "今日热点", "新民晚报|新民网"):
        assert chrome not in doc.text
    assert doc.text.endswith("共同擦亮张江金字招牌。”")
    assert doc.byline == "曹之光"


def test_seed_001_page_metadata_without_hints():
    raw = raw_seed(seed_name("001"))
    docs, _ = build_documents(RawDocument(raw.source_id, raw.source_uri, raw.content, raw.content_sha256, "text/plain"))
    assert docs[0].publisher == "浦东发布"
    assert docs[0].published_date == "2023-04-03"
    assert docs[0].title == "为科学城建设注入澎湃动能,浦东这个镇用高质量党建引领高水平发展"


def test_seed_002_open_info_table_is_metadata(built):
    (doc,) = built["002"]
    assert doc.published_date == "2023-08-03"
    assert doc.text.startswith("张江镇第五届人民代表大会第四次会议政府工作报告\n政 府 工 作 报 告")
    assert "索引号" not in doc.text and "|" not in doc.text
    assert "相关稿件" not in doc.text
    assert "比去年同期13.88亿元增长6.39亿元" in doc.text


def test_seed_002_page_metadata_without_hints():
    raw = raw_seed(seed_name("002"))
    docs, _ = build_documents(RawDocument(raw.source_id, raw.source_uri, raw.content, raw.content_sha256, "text/plain"))
    assert docs[0].publisher == "张江镇"
    assert docs[0].published_date == "2023-08-03"


def test_newspaper_detected_without_hints():
    raw = raw_seed(seed_name("000"))
    docs, _ = build_documents(RawDocument(raw.source_id, raw.source_uri, raw.content, raw.content_sha256, "text/plain"))
    assert len(docs) == 8
    assert docs[0].published_date is None


def test_duplicate_link_between_000_first_article_and_001(built):
    docs = link_duplicates([d for prefix in sorted(built) for d in built[prefix]])
    linked = {d.source_uri: d.duplicate_of for d in docs if d.duplicate_of}
    first_article = built["000"][0]
    assert linked == {seed_name("001"): first_article.doc_id}


def test_same_bytes_give_same_documents(built):
    for prefix, docs in built.items():
        again, _ = build_documents(raw_seed(seed_name(prefix)))
        assert again == docs
