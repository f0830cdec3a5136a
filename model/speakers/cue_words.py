"""Which words are speech cues (`_cue_of`): a speech verb, "according to", "per", "in the words of", a claim's owner.

`cues` finds the cue of a quote; this module only says whether one word
can be one, so that the words a tagger or parser misreads ("Tory
promises" as a verb, "North Coast Says No" as a verb, a phone call) stay
out.
"""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import ASPECT_LEMMAS, CLAIM_NOUNS, PHRASAL_SPEECH, SPEECH_LEMMAS
from .phrases import _is_proper


@dataclass
class _Cue:
    """What attributes a quote: a verb token, 'according to', or a colon line."""

    kind: str  # "verb", "according", "colon", "byline", "utterance", "carrier", "subject", "tag"
    token: object  # spaCy Token whose subject/object names the speaker
    distance: int


#: Places in a parse only a noun or a gerund can fill: any other "VERB" there is a noun the tagger misread.
_NOUN_DEPS = frozenset({"dobj", "pobj", "compound", "poss"})


def _cue_of(token) -> str | None:
    lemma = token.lemma_.lower()
    if _inside_a_name(token):
        return None  # "a spokesman for North East Says No"
    if token.text.lower() == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
        return "according"
    if _per_source(token):
        return "according"  # "per the party's bylaws"
    if _in_the_words_of(token):
        return "according"
    if token.pos_ in ("VERB", "AUX") and lemma in SPEECH_LEMMAS and not (token.dep_ in _NOUN_DEPS and token.tag_ != "VBG"):
        # Not a noun the tagger took for a verb ("criticised “lavish” Tory promises"); a gerund
        # ("footage of Ruiz saying “…”") is still a verb.
        if lemma in ASPECT_LEMMAS and any(c.dep_ in ("xcomp", "dobj") for c in token.children):
            return None  # "would continue fighting", not "he continued"
        if lemma == "call" and _phones(token):
            return None  # "customers are calling on the move", not "called on the board to …"
        if lemma == "quote" and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in token.children):
            return None  # the writer's aside: "Vell said, and I quote, “…”"
        return "verb"
    if lemma == "compare" and token.dep_ != "acl" and any(c.dep_ == "dobj" for c in token.children):
        return "verb"  # "Voss compared the plan to a “house of cards”", not "… compared with 9 last year"
    if lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children):
        return "verb"  # "as the report put it, “…”"
    if (lemma, _particle(token)) in PHRASAL_SPEECH:
        return "verb"  # "while Brandt went on about “…”", "Holt fired back: …"
    return None


def _inside_a_name(token) -> bool:
    """A capitalised word between capitalised words mid-sentence: part of a name or title ("Port Says No")."""
    doc = token.doc
    return (token.text[:1].isupper() and token.i > token.sent.start and token.i + 1 < len(doc)
            and doc[token.i - 1].pos_ == "PROPN" and doc[token.i + 1].text[:1].isupper())


def _phones(call) -> bool:
    """ "Call" with nothing called, called for or called on to act: a phone call, not words."""
    deps = {c.dep_ for c in call.children}
    if deps & {"dobj", "oprd", "xcomp", "ccomp", "attr", "dative", "nsubjpass", "prt"}:
        return False
    if _opens_a_quote_after(call):
        return False  # "Holt called from the doorway, “…”"
    return not any(c.dep_ == "prep" and c.lower_ == "for" for c in call.children) and any(c.dep_ == "prep" for c in call.children)


def _opens_a_quote_after(verb) -> bool:
    """The verb's own words end in a comma or colon and a quotation mark: "called from the door, “…”"."""
    doc, after = verb.doc, max([verb.i] + [c.right_edge.i for c in verb.children if c.i > verb.i and c.dep_ == "prep"])
    return after + 2 < len(doc) and doc[after + 1].text in (",", ":") and doc[after + 2].text in ("“", '"', "''", "``", "«", "‘")


def _particle(token) -> str:
    """The verb's particle ("out" in "pointed out"), or "".

    The parser often reads the particle right after the verb as an adverb
    ("shot back, “…”"): that counts too.
    """
    return next((c.lower_ for c in token.children
                 if c.dep_ == "prt" or c.dep_ == "advmod" and c.i == token.i + 1 and c.lower_ in _PARTICLES), "")


_PARTICLES = frozenset("back out on in off up down over".split())


def _in_the_words_of(token) -> bool:
    """ "In the words of Mara Lind, …": "words" naming a source like "according to"."""
    doc = token.doc
    if token.lower_ != "words" or token.i < 2 or doc[token.i - 2].lower_ != "in" or doc[token.i - 1].lower_ != "the":
        return False
    return token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "of"


def _per_source(token) -> bool:
    """ "per" naming a source ("per the bylaws", "per Reuters"), not a rate ("per year", "per cent")."""
    if token.lower_ != "per" or token.pos_ != "ADP":
        return False
    objects = [c for c in token.children if c.dep_ == "pobj"]
    return any(_is_proper(o) or any(c.dep_ in ("det", "poss") for c in o.children) for o in objects)


def _owned_utterance(token):
    """The owner of a claim a quote belongs to ("Dekker's claim that …", "his promise of “…”",
    "a claim by Dekker that …", "claims from Dekker that …", "the verdict of Mayor Dekker"), or None."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in CLAIM_NOUNS:
        return None
    # A plural owner's bare apostrophe may be read as punctuation ("the crews’ motto").
    owners = [c for c in token.children if c.dep_ == "poss" or c.dep_ == "nmod" and c.i + 1 < token.i and c.nbor().text in ("'", "’")]
    if not owners:  # a named owner after "by" or "of", not "his claim of victory"
        owners = [
            g for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "of", "from")
            for g in c.children if g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.ent_type_ in ("PERSON", "ORG", "NORP"))
        ]
    return owners[0] if owners else None


def _describes(token) -> bool:
    """A quoted word that qualifies an utterance rather than spelling it out.

    In "Ruiz slammed Holt's “reckless” remarks" and "Ruiz branded Holt's
    reply as “reckless”" the word is Ruiz's judgement of Holt's words, not
    Holt's words.
    """
    return token is not None and (token.dep_ in ("amod", "compound") or token.dep_ == "prep" and token.lower_ in ("as", "like"))
