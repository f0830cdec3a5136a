"""Step 2: take the cue's subject as the speaker mention (`take_mention`).

For a speech verb its subject, followed through joined, participle and
relative clauses, passives (``by …``) and inverted order (``said Berg``);
else the words between the quote and the verb, else the sentence's subject.
For other cues: the object of ``according to``, the owner of a claim, the
name of a byline or transcript label, the subject of a colon line. An ad,
statement or letter gives way to the person the sentence names behind it
(`documents`); `clauses` walks from a participle or joined verb to the
clause that holds its subject.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .vocabulary import (ABSTRACT_SUFFIXES, AGENT_NOUNS, CAUSING_VERBS, CLAIM_NOUNS, THING_NOUNS, OBJECT_PRONOUNS, PERCEPTION_VERBS,
                         PERSONAL_HONORIFICS, SUBORDINATORS, UTTERANCE_NOUNS, WRITTEN_SOURCES)
from .phrases import _head_of, _honorific_before, _is_proper, _known_surname, _name_words, _noun_phrase
from .cues import _byline_name
from .cue_words import _Cue
from .sentence_cues import transcript_label
from .cue_words import _cue_of, _owned_utterance
from .clauses import (_absolute_before, _absolute_subject, _joined_speech_verb, _noun_before, _relative_antecedent,
                      _reporting_verb_above, _trailing_participle_in_relative, _verb_before_preposition)
from .documents import _carrier_author, _is_carrier

if TYPE_CHECKING:
    from .article import Reading


def take_mention(reading: Reading, para: int, cue: _Cue) -> list:
    """The words that name the speaker of a cue (the step's entry point), or [].

    The cue's subject or object (`_speaker_tokens`); an "I" on a transcript
    line is the line's label ("MORO: I said it was “…”"); an ad, statement
    or letter gives way to the person the sentence names behind it.
    """
    mention_tokens = _speaker_tokens(reading, para, cue)
    if not mention_tokens:
        return []
    if _head_of(mention_tokens).lower_ in ("i", "me"):
        mention_tokens = transcript_label(reading, para) or mention_tokens  # "MORO: I said it was “…”"
    if cue.kind in ("verb", "utterance", "colon", "tag", "carrier") and _is_carrier(_head_of(mention_tokens)):
        mention_tokens = _carrier_author(reading, para, cue.token, _head_of(mention_tokens)) or mention_tokens
    return mention_tokens


def is_agent(tokens) -> bool:
    """False when a mention names an event, a state of affairs or an act, which cannot speak
    ("talks continue", "tensions rose", "the sanctions", "a move", "the decision").

    People, bodies, roles, groups, pronouns, names and documents that speak for
    themselves ("the report") are agents, and so is any noun not known to be
    a thing, so an unfamiliar role ("the attaché") is never thrown away.
    """
    words = _name_words(tokens)
    if not words:
        return False
    if any(t.ent_type_ == "PERSON" for t in words):
        return True  # "The informateur, former speaker Ruud Kemper"
    head = _head_of(words)
    if head.pos_ in ("PRON", "PROPN") or head.ent_type_ in ("ORG", "NORP", "GPE"):
        return True
    lemma = head.lemma_.lower()
    if lemma in AGENT_NOUNS or head.lower_ in AGENT_NOUNS:
        return True
    # A capitalised word inside a sentence, or right after a quote the parser ended a sentence with,
    # is a name the tagger misread ("Dunnity said", "“…?” Dunnity asked"), not a state of affairs.
    named = head.text[:1].isupper() and (head.i > head.sent.start or head.i > 0 and head.nbor(-1).text in "”\"’'»")
    return not (lemma in THING_NOUNS or head.lower_ in THING_NOUNS or lemma.endswith(ABSTRACT_SUFFIXES) and not named)


def owner_of(tokens) -> list:
    """The owner of a thing named as the speaker ("Its conclusion was this:" → "Its", "A projection by
    the firm Ostra predicted …" → "the firm Ostra"), or []."""
    head = _head_of(_name_words(tokens) or tokens)
    owners = [c for c in head.children if c.dep_ == "poss"]
    owners = owners or [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                        for g in c.children if g.dep_ == "pobj" and any(_is_proper(t) for t in _noun_phrase(g))]
    return _noun_phrase(owners[0]) if owners and is_agent(_noun_phrase(owners[0])) else []


def _speaker_tokens(reading: Reading, para: int, cue: _Cue):
    """The words each kind of cue names its speaker with: a verb's subject (`_verb_speaker`), "according to"'s object…"""
    token = cue.token
    if cue.kind == "according":
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if not objects and token.i + 1 < len(token.doc):
            objects = [c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"]
        return _noun_phrase(objects[0]) if objects else []
    if cue.kind == "byline":
        return _byline_name(token)
    if cue.kind == "tag":  # a misread speech tag: the words between the quote and its verb
        words = []
        for t in reversed(token.doc[token.sent.start : token.i]):
            if t.is_punct and t.text not in "-'" or t.is_space:
                break
            words.insert(0, t)
        return words
    if cue.kind == "label":
        return transcript_label(reading, para)
    if cue.kind == "utterance":
        return _noun_phrase(_owned_utterance(token))
    if cue.kind == "colon":
        return _colon_speaker(reading, para, token)
    if cue.kind == "carrier":  # "Lind issued a statement, “…”": the statement, then who issued it
        return _noun_phrase(token)
    return _verb_speaker(reading, para, token)


def _colon_speaker(reading: Reading, para: int, token) -> list:
    """The speaker of a colon line: a digest's credited name, the lead-in's subject ("The spokesman
    was blunt:"; its "by" phrase when passive), else the noun run before the colon (headline style
    "Berg: …"), but never a medium ("Later that month on CNN: …")."""
    if token.text == ":":
        named = _run_before(token.doc, token.i, ("PROPN",), token.sent.start)
        if named and _dash_before(named[0], token):
            return named  # "Polls held up - More from Ada Lind: “…”"
    root = token.sent.root if token.text == ":" else token
    if token.text == ":" and not reading.outside(para, root):
        root = _lead_in_verb(reading, para, token) or root  # "Vell delivered a retort: “…”" (root in the quote)
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and reading.usable(para, c)]
    agents = _passive_agents(reading, para, root) if subjects and subjects[0].dep_ == "nsubjpass" else []
    if agents:
        return _noun_phrase(agents[0])  # "The point is made by this finding: “…”"
    if subjects:
        return _noun_phrase(_utterer(subjects[0]))
    words = _run_before(token.doc, token.i if token.text == ":" else token.i + 1, ("PROPN", "NOUN"))
    if words and words[0].i > 0 and words[0].doc[words[0].i - 1].pos_ == "ADP":
        return []  # the medium, not the speaker
    return words


def _run_before(doc, end: int, tags: tuple[str, ...], start: int = 0) -> list:
    """The words right before position `end` (from `start` on) whose tags are all in `tags`."""
    i = end - 1
    while i >= start and doc[i].pos_ in tags and not doc[i].is_punct:
        i -= 1
    return list(doc[i + 1 : end])


def _dash_before(first, colon) -> bool:
    """A dash before `first`, at most six words before the colon and in its sentence; it may be glued
    to the next word ("-More from Ada Lind:")."""
    doc = first.doc
    return any(doc[i].text[:1] in ("-", "–", "—") for i in range(max(colon.sent.start, colon.i - 6), first.i))


def _lead_in_verb(reading: Reading, para: int, colon):
    """The verb of the clause before a colon, when the parser made a word of the quote the sentence's root.

    "Vell fired back: “If they sue us, they lose.”", "The board was blunt in
    its findings: “…”": the lead-in's subject is the speaker, not a noun
    next to the colon.
    """
    words = [t for t in colon.sent if t.i < colon.i and reading.usable(para, t)]
    ids = {t.i for t in words}
    tops = [t for t in words if t.head.i not in ids or t.head.i == t.i]
    verbs = [t for t in tops if t.pos_ in ("VERB", "AUX")]
    return verbs[-1] if verbs else None


def _verb_speaker(reading: Reading, para: int, token):
    """The speaker of a speech verb: its subject, else the words next to it."""
    verb, joined = token, False
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and reading.usable(para, c)]
        subjects = subjects or _mistagged_name_next_to(reading, para, verb)
        # Of two subjects, the one right after its verb ("… for the EU, said Gert Wildt"): the other is a
        # word of the reported clause the parser hung on the verb too. A place is the last choice: a fronted
        # one ("Speaking in Bend, Oregon, Vell went after …") may be read as a subject too. A name before a
        # role: "Kunin's niece, state delegate Ada Vell, said" may be read as two subjects.
        subjects.sort(key=lambda s: (not (s.i > verb.i and s.left_edge.i == verb.i + 1), s.ent_type_ in ("GPE", "LOC"),
                                     not _is_proper(s)))
        if subjects:
            subject = subjects[0]
            if subject.pos_ == "ADP":  # "Of Marsh, Levine … said": the parser made the fronted "Of" the subject
                subject = next((c for c in reversed(list(subject.children)) if c.dep_ == "pobj"), subject)
                return [t for t in _noun_phrase(subject) if t.dep_ != "nmod" or t.head.i != subject.i]
            if subject.lower_ == "it" and _reporting_verb_above(verb) is not None:
                token = verb = _reporting_verb_above(verb)  # "Berg said it would tell a story of “…”"
                continue
            if subject.i > verb.i and subject.left_edge.i != verb.i + 1:
                # not "“…” for Vell, said Kunin": a subject right after its verb is the speaker
                named = _name_after_quote(reading, para, verb)
                if named:
                    return named
            if subject.dep_ == "nsubjpass" and not joined:
                # a verb joined straight to a passive shares its subject, not its "by" phrase
                # ("Holm was greeted on the podium by Kunin and quipped, “…”" → Holm)
                agents = _passive_agents(reading, para, verb)
                if agents:
                    return _noun_phrase(agents[0])
            if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return _noun_phrase(_relative_antecedent(verb, subject))  # "Orlov, who told reporters …"
            if subject.lower_ in ("who", "which") and subject.tag_ in ("WP", "WDT") or subject.lower_ == "that":
                noun = _noun_before(subject)  # a relative clause the parser did not hang on its noun
                if noun is not None and reading.usable(para, noun):
                    return _noun_phrase(noun)
            return _noun_phrase(_utterer(subject))
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj" and reading.usable(para, g)]
        if not agents and verb.tag_ == "VBN":
            agents = [g for g in _passive_agents(reading, para, verb) if reading.usable(para, g)]
        if agents and verb.i == token.i:
            # the cue itself: "Asked by Thrush if Vell “gets” it, …", "… — often labelled a “farce” by critics"
            return _noun_phrase(agents[0])
        if verb.dep_ == "conj":
            above = _joined_speech_verb(verb)
            # "was joined by Kunin and joked": the subject's; "was asked by Lind, …, and …": Lind's question
            joined, verb = above.i == verb.head.i and _cue_of(above) != "verb", above
            continue
        absolute = _absolute_subject(verb) or _absolute_before(verb)
        if absolute is not None and reading.usable(para, absolute):
            return _noun_phrase(absolute)
        controller = _object_controller(reading, para, verb)
        if controller is not None:
            return _noun_phrase(controller)
        if verb.dep_ in ("xcomp", "advcl"):
            participle = verb.dep_ == "advcl" and verb.tag_ == "VBG"
            action = _as_clause_before(verb) if participle else None
            verb = verb.sent.root if _trailing_participle_in_relative(verb) else verb.head
            if action is not None:
                verb = action  # "It was a blow, as Vell echoed the charge, saying …": Vell's saying
                continue
            # "Lind said a deal would have given them a fresh start, adding …": a speech participle the
            # parser hangs on a verb of someone's reported clause goes on with that report; one hung on a
            # quote's speech tag goes on with that tag ("“…,” Lind added, saying …", even inside a report).
            if participle and not _is_speech_tag(verb) and (report := _reporting_verb_above(verb)) is not None:
                verb = report
            elif participle and _after_a_finished_clause(verb) and _cue_of(verb.head) == "verb":
                verb = verb.head  # "Kessler said on air after the mayor kept her seat, remarking …"
            continue
        governor = _verb_before_preposition(verb)
        if governor is not None:
            verb = _reporting_verb_above(governor) or governor
            continue
        break
    owner = _owner_of_relative_clause_above(reading, para, verb)
    if owner is not None:
        return _noun_phrase(owner)
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN") and reading.usable(para, verb.head):
        governor = _clause_of_object(verb)
        if governor is not None:
            return _verb_speaker(reading, para, governor)  # "Vale wrote to the board accusing it of …" → Vale
        if _is_carrier(verb.head):  # "Vale posted a message on the site reading “…”" → Vale
            author = _carrier_author(reading, para, verb, verb.head)
            if author:
                return author
        # "the statement, issued by …"; never the clause itself, nor past a comma after the noun
        # ("Ada Lind, who ran the campaign, called it “…”" read as a clause on "Lind").
        words = [t for t in _noun_phrase(verb.head) if t.i not in {s.i for s in verb.subtree}]
        return [t for t in words if not any(c.text == "," and verb.head.i < c.i <= t.i for c in words)]
    inverted = _inverted_speaker(reading, para, token)
    if inverted:
        return inverted
    return _phrase_after_quote(reading, para, token) or _sentence_subject(reading, para, token)


def _is_speech_tag(verb) -> bool:
    """A speech verb whose subject follows a quote's closing mark: "“…,” Lind added"."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    return (_cue_of(verb) == "verb" and bool(subjects) and subjects[0].left_edge.i > 0
            and subjects[0].doc[subjects[0].left_edge.i - 1].text in ("”", '"', "’", "'", "»"))


def _owner_of_relative_clause_above(reading: Reading, para: int, verb):
    """The noun a relative clause describes, when the parser hung the main verb on that clause's last noun.

    "Ivo Brandt, who had failed to win his party's nomination, called for a
    “cultural war”": "called" is read as a clause on "nomination"; the one
    who called is Brandt, whom the relative clause describes.
    """
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return None
    for ancestor in verb.head.ancestors:
        if ancestor.dep_ == "relcl" and ancestor.head.pos_ in ("NOUN", "PROPN") and reading.usable(para, ancestor.head):
            return ancestor.head
    return None


def _mistagged_name_next_to(reading: Reading, para: int, verb) -> list:
    """A known person's surname right before or after a verb that the tagger read as another word.

    "“…,” said Skelly" and "And Skelly called it …" with "Skelly" tagged an
    adverb: the article named Bill Skelly, so the word is his name and the
    verb's subject.
    """
    return [c for c in verb.children if abs(c.i - verb.i) == 1 and c.pos_ != "PROPN" and c.dep_ not in ("dobj", "prt")
            and _known_surname(c, reading.registry) and reading.usable(para, c)][:1]


def _object_controller(reading: Reading, para: int, verb):
    """The object of the verb a to-clause completes: the one who does the saying in it, or None.

    "The row prompted Marsh to call Reed “…”", "the ruling led the paper to
    run a cover saying “…”": the subject of "prompted" only set it off.
    """
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "to make a joke and call Reed …"
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if verb.head.lemma_.lower() not in CAUSING_VERBS:
        return None  # "would like Vell to explain", "invited the candidates to speak": not what was said
    objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i and reading.usable(para, c)]
    if not objects or objects[0].pos_ == "PRON" and objects[0].lower_ in ("it", "this", "that"):
        return None
    return objects[0] if is_agent(_noun_phrase(objects[0])) else None


def _as_clause_before(participle):
    """An "as" or "while" clause with a subject right before a participle the parser hung on the main
    verb: the participle goes on with that clause's action ("…, as Vell echoed the charge, saying …")."""
    clauses = [c for c in participle.head.children
               if c.dep_ == "advcl" and c.i < participle.i and c.right_edge.i >= participle.i - 2
               and {m.lower_ for m in c.children if m.dep_ == "mark"} & {"as", "while"}
               and any(s.dep_ == "nsubj" for s in c.children)]
    return clauses[-1] if clauses else None


def _after_a_finished_clause(verb) -> bool:
    """A clause of time or reason that is no speech of its own ("after the mayor kept her seat"):
    a participle after it goes on with the sentence's speaker. Not one of "as" or "while", whose
    own action a participle continues ("as a porter walked in, saying …")."""
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    return verb.dep_ == "advcl" and _cue_of(verb) != "verb" and bool(marks) and not marks & {"as", "while"}


def _passive_agents(reading: Reading, para: int, verb) -> list:
    """Who did the saying in a passive clause: the object of its "by", wherever the parser hung it.

    "Her comments were described as “reckless” and “cruel” by the Harbour
    Union": the parser may hang the "by" on the last quoted word, yet the
    union described them, not the owner of the comments.
    """
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if agents:
        return agents
    for by in verb.subtree:
        if by.lower_ != "by" or by.dep_ != "prep" or by.i < verb.i or not reading.usable(para, by):
            continue  # "By the end of the day, Vell was forced to …": a time, not who did it
        step = by.head
        while step.i != verb.i and step.pos_ not in ("VERB", "AUX"):
            step = step.head
        if step.i == verb.i:
            objects = [g for g in by.children if g.dep_ == "pobj" and reading.usable(para, g) and is_agent([g])]
            if objects:
                return objects
    return []


def _clause_of_object(participle):
    """The verb whose subject a speech participle hung on that verb's object belongs to, or None.

    "Vale attacked the plans for pensioners, saying they needed more",
    "Vale wrote to the watchdog accusing Labour of …": the parser hangs the
    "-ing" verb on the nearest noun, but the one who says is the clause's
    subject. Not after a document or utterance ("a letter saying …"), nor
    after "from"/"by" ("a call from Vale saying …") or a verb of seeing or
    hearing ("heard protesters chanting …"), where the noun speaks.
    """
    if participle.dep_ != "acl" or participle.tag_ != "VBG" or _cue_of(participle) != "verb":
        return None
    noun = participle.head
    if noun.lemma_.lower() in (WRITTEN_SOURCES | CLAIM_NOUNS) - {"plan", "deal"}:
        return None  # but "opposed the plans, branding them …": a plan does not brand
    token = noun
    for _ in range(4):
        if token.dep_ in ("dobj", "dative"):
            token = token.head
        elif token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ not in ("from", "by", "of", "with", "among"):
            token = token.head.head
        else:
            return None
        if token.pos_ in ("VERB", "AUX"):
            return None if token.lemma_.lower() in PERCEPTION_VERBS else token
    return None


def _utterer(subject):
    """'Her answer was short:' → 'Her': the owner of an utterance speaks it."""
    if subject.lemma_.lower() in UTTERANCE_NOUNS:
        owners = [c for c in subject.children if c.dep_ == "poss"]
        if owners:
            return owners[0]
    return subject


def _name_after_quote(reading: Reading, para: int, verb):
    """ "“…,” Solheim, a retired admiral, said on Nordkanal TV": the person named between a quote and its verb.

    The parser may attach that name to the quote and take a later word
    as the verb's subject; a name in this gap is the speaker.
    """
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and reading.outside(para, doc[i]) and doc[i].sent == verb.sent:
        i -= 1
    gap = doc[i + 1 : verb.i]
    names = [e for e in doc.ents if e.label_ == "PERSON" and gap.start <= e.start and e.end <= gap.end]
    return list(names[0]) if names else []


def _phrase_after_quote(reading: Reading, para: int, verb):
    """ "The senator “stands by it,” her spokesman, Ted Arlo, said": the noun phrase between a quote and its verb.

    When the parser makes the quote's clause the verb's subject, the words
    between the closing mark and the verb still name the speaker; the
    subject of the quoted clause ("The senator") does not.
    """
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and reading.outside(para, doc[i]) and doc[i].sent == verb.sent:
        i -= 1
    if i < 0 or doc[i].sent != verb.sent:
        return []  # no quote before the verb in its sentence
    gap = [t for t in doc[i + 1 : verb.i] if not t.is_punct]
    inside = {t.i for t in gap}
    heads = [t for t in gap if t.pos_ in ("NOUN", "PROPN") and t.head.i not in inside]
    return _noun_phrase(heads[0]) if heads else []


def _inverted_speaker(reading: Reading, para: int, token):
    """Inverted order right after a quote: "“…,” said Berg"."""
    doc = token.doc
    previous = [t for t in doc[max(0, token.i - 3) : token.i] if not t.is_punct]
    if any(reading.outside(para, t) for t in previous):
        return []  # words of the sentence stand before the verb: not inverted
    for t in doc[token.i + 1 : token.i + 6]:
        if t.lower_ in OBJECT_PRONOUNS:
            break  # "“…,” comparing him to …": the verb's object, not its speaker
        if t.pos_ in ("PROPN", "NOUN", "PRON"):
            head = t
            while head.head.i != head.i and head.head.i > head.i and head.dep_ in ("compound", "flat"):
                head = head.head
            return _noun_phrase(head)
        if t.is_punct:
            break
    return []


def _sentence_subject(reading: Reading, para: int, token):
    """The first subject of the sentence before the verb, else the last person named before it.

    When the parser hangs the name on a relative clause
    ("Sandu, whose party won …, said") the verb has no subject of its own;
    the sentence's opening subject is then the speaker.
    """
    for t in token.sent:
        if t.i >= token.i:
            break
        if _in_subordinate_clause(t):
            continue  # "When rebels are caught, Berg and Holt call them “…”"
        if t.dep_ in ("nsubj", "nsubjpass") and reading.usable(para, t) and t.lower_ not in ("who", "which", "that"):
            if t.pos_ in ("PROPN", "NOUN", "PRON"):
                return _noun_phrase(_utterer(t))
    # No subject at all ("In the port town of Velmar, trawler owner Ines Daugava, 58, said …"
    # parsed as a prepositional object): the last person named before the verb.
    opener = token.sent[0]
    if opener.i < token.i and opener.pos_ == "VERB" and _known_surname(opener, reading.registry) and reading.usable(para, opener):
        return [opener]  # a known surname the tagger read as a verb: "Trim firmly believes …"
    people = [t for t in token.sent if t.i < token.i and t.ent_type_ == "PERSON" and reading.usable(para, t)]
    if people:
        last = people[-1]
        return list(next(e for e in token.doc.ents if e.start <= last.i < e.end))
    # Tagged otherwise ("In a speech to the Policy Centre Mr Vell said", "Welcoming the ruling, Ada
    # Lind, chief executive of …, said"): the last name an honorific or the article's people vouch for.
    names = [t for t in token.sent if t.i < token.i and t.pos_ == "PROPN" and reading.usable(para, t)
             and (_honorific_before(t) or _known_surname(t, reading.registry)) and t.dep_ not in ("compound", "flat")]
    return _name_run(names[-1]) if names else []


def _name_run(surname) -> list:
    """The proper nouns written right before a surname, back to an honorific: "Mr Vell", "Ada Lind"."""
    doc, start = surname.doc, surname.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start].lower_.rstrip(".") not in PERSONAL_HONORIFICS:
        start -= 1
    return list(doc[start : surname.i + 1])


def _in_subordinate_clause(subject) -> bool:
    """The subject of an adverbial clause opened by "when", "if", "after"…"""
    verb = subject.head
    return verb.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in SUBORDINATORS for c in verb.children)

