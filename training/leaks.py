"""The no-leak check: a speaker never holds quoted words or the parser's placeholder text.

The speaker stage masks stand-alone quotes with runs of "x" before parsing
(`masked_quotes` in the speaker stage); a speaker or mention that holds such
a run has leaked the mask. A mention must also lie outside every quote of
its article, and neither the speaker nor the mention may hold a quote's
words. `find_leaks` checks one article's predicted quotes; the evaluation
runs it on every article of every yardstick.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from model.records import Quote

#: The masking placeholder: a run of x's no name holds ("Exxon" has two).
PLACEHOLDER = re.compile(r"x{4,}", re.IGNORECASE)
#: A quote's words count as leaked into a name when the quote has at least this many words.
MIN_QUOTE_WORDS = 2


@dataclass(frozen=True)
class Leak:
    doc_id: str
    kind: str  # "placeholder", "mention inside a quote", "quote text in speaker"
    quote: str  # the quote whose speaker leaked
    speaker: str | None
    mention: str | None
    detail: str = ""

    def __str__(self) -> str:
        extra = f" ({self.detail})" if self.detail else ""
        return f"[{self.kind}] {self.doc_id}: speaker={self.speaker!r} mention={self.mention!r} for {self.quote[:60]!r}{extra}"


def find_leaks(doc_id: str, quotes: Sequence[Quote]) -> list[Leak]:
    """Every leak among one article's predicted quotes (an empty list when clean)."""
    leaks = []
    spans = [(q.start, q.end, q.text) for q in quotes if q.end > q.start]
    long_texts = [q.text.strip(" \t\n.,;:!?") for q in quotes if len(q.text.split()) >= MIN_QUOTE_WORDS]
    for quote in quotes:
        names = [name for name in (quote.speaker, quote.speaker_mention) if name]
        if not names:
            continue

        def leak(kind: str, detail: str = "") -> Leak:
            return Leak(doc_id, kind, quote.text, quote.speaker, quote.speaker_mention, detail)

        if any(PLACEHOLDER.search(name) for name in names):
            leaks.append(leak("placeholder"))
            continue
        if quote.mention_start is not None and quote.mention_end is not None:
            inside = [text for start, end, text in spans if quote.mention_start < end and start < quote.mention_end]
            if inside:
                leaks.append(leak("mention inside a quote", f"mention at {quote.mention_start}:{quote.mention_end} overlaps {inside[0][:40]!r}"))
                continue
        held = [text for text in long_texts if text and any(text in name for name in names)]
        if held:
            leaks.append(leak("quote text in speaker", f"holds {held[0][:40]!r}"))
    return leaks
