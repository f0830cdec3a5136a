"""One speaker across articles: archive-wide identities over the per-article canonical speakers.

Within one article the speaker stage already gives every person one canonical
name, the fullest the article writes. Across articles the same person is
still written many ways: `Zelensky`, `Zelenskiy`, `Volodymyr Zelenskyy`, `the
Ukrainian president`. `SpeakerIdentities` groups those canonical names:

    identities = SpeakerIdentities().fit(rows)     # rows: mappings with `speaker` (and `speaker_mention`)
    identity = identities.assign("Zelenskiy")      # Identity(id="volodymyr-zelenskyy", name="Volodymyr Zelenskyy", ...)

- full names merge when their surnames are one name up to spelling or
  transliteration (`same_surname`) and their first names agree (same name,
  an initial, or one name a tail of the other: `Abbas Araghchi` / `Seyed
  Abbas Araghchi`); two different first names with one surname stay apart;
- a surname-only name (`Peskov`, `Peskow`) joins the one full name it fits;
  when two full names share that surname it stays apart from both;
- a role written as the speaker (`the Ukrainian president`, when an article
  never names the person) joins the person that other articles tie that role
  to (`Ukrainian President Volodymyr Zelenskyy said …`, as a quote's
  mention), when the archive ties the role to exactly one person.

The display name is the most frequent full form; the id is its slug, made
unique (`-2`, `-3` …) in a fixed order, so the same archive always gives the
same ids. Fitting keeps only counts of distinct names, so it is cheap on
large archives (`update` may be called batch by batch before `build`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from .speakers.registry import normalize_name, same_surname
from .speakers.vocabulary import DETERMINERS, FIRST_NAMES, HONORIFICS, NAME_PARTICLES, TITLE_WORDS

#: Lower-case words that may sit inside a name or a body's name without making it a role.
_CONNECTORS = frozenset({"of", "for", "and", "on", "in", "to", "y"}) | NAME_PARTICLES | DETERMINERS


#: Courtesy titles dropped before comparing names ("Mr Peskov" is "Peskov").
_COURTESY = frozenset("mr mrs ms miss dr sir dame lady lord madam prof".split())


@dataclass(frozen=True)
class Identity:
    """One speaker across the archive."""

    id: str
    name: str
    #: Every canonical name (as the articles wrote it) that stands for this speaker.
    forms: tuple[str, ...]
    #: Quotes attributed to it in the rows fitted.
    quotes: int


@dataclass
class _Group:
    kind: str  # "name" (a full name or a body's name), "single" (one word), "role"
    forms: Counter = field(default_factory=Counter)
    words: list[list[str]] = field(default_factory=list)  # the name words of each full form
    described: set = field(default_factory=set)  # forms with an adjective for a first name ("Resilient Zelensky")


def is_role(name: str) -> bool:
    """A speaker written as a role or description ("the Ukrainian president", "Prime Minister"), not a name."""
    words = name.split()
    if words and words[0].lower() in DETERMINERS:
        return True
    normal = normalize_name(name).split()
    head = normal[normal.index("of", 1) - 1] if "of" in normal[1:] else normal[-1] if normal else ""
    titles = [i for i, w in enumerate(normal) if w in TITLE_WORDS]
    named_after = bool(titles) and len(normal) - titles[-1] - 1 >= 2  # "Minister of Trade Ilse Varnholt"
    if head in TITLE_WORDS and normal[0] not in FIRST_NAMES and not named_after:
        return True  # "Prime Minister", "Minister of Defence"; not "John Major", "Ministry of Trade"
    for word in words:
        head = word.split("-")[0].strip(".,'’")
        if head and head[0].islower() and head.lower() not in _CONNECTORS:
            return True
    return False


def name_words(name: str) -> list[str]:
    """The comparable words of a name: normalised, leading titles and honorifics dropped."""
    words = normalize_name(name).split()
    while len(words) > 1 and words[0] in _COURTESY:
        words.pop(0)
    titles = [i for i, w in enumerate(words) if w in TITLE_WORDS]
    if titles and len(words) - titles[-1] - 1 >= 2:
        # "President Donald Trump", "Ukrainian Minister of Defence Mykhailo Fedorov" → the name after the
        # last title; "Foreign Ministry", "Norvian Foreign Ministry" stay whole.
        words = words[titles[-1] + 1:]
    return words


#: Endings of English adjectives that a headline puts before a surname ("Resilient Zelensky", "Defiant Vale").
_ADJECTIVE_ENDINGS = ("ient", "iant", "ive", "ous", "ful", "less", "able", "ible")


def _descriptor(words: list[str]) -> bool:
    """Two words whose first may be a capitalised adjective in front of a surname, not a first name."""
    return len(words) == 2 and len(words[0]) > 5 and words[0] not in FIRST_NAMES and words[0].endswith(_ADJECTIVE_ENDINGS)


def _trimmed(form: str) -> str:
    """The form as written without the titles or descriptor in front: "Mykhailo Fedorov"."""
    words, kept = form.split(), name_words(form)
    if len(words) == len(normalize_name(form).split()) and 0 < len(kept) < len(words):
        return " ".join(words[-len(kept):])
    return form


def names_match(a: list[str], b: list[str]) -> bool:
    """Two full names of one person: same surname up to spelling, and first names that agree."""
    if not a or not b or not same_surname(a[-1], b[-1]):
        return False
    shorter, longer = sorted((a, b), key=len)
    if all(same_surname(x, y) for x, y in zip(reversed(shorter), reversed(longer))):
        return True  # one a tail of the other: "Abbas Araghchi" / "Seyed Abbas Araghchi"
    # The shorter name's first name is one of the longer name's given names, or its initial.
    first = shorter[0]
    return any(_given_names_agree(first, given) for given in longer[:-1])


def _given_names_agree(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]  # an initial
    return same_surname(a, b)


def _role_key(role: str) -> str | None:
    """A role that can name one person across articles: two words or more, one of them a title."""
    words = normalize_name(role).split()
    if len(words) < 2 or not any(w in TITLE_WORDS for w in words) or all(w in HONORIFICS for w in words):
        return None
    return " ".join(words)


def role_of_mention(speaker: str, mention: str | None) -> str | None:
    """The role an article ties to a named speaker through the quote's mention, if any.

    "Ukrainian President Volodymyr Zelenskyy" for "Volodymyr Zelenskyy" → "ukrainian president";
    "the Ukrainian president" for "Volodymyr Zelenskyy" → "ukrainian president"; "he", "Zelenskyy" → None.
    """
    if not mention or is_role(speaker):
        return None
    mention_words = normalize_name(mention).split()
    speaker_words = normalize_name(speaker).split()
    if not mention_words or not speaker_words:
        return None
    # Drop the name at the end of the mention ("… Volodymyr Zelenskyy", "… Zelenskyy").
    cut = len(mention_words)
    while cut > 0 and any(same_surname(mention_words[cut - 1], w) for w in speaker_words):
        cut -= 1
    return _role_key(" ".join(mention_words[:cut]))


def _slug(name: str) -> str:
    return "-".join(normalize_name(name).split()) or "unknown"


class SpeakerIdentities:
    """Groups per-article canonical speakers into archive-wide identities (`fit`, then `assign`)."""

    def __init__(self) -> None:
        self._forms: Counter = Counter()  # canonical speaker as written → quotes
        self._ties: Counter = Counter()  # (role key, named speaker) → quotes
        self.identities: list[Identity] = []
        self._by_form: dict[str, Identity] = {}

    # -- fitting -------------------------------------------------------------------------------

    def update(self, rows: Iterable[Mapping]) -> "SpeakerIdentities":
        """Count the speakers (and the roles their mentions give) of some rows; call `build` after."""
        for row in rows:
            self.add(row.get("speaker"), row.get("speaker_mention"))
        return self

    def add(self, speaker: str | None, mention: str | None = None, count: int = 1) -> None:
        """Count one speaker name (with the mention that named it for a quote)."""
        if not isinstance(speaker, str) or not speaker.strip():
            return
        speaker = " ".join(speaker.split())
        self._forms[speaker] += count
        role = role_of_mention(speaker, mention if isinstance(mention, str) else None)
        if role:
            self._ties[(role, speaker)] += count

    def fit(self, rows: Iterable[Mapping]) -> "SpeakerIdentities":
        """Identities for these rows (each a mapping with `speaker`, optionally `speaker_mention`)."""
        self._forms, self._ties = Counter(), Counter()
        return self.update(rows).build()

    def build(self) -> "SpeakerIdentities":
        """Group the speakers counted so far."""
        order = sorted(self._forms, key=lambda f: (-self._forms[f], -len(f.split()), f))
        roles = [f for f in order if is_role(f)]
        names = [f for f in order if not is_role(f)]
        full = [f for f in names if len(name_words(f)) > 1]
        single = [f for f in names if len(name_words(f)) <= 1]

        groups: list[_Group] = []
        group_of: dict[str, _Group] = {}

        def join(group: _Group, form: str) -> None:
            group.forms[form] += self._forms[form]
            if group.kind == "name":
                group.words.append(name_words(form))
            group_of[form] = group

        def new(kind: str, form: str) -> None:
            group = _Group(kind)
            groups.append(group)
            join(group, form)

        named: list[_Group] = []
        # "Resilient Zelensky": a headline's adjective taken into the name; tried last, as a bare surname.
        maybe_described = [f for f in full if _descriptor(name_words(f))]
        for form in [f for f in full if f not in maybe_described] + maybe_described:
            words = name_words(form)
            fits = [g for g in named if all(names_match(words, known) for known in g.words)]
            if not fits and form in maybe_described:
                fits = [g for g in named if any(same_surname(words[-1], known[-1]) for known in g.words)]
                if len(fits) == 1:
                    fits[0].forms[form] += self._forms[form]  # not among its names for matching or display
                    fits[0].described.add(form)
                    group_of[form] = fits[0]
                    continue
            if len(fits) == 1:
                join(fits[0], form)
            else:  # a new person, or a name that fits two people (an initial): kept apart
                new("name", form)
                named.append(groups[-1])

        singles: list[_Group] = []
        for form in single:
            word = (name_words(form) or [normalize_name(form)])[-1]
            fits = [g for g in named if any(same_surname(word, known[-1]) for known in g.words)]
            if len(fits) == 1:
                join(fits[0], form)
                continue
            ambiguous = len(fits) > 1
            alike = [g for g in singles if g.kind == ("ambiguous" if ambiguous else "single")
                     and any(same_surname(word, (name_words(f) or [normalize_name(f)])[-1]) for f in g.forms)]
            if alike:
                join(alike[0], form)
            else:
                new("ambiguous" if ambiguous else "single", form)
                singles.append(groups[-1])

        # Roles the articles tie to exactly one identity.
        tied: dict[str, set[int]] = {}
        for (role, speaker), _ in sorted(self._ties.items()):
            if speaker in group_of:
                tied.setdefault(role, set()).add(id(group_of[speaker]))
        by_id = {id(g): g for g in groups}
        role_groups: dict[str, _Group] = {}
        for form in roles:
            key = normalize_name(form)
            targets = tied.get(key, set())
            if len(targets) == 1:
                join(by_id[next(iter(targets))], form)
            elif key in role_groups:
                join(role_groups[key], form)
            else:
                new("role", form)
                role_groups[key] = groups[-1]

        self.identities, self._by_form = [], {}
        taken: Counter = Counter()
        for group in sorted(groups, key=lambda g: (-sum(g.forms.values()), _display(g))):
            display = _display(group)
            slug = _slug(display)
            taken[slug] += 1
            identity = Identity(
                id=slug if taken[slug] == 1 else f"{slug}-{taken[slug]}",
                name=display,
                forms=tuple(sorted(group.forms, key=lambda f: (-group.forms[f], f))),
                quotes=sum(group.forms.values()),
            )
            self.identities.append(identity)
            self._by_form.update({form: identity for form in group.forms})
        return self

    # -- using ---------------------------------------------------------------------------------

    def assign(self, speaker: str | None) -> Identity | None:
        """The identity of a canonical speaker name (None for no speaker, or one never fitted)."""
        if not isinstance(speaker, str):
            return None
        return self._by_form.get(" ".join(speaker.split()))

    def columns(self, speakers: Iterable[str | None]) -> tuple[list[str | None], list[str | None]]:
        """`speaker_id` and `speaker_name` for each speaker, in order."""
        found = [self.assign(s) for s in speakers]
        return [i.id if i else None for i in found], [i.name if i else None for i in found]

    def add_columns(self, rows: list[dict]) -> list[dict]:
        """The rows with `speaker_id` and `speaker_name` set (in place, and returned)."""
        for row in rows:
            identity = self.assign(row.get("speaker"))
            row["speaker_id"] = identity.id if identity else None
            row["speaker_name"] = identity.name if identity else None
        return rows


def _display(group: _Group) -> str:
    """The most frequent full form (then the longest, then the first in alphabetical order)."""
    counts: Counter = Counter()
    for form, count in group.forms.items():
        if not is_role(form) and form not in group.described:
            counts[_trimmed(form)] += count  # "President Harlan Teeve" counts for "Harlan Teeve"
    forms = [f for f in counts if len(f.split()) > 1] or list(counts)
    if not forms:
        counts, forms = group.forms, list(group.forms)
    return min(forms, key=lambda f: (-counts[f], -len(f.split()), -len(f), f))
