"""The sentence around a quote, as the stance classifier reads it.

The stance of a fragment often lives in its reporting clause
(`dismissed the plan as “a first step”`), so the classifier reads the quote's
sentence: from the sentence start before the opening mark to the sentence end
after the closing mark, widened to take in the speaker's mention when that
sits in a neighbouring sentence. Long quotes are shortened in the middle so
the reporting clause still fits in the encoder's window.
"""

from __future__ import annotations

import re

from .cleantext import CleanText
from .records import Quote

#: A sentence ends at . ! ? (perhaps followed by a closing mark) before
#: whitespace, or at a blank line.
_SENTENCE_END = re.compile(r"[.!?…][\"”’»']*(?=\s)|\n\s*\n")
MAX_CONTEXT_CHARS = 600
#: How much of a long quote the context keeps at each end.
QUOTE_HEAD_CHARS, QUOTE_TAIL_CHARS = 250, 100
#: A colon lead-in of at most this many words is read with the sentence before it.
SHORT_LEAD_IN_WORDS = 6
#: How far the context may reach out to take in the speaker's mention.
MENTION_REACH = 250


def _sentence_start(text: str, position: int) -> int:
    """Start of the sentence holding `position`: just after the last sentence end before it."""
    window_start = max(0, position - MAX_CONTEXT_CHARS)
    start = window_start
    for match in _SENTENCE_END.finditer(text, window_start, position):
        start = match.end()
    return start


def _sentence_end(text: str, position: int) -> int:
    """End of the sentence holding `position` (after its final punctuation and closing mark)."""
    limit = min(len(text), position + MAX_CONTEXT_CHARS)
    match = _SENTENCE_END.search(text, position, limit)
    if match is None:
        return limit
    return match.start() if match.group().isspace() else match.end()


def quote_context(text: str, quote: Quote) -> str:
    """The quote's sentence with its reporting clause, on one line, read from the article's repaired view."""
    clean = CleanText.of(text)
    text = clean.text
    q_start, q_end = clean.clean_offset(quote.start), clean.clean_offset(quote.end)
    start = _sentence_start(text, max(0, q_start - 1))  # before the opening mark
    end = max(_sentence_end(text, max(q_start, q_end - 1)), min(len(text), q_end + 1))
    if quote.mention_start is not None and quote.mention_end is not None:
        m_start, m_end = clean.clean_offset(quote.mention_start), clean.clean_offset(quote.mention_end)
        if start - MENTION_REACH <= m_start < start:
            start = _sentence_start(text, m_start)
        if end < m_end <= end + MENTION_REACH:
            end = _sentence_end(text, m_end)
    lead_in = text[start : max(start, q_start - 1)].strip()
    if start > 0 and lead_in.endswith(":") and len(lead_in.split()) <= SHORT_LEAD_IN_WORDS:
        # An answer introduced by a short line ("Her answer was short:") is read with the sentence
        # before it, which holds the question the short line does not.
        start = _sentence_start(text, start - 1)
    before, inside, after = text[start:q_start], text[q_start:q_end], text[q_end:end]
    if len(inside) > QUOTE_HEAD_CHARS + QUOTE_TAIL_CHARS:
        inside = inside[:QUOTE_HEAD_CHARS] + " … " + inside[-QUOTE_TAIL_CHARS:]
    before = before[-(MAX_CONTEXT_CHARS // 2) :]
    after = after[: MAX_CONTEXT_CHARS // 2]
    return " ".join((before + inside + after).split())


def quote_text(quote: Quote) -> str:
    """The quote's words on one line, repaired, a long quote shortened in the middle."""
    words = CleanText.build(quote.text).text
    if len(words) > QUOTE_HEAD_CHARS + QUOTE_TAIL_CHARS:
        words = words[:QUOTE_HEAD_CHARS] + " … " + words[-QUOTE_TAIL_CHARS:]
    return " ".join(words.split())
