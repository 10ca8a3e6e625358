"""Text from documents made harmless where it leaves the project.

Titles, sentences and file names come from publications and archives we do
not control; an HTML `<title>` of `=HYPERLINK(...)` or `&#27;]0;...` is
enough to turn a release into an attack on its reader. Each way out has its
own rule, applied at the last moment so the Parquet files and the diff keep
the text exactly as published:

- a spreadsheet cell: the OWASP CSV-injection rule (a cell starting with
  = + - @ TAB or CR gets a leading apostrophe, so Excel and LibreOffice show
  it as text instead of evaluating it);
- a terminal: control characters (C0, DEL, C1 — escape sequences start with
  ESC or CSI) and the bidirectional overrides that reorder what is shown are
  removed;
- Markdown: every character CommonMark gives a meaning inline is
  backslash-escaped and line breaks become spaces, so a title can neither
  open a heading or a list nor carry a link or raw HTML.
"""

from __future__ import annotations

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROL_CODES = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *map(ord, BIDI_CONTROLS)]
_TERMINAL = dict.fromkeys(_CONTROL_CODES)
_TERMINAL_KEEP_LINES = {k: v for k, v in _TERMINAL.items() if k not in (ord("\n"), ord("\t"))}

# ASCII punctuation with an inline meaning in CommonMark or GFM: emphasis,
# code, links and images (a link needs `[`, so `(` and `!` need nothing),
# raw HTML and autolinks, entities, tables, strikethrough, closing #s.
MARKDOWN_SPECIALS = "\\`*_[]<>&|~#"
_MARKDOWN = str.maketrans({ch: "\\" + ch for ch in MARKDOWN_SPECIALS})
_WHITESPACE = re.compile(r"\s+")


def csv_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text, never as a formula."""
    return FORMULA_GUARD + text if text.startswith(FORMULA_TRIGGERS) else text


def terminal_text(text: str, keep_lines: bool = False) -> str:
    """Text without anything a terminal would act on; `keep_lines` keeps newlines and tabs."""
    return text.translate(_TERMINAL_KEEP_LINES if keep_lines else _TERMINAL)


def markdown_text(text: str) -> str:
    """One line of literal Markdown text: whitespace runs become one space, specials are escaped."""
    return _WHITESPACE.sub(" ", terminal_text(text, keep_lines=True)).strip().translate(_MARKDOWN)


def markdown_code(text: str) -> str:
    """An inline code span holding `text` literally on one line, whatever backticks it contains."""
    flat = _WHITESPACE.sub(" ", terminal_text(text, keep_lines=True)).strip() or " "
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or longest else ""
    return f"{fence}{pad}{flat}{pad}{fence}"
