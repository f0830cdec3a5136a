"""One experiment = one YAML file in `experiments/`: encoder, input mode, head, seed.

    name: minilm-logreg-context
    description: Frozen MiniLM embeddings of quote and sentence, logistic regression.
    encoder: all-MiniLM-L6-v2      # or tfidf, or a local sentence-transformers folder
    encoder_backend: torch         # torch | onnx | onnx-int8 | onnx-int8-mixed (ONNX Runtime, exported locally)
    input_mode: quote+context      # quote | context | quote+context
    lexical_weight: 0.0            # > 0: TF-IDF features beside the embeddings
    head: {C: 2.0, class_weight: balanced}
    calibration: temperature       # or none
    seed: 13
    finetune: {epochs: 4, layers: 2}   # optional: contrastive tuning of the encoder's top layers
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from model.onnx_encoder import BACKENDS
from model.stance import INPUT_MODES, StanceClassifier

from .stance_data import BATCHES

#: The experiment the README's main job trains and the shipped default model comes from.
DEFAULT_EXPERIMENT = Path(__file__).resolve().parent.parent / "experiments" / "mpnet_tfidf_two_heads_onnx_int8.yaml"


class ExperimentError(ValueError):
    """An experiment file is missing, unreadable or names an unknown setting."""


@dataclass
class FineTune:
    """Contrastive tuning of the encoder's top layers before the head (see `model/tuning.py`)."""

    epochs: int = 4
    layers: int = 2
    batch_size: int = 32
    learning_rate: float = 5e-5


@dataclass
class Experiment:
    name: str
    description: str = ""
    encoder: str = "all-MiniLM-L6-v2"
    #: How the encoder runs: "torch", or ONNX Runtime at float32 ("onnx") or int8 ("onnx-int8").
    encoder_backend: str = "torch"
    input_mode: str = "quote+context"
    #: Weight of TF-IDF features beside the embeddings (0: embeddings only).
    lexical_weight: float = 0.0
    head: dict[str, Any] = field(default_factory=lambda: {"C": 1.0, "class_weight": "balanced"})
    calibration: str = "temperature"
    seed: int = 13
    finetune: FineTune | None = None
    #: Data batches (see `stance_data.BATCHES`); each one listed adds a stance head fitted on every
    #: training row *except* that batch's, and the model averages every head's probabilities
    #: (`StanceClassifier.fit(subsets=...)`). `[december]`: a second head that never sees the December batch.
    heads_without: list[str] = field(default_factory=list)
    #: Read negated refusals ("we will not be the ones to refuse") as one TF-IDF word (`model.stance.mark_negated_refusals`).
    negated_refusals: bool = False
    #: Embed a fragment of a reported clause with its sentence in the quote slot (`model.stance.is_fragment`).
    fragment_in_sentence: bool = False
    source: Path | None = None

    @classmethod
    def from_yaml(cls, path: str | Path) -> "Experiment":
        path = Path(path)
        if not path.is_file():
            raise ExperimentError(f"experiment file not found: {path}")
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise ExperimentError(f"{path}: not valid YAML ({error})") from error
        if not isinstance(raw, dict) or "name" not in raw:
            raise ExperimentError(f"{path}: an experiment is a mapping with at least 'name'")
        known = {f.name for f in dataclasses.fields(cls)} - {"source"}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ExperimentError(f"{path}: unknown keys {unknown}; known keys are {sorted(known)}")
        head = raw.get("head") or {}
        unknown_head = sorted(set(head) - {"C", "class_weight"})
        if unknown_head:
            raise ExperimentError(f"{path}: unknown head keys {unknown_head}; the head takes C and class_weight")
        if raw.get("input_mode", "quote+context") not in INPUT_MODES:
            raise ExperimentError(f"{path}: input_mode must be one of {INPUT_MODES}, got {raw['input_mode']!r}")
        if raw.get("encoder_backend", "torch") not in BACKENDS:
            raise ExperimentError(f"{path}: encoder_backend must be one of {BACKENDS}, got {raw['encoder_backend']!r}")
        heads_without = raw.get("heads_without") or []
        if not isinstance(heads_without, list) or set(heads_without) - set(BATCHES):
            raise ExperimentError(f"{path}: heads_without must list data batches out of {list(BATCHES)}, got {heads_without!r}")
        finetune = raw.get("finetune")
        if finetune is not None:
            try:
                finetune = FineTune(**finetune)
            except TypeError as error:
                raise ExperimentError(f"{path}: finetune: {error}") from error
        return cls(**{**raw, "head": {"C": 1.0, "class_weight": "balanced", **head}, "finetune": finetune, "source": path})

    def with_overrides(self, **overrides: Any) -> "Experiment":
        """A copy with some settings changed (a sweep's grid point); `C` and `class_weight` go to the head."""
        head = {**self.head, **{k: overrides.pop(k) for k in ("C", "class_weight") if k in overrides}}
        return dataclasses.replace(self, head=head, **overrides)

    def classifier(self, cache_dir: str | None = None) -> StanceClassifier:
        """The untrained classifier this experiment describes."""
        tune = self.finetune or FineTune(epochs=0)
        return StanceClassifier(
            encoder=self.encoder,
            encoder_backend=self.encoder_backend,
            input_mode=self.input_mode,
            lexical_weight=float(self.lexical_weight),
            C=float(self.head["C"]),
            class_weight=self.head["class_weight"],
            calibration=self.calibration,
            random_state=self.seed,
            finetune_epochs=tune.epochs,
            finetune_layers=tune.layers,
            finetune_batch_size=tune.batch_size,
            finetune_learning_rate=tune.learning_rate,
            cache_dir=cache_dir,
            negated_refusals=bool(self.negated_refusals),
            fragment_in_sentence=bool(self.fragment_in_sentence),
        )

    def params(self) -> dict[str, Any]:
        """Flat parameters for MLflow."""
        flat = {
            "encoder": self.encoder,
            "encoder_backend": self.encoder_backend,
            "input_mode": self.input_mode,
            "lexical_weight": self.lexical_weight,
            "head": "logistic_regression",
            "head_C": self.head["C"],
            "head_class_weight": self.head["class_weight"],
            "calibration": self.calibration,
            "seed": self.seed,
            "finetune": self.finetune is not None,
            "heads_without": ",".join(self.heads_without) or "none",
            "negated_refusals": bool(self.negated_refusals),
            "fragment_in_sentence": bool(self.fragment_in_sentence),
        }
        if self.finetune:
            flat.update({f"finetune_{k}": v for k, v in dataclasses.asdict(self.finetune).items()})
        return flat
