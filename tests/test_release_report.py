from __future__ import annotations

import subprocess
from pathlib import Path

import lxml.html
import pytest

from pipeline import schema
from pipeline.release.report import render_report
from tests.test_release_sample import FLAG_MESSAGE, NEWS_TITLE, seed_tables

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-logging=stderr", "--v=0",
]


def _chromium_dom(page: Path, profile: Path) -> tuple[str, list[str]]:
    """The DOM Chromium built from the page, and the console lines it logged."""
    done = subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )
    return done.stdout, [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium package is not installed")


@pytest.fixture(scope="module")
def page() -> str:
    return render_report(seed_tables(), "2026.11.23", None)


def test_flag_shows_quote_figures_arithmetic_message_and_source(page):
    tree = lxml.html.fromstring(page)
    (flag,) = tree.xpath('//article[@class="flag"]')
    assert flag.xpath('.//mark[@class="suspect"]/text()') == ["6.39亿元"]
    assert flag.xpath(".//blockquote/mark/text()") == ["20.17亿元", "13.88亿元", "6.39亿元"]
    assert "20.17 − 13.88 = 6.29 ≠ 6.39" in flag.text_content()
    assert flag.xpath('.//p[@class="message"]/text()') == [FLAG_MESSAGE]
    assert flag.xpath(".//p[starts-with(., 'Source:')]/code/text()")[0] == "002_013173d67734eaa2.txt"


def test_counts_per_document_and_header(page):
    tree = lxml.html.fromstring(page)
    rows = {r.xpath("./td[1]/text()")[0]: [td.text_content() for td in r.xpath("./td")[3:]]
            for r in tree.xpath('//section[@id="documents"]//tr[td]')}
    assert rows["张江镇第五届人民代表大会第四次会议政府工作报告"] == ["4", "1", "1", "0"]
    assert rows[NEWS_TITLE] == ["1", "0", "0", "1"]
    header = tree.xpath("//header")[0].text_content()
    assert "govfacts 2026.11.23" in header and "Schema version 2" in header and "first release" in header


def test_everything_is_escaped_and_urls_are_links(page):
    assert "<科学城>" not in page and "&lt;科学城&gt;" in page
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//a[starts-with(@href, 'http')]/@href") == [
        "https://www.pudong.gov.cn/zjz/news/2023/1.html?a=1&b=2"
    ]


def test_page_needs_nothing_but_itself(page):
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//script | //link | //img | //iframe | //object")
    assert tree.xpath("//meta/@charset") == ["utf-8"]


def test_no_flags_says_so():
    tables = seed_tables()
    tables["checks"] = tables["checks"].slice(1)
    assert "No printed relation was found to be inconsistent." in render_report(tables, "2026.11.23.2", "2026.11.23")


@needs_chromium
def test_chromium_renders_the_flag_without_console_errors(tmp_path, page):
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    dom, console = _chromium_dom(path, tmp_path / "profile")
    assert console == []
    tree = lxml.html.fromstring(dom)
    assert tree.xpath('//article[@class="flag"]//mark[@class="suspect"]/text()') == ["6.39亿元"]
    assert tree.xpath('//p[@class="message"]/text()') == [FLAG_MESSAGE]
    assert tree.xpath("//title/text()") == ["govfacts 2026.11.23: figures that do not add up"]


@needs_chromium
def test_chromium_console_check_catches_an_outside_fetch(tmp_path, page):
    """The console check above is only worth something if a fetch would show up in it."""
    path = tmp_path / "fetching.html"
    path.write_text(page.replace("<body>", '<body><img src="http://example.invalid/a.png">'), encoding="utf-8")
    _, console = _chromium_dom(path, tmp_path / "profile")
    assert any("example.invalid" in line for line in console)


def test_without_a_quote_the_claims_sentence_is_shown_highlighted():
    tables = seed_tables()
    checks = tables["checks"].to_pylist()
    checks[0]["quote"] = None
    tables["checks"] = schema.to_arrow(schema.CHECKS, checks)
    tree = lxml.html.fromstring(render_report(tables, "2026.11.23.2", "2026.11.23"))
    assert tree.xpath('//article[@class="flag"]//blockquote/mark/text()') == ["20.17亿元", "13.88亿元", "6.39亿元"]
    assert "previous release 2026.11.23" in tree.xpath("//header")[0].text_content()


def test_a_textual_conflict_shows_no_empty_figure_table():
    tables = seed_tables()
    conflict = {
        "check_id": "k_dup", "kind": "duplicate", "doc_id": tables["documents"].column("doc_id")[0].as_py(),
        "claim_ids": [], "verdict": "inconsistent", "message": "the text differs: “心·共擎” vs “心·共萃”",
        "arithmetic": "diff of aligned sentences: “擎” ≠ “萃”", "quote": "包含“梦·共擎”“心·共擎”",
    }
    tables["checks"] = schema.to_arrow(schema.CHECKS, [conflict])
    flag = lxml.html.fromstring(render_report(tables, "v", None)).xpath('//article[@class="flag"]')[0]
    assert flag.xpath('.//table[@class="figures"]') == []
    assert "Computed from the other figures" not in flag.text_content()
    assert "心·共萃" in flag.text_content()
