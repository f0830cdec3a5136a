"""negotiation-stance: quotes, speakers and stance in news about negotiations.

    from model import extract
    for quote in extract(article_text):
        print(quote.speaker, "→", quote.text)
"""

from .pipeline import Pipeline, extract
from .quotes import MAX_QUOTE_CHARS, find_quotes
from .records import Person, Quote
from .speakers import SpeakerAttributor

__all__ = ["MAX_QUOTE_CHARS", "Person", "Pipeline", "Quote", "SpeakerAttributor", "extract", "find_quotes"]
