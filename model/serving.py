"""The whole pipeline as an MLflow pyfunc model (quotes → speakers → stance).

Input: a DataFrame with a `text` column and an optional `doc_id` column.
Output: one row per quote — `doc_id, start, end, quote, speaker,
speaker_mention, stance, confidence` and `p_<label>` per label.

Training logs it as a "model from code" (`mlflow_entry.py`), with the stance
classifier's folder as the artifact `stance_model`, so `mlflow.pyfunc.load_model`
and `mlflow models serve` rebuild exactly the pipeline `predict()` runs.
"""

from __future__ import annotations

from typing import Any

import mlflow.pyfunc
import pandas as pd

from .predict import pipeline_for
from .records import Quote
from .stance import LABELS, StanceClassifier

OUTPUT_COLUMNS = ["doc_id", "start", "end", "quote", "speaker", "speaker_mention", "stance", "confidence"] + [
    f"p_{label}" for label in LABELS
]


def quote_rows(doc_id: str, quotes: list[Quote]) -> list[dict[str, Any]]:
    """One output row per quote."""
    return [
        {
            "doc_id": doc_id,
            "start": quote.start,
            "end": quote.end,
            "quote": quote.text,
            "speaker": quote.speaker,
            "speaker_mention": quote.speaker_mention,
            "stance": quote.stance,
            "confidence": quote.confidence,
            **{f"p_{label}": quote.probabilities.get(label) for label in LABELS},
        }
        for quote in quotes
    ]


class NegotiationStanceModel(mlflow.pyfunc.PythonModel):
    """Loads the stance classifier from the model's artifacts and runs the full pipeline."""

    def load_context(self, context) -> None:
        self.pipeline = pipeline_for(StanceClassifier.load(context.artifacts["stance_model"]))

    def predict(self, context, model_input: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
        if isinstance(model_input, dict):
            model_input = pd.DataFrame(model_input)
        if "text" not in model_input.columns:
            raise ValueError(f"the input needs a 'text' column; it has {list(model_input.columns)}")
        texts = [text if isinstance(text, str) else "" for text in model_input["text"]]
        if "doc_id" in model_input.columns:
            doc_ids = [str(doc_id) for doc_id in model_input["doc_id"]]
        else:
            doc_ids = [str(index) for index in range(len(texts))]
        rows = []
        for doc_id, quotes in zip(doc_ids, self.pipeline.run_many(texts)):
            rows.extend(quote_rows(doc_id, quotes))
        return pd.DataFrame(rows, columns=OUTPUT_COLUMNS)
