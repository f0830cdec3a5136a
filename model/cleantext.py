"""A repaired view of scraped text that maps back to the original offsets.

Scraped news often carries mojibake: UTF-8 quotation marks decoded as
Windows-1252 (``â€œ`` for “, ``â€\\x9d`` or a bare ``â€`` for ”, ``â€™`` for ’).
Downstream stages work on the repaired view; every offset they produce is
mapped back with :meth:`CleanText.original_start` / :meth:`original_end`, so
callers always get offsets into the string they passed in.

Only stretches of non-ASCII characters that look like mojibake are handed to
ftfy, one stretch at a time; ASCII text is never touched, so the mapping is
exact everywhere except inside a repaired stretch.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import ftfy

# Lead characters of UTF-8 bytes seen through Windows-1252 / Latin-1.
_MOJIBAKE_RUN = re.compile(r"[ÂÃâÅÐÑ][^\x00-\x7f]*")
# "â€" with its third byte lost (often the \x9d of ”): a damaged closing mark.
_BARE_EURO = "â€"


@lru_cache(maxsize=4096)
def _fix(run: str) -> str:
    fixed = ftfy.fix_text(run, uncurl_quotes=False, fix_line_breaks=False, normalization=None)
    if fixed == run and run.startswith(_BARE_EURO):
        # ftfy leaves a truncated "â€" alone; in news it is a closing quote.
        fixed = "”" + _fix(run[2:]) if len(run) > 2 else "”"
    return fixed


def _align(run: str, fixed: str) -> list[tuple[int, int]] | None:
    """Which slice of `run` became each character of `fixed`, if findable."""
    pieces, i = [], 0
    for ch in fixed:
        for j in range(i + 1, min(len(run), i + 4) + 1):
            if run[i:j] == ch or _fix(run[i:j]) == ch:
                pieces.append((i, j))
                i = j
                break
        else:
            return None
    return pieces if i == len(run) else None


@dataclass
class CleanText:
    """`text` is the repaired view of `original`; offsets map between them."""

    original: str
    text: str
    # Sorted segment starts in the clean text, with the matching original
    # span of each segment. A segment is either a copied stretch (same length)
    # or one repaired character whose original span may be longer.
    _clean_starts: list[int]
    _segments: list[tuple[int, int, int, bool]]  # clean_start, orig_start, orig_end, copied

    @classmethod
    def of(cls, original: str) -> "CleanText":
        parts: list[str] = []
        clean_starts: list[int] = []
        segments: list[tuple[int, int, int, bool]] = []
        clean_pos = orig_pos = 0

        def copy_until(stop: int) -> None:
            nonlocal clean_pos, orig_pos
            if stop > orig_pos:
                parts.append(original[orig_pos:stop])
                clean_starts.append(clean_pos)
                segments.append((clean_pos, orig_pos, stop, True))
                clean_pos += stop - orig_pos
                orig_pos = stop

        for match in _MOJIBAKE_RUN.finditer(original):
            run = match.group()
            fixed = _fix(run)
            if fixed == run:
                continue
            copy_until(match.start())
            pieces = _align(run, fixed) or [(0, len(run))] * len(fixed)
            for ch, (a, b) in zip(fixed, pieces):
                parts.append(ch)
                clean_starts.append(clean_pos)
                segments.append((clean_pos, match.start() + a, match.start() + b, False))
                clean_pos += 1
            orig_pos = match.end()
        copy_until(len(original))
        if not segments:
            return cls(original, original, [0], [(0, 0, 0, True)])
        return cls(original, "".join(parts), clean_starts, segments)

    def __post_init__(self) -> None:
        self._orig_starts = [segment[1] for segment in self._segments]

    @property
    def repaired(self) -> bool:
        return self.text is not self.original

    def _segment(self, pos: int) -> tuple[int, int, int, bool]:
        return self._segments[max(bisect_right(self._clean_starts, pos) - 1, 0)]

    def original_start(self, pos: int) -> int:
        """Original offset where clean character `pos` begins."""
        if not self.repaired:
            return pos
        if pos >= len(self.text):
            return len(self.original)
        clean_start, orig_start, _, copied = self._segment(pos)
        return orig_start + (pos - clean_start) if copied else orig_start

    def clean_offset(self, orig_pos: int) -> int:
        """Clean offset of original offset `orig_pos` (start of its segment if repaired)."""
        if not self.repaired:
            return orig_pos
        i = bisect_right(self._orig_starts, orig_pos) - 1
        clean_start, orig_start, orig_end, copied = self._segments[max(i, 0)]
        if copied:
            return clean_start + min(orig_pos - orig_start, orig_end - orig_start)
        return clean_start if orig_pos == orig_start else clean_start + 1

    def original_end(self, pos: int) -> int:
        """Original offset where a clean span ending at `pos` (exclusive) ends."""
        if not self.repaired:
            return pos
        if pos <= 0:
            return 0
        clean_start, orig_start, orig_end, copied = self._segment(pos - 1)
        return orig_start + (pos - clean_start) if copied else orig_end
