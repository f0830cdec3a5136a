"""A faster encoder: the sentence-transformers model exported to ONNX Runtime.

sentence-transformers' own ONNX backend needs `optimum`, whose releases here
pin transformers below 5, so the export is done directly: the transformer
goes through `torch.onnx.export`, optionally int8-quantised per channel, and
tokenising and pooling are re-done with `tokenizers` and NumPy. Encoding then
needs neither torch nor sentence-transformers, which also shortens start-up.

The export is made once per (weights, backend), in about 10 s, and kept in a
cache folder (`cache_root`). It is written beside its final place and renamed
in one step, so concurrent processes never read a half-written model.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Sequence

import numpy as np

#: Encoder backends: sentence-transformers on torch, ONNX Runtime at float32, ONNX Runtime int8-quantised,
#: and int8 except each layer's feed-forward output projection, which stays float32 (see `export`).
BACKENDS: tuple[str, ...] = ("torch", "onnx", "onnx-int8", "onnx-int8-mixed")
#: The backend each ONNX backend's `quantize` argument of `export` is.
QUANTIZE: dict[str, str | None] = {"onnx": None, "onnx-int8": "int8", "onnx-int8-mixed": "mixed"}
#: MatMul nodes "mixed" leaves at float32: the feed-forward output projection of each layer
#: (`layer.N/output/dense`, not the attention's output), as exported for BERT- and MPNet-style models.
FFN_OUTPUT = re.compile(r"/layer\.\d+/output/dense/")
POOLING_MODES: tuple[str, ...] = ("mean", "cls", "max")
CONFIG_FILE = "onnx_encoder.json"


class OnnxExportError(RuntimeError):
    """The sentence-transformers model cannot be expressed as transformer + pooling (+ normalise)."""


def cache_root() -> Path:
    """`$NEGOTIATION_STANCE_CACHE`, else `~/.cache/negotiation-stance`; the temp folder where neither is writable
    (a serving container or a Spark executor with a read-only home)."""
    root = Path(os.environ.get("NEGOTIATION_STANCE_CACHE") or Path.home() / ".cache" / "negotiation-stance")
    try:
        root.mkdir(parents=True, exist_ok=True)
        if os.access(root, os.W_OK):
            return root
    except OSError:
        pass
    return Path(tempfile.gettempdir()) / "negotiation-stance"


def export_folder(encoder_key: str, backend: str) -> Path:
    """Where the export of these weights with this backend lives in the cache."""
    digest = hashlib.sha256(f"{encoder_key}\0{backend}".encode()).hexdigest()[:24]
    return cache_root() / "onnx" / digest


def export(sentence_transformer, folder: str | os.PathLike, quantize: bool | str | None) -> Path:
    """Write `model.onnx`, `tokenizer.json` and the pooling settings of a loaded SentenceTransformer.

    `quantize`: None / False (float32), ``"int8"`` / True (every weight int8, per channel), or
    ``"mixed"``: int8 except each layer's feed-forward output projection. That projection reads
    the GELU outputs, whose outliers per-tensor activation quantisation crushes: fully quantised,
    all-mpnet-base-v2's embeddings keep only 0.87-0.92 cosine to float32; mixed, 0.98-0.99, at
    about 1.5x float32's speed (MiniLM loses little either way).

    Only the usual layout is supported: a Transformer module, a Pooling module
    (mean, cls or max) and optionally Normalize; anything else raises
    `OnnxExportError` rather than encoding differently from the torch model.
    """
    import torch

    modules = [type(module).__name__ for module in sentence_transformer]
    if modules not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        raise OnnxExportError(f"the ONNX backend supports Transformer + Pooling (+ Normalize) models; this one is {modules}")
    pooling = sentence_transformer[1].get_config_dict()["pooling_mode"]
    if pooling not in POOLING_MODES:
        raise OnnxExportError(f"the ONNX backend supports pooling {POOLING_MODES}; this model uses {pooling!r}")
    transformer = sentence_transformer[0]
    tokenizer = transformer.tokenizer
    if not getattr(tokenizer, "backend_tokenizer", None):
        raise OnnxExportError("the ONNX backend needs a fast (Rust) tokenizer; this model has only a slow one")

    folder = Path(folder)
    staging = folder.with_name(f".{folder.name}.writing-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        sample = tokenizer(["a sentence to trace the graph with", "short"], padding=True, return_tensors="pt")
        input_names = [name for name in ("input_ids", "attention_mask", "token_type_ids") if name in sample]
        network = _last_hidden_state(transformer.auto_model, input_names).eval()
        exported = staging / "float32.onnx"
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes on shapes the dynamic axes already cover
            torch.onnx.export(
                network,
                tuple(sample[name] for name in input_names),
                str(exported),
                input_names=input_names,
                output_names=["last_hidden_state"],
                dynamic_axes={name: {0: "batch", 1: "tokens"} for name in [*input_names, "last_hidden_state"]},
                opset_version=17,
                dynamo=False,  # the TorchScript exporter handles the dynamic batch and length directly
            )
        if quantize:
            import onnx
            from onnxruntime.quantization import QuantType, quantize_dynamic

            keep_float = []
            if quantize == "mixed":
                graph = onnx.load(str(exported), load_external_data=False).graph
                keep_float = [node.name for node in graph.node if node.op_type == "MatMul" and FFN_OUTPUT.search(node.name)]
            # Per-channel int8 keeps MiniLM's embeddings within ~1% cosine of float32; per-tensor loses ~5%.
            quantize_dynamic(exported, staging / "model.onnx", weight_type=QuantType.QInt8, per_channel=True,
                             nodes_to_exclude=keep_float)
            exported.unlink()
        else:
            exported.rename(staging / "model.onnx")
        tokenizer.backend_tokenizer.save(str(staging / "tokenizer.json"))
        config = {
            "inputs": input_names,
            "pooling": pooling,
            "normalize": modules[-1] == "Normalize",
            "max_seq_length": int(sentence_transformer.max_seq_length),
            "dimension": int(sentence_transformer[1].get_config_dict()["embedding_dimension"]),
            "quantized": quantize if isinstance(quantize, str) else bool(quantize),
        }
        (staging / CONFIG_FILE).write_text(json.dumps(config, indent=2))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        staging.rename(folder)
    except OSError:  # another process finished the same export first; theirs is identical
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def _last_hidden_state(auto_model, input_names: list[str]):
    """The Hugging Face model as a module that takes plain tensors and returns one, for export."""
    import torch

    class LastHiddenState(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = auto_model

        def forward(self, *tensors):
            return self.model(**dict(zip(input_names, tensors))).last_hidden_state

    return LastHiddenState()


def _thread_budget() -> int:
    """$OMP_NUM_THREADS where it is a number (it caps torch's threads too; a sweep's worker sets 1), else the CPUs."""
    try:
        return int(os.environ.get("OMP_NUM_THREADS", "")) or os.cpu_count() or 1
    except ValueError:
        return os.cpu_count() or 1


class OnnxSentenceModel:
    """Encodes texts with an exported folder exactly as the SentenceTransformer did (up to quantisation).

    Batches run side by side, one CPU thread each (`workers` of them, one per
    CPU by default), rather than one batch at a time over all threads: on 2
    CPUs that encodes about 10 % more texts per second, and a batch never
    waits for the others' threads while the pipeline parses on the same CPUs.
    """

    def __init__(self, folder: str | os.PathLike, workers: int | None = None):
        import onnxruntime
        from tokenizers import Tokenizer

        folder = Path(folder)
        self.config = json.loads((folder / CONFIG_FILE).read_text())
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.config["max_seq_length"])
        self.tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"])
        self.workers = max(1, workers or _thread_budget())
        self._pool: ThreadPoolExecutor | None = None

    @property
    def dimension(self) -> int:
        return int(self.config["dimension"])

    def encode(self, texts: Sequence[str], batch_size: int = 16) -> np.ndarray:
        """Float32 embeddings, one row per text; longest first, so each batch pads little.

        A call with fewer than `workers` full batches is cut into `workers`
        smaller ones, so a single article uses every CPU too.
        """
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = np.argsort([-len(text) for text in texts], kind="stable")
        size = max(1, min(batch_size, -(-len(texts) // self.workers)))
        batches = [order[start : start + size] for start in range(0, len(texts), size)]

        def encode_batch(rows: np.ndarray) -> None:
            vectors[rows] = self._encode_batch([texts[i] for i in rows])

        if len(batches) <= 1 or self.workers == 1:
            for rows in batches:
                encode_batch(rows)
        else:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="onnx-encoder")
            list(self._pool.map(encode_batch, batches))
        return vectors

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        arrays = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        hidden = self.session.run(None, {name: arrays[name] for name in self.config["inputs"]})[0]
        mask = arrays["attention_mask"][..., None].astype(np.float32)
        if self.config["pooling"] == "mean":
            pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
        elif self.config["pooling"] == "cls":
            pooled = hidden[:, 0]
        else:
            pooled = np.where(mask > 0, hidden, -1e9).max(axis=1)
        if self.config["normalize"]:
            pooled = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return pooled.astype(np.float32)
