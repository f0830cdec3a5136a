import json
import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="module")
def small_data(tmp_path_factory):
    """The shipped stance splits cut to 20 rows per label (train 40), so a real training run takes seconds."""
    from model.stance import LABELS
    from training.stance_data import SPLITS, read_stance_data

    folder = tmp_path_factory.mktemp("stance")
    splits = read_stance_data()
    for split in SPLITS:
        keep = 40 if split == "train" else 20
        rows = [r for label in LABELS for r in [r for r in splits[split] if r["label"] == label][:keep]]
        (folder / f"{split}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return folder
