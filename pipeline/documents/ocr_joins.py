"""Re-join paragraphs that OCR or column layout broke mid-sentence.

OCR'd e-paper pages end a paragraph wherever a column ends, so a sentence is
cut in two ("通过整合" / "辖区区域化党建资源，…"). The rule, applied to
consecutive paragraphs A and B:

* A is joined to B when A does not end a sentence (no 。！？…；： at the end,
  a closing quote or bracket counting only after one of those), A is not a
  headline (headline-like = no clause punctuation ，。；！？ at all), A is not a
  short list heading (一、 （一） 第一部分 …), and B does not start a new unit
  (list label, ■, ——, 本报讯 lead);
* a short unpunctuated B directly on the next line (no blank line between)
  is an inline fragment of the same sentence — a subscript (广义货币M / 2),
  a link's text (积极推动加入 / 全面与进步跨太平洋伙伴关系协定 / （CPTPP）等…)
  — and is joined like any continuation;
* a photo caption dropped into a broken sentence (A unterminated body text,
  B headline-like after a blank line, C continuing A) is moved after the
  re-joined paragraph, so A+C read as printed and the caption keeps its
  characters;
* on newspaper pages only (`broken_subheads=True`): a headline-like line
  directly under a subhead is the first column line of the body, cut off by
  the column end (a subhead is one line in these layouts), and is joined to
  the body paragraph that follows. This is the one heuristic with a known
  risk — a genuine two-line subhead on a newspaper page would be merged into
  the body — so it is off for every other kind of document.

Paragraphs that were not adjacent on the page (cleaning removed a line
between them, `Para.detached`) are never joined.

Joining concatenates with nothing in between: no character is rewritten.
"""

from __future__ import annotations

from dataclasses import replace

from .paragraphs import Para, is_headline_like, is_list_heading, is_terminated, starts_fresh


def _breaks_off(a: str) -> bool:
    return not is_terminated(a) and not is_headline_like(a) and not is_list_heading(a)


def _continues(b: str) -> bool:
    return not starts_fresh(b)


def rejoin(paras: list[Para], broken_subheads: bool = False) -> list[Para]:
    out: list[Para] = []
    i = 0
    while i < len(paras):
        current = paras[i]
        i += 1
        if broken_subheads and _is_cut_first_line(paras, i - 1):
            current = replace(current, text=current.text + paras[i].text)
            i += 1
        captions: list[Para] = []
        while i < len(paras) and _breaks_off(current.text):
            if paras[i].detached:
                break
            nxt = paras[i].text
            if _continues(nxt) and (not is_headline_like(nxt) or paras[i].gap == 0):
                current = replace(current, text=current.text + nxt)
                i += 1
            elif _is_caption(paras, i):
                captions.append(paras[i])
                current = replace(current, text=current.text + paras[i + 1].text)
                i += 2
            else:
                break
        out.append(current)
        out.extend(captions)
    return out


def _is_caption(paras: list[Para], j: int) -> bool:
    if j + 1 >= len(paras) or not is_headline_like(paras[j].text):
        return False
    follower = paras[j + 1]
    return not follower.detached and not is_headline_like(follower.text) and _continues(follower.text)


def _is_cut_first_line(paras: list[Para], i: int) -> bool:
    if i < 2 or i + 1 >= len(paras):
        return False
    before, subhead, line, after = paras[i - 2].text, paras[i - 1].text, paras[i].text, paras[i + 1].text
    return (
        is_headline_like(subhead)
        and not is_headline_like(before)
        and is_headline_like(line)
        and not is_list_heading(line)
        and not is_terminated(line)
        and not is_headline_like(after)
        and _continues(after)
    )
