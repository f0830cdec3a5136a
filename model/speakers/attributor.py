"""`SpeakerAttributor`: says who said each quote, running the steps article by article.

Articles' paragraphs go through the parser together (long texts in
windows); for each quote `find_cue` → `take_mention` → `resolve`, and a quote
with no cue continues the previous speaker within `continuation_paragraphs`.
Canonical names are settled at the end, as people get named more fully.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..records import Quote
from .vocabulary import DETERMINERS, PRONOUNS
from .registry import _Entity
from .article import Reading, SPACY_MODEL, WINDOW_CHARS, _Article, _parse_batches, _shifted, _windows, load_spacy
from .cues import find_cue, other_cues
from .cue_words import _cue_of
from .interview import interviewee_before, writers_question_before
from .mentions import is_agent, owner_of, take_mention
from .phrases import _head_of, _known_surname
from .resolve import resolve


class SpeakerAttributor:
    """Fill `speaker`, `speaker_mention` and `cue` of each quote of an article."""

    def __init__(self, spacy_model: str = SPACY_MODEL, continuation_paragraphs: int = 2):
        self.spacy_model = spacy_model
        self.continuation_paragraphs = continuation_paragraphs

    @property
    def nlp(self):
        return load_spacy(self.spacy_model)

    def __call__(self, text: str, quotes: list[Quote]) -> list[Quote]:
        return self.attribute_many([text], [quotes])[0]

    def attribute_many(self, texts: Sequence[str], quotes_per_text: Sequence[list[Quote]]) -> list[list[Quote]]:
        """Speakers for the quotes of many articles, whose paragraphs go through the parser together.

        The parser reads large batches about 10 % faster than one article's
        handful of paragraphs. Texts longer than `WINDOW_CHARS` are read in
        windows, and at most about `WINDOW_CHARS` of text is parsed at once,
        so memory stays bounded.
        """
        pieces = []  # (article, offset of the window, its text, its quotes shifted into it)
        for index, (text, quotes) in enumerate(zip(texts, quotes_per_text)):
            if not quotes:
                continue
            windows = [(0, len(text), quotes)] if len(text) <= WINDOW_CHARS else _windows(text, quotes)
            for w_start, w_end, group in windows:
                shifted = [replace(q, start=q.start - w_start, end=q.end - w_start) for q in group]
                pieces.append((index, w_start, text[w_start:w_end], shifted))
        attributed: list[list[Quote]] = [[] for _ in texts]
        for batch in _parse_batches(pieces):
            articles = [_Article.of(text, quotes) for _, _, text, quotes in batch]
            docs = iter(self.nlp.pipe((t for article in articles for t in article.parse_texts), batch_size=256))
            for (index, w_start, _, quotes), article in zip(batch, articles):
                article.docs = [next(docs) for _ in article.parse_texts]
                attributed[index] += [_shifted(q, w_start) for q in self._attribute(article, quotes)]
        return attributed

    def _attribute(self, article: "_Article", quotes: list[Quote]) -> list[Quote]:
        clean, view, spans = article.clean, article.clean.text, article.spans
        reading = Reading(view, spans, article.paragraphs, article.docs)
        attributed: list[Quote] = []
        previous: tuple[int, _Entity | None, str | None, str | None] | None = None  # para, entity, speaker, mention
        shared = None  # the last quote's mention span, speaker and entity
        mention_spans: dict[int, tuple[int, int] | None] = {}
        for quote, (start, end) in zip(quotes, spans):
            found = _speaker_of(reading, start, end)
            if found is None and previous is not None:
                para = reading.paragraphs.index(start)
                if para - previous[0] <= self.continuation_paragraphs:
                    speaker, mention, cue, entity = previous[2], previous[3], "continuation", previous[1]
                    found = (speaker, mention, None, cue, entity)
            if found is None:
                attributed.append(quote)
                continue
            speaker, mention, mention_span, cue, entity = found
            if mention_span is not None and shared is not None and mention_span == shared[0]:
                speaker, entity = shared[1], shared[2]  # one mention for two quotes: "calling it “…” and “…”"
            shared = (mention_span, speaker, entity)
            if entity is not None:
                speaker = entity.canonical
            m_start = m_end = None
            if mention_span is not None:
                m_start, m_end = clean.original_start(mention_span[0]), clean.original_end(mention_span[1])
            attributed.append(
                replace(quote, speaker=speaker, speaker_mention=mention, mention_start=m_start, mention_end=m_end, cue=cue)
            )
            mention_spans[len(attributed) - 1] = mention_span
            previous = (reading.paragraphs.index(end), entity, speaker, mention)
            reading.last_speaker = entity
            reading.last_source = speaker if entity is None and _is_thing_mention(mention) else None
        attributed = _tag_after_the_next_part(view, spans, attributed, mention_spans)
        attributed = _headline_quotes_from_body(reading, attributed, spans)
        # Canonical names can grow as the article names people more fully.
        return [
            replace(q, speaker=reading.canonical_of(q.speaker)) if q.speaker is not None else q for q in attributed
        ]


def _speaker_of(reading: Reading, start: int, end: int):
    """(speaker, mention, mention_span, cue, entity) for one quote, or None when it has no cue.

    The three steps: find the cue, take its subject as the mention, resolve the mention.
    """
    para = reading.paragraphs.index(start)
    if reading.paragraphs.is_start(max(start - 1, 0)) and writers_question_before(reading, para):
        interviewee = interviewee_before(reading, start)
        if interviewee is not None:  # the answer to the writer's question
            return interviewee.canonical, None, None, "interview", interviewee
    found = find_cue(reading, start, end)
    if found is None:
        return None
    para, cue = found
    mention_tokens = take_mention(reading, para, cue)
    if mention_tokens and _head_of(mention_tokens).lower_ in ("i", "me") and cue.kind != "label":
        interviewee = interviewee_before(reading, start)
        if interviewee is not None:  # "I asked": the writer asks, the quote answers
            return interviewee.canonical, None, None, "interview", interviewee
    if mention_tokens and not is_agent(mention_tokens) and not _known_surname(_head_of(mention_tokens), reading.registry):
        # Talks, tensions, a move: no one. Its owner ("the board's conclusion") or
        # another cue of the sentence names the speaker.
        first = cue.token
        mention_tokens = owner_of(mention_tokens)
        for para, cue in ([] if mention_tokens else other_cues(reading, start, end, skip=first)):
            tokens = take_mention(reading, para, cue)
            if tokens and is_agent(tokens):
                mention_tokens = tokens
                break
    if not mention_tokens:
        return None
    return resolve(reading, para, mention_tokens, cue, start)


def _tag_after_the_next_part(view: str, spans, quotes: list[Quote], mention_spans) -> list[Quote]:
    """A quote that runs straight on into another is one speaker's, named in the tag after the last part.

    "“The queues are the problem. “It might sound fine, but …,” said Ada Lind."
    (a quote that went on to a new paragraph, the line break lost): the first
    part has no tag of its own, and a sentence before it ("Iraq, they insisted,
    …") or the previous speaker must not take it. A first part closed by a mark
    of its own is a turn of its own, not the start of the next quote.
    """
    quotes = list(quotes)
    for i in range(len(quotes) - 2, -1, -1):
        (_, end), (next_start, next_end) = spans[i], spans[i + 1]
        between = view[end:next_start]
        if between.strip(" \t\"“”'‘’«»") or "\n" in between:
            continue
        if sum(ch in "\"“”«»" for ch in between) > 1:
            continue  # the first part closed with a mark of its own: another turn ("“…?” “…,” Kunin answered.")
        own, following = mention_spans.get(i), mention_spans.get(i + 1)
        if following is None or following[0] < next_end or quotes[i + 1].speaker is None:
            continue  # the next part has no tag after it
        if own is not None and own[0] > spans[i][0]:
            continue  # the first part has a tag of its own after it ("“…,” she said. “…,” he added.")
        before = view[max(0, spans[i][0] - 200) : spans[i][0]].rstrip(" \t\n\"“”'‘’«»")[-1:]
        if before not in ("", ".", "!", "?"):
            continue  # it does not open its sentence: "asked “…?”", "said: “…”" name its own speaker
        later = quotes[i + 1]
        quotes[i] = replace(quotes[i], speaker=later.speaker, speaker_mention=later.speaker_mention,
                            mention_start=later.mention_start, mention_end=later.mention_end, cue=later.cue)
        mention_spans[i] = following
    return quotes


def _headline_quotes_from_body(reading: Reading, quotes: list[Quote], spans) -> list[Quote]:
    """A headline's quoted words that the body quotes again are the body quote's speaker's.

    "Talks end with 'real gains'" above "… the mediator said the talks
    brought “real gains for both sides”": a headline names no speaker, or
    names the subject of its verb, while the words are the body's quote.
    Only a quote in the first paragraph with no speaker by a speech verb or
    "according to" of its own, whose words run on in a later quote that has
    a speaker of its own (not a continuation).
    """
    if not quotes or len(reading.paragraphs.starts) < 2:
        return quotes
    headline_end = reading.paragraphs.content_end(0)
    result = list(quotes)
    for i, ((start, end), quote) in enumerate(zip(spans, quotes)):
        if start >= headline_end:
            break
        words = _plain_words(reading.view[start:end])
        if not words:
            continue
        found = find_cue(reading, start, end) if quote.speaker is not None else None
        if found is not None and _cue_of(found[1].token) in ("verb", "according"):
            continue  # "Minister says deal 'within reach'"
        for (later_start, later_end), later in zip(spans[i + 1 :], quotes[i + 1 :]):
            if later_start < headline_end or later.speaker is None or later.cue in ("continuation", None):
                continue
            if _holds_run(_plain_words(reading.view[later_start:later_end]), words):
                result[i] = replace(
                    quote, speaker=later.speaker, speaker_mention=later.speaker_mention,
                    mention_start=later.mention_start, mention_end=later.mention_end, cue="headline",
                )
                break
    return result


def _plain_words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def _holds_run(words: list[str], run: list[str]) -> bool:
    return any(words[k : k + len(run)] == run for k in range(len(words) - len(run) + 1))


def _is_thing_mention(mention: str | None) -> bool:
    """A written source that is neither a pronoun nor a name: "the report", "the article"."""
    if not mention:
        return False
    words = mention.split()
    return words[0].lower() in DETERMINERS and words[-1].lower() not in PRONOUNS and not words[-1][:1].isupper()
