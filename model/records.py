"""Plain records passed between the pipeline's stages.

One `Quote` travels through the whole pipeline: the quote finder fills the
span, the speaker stage fills the speaker fields, the stance stage fills the
label fields (each stage returns a copy made with `dataclasses.replace`).
Offsets always index the caller's original string: ``text[start:end]`` is
the quote's content, without its quotation marks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping


@dataclass(frozen=True)
class Quote:
    """One quotation found in an article."""

    text: str
    start: int
    end: int
    #: How the quote ended: "mark" (a closing quotation mark), "damaged"
    #: (a mojibake closing mark), "paragraph" (closing mark lost, ended at the
    #: paragraph's end) or "bound" (cut at `quotes.MAX_QUOTE_CHARS`).
    closed_by: str = "mark"
    #: Canonical speaker: the fullest name the article gives, a body, or a
    #: role as written when the article never names the person. None: unknown.
    speaker: str | None = None
    #: The words that name the speaker for this quote, as written.
    speaker_mention: str | None = None
    #: Offsets of `speaker_mention` in the original text, when it appears there.
    mention_start: int | None = None
    mention_end: int | None = None
    #: The reporting verb or phrase that attributes the quote ("said",
    #: "according to", ":" for a colon line, "continuation" ...).
    cue: str | None = None
    #: Filled by the stance stage.
    stance: str | None = None
    confidence: float | None = None
    probabilities: Mapping[str, float] = field(default_factory=dict)
    #: The probability that the quote is about the talks at all (not markets, a campaign,
    #: logistics ...); None when the model has no on-topic head.
    on_topic: float | None = None


@dataclass(frozen=True)
class Person:
    """One speaker entity of an article: every way the article names it."""

    canonical: str
    mentions: tuple[str, ...]
    kind: str = "person"  # "person", "body" or "role"
