"""Interviews written in the first person: the writer asks, the person interviewed answers.

"Zelda Moor, the mayor, told me …", "I asked Moor whether …", then a
question in the writer's own words ("But can you trust them?") and a
quoted answer with no attribution of its own. The writer ("I", "me")
never speaks the quotes of a news article, and the sentences of a question
name no speaker: the answer is the interviewee's, the person the writer
talks to.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .vocabulary import SPEECH_LEMMAS

if TYPE_CHECKING:
    from .article import Reading
    from .registry import _Entity

_SECOND_PERSON = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
#: Verbs the writer interviews someone with: "I asked Moor", "I put it to Moor", "I interviewed Moor".
_ASKING_LEMMAS = frozenset("ask interview put press question tell".split())


def interviewee_before(reading: Reading, position: int) -> _Entity | None:
    """The last person the writer spoke with before `position` ("told me", "I asked X"), or None."""
    found = None
    for para, doc in enumerate(reading.docs):
        base = reading.paragraphs.starts[para]
        if base > position:
            break
        for token in doc:
            if base + token.idx > position or not reading.outside(para, token):
                continue
            person = None
            if token.lower_ == "me" and token.head.lemma_.lower() in SPEECH_LEMMAS:
                person = _child(token.head, ("nsubj",))  # "Moor told me"
            elif token.lower_ == "i" and token.dep_ == "nsubj" and token.head.lemma_.lower() in _ASKING_LEMMAS:
                person = _child(token.head, ("dobj", "dative"))  # "I asked Moor whether …"
            if person is not None and person.pos_ == "PROPN":
                entity = reading.registry.find_person(person.text)
                found = entity or found
    return found


def writers_question_before(reading: Reading, para: int) -> bool:
    """True when the paragraph before `para` is the writer's question: no quote, and ending in "?"
    or asking the reader's "you" ("But can you trust them? … He has changed his mind before.")."""
    if para == 0:
        return False
    start, end = reading.paragraphs.starts[para - 1], reading.paragraphs.content_end(para - 1)
    text = reading.view[start:end]
    if any(reading.inside[start:end]) or "?" not in text:
        return False
    return text.rstrip().endswith("?") or _SECOND_PERSON.search(text) is not None


def _child(verb, deps: tuple[str, ...]):
    return next((c for c in verb.children if c.dep_ in deps), None)
