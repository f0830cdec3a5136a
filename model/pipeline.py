"""The pipeline: article text → quotes → speakers → stance.

Each stage is a plain callable that takes and returns `Quote` records, so a
user can swap one (a different spaCy model, a custom quote finder, another
stance classifier) without touching the others.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Sequence

from .context import quote_context, quote_text
from .quotes import find_quotes
from .records import Quote
from .speakers import SpeakerAttributor
from .stance import StanceClassifier, StanceInput


#: Articles per chunk in `Pipeline.stream`: small enough that parsing and encoding
#: overlap from early on, large enough that the encoder's batches stay full.
CHUNK_SIZE = 16


@dataclass
class StanceLabeller:
    """The stance stage: reads each quote with its sentence and fills `stance`, `confidence`, `probabilities`."""

    classifier: StanceClassifier

    def __call__(self, text: str, quotes: list[Quote]) -> list[Quote]:
        return self.label_many([text], [quotes])[0]

    def label_many(self, texts: Sequence[str], quotes_per_text: Sequence[list[Quote]]) -> list[list[Quote]]:
        """Label the quotes of many articles in one encoder batch (the encoder is the cost)."""
        inputs = [
            StanceInput(quote_text(quote), quote_context(text, quote))
            for text, quotes in zip(texts, quotes_per_text)
            for quote in quotes
        ]
        probabilities, on_topic = self.classifier.predict_proba_and_on_topic(inputs) if inputs else ([], None)
        labels = list(self.classifier.classes_) if inputs else []
        labelled, row = [], 0
        for quotes in quotes_per_text:
            article = []
            for quote in quotes:
                p = probabilities[row]
                row += 1
                best = int(p.argmax())
                article.append(dataclasses.replace(
                    quote,
                    stance=str(labels[best]),
                    confidence=float(p[best]),
                    probabilities={str(label): float(value) for label, value in zip(labels, p)},
                    on_topic=None if on_topic is None else float(on_topic[row - 1]),
                ))
            labelled.append(article)
        return labelled


@dataclass
class Pipeline:
    """Named, replaceable stages run in order on one article.

    With `label_stance` None the pipeline stops after the speakers (quotes
    come back with `stance` None).
    """

    find_quotes: Callable[[str], list[Quote]] = find_quotes
    attribute: Callable[[str, list[Quote]], list[Quote]] = field(default_factory=SpeakerAttributor)
    label_stance: StanceLabeller | None = None
    chunk_size: int = CHUNK_SIZE

    def __call__(self, text: str) -> list[Quote]:
        return self.run_many([text])[0]

    def run_many(self, texts: Sequence[str]) -> list[list[Quote]]:
        """Quotes of each article, in order (see `stream`)."""
        return list(self.stream(texts))

    def stream(self, texts: Iterable[str]) -> Iterator[list[Quote]]:
        """Quotes of each article as soon as they are ready, in order; reads `texts` lazily.

        Articles go through in chunks of `chunk_size`. While the parser
        reads one chunk, the encoder labels the one before on a second
        thread (ONNX Runtime and the tokenizer release the GIL), so the two
        costs overlap instead of adding up, also across the batches of an
        archive (`model.batch`).
        """
        with ThreadPoolExecutor(1, thread_name_prefix="stance") as labeller:
            pending: deque = deque()
            for chunk in _chunks(texts, self.chunk_size):
                attributed = self.attribute_many(chunk)
                if self.label_stance is None:
                    yield from attributed
                    continue
                pending.append(labeller.submit(self.label_stance.label_many, chunk, attributed))
                while len(pending) > 1:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()

    def attribute_many(self, texts: Sequence[str]) -> list[list[Quote]]:
        """Quotes with speakers; a stage with its own `attribute_many` reads all the texts at once."""
        found = [self.find_quotes(text) for text in texts]
        if hasattr(self.attribute, "attribute_many"):
            return self.attribute.attribute_many(texts, found)
        return [self.attribute(text, quotes) for text, quotes in zip(texts, found)]


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    """Lists of up to `size` articles; a non-str item is refused with its position."""
    chunk: list[str] = []
    for index, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"an article must be a str, got {type(text).__name__} (item {index})")
        chunk.append(text)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_EXTRACTOR: Pipeline | None = None


def extract(text: str) -> list[Quote]:
    """Quotes of one article with their speakers, without stance (no classifier is loaded)."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = Pipeline()
    return _EXTRACTOR(text)
