from pipeline.documents.articles import is_newspaper_page, split_articles
from pipeline.documents.paragraphs import split_paragraphs

BODY = "市人社局副局长出席闭幕式，嘉定区参赛代表队共获得19金17银10铜，团体积分为全市第一。"

PAGE = "\n\n".join(
    [
        "第一篇的标题",
        "本报讯 " + BODY,
        "探索新就业群体“融入路径”",
        "随着城市新旧动能转换,“在线新经济平台”“在线新业态”(下转第2版)",
        "第二篇的标题",
        "第二篇的副题",
        "本报讯（记者 章磊）" + BODY,
        "撰稿 俞超 李华成",
        "第三篇 评论",
        "杨欢",
        BODY,
        "目前带教的项目尚在斟酌中,不过一些工作",
        "“秘籍”已入脑入心。",
    ]
)


def test_page_is_detected_as_newspaper():
    assert is_newspaper_page(split_paragraphs(PAGE))
    assert not is_newspaper_page(split_paragraphs(BODY))


def test_split_titles_bylines_and_jumps():
    articles = split_articles(split_paragraphs(PAGE))
    assert [a.title for a in articles] == ["第一篇的标题", "第二篇的标题 第二篇的副题", "第三篇 评论"]
    assert articles[0].jumps == ["(下转第2版)"]
    assert articles[1].byline == "记者 章磊 撰稿 俞超 李华成"
    assert articles[2].byline == "杨欢"


def test_article_text_drops_markers_and_bylines_and_rejoins():
    articles = split_articles(split_paragraphs(PAGE))
    first = [p.text for p in articles[0].paragraphs()]
    assert first[-1] == "随着城市新旧动能转换,“在线新经济平台”“在线新业态”"
    second = [p.text for p in articles[1].paragraphs()]
    assert "撰稿 俞超 李华成" not in second
    third = [p.text for p in articles[2].paragraphs()]
    assert third[-1] == "目前带教的项目尚在斟酌中,不过一些工作“秘籍”已入脑入心。"
    assert "杨欢" not in third


def test_subhead_under_opening_byline_stays_in_article():
    page = "\n\n".join(["主标题", BODY, "■本报记者 曹之光", "小标题", BODY, "下一篇", "本报讯 " + BODY])
    articles = split_articles(split_paragraphs(page))
    assert len(articles) == 2
    assert articles[0].byline == "本报记者 曹之光"
    assert "小标题" in [p.text for p in articles[0].paragraphs()]
