"""`predict()`: the public entry point — article(s) in, `Quote` records with speaker and stance out.

    from model import predict
    quotes = predict(text)                       # list[Quote]
    many = predict([text1, text2])               # list[list[Quote]]
    predict(text, model_uri="models:/negotiation-stance@champion")

Without `model_uri` the model shipped in `model/default_model/` is used (no
MLflow store needed). Each model loads once per process; `predict` may be
called from several threads.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Sequence, overload

from .pipeline import Pipeline, StanceLabeller
from .records import Quote
from .stance import StanceClassifier

#: The model produced by the default experiment from the shipped data.
DEFAULT_MODEL_DIR = Path(__file__).with_name("default_model")

#: Where runs and registered models live when MLFLOW_TRACKING_URI is unset (training uses the same).
DEFAULT_TRACKING_URI = "sqlite:///mlflow.db"

#: Loaded pipelines by (tracking store, model URI): `models:/x/1` in two stores are two models.
_PIPELINES: dict[tuple[str | None, str | None], Pipeline] = {}
_LOCK = threading.Lock()


def pipeline_for(classifier: StanceClassifier) -> Pipeline:
    """The full pipeline around a stance classifier."""
    return Pipeline(label_stance=StanceLabeller(classifier))


def use_default_tracking_uri() -> None:
    """Point MLflow at the project's SQLite store unless the user chose a store.

    (MLflow's own fallback switches to a file store when a `./mlruns` folder
    exists, which the SQLite store's artifacts create.)
    """
    import mlflow
    from mlflow.tracking._tracking_service.utils import is_tracking_uri_set

    if not is_tracking_uri_set():
        mlflow.set_tracking_uri(DEFAULT_TRACKING_URI)


def _pinned(model_uri: str | None) -> str | None:
    """`models:/name@alias` → `models:/name/<version>`, so a moved alias loads the new model."""
    if model_uri is None or not model_uri.startswith("models:/"):
        return model_uri
    use_default_tracking_uri()
    if "@" not in model_uri:
        return model_uri
    from mlflow.tracking import MlflowClient

    name, alias = model_uri.removeprefix("models:/").split("@", 1)
    return f"models:/{name}/{MlflowClient().get_model_version_by_alias(name, alias).version}"


def load_pipeline(model_uri: str | None = None) -> Pipeline:
    """The pipeline for `model_uri` (None: the shipped default), loaded once per process."""
    model_uri = _pinned(model_uri)
    store = None
    if model_uri is not None and ":/" in model_uri and not model_uri.startswith("file:"):
        import mlflow

        store = mlflow.get_tracking_uri()
    key = (store, model_uri)
    with _LOCK:
        if key not in _PIPELINES:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            if model_uri is None:
                _PIPELINES[key] = pipeline_for(StanceClassifier.load(DEFAULT_MODEL_DIR))
            else:
                import mlflow.pyfunc

                _PIPELINES[key] = mlflow.pyfunc.load_model(model_uri).unwrap_python_model().pipeline
        return _PIPELINES[key]


@overload
def predict(texts: str, model_uri: str | None = None) -> list[Quote]: ...
@overload
def predict(texts: Sequence[str], model_uri: str | None = None) -> list[list[Quote]]: ...


def predict(texts, model_uri=None):
    """Quotes of one article (a str) or of each article in a list, with speaker and stance."""
    if isinstance(texts, str):
        return load_pipeline(model_uri).run_many([texts])[0]
    if isinstance(texts, (list, tuple)):
        for index, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"predict() takes a str or a list of str; item {index} is {type(text).__name__}: {text!r:.60}")
        return load_pipeline(model_uri).run_many(list(texts)) if texts else []
    raise TypeError(f"predict() takes a str or a list of str, got {type(texts).__name__}: {texts!r:.60}")
