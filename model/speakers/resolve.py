"""Step 3: resolve the mention to a speaker (`resolve`).

A he/she goes to the last compatible person (a topic earlier in its own
sentence first); "it"/"they" to a body or a group of people just named; a
name to the registry's person or body, fullest name first; a role to the
person who held it, or who is named for it soon after. Gives the speaker,
the mention as written, its span and the cue word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .vocabulary import BODY_ENTITY_LABELS, BODY_NOUNS, GROUP_NOUNS, ORG_WORDS, PEOPLE_NOUNS, PERSONAL_HONORIFICS, POSSESSIVE_PRONOUNS, PRONOUNS, RANK_WORDS, SPEECH_LEMMAS, TITLE_WORDS, WRITTEN_SOURCES
from .registry import _gender_from_votes, _listed_gender, gender_of_first_name, normalize_name
from .phrases import _after_according_to, _appositive_name, _gender_of_name_words, _gender_of_words, _head_of, _hyphenated, _is_main_subject, _is_proper, _known_surname, _may_name, _name_words, _noun_phrase, _strip_titles, _text_between
from .cue_words import _Cue
from .cue_words import _cue_of

if TYPE_CHECKING:
    from .article import Reading


def resolve(reading: Reading, para: int, tokens, cue: _Cue, quote_start: int):
    """(speaker, mention, mention_span, cue word, entity) for a quote's mention, or None.

    `entity` is the registry's person or body when the mention resolves to
    one; otherwise the speaker is the mention as written ("the report") or,
    for "they", the group just named.
    """
    base = reading.paragraphs.starts[para]
    mention_tokens = _name_words(_outside_quotes(reading, para, tokens))
    while mention_tokens and mention_tokens[-1].tag_ == "POS":
        mention_tokens.pop()  # the owner of a slogan or a claim: "the union's" → "the union"
    if not mention_tokens:
        return None
    span = (base + mention_tokens[0].idx, base + mention_tokens[-1].idx + len(mention_tokens[-1].text))
    mention = reading.view[span[0] : span[1]]
    position = span[0] if span[0] < quote_start else quote_start
    cue_word = ("according to" if cue.token.lower_ == "according" else cue.token.text) if cue.kind == "according" else (":" if cue.kind == "colon" and cue.token.text == ":" else cue.token.text)
    if cue.kind == "byline":
        cue_word = "―"
    if cue.kind == "label":
        cue_word = ":"
    mention_tokens = _appositive_name(mention_tokens)
    head = _head_of(mention_tokens)
    lower = POSSESSIVE_PRONOUNS.get(head.text.lower(), head.text.lower())
    entity = None
    if head.pos_ == "PRON" or lower in PRONOUNS:
        gender = PRONOUNS.get(lower)
        if gender in ("m", "f"):
            follows_quote = _opens_after_quoted_paragraph(reading, para, head)
            prefer = reading.last_speaker if cue.token.lemma_ in ("add", "continue") or follows_quote else None
            # A he/she looks back to the subjects of this paragraph and the one before.
            since = reading.story_before(para)
            # Its own sentence first: "Kovac voiced hope, though he added …" is Kovac, whoever spoke before.
            # A guess is not evidence: it does not fix the person's gender for later pronouns.
            entity = _same_sentence_antecedent(reading, para, head, gender)
            role = _reporting_role(reading, para, head, gender) if entity is None else None
            spoken_before = _role_that_spoke_before(reading, para, head, gender) if entity is None and role is None else None
            if spoken_before is not None:
                # "A spokeswoman for the port said the levy was fair. “…,” she added.": that role, not the last woman named.
                entity = _entity_for(reading, spoken_before, _head_of(spoken_before), position)
                if entity is None:
                    return _text_between(spoken_before), mention, span, cue_word, None
            if role is not None:
                # "The envoy said he hoped to announce “…”": the he is the envoy. A role with
                # "the" the registry cannot resolve describes the person the text is about, if
                # one is a subject in reach ("Ruiz spoke out. … the former mayor said she …");
                # otherwise ("Ostland's negotiator") it is reported as written.
                entity = _entity_for(reading, role, _head_of(role), position)
                definite = role[0].lower_ == "the"
                topic = reading.registry.by_pronoun(gender, position, since=since) if entity is None and definite else None
                if topic is not None and topic.subject_before(position) >= since:
                    entity = topic
                elif entity is None:
                    return _text_between(role), mention, span, cue_word, None
            # "X said …. Vell, father of …, thanked …. He added": a man made the subject since the last quote.
            interrupted = _interrupted_person(reading, head)
            entity = entity or reading.registry.by_pronoun(gender, position, prefer, since=since, newcomer_wins=not follows_quote,
                                                            exclude=interrupted)
        elif lower in ("they", "it", "we"):
            document = _document_that_spoke_before(reading, para, head) if lower == "it" else None
            if document is not None:
                return document, mention, span, cue_word, None
            entity = _body_before(reading, para, head, position)
            if entity is None and reading.last_speaker is not None and reading.last_speaker.kind == "body":
                entity = reading.last_speaker
            if entity is None and lower == "it" and reading.last_source is not None:
                return reading.last_source, mention, span, cue_word, None
            if entity is None and head.sent.start == 0:
                entity = _body_topic_above(reading, para, position)
            group = _group_before(reading, para, head) if entity is None and lower == "they" else None
            if group is not None:
                return group, mention, span, cue_word, None
        if entity is None:
            return mention, mention, span, cue_word, None
    else:
        entity = _entity_for(reading, mention_tokens, head, position)
    if entity is not None:
        entity.positions.append(position)
        reading.entity_of_name[entity.canonical] = entity
        return entity.canonical, mention, span, cue_word, entity
    return mention, mention, span, cue_word, None


def _opens_after_quoted_paragraph(reading: Reading, para: int, pronoun) -> bool:
    """A he/she in the first sentence of a paragraph that follows one made only of a quote.

    "“…” [an interview answer, a whole paragraph] / He meant that …": nobody
    is named between the quote and the pronoun, so the pronoun goes on about
    the quote's speaker, not a man named in the question before the answer.
    """
    if para == 0 or pronoun.sent.start != 0 and any(not t.is_space for t in pronoun.doc[: pronoun.sent.start]):
        return False
    before = para - 1
    while before > 0 and before in reading.asides:
        before -= 1
    lo, hi = reading.paragraphs.starts[before], reading.paragraphs.content_end(before)
    words = [i for i in range(lo, hi) if not reading.view[i].isspace()]
    return bool(words) and all(reading.inside[i] for i in words)


def _outside_quotes(reading: Reading, para: int, tokens) -> list:
    """The mention's words outside every quote and dateline: one unbroken run, so the mention never
    overlaps a quote ("WASHINGTON (Reuters) - Tom Vale said", "its “phony polls”").

    The run holding the phrase's head wins; when the head is quoted, the last
    run (a name usually follows the quote it speaks: "…,” aide Ana Ruiz").
    """
    runs: list[list] = [[]]
    for token in tokens:
        if reading.outside(para, token) and not reading.lead_in[reading.pos(para, token)]:
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
    runs = [run for run in runs if _name_words(run)]
    if not runs:
        return []
    head = _head_of(tokens)
    return next((run for run in runs if head in run), runs[-1])


def _same_sentence_antecedent(reading: Reading, para: int, pronoun, gender: str):
    """The one person of the right gender who is the topic earlier in the pronoun's own sentence.

    "Vell's advice earned him a hearing, where he said …": the subject of
    the main verb (or its owner) named earlier in the same sentence is what
    a later he/she in it refers to, whoever spoke in the paragraph before.
    """
    found = []
    for token in pronoun.sent:
        if token.i >= pronoun.i:
            break
        if not (_may_name(token) and token.dep_ not in ("compound", "flat") and reading.outside(para, token)):
            continue
        if _aside_right_after(pronoun, token):
            continue  # "… and Ms. Holt, she said, “sees through him”": she is not Holt
        subject = token if token.dep_ != "poss" else token.head
        if not _is_main_subject(subject) or _after_according_to(subject):
            continue  # not "Asked whether Holt erred, he said …"
        name = _hyphenated(token)
        entity = reading.registry.find_person(name)
        if entity is None and token.ent_type_ in ("", "PERSON") and token.pos_ == "PROPN" and reading.registry.find_body(name, name.lower()) is None:
            # A lone surname the model did not know, the subject the pronoun's clause hangs on: a person.
            entity = reading.registry.add_person(name, reading.pos(para, token))
        if entity is not None and entity.gender in (None, gender):
            found.append(entity)
    return found[0] if found and all(e is found[0] for e in found) else None


def _aside_right_after(pronoun, name) -> bool:
    """The pronoun opens a speech aside right after the name ("Holt, she said, …"): the aside interrupts
    words about that person, so the pronoun is someone else."""
    doc = pronoun.doc
    return (pronoun.dep_ == "nsubj" and pronoun.head.lemma_ in SPEECH_LEMMAS and pronoun.head.i > pronoun.i
            and name.i == pronoun.i - 2 and doc[pronoun.i - 1].text == ",")


def _interrupted_person(reading: Reading, pronoun):
    """The person named right before an aside the pronoun opens ("Ms. Holt, she said, …"), or None."""
    name = pronoun.doc[pronoun.i - 2] if pronoun.i >= 2 else None
    if name is None or not _aside_right_after(pronoun, name) or not _may_name(name):
        return None
    return reading.registry.find_person(_hyphenated(name))


def _reporting_role(reading: Reading, para: int, pronoun, gender: str):
    """The role whose reported clause a he/she is the subject of, as words, or None.

    "Israel's prime minister said on Saturday that he hoped to announce …":
    a pronoun subject inside the words a speaker reports is that speaker.
    Only a role in the singular ("the envoy", "the bank's chief"), of a
    gender the pronoun fits; a named subject is `_same_sentence_antecedent`'s.
    """
    if pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = pronoun.head
    for _ in range(4):
        if clause.dep_ not in ("ccomp", "xcomp", "conj") or clause.head.i == clause.i:
            return None
        clause = clause.head
        if _cue_of(clause) != "verb":
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj" and c.i < pronoun.i and reading.usable(para, c)]
        if not subjects:
            return None
        subject = subjects[0]
        if subject.pos_ != "NOUN" or subject.tag_ != "NN" or subject.lemma_.lower() not in TITLE_WORDS or subject.lemma_.lower() in BODY_NOUNS:
            return None
        words = _name_words(_noun_phrase(subject))
        if not words or _gender_of_words(words) not in (None, gender):
            return None
        return words
    return None


def _role_that_spoke_before(reading: Reading, para: int, pronoun, gender: str):
    """The role that was the speaking subject of the sentence just before a he/she, as words, or None.

    "A spokeswoman for the port said the levy was fair. “…,” she added.": the
    she is that spokeswoman, not a woman named earlier. Only a role in the
    singular whose gender fits; one of unknown gender ("an official") only when
    that sentence names no person the pronoun could mean instead.
    """
    found = _speaking_subject_before(reading, para, pronoun)
    if found is None:
        return None
    subject, sentence, _ = found
    phrase = _noun_phrase(subject)
    # The parser may hang the role on its body: "A Department for Work spokeswoman".
    title = subject if subject.pos_ == "NOUN" else phrase[-1]
    if title.pos_ != "NOUN" or title.tag_ != "NN" or not _names_a_person(title) or title.lemma_.lower() in BODY_NOUNS:
        return None
    words = _name_words(phrase)
    if words and words[0].lower_ == "the" and not _speaks_for_another(title) and title.lemma_.lower() not in _ANONYMOUS_ROLES:
        return None  # a bare title ("the prime minister") may be the person the story is about: left to the topic
    role_gender = _gender_of_words(words) if words else "none"
    in_role = {t.i for t in phrase}  # "President Castro's chief aide": the owner is no rival antecedent
    if role_gender not in (None, gender) or role_gender is None and any(t.ent_type_ == "PERSON" and t.i not in in_role for t in sentence):
        return None
    return words


def _speaking_subject_before(reading: Reading, para: int, pronoun):
    """(subject, sentence, paragraph) of the sentence just before a subject pronoun, when that
    sentence's main verb is a speech verb; else None. The sentence may end the paragraph before."""
    if pronoun.dep_ != "nsubj":
        return None
    if pronoun.sent.start > 0:
        sentence, where = pronoun.doc[pronoun.sent.start - 1].sent, para
    elif para > 0 and len(reading.docs[para - 1]):
        sentence, where = list(reading.docs[para - 1].sents)[-1], para - 1
    else:
        return None
    root = sentence.root
    if _cue_of(root) != "verb":
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj" and reading.usable(where, c)), None)
    return (subject, sentence, where) if subject is not None else None


