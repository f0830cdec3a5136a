"""Words read off spaCy's parse, shared by every step.

A mention's noun phrase (`_noun_phrase`), the name inside it with titles and
descriptors stripped (`_strip_titles`), its head word, the article's text for
a run of tokens, and small token tests: a proper noun, a subject, an
honorific or first name right before a surname.
"""

from __future__ import annotations

from .vocabulary import BODY_NOUNS, FIRST_NAMES, GENERIC_MAN_TITLES, HONORIFICS, OCCASION_NOUNS, NAME_PARTICLES, ORG_WORDS, SPEECH_LEMMAS, TITLE_WORDS
from .registry import SpeakerRegistry


def _is_proper(token) -> bool:
    """A proper noun as written: the tagger also calls lower-case roles PROPN ("the bishop")."""
    return token.pos_ == "PROPN" and token.text[:1].isupper()


def _may_name(token) -> bool:
    """A word that may be a known surname: a proper noun, or a capitalised word the tagger misread ("Brink went on" as INTJ)."""
    return token.pos_ == "PROPN" or (token.text[:1].isupper() and token.pos_ in ("NOUN", "INTJ", "X", "ADJ"))


def _hyphenated(token) -> str:
    """The whole hyphenated name a token ends ("Osei-Mensah" for "Mensah")."""
    doc = token.doc
    start = token.i
    while start >= 2 and doc[start - 1].text == "-" and _is_proper(doc[start - 2]):
        start -= 2
    return doc.text[doc[start].idx : token.idx + len(token.text)]


def _known_surname(token, registry: SpeakerRegistry) -> str:
    """A capitalised word naming a known person, whatever its tag ("Papadimas put it:" tagged NOUN)."""
    if token.text[:1].isupper() and registry.find_person(_hyphenated(token)) is not None:
        return _hyphenated(token)
    return ""


def _is_subject(token) -> bool:
    """A subject, or a name in apposition to one ("the port's negotiator, Tomas Brenner, said")."""
    if token.dep_ in ("nsubj", "nsubjpass"):
        return True
    return token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass")


def _is_main_subject(token) -> bool:
    """The subject of the sentence's main verb: "Quinn said Holt had not answered" → Quinn.

    "According to Quinn, …" makes Quinn the sentence's source just as well.
    """
    if _after_according_to(token):
        return True
    if not _is_subject(token):
        return False
    verb = token.head if token.dep_ != "appos" else token.head.head
    # "Losses are real, observed Ivo Prask": a speech tag joined to the main clause names its source too.
    if verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT" and verb.lemma_.lower() in SPEECH_LEMMAS:
        return True
    # "His words came as Cardinal Vell backed the plan": when the main clause's subject is a thing,
    # the person acting in the clause hung on it is what the sentence is about.
    if verb.dep_ == "advcl" and verb.head.dep_ == "ROOT" and token.pos_ == "PROPN":
        main = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return bool(main) and main[0].pos_ == "NOUN" and main[0].lower_ not in TITLE_WORDS and main[0].lemma_.lower() not in TITLE_WORDS
    return False


def _after_according_to(token) -> bool:
    """The object of "according to": "According to Quinn, the talks stalled"."""
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and token.doc[head.i - 1].lower_ == "according"


_NP_DEPS = {"compound", "flat", "amod", "det", "poss", "case", "nmod", "nummod", "quantmod"}


_NP_PREPOSITIONS = {"for", "of", "at", "with", "in", "from", "to"}


def _noun_phrase(token) -> list:
    """A speaker's words: the noun with its determiners, modifiers and name parts.

    Relative clauses and appositives are left out, except an appositive name
    on a role (``the leader of the Alliance, Jan Dekker,``), kept with its role.
    """
    if token.pos_ != "PROPN" or token.lower_ in TITLE_WORDS:  # "The EU's Aid Commissioner, Louis Michel,"
        for t in token.subtree:
            if t.dep_ == "appos" and _names_someone(t) and t.head.i <= t.i and not _has_article(t):
                return _role_with_name(token, t)
    return _phrase_words(token)


def _is_name_token(token) -> bool:
    """A person's name ("Hannah Lindqvist of the consultancy" stops at the name).

    A proper noun after "the" names a body ("the Confederation of Baltic Industry").
    """
    if any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return False
    return token.pos_ == "PROPN" and token.lower_ not in BODY_NOUNS | ORG_WORDS


