"""Bytes to text, choosing the encoding from the bytes themselves.

Chinese pages often declare one charset and are saved in another (a page that
says GB2312 in its <meta> but was re-saved as UTF-8 is common), so a
declaration is only a candidate: it is used when the bytes decode cleanly in
it and the result reads as text. The order of trust is

1. a byte-order mark;
2. strict UTF-8 — GBK/GB18030 text practically never forms valid multi-byte
   UTF-8 sequences, while UTF-8 Chinese text sometimes *does* decode cleanly
   as GB18030 into mojibake, so validity as UTF-8 outranks a GB declaration;
   UTF-8 damaged in a few places (a byte lost in transfer, a truncated
   character) still counts: up to MAX_INVALID_UTF8 invalid sequences, far
   outnumbered by valid multi-byte ones, become U+FFFD and the offsets are
   reported (`invalid_utf8_offsets`), instead of losing the whole document;
3. the declared charset (HTTP header hint, then <meta charset>);
4. charset-normalizer's ranked guesses;
5. GB18030 as the last resort for this corpus.

GB2312 and GBK are always decoded as GB18030, their superset, so characters
outside GB2312 that real pages contain do not break decoding.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb_2312_80": "gb18030",
    "gb2312_80": "gb18030",
    "euc_cn": "gb18030",
    "x_gbk": "gb18030",
    "cp936": "gb18030",
    "ascii": "utf-8",
    "us_ascii": "utf-8",
}

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)

# Ranges a Chinese government or news text is made of; anything else in
# quantity means the bytes were read in the wrong encoding.
SENSIBLE_RANGES = (
    (0x09, 0x0D),
    (0x20, 0x7E),
    (0xA0, 0xFF),
    (0x0370, 0x03FF),
    (0x2000, 0x206F),
    (0x2100, 0x218F),
    (0x2190, 0x22FF),
    (0x2460, 0x24FF),
    (0x2500, 0x257F),
    (0x25A0, 0x25FF),
    (0x2600, 0x26FF),
    (0x2E80, 0x2FDF),
    (0x3000, 0x303F),
    (0x3200, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE1F),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
)
MIN_SENSIBLE_SHARE = 0.97
# Damaged UTF-8: at most this many invalid sequences, and at least this many
# valid multi-byte characters per invalid one (GBK text has far fewer).
MAX_INVALID_UTF8 = 64
MIN_VALID_PER_INVALID = 100


class DecodeError(ValueError):
    """The bytes read as text in no encoding we accept."""


def normalise_name(name: str) -> str:
    key = name.strip().lower().replace("-", "_")
    return SUPERSETS.get(key, codecs.lookup(key).name if _known(key) else key)


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _sensible(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in SENSIBLE_RANGES)


def reads_as_text(text: str) -> bool:
    if not text.strip():
        return False
    sample = text[:20000]
    good = sum(1 for ch in sample if _sensible(ch))
    return good / len(sample) >= MIN_SENSIBLE_SHARE


def _try(content: bytes, encoding: str) -> str | None:
    try:
        text = content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if reads_as_text(text) else None


def invalid_utf8_offsets(content: bytes, limit: int = MAX_INVALID_UTF8) -> list[int]:
    """Byte offsets of the invalid UTF-8 sequences in `content`, at most `limit` + 1 of them."""
    offsets: list[int] = []
    view = memoryview(content)
    position = 0
    while len(offsets) <= limit:
        try:
            codecs.utf_8_decode(view[position:], "strict", True)
            break
        except UnicodeDecodeError as exc:
            offsets.append(position + exc.start)
            position += exc.end
    return offsets


def _damaged_utf8(content: bytes) -> str | None:
    """The text of nearly valid UTF-8, invalid sequences replaced; None when it is not UTF-8."""
    offsets = invalid_utf8_offsets(content)
    if not offsets or len(offsets) > MAX_INVALID_UTF8:
        return None
    lead_bytes = sum(content.count(bytes([b])) for b in range(0xC2, 0xF5))
    if lead_bytes - len(offsets) < MIN_VALID_PER_INVALID * len(offsets):
        return None
    text = content.decode("utf-8", errors="replace")
    return text if reads_as_text(text) else None


def declared_charsets(content: bytes, hints: dict, media_type: str) -> list[str]:
    """Declarations in the order they are trusted: HTTP header, then the page."""
    found = []
    if hints.get("declared_encoding"):
        found.append(str(hints["declared_encoding"]))
    if media_type == "text/html":
        match = META_CHARSET.search(content[:8192])
        if match:
            found.append(match.group(1).decode("ascii", "replace"))
    return found


def decode_bytes(content: bytes, uri: str, hints: dict | None = None, media_type: str = "text/plain") -> tuple[str, str]:
    """Return (text, encoding used); raise DecodeError naming `uri` otherwise."""
    if not content or not content.strip():
        raise DecodeError(f"empty input: {uri}")
    for bom, encoding in BOMS:
        if content.startswith(bom):
            text = _try(content, encoding)
            if text is not None:
                return text.lstrip("\ufeff"), "utf-8-sig" if encoding == "utf-8-sig" else encoding
    text = _try(content, "utf-8")
    if text is None:
        text = _damaged_utf8(content)
    if text is not None:
        return text, "utf-8"
    candidates = [normalise_name(name) for name in declared_charsets(content, hints or {}, media_type)]
    candidates += [normalise_name(match.encoding) for match in from_bytes(content)]
    candidates.append("gb18030")
    for encoding in dict.fromkeys(candidates):
        text = _try(content, encoding)
        if text is not None:
            return text, encoding
    bad = invalid_utf8_offsets(content, limit=0)
    where = f"first invalid UTF-8 byte at offset {bad[0]}" if bad else "valid UTF-8 but not readable text"
    tried = ", ".join(dict.fromkeys(candidates))
    raise DecodeError(f"bytes of {uri} decode as text in no encoding ({where}; tried {tried})")
