"""Stage 1: find every quotation in an article.

`find_quotes(text)` returns `Quote` records whose offsets index the caller's
string. The finder works on a repaired view of the text (see `cleantext`) and
walks the quotation marks paragraph by paragraph:

* double marks (“…”, "…", «…», „…“) are found first; single marks (‘…’, '…')
  count as quotations only outside them, so a nested quote stays inside its
  outer quote;
* a paragraph that ends inside a quote continues it when the next paragraph
  re-opens with a mark (news style for long quotes); otherwise the closing
  mark was lost and the quote ends with its paragraph, so a stray mark can
  never swallow the rest of the article;
* hard line wraps are told apart from paragraph breaks by line length;
* quoted titles, nicknames and words mentioned as words are left out.

No quote is longer than `MAX_QUOTE_CHARS`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .cleantext import CleanText
from .paragraphs import Paragraphs
from .records import Quote

#: Upper bound on one quote's length in characters; a longer run of
#: re-opened paragraphs is cut at a paragraph end.
MAX_QUOTE_CHARS = 4000

DOUBLE_OPEN = "“„‟«"
DOUBLE_CLOSE = "”»"
DOUBLE_EITHER = '"＂'
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
SINGLE_EITHER = "'"

_OPENING_CONTEXT = set("([{—–-/") | set(DOUBLE_OPEN) | set(SINGLE_OPEN)
_CLOSING_CONTEXT = set(".,;:!?)]}—–-/…") | set(DOUBLE_CLOSE) | set(SINGLE_CLOSE)
_DOUBLE_MARK = re.compile("''|[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER) + "]")
_SINGLE_MARK = re.compile("(?<!')'(?!')|[" + re.escape(SINGLE_OPEN + SINGLE_CLOSE) + "]")

# Words that, right before a quoted stretch, mark a title, a name or a word
# mentioned as a word rather than someone's speech.
_NOT_SPEECH_BEFORE = re.compile(
    r"(?:so-called|nicknamed|dubbed|known as|titled|entitled|headlined|headline|"
    r"the (?:word|words|term|phrase|slogan|hashtag|motto|banner)|code-?named|"
    r"operation|the (?:film|book|song|novel|documentary|album|series|show|play|report|paper|article|column|essay|poem))"
    r"\s*[,:]?\s*$",
    re.IGNORECASE,
)
_NAMING_VERB_BEFORE = re.compile(r"\b(?:called|named|styled|branded|labelled|labeled|calls|names)\s*$", re.IGNORECASE)
# A one-word nickname between a first name and a surname: Ana "Nana" Ruiz.
_NICKNAME = re.compile(r"[A-Z][\w.'’-]*")
_NAME_BEFORE = re.compile(r"\b[A-Z][\w.'’-]*\s$")
_NAME_AFTER = re.compile(r"[^\S\n]+[A-Z]")
_MINOR_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "for", "to", "at", "by", "with", "from", "is", "vs", "vs."}
_REPORTING_CLAUSE = re.compile(
    r"\b(?:said|says|told|added|asked|warned|insisted|stressed|noted|argued|wrote|replied|explained|"
    r"declared|conceded|acknowledged|continued|according)\b",
    re.IGNORECASE,
)

# A reporting clause right after a quote's last words: ", the foreign minister
# told reporters", ", said Anna Berg", ", she added" (never "we said" or "I told",
# which belong to the quote).
_REPORTING_CLAUSE_AHEAD = re.compile(
    r"\s+(?!(?:and|but|or|so|because|that|which|who|if|when|then)\b)"
    r"(?:(?!(?:I|we|We|you|You)\b)[^\s.!?,;:“”\"]+\s+){0,5}?"
    r"(?:said|says|told|added|warned|insisted|stressed|noted|argued|wrote|replied|explained|declared|conceded|acknowledged)\b"
)


@dataclass(frozen=True)
class _Mark:
    pos: int
    char: str
    can_open: bool
    can_close: bool
    length: int = 1  # '' (two apostrophes, NYT style) is one double mark

    @property
    def end(self) -> int:
        return self.pos + self.length


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _classify(text: str, pos: int, single: bool, length: int = 1) -> _Mark | None:
    """Decide whether the mark at `pos` may open and/or close a quote."""
    ch = text[pos : pos + length]
    before = text[pos - 1] if pos > 0 else ""
    after = text[pos + length] if pos + length < len(text) else ""
    left_flanking = not _is_space(after) and (_is_space(before) or before in _OPENING_CONTEXT or before in "\"'")
    right_flanking = not _is_space(before) and (_is_space(after) or after in _CLOSING_CONTEXT or after in "\"'")
    if single:
        if before.isalnum() and after.isalnum():
            return None  # an apostrophe: don't, Russia’s, O'Neill
        if ch in "’'" and after.isdigit():
            return None  # ’90s, '24
        if before.lower() == "s" and _is_space(after) and not _closes_before_clause(text, pos + 1) and _noun_follows(text, pos + 1):
            # The rebels’ demands: a plural possessive, not a closing mark.
            return _Mark(pos, ch, left_flanking and ch != "’", False)
    if length == 2:
        if not left_flanking and not right_flanking:
            return None
        return _Mark(pos, ch, left_flanking, right_flanking, length)
    if ch in DOUBLE_OPEN or ch in SINGLE_OPEN:
        return _Mark(pos, ch, True, right_flanking and not left_flanking)
    if ch in DOUBLE_CLOSE or ch in SINGLE_CLOSE:
        return _Mark(pos, ch, left_flanking and not right_flanking, True)
    if not left_flanking and not right_flanking:
        if before.isalnum() and after.isalnum():
            return _Mark(pos, ch, True, True)  # word"word: let the state decide
        return None
    return _Mark(pos, ch, left_flanking, right_flanking)


_FUNCTION_WORDS = frozenset(
    "and but or nor to in on at for with as that which while before after because if when than this from by of the a an is was were are".split()
)


def _noun_follows(text: str, pos: int) -> bool:
    """True when a content word follows, as in "the rebels’ demands" (a possessive)."""
    match = re.match(r"\s*([A-Za-z]+)", text[pos : pos + 30])
    return bool(match) and match.group(1).lower() not in _FUNCTION_WORDS


def _closes_before_clause(text: str, pos: int) -> bool:
    """True when the words after `pos` read like a reporting clause (he said)."""
    following = text[pos : pos + 20].lstrip().lower()
    return bool(re.match(r"(?:he|she|they|we|it|i|said|says|added|told|according)\b", following))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _spans(text: str, marks: list[_Mark], paragraphs: Paragraphs) -> list[tuple[int, int, str]]:
    """Walk one family of marks (double or single) and pair them into spans."""
    spans: list[tuple[int, int, str]] = []
    open_mark: _Mark | None = None
    open_para = 0  # the last paragraph the open quote has reached

    def close_at_paragraph_end() -> None:
        spans.append((open_mark.end, _lost_close_end(text, open_mark.end, paragraphs.content_end(open_para)), "paragraph"))

    for mark in marks:
        if open_mark is not None:
            para = paragraphs.index(mark.pos)
            if para > open_para:
                continues = (
                    para == open_para + 1
                    and mark.can_open
                    and paragraphs.is_start(mark.pos)
                    and mark.pos - open_mark.pos <= MAX_QUOTE_CHARS
                )
                if continues:
                    open_para = para
                    continue
                close_at_paragraph_end()
                open_mark = None
            elif _nested_style(open_mark, mark):
                continue  # “…” inside «…»: part of the outer quote
            elif mark.can_close and (not mark.can_open or mark.pos > open_mark.end):
                spans.append((open_mark.end, mark.pos, "mark"))
                open_mark = None
                continue
            elif mark.can_open:
                # A second opening mark inside one paragraph: the first quote lost its close.
                spans.append((open_mark.end, _lost_close_end(text, open_mark.end, mark.pos), "paragraph"))
                open_mark = None
            else:
                continue
        if mark.can_open and open_mark is None:
            open_mark, open_para = mark, paragraphs.index(mark.pos)
    if open_mark is not None:
        close_at_paragraph_end()
    return spans


def _nested_style(open_mark: _Mark, mark: _Mark) -> bool:
    """Guillemets nest the other double marks: «… “x” …» is one quote."""
    guillemets = "«»"
    return (open_mark.char in guillemets) != (mark.char in guillemets)


def _lost_close_end(text: str, start: int, limit: int) -> int:
    """Where a quote whose closing mark is missing most likely ends.

    Where a reporting clause follows a comma or a sentence end
    (``…, the minister said.``, ``… said Anna Berg.``), the quote ends just
    before it: so a lost mark ends its quote with the sentence that
    attributes it, even in an article scraped onto one line. Otherwise a
    clause near the end of the stretch cuts it there, and failing that the
    paragraph's end (or the next opening mark) ends it.
    """
    segment = text[start:limit]
    for m in re.finditer(r"[,.!?](?=\s)", segment):
        if _REPORTING_CLAUSE_AHEAD.match(segment, m.end()):
            return start + m.end()
    for m in re.finditer(r"[,.!?](?=\s)", segment):
        tail = segment[m.end() :]
        if len(tail) < 120 and _REPORTING_CLAUSE.search(tail):
            return start + m.end()
    return limit


def _is_speech(text: str, start: int, end: int) -> bool:
    """False for quoted titles, nicknames and words mentioned as words."""
    before = text[max(0, start - 40) : max(0, start - 1)]
    if _NOT_SPEECH_BEFORE.search(before):
        return False
    content = text[start:end].strip(" ,.;:")
    words = [w for w in content.split() if w.lower() not in _MINOR_WORDS]
    title_case = 0 < len(words) <= 6 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    spoken = re.search(r"[!?]$", content) or _closes_before_clause(text, end + 1)
    if title_case and (len(words) >= 2 or _NAMING_VERB_BEFORE.search(before)) and not spoken:
        # "Fox News Sunday", "The Long Road Home": a name or a title, not speech.
        return False
    if _NICKNAME.fullmatch(content) and _NAME_BEFORE.search(before) and _NAME_AFTER.match(text, end + 1):
        return False  # Ana "Nana" Ruiz: a nickname inside a name
    return any(ch.isalnum() for ch in content)


def _remove_nested(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and span[0] < kept[-1][1]:
            continue  # inside (or overlapping) the previous quote
        kept.append(span)
    return kept


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in `text`, in order, with offsets into `text`."""
    if not isinstance(text, str):
        raise TypeError(f"find_quotes() needs a str, got {type(text).__name__}")
    clean = CleanText.of(text)
    view = clean.text
    paragraphs = Paragraphs(view)

    double_marks = [
        mark
        for m in _DOUBLE_MARK.finditer(view)
        if (mark := _classify(view, m.start(), single=False, length=len(m.group()))) is not None
    ]
    double_spans = _spans(view, double_marks, paragraphs)

    # Single marks inside a double quote belong to that quote (nesting).
    outer_starts = [s - 2 for s, _, _ in double_spans]
    outer_ends = [e + 2 for _, e, _ in double_spans]

    def inside_double(pos: int) -> bool:
        i = bisect_right(outer_starts, pos) - 1
        return i >= 0 and pos < outer_ends[i]

    single_marks = [
        mark
        for m in _SINGLE_MARK.finditer(view)
        if not inside_double(m.start()) and (mark := _classify(view, m.start(), single=True)) is not None
    ]
    single_spans = _spans(view, single_marks, paragraphs)

    quotes = []
    for start, end, closed_by in _remove_nested(double_spans + single_spans):
        if closed_by == "mark" and clean.is_repaired(end) and clean.original[clean.original_start(end)] in "â†":
            closed_by = "damaged"
        start, end = _trim(view, start, end)
        if end <= start or not _is_speech(view, start, end):
            continue
        if end - start > MAX_QUOTE_CHARS:
            end, closed_by = start + MAX_QUOTE_CHARS, "bound"
        orig_start, orig_end = clean.original_start(start), clean.original_end(end)
        if orig_end <= orig_start:
            continue
        quotes.append(Quote(text=text[orig_start:orig_end], start=orig_start, end=orig_end, closed_by=closed_by))
    return quotes