def _names_a_person(noun) -> bool:
    """A role or a kind of person ("the envoy", "one analyst"), or any noun a "who" clause
    says is a person ("one dealer, who asked not to be named, …")."""
    lemma = noun.lemma_.lower()
    if lemma in TITLE_WORDS or lemma in GROUP_NOUNS or lemma in _ANONYMOUS_ROLES:
        return True
    return any(c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ == "who" for g in c.children) for c in noun.children)


# Roles that stand for someone unnamed, never the story's named figure: "The official also claimed …. He alleged …".
_ANONYMOUS_ROLES = frozenset("official officer spokesman spokeswoman spokesperson negotiator diplomat aide analyst adviser advisor lawyer delegate representative".split())


def _speaks_for_another(role) -> bool:
    """ "The minister's spokesman", "the spokeswoman for the port", "the Keller Centre spokeswoman": someone's voice."""
    return any(
        c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("for", "of", "at") or c.dep_ == "compound" and c.pos_ == "PROPN"
        for c in role.children
    )


def _body_before(reading: Reading, para: int, pronoun, position: int):
    """The body an "it"/"they" refers to: a body subject earlier in the same sentence,
    else the body that is the main subject of the sentence before.

    "The committee warned that it would not accept terms it called “…”";
    "The union is fighting the plan. It calls the deal “…”".
    """
    earlier = [t for t in pronoun.sent if t.i < pronoun.i]
    start = pronoun.sent.start
    before = [t for t in pronoun.doc[start - 1].sent if t.head.dep_ == "ROOT"] if start > 0 else []
    for token in [*reversed(earlier), *before]:
        if token.dep_ not in ("nsubj", "nsubjpass") or not reading.outside(para, token) or token.pos_ == "PRON":
            continue
        if token.ent_type_ in BODY_ENTITY_LABELS or token.lemma_.lower() in BODY_NOUNS:
            phrase = _name_words(_noun_phrase(token))
            entity = _entity_for(reading, phrase, token, position)
            if entity is not None and entity.kind == "body":
                return entity
    return None


