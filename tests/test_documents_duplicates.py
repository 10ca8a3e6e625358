from pipeline.documents.duplicates import containment, link_duplicates, signature, similar_pairs
from pipeline.model import Document

STORY = (
    "张江镇党群服务中心于2020年5月开始运行，随后不断拓展服务外延与服务内涵。2021年，嵌入了社区健身中心和新区首家长者运动之家；"
    "2022年，又进一步整合科学城内的各类科创科普资源，建成张江创荟厅，进一步汇聚科技资源，凝聚创新智慧。"
)
OTHER = (
    "4月1日是清明祭扫高峰期的首日，浦东新区各公墓继续实行预约祭扫模式，市民分时预约、文明祭扫，民政、交警、公安等职能部门"
    "现场维持秩序并提供各类便民服务，整体祭扫客流平稳有序。"
)


def doc(doc_id: str, text: str, date: str | None = None) -> Document:
    return Document(doc_id=doc_id, source_uri=doc_id, source_id="t", content_sha256=doc_id, text=text, published_date=date)


def shingles(text: str) -> frozenset[int]:
    sig = signature(text)
    assert sig.modulus == 1  # short texts keep every shingle
    return sig.hashes


def test_shingles_ignore_punctuation_and_spacing():
    assert shingles("张江镇，党群服务中心。") == shingles("张江镇 党群服务中心")


def test_containment_of_trimmed_republication():
    assert containment(shingles(STORY[:80]), shingles(STORY + OTHER)) == 1.0
    assert containment(shingles(STORY), shingles(OTHER)) < 0.1


def test_a_long_text_keeps_a_bounded_sample_that_still_finds_its_copy():
    long_text = "".join(f"第{k}段，张江镇新增就业岗位{k * 37 % 9973}个，完成税收{k % 97}.{k % 10}亿元。" for k in range(4000))
    sig = signature(long_text, limit=2000)
    assert sig.modulus > 1 and len(sig.hashes) <= 2000
    assert abs(sig.size - len(signature(long_text, limit=10**9).hashes)) / sig.size < 0.2
    docs = [doc("big", long_text, "2023-01-01"), doc("part", long_text[20000:30000], "2023-02-01"), doc("other", OTHER * 5)]
    assert [d.duplicate_of for d in link_duplicates(docs)] == [None, "big", None]


def test_later_copy_points_at_earlier_one():
    docs = [doc("dB", STORY.replace("，", ","), "2023-04-03"), doc("dA", STORY + "据悉，活动持续一周。", "2023-04"), doc("dC", OTHER, "2023-01-01")]
    linked = link_duplicates(docs)
    assert [d.duplicate_of for d in linked] == ["dA", None, None]


def test_undated_documents_are_ordered_by_doc_id():
    linked = link_duplicates([doc("d2", STORY), doc("d1", STORY)])
    assert [d.duplicate_of for d in linked] == ["d1", None]


def test_cluster_points_at_its_earliest_member():
    docs = [doc("d3", STORY, "2023-03-01"), doc("d1", STORY, "2023-01-01"), doc("d2", STORY, "2023-02-01")]
    assert [d.duplicate_of for d in link_duplicates(docs)] == ["d1", None, "d1"]


def test_short_texts_are_never_linked():
    assert similar_pairs([doc("a", "新增就业岗位3844个。"), doc("b", "新增就业岗位3844个。")]) == []
