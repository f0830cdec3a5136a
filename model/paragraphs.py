"""Paragraph boundaries of an article, telling hard line wraps from breaks.

A blank line always ends a paragraph. A single newline ends one too, unless
the text is hard-wrapped (most lines cut near one width), in which case it is
just whitespace inside the paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_NEWLINE = re.compile(r"\r?\n")


class Paragraphs:
    """Paragraph boundaries of a text, with hard line wraps not counted."""

    def __init__(self, text: str):
        self.text = text
        breaks = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)]
        if not looks_hard_wrapped(text):
            # Unwrapped text: a single newline ends a paragraph too.
            in_blank = {pos for start, end in breaks for pos in range(start, end)}
            breaks += [(m.start(), m.end()) for m in _NEWLINE.finditer(text) if m.start() not in in_blank]
            breaks.sort()
        self.starts = [0] + [end for _, end in breaks]
        self.ends = [start for start, _ in breaks] + [len(text)]

    def index(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def content_end(self, index: int) -> int:
        """End of paragraph `index` with trailing whitespace dropped."""
        end = self.ends[index]
        while end > self.starts[index] and self.text[end - 1].isspace():
            end -= 1
        return end

    def is_start(self, pos: int) -> bool:
        i = self.index(pos)
        return self.text[self.starts[i] : pos].strip() == ""


def looks_hard_wrapped(text: str) -> bool:
    """True when lines are cut at a width (hard wraps), not at paragraph ends."""
    lines = [line for line in _NEWLINE.split(text) if line.strip()]
    if len(lines) < 4:
        return False
    lengths = sorted(len(line) for line in lines)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width > 120:
        return False
    near_width = sum(1 for n in lengths if 0.6 * width <= n <= width + 20)
    return near_width >= 0.6 * len(lines)
