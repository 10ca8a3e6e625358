"""Word lists as regular-expression tries.

Python's re tries a flat alternation (约|大约|大概) one word at a time at
every position it considers, a trie (约|大(?:约|概)) one character. A
longer word is tried before its prefix, as in a longest-first
alternation, so both find the same words.
"""

from __future__ import annotations

import re


def alternation(tails: dict[str, str]) -> str:
    """The words of `tails` as a trie; each word's tail, a pattern (a
    guard such as (?![代级])), goes where the word ends."""
    root: dict = {}
    for word, tail in tails.items():
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = tail
    return _emit(root)


def _emit(node: dict) -> str:
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        branches.append(node[""])
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
