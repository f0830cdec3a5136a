"""Contrastive tuning of the encoder's top layers (SetFit's idea, sentence-transformers' trainer).

Texts with the same stance are pulled together and texts with different
stances pushed apart (batch-all triplet loss over label-grouped batches).
Only the top transformer layers learn, so a tuned model is the bundled
encoder plus a small patch of weights (a few MB) that saves as plain arrays
beside the head: the shipped model stays small and pickle-free.
"""

from __future__ import annotations

import os
import re
import tempfile
from typing import Mapping, Sequence

import numpy as np

_LAYER = re.compile(r"\.layer\.(\d+)\.")


def tunable_parameters(model, layers: int) -> list[str]:
    """Names of the parameters in the top `layers` transformer layers."""
    names = [name for name, _ in model.named_parameters()]
    depth = 1 + max(int(m.group(1)) for name in names if (m := _LAYER.search(name)))
    top = {str(i) for i in range(depth - layers, depth)}
    return [name for name in names if (m := _LAYER.search(name)) and m.group(1) in top]


def apply_patch(model, patch: Mapping[str, np.ndarray]) -> None:
    """Overwrite the named parameters with tuned values (shapes must match)."""
    import torch

    parameters = dict(model.named_parameters())
    missing = sorted(set(patch) - set(parameters))
    if missing:
        raise ValueError(f"the encoder has no parameters named {missing[:3]}...: the patch was tuned on another encoder")
    with torch.no_grad():
        for name, value in patch.items():
            if tuple(parameters[name].shape) != value.shape:
                raise ValueError(f"parameter {name} has shape {tuple(parameters[name].shape)}, the patch {value.shape}")
            parameters[name].copy_(torch.from_numpy(np.asarray(value, dtype=np.float32)))


def tune_top_layers(
    model,
    texts: Sequence[str],
    label_ids: Sequence[int],
    layers: int = 2,
    epochs: int = 4,
    batch_size: int = 32,
    learning_rate: float = 5e-5,
    seed: int = 0,
) -> dict[str, np.ndarray]:
    """Tune `model` in place and return the changed weights (the patch)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from datasets import Dataset
    from sentence_transformers import SentenceTransformerTrainer, SentenceTransformerTrainingArguments
    from sentence_transformers.sentence_transformer.losses import BatchAllTripletLoss

    tuned = set(tunable_parameters(model, layers))
    for name, parameter in model.named_parameters():
        parameter.requires_grad = name in tuned
    with tempfile.TemporaryDirectory() as scratch:
        arguments = SentenceTransformerTrainingArguments(
            output_dir=scratch,
            num_train_epochs=epochs,
            per_device_train_batch_size=batch_size,
            learning_rate=learning_rate,
            seed=seed,
            save_strategy="no",
            logging_strategy="no",
            report_to="none",  # the trainer would otherwise log to MLflow on its own
            use_cpu=True,
            disable_tqdm=True,
            batch_sampler="group_by_label",  # several texts of each label per batch, so every batch has triplets
        )
        data = Dataset.from_dict({"sentence": list(texts), "label": list(label_ids)})
        trainer = SentenceTransformerTrainer(model=model, args=arguments, train_dataset=data, loss=BatchAllTripletLoss(model))
        trainer.train()
    model.eval()
    return {name: p.detach().cpu().numpy().astype(np.float32) for name, p in model.named_parameters() if name in tuned}