def _document_that_spoke_before(reading: Reading, para: int, pronoun) -> str | None:
    """The report that was the speaking subject of the sentence just before an "it", as written, or None.

    "A watchdog report on the port says costs have doubled. It says there is
    “little sign” of control.": the second "it" is that report.
    """
    found = _speaking_subject_before(reading, para, pronoun)
    if found is None or found[2] != para:
        return None  # only within the paragraph
    subject = found[0]
    if subject.pos_ != "NOUN" or subject.lemma_.lower() not in WRITTEN_SOURCES:
        return None
    return _text_between(_name_words(_noun_phrase(subject))) or None


def _body_topic_above(reading: Reading, para: int, position: int):
    """The body that was last a main clause's subject in the two paragraphs above.

    A paragraph that opens with "It" or "They" goes on about the body the
    text was last about: "During the primaries, the Times endorsed Ruiz:
    [a quoted passage] Meanwhile, it attacked Holt, saying …".
    """
    for above in range(para - 1, max(para - 3, -1), -1):
        for token in reversed(reading.docs[above]):
            if token.dep_ not in ("nsubj", "nsubjpass") or token.head.dep_ != "ROOT" or token.pos_ == "PRON":
                continue
            if not reading.outside(above, token) or not (token.ent_type_ in BODY_ENTITY_LABELS or token.lemma_.lower() in BODY_NOUNS):
                continue
            phrase = _name_words(_noun_phrase(token))
            entity = _entity_for(reading, phrase, token, position)
            if entity is not None and entity.kind == "body":
                return entity
    return None


