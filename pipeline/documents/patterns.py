"""The rules of document cleaning, as data.

Every table here is read by one function elsewhere; adding a site's chrome or
a byline style means adding a row, not a branch.
"""

from __future__ import annotations

import re

# Characters that close a sentence; a paragraph ending in one of them is
# complete. A closing quote or bracket counts only after one of these.
SENTENCE_END = "。！？!?…；;：:"
CLOSERS = "”’」』）)】》\"'"
# Punctuation that never occurs inside a headline: its presence makes a line
# body text.
CLAUSE_PUNCT = "，。；！？,;!?…"
HEADLINE_MAX_CHARS = 100

# A paragraph starting with one of these begins a new unit of text, so it is
# never the tail of a broken line.
FRESH_START = re.compile(
    r"^(?:"
    r"第[一二三四五六七八九十百零〇]+[部分章节条方面篇]"
    r"|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十\d]+[)）]"
    r"|\d{1,2}[、.．](?!\d)"
    r"|[①-⑳]"
    r"|[■●◆★▲□◇]"
    r"|——"
    r"|本报讯|本报[\u4e00-\u9fff]{1,8}电"
    r")"
)
# A paragraph starting with a list label is a heading when it is short.
LIST_HEADING_MAX_CHARS = 40

# Newspaper markers that a page carries several articles.
NEWSPAPER_MARKERS = re.compile(r"本报讯|■\s*本报记者|^撰稿\s|本报[\u4e00-\u9fff]{1,8}电", re.M)
NEWSPAPER_MIN_MARKERS = 2

# The lead paragraph of a newspaper article.
ARTICLE_LEAD = re.compile(r"^(?:本报讯|本报[\u4e00-\u9fff]{1,8}电|新华社[\u4e00-\u9fff]{1,8}电)")
# A byline printed inside the lead: 本报讯（记者 章磊）, 新华社巴黎12月9日电（记者唐霁）,
# 长江网10月4日讯（记者陈智 整合）.
INLINE_BYLINE = re.compile(
    r"^(?:本报讯|[\u4e00-\u9fff\w]{0,20}?\d{0,2}月?\d{0,2}日?(?:讯|电))\s*[（(]((?:本报|特约)?(?:记者|通讯员)[^）)]{1,40})[）)]"
)

NAME = r"[\u4e00-\u9fff]{2,4}"
NAMES = rf"{NAME}(?:[\s　、]+{NAME}){{0,5}}"
# Standalone byline lines: (pattern, opens the article?) — an opening byline
# sits under the headline or lead; a closing one ends the article.
BYLINES = (
    (re.compile(rf"^■\s*(本报(?:记者|通讯员|评论员)[\s　]*{NAMES}(?:[\s　]+通讯员[\s　]*{NAMES})?)$"), True),
    (re.compile(rf"^((?:本报|特约)(?:记者|通讯员|评论员)[\s　]*{NAMES}(?:[\s　]+通讯员[\s　]*{NAMES})?)$"), False),
    (re.compile(rf"^((?:记者|通讯员)[\s　]+{NAMES}(?:[\s　]+通讯员[\s　]+{NAMES})?)$"), False),
    (re.compile(rf"^((?:撰稿|撰文|文|文字|编辑|责编|责任编辑|摄影|图文)[\s　/／:：]+{NAMES})$"), False),
)
# A bare personal name on its own line (a common surname plus one or two
# characters, up to four names): a byline only next to a headline or at the
# end of a body. The surname list keeps short headlines (下一篇) out.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_NAME = rf"[{SURNAMES}][\u4e00-\u9fff]{{1,2}}"
BARE_NAMES = re.compile(rf"^{_NAME}(?:[\s　]+{_NAME}){{0,3}}$")

# Jump lines of a continued newspaper article: removed from the text.
# A jump out of the page (as opposed to 上接, a jump in) ends the article.
JUMP_OUT = re.compile(r"^[（(]\s*(?:下转|转)")
PAGE_JUMP = re.compile(r"[（(]\s*(?:下转|上接|转|接)(?:第|到)?\s*[\d一二三四五六七八九十]+\s*版\s*[）)]")

# Breadcrumb trails: a location label, or a 首页 trail with separators.
BREADCRUMB = re.compile(
    r"^(?:您?(?:现在|当前)?的?(?:所在)?位置|当前位置|现在位置|你的位置)\s*[:：]"
    r"|^首页\s*(?:[>»/›＞|]|$)"
    r"|^.{0,30}\s[>»›＞]\s.{0,30}[>»›＞]"
)

