"""Reading the article's people and bodies into the registry, before any quote is attributed.

Named people (also names the small model misses or mislabels, and names in
title-case headlines), bodies ("the port workers' union", ORG entities), a
first-person writer's relatives; one-word "people" the article uses as places,
and longer ones the tagger always calls organisations, become bodies. Then bare
surnames and pronouns, in text order, give each person recency, subject
mentions and gender votes, which resolving relies on.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from .vocabulary import HONORIFICS, BODY_ENTITY_LABELS, BODY_NOUNS, DETERMINERS, EVENT_WORDS, FIRST_NAMES, KIN_NOUNS, NAME_PARTICLES, NOT_PERSON_LABELS, ODD_NAME_LABELS, ORGANISATION_NOUNS, ORG_WORDS, PRONOUNS, STATE_WORDS, TITLE_WORDS
from .registry import _Entity, _body_head, _gender_from_votes, _listed_gender, gender_of_first_name, normalize_name
from .phrases import _first_name_before, _gender_of_name_words, _honorific_before, _hyphenated, _is_main_subject, _is_proper, _is_subject, _may_name, _noun_phrase, _strip_titles, _text_between
from .cue_words import _cue_of

if TYPE_CHECKING:
    from .article import Reading


# How far (characters) a he/she may follow a name to count as evidence of its gender.
PRONOUN_VOTE_REACH = 400


# A picture credit ending a caption: "[Anna Berg/Reuters]", "(AA Photo)", "(Photo: Anna Berg)".
_PICTURE_CREDIT = re.compile(r"[\[(][^\[\]()\n]{0,80}(?:/|\b[Pp]hoto\b|\bGetty\b)[^\[\]()\n]{0,80}[\])]")


def _in_picture_credit(text: str, start: int, end: int) -> bool:
    """A name in a photographer's credit or glued to an agency ("Ana Ruiz/AFP") is nobody who speaks."""
    if text[end : end + 1] == "/" or text[start - 1 : start] == "/":
        return True
    return any(m.start() < start and end < m.end() for m in _PICTURE_CREDIT.finditer(text, max(0, start - 90), end + 90))


def read_people(reading: Reading) -> None:
    """Register every named person outside quotes, with titles and appositive roles.

    spaCy's small model often misses unfamiliar names, so a run of two or
    more capitalised proper nouns counts too, unless it is part of a longer
    organisation name or is introduced as one ("the consultancy Fennick Marine").
    In a headline in title case every word is capitalised, so names
    swallow their neighbours ("Lawmakers Rip Anna Berg"): see `_headline_name`.
    """
    for para, doc in enumerate(reading.docs):
        headline = _is_title_case_headline(doc.text)
        names = [_owner_of(_with_first_name(ent)) for ent in doc.ents if ent.label_ == "PERSON"]
        covered = {t.i for ent in names for t in ent}
        for token in doc:
            if token.pos_ == "PROPN" and token.i not in covered and (_may_be_mislabelled_name(token) or _after_first_name(token)):
                parts = _proper_noun_run(token)
                words = {t.lemma_.lower() for t in parts} | {t.lower_ for t in parts}
                owned = any(t.tag_ == "POS" for t in doc[parts[0].i : token.i])  # "Gordon Brown's Budget" is no name
                if len(parts) >= 2 and not owned and not words & (BODY_NOUNS | ORG_WORDS) and token.dep_ not in ("compound", "flat"):
                    run = doc[parts[0].i : token.i + 1]
                    if _could_be_person_name(run):
                        names.append(run)
        if not headline:  # "Hit Piece Exploits Port Union" is no body's name
            _read_bodies(reading, para, doc)
        for ent in names:
            if not reading.outside(para, ent[0]) or _in_picture_credit(doc.text, ent.start_char, ent.end_char):
                continue
            if ent[-1].lower_ in EVENT_WORDS:
                continue  # "the Munich Security Conference", tagged as a person by the small model
            name = _strip_titles([t for t in ent if t.pos_ in ("PROPN", "NOUN", "ADJ") or t.is_title])
            if name and headline:
                name = _headline_name(reading, para, name)
            elif name and para == 0:
                name = _headline_first_word(reading, name)
            if not name:
                continue
            if _modifies_another_name(ent, names):
                continue  # "Lib Dem" in "Lib Dem Sir Archy Vale": a label of the name after it
            if _introduced_as_organisation(ent) or _plural_group(ent):
                reading.registry.add_body(name, name.split()[-1].lower(), reading.pos(para, ent[0]))
                continue
            entity = reading.registry.add_person(name, reading.pos(para, ent[0]), _roles_around(ent), _gender_near(ent))
            entity.name_gender = entity.name_gender or gender_of_first_name(name)
        _read_first_person_kin(reading, para, doc)
    subjects = _SubjectIndex(reading)
    _read_untagged_speakers(reading, subjects)
    _demote_places(reading, subjects)
    _read_mentions(reading)


