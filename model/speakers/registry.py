"""The article's registry of people and bodies: canonical names, variants, roles, gender.

`SpeakerRegistry` holds one `_Entity` per person or body and answers the
resolve step's questions: which person a surname or spelling variant stands
for (`same_surname` folds transliterations), who held a role (before the
mention, or named for it soon after), whom a he/she refers to. The canonical
name is the fullest name the article writes. `people.py` fills the registry.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Iterable

from ..records import Person
from .vocabulary import BODY_NOUNS, DETERMINERS, FEMALE_NAMES, FIRST_NAMES, HONORIFICS, MALE_NAMES, RANK_WORDS, TITLE_ABBREVIATIONS, TITLE_WORDS, WORDLIKE_FIRST_NAMES


# How far (characters) after a role ("the envoy said") the article may first name its holder.
CATAPHORA_REACH = 1500


# How far (characters) after an unknown role its holder may be introduced as a subject.
NEW_SUBJECT_REACH = 400


# How far (characters) back a he/she may take a person whose gender the article never shows,
# over an earlier person of the right gender.
UNKNOWN_GENDER_REACH = 600


@functools.lru_cache(maxsize=1 << 16)  # pure, and called for every pair of names
def normalize_name(name: str) -> str:
    """Comparison key for speaker names: no accents, case, determiners or possessives."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch))
    name = name.lower().replace("’", "'")
    name = re.sub(r"'s\b", "", name)
    words = [w for w in re.findall(r"[a-z0-9]+", name)]
    while words and words[0] in DETERMINERS:
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
    if ka[0] != kb[0] or abs(len(ka) - len(kb)) > 2 or SequenceMatcher(None, ka, kb).ratio() < 0.8:
        return False
    # A transliteration swaps vowels or one consonant for another (Peskov / Peskow); it does not
    # add a consonant: MacDonell and McConnell are two people.
    sa, sb = _skeleton(a), _skeleton(b)
    if len(sa) == len(sb) or len(sa.replace("h", "")) == len(sb.replace("h", "")):
        return True
    # One consonant more next to its twin is a spelling of the same sound: Varnholt / Varnholdt.
    longer, shorter = (sa, sb) if len(sa) > len(sb) else (sb, sa)
    if len(longer) != len(shorter) + 1:
        return False
    extra = next((i for i in range(len(shorter)) if longer[i] != shorter[i]), len(shorter))
    neighbours = longer[max(0, extra - 1) : extra] + longer[extra + 1 : extra + 2]
    return any(frozenset((longer[extra], n)) in _TWIN_CONSONANTS for n in neighbours)


_TWIN_CONSONANTS = {frozenset(p) for p in ("dt", "bp", "gk", "ck", "sz", "tz", "fv", "vw")}


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

    def by_role(self, role: str, before: int, qualifiers: frozenset[str] = frozenset()) -> _Entity | None:
        candidates = [
            e for e in self.entities
            if e.kind == "person" and role in e.roles and e.seen_before(before + 1) >= 0 and _holds_role(e, qualifiers)
        ]
        return max(candidates, key=lambda e: e.seen_before(before + 1), default=None)

    def by_role_after(self, role: str, after: int, qualifiers: frozenset[str] = frozenset()) -> _Entity | None:
        """The person a role names before the article introduces them.

        "“…,” the envoy said. … The envoy, Marek Hollis, …": a definite role
        with no earlier holder goes to the first person named with that role
        within a few paragraphs after it.
        """
        candidates = [
            e for e in self.entities
            if e.kind == "person" and role in e.roles and after < min(e.positions) <= after + CATAPHORA_REACH
            and _holds_role(e, qualifiers)
        ]
        return min(candidates, key=lambda e: min(e.positions), default=None)

    def next_new_subject(self, after: int, role: str = "", qualifiers: frozenset[str] = frozenset()) -> _Entity | None:
        """A person introduced as a subject right after an unknown definite role.

        "… what the crew spokesman called “…”. Mads Ovren, who speaks for the
        crews, told …": when no one held the role, the first person named
        soon after, as a main clause's subject and for the first time, is
        most likely its holder.
        """
        candidates = [
            e for e in self.entities
            if e.kind == "person" and e.seen_before(after) < 0 and not _titled_otherwise(e, role, qualifiers)
            and any(after < p <= after + NEW_SUBJECT_REACH for p in e.subject_positions)
        ]
        return min(candidates, key=lambda e: min(e.subject_positions), default=None)

    def sole_newcomer(self, since: int, before: int, role: str = "", qualifiers: frozenset[str] = frozenset()) -> _Entity | None:
        """The one person first named between `since` and `before`, if exactly one was.

        "The talks were chaired by Ingrid Sollen, a Norwegian diplomat. In her
        closing remarks the chair said: …": a role nobody holds, right after a
        single person is introduced, describes that person.
        """
        new = [e for e in self.entities if e.kind == "person" and since <= min(e.positions, default=-1) < before]
        named = [e for e in self.entities if e.kind == "person" and e.seen_before(before) >= since]
        return new[0] if len(new) == 1 and len(named) == 1 and not _titled_otherwise(new[0], role, qualifiers) else None

    def by_pronoun(self, gender: str | None, before: int, prefer: _Entity | None = None, since: int = 0,
                   newcomer_wins: bool = False, exclude: _Entity | None = None) -> _Entity | None:
        """The person a he/she at `before` refers to.

        The last compatible person named as the subject of a main clause since
        `since` wins: in "Quinn said Holt had not answered. “…,” she said" the
        quote is Quinn's; one known to have the pronoun's gender goes before
        one whose gender the article has not shown. Otherwise the last
        compatible person named. Never `exclude` (the person an aside interrupts words about).
        """
        people = [e for e in self.entities if e.kind == "person" and e.seen_before(before) >= 0 and e is not exclude]
        compatible = [e for e in people if gender is None or e.gender in (None, gender)]
        if prefer is not None and prefer in compatible and prefer.gender == gender and not (newcomer_wins and any(
            e is not prefer and e.gender == gender and e.subject_before(before) > prefer.seen_before(before) for e in compatible
        )):
            return prefer  # with `newcomer_wins`, not when someone else of that gender became the subject since
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


# Words that make a lesser office of a role: a deputy prime minister is not "the prime minister".
LESSER_RANKS = frozenset({"deputy", "vice", "assistant", "shadow", "junior", "under", "sub"})


def _holds_role(entity: _Entity, qualifiers: frozenset[str]) -> bool:
    """Whether a person's role words fit a role mention's qualifiers ("prime" in "the prime minister").

    The holder's lesser rank must be in the mention (Deputy Prime Minister Ann Vale is not "the prime
    minister"), and the mention's office words must be the holder's (Solicitor General Ann Vale is not
    "the attorney general").
    """
    return not (entity.roles & LESSER_RANKS) - qualifiers and qualifiers <= entity.roles


# Title words that name an office (not "Mr", "Dr", "former").
OFFICE_TITLES = TITLE_WORDS - HONORIFICS.keys() - RANK_WORDS - {"dr", "dr.", "rev", "rev.", "reverend", "state"}


def _titled_otherwise(entity: _Entity, role: str, qualifiers: frozenset[str] = frozenset()) -> bool:
    """A person the article titles with another office is not an unknown role's holder.

    "… the prime minister said. Opposition leader Ann Vale replied …": Vale leads the opposition;
    and "the foreign secretary" is not the newly named Home Secretary Ann Vale.
    """
    if role in entity.roles:
        return not _holds_role(entity, qualifiers)
    return role in OFFICE_TITLES and bool(entity.roles & OFFICE_TITLES)


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