def _group_before(reading: Reading, para: int, pronoun) -> str | None:
    """The group of people a "they" refers to, as the article writes it.

    "Critics of the plan wrote to the minister. They sent a copy to the
    press. “It must expire,” they wrote." → "Critics of the plan": a plural
    people noun that is the subject earlier in the sentence, else the main
    subject of a sentence before, going back while those say "they" too.
    """
    earlier = [t for t in pronoun.sent if t.i < pronoun.i]
    for token in reversed(earlier):
        if token.dep_ in ("nsubj", "nsubjpass") and _is_group(reading, para, token):
            return _phrase_text(token)
    for back, sentence in enumerate(_sentences_before(reading, para, pronoun)):
        subjects = [t for t in sentence if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
        for token in subjects:
            if _is_group(reading, para if token.doc is pronoun.doc else para - 1, token):
                return _phrase_text(token)
        if back == 2 or not any(t.lower_ == "they" for t in subjects):
            return None
    return None


def _is_group(reading: Reading, para: int, token) -> bool:
    plural = token.tag_ in ("NNS", "NNPS") and (token.lemma_.lower() in GROUP_NOUNS or token.lower_ in PEOPLE_NOUNS)
    return plural and reading.outside(para, token)


def _sentences_before(reading: Reading, para: int, pronoun):
    """Sentences before the pronoun's, nearest first: this paragraph's, then the last of the one above."""
    doc = pronoun.doc
    sentences = [s for s in doc.sents if s.end <= pronoun.sent.start]
    yield from reversed(sentences)
    if para > 0 and len(reading.docs[para - 1]):
        yield from reversed(list(reading.docs[para - 1].sents))


def _phrase_text(token) -> str:
    """A group's words up to any comma: "Critics of the plan, like Senator Vale," → "Critics of the plan"."""
    phrase = _noun_phrase(token)
    comma = next((i for i, t in enumerate(phrase) if t.text == "," and t.i > token.i), len(phrase))
    words = _name_words(phrase[:comma])
    return _text_between(words)


def _entity_for(reading: Reading, tokens, head, position: int):
    """The person or body a non-pronoun mention names, registering it."""
    # "President Castro's chief aide": the person named is the owner of the role, not its holder.
    owner = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree} if head.pos_ == "NOUN" else set()
    ents = {t.ent_type_ for t in tokens if t.ent_type_ and t.i not in owner}
    propn = [t for t in tokens if _is_proper(t) and t.i not in owner]
    name = _strip_titles(tokens) if propn else _known_surname(head, reading.registry)
    known = reading.registry.find_person(name, _gender_of_name_words(tokens)) if name else None
    if known is None and len(tokens) == 1 and name:
        body = _short_body_name(reading, name)
        if body is not None:
            return body
    # "Quist's campaign" is a body, though its words include a PERSON.
    owned_body = head.pos_ == "NOUN" and head.lemma_.lower() in BODY_NOUNS - TITLE_WORDS
    titled = any(t.lower_.rstrip(".") in PERSONAL_HONORIFICS and _is_proper(n) for t, n in zip(tokens, tokens[1:]))
    is_person = not owned_body and (known is not None or "PERSON" in ents or titled) or (name and _is_proper(head) and not ents & BODY_ENTITY_LABELS and head.lemma_.lower() not in BODY_NOUNS | ORG_WORDS)
    if is_person and name:
        roles = [t.lemma_.lower() for t in tokens if t.text.lower() in TITLE_WORDS and t.pos_ != "PROPN" or t.text.lower() in TITLE_WORDS]
        entity = reading.registry.add_person(name, position, roles, _gender_of_name_words(tokens))
        entity.name_gender = entity.name_gender or gender_of_first_name(name)
        entity.gender = entity.gender or _gender_from_votes(entity.votes, _listed_gender(entity.canonical)) or entity.name_gender
        return entity
    head_word = head.lemma_.lower()
    # "the GOP nominee", "a Pentagon official": a role, whatever body it names.
    role_noun = head.pos_ == "NOUN" and head_word in TITLE_WORDS and head_word not in BODY_NOUNS
    if not role_noun and (ents & BODY_ENTITY_LABELS or head_word in BODY_NOUNS or _is_proper(head)):
        name = _text_between(tokens)
        return reading.registry.add_body(name, head_word, position)
    # A role: the person who held it, if the article named them; a plural
    # role ("delegates from several countries") is never one person.
    if head.tag_ in ("NNS", "NNPS"):
        return None
    if _is_age(head):  # "the 43-year-old said": the person just written about, like an unsexed "he or she"
        para_start = reading.paragraphs.starts[max(0, reading.paragraphs.index(position) - 1)]
        person = reading.registry.by_pronoun(None, position, since=para_start)
        return person if person is not None and person.seen_before(position) >= para_start else None
    qualifiers = _office_words(head)
    # "A spokesman said": someone the article does not name, not the spokesman it named before.
    if head_word in TITLE_WORDS and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
        return None
    person = reading.registry.by_role(head_word, position, qualifiers)
    if person is None and head_word.endswith("s") is False:
        person = reading.registry.by_role(head.text.lower(), position, qualifiers)
    # Only a definite role looks ahead: "the union leader", not "one official close to the talks".
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    # "The minister's spokesman was asked … The spokesman said": a role the article has already
    # given someone it does not name is that someone, not a person named later.
    definite = definite and not _unnamed_role_before(reading, head, position)
    if person is None and definite:
        person = reading.registry.by_role_after(head_word, position, qualifiers)
    if person is None and definite and head_word not in WRITTEN_SOURCES:
        person = reading.registry.next_new_subject(position, head_word, qualifiers)  # not "the report said"
    if person is None and definite and head_word in TITLE_WORDS:
        # A title nobody holds yet, not a thing ("the quay", "the report").
        para_start = reading.paragraphs.starts[reading.paragraphs.index(position)]
        person = reading.registry.sole_newcomer(para_start, position, head_word, qualifiers)
    if person is not None and person.gender and _gender_of_words(tokens) not in (None, person.gender):
        return None  # "the spokeswoman" is not the spokesman named next
    return person


