"""How a speech verb's clause hangs on the clause that holds its subject.

The parser often hangs a participle, a joined verb or a gerund after a
preposition far from the subject that says the words ("Lind said …, adding
…", "After insisting …, she …", "with Berg warning …"). These walks over
the parse find that subject's verb; `mentions._verb_speaker` uses them.
"""

from __future__ import annotations

from .vocabulary import PARTICIPLE_MARKS, SUBORDINATORS
from .cue_words import _cue_of


def _absolute_subject(verb):
    """The subject of an absolute "with" clause: "with Berg warning that …" → Berg; else None.

    The parser hangs the "-ing" verb on the main clause and the noun on
    "with", so the verb seems to have no subject and the main clause's
    ("Tensions rose, with Berg last week warning …") would speak instead.
    A time phrase or adverb of the verb may stand between the noun and the
    verb, and an appositive set off by commas after the noun ("with the
    minister, Ana Ruiz, saying …").
    """
    if verb.tag_ != "VBG":
        return None
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and _time_or_adverb(doc[i]):
        i -= 1  # "on Monday", "last week", "also"
    if i < 1:
        return None
    noun = doc[i]
    if noun.text == ",":  # the comma closing an appositive: the noun it describes
        appositive = next((t for t in (doc[i - 1], *doc[i - 1].ancestors) if t.dep_ == "appos"), None)
        if appositive is None:
            return None
        noun = appositive.head
    if noun.pos_ not in ("NOUN", "PROPN", "PRON") or noun.dep_ != "pobj" or noun.head.lower_ not in ("with", "without"):
        return None
    return noun


def _absolute_before(verb):
    """The subject of a "with" clause that a trailing "-ing" speech verb goes on from, or None.

    "The row began on the show, with Ada Lind marching up to him, saying “…”":
    the parser hangs "saying" on "began", whose subject ("the row") says nothing.
    """
    if verb.tag_ != "VBG" or verb.dep_ != "advcl":
        return None
    for prep in verb.head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "without") and prep.i < verb.i:
            if not all(t.is_punct for t in verb.doc[prep.right_edge.i + 1 : verb.i]):
                continue  # "…, with both sides agreeing, Araghchi said, describing …": the tag between speaks
            for clause in prep.children:
                if clause.dep_ == "pcomp" and clause.tag_ == "VBG":
                    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                    if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
                        return subject
    return None


def _time_or_adverb(token) -> bool:
    """A word of a time phrase or an adverb: "last week", "on Monday", "also" (not "after", "while")."""
    if token.is_punct:
        return False
    if token.ent_type_ in ("DATE", "TIME") or token.dep_ in ("advmod", "npadvmod") and token.lower_ not in SUBORDINATORS:
        return True
    return token.dep_ == "prep" and any(c.ent_type_ in ("DATE", "TIME") for c in token.children)


def _relative_antecedent(verb, pronoun):
    """Who a "who" clause is about: the noun right before it when that noun ends a list.

    In "guests like Ana Ruiz, Tom Reyes and Ivo Brandt, who joked …" the
    parser may hang the clause on the list's first name; it is about the last.
    """
    doc = pronoun.doc
    i = pronoun.i - 1
    while i >= 0 and doc[i].is_punct:
        i -= 1
    last = doc[i] if i >= 0 else None
    if last is not None and last.i != verb.head.i and last in verb.head.conjuncts:
        return last
    return verb.head


def _noun_before(pronoun):
    """The head of the noun phrase right before a relative pronoun, or None.

    "… turned to the city police, which reported “…”": when the parser makes
    the clause an adverbial one, the relative pronoun still stands for the
    noun it follows.
    """
    doc = pronoun.doc
    i = pronoun.i - 1
    while i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 0 or doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    token = doc[i]
    while token.dep_ in ("compound", "flat") and token.head.i > token.i:
        token = token.head
    return token


def _reporting_verb_above(verb):
    """The speech verb whose reported clause holds `verb`, or None.

    "Mook said the campaign expects Holt to rein him in by calling out his
    “lies”": words inside someone's reported speech are that person's.
    """
    token = verb
    for _ in range(4):
        if token.dep_ not in ("ccomp", "xcomp", "conj") or token.head.i == token.i:
            return None
        token = token.head
        if _cue_of(token) == "verb":
            return token
    return None


def _joined_speech_verb(verb):
    """The verb a conjunct shares its subject with.

    "said talks would resume but cautioned that …": the parser often joins
    the second speech verb to a verb of the reported clause; its speaker is
    still the subject of the speech verb above that clause.
    """
    ancestor = verb.head
    for _ in range(4):
        if _cue_of(ancestor) == "verb":
            return ancestor
        if ancestor.head.i == ancestor.i:
            break
        ancestor = ancestor.head
    return verb.head


def _trailing_participle_in_relative(verb) -> bool:
    """ ", answering …" hung inside a relative clause: "Brandt, asked about a trader who said …, answering “…”".

    A participle set off by a comma, or opened by "while"/"after"…, speaks
    for the sentence's subject; the parser attaches it to the nearest verb,
    often one inside a relative clause ("… the stadium, where the team
    played, while chanting “…”").
    """
    if verb.tag_ != "VBG" or verb.i == 0:
        return False
    opened = verb.doc[verb.i - 1].text == "," or any(c.dep_ == "mark" and c.lower_ in PARTICIPLE_MARKS for c in verb.children)
    return opened and any(_is_relative_clause(t) for t in [verb.head, *verb.head.ancestors])


def _is_relative_clause(verb) -> bool:
    """A relative clause, also one the parser labels otherwise ("the stadium, where the team played")."""
    return verb.dep_ == "relcl" or any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children)


def _verb_before_preposition(verb):
    """The word a preposition before a "-ing" speech verb hangs on, or None.

    "fined for saying …", "after insisting …", "for his role in … and for
    saying …": the speaker is the subject of that word, wherever it stands
    ("After saying …, she was rushed …").
    """
    if verb.dep_ != "pcomp":
        return None
    preposition = verb.head
    while preposition.dep_ == "conj" and preposition.head.i != preposition.i:
        preposition = preposition.head  # "in … and for saying"
        if preposition.pos_ in ("VERB", "AUX"):
            return preposition  # the parser joined the second preposition to the verb itself
    if preposition.dep_ != "prep" or preposition.head.i == preposition.i:
        return None
    head = preposition.head
    while head.i > verb.i and head.dep_ in ("advcl", "ccomp") and head.head.i != head.i:
        head = head.head  # "After insisting the bridge was “safe,” she …": the parser hung "After" on the reported clause
    return head
