"""Documents and recordings named as a quote's source, and the person or body behind them.

An ad, a statement, a letter or a post (`CARRIER_NOUNS`) speaks for whoever
issued, sent or posted it when the sentence names them ("the union issued a
statement branding it “…”", "an email sent out by Vell"); otherwise the
document itself is the speaker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .vocabulary import BODY_NOUNS, CARRIER_NOUNS, TITLE_WORDS
from .phrases import _is_proper, _noun_phrase
from .cue_words import _cue_of

if TYPE_CHECKING:
    from .article import Reading


def _carrier_author(reading: Reading, para: int, verb, carrier):
    """The person behind an ad, a statement or a letter the cue names as the source.

    "Varga argued that the brochure “…” claims …" → Varga;
    "the union put out a statement that branded it “…”" → the union;
    "the film closes on a clip of Brandt promising, “…”" → Brandt;
    "“…,” read a statement from the union" → the union. None when the
    sentence names no one behind it: then the document speaks.
    """
    sender = _sender_of(carrier) or (_sender_of(verb) if carrier.head.i == verb.i else None)
    if sender is not None and reading.usable(para, sender):
        return _noun_phrase(sender)
    for token in verb.sent:
        if token.tag_ == "VBG" and _cue_of(token) == "verb" and token.i > 0:
            named = [c for c in token.children if c.dep_ == "nsubj" and _is_proper(c)]
            before = token.doc[token.i - 1]
            # "a clip of Brandt promising", not "a message on Twitter reading"
            if not named and _is_proper(before) and before.ent_type_ == "PERSON" and not (before.dep_ == "pobj" and before.head.lower_ != "of"):
                named = [before]
            if named and reading.usable(para, named[0]):
                return _noun_phrase(named[0])
    ancestor = verb
    for _ in range(5):
        if ancestor.head.i == ancestor.i:
            break
        ancestor = ancestor.head
        if _cue_of(ancestor) == "verb" or carrier.head.i == ancestor.i:
            subjects = [c for c in ancestor.children if c.dep_ == "nsubj" and reading.usable(para, c) and not _is_carrier(c)]
            if subjects and subjects[0].lower_ not in ("who", "which", "that", "it"):
                return _noun_phrase(subjects[0])
    return _clause_owner(reading, para, carrier)


def _clause_owner(reading: Reading, para: int, carrier):
    """Who produced a carrier named in a clause without a subject of its own.

    "His aides forced a change, replacing the pledge with softer language
    calling for “…”" → his aides; "The ruling prompted Edda Morn to make a
    remark that described the judges as “…”" → Edda Morn: up through
    joined and participle clauses to a subject, or to the object of the
    verb that a to-clause completes.
    """
    if carrier.dep_ in ("nsubj", "nsubjpass"):
        return None  # "as a memo put it": the document speaks
    token = carrier
    for _ in range(8):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and reading.usable(para, c) and not _is_carrier(c)]
        if subjects:
            return _noun_phrase(subjects[0]) if subjects[0].lower_ not in ("who", "which", "that", "it") else None
        if token.dep_ == "xcomp":
            objects = [c for c in token.head.children if c.dep_ == "dobj" and reading.usable(para, c) and not _is_carrier(c)]
            return _noun_phrase(objects[0]) if objects else None
        if token.dep_ not in ("conj", "advcl", "pcomp"):
            return None
    return None


def _sender_of(carrier):
    """Who a carrier comes from: "a statement from the union", "a letter by Mara Lind", "an email
    sent out by Vell", "Lind's post"; else None.

    The parser may hang "from …" on the verb instead ("“…,” read a statement from the union").
    """
    owners = [c for c in carrier.children if c.dep_ == "poss" and (_is_proper(c) or c.pos_ == "PRON")]
    if owners:
        return owners[0]
    preps = [c for c in carrier.children if c.dep_ == "prep" and c.lower_ in ("from", "by")]
    preps += [a for c in carrier.children if c.dep_ == "acl" and c.tag_ == "VBN" for a in c.children if a.dep_ == "agent"]
    for sender in (s for prep in preps for s in prep.children):
        if sender.dep_ == "pobj" and (
            _is_proper(sender) or sender.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            or sender.lemma_.lower() in BODY_NOUNS | TITLE_WORDS
        ) and sender.ent_type_ not in ("DATE", "TIME", "CARDINAL"):
            return sender
    return None


def _is_carrier(token) -> bool:
    """A common noun for a document or recording, not a person or body ("the ad", "a statement")."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in CARRIER_NOUNS
