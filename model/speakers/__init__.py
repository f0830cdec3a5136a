"""Stage 2: say who said each quote.

`SpeakerAttributor` parses the article with spaCy, registers its people and
bodies, and for each quote:

1. finds the **cue** (`cues.py`): a vox-pop dash, a speech verb next to the
   quote, ``according to``, the owner of a claim, a colon line, any verb in a
   speech tag; failing those (`sentence_cues.py`) a transcript label, the
   subject of the sentence holding a quoted fragment, or a speech verb in the
   sentence just before; a quote with no cue continues the previous speaker
   (`cue_words.py` says which single words can be cues);
2. takes the cue's **subject** as the speaker mention (`mentions.py`):
   ``she``, ``the spokesman``, ``Foreign Minister Anna Berg``, ``the
   ministry``; an ad, statement or letter gives way to the person behind it
   (`documents.py`), and `clauses.py` walks from a participle or joined verb
   to the clause that holds its subject;
3. **resolves** the mention (`resolve.py`) with the article's registry of
   people and bodies (`registry.py`, filled by `people.py`): pronouns go to
   the last compatible person, roles to the person who held that role,
   surnames and spelling variants to one canonical name.

`article.py` makes the text ready for the parser and holds `Reading`, the
parsed article the steps share; `phrases.py` reads noun phrases and names off
the parse; `vocabulary.py` holds the word lists; `attributor.py` runs it all.
"""

from .article import SPACY_MODEL, WINDOW_CHARS, load_spacy, masked_quotes
from .attributor import SpeakerAttributor
from .registry import SpeakerRegistry, gender_of_first_name, normalize_name, same_surname
from .vocabulary import ORG_WORDS

__all__ = [
    "ORG_WORDS", "SPACY_MODEL", "WINDOW_CHARS", "SpeakerAttributor", "SpeakerRegistry",
    "gender_of_first_name", "load_spacy", "masked_quotes", "normalize_name", "same_surname",
]
