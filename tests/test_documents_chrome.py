from pipeline.documents.chrome import clean_page, is_chrome, metadata_line, open_info_table, page_date
from pipeline.documents.paragraphs import split_paragraphs

BODY = "张江镇党群服务中心于2020年5月开始运行，随后不断拓展服务外延与服务内涵，进一步汇聚科技资源。"


def test_metadata_line_with_source_editor_and_datetime():
    fields = metadata_line("来源:浦东发布     编辑:赵菊玲     2023-04-03 21:01 | |")
    assert ("来源", "浦东发布") in fields
    assert ("编辑", "赵菊玲") in fields
    assert ("发布时间", "2023-04-03") in fields


def test_metadata_line_with_letter_spaced_labels_and_no_separator():
    assert ("信息时间", "2025-08-25") in metadata_line("【信息时间:2025-08-25阅读次数: 】")
    assert ("索引号", "0000143493704810032/2024-01009") in metadata_line("• 索 引 号:0000143493704810032/2024-01009")


def test_body_sentence_is_not_a_metadata_line():
    assert metadata_line(BODY) is None
    assert metadata_line("据统计局数据，来源：全年累计完成投资51.5亿元，占全年计划的93.2%，比上年提高3个百分点。") is None


def test_open_info_table_rendered_as_pipes_or_spaces():
    assert open_info_table("索引号 | 发布机构 | 张江镇 | |") == {"索引号": "", "发布机构": "张江镇"}
    assert open_info_table("公开类别 主动公开 发布时间 2021-12-23") == {"公开类别": "主动公开", "发布时间": "2021-12-23"}
    assert open_info_table(BODY) is None


def test_chrome_lines():
    for line in (
        "|沪公网安备 31010602000044号|沪公网安备 31010602000590号",
        "增值电信业务经营许可证(ICP):沪B2-20110022号",
        "新民晚报官方网站 xinmin.cn ©2023 All rights reserved",
        "关于新民网|联系方式|工作机会|知识产权声明",
        "您现在的位置:首页 > 时政 > 浦东发布 > 正文",
        "【打印】【关闭】",
        "违法与不良信息举报电话15900430043",
        "相关稿件:",
    ):
        assert is_chrome(line), line
    assert not is_chrome(BODY)
    assert not is_chrome("张江镇8大党建项目品牌集体亮相")


def test_clean_page_keeps_metadata_and_drops_chrome():
    page = "\n".join(
        [
            "您现在的位置:首页 > 时政 > 正文",
            "标题行",
            "来源:浦东发布     编辑:赵菊玲     2023-04-03 21:01",
            BODY,
            BODY,
            "曹之光",
            "今日热点",
            "关于新民网|联系方式|工作机会|知识产权声明",
            "|沪公网安备 31010602000044号",
        ]
    )
    kept, meta = clean_page(split_paragraphs(page))
    assert [p.text for p in kept] == ["标题行", BODY, BODY, "曹之光"]
    assert meta.get("source") == "浦东发布"
    assert meta.get("editor") == "赵菊玲"
    assert page_date(meta) == "2023-04-03"
    assert kept[1].detached


def test_label_with_value_on_next_line():
    page = "当前位置：\n首页\n投资运行\n德清县投资结构趋稳\n发布日期：2016-11-22\n信息来源：\n省发改委\n" + BODY
    kept, meta = clean_page(split_paragraphs(page))
    assert [p.text for p in kept] == ["德清县投资结构趋稳", BODY]
    assert meta.get("source") == "省发改委"
    assert page_date(meta) == "2016-11-22"


def test_inline_data_source_inside_body_is_kept():
    page = "\n".join([BODY, "来源：国家统计局", BODY])
    kept, _ = clean_page(split_paragraphs(page))
    assert "来源：国家统计局" in [p.text for p in kept]


def test_licence_block_at_the_end_is_cut_whole():
    page = "\n".join([BODY] * 12 + ["本作品是中华人民共和国的", "法律", "、", "法规", "，国家机关的决议、决定、命令和其他文件，及其官方正式译文。", "Public domain"])
    kept, meta = clean_page(split_paragraphs(page))
    assert [p.text for p in kept] == [BODY] * 12
    assert meta.dropped == 6


def test_licence_words_early_in_a_page_are_not_a_footer():
    page = "\n".join(["本作品是一份工作报告", BODY, BODY, BODY])
    kept, _ = clean_page(split_paragraphs(page))
    assert kept[0].text == "本作品是一份工作报告"