# Labels of page metadata. `field` says which Document field a value feeds.
METADATA_LABELS = {
    "来源": "source",
    "信息来源": "source",
    "稿件来源": "source",
    "文章来源": "source",
    "发布机构": "publisher",
    "发文机关": "publisher",
    "发布单位": "publisher",
    "编辑": "editor",
    "责任编辑": "editor",
    "责编": "editor",
    "作者": "author",
    "记者": "author",
    "发布时间": "date",
    "发布日期": "date",
    "时间": "date",
    "日期": "date",
    "发文日期": "date",
    "发文时间": "date",
    "信息时间": "date",
    "成文时间": "written_date",
    "发文机构": "publisher",
    "名称": "title",
    "效力状态": "ignored",
    "成文日期": "written_date",
    "标题": "title",
    "索引号": "index",
    "公开类别": "disclosure",
    "主题分类": "topic",
    "文号": "number",
    "栏目": "column",
    "原文链接": "url",
    "本地目录": "ignored",
    "浏览次数": "ignored",
    "点击数": "ignored",
    "阅读次数": "ignored",
    "字号": "ignored",
}
# Labels may be printed letter-spaced ("索 引 号", "标  题").
_LABEL_ALT = "|".join(
    r"[ \u3000]*".join(map(re.escape, label)) for label in sorted(METADATA_LABELS, key=len, reverse=True)
)
# One "label: value" field; several may share a line, even without a space
# between a value and the next label ("2025-08-25阅读次数:").
METADATA_FIELD = re.compile(
    rf"(?:^|(?<=[\s|【\[•·●]))({_LABEL_ALT})\s*[:：]\s*"
    rf"((?:(?!(?:{_LABEL_ALT})\s*[:：])[^\s|【】\[\]])*(?:\s\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?)"
)
METADATA_LINE_MAX_CHARS = 120
METADATA_LONG_LINE_FIELDS = 3
# Cells of a pipe-rendered open-information table.
OPEN_INFO_LABELS = ("索引号", "发布机构", "公开类别", "发布时间", "主题分类", "文号", "成文日期", "发布日期", "发文机关")

DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
)
BARE_DATETIME = re.compile(r"^(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")

# Lines that are page chrome wherever they appear.
CHROME_LINES = tuple(
    re.compile(p)
    for p in (
        r"版权所有|版权声明|Copyright|copyright|All [Rr]ights [Rr]eserved|©",
        r"ICP\s*[备证]|ICP[)）]?\s*[:：]|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]公网安备|公网安备",
        r"网站标识码|网站识别码|政府网站标识",
        r"举报电话|违法和不良信息|违法与不良信息|不良信息举报",
        r"^(?:主办|承办|协办|技术支持|主办单位|承办单位|运维单位|联系我们|网站地图)\s*[:：]?",
        r"许可证\s*[:：(（]",
        r"^[【\[]?\s*(?:打印|关闭|关闭窗口|打印本页|打印正文|收藏|我要纠错|返回顶部|下载|全屏|分享)\s*[】\]]?(?:\s*[【\[]?\s*(?:打印|关闭|关闭窗口|收藏|我要纠错|返回顶部|下载|全屏|分享)\s*[】\]]?)*$",
        r"^(?:字号|字体)\s*[:：]?\s*[【\[]?\s*[大中小]",
        r"[【\[]\s*[大中小]\s*[】\]]\s*[【\[]\s*[大中小]\s*[】\]]",
        r"^分享到?\s*[:：]?|^(?:微信|微博|QQ空间|朋友圈)(?:\s+(?:微信|微博|QQ空间|朋友圈|QQ))+$|扫一扫|扫码|二维码",
        r"^(?:相关稿件|相关链接|相关阅读|相关新闻|相关文章|延伸阅读|今日热点|热点推荐|推荐阅读|热门推荐|上一篇|下一篇|上一条|下一条)\s*[:：]?",
        r"^(?:关于我们|联系我们|网站声明|网站地图|隐私政策|使用帮助)",
        r"^(?:无障碍|关怀版|长者模式|繁體|简体)(?:\s+(?:无障碍|关怀版|长者模式|繁體|简体))*$",
        r"^人工智能朗读\s*[:：]?$",
        r"^=+\s*正文\s*=+$",
        r"^页面链接与图片详见",
        r"^通版阅读|^展开通版$|^收缩通版$|^当前版\s*[:：]",
        r"^[【\[]?\s*字号\s*[:：]?\s*$|^(?:加大|还原|减小)$|^[】\]]$|^选择区域|^最新信息$|^关联信息\s*[:：]?$",
        r"^Public domain$|^false$|^true$|^[-—_=*·•~]+$",
        r"网站logo$|^[\w.\-]+\.(?:png|jpg|jpeg|gif)$",
        r"^(?:[【\[]\s*\d+\s*[】\]]\s*)+$|^(?:上一页|下一页|首页|尾页)(?:\s*(?:上一页|下一页|首页|尾页|\d+))*$",
        r"^点击(?:进入|查看|阅读|收听|播放)|^(?:图集|视频|音频|组图)$|^[+＋]\d+$",
    )
)
# Longer lines are content even when they contain a chrome word (a whole
# page saved as one line).
CHROME_MAX_CHARS = 200
# Lines that open a footer block: from the first of them in the last part of
# a document (FOOTER_ZONE_START of its paragraphs on) to the end, everything
# is footer (licence notices that wrap over many short lines, related-links
# lists).
FOOTER_BLOCK_START = re.compile(
    r"^本作品(?:是|在|来自|属于)|^注[:：]\s*中文维基文库|^(?:相关稿件|相关链接|相关阅读|相关新闻|延伸阅读|推荐阅读)\s*[:：]?\s*$|^版权所有"
)
FOOTER_ZONE_START = 0.6
# Separators of a navigation row of links ("A|B|C", "A 丨 B 丨 C").
LINK_ROW_SEPARATOR = re.compile(r"\s*[|丨｜]\s*")
LINK_ROW_MIN_ITEMS = 3
LINK_ROW_MAX_ITEM_CHARS = 14