def _read_first_person_kin(reading: Reading, para: int, doc) -> None:
    """The writer's relatives in a first-person piece: "my father", "my mother".

    A column or essay may never name them, yet its he/she refers to them:
    "“…,” my father often said. He also told …". Each is a person of known
    gender, called as written.
    """
    for token in doc:
        gender = KIN_NOUNS.get(token.lower_)
        if gender is None or not reading.outside(para, token):
            continue
        if not any(c.dep_ == "poss" and c.lower_ == "my" for c in token.children):
            continue
        pos = reading.pos(para, token)
        entity = reading.registry.add_person(f"my {token.lower_}", pos, (), gender)
        if _is_main_subject(token):
            entity.subject_positions.append(pos)


def _read_bodies(reading: Reading, para: int, doc) -> None:
    """Register the bodies a paragraph names: "the port workers' union", "the Northern Fisheries Council"."""
    for token in doc:
        if token.lemma_.lower() in BODY_NOUNS and token.pos_ in ("NOUN", "PROPN") and reading.outside(para, token):
            phrase = _noun_phrase(token)
            content = [t for t in phrase if t.pos_ in ("PROPN", "NOUN", "ADJ")]
            if len(content) >= 2 and all(reading.outside(para, t) for t in phrase):
                name = _text_between(phrase)
                if phrase[0].lower_ in DETERMINERS and token.text.islower():
                    name = phrase[0].lower_ + name[len(phrase[0].text):]  # "The Ostland defence ministry said" → "the …"
                reading.registry.add_body(name, token.lemma_.lower(), reading.pos(para, phrase[0]))
    for ent in doc.ents:
        if ent.label_ == "ORG" and all(reading.outside(para, t) for t in ent) and len(ent) > 1:
            _add_named_body(reading, para, ent)


def _headline_name(reading: Reading, para: int, name: str) -> str:
    """The part of a title-case headline's name run that names a person.

    "Lawmakers Rip Anna Berg" → "Anna Berg": the longest ending of two or
    more words that the article's body also writes, else the last two
    words when the body uses that surname; "" when the body never does.
    """
    body = reading.view[: reading.paragraphs.starts[para]] + "\n" + reading.view[reading.paragraphs.ends[para] :]
    words = name.split()
    for i in range(len(words) - 1):
        if len(words) - i >= 2 and " ".join(words[i:]) in body:
            return " ".join(words[i:])
    if len(words) >= 2 and re.search(r"\b" + re.escape(words[-1]) + r"\b", body):
        return " ".join(words[-2:])
    return ""


def _headline_first_word(reading: Reading, name: str) -> str:
    """A sentence-case headline's name whose first word the body never writes with the surname.

    "Resilient Zelensky tells …" above "President Volodymyr Zelensky": the
    headline's capitalised first word is a description, not a first name,
    when the body writes the surname after another first name and never the
    headline's pair. Then only the surname is the name.
    """
    words = name.split()
    if len(words) != 2:
        return name
    body = reading.view[reading.paragraphs.ends[0] :]
    if re.search(r"\b" + re.escape(name) + r"\b", body):
        return name
    others = re.findall(r"\b([A-Z][\w-]+) " + re.escape(words[1]) + r"\b", body)  # not "Ukraine's Zelensky"
    if any(o != words[0] and o.lower().rstrip(".") not in TITLE_WORDS | HONORIFICS.keys() for o in others):
        return words[1]
    return name


def _add_named_body(reading: Reading, para: int, ent) -> None:
    """An organisation the model names ("the Northern Fisheries Council").

    Registered so that a later short form or acronym ("the NFC",
    "Kestrel" for "Kestrel Freight Lines") gets the full name as its canonical form.
    """
    words = [t for t in ent if not t.is_punct or t.text in "-&"]
    while words and words[0].lower_ in DETERMINERS:
        words.pop(0)
    if len(words) < 2 or words[-1].lower_ in ("’s", "'s"):
        return
    name = _text_between(words)
    reading.registry.add_body(name, _body_head(normalize_name(name).split()), reading.pos(para, words[0]))


