"""The one repaired view of scraped text that every stage reads, with offsets back to the original.

Users hand us text as scrapers leave it. Before anything parses it, the
article is turned into a clean view by a fixed list of repairs, each a
small replacement of an original stretch:

* mojibake: UTF-8 marks decoded as Windows-1252 (``â€œ`` for “, ``â€\\x9d``
  or a bare ``â€`` for ”, ``â€™`` for ’), fixed with ftfy one stretch at a time;
* damaged closing marks: ``†`` (and a repaired ``â€``) touching a word becomes ”,
  with the space after it restored when it was lost (``it,†Foreign``); a real
  closing mark glued to the next word gets its space back too (``worse,”Lind said``),
  and so does a credit's dash glued to its name (``”⏎-Ada Lind``);
* HTML: block tags (``<p>``, ``<br>``, ``<div>``) become paragraph breaks,
  other tags (``<span …/>``, ``<a href=…>``) and ``<script>``/``<style>``
  blocks vanish, entities (``&quot;``, ``&#x2019;``) are unescaped;
* markdown links ``[words](https://…)`` are reduced to their words;
* zero-width characters are dropped and non-breaking spaces become spaces.

Text outside the repaired stretches is copied as is, so the offset map is
exact there. :meth:`CleanText.original_start` / :meth:`original_end` map a
span of the view back; :meth:`clean_offset` maps the other way. `CleanText.of`
keeps the views of recent articles, so the quote finder, the speaker stage
and the stance context all read one view, built once.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

import ftfy

# Lead characters of UTF-8 bytes seen through Windows-1252 / Latin-1.
_MOJIBAKE_RUN = re.compile(r"[ÂÃâÅÐÑ][^\x00-\x7f]*")
# "â€" with its third byte lost (often the \x9d of ”): a damaged closing mark.
_BARE_EURO = "â€"
# A dagger touching a word: a ” that a scraper turned into † (most often a closing mark;
# after curling went out of step, an opening one).
_DAGGER_CLOSE = re.compile(r"(?<=\S)†|†(?=\w)")
# A real closing mark after a quote's last punctuation, glued to the next word (`…,”Lind said`).
_GLUED_CLOSE = re.compile(r"(?<=[,.!?…])”(?=[^\W\d_])")
# A credit's dash glued to the name after a quote or at a line's start (`”\n\n-Ada Lind, Oslo.`).
_GLUED_DASH = re.compile(r"(?:(?<=\n)|(?<=[\"”]) ?)--?(?=[A-Z][a-z])")
_SCRIPT_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|table|tr|section|article|header|footer)\b[^<>]*>", re.IGNORECASE)
_INLINE_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\((?:https?://|www\.|/)[^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ODD_SPACE = re.compile("[\u00a0\u2007\u202f]")
_PARAGRAPH_BREAK = "\n\n"

#: One edit of the original: replace original[start:end] with `new`.
Edit = tuple[int, int, str]


@lru_cache(maxsize=4096)
def _fix(run: str) -> str:
    fixed = ftfy.fix_text(run, uncurl_quotes=False, fix_line_breaks=False, normalization=None)
    if fixed == run and run.startswith(_BARE_EURO):
        # ftfy leaves a truncated "â€" alone; in news it is a closing quote.
        fixed = "”" + _fix(run[2:]) if len(run) > 2 else "”"
    return fixed


def _closing_mark(original: str, end: int, mark: str = "”") -> str:
    """A repaired closing mark, with the space a scraper glued away put back."""
    return mark + " " if end < len(original) and original[end].isalnum() else mark


def _mojibake_edits(original: str) -> list[Edit]:
    edits = []
    for match in _MOJIBAKE_RUN.finditer(original):
        run = match.group()
        fixed = _fix(run)
        if fixed == run:
            continue
        if fixed.endswith("”") and match.start() > 0 and not original[match.start() - 1].isspace():
            fixed = fixed[:-1] + _closing_mark(original, match.end())
        # One edit per repaired character when the run splits cleanly, so offsets stay tight.
        pieces = _align(run, fixed)
        if pieces is None:
            edits.append((match.start(), match.end(), fixed))
        else:
            edits += [(match.start() + a, match.start() + b, ch) for ch, (a, b) in zip(fixed, pieces)]
    return edits


def _align(run: str, fixed: str) -> list[tuple[int, int]] | None:
    """Which slice of `run` became each character of `fixed`, if findable."""
    pieces, i = [], 0
    for ch in fixed:
        if ch == " " and i == len(run):
            pieces.append((i, i))  # the restored space after a glued closing mark
            continue
        for j in range(i + 1, min(len(run), i + 4) + 1):
            if run[i:j] == ch or _fix(run[i:j]) == ch:
                pieces.append((i, j))
                i = j
                break
        else:
            return None
    return pieces if i == len(run) else None


def _html_edits(original: str) -> list[Edit]:
    if "<" not in original and "&" not in original:
        return []
    edits = [(m.start(), m.end(), "") for m in _SCRIPT_BLOCK.finditer(original)]
    edits += [(m.start(), m.end(), _PARAGRAPH_BREAK) for m in _BLOCK_TAG.finditer(original)]
    edits += [(m.start(), m.end(), "") for m in _INLINE_TAG.finditer(original)]
    for m in _ENTITY.finditer(original):
        unescaped = html.unescape(m.group())
        if unescaped != m.group():
            edits.append((m.start(), m.end(), unescaped.replace("\u00a0", " ")))
    return edits


def _markdown_edits(original: str) -> list[Edit]:
    if "](" not in original:
        return []
    edits = []
    for m in _MARKDOWN_LINK.finditer(original):
        edits.append((m.start(), m.start(1), ""))  # "["
        edits.append((m.end(1), m.end(), ""))  # "](https://…)"
    return edits


def _character_edits(original: str) -> list[Edit]:
    edits = [(m.start(), m.end(), "") for m in _INVISIBLE.finditer(original)]
    edits += [(m.start(), m.end(), " ") for m in _ODD_SPACE.finditer(original)]
    edits += [
        (m.start(), m.end(), _closing_mark(original, m.end()) if m.start() > 0 and not original[m.start() - 1].isspace() else "”")
        for m in _DAGGER_CLOSE.finditer(original)
    ]
    edits += [(m.start(), m.end(), "” ") for m in _GLUED_CLOSE.finditer(original)]
    edits += [(m.start(), m.end(), m.group() + " ") for m in _GLUED_DASH.finditer(original)]
    return edits


#: The repairs, in order of precedence: where two would edit the same
#: characters, the earlier one wins (a tag's attributes are not unescaped).
REPAIRS = (_html_edits, _markdown_edits, _mojibake_edits, _character_edits)


def _non_overlapping(edits_by_repair: list[list[Edit]]) -> list[Edit]:
    """All edits in text order, dropping any that touch characters an earlier repair already edits."""
    taken: list[tuple[int, int]] = []
    kept: list[Edit] = []
    for edits in edits_by_repair:
        for edit in edits:
            start, end, _ = edit
            i = bisect_right(taken, (start, end))
            before = taken[i - 1] if i > 0 else None
            after = taken[i] if i < len(taken) else None
            if (before and before[1] > start) or (after and after[0] < end) or (after == (start, end)):
                continue
            taken.insert(i, (start, end))
            kept.append(edit)
    return sorted(kept, key=lambda e: (e[0], e[1]))


@dataclass
class CleanText:
    """`text` is the repaired view of `original`; offsets map between them."""

    original: str
    text: str
    # Sorted segment starts in the clean text, with the matching original
    # span of each segment. A segment is either a copied stretch (same length)
    # or one repaired character whose original span may be longer or empty.
    _clean_starts: list[int]
    _segments: list[tuple[int, int, int, bool]]  # clean_start, orig_start, orig_end, copied

    @classmethod
    def of(cls, original: str) -> "CleanText":
        """The repaired view of `original` (recent articles' views are kept, so every stage shares one)."""
        return _view_of(original)

    @classmethod
    def build(cls, original: str) -> "CleanText":
        edits = _non_overlapping([repair(original) for repair in REPAIRS])
        if not edits:
            return cls(original, original, [0], [(0, 0, 0, True)])
        parts: list[str] = []
        clean_starts: list[int] = []
        segments: list[tuple[int, int, int, bool]] = []
        clean_pos = orig_pos = 0
        for start, end, new in edits + [(len(original), len(original), "")]:
            if start > orig_pos:  # the untouched stretch before this edit
                parts.append(original[orig_pos:start])
                clean_starts.append(clean_pos)
                segments.append((clean_pos, orig_pos, start, True))
                clean_pos += start - orig_pos
            for ch in new:
                parts.append(ch)
                clean_starts.append(clean_pos)
                segments.append((clean_pos, start, end, False))
                clean_pos += 1
            orig_pos = end
        if not segments:  # everything was deleted
            return cls(original, "", [0], [(0, 0, len(original), True)])
        return cls(original, "".join(parts), clean_starts, segments)

    def __post_init__(self) -> None:
        self._orig_starts = [segment[1] for segment in self._segments]

    @property
    def repaired(self) -> bool:
        return self.text is not self.original

    def _segment(self, pos: int) -> tuple[int, int, int, bool]:
        return self._segments[max(bisect_right(self._clean_starts, pos) - 1, 0)]

    def is_repaired(self, pos: int) -> bool:
        """True when clean character `pos` was written by a repair, not copied."""
        return self.repaired and 0 <= pos < len(self.text) and not self._segment(pos)[3]

    def original_start(self, pos: int) -> int:
        """Original offset where clean character `pos` begins."""
        if not self.repaired:
            return pos
        if pos >= len(self.text):
            return len(self.original)
        clean_start, orig_start, _, copied = self._segment(pos)
        return orig_start + (pos - clean_start) if copied else orig_start

    def clean_offset(self, orig_pos: int) -> int:
        """Clean offset of original offset `orig_pos` (the edge of its repair when it lies inside one)."""
        if not self.repaired:
            return orig_pos
        i = bisect_right(self._orig_starts, orig_pos) - 1
        if i < 0:
            return 0
        clean_start, orig_start, orig_end, copied = self._segments[i]
        if copied:
            return clean_start + min(orig_pos - orig_start, orig_end - orig_start)
        if orig_pos == orig_start:  # the start of a repaired stretch: its first character
            return self._segments[bisect_left(self._orig_starts, orig_start)][0]
        return clean_start + 1  # inside a repaired stretch: just past it

    def original_end(self, pos: int) -> int:
        """Original offset where a clean span ending at `pos` (exclusive) ends."""
        if not self.repaired:
            return pos
        if pos <= 0:
            return 0
        clean_start, orig_start, orig_end, copied = self._segment(pos - 1)
        return orig_start + (pos - clean_start) if copied else orig_end


@lru_cache(maxsize=64)
def _view_of(original: str) -> CleanText:
    return CleanText.build(original)