def _names_someone(token) -> bool:
    """A proper noun, or a capitalised noun ending a person's name the tagger misread ("Ada "Addie" Price")."""
    return token.pos_ == "PROPN" or token.text[:1].isupper() and any(
        c.ent_type_ == "PERSON" and c.pos_ == "PROPN" and c.i < token.i for c in token.children)


def _has_article(token) -> bool:
    """A noun with "a", "an" or "the": a description ("a former Marine"), never a name."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in token.children)


def _role_with_name(role, name) -> list:
    """ "Another critic, Lena Voss," as written: the role, its comma and the name.

    The mention keeps the role (the guideline keeps mentions as written);
    `_appositive_name` picks the name back out to resolve the speaker.
    """
    role_words, name_words = _phrase_words(role), _phrase_words(name)
    if not role_words or not name_words or role_words[0].i > name_words[0].i:
        return name_words
    doc = role.doc
    return list(doc[role_words[0].i : name_words[-1].i + 1])


def _appositive_name(tokens) -> list:
    """The name inside a "role, Name" mention, else the mention itself."""
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.dep_ == "appos" and _names_someone(t) and t.head.i in inside and t.head.i < t.i and not _has_article(t):
            name = _phrase_words(t)
            if name:
                return [x for x in tokens if x.i >= name[0].i]
    return tokens


def _phrase_words(token) -> list:
    """The noun with its determiners, modifiers and name parts, without appositives."""
    keep = {token.i}
    stack = [token]
    while stack:
        t = stack.pop()
        for child in t.children:
            takes = child.dep_ in _NP_DEPS or (child.dep_ == "pobj" and t.dep_ == "prep")
            takes = takes or (
                child.dep_ == "prep" and child.lower_ in _NP_PREPOSITIONS and child.i > token.i and t.i >= token.i and not _is_name_token(token)
                and not _names_occasion(child)
            )
            if takes:
                keep.add(child.i)
                stack.append(child)
    doc = token.doc
    words = [doc[i] for i in range(min(keep), max(keep) + 1)]
    words = _cut_at_aside(words, token)
    while words and (words[0].is_punct or words[0].is_space):
        words.pop(0)
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    return words


def _names_occasion(preposition) -> bool:
    """ "in a briefing", "at a news conference": where the words were said, not who said them."""
    return preposition.lower_ in ("in", "at") and any(
        c.dep_ == "pobj" and c.lemma_.lower() in OCCASION_NOUNS for c in preposition.children
    )


_ASIDE_MARKS = {"--", "—", "–", "(", "“", "”", "\"", "''", "``", "«", "»"}


def _cut_at_aside(words: list, head) -> list:
    """The phrase up to a dash, bracket or quotation mark after its head.

    "the survey -- which notes that … ''equal to …''": the parser may hang a
    word of a later quote on the head; a mention never runs past such a mark.
    """
    for k, word in enumerate(words):
        if word.i > head.i and word.text in _ASIDE_MARKS:
            return words[:k]
    return words


def _head_of(tokens):
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return tokens[-1]


def _name_words(tokens) -> list:
    """The tokens of a mention without punctuation, keeping the possessive and hyphens."""
    return [t for t in tokens if not t.is_punct or t.text in {"'s", "’s", "-"}]


def _text_between(tokens) -> str:
    """The article's text from the first token to the last, whitespace collapsed.

    Read from the text, not joined from tokens, so hyphens and accents survive (Kamali-Nejad).
    """
    first, last = tokens[0], tokens[-1]
    return " ".join(first.doc.text[first.idx : last.idx + len(last.text)].split())


def _strip_titles(tokens) -> str:
    """The name in 'Arkenian Foreign Minister Tamara Oskanian': what follows the last title word.

    Also what follows an owner ("Harbour Guild's Ada Lind"), without a party or nationality before it
    ("Conservative Ada Lind").
    """
    owner = max((i for i, t in enumerate(tokens) if t.lower_ in {"'s", "’s"}), default=-1)
    if 0 <= owner < len(tokens) - 1 and any(t.ent_type_ == "PERSON" for t in tokens[owner + 1 :]):
        tokens = list(tokens[owner + 1 :])
    tokens = [t for t in tokens if t.lower_ not in {"'s", "’s"} and not (t.is_punct and t.text not in "-.")]
    while len(tokens) > 2 and tokens[0].ent_type_ == "NORP" and tokens[0].pos_ in ("PROPN", "ADJ"):
        tokens.pop(0)
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if not tokens:
        return ""
    titles = [i for i, t in enumerate(tokens) if t.lower_.rstrip(".") in TITLE_WORDS or t.lower_ in TITLE_WORDS]
    if titles and titles[-1] < len(tokens) - 1:
        tokens = tokens[titles[-1] + 1 :]
    elif titles:
        while tokens and (tokens[0].lower_.rstrip(".") in TITLE_WORDS or tokens[0].lower_ in TITLE_WORDS) and len(tokens) > 1:
            tokens.pop(0)
    while tokens and tokens[-1].lower_ in {"jr", "jr.", "sr", "sr."}:
        tokens.pop()
    # Leading words that are not part of a name: determiners, adjectives, roles
    # (lower-case, or capitalised at a sentence start: "Economist Tobias Renn").
    while len(tokens) > 1 and (tokens[0].is_punct or not tokens[0].text[:1].isupper() or tokens[0].pos_ in ("DET", "ADJ", "NOUN") and tokens[0].ent_type_ != "PERSON"):
        if tokens[0].lower_ in NAME_PARTICLES and tokens[1].text == "-":
            break  # "al-Hadi", "el-Sisi": the particle is part of the surname
        tokens.pop(0)
    tokens = _after_descriptors(tokens)
    if not tokens:
        return ""
    return _text_between(tokens)


def _after_descriptors(tokens: list) -> list:
    """A name without the descriptor words written before it.

    "Dayton resident Ellen Voss" → "Ellen Voss": a lower-case word (other than
    a particle such as "van" or "al") ends a description, not a name.
    """
    lower = [i for i, t in enumerate(tokens[:-1]) if t.is_alpha and t.text.islower() and t.lower_ not in NAME_PARTICLES]
    if lower and len(tokens) - lower[-1] - 1 >= 2:
        tokens = tokens[lower[-1] + 1 :]
    # A capitalised descriptor before a known first name ("Comedian Sarah Vell", "DJ Ada Holm"), not a
    # first part of a hyphenated name ("Anwar al-Awlaki") nor another given name ("Marisol Ann Vell").
    if len(tokens) >= 3 and tokens[1].lower_ in FIRST_NAMES - NAME_PARTICLES and tokens[2].text != "-" \
            and tokens[0].lower_ not in FIRST_NAMES | NAME_PARTICLES and _looks_like_a_descriptor(tokens[0]):
        tokens = tokens[1:]
    return tokens


#: Endings of role and trade nouns: "Comedian", "Editor", "Filmmaker", "Billionaire", "Representatives".
_DESCRIPTOR_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "aire", "ant", "ants", "ent", "ents",
                       "man", "woman", "eer", "ess", "ive", "ives")


def _looks_like_a_descriptor(token) -> bool:
    """A word before a name that describes the person: a role or trade noun, an abbreviated title ("Adm."),
    a short all-capitals one ("DJ"), or a word the tagger reads as a common noun."""
    word = token.text.rstrip(".")
    return (token.tag_ in ("NN", "NNS") or word.lower().endswith(_DESCRIPTOR_ENDINGS)
            or token.text.endswith(".") and len(word) > 1 or word.isupper() and 2 <= len(word) <= 3)


def _gender_of_words(tokens) -> str | None:
    for t in tokens:
        gender = HONORIFICS.get(t.lower_)
        if gender:
            return gender
    return None


def _gender_of_name_words(tokens) -> str | None:
    """The gender the title words around a name give its person.

    A "-man" title is written for women too ("Police Federation chairman
    Ana Lind … she said"), so only a "Ms", a "Sir" or a "-woman" title
    decides; the article's pronouns decide the rest.
    """
    return _gender_of_words([t for t in tokens if t.lower_ not in GENERIC_MAN_TITLES])


def _honorific_before(token) -> str | None:
    """The gender of a "Mr."/"Mrs."/"Ms." right before a surname, else None."""
    if token.i == 0:
        return None
    return HONORIFICS.get(token.doc[token.i - 1].lower_) if token.doc[token.i - 1].lower_.rstrip(".") in ("mr", "mrs", "ms", "miss") else None


def _first_name_before(token) -> str:
    """The first name written right before a surname ("Ivanka" in "Ivanka Trump"), else "".

    It tells apart people who share the surname; titles ("Mr.", "Sen.") are no first name.
    """
    if token.i == 0:
        return ""
    before = token.doc[token.i - 1]
    if before.pos_ != "PROPN" or before.head.i != token.i or before.dep_ not in ("compound", "flat"):
        return ""
    if before.lower_.rstrip(".") in TITLE_WORDS or before.lower_ in HONORIFICS:
        return ""
    return before.text