def _demote_places(reading: Reading, subjects: "_SubjectIndex") -> None:
    """One-word "people" the article also uses as a place or group are bodies.

    The small model tags invented country and town names as PERSON; such a
    "person" would then take every nearby he/she. A one-word name that
    elsewhere is tagged a place or organisation, owns a body ("Kelmora's
    delegation") or follows "in"/"from" is treated as a body, unless a
    "Ms" or "Lord" says it is a person; a longer name goes to
    `_demote_named_body`.
    """
    for entity in reading.registry.entities:
        if entity.kind != "person":
            continue
        if any(len(n.split()) > 1 for n in entity.names):
            _demote_named_body(reading, entity, subjects)
            continue
        word = entity.names[0]
        place, person = 0, 0
        for doc in reading.docs:
            for t in doc:
                if t.text != word:
                    continue
                if t.ent_type_ == "PERSON":
                    person += 1
                if t.ent_type_ in BODY_ENTITY_LABELS | {"LOC"} or _owns_a_body(t) or _after_place_preposition(t):
                    place += 1
        titled = bool(entity.roles & HONORIFICS.keys())  # "Ms Moor", "Lord Vell": a person, however tagged
        if place > 0 and not titled and (place >= person or not entity.roles) and not subjects.taken_up_by_pronoun(reading, word, entity):
            entity.kind = "body"
            entity.roles = {word.lower()}
            fuller = reading.registry.find_body(word, word.lower(), skip=entity)
            if fuller is not None:
                reading.registry.merge(entity, into=fuller)


def _demote_named_body(reading: Reading, entity: _Entity, subjects: "_SubjectIndex") -> None:
    """A longer "person" the model tags an organisation or place every time it names it is a body.

    A run of proper nouns counts as a name when the model mislabels a
    surname (`_may_be_mislabelled_name`); "Deutsche Boerse", tagged ORG in
    every sentence, with no first name, title or role, and never a he/she's
    antecedent, is the body the model says it is, so its "it said" finds it.
    """
    name = max(entity.names, key=len)
    words = name.split()
    if entity.roles or normalize_name(words[0]) in FIRST_NAMES:
        return
    body, person = 0, 0
    for doc in reading.docs:
        for t in doc:
            if t.text == words[-1] and doc[max(0, t.i - len(words) + 1) : t.i + 1].text == name:
                person += t.ent_type_ == "PERSON"
                body += t.ent_type_ in BODY_ENTITY_LABELS
    if body >= 2 and person == 0 and not subjects.taken_up_by_pronoun(reading, words[-1], entity):
        entity.kind = "body"
        entity.roles = {words[-1].lower()}


def _read_untagged_speakers(reading: Reading, subjects: "_SubjectIndex") -> None:
    """One-word names the model never tags as a person that speak and are then "he" or "she".

    "Oyelaran said …. “…,” he told the agency": an unfamiliar surname the
    small model calls an organisation (or nothing) in every sentence is
    still a person when it is the subject of a speech verb and a he/she
    can only refer to it (`_SubjectIndex.taken_up_by_pronoun`).
    """
    seen: set[str] = set()
    for para, doc in enumerate(reading.docs):
        for token in doc:
            word = token.text
            if word in seen or not _may_be_untagged_speaker(reading, para, token):
                continue
            seen.add(word)
            if reading.registry.find_person(word) is None and subjects.taken_up_by_pronoun(reading, word):
                reading.registry.add_person(word, reading.pos(para, token))


def _may_be_untagged_speaker(reading: Reading, para: int, token) -> bool:
    """A lone capitalised proper noun, not tagged a place or a person, that is a speech verb's subject."""
    if token.pos_ != "PROPN" or token.dep_ not in ("nsubj", "nsubjpass") or token.ent_type_ in NOT_PERSON_LABELS | {"PERSON"}:
        return False
    if not (token.is_alpha and token.text[:1].isupper() and not token.text.isupper() and len(token.text) > 2):
        return False
    if any(c.dep_ in ("compound", "flat", "det", "amod") for c in token.children) or token.lower_ in BODY_NOUNS | ORG_WORDS | TITLE_WORDS:
        return False
    return _cue_of(token.head) == "verb" and reading.usable(para, token)


