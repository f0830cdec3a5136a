"""The pipeline: article text → quotes → speakers (→ stance, in a later stage).

Each stage is a plain callable that takes and returns `Quote` records, so a
user can swap one (a different spaCy model, a custom quote finder) without
touching the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .quotes import find_quotes
from .records import Quote
from .speakers import SpeakerAttributor


@dataclass
class Pipeline:
    """Named, replaceable stages run in order on one article."""

    find_quotes: Callable[[str], list[Quote]] = find_quotes
    attribute: Callable[[str, list[Quote]], list[Quote]] = field(default_factory=SpeakerAttributor)

    def __call__(self, text: str) -> list[Quote]:
        if not isinstance(text, str):
            raise TypeError(f"an article must be a str, got {type(text).__name__}")
        quotes = self.find_quotes(text)
        return self.attribute(text, quotes)


_DEFAULT: Pipeline | None = None


def extract(text: str) -> list[Quote]:
    """Quotes of one article with their speakers (no stance yet)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT(text)
