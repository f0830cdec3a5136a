"""Step 1: find the cue that attributes a quote (`find_cue`).

In order: a vox-pop dash or hyphen credit (``“…” ― Name``, ``“…” - Name.``),
a speech tag after the quote (even one the parser misread: ``“…,” the
editorial read``), the speech verb the parser hangs the quote on (or
``according to``, or the owner of a claim), the nearest cue after or before
the quote in its sentence, any verb in a speech tag (``“…,” Moro beamed``),
a transcript label (``HOLT: …``), a colon line ending the previous
paragraph, a headline ``Name: …``, then (`sentence_cues`) the subject of a
sentence holding a quoted fragment, a speech verb in the sentence just
before. `cue_words._cue_of` says which words are cues. A quote with no cue
continues the previous speaker (see `attributor`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .vocabulary import ADDRESSING_LEMMAS, DETERMINERS, NAME_PARTICLES, SPEECH_LEMMAS, TELL_LEMMAS
from .phrases import _is_proper
from .cue_words import _Cue, _cue_of, _describes, _owned_utterance, _particle
from .documents import _is_carrier
from .sentence_cues import _host_sentence_cue, _previous_sentence_cue, transcript_label

if TYPE_CHECKING:
    from .article import Reading


def find_cue(reading: Reading, start: int, end: int):
    """A dash byline, else the verb governing the quote, else the nearest cue after or before it, else a colon line."""
    byline = _byline_cue(reading, start, end)
    if byline is not None:
        return byline
    tag = _speech_tag_after(reading, start, end)
    if tag is not None:
        return tag
    p_start, p_end = reading.paragraphs.index(start), reading.paragraphs.index(max(start, end - 1))
    # Text before the quote back to the previous quote or the sentence's start.
    before = _sentence_part(reading, p_start, _previous_quote_end(reading, start), start, forward=False)
    colon = _speech_verb_before_colon(before)
    if colon is not None:
        return p_start, colon
    governing = _governing_cue(reading, start, end)
    if governing is not None:
        return governing
    # Text after the quote up to the next quote or the sentence's end.
    after = _sentence_part(reading, p_end, end, _next_quote_start(reading, end), forward=True)
    candidates = []
    for para, tokens, forward in ((p_end, after, True), (p_start, before, False)):
        for distance, token in enumerate(tokens if forward else reversed(tokens)):
            cue = _cue_of(token)
            if cue is None and forward and _owned_utterance(token) is not None and token.dep_ in ("attr", "nsubj"):
                cue = "utterance"  # "“…,” is the verdict of Ada Lind"
            if cue is not None and forward and _reports_its_own_clause(reading, para, end, token):
                break
            if cue is not None and forward and _buried_after_full_stop(reading, end, token, cue):
                continue
            if cue == "verb" and (_decides(reading, para, token) or _addressed(token)):
                continue
            if cue is not None:
                candidates.append((distance + (0 if forward else 1), para, _Cue(cue, token, distance)))
                break
    if candidates:
        _, para, cue = min(candidates, key=lambda c: c[0])
        return para, cue
    tag = _tag_verb_cue(reading, end, after)
    if tag is not None:
        return p_end, tag
    label = transcript_label(reading, p_start)
    if label:
        return p_start, _Cue("label", label[0], 0)
    # Colon line: the quote opens its paragraph, the previous one ends with ":".
    if reading.paragraphs.is_start(max(start - 1, 0)) and p_start > 0:
        prev = p_start - 1
        prev_text = reading.view[reading.paragraphs.starts[prev] : reading.paragraphs.content_end(prev)]
        if prev_text.endswith(":"):
            tokens = [t for t in reading.docs[prev] if not t.is_space]
            sentence = list(tokens[-1].sent) if tokens else []
            for token in reversed(sentence):
                if _cue_of(token) is not None:
                    return prev, _Cue("verb", token, 0)
            heads = [t for t in sentence if t.dep_ == "ROOT"]
            if heads:
                return prev, _Cue("colon", heads[-1], 0)
    # A document named right before the quote: "Lind issued a statement, “…”" (its sender speaks, see `take_mention`).
    if len(before) >= 2 and before[-1].text in (",", ":") and _is_carrier(before[-2]):
        return p_start, _Cue("carrier", before[-2], 0)
    # Headline style in the same paragraph: Name: "…"
    if before and before[-1].text == ":":
        return p_start, _Cue("colon", before[-1], 0)
    return _host_sentence_cue(reading, p_start, start) or _previous_sentence_cue(reading, p_start, start)


def _speech_verb_before_colon(before):
    """A speech verb right before the colon that opens the quote: "“…,” Vell said as a heckler yelled: “…”".

    `before` is the quote's sentence up to it. The parser may hang the quote on the sentence's first
    verb; the verb the colon follows introduces it.
    """
    if len(before) < 2 or before[-1].text != ":":
        return None
    verb = before[-2]
    if _cue_of(verb) != "verb" and verb.dep_ in ("prt", "advmod") and verb.i == verb.head.i + 1:
        verb = verb.head  # "fired back:"
    if _cue_of(verb) != "verb" or _addressed(verb):
        return None
    return _Cue("verb", verb, 0)


def _addressed(verb) -> bool:
    """ "Vell was asked, “…”", "hours after the aide was charged": a passive verb of addressing with
    no "by" makes its subject the one spoken to, not the speaker."""
    return (verb.lemma_.lower() in ADDRESSING_LEMMAS and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
            and not any(c.dep_ == "agent" for c in verb.children))


def _decides(reading: Reading, para: int, verb) -> bool:
    """ "agreed to meet", "agree to the plan": a decision, not words, unless what is agreed is the quote.

    Near a quote it does not govern, such a verb is no cue; "the group agreed
    “to release …”" is found as the quote's own verb first.
    """
    if verb.lemma_.lower() != "agree":
        return False
    return any((c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ in ("to", "on")) and reading.outside(para, c) for c in verb.children)


def _reports_its_own_clause(reading: Reading, para: int, end: int, verb) -> bool:
    """A speech verb in the sentence after a quote that closed with a full stop, reporting words of its own.

    In "“… from our territory.” The ministry said the sanctions would fail"
    the quote ended its sentence, and "said" reports the clause after it,
    not the quote: the quote is no one's by that verb (it continues the
    previous speaker). "“… territory.” said Berg" has no clause of its own.
    """
    if reading.view[max(0, end - 1)] != ".":
        return False
    if _leads_into_next_quote(reading, end):
        return True  # "“… by now.” Vale told the radio: “…”": the verb is the next quote's
    return any(c.dep_ == "ccomp" and reading.outside(para, c) for c in verb.children)


def _buried_after_full_stop(reading: Reading, end: int, token, cue: str) -> bool:
    """A cue deep in the sentence after a quote that closed its own: no tag of that quote.

    "“… by now.” A few weeks of good news, which most analysts agree
    matters, lifted morale", "“….” If admitted, it would pay 6bn, according
    to a study": only the next sentence's main verb ("“….” Lind said.") can
    be the quote's speech tag.
    """
    return reading.view[max(0, end - 1)] == "." and not (cue == "verb" and token.dep_ == "ROOT")


def _leads_into_next_quote(reading: Reading, end: int) -> bool:
    """Whether the words after a quote that ended its sentence run into the next quote with no sentence end.

    "“… went mad.” Director Ada Lind said on Saturday: “The shops were full.”":
    the clause between is the next quote's lead-in; its verb does not reach back.
    """
    later = [s for s, _ in reading.spans if s >= end]
    if not later:
        return False
    between = reading.view[end:min(later)].strip().strip("”\"’'»†")
    return bool(between) and "\n" not in between and not re.search(r"[.!?]", _ABBREVIATION.sub("", between))


# A title's or an initial's full stop, which ends no sentence: "Mr.", "Sen.", "J.".
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Prof|Rev|Sgt|Adm|Amb|St|Jr|Sr|[A-Z])\.")


def other_cues(reading: Reading, start: int, end: int, skip):
    """The other speech cues of the quote's sentence, nearest first: where the first cue's subject
    is no one ("Talks continue “…”, the agency reported"), one of these names the speaker."""
    p_start, p_end = reading.paragraphs.index(start), reading.paragraphs.index(max(start, end - 1))
    after = _sentence_part(reading, p_end, end, _next_quote_start(reading, end), forward=True)
    before = _sentence_part(reading, p_start, _previous_quote_end(reading, start), start, forward=False)
    candidates = [(d, p_end, t, True) for d, t in enumerate(after)] + [(d + 1, p_start, t, False) for d, t in enumerate(reversed(before))]
    for _, para, token, forward in sorted(candidates, key=lambda c: c[0]):
        kind = _cue_of(token)
        if forward and kind == "verb" and _reports_its_own_clause(reading, para, end, token):
            continue  # the next sentence's verb, with words of its own
        if token is not skip and kind in ("verb", "according"):
            yield para, _Cue(kind, token, 0)


def _byline_cue(reading: Reading, start: int, end: int):
    """Vox-pop style: “…” ― Name. A dash (or a hyphen, `HYPHEN_BYLINE`) right after the closing mark,
    then a name."""
    hyphen = HYPHEN_BYLINE.match(reading.view, end)
    match = BYLINE_DASH.match(reading.view, end) or _line_end_byline(reading, end) or hyphen
    if match is None:
        return None
    para = reading.paragraphs.index(min(match.end(), len(reading.view) - 1))
    base = reading.paragraphs.starts[para]
    first = next((t for t in reading.docs[para] if base + t.idx >= match.end()), None)
    if first is None or not _byline_name(first):
        return None
    if match is hyphen and not _ends_a_credit(reading, start, end, _byline_name(first)[-1]):
        return None
    return para, _Cue("byline", first, 0)


def _ends_a_credit(reading: Reading, start: int, end: int, last) -> bool:
    """A hyphen byline credits a quote that is a sentence of its own, with nothing but a place or a
    role after the name (“… to the crash.” - Clinton. / -Ada Lind, Oslo.); not a hyphen standing
    for a dash inside a sentence ("… a “bully” - Republicans disagreed"), nor a reporter's credit
    after a brief whose quote sits in a sentence of its own ("Vell insisted it was “…”--Ada Lind.")."""
    if reading.view[max(0, end - 1)] not in ".!?…":
        return False
    before = reading.view[max(0, start - 40) : start].rstrip(" \t\"“”'‘’«»")
    if before and before[-1] not in ".!?:\n":
        return False
    following = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    return following is None or "\n" in last.whitespace_ or following.text in (".", ",", "\n")


def _line_end_byline(reading: Reading, end: int):
    """The dash byline ending a vox-pop line whose quote is cut by a nested one.

    “The plan he calls “bold” is the old plan painted blue.” ― Ana Ruiz:
    the first piece ends at the inner mark, far from the dash. Only for a
    line that opens with a quotation mark, and only its last byline.
    """
    line_start = reading.view.rfind("\n", 0, end) + 1
    line_end = reading.view.find("\n", end)
    line_end = len(reading.view) if line_end < 0 else line_end
    if not reading.view[line_start:end].lstrip()[:1] in QUOTE_OPENERS:
        return None
    dashes = list(LINE_BYLINE_DASH.finditer(reading.view, end, line_end))
    return dashes[-1] if dashes else None


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


# After a quote's closing mark: a dash that introduces the speaker's name (“…” ― Ana Ruiz).
BYLINE_DASH = re.compile(r"[\"”’'»]?[^\S\n]*[―—–][^\S\n]*")  # spaces, no line break


# A closing mark, then a hyphen standing for the byline dash (“…” - Ana Ruiz.), or a credit line of
# its own under a quoted paragraph (“…”⏎⏎-Ana Ruiz, Oslo.); checked by `_ends_a_credit`.
HYPHEN_BYLINE = re.compile(r"[\"”’'»](?:[^\S\n]*--?|[^\S\n]*\n\s*(?:--?|[―—–]))[^\S\n]*(?=[A-Z])")


# A closing mark and a byline dash anywhere on a line (see `_line_end_byline`).
LINE_BYLINE_DASH = re.compile(r"[\"”’'»][^\S\n]*[―—–][^\S\n]*")


QUOTE_OPENERS = "“\"«„‘'”"


def _speech_tag_after(reading: Reading, start: int, end: int):
    """A speech tag closing the sentence of a quote that opens it (or follows a dash or a colon):
    "… – “…,” Fedorov said." or "“…,” said the envoy."

    The tag is the writer's own attribution, whatever verb the parser hangs
    the quote on: a quote ending in , ! or ? followed by a subject and a speech
    verb (or a speech verb and its subject) and the sentence's end, or by a
    name and any verb of it ("“Sit down,” Vell barked").
    """
    if reading.view[max(0, end - 1)] not in ",!?":
        return None
    before = reading.view[max(0, start - 12) : max(0, start - 1)].rstrip(" \t\"”’'»")  # past a closed quote too
    if before and before[-1] not in ".!?:–—-\n":
        return None  # a fragment inside a clause ("went on about “…,” and …")
    para = reading.paragraphs.index(max(start, end - 1))
    words = [t for t in _sentence_part(reading, para, end, _next_quote_start(reading, end), forward=True) if not t.is_space]
    words = [t for t in words if not (t.is_punct and t.text in "”\"’'»")][:7]
    if not words or words[0].is_punct:
        return None
    verbs = [t for t in words[:5] if _cue_of(t) == "verb"]
    if not verbs and len(words) > 1 and words[1].pos_ == "VERB" and words[1].lemma_.lower() not in ("be", "have", "do"):
        # "“Go back to your seat,” Vell barked": any verb right after a name or he/she hung on it
        # (the tagger may read the name as part of the verb's phrase)
        named = _is_proper(words[0]) or words[0].lower_ in ("he", "she", "they")
        if named and words[0].head.i == words[1].i and words[0].dep_ in ("nsubj", "compound", "npadvmod", "dep"):
            return para, _Cue("verb", words[1], 0)
    if not verbs:
        return _misread_tag(para, words)
    verb = verbs[0]
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or not all(start <= reading.pos(para, t) or t.i >= words[0].i for t in subjects):
        return None
    if verb.i > words[0].i and not all(t.i in {c.i for s in subjects for c in s.subtree} for t in words[: words.index(verb)]):
        return None  # words between the quote and the verb that are not its subject
    return para, _Cue("verb", verb, 0)


def _misread_tag(para: int, words):
    """A speech tag the parser misread: "“…,” the editorial read." ("read" as a noun), "“…,” Vell
    notes." ("Vell notes" as a compound noun), "“…?” the 43-year-old asked in …" ("asked" hung on "old"). A speech word in a verb's form, after a noun
    phrase with no verb in it, at the end of the tag or before its "in"/"on"/"to" phrase."""
    for k, word in enumerate(words[1:7], start=1):
        if word.is_punct and word.text not in "-'":
            return None
        if word.lemma_.lower() not in SPEECH_LEMMAS or word.tag_ not in ("VBD", "VBN", "VBZ", "NN", "NNS"):
            continue
        following = words[k + 1] if k + 1 < len(words) else None
        if following is not None and not (following.is_punct or following.pos_ in ("ADP", "ADV")):
            return None
        phrase = words[:k]
        if not (phrase[0].lower_ in DETERMINERS or all(_is_proper(t) for t in phrase)) or any(t.pos_ in ("VERB", "AUX") for t in phrase):
            return None
        return para, _Cue("tag", word, 0)
    return None


def _governing_cue(reading: Reading, start: int, end: int):
    """The speech verb the parser hangs the quote on (`told reporters the plan was “…”`)."""
    para = reading.paragraphs.index(start)
    base = reading.paragraphs.starts[para]
    inside = [t for t in reading.docs[para] if start <= base + t.idx < end]
    roots = [t for t in inside if t.head.i == t.i or not start <= base + t.head.idx < end]
    for root in roots[:3]:
        token, below = root, None
        for _ in range(6):
            outside = not reading.inside[base + token.idx]
            if outside and _cue_of(token) == "verb" and not _passes_on(reading, para, token, below) and not _addressed(token):
                if base + token.idx >= end and _reports_its_own_clause(reading, para, end, token):
                    return None  # "“… doctors.” Graham Vell said the plan was “…”": Vell's verb is the next quote's
                if _turn_between(reading, end, base + token.idx):
                    return None  # "“… thaw?” “Here is my answer,” Kunin replied.": the verb's quote is the nearer one
                return para, _Cue("verb", _teller_above(reading, para, token) or token, 0)
            if outside and _owned_utterance(token) is not None and not _describes(below) and not _about(below):
                return para, _Cue("utterance", token, 0)
            if outside and _spells_out_subject(token, below):
                return para, _Cue("utterance", next(c for c in token.children if c.dep_ == "nsubj"), 0)
            for child in token.children:
                if _cue_of(child) == "according" and not reading.inside[base + child.idx]:
                    return para, _Cue("according", child, 0)
            if token.head.i == token.i:
                break
            token, below = token.head, token
    return None


def _spells_out_subject(verb, below) -> bool:
    """The quote completes "is" after someone's utterance: "The union's slogan was “…”", "Her answer is
    that the board “…”" (the slogan's owner speaks).

    Not when someone reports the sentence: in "Lind said Vell's remarks were “…”" the words are Lind's
    verdict on the remarks.
    """
    if verb.lemma_ != "be" or below is None or below.dep_ not in ("attr", "ccomp"):
        return False
    if any(_cue_of(above) == "verb" for above in verb.ancestors):
        return False
    return any(c.dep_ == "nsubj" and _owned_utterance(c) is not None for c in verb.children)


def _turn_between(reading: Reading, end: int, verb_pos: int) -> bool:
    """Another quote opens right after this one, with no word between, before the verb: a new turn
    the verb reports, not a second fragment of one clause ("“…” and “…,” Dean said")."""
    return any(end <= s < verb_pos and not any(ch.isalnum() for ch in reading.view[end:s]) for s, _ in reading.spans)


def _about(below) -> bool:
    """A quote reached through a preposition of an utterance other than "of" ("Holt's remarks about a
    judge “biased”"): it qualifies what the utterance is about, it is not the utterance."""
    return below is not None and below.dep_ == "prep" and below.lower_ != "of"


def _passes_on(reading: Reading, para: int, verb, below) -> bool:
    """A speech verb inside words another verb reports that does not hold the quote itself.

    "The board insisted Vale was speaking about adults and his remarks were
    “…”" (the quote's clause is only joined to "speaking"), "Ruiz said the
    port had agreed to reopen after “…”" (a decision), "Details will not be
    revealed until “…”, a spokesman said" (a passive with no one saying):
    the quote belongs to the verb that reports the clause.
    """
    if verb.dep_ not in ("ccomp", "xcomp") or _cue_of(verb.head) != "verb":
        return False
    if below is not None and below.dep_ == "conj":
        return True
    if _decides(reading, para, verb):
        return True
    return any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)


