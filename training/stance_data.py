"""The project's labelled stance data (`data/stance/`), checked row by row, loaded with `datasets`.

Every file is read and checked before anything trains: a malformed line, a
wrong type, an unknown label, an empty quote, a duplicate id or a split
missing a label stops with an error that names the file, the line and the
field.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from model.stance import LABELS

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "stance"
#: File stem → split name. `heldout_setting` is one whole setting no model trains or tunes on.
SPLITS: tuple[str, ...] = ("train", "validation", "test", "heldout_setting")
FIELDS: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "quote": (str,),
    "context": (str,),
    "speaker": (str,),
    "setting": (str,),
    "label": (str,),
    "on_topic": (bool,),
    "hard_case": (str, type(None)),
}
HARD_CASES = (
    "fragment", "clause_flips", "cautious_optimism", "sarcasm", "distrust", "accusation", "negated",
    # The hard cases real news raised (ANNOTATION.md section 3), added with the December 2026 data.
    "pressure_for_deal", "ultimatum", "conditional_readiness", "stalling", "pro_deal_attack", "conflict_report", "reported_word",
    # Firm positions stated calmly ("not up for negotiation", "a red line"), added in December 2026.
    "firm_position",
)

#: The data's batches, told apart by their ids (see the data card): `<setting>-NNN` rows were written in
#: November 2026 in a tidy register, `<setting>-nNNN` rows in December 2026 in the register of real news,
#: `<setting>-negNNN` rows (December 2026) on negated rejections ("we will not be the ones to walk away"),
#: `<setting>-firmNNN` rows (December 2026) on firm positions stated calmly, with contrasts.
BATCHES: tuple[str, ...] = ("november", "december", "negation", "firm")
_BATCH_IDS = (("negation", re.compile(r"-neg\d+$")), ("firm", re.compile(r"-firm\d+$")), ("december", re.compile(r"-n\d+$")))


def batch_of(row: dict) -> str:
    """The batch a row belongs to, read from its id."""
    return next((batch for batch, pattern in _BATCH_IDS if pattern.search(row["id"])), "november")


class StanceDataError(ValueError):
    """A data file breaks the format; the message names each file, line and field."""


def _check_row(row: object, where: str) -> list[str]:
    if not isinstance(row, dict):
        return [f"{where}: a row must be a JSON object, got {type(row).__name__}"]
    problems = []
    for name, types in FIELDS.items():
        if name not in row:
            problems.append(f"{where}: field '{name}' is missing")
        elif not isinstance(row[name], types):
            expected = " or ".join("null" if t is type(None) else t.__name__ for t in types)
            problems.append(f"{where}: field '{name}' must be {expected}, got {type(row[name]).__name__} {row[name]!r:.40}")
    for name in sorted(set(row) - set(FIELDS)):
        problems.append(f"{where}: unknown field '{name}'")
    if problems:
        return problems
    if row["label"] not in LABELS:
        problems.append(f"{where}: field 'label' is {row['label']!r}; the labels are {', '.join(LABELS)}")
    for name in ("id", "quote", "context", "setting"):
        if not row[name].strip():
            problems.append(f"{where}: field '{name}' is empty")
    if row["hard_case"] is not None and row["hard_case"] not in HARD_CASES:
        problems.append(f"{where}: field 'hard_case' is {row['hard_case']!r}; use null or one of {', '.join(HARD_CASES)}")
    return problems


def read_split(path: Path, seen_ids: dict[str, str] | None = None) -> list[dict]:
    """The rows of one JSONL file, or a `StanceDataError` listing every bad line (up to 20)."""
    seen_ids = {} if seen_ids is None else seen_ids
    rows, problems = [], []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            where = f"{path}:{number}"
            if not line.strip():
                problems.append(f"{where}: blank line")
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"{where}: not valid JSON ({error.msg} at column {error.colno})")
                continue
            row_problems = _check_row(row, where)
            if not row_problems:
                if row["id"] in seen_ids:
                    row_problems.append(f"{where}: field 'id' {row['id']!r} duplicates {seen_ids[row['id']]}")
                else:
                    seen_ids[row["id"]] = where
            problems.extend(row_problems)
            rows.append(row)
    if problems:
        shown = problems[:20] + ([f"... and {len(problems) - 20} more"] if len(problems) > 20 else [])
        raise StanceDataError("bad stance data:\n  " + "\n  ".join(shown))
    return rows


def read_stance_data(directory: str | os.PathLike = DATA_DIR) -> dict[str, list[dict]]:
    """Check every split file (ids unique across files, every label in every split) and return the rows."""
    directory = Path(directory)
    seen: dict[str, str] = {}
    splits = {}
    for split in SPLITS:
        path = directory / f"{split}.jsonl"
        if not path.is_file():
            raise StanceDataError(f"{path}: split file missing (expected {', '.join(s + '.jsonl' for s in SPLITS)})")
        splits[split] = read_split(path, seen)
        missing = [label for label in LABELS if not any(row["label"] == label for row in splits[split])]
        if missing:
            raise StanceDataError(f"{path}: split '{split}' has no rows labelled {', '.join(missing)}")
    return splits


def load_stance_data(directory: str | os.PathLike = DATA_DIR):
    """The checked splits as a Hugging Face `DatasetDict` read from the local files."""
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    from datasets import load_dataset

    read_stance_data(directory)  # fails with file and line before datasets sees a bad row
    files = {split: str(Path(directory) / f"{split}.jsonl") for split in SPLITS}
    return load_dataset("json", data_files=files)


def data_version(directory: str | os.PathLike = DATA_DIR) -> str:
    """A short hash of the split files: the same data, the same version."""
    digest = hashlib.sha256()
    for split in SPLITS:
        digest.update((Path(directory) / f"{split}.jsonl").read_bytes())
    return digest.hexdigest()[:12]
