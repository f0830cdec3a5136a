"""Paragraph boundaries of an article, telling hard line wraps from breaks.

A blank line always ends a paragraph. A single newline ends one too, unless
the text is hard-wrapped (most lines cut near one width), in which case it is
just whitespace inside the paragraph, or it breaks a sentence in the middle
(no punctuation before it and a lower-case word after it, or a comma, a
dash or a title such as "Dr" before it).
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
            breaks += [
                (m.start(), m.end()) for m in _NEWLINE.finditer(text) if m.start() not in in_blank and not _mid_sentence(text, m.start(), m.end())
            ]
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


_TITLE_BEFORE = re.compile(r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gen|Col|Capt|Sir|Dame|Lord|Lady)\.?$")


def _mid_sentence(text: str, start: int, end: int) -> bool:
    """A lone line break inside a sentence: the line before ends with no punctuation and the next
    goes on in lower case ("… should not be measured by\n what we report …"), as a scraper wraps."""
    before = text[max(0, start - 80) : start].rstrip()
    after = text[end : end + 40].lstrip(" \t")
    if not before or not after:
        return False
    if before[-1] in ",;-–—" or _TITLE_BEFORE.search(before):
        return True  # "… report tonight -\n I would ask", "Dr\n Haass said"
    return before[-1].isalnum() and after[:1].islower()


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
