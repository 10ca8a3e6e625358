from pipeline.documents.ocr_joins import rejoin
from pipeline.documents.paragraphs import Para, is_headline_like, is_terminated


def paras(*texts):
    return [Para(t) for t in texts]


def texts(ps):
    return [p.text for p in ps]


def test_broken_sentence_is_joined_without_separator():
    out = rejoin(paras("“在‘共’方面，张江通过整合", "辖区区域化党建资源，一起为科学城的发展贡献力量。"))
    assert texts(out) == ["“在‘共’方面，张江通过整合辖区区域化党建资源，一起为科学城的发展贡献力量。"]


def test_headline_is_not_joined_to_its_body():
    out = rejoin(paras("8大党建项目集体亮相", "张江镇8大党建项目品牌包含两大范畴。"))
    assert len(out) == 2


def test_finished_sentence_is_not_joined():
    out = rejoin(paras("上半年新增就业岗位3844个。", "下半年继续推进。"))
    assert len(out) == 2


def test_list_heading_with_comma_is_not_joined():
    out = rejoin(paras("(一)经济运行稳中有进,彰显韧性活力", "经济指标持续向好。"))
    assert len(out) == 2


def test_next_paragraph_starting_a_list_item_is_not_joined():
    out = rejoin(paras("一、全力拼经济促发展,营商环境持续优化", "(一)招商安商稳商氛围浓厚。"))
    assert len(out) == 2


def test_caption_inside_broken_sentence_moves_after_the_joined_paragraph():
    page = [Para("居民可以参加烘焙,阅读等多样化、高"), Para("刘懿静与居民讨论“天虹会客厅”功能划分", gap=3), Para("品质的社区活动。", gap=1)]
    out = rejoin(page)
    assert texts(out) == ["居民可以参加烘焙,阅读等多样化、高品质的社区活动。", "刘懿静与居民讨论“天虹会客厅”功能划分"]


def test_detached_paragraph_is_never_joined():
    out = rejoin([Para("为科学城建设注入澎湃动能,浦东这个镇用高质量党建引领高水平发展"), Para("推出24小时服务阵地。", detached=True)])
    assert len(out) == 2


def test_cut_first_line_under_subhead_joined_only_on_newspaper_pages():
    page = paras("上一节的正文结束了。", "1+1是叠加 “大箩筐”里“练好钢琴”", "要说刘懿静这些天来工作如此", "“顺风顺水”,也仰仗了一个“好师傅”。")
    assert texts(rejoin(page, broken_subheads=True))[2] == "要说刘懿静这些天来工作如此“顺风顺水”,也仰仗了一个“好师傅”。"
    assert len(rejoin(page)) == 4


def test_shape_tests():
    assert is_terminated("需要年轻一代来传承！”")
    assert not is_terminated("如何“同")
    assert not is_terminated("“在线新业态”")
    assert is_headline_like("张江镇：美美与“共” “治”在四方")
    assert not is_headline_like("城市街区共商“众治良方”,郊区小镇联合“八方资源”")


def test_inline_fragment_on_the_next_line_is_joined_in_place():
    lines = [Para("稳健的货币政策要松紧适度。广义货币M"), Para("2"), Para("预期增长12%左右。")]
    assert texts(rejoin(lines)) == ["稳健的货币政策要松紧适度。广义货币M2预期增长12%左右。"]
    link = [Para("扩大开放，积极推动加入"), Para("全面与进步跨太平洋伙伴关系协定"), Para("（CPTPP）等高标准经贸协议。")]
    assert texts(rejoin(link)) == ["扩大开放，积极推动加入全面与进步跨太平洋伙伴关系协定（CPTPP）等高标准经贸协议。"]