class _SubjectIndex:
    """Where each word is a clause's subject outside quotes, and where a subject he/she stands."""

    def __init__(self, reading: Reading) -> None:
        self.by_word: dict[str, list[int]] = {}
        self.pronouns: list[int] = []
        for para, doc in enumerate(reading.docs):
            for t in doc:
                if t.dep_ not in ("nsubj", "nsubjpass") or not reading.outside(para, t):
                    continue
                if t.lower_ in ("he", "she") and t.pos_ == "PRON":
                    self.pronouns.append(reading.pos(para, t))
                else:
                    self.by_word.setdefault(t.text, []).append(reading.pos(para, t))

    def taken_up_by_pronoun(self, reading: Reading, word: str, entity: _Entity | None = None) -> bool:
        """A one-word name that a later he/she must refer to: a person, whatever labels the model gave it.

        The small model labels an unfamiliar surname ("Zelenskyy", "Oyelaran")
        now a person, now an organisation or a place. When the name is a
        clause's subject and the next subject he/she after it, within
        `PRONOUN_VOTE_REACH`, has no other person named in reach before it,
        that pronoun can only be this name: places and bodies are not "he".
        """
        others = [p for e in reading.registry.entities if e.kind == "person" and e is not entity for p in e.positions]
        for at in self.by_word.get(word, ()):
            k = bisect_right(self.pronouns, at)
            following = self.pronouns[k] if k < len(self.pronouns) else None
            if following is None or following - at > PRONOUN_VOTE_REACH:
                continue
            if not any(following - PRONOUN_VOTE_REACH < p < following for p in others):
                return True
        return False


def _read_mentions(reading: Reading) -> None:
    """Bare surnames and pronouns after the names are known, in text order.

    A surname adds a mention to its person (so recency is right for
    pronouns); a he/she/his/her is a vote for the gender of the person
    named last shortly before it (`PRONOUN_VOTE_REACH`). The votes decide a
    person's gender unless a title or role word already did
    (``Mr``, ``spokeswoman``); the first-name guess is the last resort.
    """
    mentions: list[tuple[int, _Entity, bool, int]] = []  # (offset, person, is a subject, paragraph)
    for para, doc in enumerate(reading.docs):
        for token in doc:
            if not reading.outside(para, token):
                continue
            pos = reading.pos(para, token)
            if _may_name(token) and token.dep_ not in ("compound", "flat"):
                first = _first_name_before(token)
                entity = first and reading.registry.find_person(f"{first} {_hyphenated(token)}")
                entity = entity or reading.registry.find_person(_hyphenated(token), _honorific_before(token))
                if entity is not None:
                    mentions.append((pos, entity, _is_subject(token), para))
                    if _is_main_subject(token):
                        entity.subject_positions.append(pos)
                    if pos not in entity.positions:
                        entity.positions.append(pos)
            elif token.lower_ in ("he", "she", "his", "her", "him", "hers", "himself", "herself") and token.pos_ == "PRON":
                gender = "m" if token.lower_ in ("he", "his", "him", "himself") else "f"
                voter = _antecedent(mentions, pos, para, token.dep_ == "nsubj")
                if voter is not None:
                    voter.votes[gender] = voter.votes.get(gender, 0) + 1
    for entity in reading.registry.entities:
        entity.gender = entity.gender or _gender_from_votes(entity.votes, _listed_gender(entity.canonical)) or entity.name_gender
    _follow_pronoun_chains(reading)


def _follow_pronoun_chains(reading: Reading) -> None:
    """Let a subject he/she outside quotes carry its person forward.

    News keeps one speaker as the topic for several sentences: "Holm
    spoke after Reyes. He argued … He added …, “…,” he said". Each subject
    pronoun resolved to a person of its gender counts as a subject mention
    of that person, so the chain is not broken by a name merely mentioned
    in between ("lobbying by allies of Reyes").
    """
    for para, doc in enumerate(reading.docs):
        since = reading.story_before(para)
        for token in doc:
            if token.lower_ not in ("he", "she") or token.dep_ not in ("nsubj", "nsubjpass") or not reading.outside(para, token):
                continue
            gender = PRONOUNS[token.lower_]
            pos = reading.pos(para, token)
            entity = reading.registry.by_pronoun(gender, pos, since=since)
            if entity is None or entity.gender != gender:
                continue
            entity.positions.append(pos)
            if token.head.dep_ == "ROOT" or _cue_of(token.head) == "verb":
                entity.subject_positions.append(pos)