def _teller_above(reading: Reading, para: int, verb):
    """The "tell" verb a quote really hangs on when the parser gave it to a relative clause, or None.

    "Ruiz told a student who suggested that tenants may stay home that “…”":
    "told" has no reported clause of its own outside the quote, so the
    quote is what it reports.
    """
    if verb.dep_ != "relcl" or verb.head.dep_ not in ("dobj", "dative"):
        return None
    teller = verb.head.head
    if teller.lemma_.lower() not in TELL_LEMMAS or _particle(teller) or not reading.outside(para, teller):
        return None
    reported = [c for c in teller.children if c.dep_ in ("ccomp", "xcomp") and reading.outside(para, c)]
    return None if reported else teller


def _next_quote_start(reading: Reading, end: int) -> int:
    later = [s for s, _ in reading.spans if s >= end]
    return min(later) - 1 if later else len(reading.view)


def _previous_quote_end(reading: Reading, start: int) -> int:
    earlier = [e for _, e in reading.spans if e <= start]
    return max(earlier) + 1 if earlier else 0


def _sentence_part(reading: Reading, para: int, lo: int, hi: int, forward: bool):
    """Tokens between lo and hi in paragraph `para`, cut at a sentence end."""
    base = reading.paragraphs.starts[para]
    lo = max(lo, base)
    hi = min(hi, reading.paragraphs.ends[para])
    tokens = _window(reading, para, lo, hi)
    if forward:
        for i, token in enumerate(tokens):
            if token.text in {".", "!", "?"}:
                return tokens[:i]
        return tokens
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i].text in {".", "!", "?"}:
            return tokens[i + 1 :]
    return tokens


def _window(reading: Reading, para: int, lo: int, hi: int):
    doc = reading.docs[para]
    base = reading.paragraphs.starts[para]
    return [t for t in doc if lo <= base + t.idx < hi and not reading.inside[base + t.idx]]


def _tag_verb_cue(reading: Reading, end: int, after):
    """Any verb in the tag right after a quote that the comma leaves open: "“We won,” Moro beamed."

    Writers vary the speech verb (beamed, smiled, shot back); in the slot
    between a quote ending in , ! or ? and the sentence's end, a subject
    and a verb (or a verb and a name) are a speech tag whatever the verb.
    """
    if reading.view[max(0, end - 1)] not in ",!?" and reading.view[end : end + 2].lstrip("”\"’'»")[:1] not in (",",):
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
