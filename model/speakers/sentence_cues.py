"""Step 1, last resorts: cues outside the quote's own clause.

A transcript line's label (``HOLT: …``), a speech verb in the sentence just
before a quote that has none of its own, and the subject of a sentence that
holds a quoted fragment ("Voss compared the plan to a “house of cards”").
`cues.find_cue` tries these after the quote's own sentence names no one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .vocabulary import BODY_NOUNS, PEOPLE_NOUNS, TITLE_WORDS
from .phrases import _is_proper, _known_surname
from .cue_words import _Cue, _cue_of

if TYPE_CHECKING:
    from .article import Reading


def transcript_label(reading: Reading, para: int) -> list:
    """The speaker label opening a transcript line ("HOLT: …", "Moro: …"), or [].

    Capitals mark a label ("MS. QUIST:"); a label in ordinary case
    counts only when it names a known person, so "Update: …" does not.
    """
    match = TRANSCRIPT_LABEL.match(reading.view, reading.paragraphs.starts[para])
    if match is None:
        return []
    label = match.group(1)
    if not (label.isupper() and len(label) > 1) and reading.registry.find_person(label) is None:
        return []
    base = reading.paragraphs.starts[para]
    return [t for t in reading.docs[para] if base + t.idx < match.end(1) and not t.is_space]


# A transcript line's speaker: "HOLT:", "MS. QUIST:", "Moro:" (one to four words, then a colon).
TRANSCRIPT_LABEL = re.compile(r"[^\S\n]*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[^\S\n]")


def _previous_sentence_cue(reading: Reading, para: int, start: int):
    """A speech verb in the sentence just before a quote that has no cue of its own.

    News style introduces a speaker in one sentence and quotes them in the
    next: "Kloos said he would call both sides back. “I think …”". That
    sentence may end the previous paragraph when the quote opens its own.
    A sentence holding a quote of its own is left to the continuation rule.
    """
    if reading.paragraphs.is_start(max(start - 1, 0)):
        if para == 0:
            return None
        para = para - 1
        tokens = [t for t in reading.docs[para] if not t.is_space]
    else:
        base = reading.paragraphs.starts[para]
        tokens = [t for t in reading.docs[para] if not t.is_space and base + t.idx < start - 1]
    outside = [t for t in tokens if reading.outside(para, t)]
    if not outside:
        return None
    sentence = outside[-1].sent
    if any(not reading.outside(para, t) for t in sentence):
        return None  # that sentence has its own quote: the new one continues it
    for token in sentence:
        if reading.outside(para, token) and _cue_of(token) == "verb" and not _not_said(token):
            return para, _Cue("verb", token, 0)
    return _named_topic_cue(reading, para, sentence)


def _not_said(verb) -> bool:
    """A speech verb the sentence denies: "did not respond", "declined to comment", "refused to say".

    Such a sentence introduces no one's words, so the quote after it is not theirs.
    """
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("decline", "refuse")


def _named_topic_cue(reading: Reading, para: int, sentence):
    """The named subject of the sentence before a cue-less quote ("Voss backed the plan. “…”").

    A new person made the topic right before the quote is its speaker
    more often than the speaker of an earlier quote.
    """
    root = sentence.root
    subjects = [c for c in root.children if c.dep_ == "nsubj" and reading.usable(para, c)]
    if not subjects or not reading.outside(para, root):
        return None
    subject = subjects[0]
    # The tagger may read a known surname as a common noun ("Ruiz disagreed").
    if _is_proper(subject) or subject.lower_ in ("he", "she") or _known_surname(subject, reading.registry):
        return para, _Cue("subject", root, 0)
    if any(c.dep_ == "appos" and _is_proper(c) and (c.ent_type_ == "PERSON" or reading.registry.find_person(c.text) is not None) for c in subject.children):
        return para, _Cue("subject", root, 0)  # "Her deputy, Ada Lind, blames the tides. “…”"
    return None


def _host_sentence_cue(reading: Reading, para: int, start: int):
    """A quoted fragment inside a sentence whose named subject uses it.

    "Voss compared the plan to a “house of cards”" has no speech verb, but
    the words are Voss's, not the previous speaker's. Only a proper-noun
    subject of the sentence's main verb, outside the quote, counts.
    """
    base = reading.paragraphs.starts[para]
    first = next((t for t in reading.docs[para] if base + t.idx >= start), None)
    if first is None:
        return None
    sentence = first.sent
    if not any(reading.outside(para, t) and t.i < first.i and not t.is_punct for t in sentence):
        return None  # the quote opens its sentence: a continuation, not a fragment
    root = sentence.root
    # "Vell, Moro said, had sat on the board for “half a century” and signed “thousands of permits”": a speech
    # verb earlier in the sentence speaks for every fragment after it, before the subject it describes.
    # Only the sentence's own verb or an aside, not one of a clause inside it ("While Vell hails it, Moro …").
    spoken = [t for t in sentence if t.i < first.i and _cue_of(t) == "verb" and reading.outside(para, t)
              and t.dep_ in ("ROOT", "parataxis") and any(c.dep_ == "nsubj" and reading.usable(para, c) for c in t.children)]
    if spoken:
        return para, _Cue("verb", spoken[-1], 0)
    if not reading.outside(para, root):
        return None
    subjects = [c for c in root.children if c.dep_ == "nsubj" and reading.usable(para, c) and c.i < first.i]
    named = subjects and (_is_proper(subjects[0]) or _known_surname(subjects[0], reading.registry))  # a surname read as a plural noun
    # A role or people using the term ("The union leader believes pay must be a “line in the sand”"), not described by it
    # ("The harbour judges were “badly mistaken”": someone else's verdict on them).
    uses = subjects and subjects[0].pos_ == "NOUN" and root.lemma_ != "be"
    if subjects and (named or _is_body(subjects[0]) or _may_hold_a_view(subjects[0]) and (_takes_as(root, first) or uses)):
        return para, _Cue("subject", root, 0)
    return _named_root_cue(reading, para, root, first) or _clause_subject_cue(reading, para, root, first)


def _clause_subject_cue(reading: Reading, para: int, root, first):
    """A quoted term in a clause of its own whose subject is a body or a named person.

    "Residents fled after the army ordered evacuations to a “safe zone”":
    the term is the army's, the subject of the clause the quote sits in,
    not the previous speaker's. Only the nearest verb above the quote with a
    subject, outside the quote and below the main verb (the parser may hang
    a quoted word on a verb of the quote's own: "Vell supports “pay
    raises,” opposes …"), with a subject before the quote that is a body
    ("the army", an organisation) or a person's name.
    """
    token = first
    for _ in range(8):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ not in ("VERB", "AUX") or not reading.outside(para, token):
            continue
        if token.i == root.i:
            return None
        subjects = [c for c in token.children if c.dep_ == "nsubj" and c.i < first.i and reading.usable(para, c)]
        if not subjects:
            continue
        subject = subjects[0]
        if _is_body(subject) or subject.ent_type_ == "PERSON":
            return para, _Cue("subject", token, 0)
        return None
    return None


def _is_body(subject) -> bool:
    """An organisation, a nation or a body named by its noun ("the council", "the army")."""
    return subject.ent_type_ in ("ORG", "NORP", "GPE") or subject.lemma_.lower() in BODY_NOUNS and subject.pos_ == "NOUN"


def _takes_as(root, first) -> bool:
    """ "… welcomed the deal as “historic”": the quote hangs on an "as" of the main verb."""
    token = first
    for _ in range(6):
        if token.head.i == token.i:
            return False
        if token.head.lower_ == "as" and token.head.head.i == root.i:
            return True
        token = token.head
    return False


def _may_hold_a_view(subject) -> bool:
    """A subject that can regard something as "…": a body, a role, people, or he/she/they."""
    lemma = subject.lemma_.lower()
    return lemma in BODY_NOUNS | TITLE_WORDS or subject.lower_ in PEOPLE_NOUNS | {"he", "she", "they"}


def _named_root_cue(reading: Reading, para: int, root, first):
    """A sentence the parser hangs on its opening name: "Greta Solm, a historian, likened …".

    The verb becomes a clause on the name (acl) and the sentence has no
    subject; the name is still the one who used the quoted words.
    """
    if not (_is_proper(root) and root.ent_type_ == "PERSON"):
        return None
    verbs = [c for c in root.children if c.dep_ == "acl" and c.pos_ == "VERB" and c.i < first.i and reading.outside(para, c)]
    return (para, _Cue("subject", verbs[0], 0)) if verbs else None
