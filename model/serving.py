"""The whole pipeline as an MLflow pyfunc model (quotes → speakers → stance).

Input: a DataFrame with a `text` column and an optional `doc_id` column.
Output: one row per quote — `doc_id, start, end, quote, speaker,
speaker_mention, stance, confidence`, `p_<label>` per label and `on_topic`
(the probability that the quote is about the talks at all; empty for a
model without that head), then `speaker_id, speaker_name`: the speaker's
identity across the articles of the call (`identity.py`: `Zelenskiy` in one
article and `Volodymyr Zelenskyy` in another are one id). With the
parameter `output="per_article"` it returns instead one row per article, a
`quotes` column holding that article's rows as a JSON array: what Spark's
`spark_udf` needs, since it wants exactly one answer per input row (see
`spark.py`).

Training logs it as a "model from code" (`mlflow_entry.py`), with the stance
classifier's folder as the artifact `stance_model`, so `mlflow.pyfunc.load_model`
and `mlflow models serve` rebuild exactly the pipeline `predict()` runs.
"""

from __future__ import annotations

import json
from typing import Any

import mlflow.pyfunc
import pandas as pd

from .identity import SpeakerIdentities
from .predict import pipeline_for
from .records import Quote
from .stance import LABELS, StanceClassifier

OUTPUT_COLUMNS = ["doc_id", "start", "end", "quote", "speaker", "speaker_mention", "stance", "confidence"] + [
    f"p_{label}" for label in LABELS
] + ["on_topic"]

# Archive-wide speaker identity (model/identity.py), filled over all the articles of one call / one batch run.
IDENTITY_COLUMNS = ["speaker_id", "speaker_name"]
OUTPUT_COLUMNS = OUTPUT_COLUMNS + IDENTITY_COLUMNS


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
            "on_topic": quote.on_topic,
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
        output = (params or {}).get("output", "rows")
        per_article = [quote_rows(doc_id, quotes) for doc_id, quotes in zip(doc_ids, self.pipeline.run_many(texts))]
        SpeakerIdentities().fit(row for rows in per_article for row in rows).add_columns(
            [row for rows in per_article for row in rows])
        if output == "per_article":
            return pd.DataFrame({"quotes": [json.dumps(rows, ensure_ascii=False) for rows in per_article]})
        if output != "rows":
            raise ValueError(f"params 'output' must be 'rows' or 'per_article', got {output!r}")
        return pd.DataFrame([row for rows in per_article for row in rows], columns=OUTPUT_COLUMNS)
