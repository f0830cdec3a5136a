"""negotiation-stance: quotes, speakers and stance in news about negotiations.

    from model import predict
    for quote in predict(article_text):
        print(quote.speaker, quote.stance, quote.confidence, quote.text)

Where each thing is decided: `quotes.py` finds quotes, `speakers/` chooses
their speakers, `stance.py` decides the label, `pipeline.py` runs the stages.
"""

from .pipeline import Pipeline, StanceLabeller, extract
from .predict import DEFAULT_MODEL_DIR, load_pipeline, predict
from .quotes import MAX_QUOTE_CHARS, find_quotes
from .records import Person, Quote
from .speakers import SpeakerAttributor
from .stance import LABELS, ModelFileError, StanceClassifier, StanceInput

__all__ = [
    "DEFAULT_MODEL_DIR",
    "LABELS",
    "MAX_QUOTE_CHARS",
    "ModelFileError",
    "Person",
    "Pipeline",
    "Quote",
    "SpeakerAttributor",
    "StanceClassifier",
    "StanceInput",
    "StanceLabeller",
    "extract",
    "find_quotes",
    "load_pipeline",
    "predict",
]