def _antecedent(mentions, pos: int, para: int, subject: bool):
    """The person a he/she most likely refers to, for gender evidence.

    The last person named within reach; for a subject pronoun, the last one
    named as a subject in the same paragraph ("Sandu, who co-chairs with
    Holt, … She said"). None when two people are in reach: "Lind watched
    with Holt, her neighbour" says nothing about Holt, and one wrong vote
    can make a man "she" for the whole article.
    """
    near = [m for m in mentions if 0 < pos - m[0] <= PRONOUN_VOTE_REACH and m[1].kind == "person"]
    subjects = [m for m in near if m[2] and m[3] == para]
    if subject and subjects:
        near = subjects
    if len({id(m[1]) for m in near}) > 1:
        return None  # two people in reach: the pronoun is no evidence for either
    return near[-1][1] if near else None


def _owner_of(span):
    """A name tagged with the thing its person owns ("Tomas Brandt’s Budget") cut to the owner.

    An owner before a full name ("the Guild's Ada Lind") is left whole: `_strip_titles` keeps the name.
    """
    for t in span[1:]:
        if t.tag_ == "POS":
            owned = span.doc[t.i + 1 : span.end]
            return span if len(owned) and normalize_name(owned[0].text) in FIRST_NAMES else span.doc[span.start : t.i]
    return span


def _with_first_name(ent):
    """The PERSON entity with the capitalised name words the model left before it.

    The small model often tags only the surname of an unfamiliar name
    ("Timur [Saidakhmedov]", "Jean-[Paul Mukasa]"); the proper nouns
    compounded onto it, hyphens included, belong to it.
    """
    doc = ent.doc
    start = ent.start
    while start > 0:
        t = doc[start - 1]
        if t.text == "-" and start > 1 and _is_proper(doc[start - 2]):
            start -= 1
            continue
        if not (_is_proper(t) and t.dep_ in ("compound", "flat") and t.head.i >= ent.start):
            break
        if t.ent_type_ not in ("", "PERSON") or t.lower_.rstrip(".") in TITLE_WORDS or t.lower_ in BODY_NOUNS | ORG_WORDS:
            break
        start -= 1
    if doc[start].text == "-":
        start += 1
    end = ent.end
    # A surname opening with a particle the model cut off ("Mohammed bin Abdulrahman [Al Thani]").
    if end + 1 < len(doc) and doc[end].lower_ in NAME_PARTICLES and _is_proper(doc[end + 1]) and doc[end + 1].ent_type_ in ("", "PERSON") \
            and doc[end].head.i == end + 1 and doc[end - 1].head.i == end + 1:
        end += 2
    return doc[start:end]


# Short words a title-case headline leaves in lower case.
_HEADLINE_SMALL_WORDS = frozenset("a an the and but or nor for of in on at to by up as from with into over per via vs is".split())


def _is_title_case_headline(text: str) -> bool:
    """A one-line paragraph with (nearly) every word capitalised: "Lawmakers Rip Berg Over Port Deal"."""
    if "\n" in text.strip():
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if w.lower() not in _HEADLINE_SMALL_WORDS]
    if len(words) < 4:
        return False
    return sum(w[0].isupper() for w in words) >= 0.9 * len(words)


def _proper_noun_run(token) -> list:
    """The proper nouns before `token` that build its name, and `token`.

    Only those hung on the name itself: in "Liberal Democrat peer Lord
    Carlile" the party label modifies "peer", so the name is "Lord Carlile",
    not "Democrat peer Lord Carlile".
    """
    parts = [t for t in token.subtree if t.pos_ == "PROPN" and t.i <= token.i and (t.dep_ in ("compound", "flat") or t.i == token.i)]
    kept = {token.i}
    for t in sorted(parts, key=lambda t: -t.i):
        if t.head.i in kept:
            kept.add(t.i)
    return [t for t in parts if t.i in kept]


def _may_be_mislabelled_name(token) -> bool:
    """A proper noun the model did not tag PERSON that may still end a person's name.

    Untagged or ORG-tagged words qualify; an odd label (EVENT, PRODUCT…) only
    on a subject or an appositive, where a name is expected.
    """
    if token.ent_type_ in ODD_NAME_LABELS:
        return token.dep_ in ("nsubj", "nsubjpass", "appos")
    return token.ent_type_ not in NOT_PERSON_LABELS


def _after_first_name(token) -> bool:
    """A surname right after a common first name, whatever the model's label ("Ellen Park" as a FAC).

    The small model reads surnames that are also words or places ("Park",
    "Brooks", "Washington") as facilities or places; a known first name
    before one says it is a person.
    """
    if token.i == 0 or token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"):
        return False
    first = token.doc[token.i - 1]
    return first.pos_ == "PROPN" and first.head.i == token.i and normalize_name(first.text) in FIRST_NAMES