def _is_age(head) -> bool:
    """ "the 43-year-old": a person described by age alone."""
    return head.lower_ == "old" and any(c.lower_ in ("year", "years") for c in head.children)


def _unnamed_role_before(reading: Reading, head, position: int) -> bool:
    """The role's noun is written earlier in this paragraph or the one before, outside quotes.

    Called only when no named person holds the role, so that earlier mention
    was of someone unnamed.
    """
    para = reading.paragraphs.index(position)
    lemma = head.lemma_.lower()
    for p in range(max(0, para - 1), para + 1):
        for token in reading.docs[p]:
            if reading.pos(p, token) >= position:
                break
            if token.pos_ == "NOUN" and token.lemma_.lower() == lemma and reading.outside(p, token):
                return True
    return False


def _office_words(head) -> frozenset[str]:
    """The words that name which office a role is: "prime" in "the prime minister", "attorney" in "the attorney general".

    Only title words and common-noun compounds count; a nationality, a party or a body ("the Russian
    envoy", "the Tory leader", "the union president") says whose office it is, which the holder's
    own title may leave out.
    """
    words = set()
    for child in head.children:
        if child.i < head.i and child.dep_ in ("amod", "compound") and not child.ent_type_:
            word = child.lower_
            if (word in TITLE_WORDS or child.pos_ == "NOUN") and word not in RANK_WORDS | BODY_NOUNS | ORG_WORDS:
                words.add(word)
    return frozenset(words)


def _short_body_name(reading: Reading, word: str):
    """A known body a one-word mention stands for ("Kestrel" after "Kestrel Freight Lines").

    The model tags such short forms PERSON, which would make the company a person.
    """
    key = normalize_name(word)
    body = reading.registry.find_body(word, key) if key else None
    if body is not None and word not in body.names:
        body.names.append(word)
    return body