def _could_be_person_name(run) -> bool:
    """A run of proper nouns that may name a person.

    Not when its words are not capitalised, when the run is a piece of a
    longer named organisation ("the Harbour Pilots' Association",
    "the Delta Growers' Cooperative"), or when it follows "at"/"for"
    ("an underwriter at Fennick Marine").
    """
    if not all(t.text[:1].isupper() for t in run if t.is_alpha) or run[-1].lower_ in TITLE_WORDS:
        return False  # lower-case words, or a title ("Tory MP")
    for t in run:
        if t.ent_type_ and t.ent_type_ != "PERSON":
            ent = next(e for e in t.doc.ents if e.start <= t.i < e.end)
            if ent.start < run.start or ent.end > run.end + 1:
                return False
    root = run[-1]
    if root.dep_ in ("poss", "nmod") and root.head.lower_ in ORG_WORDS | BODY_NOUNS:
        return False  # "the Delta Growers' Cooperative"
    return not (root.dep_ == "pobj" and root.head.lower_ in ("at", "for"))


def _introduced_as_organisation(ent) -> bool:
    """A name right after an organisation noun, or in apposition to one."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in ORGANISATION_NOUNS:
        return True
    root = ent.root
    return root.dep_ == "appos" and root.head.lower_ in ORGANISATION_NOUNS


def _modifies_another_name(ent, names) -> bool:
    """A "name" that only qualifies what follows it: "Lib Dem Sir Archy Vale", "Lib Dem spokesman Ann Vale", "Lib Dem leaders"."""
    token = ent[-1]
    while token.dep_ == "compound" and token.head.i > token.i:
        token = token.head
        if any(n.start <= token.i < n.end for n in names if n is not ent):
            return True
    head = token.lemma_.lower()
    return token is not ent[-1] and (token.tag_ == "NNS" or token.tag_ == "NN" and head not in TITLE_WORDS | BODY_NOUNS | ORG_WORDS)


def _plural_group(ent) -> bool:
    """ "The Lib Dems", "the Greens": a plural proper noun after "the" names a group, never one person."""
    return ent[-1].tag_ == "NNPS" and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the"


def _owns_a_body(token) -> bool:
    """ "Kelmora's delegation", "Kelmora's ombudsman": the possessor is a place or group."""
    if token.dep_ != "poss":
        return False
    return token.head.lemma_.lower() in BODY_NOUNS or token.head.lower_ in STATE_WORDS


def _after_place_preposition(token) -> bool:
    """ "in Kelmora", "from Kelmora": a name after these is usually a place."""
    return token.dep_ == "pobj" and token.head.lower_ in ("in", "from", "across", "inside", "near", "into")


def _roles_around(ent) -> set[str]:
    """Role words next to a name: 'ministry spokesman Dmitri Orlov', 'Orlov, the spokesman'."""
    roles: set[str] = set()
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and doc[i].pos_ in ("NOUN", "PROPN", "ADJ") and doc[i].ent_type_ != "PERSON":
        roles.add(doc[i].lemma_.lower())
        roles.add(doc[i].lower_)
        i -= 1
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos":
            roles.add(child.lemma_.lower())
            roles.update(c.lemma_.lower() for c in child.children if c.dep_ in ("compound", "amod"))
    if root.dep_ == "appos":  # "the union's general secretary, Femi Adeyemi": the whole title, not only "secretary"
        roles.add(root.head.lemma_.lower())
        roles.update(c.lemma_.lower() for c in root.head.children if c.dep_ in ("compound", "amod"))
    for t in ent:
        if t.lower_ in TITLE_WORDS:
            roles.add(t.lower_)
    roles.discard("the")
    return roles


def _gender_near(ent) -> str | None:
    """Gender from an honorific or role word just before or inside the name (Ms, spokesman).

    Pronouns after the name are only votes (see `_read_mentions`): "Sandu
    criticised the officer who lost his …" says nothing about Sandu.
    """
    return _gender_of_name_words(_title_run(ent) + list(ent))


def _title_run(ent) -> list:
    """The words directly before a name that belong to its title: "former Miss Universe", "campaign spokesman".

    Only these speak for the name's gender: in "Mr. Vance and Nora Quist" the
    "Mr." is someone else's.
    """
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and ent.start - i <= 4 and doc[i].ent_type_ != "PERSON" and (
        doc[i].pos_ in ("NOUN", "PROPN", "ADJ") or doc[i].lower_.rstrip(".") in TITLE_WORDS
    ):
        i -= 1
    return list(doc[i + 1 : ent.start])
